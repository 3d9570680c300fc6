"""The suites of the dimensions, the damaged stretches and the build's own tables (battlemap.check.suites)."""

from __future__ import annotations

import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from battlemap.check.suite_kit import (
    ADMIN_LEVELS,
    FIGURES_ARE,
    GARBLED_KINDS,
    METRIC_KINDS,
    PLAN_YEARS,
    P,
    _Suite,
)


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
