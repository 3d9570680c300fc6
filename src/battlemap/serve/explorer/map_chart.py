"""The Map page's choropleth, a plain Vega-Lite spec (dict) of geoshapes drawn offline from shipped geometry.

Two layers under one projection fitted to the places: the outlines of the provinces the view shows, for
context, and the places themselves, coloured by the KPI. A place whose figure is a target is drawn apart
(white, outlined in the target colour of the Compare charts) and one whose figure is not given in grey:
neither enters the colour scale, whose domain is set from the achievements alone. The places layer has a
point selection `place` (its city_id) that the page turns into a jump to the City page. Like the Compare
charts (kpi_chart.py) it is a dict, validated against Altair's bundled Vega-Lite schema by a unit test.
"""

from __future__ import annotations

from battlemap.serve.explorer import kpi_chart
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.labels import kpi_label
from battlemap.serve.explorer.map_data import ACHIEVED, MISSING, TARGET, MapData, basis_text, padded, quote_text
from battlemap.shared.geo.boundaries import BoundaryLayer

SELECTION = "place"
OUTLINE_FILL, OUTLINE_STROKE = "#f4f4f4", "#a0a0a0"
MISSING_FILL, TARGET_FILL = "#bdbdbd", "#fdd0a2"  # grey: not given; pale orange: a target (kpi_chart.TARGET_COLOUR's tint)
PLACE_STROKE = "#333333"


def colour_scale(kind: str, domain: tuple[float, float] | None) -> dict:
    """The colour scale of the achievements: the pace index diverges around 1 (on schedule) over at least 0–2; the
    others run from 0 (a rate of 0 is the palest, not the smallest place's value) to the largest value."""
    low, high = domain or (0.0, 1.0)
    if kind == "index":
        return {"scheme": "redblue", "domainMid": 1, "domain": [min(low, 0.0), max(high, 2.0)]}
    return {"scheme": "blues", "domain": [min(low, 0.0), high if high > 0 else 1.0]}


def place_features(data: MapData, layer: BoundaryLayer, lang: str) -> list[dict]:
    """One GeoJSON feature per place with a boundary, its id, value and tooltip texts beside its geometry."""
    features = []
    for place in data.drawn:
        scaled = kpi_chart.scaled(place.value, data.kpi.kind) if place.status == ACHIEVED else None
        features.append(
            {
                "type": "Feature",
                "geometry": layer.geometry(place.admin_code),
                "properties": {},
                # Foreign members of the feature (GeoJSON allows them; d3 ignores them): what the encodings read.
                "city_id": place.city_id,
                "place": place.name,
                "code": place.admin_code,
                "status": place.status,
                # A target or a missing figure is outside the colour scale: a stand-in value keeps its shape (a NULL
                # would drop it) and the fill condition colours it as a target or as missing.
                "value": scaled if scaled is not None else 0.0,
                "shown": place.shown,
                "basis": basis_text(place, lang),
                "as_of": place.as_of,
                "quote": quote_text(place),
            }
        )
    return features


def outline_features(layer: BoundaryLayer, view: tuple[float, float, float, float]) -> list[dict]:
    return [
        {"type": "Feature", "geometry": geometry, "properties": {"code": code}}
        for code in layer.provinces_overlapping(view)
        if (geometry := layer.geometry(code)) is not None
    ]


def map_chart(data: MapData, layer: BoundaryLayer, outlines: BoundaryLayer, lang: str, height: int = 560) -> dict | None:
    """The choropleth, or None when no place has a boundary."""
    if data.bounds is None:
        return None
    view = padded(data.bounds)
    west, south, east, north = view
    scale = colour_scale(data.kpi.kind, data.domain())
    kpi_name = kpi_label(data.kpi.column, lang)
    unit = kpi_chart.axis_title(data.kpi, lang)
    fill = {
        "field": "value",
        "type": "quantitative",
        "title": f"{kpi_name} ({unit})",
        "scale": scale,
        "legend": {"orient": "right"},
        "condition": [
            {"test": f"datum.status === '{TARGET}'", "value": TARGET_FILL},
            {"test": f"datum.status === '{MISSING}'", "value": MISSING_FILL},
        ],
    }
    stroke = {"condition": {"test": f"datum.status === '{TARGET}'", "value": kpi_chart.TARGET_COLOUR}, "value": PLACE_STROKE}
    tooltip = [
        {"field": "place", "type": "nominal", "title": t("col.city", lang)},
        {"field": "shown", "type": "nominal", "title": kpi_name},
        {"field": "basis", "type": "nominal", "title": t("col.basis", lang)},
        {"field": "as_of", "type": "nominal", "title": t("col.as_of", lang)},
        {"field": "quote", "type": "nominal", "title": t("col.quote", lang)},
        {"field": "code", "type": "nominal", "title": t("map.col.code", lang)},
    ]
    return {
        "$schema": kpi_chart.VEGA_LITE_SCHEMA,
        "height": height,
        "projection": {
            "type": "mercator",
            # Fitted to the places' box (two corner points), not to the outlines, which only give context.
            "fit": {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": [[west, south], [east, north]]}},
        },
        "layer": [
            {
                "data": {"values": outline_features(outlines, view)},
                "mark": {"type": "geoshape", "fill": OUTLINE_FILL, "stroke": OUTLINE_STROKE, "strokeWidth": 0.8, "clip": True},
            },
            {
                "data": {"values": place_features(data, layer, lang)},
                "mark": {"type": "geoshape", "strokeWidth": 0.8, "cursor": "pointer", "clip": True},
                "params": [{"name": SELECTION, "select": {"type": "point", "fields": ["city_id"]}}],
                "encoding": {"fill": fill, "stroke": stroke, "tooltip": tooltip},
            },
        ],
        "config": {"view": {"stroke": None}},
    }
