"""Every place of the cities seed resolved from its admin code in the national gazetteer.

Names (简/繁/English), level, type, province and prefecture come from battlemap.shared.places (jionlp's
gazetteer, tested with pytest), so a curator adds a place with its slug and code alone.
"""

import polars as pl

from battlemap.shared.places import gazetteer_version, place_by_code

SCHEMA = {
    "city_id": pl.String,
    "admin_code": pl.String,
    "level": pl.String,
    "admin_type": pl.String,
    "name_zh_hans": pl.String,
    "name_zh_hant": pl.String,
    "name_en": pl.String,
    "province_code": pl.String,
    "province_zh": pl.String,
    "province_zh_hant": pl.String,
    "province_en": pl.String,
    "prefecture_code": pl.String,
    "prefecture_zh": pl.String,
    "prefecture_zh_hant": pl.String,
    "prefecture_en": pl.String,
    "gazetteer": pl.String,
    "note": pl.String,
}


def model(dbt, session):
    dbt.config(materialized="table")
    cities = dbt.ref("stg_curation__cities").pl()
    source = gazetteer_version()

    rows = []
    for city in cities.iter_rows(named=True):
        place = place_by_code(city["admin_code"] or "")
        if place is None:
            raise ValueError(
                f"seeds/cities.csv, city {city['city_id']}: admin_code {city['admin_code']!r} "
                f"is not in the national gazetteer ({source})"
            )
        prefecture = place_by_code(place.prefecture_code) if place.prefecture_code else None
        province = place_by_code(place.province_code)
        rows.append(
            {
                "city_id": city["city_id"],
                "admin_code": place.admin_code,
                "level": place.level,
                "admin_type": place.admin_type,
                "name_zh_hans": place.name_zh_hans,
                "name_zh_hant": place.name_zh_hant,
                "name_en": place.name_en,
                "province_code": province.admin_code,
                "province_zh": province.name_zh_hans,
                "province_zh_hant": province.name_zh_hant,
                "province_en": province.name_en,
                "prefecture_code": prefecture.admin_code if prefecture else None,
                "prefecture_zh": prefecture.name_zh_hans if prefecture else None,
                "prefecture_zh_hant": prefecture.name_zh_hant if prefecture else None,
                "prefecture_en": prefecture.name_en if prefecture else None,
                "gazetteer": source,
                "note": city["note"] or None,
            }
        )
    return pl.DataFrame(rows, schema=SCHEMA)
