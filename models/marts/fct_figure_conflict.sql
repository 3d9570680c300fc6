-- One row per figure whose documents disagree on its value (30.4 vs 30.5 亿元 of the same
-- period on the same date); a target and an achievement are two figures, never a conflict.
-- The Data quality page lists them with every source and quote.

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
        is_target,
        conflict_kind,
        source_count,
        value_min,
        value_max,
        -- How far apart the sources are, relative to the largest: 0.0033 for 30.4 vs 30.5.
        (value_max - value_min) / nullif(abs(value_max), 0) as relative_spread,
        observation_ids,
        document_ids,
        source_values,
        quotes
    from figures
    where is_conflicting

)

select * from final
