"""The one function that writes a place into seeds/cities.csv (`city_id,admin_code[,note]`).

Everything else about the place (names, level, province, prefecture) comes from the gazetteer in the
build (int_places_resolved), so the row holds only the slug and the official code.
"""

from __future__ import annotations

import re
from pathlib import Path

from battlemap.extract.seedfiles import append_rows, read_rows
from battlemap.shared.places import Place


def city_slug(place: Place) -> str:
    return re.sub(r"[^a-z0-9]+", "", place.name_en.lower())


def ensure_place(seeds: Path, place: Place) -> tuple[str, bool]:
    """The city_id of `place` in seeds/cities.csv, adding its row when missing; (city_id, added)."""
    path = Path(seeds) / "cities.csv"
    _header, rows = read_rows(path)
    for row in rows:
        if row.get("admin_code") == place.admin_code:
            return row["city_id"], False
    taken = {row["city_id"] for row in rows}
    slug = city_slug(place)
    city_id = slug if slug not in taken else f"{slug}_{place.admin_code}"
    append_rows(path, [{"city_id": city_id, "admin_code": place.admin_code}])
    return city_id, True
