-- Provenance audit: every figure with its quote, its place in the document and the document itself.
--
-- One row per figure of fct_observation, ready to cite: the quote as located in the normalised text
-- (pinyin stripped, simplified) and the same stretch of the raw text as received, their character
-- offsets, the file and its SHA-256, the outlet, title and date as the document gives them, the
-- value as written and in base units, and a citation line. quote_garbled_span_count says whether the
-- quote touches a damaged stretch of the document (fct_garbled_span): read those figures in the raw
-- text before citing them.

with observations as (

    select * from {{ ref('fct_observation') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

cities as (

    select * from {{ ref('dim_city') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

garbled as (

    select * from {{ ref('fct_garbled_span') }}

),

garbled_overlaps as (

    select
        observations.observation_id,
        count(*) as quote_garbled_span_count
    from observations
    inner join garbled
        on observations.document_id = garbled.document_id
        and observations.char_end > garbled.char_start
        and observations.char_start < garbled.char_end
    group by observations.observation_id

),

final as (

    select
        observations.observation_id,
        observations.city_id,
        cities.name_en as city_name_en,
        observations.campaign_id,
        observations.document_id,
        documents.file_name,
        documents.sha256,
        documents.publisher_as_written,
        coalesce(documents.title_as_written, documents.title_en) as title,
        documents.publication_date,
        documents.date_as_written,
        documents.document_type,
        documents.script,
        observations.scope_level,
        observations.scope_name,
        observations.scope_name_en,
        observations.metric_id,
        metrics.name_en as metric_name_en,
        observations.value_as_written,
        observations.unit_as_written,
        observations.qualifier,
        observations.value,
        observations.base_unit,
        observations.is_target,
        observations.as_of_date,
        observations.quote,
        observations.char_start,
        observations.char_end,
        observations.raw_quote,
        observations.raw_char_start,
        observations.raw_char_end,
        coalesce(garbled_overlaps.quote_garbled_span_count, 0)::integer as quote_garbled_span_count,
        observations.note,
        coalesce(documents.publisher_as_written, 'no outlet named')
            || ', “' || coalesce(documents.title_as_written, documents.title_en) || '”'
            || ', ' || documents.date_as_written
            || '; sources/articles/' || documents.file_name
            || ' (sha256 ' || left(documents.sha256, 12) || '…)'
            || ', characters ' || observations.char_start || '–' || observations.char_end
            || ' of the normalised text: “' || observations.quote || '”' as citation
    from observations
    inner join documents
        on observations.document_id = documents.document_id
    inner join cities
        on observations.city_id = cities.city_id
    inner join metrics
        on observations.metric_id = metrics.metric_id
    left join garbled_overlaps
        on observations.observation_id = garbled_overlaps.observation_id

)

select * from final
order by city_id, document_id, char_start, observation_id
