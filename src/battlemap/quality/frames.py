"""Read the marts out of the warehouse, read-only, as the pandas DataFrames the suites validate.

Why DataFrames and not a GX SQL datasource: Great Expectations 1.24's SQL datasource through
duckdb-engine is broken as shipped (every expectation fails with `MetricResolutionError: list index
out of range`, GX issues #10738 and #11579, and duckdb-engine's reflection breaks with SQLAlchemy >=
2.0.45). So each mart is read with DuckDB itself through `battlemap.warehouse.reading` (a fresh
in-memory connection with the file ATTACHed READ_ONLY, which never blocks a build for longer than the
read) and handed to a pandas dataframe asset as the batch parameter `dataframe`. The marts are small
(tens of rows), so this costs nothing.

Checks that span two tables (a value against its metric's bound, an as-of date against its campaign's
plan year, a city against its figures) need the other table's column next to the row. The SELECTs
below add those as *derived columns* (listed in DERIVED_COLUMNS and in docs/quality.md), always
joining against a one-row-per-key view of the other table, so a duplicated key there cannot multiply
the rows checked here.

The catalogues the suites compare against (city, campaign, document, metric ids, the units as written,
the ratio bounds) are read from the same warehouse and passed as suite parameters (`$PARAMETER`), so the
suites stay in sync with the seeds without being edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from battlemap.warehouse import reading

# One-row-per-key views of the tables other marts are joined to (a duplicate key must not fan out rows).
_METRICS = """(select metric_id, any_value(base_unit) as base_unit, any_value(upper_bound) as upper_bound
               from main.dim_metric group by metric_id)"""
_CAMPAIGNS = """(select campaign_id, any_value(plan_year) as plan_year from main.dim_campaign group by campaign_id)"""
_DOCUMENTS = """(select document_id, any_value(campaign_id) as campaign_id, any_value(normalised_text) as normalised_text
                 from main.dim_document group by document_id)"""

MART_QUERIES: dict[str, str] = {
    "fct_observation": f"""
        select o.*,
               m.base_unit as metric_base_unit,
               m.upper_bound as metric_upper_bound,
               c.plan_year as campaign_plan_year,
               year(o.as_of_date) as as_of_year,
               d.campaign_id as document_campaign_id,
               contains(o.quote, o.value_as_written || o.unit_as_written) as quote_cites_figure,
               contains(d.normalised_text, o.quote) as quote_found_in_document
        from main.fct_observation as o
        left join {_METRICS} as m on m.metric_id = o.metric_id
        left join {_CAMPAIGNS} as c on c.campaign_id = o.campaign_id
        left join {_DOCUMENTS} as d on d.document_id = o.document_id
        order by o.observation_id
    """,
    "fct_campaign_progress": """
        select p.*, year(p.as_of_date) as as_of_year
        from main.fct_campaign_progress as p
        order by p.campaign_id
    """,
    "fct_project_progress": """
        select * from main.fct_project_progress order by scope_id
    """,
    "mart_city_comparison": """
        select m.*,
               year(m.as_of_date) as as_of_year,
               (m.project_count is not null)::int + (m.total_investment is not null)::int
                 + (m.annual_planned_investment is not null)::int + (m.completed_investment is not null)::int
                 + (m.projects_started is not null)::int as kpi_count
        from main.mart_city_comparison as m
        order by m.city_id
    """,
    "dim_city": """
        select c.*,
               coalesce(f.figure_count, 0) as figure_count,
               coalesce(f.target_count, 0) as target_count,
               coalesce(f.achievement_count, 0) as achievement_count
        from main.dim_city as c
        left join (
            select city_id,
                   count(*) as figure_count,
                   count(*) filter (where is_target) as target_count,
                   count(*) filter (where not is_target) as achievement_count
            from main.fct_observation group by city_id
        ) as f on f.city_id = c.city_id
        order by c.city_id
    """,
    "dim_campaign": """
        select c.*, year(c.as_of_date) as as_of_year
        from main.dim_campaign as c
        order by c.campaign_id
    """,
    "dim_document": """
        select d.* exclude (raw_offsets),
               len(d.raw_offsets) as raw_offsets_length,
               coalesce(o.observation_count, 0) as observation_count
        from main.dim_document as d
        left join (select document_id, count(*) as observation_count from main.fct_observation group by document_id) as o
          on o.document_id = d.document_id
        order by d.document_id
    """,
    "dim_metric": """
        select * from main.dim_metric order by metric_id
    """,
    "fct_garbled_span": """
        select * from main.fct_garbled_span order by garbled_span_id
    """,
}

# Columns the SELECTs above add to (or swap into) a mart, for the docs and the column-set expectations.
DERIVED_COLUMNS: dict[str, dict[str, str]] = {
    "fct_observation": {
        "metric_base_unit": "dim_metric.base_unit of the observation's metric",
        "metric_upper_bound": "dim_metric.upper_bound of the observation's metric (NULL: unbounded)",
        "campaign_plan_year": "dim_campaign.plan_year of the observation's campaign",
        "as_of_year": "year(as_of_date)",
        "document_campaign_id": "dim_document.campaign_id of the observation's document (NULL: no such document)",
        "quote_cites_figure": "the quote contains value_as_written || unit_as_written",
        "quote_found_in_document": "the quote occurs in the document's normalised text (NULL: no such document)",
    },
    "fct_campaign_progress": {"as_of_year": "year(as_of_date)"},
    "mart_city_comparison": {
        "as_of_year": "year(as_of_date)",
        "kpi_count": "how many of project_count, total_investment, annual_planned_investment, completed_investment, "
        "projects_started the city reports",
    },
    "dim_city": {
        "figure_count": "observations of the city in fct_observation",
        "target_count": "of which targets (is_target)",
        "achievement_count": "of which achievements (not is_target)",
    },
    "dim_campaign": {"as_of_year": "year(as_of_date)"},
    "dim_document": {
        "raw_offsets_length": "len(raw_offsets) (the list itself is left out of the frame)",
        "observation_count": "observations citing the document in fct_observation",
    },
}

# The key column of each mart: failing rows are reported by it.
KEY_COLUMNS: dict[str, str] = {
    "fct_observation": "observation_id",
    "fct_campaign_progress": "campaign_id",
    "fct_project_progress": "scope_id",
    "mart_city_comparison": "city_id",
    "dim_city": "city_id",
    "dim_campaign": "campaign_id",
    "dim_document": "document_id",
    "dim_metric": "metric_id",
    "fct_garbled_span": "garbled_span_id",
}

MARTS: tuple[str, ...] = tuple(MART_QUERIES)


class CatalogueError(RuntimeError):
    """A catalogue the suites need (ids, units, bounds) is missing from the warehouse."""


@dataclass(frozen=True)
class WarehouseSnapshot:
    """Everything one run validates: a frame per mart, the suite parameters, and build metadata."""

    frames: dict[str, pd.DataFrame]
    parameters: dict[str, Any]
    built_at: str | None


def _column(con, sql: str) -> list:
    return [row[0] for row in con.sql(sql).fetchall()]


def load_parameters(con) -> dict[str, Any]:
    """Suite parameters: the catalogues and bounds, read from the warehouse so they follow the seeds."""
    parameters: dict[str, Any] = {
        "city_ids": _column(con, "select distinct city_id from main.dim_city where city_id is not null order by 1"),
        "campaign_ids": _column(
            con, "select distinct campaign_id from main.dim_campaign where campaign_id is not null order by 1"
        ),
        "document_ids": _column(
            con, "select distinct document_id from main.dim_document where document_id is not null order by 1"
        ),
        "metric_ids": _column(con, "select distinct metric_id from main.dim_metric where metric_id is not null order by 1"),
        "units_as_written": _column(
            con, "select distinct unit_as_written from curation.units where unit_as_written is not null order by 1"
        ),
        "base_units": _column(con, "select distinct base_unit from curation.units where base_unit is not null order by 1"),
        "observation_count": con.sql("select count(*) from main.fct_observation").fetchall()[0][0],
    }
    parameters["city_count"] = len(parameters["city_ids"])
    parameters["campaign_count"] = len(parameters["campaign_ids"])
    for name, values in parameters.items():
        if isinstance(values, list) and not values:
            raise CatalogueError(f"the warehouse has an empty catalogue for {name}")
    # The upper bounds of the campaign-level rates come from dim_metric (seeds/metrics.csv), where the
    # bound of investment_completion_rate is a documented choice: 3, because real reports give 122.6%.
    bounds = dict(
        con.sql(
            "select metric_id, max(upper_bound) from main.dim_metric "
            "where metric_id in ('investment_completion_rate', 'start_rate') group by metric_id"
        ).fetchall()
    )
    for metric_id in ("investment_completion_rate", "start_rate"):
        if bounds.get(metric_id) is None:
            raise CatalogueError(f"dim_metric gives no upper_bound for {metric_id}")
        parameters[f"{metric_id}_max"] = float(bounds[metric_id])
    return parameters


def load_snapshot(warehouse: Path) -> WarehouseSnapshot:
    """Read every mart and the suite parameters in one read-only session (one consistent file)."""
    with reading(warehouse) as con:
        frames = {mart: con.sql(query).df() for mart, query in MART_QUERIES.items()}
        parameters = load_parameters(con)
        try:
            built = con.sql("select max(built_at) from main.build_info").fetchall()[0][0]
        except Exception:  # noqa: BLE001 - build_info is informative only
            built = None
    return WarehouseSnapshot(frames=frames, parameters=parameters, built_at=built.isoformat() if built else None)
