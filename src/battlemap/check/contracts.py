"""The marts' column contracts, read from models/marts/*.yml: the one home of each mart's columns and types.

The checks compare the served warehouse against these contracts (the `mart_schema` suite: every column
the contract declares is there with its type, and no other), so a warehouse built from another checkout,
or changed by hand, fails the check; and `columns_match_contract` of every mart suite takes its column
set from here instead of a copied list. dbt enforces the same contracts at build time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb
import yaml

from battlemap.shared.paths import project_dir


class ContractError(RuntimeError):
    """The contract files cannot be read or declare a column without a type."""


def marts_dir(project: Path | None = None) -> Path:
    return (project or project_dir()) / "models" / "marts"


@lru_cache(maxsize=256)
def canonical_type(data_type: str) -> str:
    """DuckDB's own name for a type as a contract writes it (integer[] → INTEGER[], int → INTEGER)."""
    try:
        return duckdb.sql(f"select typeof(null::{data_type})").fetchall()[0][0]
    except duckdb.Error as error:
        raise ContractError(f"not a DuckDB type: {data_type!r}") from error


def mart_contracts(project: Path | None = None) -> dict[str, dict[str, str]]:
    """{mart: {column: canonical DuckDB type}} for every model documented in models/marts/*.yml."""
    contracts: dict[str, dict[str, str]] = {}
    folder = marts_dir(project)
    for path in sorted(folder.glob("*.yml")):
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise ContractError(f"cannot read {path}: {error}") from error
        for model in document.get("models") or []:
            columns = {}
            for column in model.get("columns") or []:
                if not column.get("data_type"):
                    raise ContractError(f"{path.name}: column {model['name']}.{column['name']} has no data_type")
                columns[column["name"]] = canonical_type(column["data_type"])
            if columns:
                contracts[model["name"]] = columns
    if not contracts:
        raise ContractError(f"no mart contracts in {folder}")
    return contracts
