with source as (

    select * from {{ ref('cities') }}

),

renamed as (

    select * from source

)

select * from renamed
