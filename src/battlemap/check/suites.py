"""The expectation suites, one per mart, in code: the source the JSON suites in expectations/gx/ are written from.

Edit the suites here, then run `python -m battlemap.quality.project` to rewrite expectations/gx/ and
commit both; tests/python/test_quality_project.py fails while the two differ.

Every expectation carries `meta.rule`, a short name unique within its suite that stays stable across
edits (results, history and tests refer to it), and `notes` saying why it exists when that is not obvious.
Values written `P("name")` are suite parameters, filled in at run time from the warehouse's own
catalogues (battlemap.quality.frames.load_parameters), so the suites follow the seeds.
The frames validated here carry a few derived columns (frames.DERIVED_COLUMNS).

No suite hard-codes a row count or a column list: every mart's columns come from its dbt contract
(`expected_columns`), its row count from its inputs (`rows_implied_by_inputs`) and from the last good run
(`min_rows_since_last_good_run`), so the checks grow with the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from battlemap.check.mart_queries import IMPLIED_ROWS, MARTS
from battlemap.shared.places import ADMIN_TYPES
from battlemap.shared.seed_schema import vocabulary

# The vocabularies are the curated tables' accepted values (seeds/_seeds.yml and the curation sources, the
# one home dbt tests and the input pass read too); rewrite expectations/gx/ after changing them there.
SCOPE_LEVELS = vocabulary("observations", "scope_level")
QUALIFIERS = vocabulary("observations", "qualifier")
FIGURES_ARE = vocabulary("campaigns", "figures_are")
CONFLICT_KINDS = ["value"]  # as fct_figure_conflict.sql names them (the target flag is part of a figure's identity)
ADMIN_LEVELS = list(ADMIN_TYPES)  # battlemap.places: the gazetteer says what a place is
METRIC_KINDS = vocabulary("metrics", "metric_kind")
GARBLED_KINDS = [
    "replacement_character",
    "question_mark_in_chinese",
    "stray_pinyin",
    "latin_letter_in_chinese",
    "page_marker",
    "template_placeholder",
]
# A campaign's plan year: the sources run from 2017 to 2023; anything outside these years is a typo.
PLAN_YEARS = (2010, 2035)

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

RATE_BOUND_NOTE = (
    "Upper bound from dim_metric.upper_bound (seeds/metrics.csv): 3 for investment completion, a documented "
    "choice because real reports give rates above 100% (122.6%), so 1 would reject true figures."
)


def P(name: str) -> dict[str, str]:
    """A suite parameter, filled in at run time from the warehouse."""
    return {"$PARAMETER": name}


def _rule(name: str, expectation: Any, notes: str | None = None) -> Any:
    expectation.meta = {"rule": name}
    if notes:
        expectation.notes = notes
    return expectation


class _Suite:
    """Collects one suite's expectations and refuses a rule name twice."""

    def __init__(self, mart: str) -> None:
        self.mart = mart
        self.expectations: list[Any] = []
        self._rules: set[str] = set()

    def add(self, name: str, expectation: Any, notes: str | None = None) -> None:
        if name in self._rules:
            raise ValueError(f"{self.mart}: rule {name!r} defined twice")
        self._rules.add(name)
        self.expectations.append(_rule(name, expectation, notes))

    # Shorthands for the patterns every mart repeats.
    def columns(self) -> None:
        self.add(
            "columns_match_contract",
            gxe.ExpectTableColumnsToMatchSet(column_set=P("expected_columns"), exact_match=True),
            "The mart's contract columns (models/marts/<mart>.yml) plus the derived columns the check adds. "
            "A column the warehouse has and the contract lacks, or the reverse, fails here.",
        )

    def volume(self, history: bool = True) -> None:
        """Row count against the inputs (when they imply one) and, unless history=False, against the last good run."""
        if self.mart in IMPLIED_ROWS:
            self.add(
                "rows_match_inputs",
                gxe.ExpectTableRowCountToEqual(value=P("rows_implied_by_inputs")),
                "As many rows as the inputs the build read imply (battlemap.quality.frames.IMPLIED_ROWS): "
                "a model that drops or duplicates rows fails here, however large the corpus.",
            )
        if not history:
            return
        self.add(
            "no_drop_since_last_good_run",
            gxe.ExpectTableRowCountToBeBetween(min_value=P("min_rows_since_last_good_run")),
            "Fewer rows than the last good run allows (battlemap.quality.volume: by default a drop of more "
            "than 20 % fails; growth never does).",
        )

    def key(self, column: str) -> None:
        self.add(f"{column}_not_null", gxe.ExpectColumnValuesToNotBeNull(column=column))
        self.add(f"{column}_unique", gxe.ExpectColumnValuesToBeUnique(column=column))

    def not_null(self, *columns: str) -> None:
        for column in columns:
            self.add(f"{column}_not_null", gxe.ExpectColumnValuesToNotBeNull(column=column))

    def in_catalogue(self, column: str, catalogue: str | list[str], notes: str | None = None) -> None:
        value_set = P(catalogue) if isinstance(catalogue, str) else catalogue
        self.add(f"{column}_in_catalogue", gxe.ExpectColumnValuesToBeInSet(column=column, value_set=value_set), notes)

    def non_negative(self, columns: Iterable[str]) -> None:
        for column in columns:
            self.add(f"{column}_non_negative", gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0))

    def between(self, column: str, low: Any, high: Any, notes: str | None = None, name: str | None = None) -> None:
        self.add(
            name or f"{column}_within_bounds",
            gxe.ExpectColumnValuesToBeBetween(column=column, min_value=low, max_value=high),
            notes,
        )

    def at_most(self, small: str, large: str, notes: str | None = None, name: str | None = None, **kwargs: Any) -> None:
        """small <= large on every row where both are known."""
        self.add(
            name or f"{small}_le_{large}",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=large, column_B=small, or_equal=True, ignore_row_if="either_value_is_missing", **kwargs
            ),
            notes,
        )

    def equal(self, left: str, right: str, notes: str | None = None, name: str | None = None) -> None:
        self.add(
            name or f"{left}_equals_{right}",
            gxe.ExpectColumnPairValuesToBeEqual(column_A=left, column_B=right, ignore_row_if="either_value_is_missing"),
            notes,
        )

    def non_empty_text(self, column: str, notes: str | None = None) -> None:
        self.add(f"{column}_not_null", gxe.ExpectColumnValuesToNotBeNull(column=column))
        self.add(f"{column}_not_blank", gxe.ExpectColumnValuesToMatchRegex(column=column, regex=r"\S"), notes)

    def true(self, column: str, notes: str | None = None) -> None:
        self.add(f"{column}_true", gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[True]), notes)



# ---------------------------------------------------------------------------------------------------------------


def fct_observation() -> _Suite:
    s = _Suite("fct_observation")
    s.columns()
    s.volume()
    s.key("observation_id")
    s.not_null("city_id", "campaign_id", "document_id", "metric_id", "value", "base_unit", "qualifier", "is_target")
    s.in_catalogue("city_id", "city_ids", "Cities of dim_city.")
    s.in_catalogue("campaign_id", "campaign_ids", "Campaigns of dim_campaign.")
    s.in_catalogue("document_id", "document_ids", "Every figure cites a document of dim_document (no orphans).")
    s.in_catalogue("metric_id", "metric_ids", "Metrics of dim_metric (seeds/metrics.csv).")
    s.in_catalogue("unit_as_written", "units_as_written", "Units of the unit catalogue (seeds/units.csv).")
    s.in_catalogue("base_unit", "base_units", "Base units of the unit catalogue: CNY, count, m2, ratio, day.")
    s.in_catalogue("scope_level", SCOPE_LEVELS)
    s.in_catalogue("qualifier", QUALIFIERS)
    s.in_catalogue("period", "period_ids", "Periods of the periods seed (seeds/periods.csv).")
    s.equal("base_unit", "metric_base_unit", "A figure is in the base unit of its metric.")
    s.non_negative(["value", "value_lower", "value_upper"])
    s.at_most(
        "value",
        "metric_upper_bound",
        "Every figure within its metric's upper bound (dim_metric.upper_bound; NULL means unbounded). Shares are "
        "bounded by 1; investment completion by 3, a documented choice because real reports exceed 100%.",
        name="value_within_metric_bound",
    )
    s.add(
        "value_positive_when_written_positive",
        gxe.ExpectColumnValuesToBeBetween(
            column="value", min_value=0, strict_min=True, row_condition=Column("value_reported") > 0
        ),
        "Conversion to base units keeps a figure above 0: a unit factor of 0 (seeds/units.csv) would turn "
        "every figure in that unit into 0.",
    )
    s.at_most("value_lower", "value")
    s.at_most("value", "value_upper")
    s.add(
        "at_least_has_lower_bound",
        gxe.ExpectColumnValuesToNotBeNull(column="value_lower", row_condition=Column("qualifier") == "at_least"),
        "An 'at least' figure (不少于, 以上) is a lower bound.",
    )
    s.add(
        "at_most_has_upper_bound",
        gxe.ExpectColumnValuesToNotBeNull(column="value_upper", row_condition=Column("qualifier") == "at_most"),
        "An 'at most' figure (近, 不超过) is an upper bound.",
    )
    s.non_empty_text("quote", "Every figure carries the sentence it was read from.")
    s.true("quote_cites_figure", "The quote contains the figure as written, with its unit.")
    s.true("quote_found_in_document", "The quote occurs in its document's normalised text.")
    s.equal(
        "campaign_id", "document_campaign_id", "The figure's campaign is its document's campaign.",
        name="campaign_matches_document",
    )  # fmt: skip
    s.not_null("as_of_date")
    s.equal(
        "as_of_year",
        "campaign_plan_year",
        "The as-of date lies inside the plan year of the figure's campaign.",
        name="as_of_date_in_plan_year",
    )
    s.at_most("char_start", "figure_char_start", name="figure_starts_inside_quote")
    s.at_most("figure_char_end", "char_end", name="figure_ends_inside_quote")
    return s


def fct_campaign_progress() -> _Suite:
    s = _Suite("fct_campaign_progress")
    s.columns()
    s.volume()
    s.key("progress_id")
    s.add(
        "every_campaign_reported",
        gxe.ExpectColumnDistinctValuesToEqualSet(column="campaign_id", value_set=P("campaign_ids")),
        "Every campaign of dim_campaign has at least one report (one row per campaign per as-of date), and no other.",
    )
    s.between(
        "latest_rows_of_campaign", 1, 1, "Exactly one report of each campaign is its latest (is_latest).",
        name="one_latest_report_per_campaign",
    )  # fmt: skip
    s.not_null("campaign_id", "as_of_date", "is_latest")
    s.in_catalogue("city_id", "city_ids")
    s.in_catalogue("document_id", "document_ids")
    s.in_catalogue("figures_are", FIGURES_ARE)
    s.non_negative(
        [
            "project_count", "total_investment", "annual_planned_investment", "completed_investment",
            "investment_per_project", "annual_plan_per_project", "projects_started", "start_base_project_count",
            "projects_completed", "pace_index",
        ]
    )  # fmt: skip
    s.between("investment_completion_rate", 0, P("investment_completion_rate_max"), RATE_BOUND_NOTE)
    s.between("investment_completion_rate_stated", 0, P("investment_completion_rate_max"), RATE_BOUND_NOTE)
    s.between("annual_plan_share", 0, 1, "The annual plan is a part of the total investment.")
    s.between("start_rate", 0, P("start_rate_max"))
    s.between("start_rate_stated", 0, P("start_rate_max"))
    s.between("elapsed_share_of_year", 0, 1)
    s.at_most(
        "completed_investment", "total_investment", "A campaign cannot complete more than its total investment."
    )
    s.at_most("annual_planned_investment", "total_investment", "The year's plan is a part of the total investment.")
    s.at_most("projects_started", "start_base_project_count")
    s.at_most("projects_completed", "projects_started")
    s.at_most("projects_started", "project_count")
    s.equal("as_of_year", "plan_year", "The figures are dated inside the campaign's plan year.", name="as_of_date_in_plan_year")
    s.at_most("period_start", "as_of_date", name="as_of_date_after_period_start")
    s.at_most("as_of_date", "period_end", name="as_of_date_before_period_end")
    return s


def fct_project_progress() -> _Suite:
    s = _Suite("fct_project_progress")
    s.columns()
    s.volume()
    s.key("scope_id")
    s.not_null("campaign_id", "city_id", "scope_level")
    s.in_catalogue("campaign_id", "campaign_ids")
    s.in_catalogue("city_id", "city_ids")
    s.in_catalogue("scope_level", [level for level in SCOPE_LEVELS if level != "city"], "Sub-city scopes only.")
    s.in_catalogue("project_count_qualifier", QUALIFIERS)
    s.between(
        "figure_count", 1, None, "A scope exists because the document gives at least one figure for it.",
        name="scope_has_figures",
    )  # fmt: skip
    s.non_negative(
        [
            "project_count", "total_investment", "completed_investment", "projects_started", "land_delivered_area",
            "demolition_area", "renovation_area", "city_project_count",
        ]
    )  # fmt: skip
    s.between("investment_completion_rate_stated", 0, P("investment_completion_rate_max"), RATE_BOUND_NOTE)
    s.between("start_rate", 0, P("start_rate_max"))
    s.between("start_rate_stated", 0, P("start_rate_max"))
    s.between("share_of_city_projects", 0, 1, "A scope's projects are a part of its city's.")
    s.at_most("completed_investment", "total_investment")
    s.at_most("projects_started", "project_count")
    s.at_most(
        "project_count",
        "city_project_count",
        "A district cannot have more projects than its city.",
        name="district_projects_le_city",
        row_condition=Column("scope_level") == "district",
    )
    return s


def mart_city_comparison() -> _Suite:
    s = _Suite("mart_city_comparison")
    s.columns()
    s.volume()
    s.add("one_row_per_city", gxe.ExpectTableRowCountToEqual(value=P("city_count")), "One row per city of dim_city.")
    s.key("city_id")
    s.add(
        "every_city_compared",
        gxe.ExpectColumnDistinctValuesToEqualSet(column="city_id", value_set=P("city_ids")),
        "Every city of dim_city appears, and no other.",
    )
    s.not_null("campaign_id", "plan_year", "as_of_date", "figures_are")
    s.in_catalogue("campaign_id", "campaign_ids")
    s.in_catalogue("figures_are", FIGURES_ARE)
    s.in_catalogue("admin_level", ADMIN_LEVELS)
    s.between(
        "kpi_count", 1, None, "Every city has at least one comparable figure (projects, investment, starts).",
        name="city_has_comparable_figure",
    )  # fmt: skip
    s.non_negative(
        ["project_count", "total_investment", "annual_planned_investment", "completed_investment",
         "investment_per_project", "projects_started", "pace_index"]
    )  # fmt: skip
    s.between("investment_completion_rate", 0, P("investment_completion_rate_max"), RATE_BOUND_NOTE)
    s.between("annual_plan_share", 0, 1)
    s.between("start_rate", 0, P("start_rate_max"))
    s.between("elapsed_share_of_year", 0, 1)
    for rank in ("project_count_rank", "total_investment_rank", "investment_completion_rate_rank", "pace_index_rank"):
        s.between(rank, 1, P("city_count"), "Ranks run from 1 to the number of cities; NULL when not reported.")
    s.at_most("completed_investment", "total_investment")
    s.at_most("annual_planned_investment", "total_investment")
    s.equal("as_of_year", "plan_year", name="as_of_date_in_plan_year")
    s.non_empty_text("caveat", "Every comparison says in plain words what makes it hard.")
    return s


def dim_city() -> _Suite:
    s = _Suite("dim_city")
    s.columns()
    s.volume()
    s.key("city_id")
    s.not_null("name_zh_hans", "name_en", "admin_level")
    s.in_catalogue("admin_level", ADMIN_LEVELS)
    s.between(
        "figure_count",
        1,
        None,
        "Every city has at least one figure (an achievement or a target) in fct_observation.",
        name="city_has_figures",
    )
    s.add(
        "county_has_prefecture",
        gxe.ExpectColumnValuesToNotBeNull(
            column="parent_prefecture_en", row_condition=Column("needs_prefecture") == True  # noqa: E712
        ),
        "A county-level unit names the prefecture it belongs to (a district of a municipality has none: its parent "
        "is the municipality itself).",
    )
    return s


def dim_campaign() -> _Suite:
    s = _Suite("dim_campaign")
    s.columns()
    s.volume()
    s.key("campaign_id")
    s.not_null("city_id", "plan_year", "period_start", "period_end", "as_of_date")
    s.in_catalogue("city_id", "city_ids")
    s.in_catalogue("figures_are", FIGURES_ARE)
    s.between("plan_year", PLAN_YEARS[0], PLAN_YEARS[1])
    s.between("period_days", 1, 366)
    s.at_most("period_start", "period_end")
    s.at_most("period_start", "as_of_date", name="as_of_date_after_period_start")
    s.at_most("as_of_date", "period_end", name="as_of_date_before_period_end")
    s.equal("as_of_year", "plan_year", name="as_of_date_in_plan_year")
    return s


def dim_document() -> _Suite:
    s = _Suite("dim_document")
    s.columns()
    s.volume()
    s.key("document_id")
    s.key("file_name")
    s.key("sha256")
    s.add("sha256_is_hex", gxe.ExpectColumnValuesToMatchRegex(column="sha256", regex=r"^[0-9a-f]{64}$"))
    s.not_null("city_id", "campaign_id")
    s.in_catalogue("city_id", "city_ids")
    s.in_catalogue("campaign_id", "campaign_ids")
    s.in_catalogue("script", ["traditional", "simplified"])
    s.in_catalogue("document_type", ["news_report", "plan"])
    s.non_empty_text("raw_text")
    s.non_empty_text("normalised_text")
    s.at_most(
        "normalised_char_count",
        "raw_char_count",
        "Normalising strips pinyin and converts script one character for one: it never adds characters.",
    )
    s.non_negative(["garbled_span_count"])
    s.between(
        "observation_count", 1, None, "Every document contributes figures; a document nothing cites is an orphan.",
        name="document_is_cited",
    )
    return s


def dim_metric() -> _Suite:
    s = _Suite("dim_metric")
    s.columns()
    s.volume()
    s.key("metric_id")
    s.not_null("base_unit", "metric_kind", "lower_bound")
    s.in_catalogue("base_unit", "base_units", "Base units of the unit catalogue.")
    s.in_catalogue("metric_kind", METRIC_KINDS)
    s.between("lower_bound", 0, 0, "Every figure is non-negative.")
    s.add(
        "ratio_has_upper_bound",
        gxe.ExpectColumnValuesToNotBeNull(column="upper_bound", row_condition=Column("base_unit") == "ratio"),
        "Every ratio metric states its upper bound.",
    )
    s.add(
        "ratio_upper_bound_1_to_3",
        gxe.ExpectColumnValuesToBeBetween(
            column="upper_bound", min_value=1, max_value=3, row_condition=Column("base_unit") == "ratio"
        ),
        "Shares are bounded by 1; investment completion by 3 (reports exceed 100%). A bound above 3 hides errors.",
    )
    s.add(
        "observation_counts_add_up",
        gxe.ExpectColumnSumToBeBetween(
            column="observation_count", min_value=P("observation_count"), max_value=P("observation_count")
        ),
        "The metrics' observation counts add up to the rows of fct_observation.",
    )
    return s


def fct_garbled_span() -> _Suite:
    s = _Suite("fct_garbled_span")
    s.columns()
    s.volume()
    s.key("garbled_span_id")
    s.not_null("document_id", "kind")
    s.in_catalogue("document_id", "document_ids")
    s.in_catalogue("kind", GARBLED_KINDS)
    s.non_negative(["char_start", "raw_char_start"])
    s.add(
        "span_not_empty",
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start", or_equal=False),
    )
    s.add(
        "raw_span_not_empty",
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="raw_char_end", column_B="raw_char_start", or_equal=False),
    )
    return s


def fct_figure() -> _Suite:
    s = _Suite("fct_figure")
    s.columns()
    s.volume()
    s.key("figure_id")
    s.not_null("city_id", "campaign_id", "metric_id", "as_of_date", "is_conflicting", "period", "is_target")
    s.in_catalogue("period", "period_ids")
    s.in_catalogue("city_id", "city_ids")
    s.in_catalogue("campaign_id", "campaign_ids")
    s.in_catalogue("metric_id", "metric_ids")
    s.in_catalogue("scope_level", SCOPE_LEVELS)
    s.between("source_count", 1, None, "A figure has at least one source document.", name="figure_has_a_source")
    s.equal("document_ids_length", "source_count", "Every source document is listed.", name="sources_listed")
    s.equal("quotes_length", "observation_count", "Every statement of the figure keeps its quote.", name="every_quote_kept")
    s.at_most("source_count", "observation_count", "A document states a figure at least once.")
    s.add(
        "agreeing_figure_has_value",
        gxe.ExpectColumnValuesToNotBeNull(column="value", row_condition=Column("is_conflicting") == False),  # noqa: E712
        "Sources that agree give the figure its value.",
    )
    s.add(
        "conflicting_figure_has_no_value",
        gxe.ExpectColumnValuesToBeNull(column="value", row_condition=Column("is_conflicting") == True),  # noqa: E712
        "Sources that disagree leave the value NULL: no source is preferred.",
    )
    s.non_negative(["value", "value_min", "value_max"])
    s.at_most("value_min", "value_max")
    s.at_most("value", "metric_upper_bound", "Within the metric's upper bound.", name="value_within_metric_bound")
    s.not_null("reviewed", "carried_forward", "recommended_for_aggregates")
    s.between("agreeing_sources", 1, None, name="agreeing_sources_at_least_one")
    s.at_most("agreeing_sources", "source_count")
    s.between("confidence", 0, 1)
    s.add(
        "targets_not_recommended_for_aggregates",
        gxe.ExpectColumnValuesToBeInSet(
            column="recommended_for_aggregates", value_set=[False], row_condition=Column("is_target") == True  # noqa: E712
        ),
        "A target is never added to achievements in a total.",
    )
    s.add(
        "conflicts_not_recommended_for_aggregates",
        gxe.ExpectColumnValuesToBeInSet(
            column="recommended_for_aggregates", value_set=[False], row_condition=Column("is_conflicting") == True  # noqa: E712
        ),
        "A figure the documents disagree on never enters a total.",
    )
    return s


def mart_metric_total() -> _Suite:
    s = _Suite("mart_metric_total")
    s.columns()
    s.key("metric_id")
    s.in_catalogue("metric_id", "metric_ids")
    s.not_null("total_value")
    s.non_negative(["total_value"])
    s.equal("figure_ids_length", "figure_count", "Every figure summed is listed.", name="figures_listed")
    s.between(
        "not_recommended_figures", 0, 0, "No total sums a figure that fct_figure does not recommend for aggregates.",
        name="only_recommended_figures_summed",
    )  # fmt: skip
    s.between("campaign_count", 1, None, name="a_total_has_a_campaign")
    return s


def fct_figure_conflict() -> _Suite:
    s = _Suite("fct_figure_conflict")
    s.columns()
    # No volume against history: fewer conflicts is a curator resolving them, not a loss of data.
    s.volume(history=False)
    s.key("figure_id")
    s.not_null("city_id", "campaign_id", "conflict_kind")
    s.in_catalogue("campaign_id", "campaign_ids")
    s.in_catalogue("conflict_kind", CONFLICT_KINDS)
    s.true("figure_is_conflicting", "Each conflict is a conflicting figure of fct_figure.")
    s.between("source_count", 2, None, "A disagreement needs at least two documents.", name="conflict_has_two_sources")
    s.equal("document_ids_length", "source_count", name="sources_listed")
    s.at_most("value_min", "value_max")
    s.between("relative_spread", 0, 1)
    return s


def build_info() -> _Suite:
    s = _Suite("build_info")
    s.columns()
    s.add(
        "one_build_record",
        gxe.ExpectTableRowCountToEqual(value=1),
        "`battlemap build` records its build in main.build_info; a file without it was not built by battlemap build.",
    )
    s.key("built_at")
    s.not_null("dbt_version")
    s.add(
        "build_is_fresh",
        gxe.ExpectColumnValuesToBeBetween(column="age_hours", min_value=-0.1, max_value=P("max_build_age_hours")),
        "Freshness: the warehouse was built within the allowed age (battlemap check --max-build-age-hours, 36 by "
        "default: the daily build plus slack). A small negative age tolerates clock skew.",
    )
    s.between("build_seconds", 0, None)
    s.true(
        "all_passed",
        "Every seed, model and test of the build that wrote this file passed: a plain `dbt build` with failing tests "
        "still writes its data, and says so here.",
    )
    return s


def mart_schema() -> _Suite:
    s = _Suite("mart_schema")
    s.columns()
    s.key("column_id")
    s.true("in_warehouse", "A column the contract declares is missing from the warehouse (stale or altered file).")
    s.true("in_contract", "A column in the warehouse that its contract does not declare (schema change not in the yml).")
    s.equal(
        "warehouse_type", "contract_type", "Each column has the type its contract declares.", name="type_matches_contract"
    )
    return s


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
