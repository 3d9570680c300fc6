"""The suites of the fact and comparison marts: figures, progress, conflicts, totals (battlemap.check.suites)."""

from __future__ import annotations

import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from battlemap.check.suite_kit import (
    ADMIN_LEVELS,
    CONFLICT_KINDS,
    FIGURES_ARE,
    QUALIFIERS,
    RATE_BOUND_NOTE,
    SCOPE_LEVELS,
    P,
    _Suite,
)


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
