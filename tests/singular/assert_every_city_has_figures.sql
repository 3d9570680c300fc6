-- Every city in the warehouse has at least one figure.
select cities.city_id
from {{ ref('dim_city') }} as cities
left join {{ ref('fct_observation') }} as observations
    on cities.city_id = observations.city_id
group by cities.city_id
having count(observations.observation_id) = 0
