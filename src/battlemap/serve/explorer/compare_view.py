"""Everything the Compare page shows for one state of its controls, computed once and cached.

The page's controls (cities, absolute/per project, targets, language) have few combinations; the
table, the eight Vega-Lite specs (kpi_chart.py) and their notes are cached per combination
and per warehouse snapshot, so an interaction only ships what is already computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
import streamlit as st

from battlemap.serve.explorer import comparability, data, formatting, kpi_chart
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.kpis import GIVEN, KPIS, NOT_GIVEN, TABLE_EXTRAS, TARGET_HIDDEN, adjusted, evidence_id, long_form
from battlemap.serve.explorer.labels import figures_are_label, kpi_label


@dataclass(frozen=True)
class ChartView:
    title: str
    spec: dict  # Vega-Lite (kpi_chart.py)
    note: str  # what the chart cannot compare


@dataclass(frozen=True)
class CompareView:
    table: pl.DataFrame  # formatted for reading
    raw: pl.DataFrame  # base units, for downloads
    charts: tuple[ChartView, ...]
    caveats: tuple[tuple[str, str], ...]  # (city, caveat)
    # (row, column header) of a key-figure cell of the table -> the observation a click on it opens
    cell_evidence: dict[tuple[int, str], str] = field(default_factory=dict)


def kpi_name(column: str, lang: str, per_project: bool) -> str:
    name = kpi_label(column, lang)
    if per_project and column in {kpi.column for kpi in KPIS if kpi.per_project}:
        name = t("compare.per_project_of", lang, name=name)
    return name


def kpi_header(column: str, kind: str, lang: str, per_project: bool) -> str:
    name = kpi_name(column, lang, per_project)
    return f"{name} (亿元)" if kind == "money" else (f"{name} (%)" if kind == "ratio" else name)


def cell(value, kind: str, status: str, is_target: bool, lang: str) -> str:
    """A KPI as written in the table: missing as '–', hidden targets said so, targets marked."""
    if status == TARGET_HIDDEN:
        return t("cell.target_hidden", lang)
    if status != GIVEN:
        return formatting.MISSING
    text = formatting.yi(value, unit=False) if kind == "money" else kpi_chart.shown(value, kind)
    return f"{text} {t('cell.target_mark', lang)}" if is_target else text


RAW_COLUMNS = (
    ["city_id", "name_en", "name_zh_hans", "display_name_en", "display_name_zh", "plan_year", "as_of_date", "figures_are"]
    + [c for kpi in KPIS + TABLE_EXTRAS for c in (kpi.column, f"{kpi.column}_is_target", f"{kpi.column}_status")]
    + ["caveat", "caveat_zh"]
)


def build(comparison: pl.DataFrame, selected: tuple[str, ...], lang: str, per_project: bool, include_targets: bool) -> CompareView:
    """The Compare page's content for these cities (in this order) and toggles."""
    # The name lists show (with its prefecture where another place shares it), else the plain name.
    label = "display_name_zh" if lang == "zh" else "display_name_en"
    if label not in comparison.columns:
        label = "name_zh_hans" if lang == "zh" else "name_en"
    order = {city_id: position for position, city_id in enumerate(selected)}
    shown = (
        adjusted(comparison, per_project=per_project, include_targets=include_targets)
        .filter(pl.col("city_id").is_in(list(selected)))
        .with_columns(pl.col("city_id").replace_strict(order, default=len(order)).alias("_order"))
        .sort("_order")
        .drop("_order")
    )
    evidence = shown.select(
        [evidence_id(kpi, shown).alias(kpi.column) for kpi in KPIS + TABLE_EXTRAS]
    ).to_dicts()
    rows = []
    cell_evidence: dict[tuple[int, str], str] = {}
    for position, row in enumerate(shown.iter_rows(named=True)):
        line = {
            t("col.city", lang): row[label],
            t("col.plan_year", lang): str(row["plan_year"]),
            t("col.as_of", lang): formatting.date(row["as_of_date"]),
            t("col.figures_are", lang): figures_are_label(row['figures_are'], lang),
        }
        for kpi in KPIS + TABLE_EXTRAS:
            status, target = row[f"{kpi.column}_status"], row[f"{kpi.column}_is_target"]
            header = kpi_header(kpi.column, kpi.kind, lang, per_project)
            line[header] = cell(row[kpi.column], kpi.kind, status, target, lang)
            headers = [header]
            if kpi.kind == "money":
                headers.append(f"{kpi_name(kpi.column, lang, per_project)} ({t('col.cny', lang)})")
                line[headers[-1]] = formatting.cny(row[kpi.column]) if status == GIVEN else formatting.MISSING
            if status != NOT_GIVEN and evidence[position][kpi.column]:
                cell_evidence |= {(position, h): evidence[position][kpi.column] for h in headers}
        line[t("col.caveat", lang)] = formatting.localised(row, "caveat", lang)
        rows.append(line)
    separator = "" if lang == "zh" else " "
    chart_views = []
    for kpi in KPIS:
        long = long_form(shown, kpi, label)
        notes = comparability.chart_notes(long, kpi, lang, per_project)
        chart_views.append(
            ChartView(
                title=kpi_header(kpi.column, kpi.kind, lang, per_project),
                spec=kpi_chart.kpi_chart(long, kpi, lang),
                note=t("compare.not_comparable", lang) + separator + separator.join(notes),
            )
        )
    return CompareView(
        table=pl.DataFrame(rows) if rows else pl.DataFrame(),
        raw=shown.select([c for c in RAW_COLUMNS if c in shown.columns]),
        charts=tuple(chart_views),
        caveats=tuple((row[label], formatting.localised(row, "caveat", lang)) for row in shown.iter_rows(named=True)),
        cell_evidence=cell_evidence,
    )


@st.cache_data(show_spinner=False, max_entries=64)
def cached(snap: data.Snapshot, selected: tuple[str, ...], lang: str, per_project: bool, include_targets: bool) -> CompareView:
    return build(data.comparison(snap), selected, lang, per_project, include_targets)
