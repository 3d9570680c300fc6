-- One row per figure whose documents disagree: in value (30.4 vs 30.5 亿元 on the same date), in
-- whether it is a target, or both. The Data quality page lists them with every source and quote.

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
