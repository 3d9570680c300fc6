"""The release's Frictionless Data Package descriptor (datapackage.json), and its validation.

One tabular resource per CSV file: each mart (data/<mart>.csv, its Parquet twin named in `parquet`), the
source documents (sources.csv) and the changes (changes.csv). A mart's table schema is its enforced
contract (models/marts/*.yml): types, not_null constraints as `required`, unique and accepted-values tests
as constraints, the id as primary key, relationships to another mart of the package as foreign keys, the
yml docs as descriptions. A column named after a metric of seeds/metrics.csv (total_investment,
start_rate, …) carries the metric's base unit and definition. Files carry their SHA-256 and size, so
`frictionless validate` also checks that nothing was changed after the release.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import polars as pl

from battlemap.serve.release.diff import COLUMNS as CHANGE_COLUMNS
from battlemap.serve.release.marts import ColumnDoc, MartDoc
from battlemap.shared.paths import seeds_dir

CSV_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True}


def field_type(data_type: str) -> str:
    """The Table Schema type of a contract's DuckDB type."""
    kind = data_type.strip().lower()
    if kind.endswith("[]"):
        return "array"
    if kind in ("varchar", "text", "string"):
        return "string"
    if kind in ("integer", "int", "bigint", "smallint", "tinyint", "hugeint"):
        return "integer"
    if kind in ("double", "float", "real") or kind.startswith("decimal"):
        return "number"
    if kind == "boolean":
        return "boolean"
    if kind == "date":
        return "date"
    if kind.startswith("timestamp"):
        return "datetime"
    return "any"


def _metrics(project: Path) -> dict[str, dict[str, str]]:
    with (seeds_dir(project) / "metrics.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["metric_id"]: row for row in csv.DictReader(handle)}


def _field(column: ColumnDoc, metrics: dict[str, dict[str, str]]) -> dict:
    spec: dict = {"name": column.name, "type": field_type(column.data_type)}
    description = column.description
    metric = metrics.get(column.name)
    if metric:
        spec["unit"] = metric["base_unit"]
        description = f"{description} Metric {column.name} ({metric['name_en']}, {metric['name_zh']}): {metric['definition']}".strip()
    if description:
        spec["description"] = description
    if spec["type"] == "datetime":
        spec["format"] = "any"
    constraints = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.enum and spec["type"] == "string":
        constraints["enum"] = list(column.enum)
    if constraints:
        spec["constraints"] = constraints
    return spec


def _file(folder: Path, relative: str) -> dict:
    data = (folder / relative).read_bytes()
    return {"hash": f"sha256:{hashlib.sha256(data).hexdigest()}", "bytes": len(data)}


def _csv_resource(folder: Path, name: str, relative: str, title: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "title": title,
        "description": description,
        "path": relative,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": CSV_DIALECT,
        **_file(folder, relative),
        "schema": schema,
    }


def descriptor(
    folder: Path,
    project: Path,
    version: str,
    created: str,
    marts: list[MartDoc],
    documents: MartDoc,
    source_columns: list[str],
    sources: pl.DataFrame,
    citation: dict,
) -> dict:
    """datapackage.json for the release written in `folder`."""
    metrics = _metrics(project)
    names = {mart.name for mart in marts}
    resources = []
    for mart in marts:
        schema: dict = {"fields": [_field(column, metrics) for column in mart.columns], "missingValues": [""]}
        if mart.primary_key:
            schema["primaryKey"] = mart.primary_key
        foreign = [
            {"fields": [column.name], "reference": {"resource": column.references[0], "fields": [column.references[1]]}}
            for column in mart.columns
            if column.references and column.references[0] in names and column.references[0] != mart.name
        ]
        if foreign:
            schema["foreignKeys"] = foreign
        resource = _csv_resource(folder, mart.name, f"data/{mart.name}.csv", mart.name, mart.description, schema)
        resource["parquet"] = {"path": f"data/{mart.name}.parquet", **_file(folder, f"data/{mart.name}.parquet")}
        resources.append(resource)

    by_name = {column.name: column for column in documents.columns}
    source_fields = [_field(by_name[name], metrics) for name in source_columns]
    resources.append(
        _csv_resource(
            folder, "sources", "sources.csv", "Source documents",
            "Every document the figures come from (dim_document without its texts): file, SHA-256 of the file as received, "
            "outlet, dates, address, retrieval date and licence or terms where known (empty when not known).",
            {"fields": source_fields, "primaryKey": ["document_id"], "missingValues": [""]},
        )
    )  # fmt: skip
    resources.append(
        _csv_resource(
            folder, "changes", "changes.csv", "Changes since the previous release",
            "The figures (fct_figure) added, changed (old and new value, with the observation ids behind each) and removed "
            "since the previous release, per place.",
            {"fields": [{"name": n, "type": t, "description": d} for n, t, d in CHANGE_COLUMNS], "missingValues": [""]},
        )
    )  # fmt: skip
    return {
        "profile": "data-package",
        "name": "battlemap",
        "title": citation["title"],
        "description": citation["abstract"],
        "version": version,
        "created": f"{created}T00:00:00Z",
        "keywords": citation["keywords"],
        "contributors": [{"title": author["name"], "role": "author"} for author in citation["authors"]],
        "sources": [
            {"title": _source_title(row), **({"path": row["url"]} if row.get("url") else {})}
            for row in sources.iter_rows(named=True)
        ],
        "resources": resources,
    }


def _source_title(row: dict) -> str:
    parts = [row["document_id"]]
    if row.get("title_as_written"):
        parts.append(row["title_as_written"])
    if row.get("publisher_as_written"):
        parts.append(row["publisher_as_written"])
    if row.get("publication_date"):
        parts.append(str(row["publication_date"]))
    parts.append(f"sha256 {row['sha256']}")
    return " · ".join(parts)


def validate(path: Path) -> list[str]:
    """Frictionless's verdict on the package: an empty list when it is valid, else one line per error."""
    from frictionless import validate as frictionless_validate

    report = frictionless_validate(str(path))
    if report.valid:
        return []
    problems = [f"{error.type}: {error.message}" for error in report.errors]
    for task in report.tasks:
        problems += [f"{task.name}: {error.type}: {error.message}" for error in task.errors]
    return problems or ["invalid (no error listed)"]
