-- One row per city: the comparable figures of its campaign's latest report, ranks among the cities
-- that report each figure, and a plain-language caveat. Where a city has several campaigns, the one
-- with the latest as-of date wins.

with cities as (

    select * from {{ ref('dim_city') }}

),

campaigns as (

    select * from {{ ref('dim_campaign') }}

),

progress as (

    select * from {{ ref('fct_campaign_progress') }}

),

latest as (

    select
        progress.*,
        campaigns.name_zh as campaign_name_zh,
        campaigns.name_en as campaign_name_en,
        campaigns.comparability_note,
        campaigns.comparability_note_zh,
        row_number() over (partition by progress.city_id order by progress.as_of_date desc, progress.campaign_id asc) as recency
    from progress
    inner join campaigns
        on progress.campaign_id = campaigns.campaign_id
    where progress.is_latest

),

joined as (

    select
        cities.city_id,
        cities.admin_code,
        cities.name_zh_hans,
        cities.name_en,
        cities.display_name_zh,
        cities.display_name_en,
        cities.admin_level,
        cities.province_en,
        -- The excluded names are columns of latest (sqlfluff reads them as unqualified references).
        latest.* exclude (city_id, recency)  -- noqa: RF02
    from cities
    left join latest
        on cities.city_id = latest.city_id
        and latest.recency = 1

),

final as (

    select
        city_id,
        admin_code,
        name_zh_hans,
        name_en,
        display_name_zh,
        display_name_en,
        admin_level,
        province_en,
        campaign_id,
        campaign_name_zh,
        campaign_name_en,
        plan_year,
        as_of_date,
        report_count,
        figures_are,
        project_count,
        total_investment,
        annual_planned_investment,
        completed_investment,
        investment_completion_rate,
        pace_index,
        annual_plan_share,
        investment_per_project,
        projects_started,
        start_rate,
        elapsed_share_of_year,
        -- rank() puts NULLs last; a city that does not report a figure gets no rank for it.
        case when project_count is not null
            then rank() over (order by project_count desc nulls last) end::integer as project_count_rank,
        case when total_investment is not null
            then rank() over (order by total_investment desc nulls last) end::integer as total_investment_rank,
        case when investment_completion_rate is not null
            then rank() over (order by investment_completion_rate desc nulls last) end::integer
            as investment_completion_rate_rank,
        case when pace_index is not null
            then rank() over (order by pace_index desc nulls last) end::integer as pace_index_rank,
        concat_ws(' ',
            case when figures_are = 'targets'
                then 'A plan: its figures are targets, not achievements.' end,
            'Figures as of ' || strftime(as_of_date, '%Y-%m-%d') || ' (' || plan_year || ').',
            case admin_level
                when 'municipality' then 'A municipality (province level), far larger than the prefecture-level cities.'
                when 'county' then 'A county, far smaller than the prefecture-level cities.'
                when 'county_level_city' then 'A county-level city, far smaller than the prefecture-level cities.'
                when 'district' then 'A district, far smaller than the prefecture-level cities.'
            end,
            case when report_count > 1
                then 'The latest of ' || report_count || ' reports of the campaign.' end,
            case when carried_forward is not null
                then 'Portfolio figures (' || carried_forward || ') from an earlier report.' end,
            case when conflicting_figure_count > 0
                then conflicting_figure_count || ' figure(s) on which its documents disagree (left out).' end,
            case when completed_investment is null and figures_are = 'status'
                then 'No completed investment reported, so no completion rate or pace.' end,
            comparability_note
        ) as caveat,
        -- The same caveat in Chinese, built from the same data (the app shows it on the Chinese pages).
        concat(
            case when figures_are = 'targets'
                then '这是一份方案:其中的数字是目标,不是实绩。' end,
            '数字截至 ' || strftime(as_of_date, '%Y-%m-%d') || '(' || plan_year || '年)。',
            case admin_level
                when 'municipality' then '直辖市(省级),规模远大于地级市。'
                when 'county' then '县,规模远小于地级市。'
                when 'county_level_city' then '县级市,规模远小于地级市。'
                when 'district' then '市辖区,规模远小于地级市。'
            end,
            case when report_count > 1
                then '取该行动 ' || report_count || ' 份报道中最新的一份。' end,
            case when carried_forward is not null
                then '项目清单数字(项目数、总投资、年度计划)取自较早的报道。' end,
            case when conflicting_figure_count > 0
                then '有 ' || conflicting_figure_count || ' 个数字各文件说法不一(未计入)。' end,
            case when completed_investment is null and figures_are = 'status'
                then '未报告已完成投资,因此没有完成率和进度指数。' end,
            coalesce(comparability_note_zh, '')
        ) as caveat_zh
    from joined

)

select * from final
