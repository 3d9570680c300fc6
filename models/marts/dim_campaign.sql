-- One row per campaign. A campaign has one or more documents (reports at different as-of dates);
-- the campaign's as-of date is its latest report's.

with campaigns as (

    select * from {{ ref('stg_curation__campaigns') }}

),

documents as (

    select * from {{ ref('stg_curation__documents') }}

),

reports as (

    select
        campaign_id,
        max(as_of_date) as as_of_date,
        min(as_of_date) as first_as_of_date,
        -- The latest report's reading of its date (ties: the last document id, so the choice is stable).
        arg_max(as_of_basis, strftime(as_of_date, '%Y-%m-%d') || ' ' || document_id) as as_of_basis,
        arg_max(nullif(as_of_basis_zh, ''), strftime(as_of_date, '%Y-%m-%d') || ' ' || document_id) as as_of_basis_zh,
        count(distinct as_of_date)::integer as report_count,
        count(*)::integer as document_count
    from documents
    group by campaign_id

),

final as (

    select
        campaigns.campaign_id,
        campaigns.city_id,
        campaigns.name_zh,
        campaigns.name_en,
        campaigns.campaign_type,
        campaigns.plan_year,
        campaigns.period_start,
        campaigns.period_end,
        campaigns.period_as_written,
        reports.as_of_date,
        reports.as_of_basis,
        reports.as_of_basis_zh,
        campaigns.figures_are,
        campaigns.comparability_note,
        campaigns.comparability_note_zh,
        (date_diff('day', campaigns.period_start, campaigns.period_end) + 1)::integer as period_days,
        reports.first_as_of_date,
        coalesce(reports.report_count, 0)::integer as report_count,
        coalesce(reports.document_count, 0)::integer as document_count
    from campaigns
    left join reports
        on campaigns.campaign_id = reports.campaign_id

)

select * from final
