-- Sub-city scopes (districts, programmes, named projects) against their city's totals.
--
-- One row per sub-city scope and as-of date that gives a project count or a total investment, with the city-wide
-- figure of the same campaign beside it and the share. The qualifier of the scope's figure is carried
-- through to the share: Fuzhou's 仓山区 has 近200 (nearly 200) projects, an upper bound, so its share
-- of the city's 1755 is at most 200/1755 and has no lower bound. Districts do not overlap, so their
-- reported total is given (as bounds); programmes may overlap or lie outside the city's list (Leling's
-- special-bond projects total more than its key projects), so they are never added up. A plan's
-- figures (Qingtian) are targets: is_target says so on every row.

with scopes as (

    select * from {{ ref('fct_project_progress') }}

),

campaigns as (

    select * from {{ ref('dim_campaign') }}

),

cities as (

    select * from {{ ref('dim_city') }}

),

figures as (

    select * from {{ ref('fct_figure') }}

),

-- One statement per figure (several documents may state it; a figure they disagree on has none),
-- so that each scope and date joins once.
observations as (

    select * from {{ ref('fct_observation') }}
    where observation_id in (select figures.observation_id from figures)

),

scope_counts as (

    select * from observations
    where metric_id = 'project_count' and scope_level <> 'city'

),

scope_investment as (

    select * from observations
    where metric_id = 'total_investment' and scope_level <> 'city'

),

city_counts as (

    select * from observations
    where metric_id = 'project_count' and scope_level = 'city'

),

city_investment as (

    select * from observations
    where metric_id = 'total_investment' and scope_level = 'city'

),

joined as (

    select
        scopes.city_id,
        cities.name_en as city_name_en,
        cities.name_zh_hans as city_name_zh,
        scopes.campaign_id,
        campaigns.plan_year,
        scopes.as_of_date,
        campaigns.figures_are,
        scopes.scope_id,
        scopes.scope_level,
        scopes.scope_name,
        scopes.scope_name_en,
        coalesce(scope_counts.is_target, false) or coalesce(scope_investment.is_target, false) as is_target,
        scope_counts.observation_id as project_count_observation_id,
        scope_counts.value as project_count,
        scope_counts.value_as_written || scope_counts.unit_as_written as project_count_as_written,
        scope_counts.qualifier as project_count_qualifier,
        scope_counts.value_lower as project_count_lower,
        scope_counts.value_upper as project_count_upper,
        scope_counts.quote as project_count_quote,
        scope_counts.note as project_count_note,
        city_counts.observation_id as city_project_count_observation_id,
        city_counts.value as city_project_count,
        city_counts.value_as_written || city_counts.unit_as_written as city_project_count_as_written,
        scope_investment.value as total_investment,
        scope_investment.value_as_written || scope_investment.unit_as_written as total_investment_as_written,
        city_investment.value as city_total_investment
    from scopes
    inner join campaigns
        on scopes.campaign_id = campaigns.campaign_id
    inner join cities
        on scopes.city_id = cities.city_id
    left join scope_counts
        on scopes.campaign_id = scope_counts.campaign_id
        and scopes.scope_level = scope_counts.scope_level
        and scopes.scope_name = scope_counts.scope_name
        and scopes.as_of_date = scope_counts.as_of_date
    left join scope_investment
        on scopes.campaign_id = scope_investment.campaign_id
        and scopes.scope_level = scope_investment.scope_level
        and scopes.scope_name = scope_investment.scope_name
        and scopes.as_of_date = scope_investment.as_of_date
    left join city_counts
        on scopes.campaign_id = city_counts.campaign_id
        and scopes.as_of_date = city_counts.as_of_date
    left join city_investment
        on scopes.campaign_id = city_investment.campaign_id
        and scopes.as_of_date = city_investment.as_of_date
    where scope_counts.observation_id is not null
       or scope_investment.observation_id is not null

),

shares as (

    select
        *,
        project_count / nullif(city_project_count, 0) as share_of_city_projects,
        project_count_lower / nullif(city_project_count, 0) as share_of_city_projects_lower,
        project_count_upper / nullif(city_project_count, 0) as share_of_city_projects_upper,
        total_investment / nullif(city_total_investment, 0) as share_of_city_investment
    from joined

),

district_totals as (

    -- Districts partition a city, so their counts may be added; a bound stays a bound.
    select
        campaign_id,
        as_of_date,
        count(*) as districts_with_count,
        case when count(project_count_lower) = count(*) then sum(project_count_lower) end
            as districts_project_count_lower,
        case when count(project_count_upper) = count(*) then sum(project_count_upper) end
            as districts_project_count_upper
    from shares
    where scope_level = 'district' and project_count is not null
    group by campaign_id, as_of_date

),

final as (

    select
        shares.city_id,
        shares.city_name_en,
        shares.city_name_zh,
        shares.campaign_id,
        shares.plan_year,
        shares.as_of_date,
        shares.figures_are,
        shares.scope_id,
        shares.scope_level,
        shares.scope_name,
        shares.scope_name_en,
        shares.is_target,
        shares.project_count,
        shares.project_count_as_written,
        shares.project_count_qualifier,
        shares.project_count_lower,
        shares.project_count_upper,
        shares.city_project_count,
        shares.city_project_count_as_written,
        shares.share_of_city_projects,
        shares.share_of_city_projects_lower,
        shares.share_of_city_projects_upper,
        shares.total_investment,
        shares.total_investment_as_written,
        shares.city_total_investment,
        shares.share_of_city_investment,
        case when shares.scope_level = 'district' and shares.project_count is not null
            then district_totals.districts_with_count end::integer as districts_with_count,
        case when shares.scope_level = 'district' and shares.project_count is not null
            then district_totals.districts_project_count_lower end as districts_project_count_lower,
        case when shares.scope_level = 'district' and shares.project_count is not null
            then district_totals.districts_project_count_upper end as districts_project_count_upper,
        nullif(concat_ws(' ',
            case when shares.is_target then 'A target (plan figure), not an achievement.' end,
            case shares.project_count_qualifier
                when 'at_most' then 'The count is an upper bound (' || shares.project_count_as_written
                    || ': 近, nearly), so the share is at most '
                    || printf('%.1f%%', 100 * shares.share_of_city_projects_upper) || ' and has no lower bound.'
                when 'at_least' then 'The count is a lower bound (' || shares.project_count_as_written
                    || '), so the share is at least '
                    || printf('%.1f%%', 100 * shares.share_of_city_projects_lower) || '.'
                when 'approximate' then 'The count is approximate (' || shares.project_count_as_written
                    || '): the share is a rough guide only.'
            end,
            case when shares.project_count is not null and shares.city_project_count is null
                then 'The document gives no city-wide project count to compare with.' end,
            case when shares.share_of_city_projects > 1 or shares.share_of_city_investment > 1
                then 'Larger than the city-wide figure: a different list of projects, not a part of it.' end,
            case when shares.scope_level = 'district' and shares.project_count is not null
                then 'The ' || district_totals.districts_with_count || ' district(s) that give a count add up to '
                    || case
                        when district_totals.districts_project_count_lower = district_totals.districts_project_count_upper
                            then district_totals.districts_project_count_upper::bigint || ''
                        when district_totals.districts_project_count_upper is not null
                            then 'at most ' || district_totals.districts_project_count_upper::bigint
                        when district_totals.districts_project_count_lower is not null
                            then 'at least ' || district_totals.districts_project_count_lower::bigint
                        else 'an unbounded number'
                    end
                    || coalesce(' of the city''s ' || shares.city_project_count::bigint, '') || '.' end,
            case when shares.scope_level = 'programme'
                then 'Programmes may overlap: do not add them up.' end,
            shares.project_count_note
        ), '') as caveat,
        shares.project_count_observation_id,
        shares.project_count_quote,
        shares.city_project_count_observation_id
    from shares
    left join district_totals
        on shares.campaign_id = district_totals.campaign_id
        and shares.as_of_date = district_totals.as_of_date

)

select * from final
order by city_id asc, campaign_id asc, scope_level asc, project_count desc nulls last, scope_name asc
