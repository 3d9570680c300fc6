"""Review: pick a pending review (or add a report), see its proposals marked in the text, accept, correct and
add figures in one table, save through `battlemap accept`'s checks, then build the warehouse.

Writes the project's sources (the review CSV, observations.csv, seeds/metrics.csv, a new report) through
battlemap's own functions; reads no warehouse, so it works before the first build.
"""

from __future__ import annotations

import streamlit as st

from battlemap.build.progress import run_build
from battlemap.extract.cues import OTHER
from battlemap.extract.seedfiles import read_rows
from battlemap.review.review_desk import (
    WordsNotFound,
    figure_spans,
    is_marked,
    missed_figures,
    review_files,
    reviews_dir,
    save,
)
from battlemap.serve.explorer import review_forms, review_table, ui
from battlemap.serve.explorer.highlight import Span, render_document
from battlemap.serve.explorer.i18n import current_language, t
from battlemap.serve.explorer.labels import qualifier_label
from battlemap.serve.explorer.plain import plain
from battlemap.serve.explorer.review_state import editor_key, open_review, replace_rows, take_edits
from battlemap.shared.paths import project_dir, seeds_dir, warehouse_path
from battlemap.shared.seed_schema import vocabulary

lang = current_language()  # captured: a format_func may be called outside the script run
project = project_dir()
ROW_PX, MAX_TABLE_PX = 35, 900  # the editor's row height, and the most it grows to


def catalogue() -> dict[str, dict[str, str]]:
    """The metric catalogue as it is now (a metric added on this page shows at once)."""
    _, rows = read_rows(seeds_dir(project) / "metrics.csv")
    return {row["metric_id"]: row for row in rows}


def metric_labels() -> dict[str, str]:
    """Each metric as the table's list shows it: its name in the page's language and its id; `other` last."""
    labels = {
        metric_id: f"{row['name_zh' if lang == 'zh' else 'name_en']} ({metric_id})" for metric_id, row in catalogue().items()
    }
    return {**labels, OTHER: t("review.other", lang)}


# --- the page -------------------------------------------------------------------------------------------

st.title(t("review.title"))
st.caption(t("review.intro"))

reviews = review_files(project)
review_forms.add_report_form(project, lang, expanded=not reviews)
reviews = review_files(project)
if not reviews:
    st.info(t("review.none", folder=plain(reviews_dir(project))))
    st.stop()

by_name = {review.path.name: review for review in reviews}
if st.session_state.get("review_file") not in by_name:
    st.session_state["review_file"] = reviews[0].path.name
chosen = by_name[
    st.selectbox(
        t("review.pick"),
        list(by_name),
        key="review_file",
        format_func=lambda name: t(
            "review.option",
            lang,
            document=by_name[name].document_id,
            n=by_name[name].proposals,
            state=t("review.pending", lang) if by_name[name].pending else t("review.accepted_n", lang, n=by_name[name].accepted),
        ),
    )
]
review = open_review(project, chosen.path)
if review is None:
    st.stop()


st.markdown(f"**{t('review.marked')}**")
text_slot = st.empty()

# The table: tick, correct, save.
left, middle, _ = st.columns([1, 1, 4])
if left.button(t("review.mark_all"), icon=":material/done_all:", key="review_mark_all"):
    replace_rows(review_table.mark_all(take_edits(), True))
if middle.button(t("review.mark_none"), icon=":material/remove_done:", key="review_mark_none"):
    replace_rows(review_table.mark_all(take_edits(), False))
rows = take_edits()

# The text, every proposal marked (as edited).
text_slot.html(render_document(review.text, [Span(start, end, kind) for start, end, kind in figure_spans(rows)]))

metrics = metric_labels()
periods = [row["period"] for row in read_rows(seeds_dir(project) / "periods.csv")[1]]
frame = review_table.to_frame(rows, review.text)
st.markdown(f"**{t('review.table', marked=sum(map(is_marked, rows)), n=len(rows))}**")
st.data_editor(
    frame,
    key=editor_key(),
    num_rows="fixed",
    width="stretch",
    height=min(ROW_PX * (len(frame) + 1) + 3, MAX_TABLE_PX),  # a report of 20 figures without scrolling
    column_order=list(review_table.COLUMNS),
    disabled=list(review_table.SHOWN),
    column_config={
        "_index": st.column_config.NumberColumn("#", width="small"),
        "accept": st.column_config.CheckboxColumn(t("review.col.accept"), width="small"),
        "value_as_written": st.column_config.TextColumn(t("review.col.value"), width="small"),
        "unit_as_written": st.column_config.TextColumn(t("review.col.unit"), width="small"),
        "metric_id": st.column_config.SelectboxColumn(
            t("col.metric"), options=list(metrics), format_func=lambda m: metrics.get(m, m), width="medium"
        ),
        "scope_level": st.column_config.SelectboxColumn(
            t("col.scope_level"), options=vocabulary("observations", "scope_level", project), format_func=ui.scope_label,
            width="small",
        ),
        "scope_name": st.column_config.TextColumn(t("col.scope"), width="small"),
        "qualifier": st.column_config.SelectboxColumn(
            t("extract.col.qualifier"), options=vocabulary("observations", "qualifier", project),
            format_func=lambda q: qualifier_label(q, lang), width="small",
        ),
        "is_target": st.column_config.CheckboxColumn(t("extract.col.target"), width="small"),
        "period": st.column_config.SelectboxColumn(t("col.period"), options=periods, width="small"),
        "quote": st.column_config.TextColumn(t("col.quote"), width="large"),
        "note": st.column_config.TextColumn(t("review.col.note"), width="small"),
        "where": st.column_config.SelectboxColumn(
            t("review.col.where"), options=["ok", "quote_missing", "figure_missing"],
            format_func=lambda w: t(f"review.where.{w}", lang), width="small",
        ),
        "confidence": st.column_config.TextColumn(t("extract.col.confidence"), width="small"),
    },
)

# A missed figure: its words, selected in the text above and pasted.
with st.form("review_missed_form", clear_on_submit=True):
    words = st.text_input(t("review.missed.words"), key="review_missed_words")
    if st.form_submit_button(t("review.missed"), icon=":material/add:"):
        try:
            added_rows = missed_figures(project, review, words)
        except WordsNotFound as reason:
            st.warning(t(f"review.missed.{reason}"))
        else:
            replace_rows([*take_edits(), *added_rows])
            st.session_state["review_missed_note"] = t("review.missed.added", n=len(added_rows))
            st.rerun()
if note := st.session_state.pop("review_missed_note", None):
    st.success(note)

# A new catalogue metric, for rows proposed as `other`.
review_forms.metric_form(project, lang, rows)

# Save: the same checks as `battlemap accept`, said per row.
if st.button(t("review.save"), type="primary", icon=":material/save:", key="review_save"):
    st.session_state["review_saved"] = save(project, review)
saved = st.session_state.get("review_saved")
if saved is not None:
    for reason in saved.general:
        st.error(t("review.general", reason=plain(reason)), icon=":material/error:")
    if saved.refused:
        st.error(t("review.refused", n=len(saved.refused)), icon=":material/block:")
    elif not saved.general:
        st.success(t("review.saved", n=saved.appended, already=len(saved.already)), icon=":material/check:")
    outcome = []
    for index, row in enumerate(review.rows):  # as saved
        if index in saved.refused:
            result = t("review.outcome.refused", reasons="; ".join(saved.refused[index]))
        elif index in saved.accepted:
            result = t("review.outcome.accepted", id=saved.accepted[index])
        elif index in saved.already:
            result = t("review.outcome.already", id=saved.already[index])
        else:
            continue
        outcome.append({
            t("review.outcome.row"): str(index + 1),
            t("review.outcome.figure"): plain(row["value_as_written"] + row["unit_as_written"]),
            t("col.quote"): plain(row["quote"]),
            t("review.outcome.result"): plain(result),
        })
    if outcome:
        st.table(outcome)

# Build: `battlemap build`, with its progress.
if st.button(t("review.build"), icon=":material/construction:", help=t("review.build.help"), key="review_build_now"):
    bar = st.progress(0.0, text=t("review.build.running"))
    outcome = run_build(project, warehouse_path(), lambda share, line: bar.progress(share, text=plain(line[:120])))
    bar.empty()
    st.session_state["review_build"] = outcome
built = st.session_state.get("review_build")
if built is not None:
    if built.ok:
        st.success(t("review.build.ok", summary=plain(built.summary)), icon=":material/check_circle:")
        city_id = review.document.get("city_id", "")
        st.page_link("views/city.py", label=t("review.build.see_city"), query_params={"city": city_id, "lang": lang})
        first = next((oid for oid in (saved.accepted.values() if saved else [])), None)
        if first:
            st.page_link("views/evidence.py", label=t("review.build.see_evidence"), query_params={"obs": first, "lang": lang})
    else:
        st.error(t("review.build.failed"), icon=":material/error:")
        st.code(built.summary, language=None)
