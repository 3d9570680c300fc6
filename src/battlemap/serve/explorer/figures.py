"""Observations written for reading: one line per figure, value in its display unit and base unit."""

from __future__ import annotations

import polars as pl
import streamlit as st

from battlemap.serve.explorer import formatting
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.labels import scope_label
from battlemap.shared import vocabularies


def scope_levels() -> list[str]:
    """The scope levels in display order (seeds/scope_levels.csv, their one home)."""
    return vocabularies.values("scope_levels")


def metric_name(row: dict, lang: str) -> str:
    return (row.get("metric_name_zh") if lang == "zh" else row.get("metric_name_en")) or row["metric_id"]


def scope_text(row: dict, lang: str) -> str:
    """The scope as the page's reader names it: on the Chinese pages its name as written (晋江市), on the English
    ones its English name with the Chinese beside it (Jinjiang · 晋江市)."""
    zh, en = row.get("scope_name") or "", row.get("scope_name_en") or ""
    if lang == "zh" or not en or en == zh:
        return zh or en
    return f"{en} · {zh}"


def evidence_link(observation_id: str, lang: str) -> str:
    """Relative link to the Evidence page with this observation selected."""
    return f"evidence?obs={observation_id}&lang={lang}"


def period_text(row: dict, lang: str) -> str:
    """The period the figure covers, as the periods seed labels it (全年, 1—4月, Q1)."""
    label = row.get("period_label_zh") if lang == "zh" else row.get("period_label_en")
    return label or row.get("period") or ""


def health_text(row: dict, lang: str) -> str:
    """The figure's health in a line: sources and agreement, review, the extractor's confidence, carried,
    and whether it may be summed (fct_figure.recommended_for_aggregates), with why not."""
    if row.get("source_count") is None:
        return ""
    parts = [t("health.sources", lang, n=row["source_count"])]
    if row.get("is_conflicting"):
        parts.append(t("health.conflict", lang))
    elif row["source_count"] > 1:
        parts.append(t("health.agree", lang, n=row.get("agreeing_sources") or row["source_count"]))
    parts.append(t("health.reviewed" if row.get("reviewed") else "health.proposed", lang))
    if row.get("confidence") is not None:
        parts.append(t("health.confidence", lang, p=f"{row['confidence']:.2f}"))
    if row.get("carried_forward"):
        parts.append(t("health.carried", lang))
    if row.get("recommended_for_aggregates"):
        parts.append(t("health.aggregates.yes", lang))
    else:
        reasons = [r.strip() for r in (row.get("aggregate_exclusions") or "").split(",") if r.strip()]
        separator = "、" if lang == "zh" else ", "
        parts.append(t("health.aggregates.no", lang, reasons=separator.join(t(f"aggregate.{r}", lang) for r in reasons)))
    return " · ".join(parts)


def display_table(observations: pl.DataFrame, lang: str, with_city: bool = True) -> pl.DataFrame:
    """The observations as a readable table (strings), in the current language."""
    rows = []
    for row in observations.iter_rows(named=True):
        line = {t("col.id", lang): row["observation_id"]}
        if with_city:
            line[t("col.city", lang)] = row["city_name_zh"] if lang == "zh" else row["city_name_en"]
        line |= {
            t("col.scope_level", lang): scope_label(row['scope_level'], lang),
            t("col.scope", lang): scope_text(row, lang),
            t("col.metric", lang): metric_name(row, lang),
            t("col.value", lang): formatting.by_unit(row["value"], row["base_unit"], row["qualifier"], lang),
            t("col.base_value", lang): formatting.MISSING if row["value"] is None else f"{row['value']:.6g}",
            t("col.base_unit", lang): formatting.unit_label(row["base_unit"], lang),
            t("col.as_written", lang): f"{row['value_as_written'] or ''}{row['unit_as_written'] or ''}",
            t("col.basis", lang): t("basis.target" if row["is_target"] else "basis.achievement", lang),
            t("col.period", lang): period_text(row, lang),
            t("col.health", lang): health_text(row, lang),
            t("col.quote", lang): row["quote"],
            t("col.evidence", lang): evidence_link(row["observation_id"], lang),
        }
        rows.append(line)
    if not rows:
        return pl.DataFrame()
    return pl.DataFrame(rows, infer_schema_length=None)


def column_config(lang: str) -> dict:
    return {
        t("col.base_value", lang): st.column_config.TextColumn(help=t("col.base_value.help", lang)),
        t("col.evidence", lang): st.column_config.LinkColumn(display_text=t("col.evidence.open", lang)),
        t("col.quote", lang): st.column_config.TextColumn(width="large"),
    }


RAW_COLUMNS = (
    "observation_id", "city_id", "campaign_id", "document_id", "scope_level", "scope_name", "scope_name_en",
    "metric_id", "value", "base_unit", "value_lower", "value_upper", "value_as_written", "unit_as_written",
    "qualifier", "is_target", "period", "as_of_date", "quote", "char_start", "char_end", "raw_char_start", "raw_char_end", "note",
    "source_count", "agreeing_sources", "is_conflicting", "reviewed", "confidence", "carried_forward",
    "recommended_for_aggregates", "aggregate_exclusions",
)


def raw(observations: pl.DataFrame) -> pl.DataFrame:
    """The observations as downloaded: base units, warehouse column names."""
    return observations.select([c for c in RAW_COLUMNS if c in observations.columns])
