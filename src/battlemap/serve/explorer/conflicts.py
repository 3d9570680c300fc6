"""The figures documents disagree on (fct_figure_conflict), one line per source, for the Data quality page."""

from __future__ import annotations

import polars as pl

from battlemap.serve.explorer import figures, formatting
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.labels import conflict_kind_label


def display_table(sources: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Each conflicting figure's sources side by side: what, when, which document says what, and its quote."""
    rows = []
    for row in sources.iter_rows(named=True):
        rows.append(
            {
                t("col.city", lang): row["city_name_zh"] if lang == "zh" else row["city_name_en"],
                t("col.scope", lang): figures.scope_text(row, lang),
                t("col.metric", lang): figures.metric_name(row, lang),
                t("col.as_of", lang): formatting.date(row["as_of_date"]),
                t("quality.conflict_kind", lang): conflict_kind_label(row['conflict_kind'], lang),
                t("quality.document", lang): row["document_id"],
                t("col.value", lang): formatting.by_unit(row["value"], row["base_unit"], row["qualifier"], lang),
                t("col.basis", lang): t("basis.target" if row["is_target"] else "basis.achievement", lang),
                t("col.quote", lang): row["quote"],
                t("col.evidence", lang): figures.evidence_link(row["observation_id"], lang),
            }
        )
    return pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()
