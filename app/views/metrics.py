"""Metrics: the catalogue of what is measured, its base unit, definition and comparability caveat."""

from __future__ import annotations

import polars as pl
import streamlit as st

from battlemap.serve.explorer import data, formatting, state
from battlemap.serve.explorer.downloads import download_buttons
from battlemap.serve.explorer.i18n import current_language, t
from battlemap.serve.explorer.kpis import KPIS
from battlemap.serve.explorer.labels import kpi_label, metric_kind_label

lang = current_language()
snap = data.snapshot()
catalogue = data.metrics(snap)

st.title(t("metrics.title"))
st.caption(t("metrics.intro"))

kinds = catalogue["metric_kind"].unique(maintain_order=True).to_list()
state.seed("metrics_kinds", "kind", [], allowed=kinds, many=True)
state.seed("metrics_search", "q", "")
left, right = st.columns([2, 3])
left.multiselect(t("metrics.kind"), kinds, format_func=lambda kind: metric_kind_label(kind, lang), key="metrics_kinds",
                 placeholder=t("filter.all"))
right.text_input(t("metrics.search"), key="metrics_search", placeholder=t("metrics.search.placeholder"))
state.publish("metrics_kinds", "kind")
state.publish("metrics_search", "q")

shown = catalogue
if st.session_state["metrics_kinds"]:
    shown = shown.filter(pl.col("metric_kind").is_in(st.session_state["metrics_kinds"]))
needle = st.session_state["metrics_search"].strip().lower()
if needle:
    searchable = pl.concat_str(
        [
            pl.col(c).fill_null("")
            for c in ("metric_id", "name_en", "name_zh", "definition", "definition_zh", "comparability_caveat", "comparability_caveat_zh")
        ],
        separator=" ",
    ).str.to_lowercase()
    shown = shown.filter(searchable.str.contains(needle, literal=True))

def bound(value) -> str:
    return formatting.MISSING if formatting.is_missing(value) else f"{value:g}"


rows = [
    {
        t("metrics.name"): row["name_zh"] if lang == "zh" else row["name_en"],
        t("metrics.other_name"): row["name_en"] if lang == "zh" else row["name_zh"],
        t("metrics.id"): row["metric_id"],
        t("metrics.kind"): metric_kind_label(row['metric_kind']),
        t("col.base_unit"): formatting.unit_label(row["base_unit"], lang),
        t("metrics.definition"): (row["definition_zh"] if lang == "zh" else row["definition"]) or formatting.MISSING,
        t("metrics.caveat"): (row["comparability_caveat_zh"] if lang == "zh" else row["comparability_caveat"]) or formatting.MISSING,
        t("metrics.bounds"): f"{bound(row['lower_bound'])} … {bound(row['upper_bound'])}",
        t("metrics.observations"): row["observation_count"],
    }
    for row in shown.iter_rows(named=True)
]
st.markdown(t("metrics.count", shown=shown.height, total=catalogue.height))
if rows:
    st.dataframe(
        pl.DataFrame(rows),
        hide_index=True,
        key="metrics_table",
        column_config={
            t("metrics.definition"): st.column_config.TextColumn(width="large"),
            t("metrics.caveat"): st.column_config.TextColumn(width="large"),
        },
    )
    download_buttons(shown, "battlemap_metrics", "metrics_table")
else:
    st.info(t("metrics.none"))
st.caption(t("metrics.units_note"))

st.subheader(t("metrics.derived"))
st.caption(t("metrics.derived.intro"))
derived = pl.DataFrame(
    [
        {
            t("metrics.name"): kpi_label(kpi.column),
            t("metrics.id"): kpi.column,
            t("metrics.definition"): kpi_label(kpi.column, column="definition"),
            t("metrics.caveat"): kpi_label(kpi.column, column="caveat"),
        }
        for kpi in KPIS
    ]
)
st.dataframe(
    derived,
    hide_index=True,
    key="metrics_derived",
    column_config={t("metrics.definition"): st.column_config.TextColumn(width="large"),
                   t("metrics.caveat"): st.column_config.TextColumn(width="large")},
)
download_buttons(derived, "battlemap_compare_kpis", "metrics_derived")

# Totals across the corpus, of the figures fct_figure recommends for aggregates only (mart_metric_total).
totals = data.metric_totals(snap)
if totals.height:
    st.subheader(t("metrics.totals"))
    st.caption(t("metrics.totals.intro"))
    names = {row["metric_id"]: (row["name_zh"] if lang == "zh" else row["name_en"]) for row in catalogue.iter_rows(named=True)}
    total_rows = pl.DataFrame(
        [
            {
                t("metrics.name"): names.get(row["metric_id"], row["metric_id"]),
                t("metrics.total"): formatting.by_unit(row["total_value"], row["base_unit"], None, lang),
                t("metrics.total.figures"): row["figure_count"],
                t("metrics.total.places"): row["city_count"],
            }
            for row in totals.iter_rows(named=True)
        ]
    )
    st.dataframe(total_rows, hide_index=True, key="metrics_totals")
    download_buttons(totals, "battlemap_metric_totals", "metrics_totals")
