-- No total in a mart sums a figure that is not recommended for aggregates (a target, a conflict, an
-- overlapping sub-scope, a carried or superseded figure), and each total is the sum of the figures it lists.
-- Fails on every total that breaks either rule.

with summed as (

    select
        totals.metric_id,
        totals.total_value,
        unnest(totals.figure_ids) as figure_id
    from {{ ref('mart_metric_total') }} as totals

),

checked as (

    select
        summed.metric_id,
        any_value(summed.total_value) as total_value,
        sum(figures.value) as listed_sum,
        count(*) filter (where not coalesce(figures.recommended_for_aggregates, false)) as not_recommended,
        count(*) filter (where figures.metric_id is distinct from summed.metric_id) as other_metric
    from summed
    left join {{ ref('fct_figure') }} as figures
        on summed.figure_id = figures.figure_id
    group by summed.metric_id

)

select *
from checked
where not_recommended > 0
    or other_metric > 0
    or abs(total_value - listed_sum) > 1e-6 * greatest(abs(total_value), 1)
