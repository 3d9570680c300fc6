"""The one function that writes a place into seeds/cities.csv (kept alone: that seed's schema is changing).

With the places seed (`city_id,admin_code[,note]`) it writes the slug and the code; with the older
schema (names, level, province as columns) it writes those, all derived from battlemap.places.
"""

from __future__ import annotations

import re
from pathlib import Path

from battlemap.extract.seedfiles import append_rows, read_rows
from battlemap.places import Place

OLD_LEVELS = {"prefecture_level_city": "prefecture_level_city", "county_level_city": "county_level_city", "county": "county"}


def city_slug(place: Place) -> str:
    return re.sub(r"[^a-z0-9]+", "", place.name_en.lower())


def ensure_place(seeds: Path, place: Place) -> tuple[str, bool]:
    """The city_id of `place` in seeds/cities.csv, adding its row when missing; (city_id, added)."""
    path = Path(seeds) / "cities.csv"
    header, rows = read_rows(path)
    for row in rows:
        if row.get("admin_code") == place.admin_code or (
            "admin_code" not in header and row.get("name_zh_hans") == place.name_zh_hans
        ):
            return row["city_id"], False
    taken = {row["city_id"] for row in rows}
    slug = city_slug(place)
    city_id = slug if slug not in taken else f"{slug}_{place.admin_code}"
    if "admin_code" in header:
        row = {"city_id": city_id, "admin_code": place.admin_code}
    else:
        row = {
            "city_id": city_id,
            "name_zh_hans": place.name_zh_hans,
            "name_zh_hant": place.name_zh_hant,
            "name_en": place.name_en,
            "admin_level": OLD_LEVELS.get(place.admin_type, place.admin_type),
            "province_zh": place.province_zh,
            "province_en": place.province_en,
            "parent_prefecture_zh": (place.prefecture_zh or "") if place.level == "county" else "",
            "parent_prefecture_en": (place.prefecture_en or "") if place.level == "county" else "",
        }
    append_rows(path, [row])
    return city_id, True
