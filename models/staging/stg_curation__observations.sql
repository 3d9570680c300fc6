with source as (

    select * from {{ ref('observations') }}

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
        is_target,
        as_of_date as stated_as_of_date,
        quote,
        note
    from source

)

select * from renamed
