"""The Compare page's KPI bar charts, as plain Vega-Lite specs (dicts).

Written as dicts rather than with Altair because they are rebuilt for every state of the page's
controls and languages: Altair validates each spec against the Vega-Lite JSON schema as it is built
and serialised (about 30 ms a chart), and importing it costs the app's server 0.4 s. A unit test
validates these specs against the schema bundled with Altair instead. Missing figures are drawn as a
labelled gap at zero height, never as a bar of 0.
"""

from __future__ import annotations

import polars as pl

from battlemap.serve.explorer import formatting
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.kpis import NOT_GIVEN, Kpi
from battlemap.serve.explorer.labels import kpi_label
from battlemap.shared import vocabularies

ACHIEVEMENT_COLOUR, TARGET_COLOUR = "#4c78a8", "#f58518"
# The Vega-Lite major version Streamlit's frontend and the installed Altair speak (checked by a test).
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
# The point selection of a bar: its observation_id, which the Compare page opens on the Evidence page.
SELECTION = "evidence"


def scaled(value: float | None, kind: str) -> float | None:
    """The number the axis shows: 亿元 for money, percent for ratios."""
    if formatting.is_missing(value):
        return None
    if kind == "money":
        return value / formatting.YI
    if kind == "ratio":
        return 100 * value
    return value


def shown(value: float | None, kind: str) -> str:
    if kind == "money":
        return formatting.yi(value)
    if kind == "ratio":
        return formatting.percent(value)
    if kind == "index":
        return formatting.index(value)
    return formatting.count(value)


def axis_title(kpi: Kpi, lang: str) -> str:
    if kpi.kind == "index":
        return t("unit.index", lang)
    # A KPI of kind money is in CNY (seeds/base_units.csv: metric_kind), shown in its display unit (亿元, %).
    base_unit = {row["metric_kind"]: row["base_unit"] for row in vocabularies.rows("base_units")}.get(kpi.kind, kpi.kind)
    return vocabularies.display_unit(base_unit) or formatting.unit_label(base_unit, lang)


def kpi_chart_data(long: pl.DataFrame, kpi: Kpi, lang: str) -> list[dict]:
    """Rows for the chart: one per city, with the axis value, tooltip texts and the missing label."""
    rows = []
    for row in long.iter_rows(named=True):
        missing = row["value"] is None
        rows.append(
            {
                "city": row["city"],
                # A click on the bar opens this observation on the Evidence page (compare.py); the tooltip quotes it.
                "observation_id": row.get("observation_id"),
                "quote": row.get("quote") or "",
                "value": scaled(row["value"], kpi.kind),
                "shown": shown(row["value"], kpi.kind),
                "cny": formatting.cny(row["value"]) if kpi.kind == "money" else "",
                "basis": t("basis.target" if row["is_target"] else "basis.achievement", lang),
                "as_of": formatting.date(row["as_of_date"]),
                "plan_year": str(row["plan_year"] or formatting.MISSING),
                "missing_label": (t("chart.not_given" if row["status"] == NOT_GIVEN else "chart.target_hidden", lang)
                                  if missing else ""),
                "zero": 0,
            }
        )
    return rows


def _nominal(field: str, title: str | None = None) -> dict:
    channel = {"field": field, "type": "nominal"}
    if title is not None:
        channel["title"] = title
    return channel


def kpi_chart(long: pl.DataFrame, kpi: Kpi, lang: str, height: int = 220) -> dict:
    """Bars per city; a grey label where the figure is missing; colour tells achievement from target."""
    rows = kpi_chart_data(long, kpi, lang)
    x = {
        "field": "city",
        "type": "nominal",
        "sort": [row["city"] for row in rows],
        "title": None,
        "axis": {"labelAngle": 0, "labelOverlap": False, "labelLimit": 90},
    }
    tooltip = [
        _nominal("city", t("col.city", lang)),
        _nominal("shown", kpi_label(kpi.column, lang)),
        _nominal("basis", t("col.basis", lang)),
        _nominal("plan_year", t("col.plan_year", lang)),
        _nominal("as_of", t("col.as_of", lang)),
        _nominal("quote", t("col.quote", lang)),
    ]
    if kpi.kind == "money":
        tooltip.insert(2, _nominal("cny", t("col.base_cny", lang)))
    given, missing = {"filter": "datum.value !== null"}, {"filter": "datum.value === null"}
    bars = {
        "mark": {"type": "bar", "cursor": "pointer"},
        "transform": [given],
        "params": [{"name": SELECTION, "select": {"type": "point", "fields": ["observation_id"]}}],
        "encoding": {
            "x": x,
            "y": {"field": "value", "type": "quantitative", "title": axis_title(kpi, lang), "scale": {"zero": True}},
            "color": {
                "field": "basis",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [t("basis.achievement", lang), t("basis.target", lang)],
                    "range": [ACHIEVEMENT_COLOUR, TARGET_COLOUR],
                },
                "legend": {"orient": "bottom"},
            },
            "tooltip": tooltip,
        },
    }
    labels = {
        "mark": {"type": "text", "dy": -6, "fontSize": 11},
        "transform": [given],
        "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"}, "text": _nominal("shown")},
    }
    gaps = {
        "mark": {"type": "text", "dy": -8, "fontSize": 11, "color": "#888", "fontStyle": "italic"},
        "transform": [missing],
        "encoding": {
            "x": x,
            "y": {"field": "zero", "type": "quantitative"},
            "text": _nominal("missing_label"),
            "tooltip": [_nominal("city"), _nominal("missing_label", " ")],
        },
    }
    return {"$schema": VEGA_LITE_SCHEMA, "data": {"values": rows}, "height": height, "layer": [bars, labels, gaps]}
