-- A table, not a view: a view would keep reading the CSV (by the path of the build) on every query.
{{ config(materialized='table') }}

with source as (

    select * from {{ source('curation', 'documents') }}

),

renamed as (

    select
        document_id,
        file_name,
        sha256,
        city_id,
        campaign_id,
        title_as_written,
        title_en,
        publisher_as_written,
        publication_date::date as publication_date,
        date_as_written,
        date_as_written_zh,
        as_of_date::date as as_of_date,
        as_of_basis,
        as_of_basis_zh,
        script,
        document_type,
        known_defects,
        known_defects_zh,
        url,
        retrieval_date::date as retrieval_date,
        licence_terms
    from source

)

select * from renamed
