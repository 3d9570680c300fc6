-- A table, not a view: a view would keep reading the folder (by a path relative to the build) on
-- every query of the warehouse. Incremental: on battlemap build's append path only the new documents' files are
-- read and added (macros/append_only.sql); otherwise the table is rebuilt whole.
{{ config(materialized='incremental', unique_key='file_name', incremental_strategy='delete+insert') }}

with source as (

    {% if is_incremental() %}
        -- The source's files, the new documents' only.
        {{ battlemap_new_articles(var('articles_dir')) }}
    {% else %}
        select * from {{ source('articles', 'files') }}
    {% endif %}

),

renamed as (

    select
        regexp_extract(filename, '[^/\\]+$') as file_name,
        sha256(content) as sha256_actual,
        octet_length(content) as byte_size,
        -- decode() fails the build on bytes that are not UTF-8.
        decode(content) as raw_text
    from source

)

select * from renamed
