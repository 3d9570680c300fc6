with source as (

    select * from {{ ref('documents') }}

),

renamed as (

    select * from source

)

select * from renamed
