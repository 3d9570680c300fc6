-- One row per figure: the same campaign, scope, metric, as-of date, period and target flag, however
-- many documents state it (a year's target and the achievement of 1—6月 of one metric are two figures).
-- Sources that agree make one figure with all their quotes; sources that give the same figure different
-- values make a conflicting figure whose value is NULL: no source is preferred.

with observations as (

    select * from {{ ref('int_observations_located') }}

),

default_qualifier as (

    -- The qualifier of a figure no word qualifies (seeds/qualifiers.csv: is_default, exact).
    select qualifier
    from {{ ref('qualifiers') }}
    where is_default

),

agreement as (

    -- For each figure, the most documents that give it one and the same value.
    select
        figure_id,
        max(documents)::integer as agreeing_sources
    from (
        select
            figure_id,
            count(distinct document_id) as documents
        from observations
        group by figure_id, value::decimal(38, 9)
    ) as by_value
    group by figure_id

),

grouped as (

    select
        figure_id,
        campaign_id,
        scope_level,
        scope_name,
        metric_id,
        as_of_date,
        period,
        is_target,
        any_value(period_kind) as period_kind,
        any_value(covers_from) as covers_from,
        any_value(covers_to) as covers_to,
        any_value(city_id) as city_id,
        min(scope_name_en) as scope_name_en,
        any_value(base_unit) as base_unit,
        count(*)::integer as observation_count,
        count(distinct document_id)::integer as source_count,
        -- Values compared as DECIMAL(38, 9), as they were converted (int_observations_converted).
        count(distinct value::decimal(38, 9))::integer as distinct_value_count,
        min(value) as value_min,
        max(value) as value_max,
        max(value_lower) as value_lower,
        min(value_upper) as value_upper,
        bool_or(qualifier = (select default_qualifier.qualifier from default_qualifier)) as any_exact,
        count(distinct qualifier)::integer as distinct_qualifier_count,
        any_value(qualifier) as some_qualifier,
        min(observation_id) as first_observation_id,
        bool_and(reviewed) as reviewed,
        max(confidence) as confidence,
        -- Every source in the order of (document_id, observation_id), unique: one sort of a list of structs, which
        -- compare field by field (DuckDB's ordered aggregates, list(x order by ...), cost ~0.7 s more at 72,000 figures).
        list_sort(
            list(struct_pack(document_id, observation_id, value, quote))
        ) as sources,
        list_sort(list_distinct(list(document_id))) as document_ids
    from observations
    group by figure_id, campaign_id, scope_level, scope_name, metric_id, as_of_date, period, is_target

),

agreed as (

    select
        grouped.*,
        agreement.agreeing_sources
    from grouped
    left join agreement
        on grouped.figure_id = agreement.figure_id

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
        is_target,
        distinct_value_count > 1 as is_conflicting,
        -- The target flag is part of the figure's identity: only the value can be disputed.
        case when distinct_value_count > 1 then 'value' end as conflict_kind,
        case when distinct_value_count = 1 then value_min end as value,
        case when distinct_value_count = 1 then value_lower end as value_lower,
        case when distinct_value_count = 1 then value_upper end as value_upper,
        value_min,
        value_max,
        -- Sources agreeing on the value: exact if any says so exactly, else their common qualifier.
        case
            when distinct_value_count > 1 then null
            when any_exact then (select default_qualifier.qualifier from default_qualifier)
            when distinct_qualifier_count = 1 then some_qualifier
            else 'approximate'
        end as qualifier,
        source_count,
        agreeing_sources,
        reviewed,
        confidence,
        observation_count,
        -- The figure's observation for the pivots: NULL when the sources disagree.
        case when distinct_value_count = 1 then first_observation_id end as observation_id,
        list_transform(sources, lambda source: struct_extract(source, 'observation_id')) as observation_ids,
        document_ids,
        list_transform(sources, lambda source: struct_extract(source, 'value')) as source_values,
        list_transform(sources, lambda source: struct_extract(source, 'quote')) as quotes
    from agreed

)

select * from final
