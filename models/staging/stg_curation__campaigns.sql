with source as (

    select * from {{ ref('campaigns') }}

),

renamed as (

    select * from source

)

select * from renamed
