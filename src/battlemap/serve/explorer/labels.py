"""Labels of the vocabularies, in the page's language, from their one home, the seeds: a seed per vocabulary with
attributes (scope levels, qualifiers, base units and metric kinds, campaign types, figures_are values, conflict
kinds, garbled kinds, KPIs; read through battlemap.shared.vocabularies), and seeds/vocabulary_labels.csv for the small ones
without (a document's script and type, the kinds and statuses of dbt's build results). explorer.i18n holds the
app's own words only."""

from __future__ import annotations

from battlemap.serve.explorer.i18n import current_language
from battlemap.shared import vocabularies


def vocabulary_labels(vocabulary: str, lang: str) -> dict[str, str]:
    """value -> its label in `lang` (en or zh) for one vocabulary of seeds/vocabulary_labels.csv; a value without a
    row is shown as it is."""
    column = "label_zh" if lang == "zh" else "label_en"
    return {row["value"]: row[column] for row in vocabularies.rows("vocabulary_labels") if row["vocabulary"] == vocabulary}


def seed_label(seed: str, value: str | None, lang: str | None = None, column: str = "label") -> str:
    """The label of a value of a vocabulary seed (seeds/<seed>.csv) in `lang` (default: the page's)."""
    return vocabularies.label(seed, value, lang or current_language(), column=column)


def scope_label(level: str | None, lang: str | None = None) -> str:
    return seed_label("scope_levels", level, lang)


def qualifier_label(qualifier: str | None, lang: str | None = None) -> str:
    return seed_label("qualifiers", qualifier, lang)


def figures_are_label(value: str | None, lang: str | None = None, document: bool = False) -> str:
    """What a document's figures are (progress report, targets), or with document=True what the document is."""
    return seed_label("figures_are_values", value, lang, "document_label" if document else "label")


def conflict_kind_label(kind: str | None, lang: str | None = None) -> str:
    return seed_label("conflict_kinds", kind, lang)


def base_unit_label(base_unit: str | None, lang: str | None = None) -> str:
    return seed_label("base_units", base_unit, lang)


def metric_kind_label(kind: str | None, lang: str | None = None) -> str:
    """A metric kind (money, area …), labelled in seeds/base_units.csv beside the base unit it is measured in."""
    by_kind = {row["metric_kind"]: row for row in vocabularies.rows("base_units")}
    row = by_kind.get(kind or "")
    if row is None:
        return kind or ""
    return row["kind_label_zh" if (lang or current_language()) == "zh" else "kind_label_en"] or row["kind_label_en"]


def kpi_label(kpi: str, lang: str | None = None, column: str = "label") -> str:
    """A KPI's name (or its definition, caveat: `column`) from seeds/kpis.csv, a metric's KPI named as the metric."""
    return vocabularies.kpi_labels(lang or current_language(), column=column).get(kpi, kpi)
