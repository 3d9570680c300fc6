"""Compare: the cross-city KPI table and one chart per KPI, with what each chart cannot compare."""

from __future__ import annotations

import streamlit as st

from battlemap.serve.explorer import compare_view, data, kpi_chart, state, ui
from battlemap.serve.explorer.downloads import download_buttons
from battlemap.serve.explorer.i18n import current_language, t
from battlemap.serve.explorer.plain import plain

lang = current_language()
snap = data.snapshot()
comparison = data.comparison(snap)
city_ids = comparison["city_id"].to_list()
labels = dict(zip(city_ids, comparison[ui.city_label_column(lang)].to_list()))

# A click on a bar or a key-figure cell (the callbacks below) asks for its evidence; the jump happens on this run.
opening = st.session_state.pop("_compare_open_obs", None)
if opening:
    st.switch_page("views/evidence.py", query_params={"obs": opening, "lang": lang})

st.title(t("compare.title"))
st.caption(t("compare.intro"))

# At first, at most DEFAULT_CITIES places, the largest portfolios first (the comparison is ordered by project
# count): a corpus of thousands of places would otherwise draw thousands of bars in every chart.
state.seed("compare_cities", "cities", city_ids[: ui.DEFAULT_CITIES], allowed=city_ids, many=True)
state.seed("compare_basis", "basis", "absolute", allowed=("absolute", "per_project"))
state.seed_flag("compare_targets", "targets", True)
# The charts are drawn only once their section is opened (?charts=1): nine Vega-Lite charts cost the browser more
# than everything else on the page (issue 18: first render < 2 s, a language switch < 250 ms, on a loaded 2-core
# machine). What each chart cannot compare is shown either way.
state.seed_flag("compare_charts", "charts", False)
state.seed_flag("compare_caveats", "caveats", False)  # likewise each city's caveat (?caveats=1)

# The picker has the page's whole width: in a third of it, the fourth chosen city was cut off.
# A bounded, searched list on a corpus of thousands of places (ui.place_choices).
options, place_note = ui.place_choices(snap, city_ids, st.session_state["compare_cities"], "compare_find")
st.multiselect(t("compare.cities"), options=options, format_func=labels.get, key="compare_cities")
# Few elements (issue 18): the browser re-renders every element of the page on each rerun, a language switch
# included, so the two controls share one horizontal container (not three column blocks) and the notes under the
# picker are one caption.
with st.container(horizontal=True, vertical_alignment="bottom", gap="large"):
    st.radio(
        t("compare.basis"),
        options=("absolute", "per_project"),
        format_func=lambda option: t(f"compare.basis.{option}", lang),
        key="compare_basis",
        horizontal=True,
    )
    st.toggle(t("compare.include_targets"), key="compare_targets", help=t("compare.include_targets.help"))

picker_notes = []
if len(city_ids) > ui.DEFAULT_CITIES and st.session_state["compare_cities"] == city_ids[: ui.DEFAULT_CITIES]:
    picker_notes.append(t("compare.default_selection", count=ui.DEFAULT_CITIES, total=f"{len(city_ids):,}"))
if place_note:
    picker_notes.append(place_note)
if picker_notes:
    st.caption("\n\n".join(picker_notes))

state.publish("compare_cities", "cities")
state.publish("compare_basis", "basis")
state.publish("compare_targets", "targets")
state.publish("compare_charts", "charts")
state.publish("compare_caveats", "caveats", dump=lambda opened: "1" if opened else None)

selected = tuple(st.session_state["compare_cities"])
if not selected:
    st.info(t("compare.no_city"))
    st.stop()

view = compare_view.cached(
    snap, selected, lang, st.session_state["compare_basis"] == "per_project", st.session_state["compare_targets"]
)



def open_cell() -> None:
    """A key-figure cell clicked: remember its observation; the next run opens it on the Evidence page."""
    cells = st.session_state["compare_table"].selection.get("cells") or []
    if cells:
        row, column = cells[0]
        observation_id = view.cell_evidence.get((int(row), column))
        if observation_id:
            st.session_state["_compare_open_obs"] = observation_id


def open_bar(key: str) -> None:
    """A bar clicked: its observation, opened on the next run."""
    points = st.session_state[key].selection.get(kpi_chart.SELECTION) or []
    if points and points[0].get("observation_id"):
        st.session_state["_compare_open_obs"] = points[0]["observation_id"]


st.subheader(t("compare.table"))
# One caption above the table for both notes (what a click opens, what "–" means).
st.caption(f"{t('compare.click_evidence')}\n\n{t('missing.legend')}")
st.dataframe(view.table.to_arrow(), hide_index=True, key="compare_table", on_select=open_cell, selection_mode="single-cell")
download_buttons(view.raw, f"battlemap_compare_{st.session_state['compare_basis']}", "compare_table")

st.subheader(t("compare.charts"))
# Opening the section reruns the page, which then draws the charts; closed, its contents are not run at all.
charts = st.expander(t("compare.charts.open", count=len(view.charts)), key="compare_charts", on_change="rerun")
if charts.open:
    with charts:
        columns = st.columns(2)
        for position, chart in enumerate(view.charts):
            with columns[position % 2], st.container(border=True):
                st.markdown(f"**{plain(chart.title)}**")
                key = f"compare_chart_{position}"
                st.vega_lite_chart(
                    spec=chart.spec, width="stretch", key=key, on_select=lambda key=key: open_bar(key), selection_mode=kpi_chart.SELECTION
                )
                st.caption(plain(chart.note))
else:  # what each chart cannot compare, in one caption (one paragraph per chart), not nine elements
    st.caption("\n\n".join(f"**{plain(chart.title)}** · {plain(chart.note)}" for chart in view.charts))

# Its contents (one paragraph per city, ten on a large corpus) are sent only when it is open.
caveats = st.expander(t("compare.caveats"), key="compare_caveats", on_change="rerun")
if caveats.open:
    with caveats:
        st.markdown("\n\n".join(f"**{plain(city)}** — {plain(caveat)}" for city, caveat in view.caveats))
