with source as (

    select * from {{ ref('periods') }}

),

renamed as (

    select
        period,
        period_kind,
        quarter,
        month_start,
        month_end,
        label_en,
        label_zh
    from source

)

select * from renamed
