-- One row per additive metric: the total of the figures recommended for aggregates (fct_figure), that
-- is achievements of each campaign's latest report, with no conflict, at scopes that do not overlap a
-- stated total, not carried forward. Targets, conflicts, overlapping sub-scopes and carried figures
-- never enter a total; tests/singular/assert_totals_sum_only_recommended_figures.sql proves it.

with figures as (

    select * from {{ ref('fct_figure') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

totals as (

    select
        metric_id,
        any_value(base_unit) as base_unit,
        sum(value) as total_value,
        count(*)::integer as figure_count,
        count(distinct campaign_id)::integer as campaign_count,
        count(distinct city_id)::integer as city_count,
        min(as_of_date) as first_as_of_date,
        max(as_of_date) as last_as_of_date,
        list(figure_id order by figure_id) as figure_ids
    from figures
    where recommended_for_aggregates
    group by metric_id

),

final as (

    select
        totals.metric_id,
        metrics.name_en,
        metrics.name_zh,
        totals.base_unit,
        totals.total_value,
        totals.figure_count,
        totals.campaign_count,
        totals.city_count,
        totals.first_as_of_date,
        totals.last_as_of_date,
        totals.figure_ids
    from totals
    inner join metrics
        on totals.metric_id = metrics.metric_id

)

select * from final
