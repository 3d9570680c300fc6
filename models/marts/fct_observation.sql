-- Incremental: on battlemap build's append path (macros/append_only.sql) only the rows that are not already here
-- (a new figure, or one whose located row changed: a figure added to the same document can change another's
-- figure_id) are written; dbt replaces those rows. Otherwise the table is rebuilt whole. The whole-row `except` is
-- that of int_observations_located, one step on: a row is kept only when it is exactly what it would be now.
{{ config(
    materialized='incremental', unique_key='observation_id', incremental_strategy='delete+insert', on_schema_change='fail'
) }}

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

),

changed as (

    select * from final
    {% if is_incremental() %}
        except
        select * from {{ this }}
    {% endif %}

)

select * from changed
