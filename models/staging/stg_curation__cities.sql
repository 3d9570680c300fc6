with source as (

    select * from {{ ref('cities') }}

),

renamed as (

    select
        city_id,
        admin_code,
        note
    from source

)

select * from renamed
