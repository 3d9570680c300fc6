with source as (

    select * from {{ ref('metrics') }}

),

renamed as (

    select * from source

)

select * from renamed
