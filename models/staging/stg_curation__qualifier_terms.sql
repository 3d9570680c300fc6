with source as (

    select * from {{ ref('qualifier_terms') }}

),

renamed as (

    select
        term,
        side,
        qualifier
    from source

)

select * from renamed
