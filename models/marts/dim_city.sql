-- One row per place of the cities seed, every attribute from the national gazetteer
-- (int_places_resolved); the curated seed gives only the slug and the admin code.

with places as (

    select * from {{ ref('int_places_resolved') }}

),

final as (

    select
        city_id,
        admin_code,
        level,
        admin_type,
        -- The name older readers use for the type (prefecture_level_city, county_level_city, county, ...).
        admin_type as admin_level,
        name_zh_hans,
        name_zh_hant,
        name_en,
        province_code,
        province_zh,
        province_zh_hant,
        province_en,
        prefecture_code,
        prefecture_zh,
        prefecture_zh_hant,
        prefecture_en,
        prefecture_zh as parent_prefecture_zh,
        prefecture_en as parent_prefecture_en,
        gazetteer,
        note
    from places

)

select * from final
