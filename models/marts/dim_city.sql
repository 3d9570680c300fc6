with cities as (

    select * from {{ ref('stg_curation__cities') }}

),

final as (

    select
        city_id,
        name_zh_hans,
        name_zh_hant,
        name_en,
        admin_level,
        province_zh,
        province_en,
        nullif(parent_prefecture_zh, '') as parent_prefecture_zh,
        nullif(parent_prefecture_en, '') as parent_prefecture_en
    from cities

)

select * from final
