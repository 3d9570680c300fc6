"""Extract: paste or upload a report, see every proposed figure marked in the text, download the review CSV.

Reads no warehouse and writes nothing: adding figures stays `battlemap add-document` / `accept`.
"""

from __future__ import annotations

import streamlit as st

from battlemap.build.figure_match import whole_figure_offset
from battlemap.extract import ArticleError, decode_article, extract_text
from battlemap.extract.place import guess_place
from battlemap.extract.seedfiles import read_rows
from battlemap.read.text import normalise
from battlemap.review.add_document import place_named
from battlemap.review.errors import ReviewError
from battlemap.review.review_file import review_csv_text
from battlemap.serve.explorer import ui
from battlemap.serve.explorer.highlight import Span, render_document
from battlemap.serve.explorer.i18n import current_language, t
from battlemap.serve.explorer.labels import figures_are_label, qualifier_label
from battlemap.serve.explorer.plain import plain
from battlemap.shared import vocabularies
from battlemap.shared.paths import seeds_dir

FIGURES_ARE = ("auto", *vocabularies.values("figures_are_values"))  # auto: guessed from the title
lang = current_language()  # captured: a format_func may be called outside the script run


@st.cache_data(show_spinner=False)
def metric_names() -> dict[str, dict[str, str]]:
    """Each metric's name in both languages, from the metric catalogue seed (no warehouse needed)."""
    _, rows = read_rows(seeds_dir() / "metrics.csv")
    return {row["metric_id"]: {"en": row["name_en"], "zh": row["name_zh"]} for row in rows}


st.title(t("extract.title"))
st.caption(t("extract.intro"))

with st.form("extract_form"):
    pasted = st.text_area(t("extract.text"), key="extract_text", height=220, placeholder=t("extract.text.placeholder"))
    uploaded = st.file_uploader(t("extract.upload"), type=["txt"], key="extract_upload")
    ui.upload_widget_words(lang)
    left, right = st.columns(2)
    city = left.text_input(t("extract.city"), key="extract_city", help=t("extract.city.help"))
    figures_are = right.radio(
        t("extract.figures_are"),
        FIGURES_ARE,
        format_func=lambda v: t("extract.figures_are.auto", lang) if v == "auto" else figures_are_label(v, lang, document=True),
        key="extract_figures_are",
        horizontal=True,
    )
    submitted = st.form_submit_button(t("extract.run"), type="primary")

if submitted:
    # Keep the last result across reruns (a download click reruns the page).
    source = (uploaded.getvalue(), uploaded.name) if uploaded is not None else (pasted.encode("utf-8"), "pasted text")
    st.session_state["extract_result"] = None
    if not source[0].strip():
        st.warning(t("extract.empty"))
    else:
        try:
            article = decode_article(*source)
            place = place_named(city.strip()) if city.strip() else guess_place(article.text)
        except (ArticleError, ReviewError) as error:
            st.error(plain(error), icon=":material/error:")
        else:
            name = source[1].rsplit(".", 1)[0] if uploaded is not None else "pasted"
            proposals = extract_text(
                article.text, document=name, place=place, figures_are=None if figures_are == "auto" else figures_are
            )
            st.session_state["extract_result"] = (name, article.note, place, normalise(article.text).text, proposals)

result = st.session_state.get("extract_result")
if result:
    name, note, place, text, proposals = result
    if note:
        st.info(t("extract.note", note=plain(note)))
    if place is None:
        st.warning(t("extract.place.unknown"))
    else:
        st.caption(t("extract.place", name=plain(place.name_zh_hans), code=plain(place.admin_code)))
    if not proposals:
        st.info(t("extract.none"))
    else:
        st.subheader(t("extract.count", n=len(proposals)))
        rows = [
            {
                t("extract.col.n"): index,
                t("extract.col.figure"): p.value_as_written + p.unit_as_written,
                t("col.metric"): metric_names().get(p.metric_id, {}).get(lang, p.metric_id),
                t("col.id"): p.metric_id,
                t("col.scope_level"): ui.scope_label(p.scope_level),
                t("col.scope"): p.scope_name,
                t("extract.col.qualifier"): qualifier_label(p.qualifier),
                t("extract.col.target"): t("yes") if p.is_target else t("no"),
                t("extract.col.confidence"): round(p.confidence, 2),
                t("extract.col.cue"): p.cue,
                t("col.quote"): p.quote,
            }
            for index, p in enumerate(proposals, start=1)
        ]
        st.dataframe(rows, hide_index=True, width="stretch")
        st.download_button(
            t("extract.download"),
            review_csv_text(proposals, place).encode("utf-8-sig"),  # with a BOM: spreadsheets read it as UTF-8
            file_name=f"{name}.review.csv",
            mime="text/csv",
            icon=":material/download:",
        )
        st.caption(t("extract.next"))
        spans = []
        for p in proposals:
            spans.append(Span(p.char_start, p.char_end, "quote"))
            inside = whole_figure_offset(p.quote, p.value_as_written + p.unit_as_written)
            if inside is not None:
                start = p.char_start + inside
                spans.append(Span(start, start + len(p.value_as_written + p.unit_as_written), "figure"))
        st.markdown(f"**{t('extract.marked')}**")
        st.html(render_document(text, spans))
