"""What changed between two releases: the figures (fct_figure) added, changed and removed, per place.

A figure is identified by its figure_id (campaign, scope, metric and as-of date), which does not depend on
when it was built. A figure is changed when its value, target flag, qualifier, unit or conflict state
differs; the old and new value are given with the observation ids behind each. NULL (a conflicting figure)
is a value of its own: 30.4亿元 → NULL is a change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

KEY = "figure_id"
COMPARED = ("value", "is_target", "qualifier", "base_unit", "is_conflicting")
ADDED, CHANGED, REMOVED = "added", "changed", "removed"

# The columns of changes.csv, in order, with their Frictionless types and descriptions.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("change", "string", "added (a figure the previous release did not have), changed (its value, target flag, qualifier, "
     "unit or conflict state differs) or removed."),
    ("city_id", "string", "Place of the figure (dim_city)."),
    ("place_en", "string", "The place's name in English."),
    ("place_zh", "string", "The place's name in simplified Chinese."),
    ("figure_id", "string", "The figure (fct_figure): campaign, scope, metric and as-of date."),
    ("campaign_id", "string", "Campaign of the figure."),
    ("scope_level", "string", "Scope level: city, district, project or programme."),
    ("scope_name", "string", "Scope as the documents name it."),
    ("metric_id", "string", "Metric (dim_metric)."),
    ("as_of_date", "date", "Date the figure describes."),
    ("base_unit", "string", "Unit of old_value and new_value."),
    ("old_value", "number", "Value in the previous release (base unit); empty when added, or when it was conflicting."),
    ("new_value", "number", "Value in this release (base unit); empty when removed, or when it is conflicting."),
    ("old_is_target", "boolean", "Target flag in the previous release."),
    ("new_is_target", "boolean", "Target flag in this release."),
    ("changed_fields", "string", "For a changed figure: which of value, is_target, qualifier, base_unit, is_conflicting differ."),
    ("old_observation_ids", "string", "The observations (fct_observation) behind the figure in the previous release, comma-separated."),
    ("new_observation_ids", "string", "The observations behind the figure in this release, comma-separated."),
    ("new_document_ids", "string", "The documents stating the figure in this release (or, when removed, in the previous one)."),
)


@dataclass(frozen=True)
class Summary:
    added: int
    changed: int
    removed: int
    by_place: dict[str, dict[str, int]]  # city_id -> {added, changed, removed}


def _same(old: object, new: object) -> bool:
    if isinstance(old, float) and isinstance(new, float):
        return math.isclose(old, new, rel_tol=1e-12, abs_tol=0.0) or (math.isnan(old) and math.isnan(new))
    return old == new


def _ids(values: object) -> str:
    if values is None:
        return ""
    return ", ".join(str(v) for v in values)


def figure_changes(old: pl.DataFrame | None, new: pl.DataFrame, places: pl.DataFrame) -> pl.DataFrame:
    """One row per figure added, changed or removed (old None: a first release, every figure added), ordered
    by place, change and figure."""
    names = {row["city_id"]: (row.get("name_en"), row.get("name_zh_hans")) for row in places.iter_rows(named=True)}
    previous = {row[KEY]: row for row in old.iter_rows(named=True)} if old is not None else {}
    current = {row[KEY]: row for row in new.iter_rows(named=True)}
    rows = []

    def line(change: str, figure: dict, before: dict | None, after: dict | None, fields: list[str]) -> dict:
        place_en, place_zh = names.get(figure["city_id"], (None, None))
        return {
            "change": change, "city_id": figure["city_id"], "place_en": place_en, "place_zh": place_zh,
            "figure_id": figure[KEY], "campaign_id": figure.get("campaign_id"), "scope_level": figure.get("scope_level"),
            "scope_name": figure.get("scope_name"), "metric_id": figure.get("metric_id"), "as_of_date": figure.get("as_of_date"),
            "base_unit": figure.get("base_unit"),
            "old_value": before.get("value") if before else None, "new_value": after.get("value") if after else None,
            "old_is_target": before.get("is_target") if before else None, "new_is_target": after.get("is_target") if after else None,
            "changed_fields": ", ".join(fields),
            "old_observation_ids": _ids(before.get("observation_ids")) if before else "",
            "new_observation_ids": _ids(after.get("observation_ids")) if after else "",
            "new_document_ids": _ids(figure.get("document_ids")),
        }  # fmt: skip

    for figure_id, after in current.items():
        before = previous.get(figure_id)
        if before is None:
            rows.append(line(ADDED, after, None, after, []))
            continue
        differing = [name for name in COMPARED if not _same(before.get(name), after.get(name))]
        if differing:
            rows.append(line(CHANGED, after, before, after, differing))
    for figure_id, before in previous.items():
        if figure_id not in current:
            rows.append(line(REMOVED, before, before, None, []))
    schema = {name: {"string": pl.String, "number": pl.Float64, "boolean": pl.Boolean, "date": pl.Date}[kind] for name, kind, _ in COLUMNS}
    order = {ADDED: 0, CHANGED: 1, REMOVED: 2}
    frame = pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
    return frame.sort(
        [pl.col("city_id"), pl.col("change").replace_strict(order, default=3, return_dtype=pl.Int8), pl.col("figure_id")]
    )


def summarise(changes: pl.DataFrame) -> Summary:
    by_place: dict[str, dict[str, int]] = {}
    for row in changes.iter_rows(named=True):
        counts = by_place.setdefault(row["city_id"], {ADDED: 0, CHANGED: 0, REMOVED: 0})
        counts[row["change"]] += 1
    total = {kind: sum(counts[kind] for counts in by_place.values()) for kind in (ADDED, CHANGED, REMOVED)}
    return Summary(total[ADDED], total[CHANGED], total[REMOVED], by_place)


def _value(value: object, unit: str | None) -> str:
    if value is None:
        return "NULL"
    number = float(value)
    text = f"{number:,.0f}" if number.is_integer() else f"{number:,.6g}"
    return f"{text} {unit}" if unit else text


def changes_markdown(changes: pl.DataFrame, version: str, previous: str | None) -> str:
    """changes.md: per place, every figure added, changed (old → new, with ids) and removed."""
    against = f"since release {previous}" if previous else "in a first release (every figure is added)"
    summary = summarise(changes)
    lines = [
        f"# Changes in battlemap {version}",
        "",
        f"Figures (fct_figure) {against}: {summary.added} added, {summary.changed} changed, {summary.removed} removed. "
        "Values in base units (CNY, m², count, ratio 0–1, days); NULL is a figure on which the documents disagree. "
        "The same rows are in changes.csv.",
    ]
    for city_id, group in changes.group_by("city_id", maintain_order=True):
        first = group.row(0, named=True)
        counts = summary.by_place[city_id[0] if isinstance(city_id, tuple) else city_id]
        lines += ["", f"## {first['place_zh'] or ''} · {first['place_en'] or ''} (`{first['city_id']}`)", "",
                  f"{counts[ADDED]} added, {counts[CHANGED]} changed, {counts[REMOVED]} removed.", ""]
        for row in group.iter_rows(named=True):
            where = f"`{row['figure_id']}`"
            if row["change"] == ADDED:
                lines.append(f"- added {where}: {_value(row['new_value'], row['base_unit'])} (observations {row['new_observation_ids']})")
            elif row["change"] == REMOVED:
                lines.append(f"- removed {where}: was {_value(row['old_value'], row['base_unit'])} (observations {row['old_observation_ids']})")
            else:
                lines.append(
                    f"- changed {where} ({row['changed_fields']}): {_value(row['old_value'], row['base_unit'])} → "
                    f"{_value(row['new_value'], row['base_unit'])} (observations {row['old_observation_ids']} → {row['new_observation_ids']})"
                )
    if changes.is_empty():
        lines += ["", "No figure changed."]
    return "\n".join(lines) + "\n"
