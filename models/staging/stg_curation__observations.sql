-- A table, not a view: a view would keep reading the CSV (by the path of the build) on every query. Incremental: on
-- battlemap build's append path (macros/append_only.sql: the CSV only grew by appended rows since the last build, its
-- old rows byte for byte the same) only the new rows are added; otherwise the table is rebuilt whole.
{{ config(materialized='incremental', unique_key='observation_id', incremental_strategy='delete+insert') }}

with source as (

    select * from {{ source('curation', 'observations') }}

),

renamed as (

    select
        observation_id,
        document_id,
        campaign_id,
        scope_level,
        scope_name,
        scope_name_en,
        metric_id,
        trim(value_as_written) as value_as_written,
        trim(unit_as_written) as unit_as_written,
        qualifier,
        is_target::boolean as is_target,
        period,
        as_of_date::date as stated_as_of_date,
        quote,
        note,
        note_zh,
        confidence::double as confidence,
        coalesce(reviewed::boolean, true) as reviewed
    from source

)

select * from renamed
{% if is_incremental() %}
    where observation_id not in (select previous.observation_id from {{ this }} as previous)
{% endif %}
