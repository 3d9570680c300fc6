with source as (

    select * from {{ ref('qualifier_terms') }}

),

renamed as (

    select
        term,
        qualifier,
        position,
        reach
    from source

)

select * from renamed
