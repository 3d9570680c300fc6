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
        -- GB/T 2260 codes nest (a county's code starts with its prefecture's) except where a place moved and
        -- kept its code (公主岭市 220381 in 长春市 2201) or was created under the province (新星市 650929).
        prefecture_code is null or left(admin_code, 4) = left(prefecture_code, 4) as code_nests,
        -- The name lists show: the name, and where another place of the corpus has the same one, its
        -- prefecture (or province) too: 鼓楼区 (福州市) beside 鼓楼区 (南京市).
        case when count(*) over (partition by name_zh_hans) > 1
            then name_zh_hans || '(' || coalesce(prefecture_zh, province_zh) || ')'
            else name_zh_hans
        end as display_name_zh,
        case when count(*) over (partition by name_en) > 1
            then name_en || ' (' || coalesce(prefecture_en, province_en) || ')'
            else name_en
        end as display_name_en,
        gazetteer,
        note
    from places

)

select * from final
