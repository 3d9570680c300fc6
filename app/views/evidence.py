"""Evidence: every observation, filterable; the chosen one shown in its document with the quote marked."""

from __future__ import annotations

import polars as pl
import streamlit as st

from battlemap.serve.explorer import data, figures, formatting, state, ui
from battlemap.serve.explorer.downloads import download_buttons
from battlemap.serve.explorer.highlight import Span, excerpt_window, render_document
from battlemap.serve.explorer.i18n import current_language, t
from battlemap.serve.explorer.labels import scope_label
from battlemap.serve.explorer.plain import plain

lang = current_language()
snap = data.snapshot()
observations = data.observations(snap)

st.title(t("evidence.title"))
st.caption(t("evidence.intro"))

city_ids = observations.unique("city_id", maintain_order=True)["city_id"].to_list()
city_names = {
    row["city_id"]: (row["city_name_zh"] if lang == "zh" else row["city_name_en"])
    for row in observations.unique("city_id", maintain_order=True).iter_rows(named=True)
}
metric_ids = sorted(observations["metric_id"].unique().to_list())
metric_names = {
    row["metric_id"]: figures.metric_name(row, lang) for row in observations.unique("metric_id").iter_rows(named=True)
}
levels = [level for level in figures.scope_levels() if level in set(observations["scope_level"].to_list())]
BASES = ("all", "achievement", "target")

state.seed("evidence_cities", "cities", [], allowed=city_ids, many=True)
state.seed("evidence_metrics", "metric", [], allowed=metric_ids, many=True)
state.seed("evidence_scopes", "scope", [], allowed=levels, many=True)
state.seed("evidence_basis", "basis", "all", allowed=BASES)

one, two, three, four = st.columns([2, 3, 2, 2])
with one:
    city_options, place_note = ui.place_choices(snap, city_ids, st.session_state["evidence_cities"], "evidence_find")
    st.multiselect(t("col.city"), city_options, format_func=city_names.get, key="evidence_cities", placeholder=t("filter.all"))
    if place_note:
        st.caption(place_note)
two.multiselect(t("col.metric"), metric_ids, format_func=metric_names.get, key="evidence_metrics", placeholder=t("filter.all"))
three.multiselect(t("col.scope_level"), levels, format_func=lambda level: scope_label(level, lang), key="evidence_scopes",
                  placeholder=t("filter.all"))
four.radio(t("col.basis"), BASES, format_func=lambda basis: t(f"evidence.basis.{basis}", lang), key="evidence_basis", horizontal=True)
for key, param in (("evidence_cities", "cities"), ("evidence_metrics", "metric"), ("evidence_scopes", "scope"),
                   ("evidence_basis", "basis")):
    state.publish(key, param)

chosen = observations
if st.session_state["evidence_cities"]:
    chosen = chosen.filter(pl.col("city_id").is_in(st.session_state["evidence_cities"]))
if st.session_state["evidence_metrics"]:
    chosen = chosen.filter(pl.col("metric_id").is_in(st.session_state["evidence_metrics"]))
if st.session_state["evidence_scopes"]:
    chosen = chosen.filter(pl.col("scope_level").is_in(st.session_state["evidence_scopes"]))
if st.session_state["evidence_basis"] != "all":
    chosen = chosen.filter(pl.col("is_target") == (st.session_state["evidence_basis"] == "target"))

st.markdown(t("evidence.count", shown=chosen.height, total=observations.height))
if chosen.is_empty():
    st.info(t("evidence.none"))
    st.stop()

chosen_ids = chosen["observation_id"].to_list()
st.session_state["_evidence_ids"] = chosen_ids


def pick_from_table() -> None:
    """A row clicked in the table becomes the selected observation."""
    rows = st.session_state["evidence_table"].selection.rows
    ids = st.session_state.get("_evidence_ids", [])
    if rows and rows[0] < len(ids):
        st.session_state["evidence_obs"] = ids[rows[0]]


st.dataframe(
    figures.display_table(chosen, lang),
    hide_index=True,
    column_config=figures.column_config(lang),
    key="evidence_table",
    on_select=pick_from_table,
    selection_mode="single-row",
)
ui.missing_note()
download_buttons(figures.raw(chosen), "battlemap_observations", "evidence_table")

# --- the selected observation in its document ----------------------------------------------------
state.seed("evidence_obs", "obs", chosen_ids[0])
if st.session_state["evidence_obs"] not in chosen_ids:
    st.session_state["evidence_obs"] = chosen_ids[0]
by_id = {row["observation_id"]: row for row in chosen.iter_rows(named=True)}


def observation_label(observation_id: str) -> str:
    row = by_id[observation_id]
    return (
        f"{observation_id} · {city_names[row['city_id']]} · {metric_names.get(row['metric_id'], row['metric_id'])} · "
        f"{formatting.by_unit(row['value'], row['base_unit'], row['qualifier'], lang)}"
    )


st.subheader(t("evidence.source"))
left, right = st.columns([3, 2], vertical_alignment="bottom")
left.selectbox(t("evidence.observation"), chosen_ids, format_func=observation_label, key="evidence_obs")
state.seed("evidence_script", "script", "simplified", allowed=("simplified", "original"))
right.radio(t("evidence.script"), ("simplified", "original"), format_func=lambda s: t(f"evidence.script.{s}", lang),
            key="evidence_script", horizontal=True)
state.publish("evidence_obs", "obs")
state.publish("evidence_script", "script")

observation = by_id[st.session_state["evidence_obs"]]
original = st.session_state["evidence_script"] == "original"
documents = data.document(snap, observation["document_id"])
if documents.is_empty():
    st.warning(t("evidence.no_document", document=plain(observation["document_id"])))
    st.stop()
doc = documents.row(0, named=True)

# The quote, with the figure inside it (offsets of the figure exist for the simplified text only).
if original:
    text = doc["raw_text"] or ""
    start, end = observation["raw_char_start"], observation["raw_char_end"]
    spans = [Span(start, end, "quote")] if start is not None and end is not None else []
    garbled_columns = ("raw_char_start", "raw_char_end")
else:
    text = doc["normalised_text"] or ""
    start, end = observation["char_start"], observation["char_end"]
    spans = [Span(start, end, "quote")] if start is not None and end is not None else []
    if observation["figure_char_start"] is not None and observation["figure_char_end"] is not None:
        spans.append(Span(observation["figure_char_start"], observation["figure_char_end"], "figure"))
    garbled_columns = ("char_start", "char_end")
for garbled in data.garbled_spans(snap, doc["document_id"]).iter_rows(named=True):
    spans.append(Span(garbled[garbled_columns[0]], garbled[garbled_columns[1]], "garbled"))

quote = (observation["raw_quote"] if original else observation["quote"]) or ""
st.markdown(
    f"**{plain(metric_names.get(observation['metric_id'], observation['metric_id']))}** · "
    f"{plain(figures.scope_text(observation, lang))} · "
    f"{plain(formatting.by_unit(observation['value'], observation['base_unit'], observation['qualifier'], lang))} · "
    f"{t('basis.target' if observation['is_target'] else 'basis.achievement')} · "
    f"{plain(figures.period_text(observation, lang))}"
)
# The figure's health (fct_figure): sources, review, confidence, and whether it may be summed.
st.caption(f"{t('col.health')}: {plain(figures.health_text(observation, lang))}")
if observation["note"]:
    st.caption(f"{t('evidence.note')}: {plain(formatting.localised(observation, 'note', lang))}")
if start is None or end is None:
    st.warning(t("evidence.no_offsets"))
    st.html(render_document(text, spans))
else:
    st.html(render_document(text, spans, window=excerpt_window(len(text), start, end)))
    with st.expander(t("evidence.full_document")):
        st.html(render_document(text, spans))
st.caption(t("evidence.legend"))

# --- where the document comes from ---------------------------------------------------------------
st.subheader(t("evidence.origin"))
origin = {
    t("origin.title"): doc["title_as_written"] or formatting.MISSING,
    t("origin.title_en"): doc["title_en"] or formatting.MISSING,
    t("origin.outlet"): doc["publisher_as_written"] or t("origin.not_named"),
    t("origin.date"): formatting.date(doc["publication_date"]),
    t("origin.date_as_written"): formatting.localised(doc, "date_as_written", lang) or formatting.MISSING,
    t("origin.file"): doc["file_name"],
    t("origin.sha256"): doc["sha256"],
    t("origin.script"): doc.get(f"script_label_{lang}") or doc["script"] or formatting.MISSING,
    t("origin.type"): doc.get(f"document_type_label_{lang}") or doc["document_type"] or formatting.MISSING,
    t("origin.known_defects"): formatting.localised(doc, "known_defects", lang) or formatting.MISSING,
    t("origin.garbled"): str(doc["garbled_span_count"]),
    # Where it was retrieved: shown as text (an address is data, not a link the app vouches for); not recorded ≠ none.
    t("origin.url"): doc["url"] or t("origin.not_recorded"),
    t("origin.retrieval_date"): formatting.date(doc["retrieval_date"]) if doc["retrieval_date"] else t("origin.not_recorded"),
    t("origin.licence_terms"): doc["licence_terms"] or t("origin.not_recorded"),
}
# st.table renders Markdown in its cells: the document's fields are shown as text.
st.table(pl.DataFrame({t("origin.field"): list(origin), t("origin.value"): [plain(value) for value in origin.values()]}))
download_buttons(documents.drop("raw_text", "normalised_text"), f"battlemap_document_{doc['document_id']}", "evidence_origin")
