-- One row per figure: the same campaign, scope, metric and as-of date, however many documents state
-- it. Sources that agree make one figure with all their quotes; sources that disagree (in value or
-- in whether it is a target) make a conflicting figure whose value is NULL: no source is preferred.

with observations as (

    select * from {{ ref('int_observations_located') }}

),

grouped as (

    select
        figure_id,
        campaign_id,
        scope_level,
        scope_name,
        metric_id,
        as_of_date,
        any_value(city_id) as city_id,
        min(scope_name_en) as scope_name_en,
        any_value(base_unit) as base_unit,
        count(*)::integer as observation_count,
        count(distinct document_id)::integer as source_count,
        -- Values compared as DECIMAL(38, 9), as they were converted (int_observations_converted).
        count(distinct value::decimal(38, 9))::integer as distinct_value_count,
        count(distinct is_target)::integer as distinct_target_flag_count,
        min(value) as value_min,
        max(value) as value_max,
        max(value_lower) as value_lower,
        min(value_upper) as value_upper,
        bool_or(qualifier = 'exact') as any_exact,
        count(distinct qualifier)::integer as distinct_qualifier_count,
        any_value(qualifier) as some_qualifier,
        bool_or(is_target) as is_target,
        min(observation_id) as first_observation_id,
        list(observation_id order by document_id, observation_id) as observation_ids,
        list(distinct document_id order by document_id) as document_ids,
        list(value order by document_id, observation_id) as source_values,
        list(quote order by document_id, observation_id) as quotes
    from observations
    group by figure_id, campaign_id, scope_level, scope_name, metric_id, as_of_date

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
        (distinct_value_count > 1 or distinct_target_flag_count > 1) as is_conflicting,
        case
            when distinct_value_count > 1 and distinct_target_flag_count > 1 then 'value_and_target_flag'
            when distinct_value_count > 1 then 'value'
            when distinct_target_flag_count > 1 then 'target_flag'
        end as conflict_kind,
        case when distinct_value_count = 1 and distinct_target_flag_count = 1 then value_min end as value,
        case when distinct_value_count = 1 then value_lower end as value_lower,
        case when distinct_value_count = 1 then value_upper end as value_upper,
        value_min,
        value_max,
        -- Sources agreeing on the value: exact if any says so exactly, else their common qualifier.
        case
            when distinct_value_count > 1 then null
            when any_exact then 'exact'
            when distinct_qualifier_count = 1 then some_qualifier
            else 'approximate'
        end as qualifier,
        case when distinct_target_flag_count = 1 then is_target end as is_target,
        source_count,
        observation_count,
        -- The figure's observation for the pivots: NULL when the sources disagree.
        case when distinct_value_count = 1 and distinct_target_flag_count = 1 then first_observation_id end
            as observation_id,
        observation_ids,
        document_ids,
        source_values,
        quotes
    from grouped

)

select * from final
