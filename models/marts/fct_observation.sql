with observations as (

    select * from {{ ref('int_observations_located') }}

),

final as (

    select
        observation_id,
        figure_id,
        city_id,
        campaign_id,
        document_id,
        scope_level,
        scope_name,
        scope_name_en,
        metric_id,
        value,
        base_unit,
        value_lower,
        value_upper,
        value_reported,
        value_as_written,
        unit_as_written,
        qualifier,
        is_target,
        period,
        as_of_date,
        quote,
        char_start::integer as char_start,
        char_end::integer as char_end,
        raw_char_start::integer as raw_char_start,
        raw_char_end::integer as raw_char_end,
        raw_quote,
        (char_start + figure_offset_in_quote)::integer as figure_char_start,
        (char_start + figure_offset_in_quote + length(value_as_written || unit_as_written))::integer as figure_char_end,
        nullif(note, '') as note,
        nullif(note_zh, '') as note_zh
    from observations

)

select * from final
