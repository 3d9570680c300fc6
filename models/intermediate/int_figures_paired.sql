-- Each achievement beside its target. An achievement is a figure (not a target) of a metric whose role pairs
-- with targets (seeds/metric_roles.csv: state). Its target is a target figure of the same campaign and scope,
-- of the same metric or of a plan metric that is its target (metrics.target_of: the annual plan for completed
-- investment), stated at or before the achievement's date, whose period starts where the achievement's does
-- and ends no earlier (the annual plan for 1—6月, the 1—4月 plan for 1—4月, a 100-day campaign's plan for its
-- to-date figure). Among several, the narrowest period, then the latest report, then the plan metric.

with figures as (

    select * from {{ ref('int_figures_merged') }}

),

metrics as (

    select * from {{ ref('stg_curation__metrics') }}

),

roles as (

    select * from {{ ref('metric_roles') }}

),

achievements as (

    select figures.*
    from figures
    inner join metrics
        on figures.metric_id = metrics.metric_id
    inner join roles
        on metrics.role = roles.role
    where roles.pairs_with_target
      and not figures.is_target

),

targets as (

    select
        figures.*,
        coalesce(nullif(metrics.target_of, ''), figures.metric_id) as target_of_metric_id
    from figures
    inner join metrics
        on figures.metric_id = metrics.metric_id
    where figures.is_target

),

candidates as (

    select
        achievements.figure_id,
        achievements.value,
        targets.figure_id as target_figure_id,
        targets.metric_id as target_metric_id,
        targets.value as target_value,
        targets.observation_id as target_observation_id,
        targets.period as target_period,
        targets.covers_to as target_covers_to,
        row_number() over (
            partition by achievements.figure_id
            order by targets.covers_to asc, targets.as_of_date desc, targets.metric_id asc, targets.figure_id asc
        ) as preference
    from achievements
    inner join targets
        on achievements.campaign_id = targets.campaign_id
        and achievements.scope_level = targets.scope_level
        and (achievements.scope_level = 'city' or achievements.scope_name = targets.scope_name)
        and achievements.metric_id = targets.target_of_metric_id
        and achievements.as_of_date >= targets.as_of_date
        and achievements.covers_from = targets.covers_from
        and achievements.covers_to <= targets.covers_to

),

final as (

    select
        figure_id,
        target_figure_id,
        target_metric_id,
        target_value,
        target_observation_id,
        target_period,
        target_covers_to,
        value / nullif(target_value, 0) as achievement_ratio
    from candidates
    where preference = 1

)

select * from final
