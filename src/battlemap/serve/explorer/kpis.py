"""The Compare page's KPIs: what each one is, and how the two toggles change it.

- Per project: money KPIs are divided by the city's project count (investment per project already is).
- Achievements only: a KPI whose figure the document gives as a target (a plan, a goal) is hidden,
  i.e. shown as missing; a ratio is hidden when its achieved part is a target. Cities whose whole
  document is a plan (figures_are = 'targets') have every KPI hidden.
Hidden or not given, a missing figure stays NULL and is drawn as missing, never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from battlemap.shared import vocabularies


@dataclass(frozen=True)
class Kpi:
    column: str  # column of mart_city_comparison
    kind: str  # count | money | ratio | index
    sources: tuple[str, ...]  # KPI_SOURCES whose target flag makes this KPI a target
    per_project: bool  # divided by project count in per-project mode
    metric_id: str | None  # dim_metric row with the definition and caveat, when there is one
    # The base figures (KPI_SOURCES) it is computed from: their quotes are its evidence (the Map page's hover).
    inputs: tuple[str, ...] = ()
    # A KPI the Map page colours places by: rates and per-project values compare places of different sizes;
    # totals would colour size. The map offers them in the order of KPIS + TABLE_EXTRAS.
    on_map: bool = False
    # A KPI that measures progress at a date: comparing it across as-of dates misleads (a chart says so).
    dated: bool = False

    @property
    def evidence(self) -> tuple[str, ...]:
        return self.inputs or self.sources


def _kpi(row: dict[str, str]) -> Kpi:
    return Kpi(
        column=row["kpi"],
        kind=row["kind"],
        sources=tuple(row["target_sources"].split()),
        per_project=row["per_project"].lower() == "true",
        metric_id=row["metric_id"] or None,
        inputs=tuple(row["inputs"].split()),
        on_map=row["on_map"].lower() == "true",
        dated=row["dated"].lower() == "true",
    )


# The KPIs are those of seeds/kpis.csv (their one home: kind, order, labels, definitions, caveats), in its order:
# the charted ones, then the extra columns of the KPI table (not charted).
_ROWS = vocabularies.kpis()
KPIS: tuple[Kpi, ...] = tuple(_kpi(row) for row in _ROWS if row["charted"].lower() == "true")
TABLE_EXTRAS: tuple[Kpi, ...] = tuple(_kpi(row) for row in _ROWS if row["charted"].lower() != "true")
# The base figures the KPIs are computed from (their target flags and quotes: explorer.data), in order.
KPI_SOURCES: tuple[str, ...] = tuple(dict.fromkeys(s for kpi in KPIS + TABLE_EXTRAS for s in kpi.sources + kpi.inputs))

KPI_BY_COLUMN = {kpi.column: kpi for kpi in KPIS + TABLE_EXTRAS}

# Why a value is missing.
GIVEN, NOT_GIVEN, TARGET_HIDDEN = "given", "not_given", "target_hidden"


def is_target_expression(kpi: Kpi) -> pl.Expr:
    return pl.any_horizontal([pl.col(f"{source}_is_target").fill_null(False) for source in kpi.sources])


def adjusted(comparison: pl.DataFrame, per_project: bool, include_targets: bool) -> pl.DataFrame:
    """The comparison with each KPI column replaced by what the toggles ask for.

    Adds `<kpi>_is_target` and `<kpi>_status` (given / not_given / target_hidden) for every KPI.
    """
    columns = []
    for kpi in KPIS + TABLE_EXTRAS:
        value = pl.col(kpi.column)
        if per_project and kpi.per_project:
            count = pl.col("project_count")
            value = pl.when(count > 0).then(value / count).otherwise(None)
        target = is_target_expression(kpi)
        status = (
            pl.when(value.is_null() | value.is_nan())
            .then(pl.lit(NOT_GIVEN))
            .when(target & pl.lit(not include_targets))
            .then(pl.lit(TARGET_HIDDEN))
            .otherwise(pl.lit(GIVEN))
        )
        shown = pl.when(status == GIVEN).then(value).otherwise(None)
        columns += [
            shown.cast(pl.Float64).alias(kpi.column),
            target.alias(f"{kpi.column}_is_target"),
            status.alias(f"{kpi.column}_status"),
        ]
    return comparison.with_columns(columns)


def long_form(adjusted_frame: pl.DataFrame, kpi: Kpi, city_label: str) -> pl.DataFrame:
    """One row per city for one KPI: city, label, value (NULL if missing), status, target flag, context."""
    return adjusted_frame.select(
        pl.col("city_id"),
        pl.col(city_label).alias("city"),
        pl.col(kpi.column).alias("value"),
        pl.col(f"{kpi.column}_status").alias("status"),
        pl.col(f"{kpi.column}_is_target").alias("is_target"),
        pl.col("plan_year"),
        pl.col("as_of_date"),
        pl.col("elapsed_share_of_year"),
        pl.col("figures_are"),
        # Its evidence: the first of its base figures the city gives, and the quotes of all of them.
        evidence_id(kpi, adjusted_frame).alias("observation_id"),
        evidence_quotes(kpi, adjusted_frame).alias("quote"),
    )


QUOTE_LIMIT = 160  # characters of a quote in a tooltip; the Evidence page has it whole


def evidence_id(kpi: Kpi, frame: pl.DataFrame) -> pl.Expr:
    """The observation a click on this KPI of a city opens: its first base figure the city gives (NULL if none)."""
    columns = [f"{source}_observation_id" for source in kpi.evidence if f"{source}_observation_id" in frame.columns]
    return pl.coalesce([pl.col(c) for c in columns]) if columns else pl.lit(None, dtype=pl.String)


def evidence_quotes(kpi: Kpi, frame: pl.DataFrame) -> pl.Expr:
    """The quotes of the KPI's base figures, “…” / “…”, each cut to QUOTE_LIMIT characters ("" if none)."""
    columns = [f"{source}_quote" for source in kpi.evidence if f"{source}_quote" in frame.columns]
    if not columns:
        return pl.lit("")
    quoted = [
        pl.when(pl.col(c).str.len_chars() > QUOTE_LIMIT)
        .then(pl.lit("“") + pl.col(c).str.slice(0, QUOTE_LIMIT - 1) + pl.lit("…”"))
        .otherwise(pl.lit("“") + pl.col(c) + pl.lit("”"))
        for c in columns
    ]
    return pl.concat_str(quoted, separator=" / ", ignore_nulls=True).fill_null("")
