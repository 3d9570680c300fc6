-- One row per figure however many documents state it: the same campaign, scope, metric, as-of date,
-- period and target flag. Agreeing sources are one figure with every quote; disagreeing ones leave the
-- value NULL and are listed in fct_figure_conflict.

with figures as (

    select * from {{ ref('int_figures_merged') }}

),

final as (

    select
        figure_id,
        city_id,
        campaign_id,
        scope_level,
        scope_name,
        scope_name_en,
        metric_id,
        base_unit,
        as_of_date,
        period,
        period_kind,
        covers_from,
        covers_to,
        value,
        value_lower,
        value_upper,
        qualifier,
        is_target,
        source_count,
        observation_count,
        is_conflicting,
        conflict_kind,
        value_min,
        value_max,
        observation_id,
        observation_ids,
        document_ids,
        source_values,
        quotes
    from figures

)

select * from final
