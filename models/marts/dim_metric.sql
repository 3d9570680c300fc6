with metrics as (

    select * from {{ ref('stg_curation__metrics') }}

),

observations as (

    select * from {{ ref('int_observations_converted') }}

),

usage as (

    select metric_id, count(*) as observation_count
    from observations
    group by metric_id

),

final as (

    select
        metrics.metric_id,
        metrics.name_en,
        metrics.name_zh,
        metrics.base_unit,
        metrics.metric_kind,
        metrics.role,
        nullif(metrics.target_of, '') as target_of,
        metrics.definition,
        metrics.definition_zh,
        nullif(metrics.comparability_caveat, '') as comparability_caveat,
        nullif(metrics.comparability_caveat_zh, '') as comparability_caveat_zh,
        0.0::double as lower_bound,
        metrics.upper_bound,
        coalesce(usage.observation_count, 0)::integer as observation_count
    from metrics
    left join usage
        on metrics.metric_id = usage.metric_id

)

select * from final
