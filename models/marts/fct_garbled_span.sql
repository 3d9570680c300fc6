with spans as (

    select * from {{ ref('int_document_garbled_spans') }}

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
