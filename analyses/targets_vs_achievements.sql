-- Targets against achievements, by city: plan figures and reported results in separate columns.
--
-- One row per campaign and metric among the city-wide figures (scope_level = 'city'). A figure that
-- reports what has been done goes in the achievement_* columns, a plan or target (is_target) in the
-- target_* columns; the two are never added, averaged or ranked together. Qingtian's document is a
-- plan, so its row has targets only (due by the end of the offensive, 2023-12-25), while the other
-- cities report achievements at their as-of dates beside their own annual plans. A ratio of the two
-- is given only within one campaign (achievement ÷ its own target of the same metric), never across
-- cities. The *_figures_all_scopes columns count every figure of the document, sub-city ones too.

with observations as (

    select * from {{ ref('fct_observation') }}

),

campaigns as (

    select * from {{ ref('dim_campaign') }}

),

cities as (

    select * from {{ ref('dim_city') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

document_counts as (

    select
        campaign_id,
        count(*) filter (where is_target) as target_figures_all_scopes,
        count(*) filter (where not is_target) as achievement_figures_all_scopes
    from observations
    group by campaign_id

),

city_figures as (

    select * from observations
    where scope_level = 'city'

),

pivoted as (

    select
        campaign_id,
        metric_id,
        count(*) filter (where not is_target) as achievement_figure_count,
        max(value) filter (where not is_target) as achievement_value,
        max(value_as_written || unit_as_written) filter (where not is_target) as achievement_as_written,
        max(qualifier) filter (where not is_target) as achievement_qualifier,
        max(as_of_date) filter (where not is_target) as achievement_as_of_date,
        max(observation_id) filter (where not is_target) as achievement_observation_id,
        count(*) filter (where is_target) as target_figure_count,
        max(value) filter (where is_target) as target_value,
        max(value_as_written || unit_as_written) filter (where is_target) as target_as_written,
        max(qualifier) filter (where is_target) as target_qualifier,
        max(observation_id) filter (where is_target) as target_observation_id
    from city_figures
    group by campaign_id, metric_id

),

final as (

    select
        campaigns.city_id,
        cities.name_en as city_name_en,
        cities.name_zh_hans as city_name_zh,
        cities.admin_level,
        pivoted.campaign_id,
        campaigns.plan_year,
        campaigns.figures_are,
        pivoted.metric_id,
        metrics.name_en as metric_name_en,
        metrics.name_zh as metric_name_zh,
        metrics.base_unit,
        case
            when pivoted.achievement_figure_count > 0 and pivoted.target_figure_count > 0 then 'both'
            when pivoted.achievement_figure_count > 0 then 'achievement'
            else 'target'
        end as figure_kind,
        pivoted.achievement_value,
        pivoted.achievement_as_written,
        pivoted.achievement_qualifier,
        pivoted.achievement_as_of_date,
        pivoted.achievement_observation_id,
        pivoted.target_value,
        pivoted.target_as_written,
        pivoted.target_qualifier,
        case when pivoted.target_figure_count > 0 then campaigns.period_end end as target_due_by,
        pivoted.target_observation_id,
        pivoted.achievement_value / nullif(pivoted.target_value, 0) as achievement_share_of_own_target,
        document_counts.target_figures_all_scopes::integer as target_figures_all_scopes,
        document_counts.achievement_figures_all_scopes::integer as achievement_figures_all_scopes,
        case
            when campaigns.figures_are = 'targets'
                then 'A plan: ' || coalesce(pivoted.target_as_written, '') || ' is a target due by '
                    || strftime(campaigns.period_end, '%Y-%m-%d') || ', not an achievement; compare it with other plans only.'
            when pivoted.metric_id = 'annual_planned_investment' and pivoted.achievement_figure_count = 0
                then 'The annual plan (' || pivoted.target_as_written || ' for ' || campaigns.plan_year
                    || '), a target: the same city''s completed investment ÷ this plan is its completion rate'
                    || ' (see cross_city_investment_ranking).'
            when pivoted.target_figure_count > 0 and pivoted.achievement_figure_count = 0
                then 'A target within a status report (' || pivoted.target_as_written || ' for '
                    || campaigns.plan_year || '); set it against the same city''s achievement, not another city''s.'
            else 'Reported as of ' || strftime(pivoted.achievement_as_of_date, '%Y-%m-%d') || ' ('
                || campaigns.plan_year || ').'
        end as reading
    from pivoted
    inner join campaigns
        on pivoted.campaign_id = campaigns.campaign_id
    inner join cities
        on campaigns.city_id = cities.city_id
    inner join metrics
        on pivoted.metric_id = metrics.metric_id
    left join document_counts
        on pivoted.campaign_id = document_counts.campaign_id

)

select * from final
order by figures_are, city_id, campaign_id, metric_id
