-- A figure's unit must convert to its metric's base unit: 亩 for an area, 亿元 for money, % for a ratio.
select
    observations.observation_id,
    observations.metric_id,
    observations.unit_as_written,
    observations.base_unit as unit_base,
    metrics.base_unit as metric_base
from {{ ref('fct_observation') }} as observations
inner join {{ ref('dim_metric') }} as metrics
    on observations.metric_id = metrics.metric_id
where observations.base_unit <> metrics.base_unit
