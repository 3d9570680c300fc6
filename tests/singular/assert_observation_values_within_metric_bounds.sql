-- Every value lies within its metric's bounds (dim_metric.lower_bound / upper_bound, in base units).
select
    observations.observation_id,
    observations.metric_id,
    observations.value,
    metrics.lower_bound,
    metrics.upper_bound
from {{ ref('fct_observation') }} as observations
inner join {{ ref('dim_metric') }} as metrics
    on observations.metric_id = metrics.metric_id
where observations.value < metrics.lower_bound
   or observations.value > metrics.upper_bound
