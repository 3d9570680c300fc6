"""The small vocabularies, read from their one home: a seed each (seeds/<name>.csv, tested by seeds/_seeds.yml).

Each seed's first column is the vocabulary's value; its rows are in display order (or ordered by a
`display_order` column where it has one), with labels in English and 简体中文 (label_en, label_zh) and what
the readers need besides (a qualifier's bounds and mark, a base unit's kind and display unit, a KPI's
definition). dbt tests every column that holds these values with a `relationships` test to its seed; the
input pass, `battlemap accept`, the GX suites, the extractor, the app and the CLI read them through here
(or through battlemap.shared.seed_schema.vocabulary, which follows those relationships). Nothing lists the values
in code: tests/python/test_vocabulary_homes.py fails where something does.

Seeds: scope_levels, qualifiers, qualifier_phrase_marks, base_units, campaign_types, figures_are_values,
conflict_kinds, garbled_kinds, kpis; the older metric_roles and periods follow the same pattern, and the
labels of vocabularies without attributes of their own are in vocabulary_labels.
"""

from __future__ import annotations

import csv
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from battlemap.shared.paths import seeds_dir


class VocabularyError(ValueError):
    """A vocabulary seed does not say what its readers need (no default qualifier, an unknown display unit)."""


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int) -> tuple[dict[str, str], ...]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in csv.DictReader(handle)]
    if rows and "display_order" in rows[0]:
        rows.sort(key=lambda row: int(row["display_order"] or 0))
    return tuple(rows)


def rows(seed: str, project: Path | None = None) -> list[dict[str, str]]:
    """The rows of seeds/<seed>.csv in display order (re-read when the file changes)."""
    path = seeds_dir(project) / f"{seed}.csv"
    return [dict(row) for row in _read(path, path.stat().st_mtime_ns)]


def values(seed: str, project: Path | None = None, column: str | None = None) -> list[str]:
    """The values of a vocabulary in display order: its seed's first column (or `column`)."""
    found = rows(seed, project)
    if not found:
        return []
    key = column or next(iter(found[0]))
    return [row[key] for row in found]


def by_value(seed: str, project: Path | None = None) -> dict[str, dict[str, str]]:
    """value -> its row."""
    found = rows(seed, project)
    return {row[next(iter(row))]: row for row in found}


def labels(seed: str, lang: str = "en", project: Path | None = None, column: str = "label") -> dict[str, str]:
    """value -> its label in `lang` (en or zh; column `<column>_en` / `<column>_zh`), English where zh is empty."""
    suffix = "zh" if lang == "zh" else "en"
    return {value: row.get(f"{column}_{suffix}") or row.get(f"{column}_en") or value for value, row in by_value(seed, project).items()}


def label(seed: str, value: str | None, lang: str = "en", project: Path | None = None, column: str = "label") -> str:
    """The label of one value in `lang`; a value the seed does not hold is shown as it is."""
    if value is None:
        return ""
    return labels(seed, lang, project, column).get(value, value)


# --- qualifiers ---


def default_qualifier(project: Path | None = None) -> str:
    """The qualifier of a figure no word qualifies (seeds/qualifiers.csv: is_default; exact)."""
    return the_default(rows("qualifiers", project))


def the_default(qualifiers: list[dict[str, str]]) -> str:
    """The one row of seeds/qualifiers.csv marked is_default."""
    defaults = [row["qualifier"] for row in qualifiers if row["is_default"].lower() == "true"]
    if len(defaults) != 1:
        raise VocabularyError(f"seeds/qualifiers.csv must mark exactly one qualifier is_default, not {defaults}")
    return defaults[0]


def qualifier_marks(project: Path | None = None) -> dict[str, str]:
    """qualifier -> the mark written before its value on screen (≥ , ≈ ; empty for the default)."""
    return {value: f"{row['mark']} " if row.get("mark") else "" for value, row in by_value("qualifiers", project).items()}


def phrase_marks(project: Path | None = None) -> str:
    """The marks that end a phrase (seeds/qualifier_phrase_marks.csv), as one string."""
    return "".join(values("qualifier_phrase_marks", project))


# --- base units ---


def unit_factor(unit_as_written: str, project: Path | None = None) -> Fraction:
    """value_in_base = value_as_written * factor, for a unit of seeds/units.csv (亿元: 100000000)."""
    for row in rows("units", project):
        if row["unit_as_written"] == unit_as_written:
            return Fraction(row["multiplier"]) / Fraction(row["divisor"])
    raise VocabularyError(f"unit {unit_as_written!r} is not in seeds/units.csv")


def display_unit(base_unit: str, project: Path | None = None) -> str | None:
    """The unit the app and the CLI show a base unit in (亿元 for CNY, % for ratio); None: shown as it is."""
    row = by_value("base_units", project).get(base_unit)
    return (row or {}).get("display_unit") or None


def display_factor(base_unit: str, project: Path | None = None) -> float:
    """What a value in the base unit is divided by to be shown in its display unit (1e8 for CNY in 亿元, 0.01 for
    a ratio in %; 1 where the base unit is shown as it is)."""
    unit = display_unit(base_unit, project)
    return float(unit_factor(unit, project)) if unit else 1.0


# --- KPIs ---


def kpis(project: Path | None = None) -> list[dict[str, str]]:
    """The KPIs (seeds/kpis.csv) in display order, each KPI that is a metric labelled with the metric's names
    (seeds/metrics.csv name_en, name_zh): one name for one thing."""
    metrics = {row["metric_id"]: row for row in rows("metrics", project)}
    found = []
    for row in rows("kpis", project):
        metric = metrics.get(row["metric_id"]) if row["metric_id"] else None
        if metric is not None:
            row = row | {"label_en": metric["name_en"], "label_zh": metric["name_zh"]}
        found.append(row)
    return found


def kpi_labels(lang: str = "en", project: Path | None = None, column: str = "label") -> dict[str, str]:
    """kpi -> its label (or definition_*, caveat_*: `column`) in `lang`."""
    suffix = "zh" if lang == "zh" else "en"
    return {row["kpi"]: row.get(f"{column}_{suffix}") or row.get(f"{column}_en") or "" for row in kpis(project)}
