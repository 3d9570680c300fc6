"""The same build without dbt: the compiled SQL of a dbt build, run by DuckDB in this one process.

Reads the manifest a `battlemap build` left (its compiled SQL for every seed, model and test) and
replays it into a new DuckDB file: seeds with read_csv and the seed's column types, SQL models as
`create table … as <compiled SQL>` (views as views), Python models by calling their `model(dbt,
session)` with a minimal `dbt` object, and every data test as a count of its failing rows (which must
be 0). Unit tests and contracts are dbt's own work and are left out. What remains is the floor: what
DuckDB and the Python models cost, with no dbt around them.

    .venv/bin/python bench/direct.py MANIFEST PROJECT DATABASE
"""

from __future__ import annotations

import argparse
import json
import runpy
import time
from pathlib import Path

import duckdb


class _DbtShim:
    """What the Python models use of dbt's object: ref(), config() and is_incremental (a replay builds every table
    whole, as a build into a new file does)."""

    is_incremental = False

    def __init__(self, connection: duckdb.DuckDBPyConnection, relations: dict[str, str]) -> None:
        self.connection, self.relations = connection, relations

    def ref(self, name: str) -> duckdb.DuckDBPyRelation:
        return self.connection.sql(f"select * from {self.relations[name]}")

    def config(self, **_: object) -> None:
        return None


def _order(manifest: dict) -> list[str]:
    """Seeds, models and tests in dependency order (dbt's own order is a topological sort as well)."""
    nodes = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] in ("seed", "model", "test") and node["config"].get("enabled", True)
    }
    done: set[str] = set()
    order: list[str] = []

    def visit(uid: str) -> None:
        if uid in done or uid not in nodes:
            return
        done.add(uid)
        for parent in nodes[uid]["depends_on"].get("nodes", []):
            visit(parent)
        order.append(uid)

    for uid in sorted(nodes):
        visit(uid)
    return [uid for uid in order if uid in nodes]


def replay(manifest_path: Path, project: Path, database: Path) -> dict[str, float]:
    """Run the manifest's compiled nodes into `database`; returns seconds per kind of node."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    relations = {node["name"]: node["relation_name"] for node in manifest["nodes"].values() if node.get("relation_name")}
    database.unlink(missing_ok=True)
    connection = duckdb.connect(str(database))
    seconds = {"seed": 0.0, "model": 0.0, "test": 0.0}
    failures = []
    for uid in _order(manifest):
        node = manifest["nodes"][uid]
        started = time.perf_counter()
        kind = node["resource_type"]
        if kind in ("seed", "model"):
            connection.execute(f'create schema if not exists "{node["database"]}"."{node["schema"]}"')
        if kind == "seed":
            types = node["config"].get("column_types") or {}
            path = project / node["original_file_path"]
            columns = ", ".join(f"'{name}': '{data_type}'" for name, data_type in types.items())
            connection.execute(
                f"create table {node['relation_name']} as select * from read_csv('{path}', header = true, "
                f"types = {{{columns}}})"
            )
        elif kind == "model" and node["language"] == "python":
            module = runpy.run_path(str(project / node["original_file_path"]))
            frame = module["model"](_DbtShim(connection, relations), connection)
            connection.register("python_model_result", frame.to_arrow() if hasattr(frame, "to_arrow") else frame)
            connection.execute(f"create table {node['relation_name']} as select * from python_model_result")
            connection.unregister("python_model_result")
        elif kind == "model":
            materialized = "view" if node["config"]["materialized"] == "view" else "table"
            connection.execute(f"create {materialized} {node['relation_name']} as {node['compiled_code']}")
        elif kind == "test":
            failing = connection.execute(f"select count(*) from ({node['compiled_code']})").fetchall()[0][0]
            if failing:
                failures.append(f"{node['name']}: {failing} failing rows")
        seconds[kind] += time.perf_counter() - started
    connection.execute("checkpoint")
    connection.close()
    if failures:
        raise SystemExit("direct replay: tests failed:\n" + "\n".join(failures[:10]))
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path)
    parser.add_argument("project", type=Path)
    parser.add_argument(
        "database", type=Path, help="new DuckDB file; name it battlemap.duckdb (the compiled SQL names that catalog)"
    )
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    seconds = replay(arguments.manifest, arguments.project.resolve(), arguments.database)
    print(json.dumps({"seconds": time.perf_counter() - started, **{f"{kind}_seconds": value for kind, value in seconds.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
