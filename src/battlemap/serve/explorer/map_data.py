"""The Map page's data: one row per place of the warehouse for a chosen KPI, with its boundary or without.

Every place of mart_city_comparison appears once: coloured by its figure (an achievement), drawn apart
when the figure is a target (a plan's, or a ratio whose achieved part is a target: kpis.adjusted), grey
when the document does not give it, and listed — never dropped — when the shipped boundary layer has no
shape for its code (codes newer than the layer, such as 新星市 650929). The KPI's label, kind and target
rules come from kpis.py and i18n.py, its evidence (the quotes of the figures it is computed from) from
fct_observation through the comparison's `<source>_observation_id` columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from battlemap.serve.explorer import formatting, kpi_chart
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.kpis import GIVEN, KPI_BY_COLUMN, KPIS, TABLE_EXTRAS, TARGET_HIDDEN, Kpi, adjusted
from battlemap.serve.explorer.labels import kpi_label, vocabulary_labels
from battlemap.shared.geo.boundaries import BoundaryLayer, Bounds

# The KPIs a map colours places by: those kpis.py marks on_map (their names are i18n's kpi.<column>).
MAP_KPIS: tuple[str, ...] = tuple(kpi.column for kpi in KPIS + TABLE_EXTRAS if kpi.on_map)
DEFAULT_KPI = MAP_KPIS[0]

# How a place is drawn: its figure (an achievement), a target drawn apart, or not given.
ACHIEVED, TARGET, MISSING = "achievement", "target", "not_given"
LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}
QUOTE_LIMIT = 160  # characters of each quote in a tooltip; the table has them whole


@dataclass(frozen=True)
class MapPlace:
    city_id: str
    name: str
    admin_code: str
    level: str  # the boundary's level (province, prefecture, county): prefectures are drawn first, counties on top
    admin_type: str
    status: str  # ACHIEVED | TARGET | MISSING
    value: float | None  # in base units (CNY, ratio 0–1, count, index); None when not given
    shown: str  # the value written for reading (亿元, %, index)
    as_of: str
    plan_year: str
    quotes: tuple[tuple[str, str], ...]  # (observation_id, quote) of the figures the KPI is computed from
    has_boundary: bool


@dataclass(frozen=True)
class MapData:
    kpi: Kpi
    places: tuple[MapPlace, ...]
    bounds: Bounds | None  # of the places that have a boundary

    @property
    def drawn(self) -> list[MapPlace]:
        """Places with a boundary, prefectures before counties (a county inside a prefecture stays visible)."""
        return sorted((p for p in self.places if p.has_boundary), key=lambda p: (LEVEL_ORDER.get(p.level, 3), p.city_id))

    @property
    def without_boundary(self) -> list[MapPlace]:
        return [p for p in self.places if not p.has_boundary]

    @property
    def targets(self) -> list[MapPlace]:
        return [p for p in self.places if p.status == TARGET]

    def domain(self) -> tuple[float, float] | None:
        """The range of the achievements drawn (in the chart's units: %, 亿元, index), None if there are none."""
        values = [kpi_chart.scaled(p.value, self.kpi.kind) for p in self.drawn if p.status == ACHIEVED]
        values = [v for v in values if v is not None]
        return (min(values), max(values)) if values else None


def quotes_by_observation(observations: pl.DataFrame) -> dict[str, str]:
    return dict(zip(observations["observation_id"].to_list(), observations["quote"].to_list()))


def build(comparison: pl.DataFrame, quotes: dict[str, str], kpi_column: str, lang: str, layer: BoundaryLayer) -> MapData:
    """The rows of the map for one KPI: every place of the comparison, in its order."""
    kpi = KPI_BY_COLUMN[kpi_column]
    achievements = adjusted(comparison, per_project=False, include_targets=False)
    everything = adjusted(comparison, per_project=False, include_targets=True)
    label = "name_zh_hans" if lang == "zh" else "name_en"
    places = []
    for row, with_targets in zip(achievements.iter_rows(named=True), everything.iter_rows(named=True)):
        status_code = row[f"{kpi.column}_status"]
        if status_code == GIVEN:
            status, value = ACHIEVED, row[kpi.column]
        elif status_code == TARGET_HIDDEN:
            status, value = TARGET, with_targets[kpi.column]
        else:
            status, value = MISSING, None
        code = str(row["admin_code"])
        evidence = []
        if status != MISSING:
            for source in kpi.evidence:
                observation_id = row.get(f"{source}_observation_id")
                if observation_id and quotes.get(observation_id):
                    evidence.append((observation_id, quotes[observation_id]))
        places.append(
            MapPlace(
                city_id=row["city_id"],
                name=row[label] or row["city_id"],
                admin_code=code,
                level=layer.levels.get(code, ""),
                admin_type=row.get("admin_level") or "",
                status=status,
                value=value,
                shown=kpi_chart.shown(value, kpi.kind) if value is not None else formatting.MISSING,
                as_of=formatting.date(row["as_of_date"]),
                plan_year=str(row["plan_year"]) if row.get("plan_year") is not None else formatting.MISSING,
                quotes=tuple(evidence),
                has_boundary=layer.geometry(code) is not None,
            )
        )
    boxes = [layer.bounds(p.admin_code) for p in places if p.has_boundary]
    bounds = None
    if boxes:
        bounds = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return MapData(kpi=kpi, places=tuple(places), bounds=bounds)


def padded(bounds: Bounds, share: float = 0.08, at_least: float = 0.6) -> Bounds:
    """The view around the places: their box widened by `share` of its size (at least `at_least` degrees a side)."""
    west, south, east, north = bounds
    pad_x = max((east - west) * share, at_least)
    pad_y = max((north - south) * share, at_least)
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def quote_text(place: MapPlace, limit: int | None = QUOTE_LIMIT) -> str:
    """The place's evidence as one line: “quote” (observation id) for each figure the KPI is computed from."""
    parts = []
    for observation_id, quote in place.quotes:
        shown = quote if limit is None or len(quote) <= limit else quote[: limit - 1] + "…"
        parts.append(f"“{shown}” ({observation_id})")
    return " · ".join(parts) if parts else formatting.MISSING


def basis_text(place: MapPlace, lang: str) -> str:
    if place.status == MISSING:
        return t("chart.not_given", lang)
    return t("basis.target" if place.status == TARGET else "basis.achievement", lang)


def table(places: list[MapPlace], kpi: Kpi, lang: str) -> pl.DataFrame:
    """The places as the page lists them, in the reader's language, with a link to each place's City page."""
    levels = vocabulary_labels("admin_level", lang)  # the gazetteer's kinds of place (seeds/vocabulary_labels.csv)
    return pl.DataFrame(
        {
            t("col.city", lang): [p.name for p in places],
            t("map.col.code", lang): [p.admin_code for p in places],
            t("map.col.level", lang): [levels.get(p.admin_type, p.admin_type) if p.admin_type else formatting.MISSING for p in places],
            kpi_label(kpi.column, lang): [p.shown for p in places],
            t("col.basis", lang): [basis_text(p, lang) for p in places],
            t("col.as_of", lang): [p.as_of for p in places],
            t("col.quote", lang): [quote_text(p, limit=None) for p in places],
            t("map.col.open", lang): [f"city?city={p.city_id}&lang={lang}" for p in places],
        },
        schema_overrides={t("map.col.code", lang): pl.String},
    )


def raw(places: list[MapPlace], kpi: Kpi) -> pl.DataFrame:
    """The places in base units and warehouse names, for downloads."""
    return pl.DataFrame(
        {
            "city_id": [p.city_id for p in places],
            "admin_code": [p.admin_code for p in places],
            "kpi": [kpi.column] * len(places),
            "value": [p.value for p in places],
            "basis": [p.status for p in places],
            "as_of_date": [p.as_of for p in places],
            "observation_ids": [", ".join(o for o, _ in p.quotes) for p in places],
            "has_boundary": [p.has_boundary for p in places],
        },
        schema_overrides={"value": pl.Float64},
    )
