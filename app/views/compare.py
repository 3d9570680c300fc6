"""Compare: the cross-city KPI table and one chart per KPI, with what each chart cannot compare."""

from __future__ import annotations

import streamlit as st

from explorer import compare_view, data, place_options, state, ui
from explorer.downloads import download_buttons
from explorer.i18n import current_language, t

lang = current_language()
snap = data.snapshot()
comparison = data.comparison(snap)
city_ids = comparison["city_id"].to_list()
labels = dict(zip(city_ids, comparison[ui.city_label_column(lang)].to_list()))

st.title(t("compare.title"))
st.caption(t("compare.intro"))

# At first, at most DEFAULT_CITIES places, the largest portfolios first (the comparison is ordered by project
# count): a corpus of thousands of places would otherwise draw thousands of bars in every chart.
state.seed("compare_cities", "cities", city_ids[: ui.DEFAULT_CITIES], allowed=city_ids, many=True)
state.seed("compare_basis", "basis", "absolute", allowed=("absolute", "per_project"))
state.seed_flag("compare_targets", "targets", True)

# With thousands of places the list offers the chosen ones and the first OPTION_LIMIT others (or those matching
# the search), not all of them: every option would be sent to the browser and redrawn on every rerun.
searchable = place_options.needs_search(len(city_ids))
left, middle, right = st.columns([3, 2, 2], vertical_alignment="bottom")
with left:
    if searchable:
        st.text_input(t("compare.find"), key="compare_find", placeholder=t("compare.find.placeholder"))
    query = st.session_state.get("compare_find", "") if searchable else ""
    options = (
        place_options.offered(city_ids, data.place_search_texts(snap), st.session_state["compare_cities"], query)
        if searchable
        else city_ids
    )
    st.multiselect(t("compare.cities"), options=options, format_func=labels.get, key="compare_cities")
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

if len(city_ids) > ui.DEFAULT_CITIES and st.session_state["compare_cities"] == city_ids[: ui.DEFAULT_CITIES]:
    st.caption(t("compare.default_selection", count=ui.DEFAULT_CITIES, total=f"{len(city_ids):,}"))

if searchable:
    found = len(place_options.matching(city_ids, data.place_search_texts(snap), query)) if query.strip() else None
    if found == 0:
        st.caption(t("compare.find.none", query=query.strip()))
    elif found is not None:
        st.caption(t("compare.find.found", count=f"{found:,}", shown=f"{min(found, place_options.OPTION_LIMIT):,}"))
    else:
        st.caption(t("compare.find.note", limit=place_options.OPTION_LIMIT, total=f"{len(city_ids):,}"))

state.publish("compare_cities", "cities")
state.publish("compare_basis", "basis")
state.publish("compare_targets", "targets")

selected = tuple(st.session_state["compare_cities"])
if not selected:
    st.info(t("compare.no_city"))
    st.stop()

view = compare_view.cached(
    snap, selected, lang, st.session_state["compare_basis"] == "per_project", st.session_state["compare_targets"]
)

st.subheader(t("compare.table"))
st.dataframe(view.table, hide_index=True, key="compare_table")
ui.missing_note()
download_buttons(view.raw, f"battlemap_compare_{st.session_state['compare_basis']}", "compare_table")

st.subheader(t("compare.charts"))
columns = st.columns(2)
for position, chart in enumerate(view.charts):
    with columns[position % 2], st.container(border=True):
        st.markdown(f"**{chart.title}**")
        st.vega_lite_chart(spec=chart.spec, width="stretch")
        st.caption(chart.note)

with st.expander(t("compare.caveats"), expanded=False):
    for city, caveat in view.caveats:
        st.markdown(f"**{city}** — {caveat}")
