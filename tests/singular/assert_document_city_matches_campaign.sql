-- A document's city is its campaign's city, and so is every figure's.
select documents.document_id as row_id, documents.city_id, campaigns.city_id as campaign_city_id
from {{ ref('dim_document') }} as documents
inner join {{ ref('dim_campaign') }} as campaigns
    on documents.campaign_id = campaigns.campaign_id
where documents.city_id <> campaigns.city_id
union all
select
    observations.observation_id as row_id,
    observations.city_id,
    documents.city_id as campaign_city_id
from {{ ref('fct_observation') }} as observations
inner join {{ ref('dim_document') }} as documents
    on observations.document_id = documents.document_id
where observations.city_id <> documents.city_id
