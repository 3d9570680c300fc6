"""Which places a place selector offers: a bounded list, searched, instead of every place of the corpus.

A Streamlit selector sends all its options (with their labels) to the browser on every rerun, and the
browser rebuilds the list; with thousands of places that alone made each interaction and the first
render miss their goals. A selector therefore offers the places already chosen, then at most
OPTION_LIMIT others: the first ones in the page's order (the largest portfolios first), or, when the
reader has typed a search, the first ones that match it by name (English, 简体, 繁體), slug or admin code.
A corpus with OPTION_LIMIT places or fewer offers all of them and shows no search box.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

OPTION_LIMIT = 100
NAME_COLUMNS = ("city_id", "admin_code", "name_en", "name_zh_hans", "name_zh_hant")


def needs_search(place_count: int, limit: int | None = None) -> bool:
    return place_count > (OPTION_LIMIT if limit is None else limit)


def search_texts(rows: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """city_id → the text a search looks in (every name and code of the place, case-folded)."""
    return {
        str(row["city_id"]): " ".join(str(row[column]) for column in NAME_COLUMNS if row.get(column) is not None).casefold()
        for row in rows
    }


def matching(ranked_ids: Sequence[str], texts: Mapping[str, str], query: str) -> list[str]:
    """The places (in ranked order) whose names or codes contain the query; all of them for an empty query."""
    needle = query.strip().casefold()
    if not needle:
        return list(ranked_ids)
    return [city_id for city_id in ranked_ids if needle in texts.get(city_id, "")]


def offered(ranked_ids: Sequence[str], texts: Mapping[str, str], chosen: Iterable[str], query: str = "",
            limit: int | None = None) -> list[str]:
    """The options of the selector, in ranked order: every chosen place, then up to `limit` (OPTION_LIMIT) matching others."""
    chosen_set = set(chosen)
    bound = OPTION_LIMIT if limit is None else limit
    extra = [city_id for city_id in matching(ranked_ids, texts, query) if city_id not in chosen_set][:bound]
    keep = chosen_set | set(extra)
    return [city_id for city_id in ranked_ids if city_id in keep]
