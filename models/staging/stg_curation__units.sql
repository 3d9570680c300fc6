with source as (

    select * from {{ ref('units') }}

),

renamed as (

    select * from source

)

select * from renamed
