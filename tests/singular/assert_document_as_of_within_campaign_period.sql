-- A document's as-of date falls within its campaign's period: a report cannot describe a date before
-- the campaign starts or after it ends.
select documents.document_id, documents.as_of_date, campaigns.period_start, campaigns.period_end
from {{ ref('dim_document') }} as documents
inner join {{ ref('dim_campaign') }} as campaigns
    on documents.campaign_id = campaigns.campaign_id
where documents.as_of_date < campaigns.period_start
   or documents.as_of_date > campaigns.period_end
