with documents as (

    select * from {{ ref('stg_curation__documents') }}

),

texts as (

    select * from {{ ref('int_documents_normalised') }}

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
        documents.as_of_date,
        documents.as_of_basis,
        documents.script,
        documents.document_type,
        documents.known_defects,
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

)

select * from final
