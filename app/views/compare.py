"""Compare: the cross-city KPI table and one chart per KPI, with what each chart cannot compare."""

from __future__ import annotations

import polars as pl
import streamlit as st

from explorer import charts, comparability, data, formatting, state, ui
from explorer.downloads import download_buttons
from explorer.i18n import current_language, t
from explorer.kpis import GIVEN, KPIS, TABLE_EXTRAS, TARGET_HIDDEN, adjusted, long_form

lang = current_language()
snap = data.snapshot()
comparison = data.comparison(snap)
label_column = ui.city_label_column(lang)
city_ids = comparison["city_id"].to_list()
labels = dict(zip(city_ids, comparison[label_column].to_list()))

st.title(t("compare.title"))
st.caption(t("compare.intro"))

state.seed("compare_cities", "cities", city_ids, allowed=city_ids, many=True)
state.seed("compare_basis", "basis", "absolute", allowed=("absolute", "per_project"))
state.seed_flag("compare_targets", "targets", True)

left, middle, right = st.columns([3, 2, 2], vertical_alignment="bottom")
with left:
    st.multiselect(t("compare.cities"), options=city_ids, format_func=labels.get, key="compare_cities")
with middle:
    st.radio(
        t("compare.basis"),
        options=("absolute", "per_project"),
        format_func=lambda option: t(f"compare.basis.{option}", lang),
        key="compare_basis",
        horizontal=True,
    )
with right:
    st.toggle(t("compare.include_targets"), key="compare_targets", help=t("compare.include_targets.help"))

state.publish("compare_cities", "cities")
state.publish("compare_basis", "basis")
state.publish("compare_targets", "targets")

selected = st.session_state["compare_cities"]
per_project = st.session_state["compare_basis"] == "per_project"
include_targets = st.session_state["compare_targets"]

if not selected:
    st.info(t("compare.no_city"))
    st.stop()

order = {city_id: position for position, city_id in enumerate(selected)}
shown = (
    adjusted(comparison, per_project=per_project, include_targets=include_targets)
    .filter(pl.col("city_id").is_in(selected))
    .with_columns(pl.col("city_id").replace_strict(order, default=len(order)).alias("_order"))
    .sort("_order")
    .drop("_order")
)


def kpi_name(column: str) -> str:
    name = t(f"kpi.{column}")
    if per_project and column in {k.column for k in KPIS if k.per_project}:
        name = t("compare.per_project_of", name=name)
    return name


def kpi_header(column: str, kind: str) -> str:
    name = kpi_name(column)
    return f"{name} (亿元)" if kind == "money" else (f"{name} (%)" if kind == "ratio" else name)


def cell(value, kind: str, status: str, is_target: bool) -> str:
    if status == TARGET_HIDDEN:
        return t("cell.target_hidden")
    if status != GIVEN:
        return formatting.MISSING
    text = charts.shown(value, kind)
    if kind == "money":
        text = formatting.yi(value, unit=False)
    return f"{text} {t('cell.target_mark')}" if is_target else text


# --- KPI table -----------------------------------------------------------------------------------
st.subheader(t("compare.table"))
table_rows = []
for row in shown.iter_rows(named=True):
    line = {
        t("col.city"): row[label_column],
        t("col.plan_year"): str(row["plan_year"]),
        t("col.as_of"): formatting.date(row["as_of_date"]),
        t("col.figures_are"): t(f"figures_are.{row['figures_are']}"),
    }
    for kpi in KPIS + TABLE_EXTRAS:
        status, target = row[f"{kpi.column}_status"], row[f"{kpi.column}_is_target"]
        line[kpi_header(kpi.column, kpi.kind)] = cell(row[kpi.column], kpi.kind, status, target)
        if kpi.kind == "money":
            line[f"{kpi_name(kpi.column)} ({t('col.cny')})"] = (
                formatting.cny(row[kpi.column]) if status == GIVEN else formatting.MISSING
            )
    line[t("col.caveat")] = row["caveat"]
    table_rows.append(line)
st.dataframe(pl.DataFrame(table_rows), hide_index=True, key="compare_table")
ui.missing_note()
raw_columns = (
    ["city_id", "name_en", "name_zh_hans", "plan_year", "as_of_date", "figures_are"]
    + [c for kpi in KPIS + TABLE_EXTRAS for c in (kpi.column, f"{kpi.column}_is_target", f"{kpi.column}_status")]
    + ["caveat"]
)
download_buttons(shown.select(raw_columns), f"battlemap_compare_{st.session_state['compare_basis']}", "compare_table")

# --- charts --------------------------------------------------------------------------------------
st.subheader(t("compare.charts"))
columns = st.columns(2)
for position, kpi in enumerate(KPIS):
    long = long_form(shown, kpi, label_column)
    with columns[position % 2]:
        with st.container(border=True):
            st.markdown(f"**{kpi_header(kpi.column, kpi.kind)}**")
            st.altair_chart(charts.kpi_chart(long, kpi, lang), width="stretch")
            notes = comparability.chart_notes(long, kpi, lang, per_project)
            separator = "" if lang == "zh" else " "
            st.caption(t("compare.not_comparable") + separator + separator.join(notes))

with st.expander(t("compare.caveats"), expanded=False):
    for row in shown.iter_rows(named=True):
        st.markdown(f"**{row[label_column]}** — {row['caveat']}")
