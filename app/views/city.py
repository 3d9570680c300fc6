"""City: one city's campaign on a timeline, every figure by scope, sub-scopes against the city total."""

from __future__ import annotations

import polars as pl
import streamlit as st

from battlemap.serve.explorer import charts, data, figures, formatting, state, ui
from battlemap.serve.explorer.downloads import download_buttons
from battlemap.serve.explorer.i18n import current_language, t
from battlemap.serve.explorer.labels import figures_are_label, kpi_label, scope_label, vocabulary_labels
from battlemap.serve.explorer.plain import plain
from battlemap.shared import vocabularies

lang = current_language()
snap = data.snapshot()
city_frame = data.cities(snap)
city_ids = city_frame["city_id"].to_list()
labels = dict(zip(city_ids, city_frame[ui.city_label_column(lang)].to_list()))

st.title(t("city.title"))
if not city_ids:
    st.info(t("empty.no_cities"))
    st.stop()

state.seed("city_city", "city", city_ids[0], allowed=city_ids)
options, place_note = ui.place_choices(snap, city_ids, [st.session_state["city_city"]], "city_find")
st.selectbox(t("city.select"), options=options, format_func=labels.get, key="city_city")
if place_note:
    st.caption(place_note)
state.publish("city_city", "city")
city_id = st.session_state["city_city"]

campaigns = data.campaign(snap, city_id)
if campaigns.is_empty():
    st.info(t("city.no_campaign"))
    st.stop()
campaign = campaigns.row(0, named=True)

# --- the campaign --------------------------------------------------------------------------------
st.header(f"{plain(campaign['name_zh_hans'])} · {plain(campaign['city_name_en'])}")
place = campaign["province_zh"] if lang == "zh" else campaign["province_en"]
parent = campaign["parent_prefecture_zh"] if lang == "zh" else campaign["parent_prefecture_en"]
st.caption(
    " · ".join(
        part
        for part in (
            vocabulary_labels("admin_level", lang).get(campaign["admin_level"], campaign["admin_level"]),
            plain(place),
            t("city.under", parent=plain(parent)) if parent else None,
            f"{t('city.traditional')}: {plain(campaign['name_zh_hant'])}",
        )
        if part
    )
)
st.subheader(plain(campaign["name_zh"]))
if campaign["name_en"] and lang == "en":
    st.markdown(f"*{plain(campaign['name_en'])}*")

ui.facts(
    {
        t("col.plan_year"): str(campaign["plan_year"]),
        t("city.period"): f"{formatting.date(campaign['period_start'])} → {formatting.date(campaign['period_end'])}",
        t("col.as_of"): formatting.date(campaign["as_of_date"]),
        t("col.figures_are"): figures_are_label(campaign['figures_are']),
    }
)

history = data.progress_history(snap, campaign["campaign_id"])
report_dates = history["as_of_date"].to_list() or [campaign["as_of_date"]]
events = [
    {"label": t("col.as_of"), "date": formatting.date(as_of), "caption": f"{t('col.as_of')} {formatting.date(as_of)}"}
    for as_of in report_dates
]
if campaign["publication_date"] is not None:
    events.append(
        {"label": t("city.published"), "date": formatting.date(campaign["publication_date"]),
         "caption": f"{t('city.published')} {formatting.date(campaign['publication_date'])}"}
    )
st.altair_chart(
    charts.timeline_chart(formatting.date(campaign["period_start"]), formatting.date(campaign["period_end"]), events, lang),
    width="stretch",
)
st.caption(
    t("city.timeline_note", period=plain(campaign["period_as_written"] or formatting.MISSING))
    + " "
    + plain(formatting.localised(campaign, "as_of_basis", lang) or "")
)
if campaign["caveat"]:
    st.warning(plain(formatting.localised(campaign, "caveat", lang)), icon=":material/warning:")
if campaign["comparability_note"]:
    st.caption(f"{t('city.comparability')}: {plain(formatting.localised(campaign, 'comparability_note', lang))}")

# --- progress over time: the burn-up ------------------------------------------------------------
st.subheader(t("city.burnup"))
points = charts.burnup_rows(history, lang)
if not points:
    st.info(t("city.burnup.none" if campaign["figures_are"] == "status" else "city.burnup.plan"))
else:
    st.caption(t("city.burnup.note", count=len(points)))
    st.altair_chart(charts.burnup_chart(points, charts.schedule_rows(campaign["plan_year"], lang), lang), width="stretch")
reports = history.select(
    # As text: a date column would be drawn with a time of day (2023-03-31 00:00:00).
    pl.col("as_of_date").map_elements(formatting.date, return_dtype=pl.String).alias(t("col.as_of")),
    pl.col("document_ids").list.join(", ").alias(t("city.burnup.documents")),
    pl.col("completed_investment").map_elements(formatting.yi, return_dtype=pl.String).fill_null(formatting.MISSING)
    .alias(kpi_label("completed_investment")),
    pl.col("annual_planned_investment").map_elements(formatting.yi, return_dtype=pl.String).fill_null(formatting.MISSING)
    .alias(kpi_label("annual_planned_investment")),
    pl.col("investment_completion_rate").map_elements(formatting.percent, return_dtype=pl.String).fill_null(formatting.MISSING)
    .alias(kpi_label("investment_completion_rate")),
    pl.col("elapsed_share").map_elements(formatting.percent, return_dtype=pl.String).fill_null(formatting.MISSING).alias(t("city.burnup.elapsed")),
    pl.col("pace_index").map_elements(formatting.index, return_dtype=pl.String).fill_null(formatting.MISSING).alias(kpi_label("pace_index")),
    pl.col("carried_forward").fill_null(formatting.MISSING).alias(t("city.burnup.carried")),
    pl.col("conflicting_figure_count").alias(t("city.burnup.conflicts")),
)
st.dataframe(reports, hide_index=True, key="city_reports")
download_buttons(history.with_columns(pl.col("document_ids").list.join(", ")), f"battlemap_{city_id}_progress", "city_reports")
if history["carried_forward"].is_not_null().any():
    st.caption(t("city.burnup.carried_note"))
if (history["conflicting_figure_count"] > 0).any():
    st.warning(t("city.burnup.conflict_note"), icon=":material/warning:")

# --- every figure, by scope ----------------------------------------------------------------------
observations = data.observations(snap).filter(pl.col("city_id") == city_id)
st.subheader(t("city.figures"))
if observations.is_empty():
    st.info(t("city.no_figures"))
    st.stop()

levels = [level for level in figures.scope_levels() if level in set(observations["scope_level"].to_list())]
tabs = st.tabs([f"{scope_label(level)} ({observations.filter(pl.col('scope_level') == level).height})" for level in levels])
for tab, level in zip(tabs, levels):
    with tab:
        subset = observations.filter(pl.col("scope_level") == level)
        st.dataframe(
            figures.display_table(subset, lang, with_city=False),
            hide_index=True,
            column_config=figures.column_config(lang),
            key=f"city_figures_{level}",
        )
        download_buttons(figures.raw(subset), f"battlemap_{city_id}_{level}_figures", f"city_{level}")
ui.missing_note()

# --- sub-scopes against the city total -----------------------------------------------------------
st.subheader(t("city.against_total"))
city_level = observations.filter(pl.col("scope_level") == "city")
sub_scopes = observations.filter(pl.col("scope_level") != "city")
shared = sorted(set(city_level["metric_id"].to_list()) & set(sub_scopes["metric_id"].to_list()))
if not shared:
    st.info(t("city.no_shared_metric"))
else:
    st.caption(t("city.against_total.note"))
    share_rows, raw_rows = [], []
    for metric_id in shared:
        total_row = city_level.filter(pl.col("metric_id") == metric_id).row(0, named=True)
        total = total_row["value"]
        parts = sub_scopes.filter((pl.col("metric_id") == metric_id) & pl.col("value").is_not_null())
        if total is None or parts.is_empty():
            continue
        unit = total_row["base_unit"]
        scale = vocabularies.display_factor(unit)  # 亿元 for CNY, % for a ratio (seeds/base_units.csv)
        rows = [
            {
                "scope": figures.scope_text(part, lang),
                "value": part["value"] / scale,
                "shown": formatting.by_unit(part["value"], unit, part["qualifier"], lang),
                "share": formatting.percent(part["value"] / total) if total else formatting.MISSING,
                "basis": t("basis.target" if part["is_target"] else "basis.achievement"),
            }
            for part in parts.iter_rows(named=True)
        ]
        raw_rows += [
            {
                "city_id": city_id, "metric_id": metric_id, "scope_level": part["scope_level"],
                "scope_name": part["scope_name"], "scope_name_en": part["scope_name_en"],
                "observation_id": part["observation_id"], "value": part["value"], "base_unit": unit,
                "is_target": part["is_target"], "city_total": total,
                "city_total_observation_id": total_row["observation_id"],
                "share_of_city_total": part["value"] / total if total else None,
            }
            for part in parts.iter_rows(named=True)
        ]
        name = figures.metric_name(total_row, lang)
        total_text = formatting.by_unit(total, unit, total_row["qualifier"], lang)
        with st.container(border=True):
            st.markdown(f"**{plain(name)}** — {t('city.total')}: {plain(total_text)} ({t('city.dashed')})")
            unit_title = vocabularies.display_unit(unit) or formatting.unit_label(unit, lang)
            st.altair_chart(charts.share_chart(rows, total / scale, unit_title), width="stretch")
            # A share above 100 % (Leling's bond programme against its key-project portfolio) is said, with the figure's note.
            for part in parts.iter_rows(named=True):
                if total and part["value"] / total > 1:
                    note = formatting.localised(part, "note", lang)
                    st.caption(
                        t("city.share_over_total", scope=plain(figures.scope_text(part, lang)), share=formatting.percent(part["value"] / total))
                        + (f" {plain(note)}" if note else "")
                    )
            share_rows += [
                {
                    t("col.metric"): name,
                    t("col.scope"): row["scope"],
                    t("col.value"): row["shown"],
                    t("city.total"): total_text,
                    t("city.share"): row["share"],
                    t("col.basis"): row["basis"],
                }
                for row in rows
            ]
    if share_rows:
        st.dataframe(pl.DataFrame(share_rows), hide_index=True, key="city_shares")
        download_buttons(pl.DataFrame(raw_rows), f"battlemap_{city_id}_shares", "city_shares")
