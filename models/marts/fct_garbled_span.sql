-- Incremental: on battlemap build's append path only the new documents' spans are added (macros/append_only.sql);
-- otherwise the table is rebuilt whole.
{{ config(materialized='incremental', unique_key='document_id', incremental_strategy='delete+insert', on_schema_change='fail') }}

with spans as (

    select * from {{ ref('int_document_garbled_spans') }}
    {% if is_incremental() %}
        where document_id in {{ battlemap_new_documents() }}
    {% endif %}

),

final as (

    select
        garbled_span_id,
        document_id,
        kind,
        char_start,
        char_end,
        raw_char_start,
        raw_char_end,
        span_text,
        raw_span_text
    from spans

)

select * from final
