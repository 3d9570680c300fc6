"""The expectation suites, one per mart, in code: the source the JSON suites in expectations/gx/ are written from.

The suites are written in battlemap.check.suites_facts and suites_dims, with battlemap.check.suite_kit (the
catalogues, from the vocabulary seeds, and the builder). Edit them there, then run
`python -m battlemap.check.project` to rewrite expectations/gx/ and commit both;
tests/python/test_quality_project.py fails while the two differ.

Every expectation carries `meta.rule`, a short name unique within its suite that stays stable across
edits (results, history and tests refer to it), and `notes` saying why it exists when that is not obvious.
Values written `P("name")` are suite parameters, filled in at run time from the warehouse's own
catalogues (battlemap.check.mart_queries.load_parameters), so the suites follow the seeds.
The frames validated here carry a few derived columns (frames.DERIVED_COLUMNS).

No suite hard-codes a row count or a column list: every mart's columns come from its dbt contract
(`expected_columns`), its row count from its inputs (`rows_implied_by_inputs`) and from the last good run
(`min_rows_since_last_good_run`), so the checks grow with the corpus.
"""

from __future__ import annotations

from typing import Any

from battlemap.check.mart_queries import MARTS
from battlemap.check.suites_dims import (
    build_info,
    dim_campaign,
    dim_city,
    dim_document,
    dim_metric,
    fct_garbled_span,
    mart_schema,
)
from battlemap.check.suites_facts import (
    fct_campaign_progress,
    fct_figure,
    fct_figure_conflict,
    fct_observation,
    fct_project_progress,
    mart_city_comparison,
    mart_metric_total,
)

SUITE_NOTES: dict[str, str] = {
    "fct_observation": "One row per figure quoted from a document, in base units. Keys, catalogues, bounds per "
    "metric, provenance (quote, document) and the plan year of the as-of date.",
    "fct_campaign_progress": "One row per campaign per as-of date: the campaign-wide figures and the rates derived from them.",
    "fct_project_progress": "One row per sub-city scope (district, project, programme).",
    "mart_city_comparison": "One row per city: the comparable KPIs of its latest campaign and their ranks.",
    "dim_city": "The cities and counties; each must have figures.",
    "dim_campaign": "The campaigns the documents report.",
    "dim_document": "The source documents: identity, checksum, texts; each cited by figures.",
    "dim_metric": "The metric catalogue: base units and bounds.",
    "fct_garbled_span": "Damaged stretches of each document, located in both texts.",
    "fct_figure": "One row per figure (campaign, scope, metric, as-of date) with all its sources.",
    "fct_figure_conflict": "Figures whose documents disagree, with every source.",
    "mart_metric_total": "Totals per additive metric of the figures recommended for aggregates, and only of those.",
    "build_info": "The record of the build that produced the file: one row, and not older than allowed (freshness).",
    "mart_schema": "Every mart's columns and types in the warehouse against its dbt contract (models/marts/*.yml).",
}


_BUILDERS = {
    "fct_observation": fct_observation,
    "fct_campaign_progress": fct_campaign_progress,
    "fct_project_progress": fct_project_progress,
    "mart_city_comparison": mart_city_comparison,
    "dim_city": dim_city,
    "dim_campaign": dim_campaign,
    "dim_document": dim_document,
    "dim_metric": dim_metric,
    "fct_garbled_span": fct_garbled_span,
    "fct_figure": fct_figure,
    "fct_figure_conflict": fct_figure_conflict,
    "mart_metric_total": mart_metric_total,
    "build_info": build_info,
    "mart_schema": mart_schema,
}
assert tuple(_BUILDERS) == MARTS, "one suite per mart, in the order of frames.MART_QUERIES"


def suite_expectations() -> dict[str, list[Any]]:
    """{suite name: [expectation, ...]}: one suite per mart, named after it."""
    return {mart: build().expectations for mart, build in _BUILDERS.items()}
