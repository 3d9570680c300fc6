-- Incremental: on battlemap build's append path only the new documents' rows are added (macros/append_only.sql);
-- otherwise the table is rebuilt whole.
{{ config(materialized='incremental', unique_key='document_id', incremental_strategy='delete+insert', on_schema_change='fail') }}

with documents as (

    select * from {{ ref('stg_curation__documents') }}
    {% if is_incremental() %}
        where document_id in {{ battlemap_new_documents() }}
    {% endif %}

),

texts as (

    select * from {{ ref('int_documents_normalised') }}

),

labels as (

    select * from {{ ref('vocabulary_labels') }}

),

garbled as (

    select document_id, count(*) as garbled_span_count
    from {{ ref('int_document_garbled_spans') }}
    group by document_id

),

final as (

    select
        documents.document_id,
        documents.file_name,
        documents.sha256,
        documents.city_id,
        documents.campaign_id,
        nullif(documents.title_as_written, '') as title_as_written,
        documents.title_en,
        nullif(documents.publisher_as_written, '') as publisher_as_written,
        documents.publication_date,
        documents.date_as_written,
        nullif(documents.date_as_written_zh, '') as date_as_written_zh,
        documents.as_of_date,
        documents.as_of_basis,
        nullif(documents.as_of_basis_zh, '') as as_of_basis_zh,
        documents.script,
        script_labels.label_en as script_label_en,
        script_labels.label_zh as script_label_zh,
        documents.document_type,
        type_labels.label_en as document_type_label_en,
        type_labels.label_zh as document_type_label_zh,
        documents.known_defects,
        nullif(documents.known_defects_zh, '') as known_defects_zh,
        nullif(trim(documents.url), '') as url,
        documents.retrieval_date,
        nullif(trim(documents.licence_terms), '') as licence_terms,
        texts.raw_text,
        texts.normalised_text,
        texts.raw_offsets,
        length(texts.raw_text)::integer as raw_char_count,
        length(texts.normalised_text)::integer as normalised_char_count,
        coalesce(garbled.garbled_span_count, 0)::integer as garbled_span_count
    from documents
    left join texts
        on documents.document_id = texts.document_id
    left join garbled
        on documents.document_id = garbled.document_id
    left join labels as script_labels
        on script_labels.vocabulary = 'script' and documents.script = script_labels.value
    left join labels as type_labels
        on type_labels.vocabulary = 'document_type' and documents.document_type = type_labels.value

)

select * from final
