-- A figure's as-of date falls in its campaign's plan year.
select observations.observation_id, observations.as_of_date, campaigns.plan_year
from {{ ref('fct_observation') }} as observations
inner join {{ ref('dim_campaign') }} as campaigns
    on observations.campaign_id = campaigns.campaign_id
where year(observations.as_of_date) <> campaigns.plan_year
