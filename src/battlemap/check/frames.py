"""Read the marts out of the warehouse, read-only, as the pandas DataFrames the suites validate.

Why DataFrames and not a GX SQL datasource: Great Expectations 1.24's SQL datasource through
duckdb-engine is broken as shipped (every expectation fails with `MetricResolutionError: list index
out of range`, GX issues #10738 and #11579, and duckdb-engine's reflection breaks with SQLAlchemy >=
2.0.45). So each mart is read with DuckDB itself through `battlemap.shared.warehouse.reading` (a fresh
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

Checks that grow with the corpus (docs/quality.md): no suite hard-codes a row count. Each mart's rows are
compared with what its inputs imply (IMPLIED_ROWS, counted from the staging layer of the same file, the
inputs the build read), with the last good run (battlemap.check.volume), and its columns and types with
its dbt contract (the `mart_schema` frame, battlemap.check.contracts); `build_info` carries the age of
the build for the freshness check. Per-mart values reach the suites as the parameters `expected_columns`,
`rows_implied_by_inputs` and `min_rows_since_last_good_run` (MART_PARAMETERS).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from battlemap.check.contracts import mart_contracts
from battlemap.check.mart_queries import (
    BUILD_INFO_COLUMNS,
    DERIVED_COLUMNS,
    EXCLUDED_COLUMNS,
    IMPLIED_ROWS,
    MART_QUERIES,
    MARTS,
    SCHEMA_COLUMNS,
    SCHEMA_FRAME,
)
from battlemap.shared.warehouse import reading


class CatalogueError(RuntimeError):
    """A catalogue the suites need (ids, units, bounds) is missing from the warehouse."""


@dataclass(frozen=True)
class WarehouseSnapshot:
    """Everything one run validates: a frame per mart, the suite parameters, and build metadata.

    `parameters` are shared by every suite; `mart_parameters[mart]` are added for that mart's suite only.
    `schema` is the warehouse's {mart: {column: type}}, kept with the run to report changes between runs.
    """

    frames: dict[str, pd.DataFrame]
    parameters: dict[str, Any]
    built_at: str | None
    mart_parameters: dict[str, dict[str, Any]] = field(default_factory=dict)
    schema: dict[str, dict[str, str]] = field(default_factory=dict)


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
        # The periods a figure can cover: the periods seed, the one home of that vocabulary.
        "period_ids": _column(con, "select distinct period from curation.periods where period is not null order by 1"),
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


def warehouse_schema(con, marts: Iterable[str]) -> dict[str, dict[str, str]]:
    """{mart: {column: DuckDB type}} of the marts present in the warehouse's main schema, in column order."""
    wanted = list(marts)
    rows = con.sql(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'main' and table_name in (select unnest($marts)) order by table_name, ordinal_position",
        params={"marts": wanted},
    ).fetchall()
    schema: dict[str, dict[str, str]] = {}
    for table, column, data_type in rows:
        schema.setdefault(table, {})[column] = data_type
    return schema


def schema_frame(contracts: dict[str, dict[str, str]], schema: dict[str, dict[str, str]]) -> pd.DataFrame:
    """One row per (mart, column) that the contract or the warehouse has: both types side by side."""
    records = []
    for mart in sorted(set(contracts) | set(schema)):
        declared, actual = contracts.get(mart, {}), schema.get(mart, {})
        for column in [*declared, *(c for c in actual if c not in declared)]:
            records.append(
                {
                    "column_id": f"{mart}.{column}",
                    "mart": mart,
                    "column_name": column,
                    "contract_type": declared.get(column),
                    "warehouse_type": actual.get(column),
                    "in_contract": column in declared,
                    "in_warehouse": column in actual,
                }
            )
    return pd.DataFrame.from_records(records, columns=SCHEMA_COLUMNS)


def expected_columns(mart: str, contracts: dict[str, dict[str, str]]) -> list[str]:
    """The columns a mart's frame must have: its contract's, minus those swapped out, plus the derived ones."""
    if mart == SCHEMA_FRAME:
        return list(SCHEMA_COLUMNS)
    excluded = set(EXCLUDED_COLUMNS.get(mart, []))
    base = BUILD_INFO_COLUMNS[:-1] if mart == "build_info" else [c for c in contracts.get(mart, {}) if c not in excluded]
    return base + [c for c in DERIVED_COLUMNS.get(mart, {}) if c not in base]


def _has_table(con, schema: str, table: str) -> bool:
    return bool(
        con.sql(
            "select count(*) from information_schema.tables where table_schema = $schema and table_name = $table",
            params={"schema": schema, "table": table},
        ).fetchall()[0][0]
    )


def load_snapshot(warehouse: Path, project: Path | None = None) -> WarehouseSnapshot:
    """Read every mart, the suite parameters and the schema in one read-only session (one consistent file)."""
    contracts = mart_contracts(project)
    with reading(warehouse) as con:
        frames = {}
        for mart, query in MART_QUERIES.items():
            if mart == "build_info" and not _has_table(con, "main", "build_info"):
                # Built by a plain `dbt build`: no build record, so freshness cannot pass (an empty frame).
                frames[mart] = pd.DataFrame(columns=BUILD_INFO_COLUMNS)
                continue
            frames[mart] = con.sql(query).df()
        parameters = load_parameters(con)
        schema = warehouse_schema(con, contracts)
        mart_parameters: dict[str, dict[str, Any]] = {}
        for mart in MARTS:
            values: dict[str, Any] = {"expected_columns": expected_columns(mart, contracts)}
            if mart in IMPLIED_ROWS:
                values["rows_implied_by_inputs"] = int(con.sql(IMPLIED_ROWS[mart]).fetchall()[0][0])
            mart_parameters[mart] = values
        built = frames["build_info"]["built_at"].max() if len(frames["build_info"]) else None
    frames[SCHEMA_FRAME] = schema_frame(contracts, schema)
    return WarehouseSnapshot(
        frames=frames,
        parameters=parameters,
        built_at=built.isoformat() if built is not None and not pd.isna(built) else None,
        mart_parameters=mart_parameters,
        schema=schema,
    )
