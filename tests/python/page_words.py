"""What a reader must never see on a page, in either language: `None`, `nan`, a vocabulary's raw id where its
label belongs (news_report, m2, annual_planned_investment), and on the Chinese pages the English labels of a
vocabulary. Shared by the AppTest walk (dataframe cells, which a browser draws on a canvas) and the Chromium walk
(the page's visible text)."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
# Columns that show an id on purpose, as a citation a reader can query (the metric catalogue's, an observation's).
ID_COLUMNS = {"ID", "编号"}
NOT_A_VALUE = re.compile(r"(?<![\w-])(None|nan|NaN|null|undefined|NaT|<NA>)(?![\w-])")


def _seed_column(name: str, column: str) -> set[str]:
    with (REPO / "seeds" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle) if row.get(column)}


VOCABULARY_SEEDS = (
    ("scope_levels", "scope_level"), ("qualifiers", "qualifier"), ("base_units", "base_unit"), ("base_units", "metric_kind"),
    ("campaign_types", "campaign_type"), ("figures_are_values", "figures_are"), ("conflict_kinds", "conflict_kind"),
    ("garbled_kinds", "kind"), ("kpis", "kpi"),
)


def _accepted_values() -> set[str]:
    """Every value list of seeds/_seeds.yml (document types, scripts, campaign types, qualifiers, scope levels …)."""
    spec = yaml.safe_load((REPO / "seeds" / "_seeds.yml").read_text(encoding="utf-8"))
    values: set[str] = set()
    for seed in spec.get("seeds", []):
        for column in seed.get("columns", []):
            for test in column.get("data_tests", []) or []:
                if isinstance(test, dict) and "accepted_values" in test:
                    values |= {str(v) for v in test["accepted_values"]["arguments"]["values"]}
    return values


@cache
def raw_ids() -> frozenset[str]:
    """Vocabulary ids a page shows only through their labels: metric ids, base units, document types, scripts,
    campaign types, qualifiers, scope levels, period codes. Ids that are also plain words (`city`, `year`, `exact`)
    are checked only as a whole cell or where they hold an underscore."""
    ids = _seed_column("metrics", "metric_id") | _seed_column("units", "base_unit") | _seed_column("periods", "period")
    ids |= _accepted_values()
    # The small vocabularies' seeds (their one home): scope levels, qualifiers, base units and metric kinds …
    for seed, column in VOCABULARY_SEEDS:
        ids |= _seed_column(seed, column)
    return frozenset(i for i in ids if not i.isdigit() and i not in ("true", "false"))


def raw_id_in_text(text: str) -> str | None:
    """A raw id written with an underscore (news_report, annual_planned_investment) inside running text."""
    for token in re.findall(r"(?<![\w/.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.-])", text):
        if token in raw_ids():
            return token
    return None


def bad_cell(value: object, lang: str) -> str | None:
    """Why a table cell must not be shown as it is; None when it may."""
    if value is None:
        return "an empty cell (shown as None)"
    if isinstance(value, float) and value != value:
        return "NaN"
    text = str(value).strip()
    if NOT_A_VALUE.fullmatch(text):
        return f"the word {text!r}"
    # In English an id that is a plain word (count, city, exact) reads as its label; in Chinese no id does.
    if text in raw_ids() and (lang == "zh" or not text.isalpha()):
        return f"the raw id {text!r}"
    found = raw_id_in_text(text)
    if found:
        return f"the raw id {found!r}"
    return None


def bad_words(text: str) -> str | None:
    """Why a page's visible text must not be shown as it is; None when it may."""
    found = NOT_A_VALUE.search(text)
    if found:
        start = max(0, found.start() - 60)
        return f"the word {found.group()!r} in …{text[start : found.end() + 60]}…"
    found_id = raw_id_in_text(text)
    if found_id:
        where = text.find(found_id)
        return f"the raw id {found_id!r} in …{text[max(0, where - 60) : where + 60]}…"
    return None


# English prose on a Chinese page: three English words in a row (names of tools and formats excepted).
ENGLISH_RUN = re.compile(r"[A-Za-z][a-z]+(?:[ ,;:()'’-]+[A-Za-z][a-z]+){2,}")
ENGLISH_ALLOWED = re.compile(r"Great Expectations|Data Docs|Frictionless|Streamlit|DuckDB|Vega|Altair|Apache|Parquet|Leaflet|OpenStreetMap")


def english_prose(text: str) -> str | None:
    """Three English words in a row, where a Chinese page should have none; None if there are none."""
    # Code (a command, the warehouse's path) is not prose: left out.
    text = re.sub(r"`[^`]*`|\S*/\S*", " ", text)
    for found in ENGLISH_RUN.finditer(ENGLISH_ALLOWED.sub("", text)):
        return found.group()
    return None
