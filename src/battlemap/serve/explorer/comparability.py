"""Plain-language notes on what a Compare chart cannot compare, worked out from the data shown."""

from __future__ import annotations

import polars as pl

from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.kpis import GIVEN, NOT_GIVEN, TARGET_HIDDEN, Kpi
from battlemap.serve.explorer.labels import kpi_label


def _names(frame: pl.DataFrame, lang: str) -> str:
    separator = "、" if lang == "zh" else ", "
    return separator.join(frame["city"].to_list())


def chart_notes(long: pl.DataFrame, kpi: Kpi, lang: str, per_project: bool) -> list[str]:
    """Sentences for one chart: the KPI's own caveat, then year, date, target and missing differences."""
    notes = [kpi_label(kpi.column, lang, column="caveat")]
    given = long.filter(pl.col("status") == GIVEN)
    if given.is_empty():
        notes.append(t("caveat.none_given", lang))
    else:
        years = given.group_by("plan_year", maintain_order=True).agg(pl.col("city")).sort("plan_year")
        if years.height > 1:
            separator = "、" if lang == "zh" else ", "
            listing = "; ".join(f"{row['plan_year']}: {separator.join(row['city'])}" for row in years.iter_rows(named=True))
            notes.append(t("caveat.years", lang, listing=listing))
        dates = given["as_of_date"].drop_nulls()
        if kpi.dated and dates.n_unique() > 1:
            shares = given["elapsed_share_of_year"].drop_nulls()
            notes.append(
                t(
                    "caveat.as_of",
                    lang,
                    first=str(dates.min()),
                    last=str(dates.max()),
                    low=f"{100 * shares.min():.0f}%",
                    high=f"{100 * shares.max():.0f}%",
                )
            )
        targets = given.filter(pl.col("is_target"))
        if not targets.is_empty():
            notes.append(t("caveat.targets", lang, cities=_names(targets, lang)))
    if per_project and kpi.per_project:
        notes.append(t("caveat.per_project", lang))
    hidden = long.filter(pl.col("status") == TARGET_HIDDEN)
    if not hidden.is_empty():
        notes.append(t("caveat.hidden", lang, cities=_names(hidden, lang)))
    missing = long.filter(pl.col("status") == NOT_GIVEN)
    if not missing.is_empty():
        notes.append(t("caveat.missing", lang, cities=_names(missing, lang)))
    return notes
