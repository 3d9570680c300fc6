"""Are the marts unchanged? Compares every mart of a warehouse (main.dim_*, fct_*, mart_*) row for row with a
snapshot of Parquet files, one per mart, so a refactoring can prove it changed no data.

    .venv/bin/python bench/marts_diff.py --save /tmp/marts_before           # before the change: a snapshot
    .venv/bin/python bench/marts_diff.py --before /tmp/marts_before         # after it (and a build): the diff

Per mart it prints the rows before and after, the columns added and removed (and those whose type changed),
and the rows only in the snapshot and only in the warehouse (compared on the columns both have, duplicates
counted, NULL equal to NULL, values exact), with a few of them as examples. Exit 0 when every mart is
identical, 1 on any difference (a mart added or missing included), 2 when it cannot run (no warehouse, no
snapshot). --save DIR writes the warehouse's marts as a new snapshot (after comparing, when --before is given).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parents[1]
MART_PREFIXES = ("dim_", "fct_", "mart_")


@dataclass
class TableDiff:
    name: str
    rows_before: int | None = None  # None: the table is not on that side
    rows_after: int | None = None
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    types_changed: list[str] = field(default_factory=list)
    only_before: int = 0
    only_after: int = 0
    examples_before: list[tuple] = field(default_factory=list)
    examples_after: list[tuple] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return (
            self.rows_before is not None
            and self.rows_after is not None
            and not (self.columns_added or self.columns_removed or self.types_changed)
            and self.only_before == 0
            and self.only_after == 0
        )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the warehouse attached read-only as `wh` (a build may replace it meanwhile)."""
    con = duckdb.connect()
    con.execute(f"attach {_literal(str(warehouse))} as wh (read_only)")
    return con


def warehouse_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    names = con.execute(
        "select table_name from information_schema.tables where table_catalog = 'wh' and table_schema = 'main'"
    ).fetchall()
    return sorted(name for (name,) in names if name.startswith(MART_PREFIXES))


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    return {name: type_ for name, type_, *_ in con.execute(f"describe select * from {relation}").fetchall()}


def compare_table(con: duckdb.DuckDBPyConnection, name: str, before: Path, examples: int = 3) -> TableDiff:
    diff = TableDiff(name)
    snapshot = before / f"{name}.parquet"
    after_relation = f"wh.main.{_quote(name)}"
    in_after = name in warehouse_marts(con)
    if snapshot.exists():
        before_relation = f"read_parquet({_literal(str(snapshot))})"
        diff.rows_before = con.execute(f"select count(*) from {before_relation}").fetchone()[0]
    if in_after:
        diff.rows_after = con.execute(f"select count(*) from {after_relation}").fetchone()[0]
    if diff.rows_before is None or diff.rows_after is None:
        return diff
    columns_before = _columns(con, before_relation)
    columns_after = _columns(con, after_relation)
    diff.columns_added = [c for c in columns_after if c not in columns_before]
    diff.columns_removed = [c for c in columns_before if c not in columns_after]
    diff.types_changed = [
        f"{c} {columns_before[c]} -> {columns_after[c]}"
        for c in columns_before
        if c in columns_after and columns_before[c] != columns_after[c]
    ]
    common = [c for c in columns_before if c in columns_after]
    if not common:
        diff.only_before, diff.only_after = diff.rows_before, diff.rows_after
        return diff
    select = ", ".join(_quote(c) for c in common)
    for side, first, second in (("before", before_relation, after_relation), ("after", after_relation, before_relation)):
        rows = f"(select {select} from {first} except all select {select} from {second})"
        count = con.execute(f"select count(*) from {rows}").fetchone()[0]
        shown = con.execute(f"select * from {rows} limit {int(examples)}").fetchall() if count and examples else []
        setattr(diff, f"only_{side}", count)
        setattr(diff, f"examples_{side}", shown)
    return diff


def compare(warehouse: Path, before: Path, examples: int = 3) -> list[TableDiff]:
    con = connect(warehouse)
    try:
        names = sorted(set(warehouse_marts(con)) | {p.stem for p in before.glob("*.parquet")})
        return [compare_table(con, name, before, examples) for name in names]
    finally:
        con.close()


def save(warehouse: Path, folder: Path) -> list[str]:
    """Writes each mart of the warehouse to folder/<mart>.parquet; returns the marts written."""
    folder.mkdir(parents=True, exist_ok=True)
    con = connect(warehouse)
    try:
        names = warehouse_marts(con)
        for name in names:
            target = folder / f"{name}.parquet"
            con.execute(f"copy (select * from wh.main.{_quote(name)}) to {_literal(str(target))} (format parquet)")
        return names
    finally:
        con.close()


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def _cut(row: tuple, width: int = 160) -> str:
    text = repr(row)
    return text if len(text) <= width else text[: width - 1] + "…"


def report(diffs: list[TableDiff]) -> str:
    lines = [f"{'mart':<24} {'before':>7} {'after':>7} {'only before':>12} {'only after':>11}  result"]
    for d in diffs:
        if d.rows_before is None:
            result = "new mart (not in the snapshot)"
        elif d.rows_after is None:
            result = "missing from the warehouse"
        elif d.identical:
            result = "identical"
        else:
            result = "DIFFERENT"
        lines.append(
            f"{d.name:<24} {_count(d.rows_before):>7} {_count(d.rows_after):>7} {d.only_before:>12} {d.only_after:>11}  {result}"
        )
        for label, names in (("columns added", d.columns_added), ("columns removed", d.columns_removed),
                             ("types changed", d.types_changed)):
            if names:
                lines.append(f"    {label}: {', '.join(names)}")
        for label, rows in (("only before", d.examples_before), ("only after", d.examples_after)):
            for row in rows:
                lines.append(f"    {label}: {_cut(row)}")
    different = [d.name for d in diffs if not d.identical]
    lines.append(
        f"{len(diffs) - len(different)} of {len(diffs)} marts identical"
        + (f"; different: {', '.join(different)}" if different else "")
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, default=PROJECT / "warehouse" / "battlemap.duckdb",
                        help="the DuckDB file whose marts are compared or saved (default: the project's warehouse)")
    parser.add_argument("--before", type=Path, help="folder of the snapshot: one <mart>.parquet per mart")
    parser.add_argument("--save", type=Path, help="write the warehouse's marts to this folder as a new snapshot")
    parser.add_argument("--examples", type=int, default=3, help="differing rows shown per mart and side (default 3)")
    args = parser.parse_args(argv)
    if args.before is None and args.save is None:
        parser.error("give --before DIR (compare), --save DIR (snapshot) or both")
    if not args.warehouse.is_file():
        print(f"marts_diff: no warehouse at {args.warehouse}", file=sys.stderr)
        return 2
    status = 0
    if args.before is not None:
        if not args.before.is_dir() or not any(args.before.glob("*.parquet")):
            print(f"marts_diff: no snapshot (*.parquet) in {args.before}", file=sys.stderr)
            return 2
        diffs = compare(args.warehouse, args.before, args.examples)
        print(f"{args.warehouse} against {args.before}")
        print(report(diffs))
        status = 0 if all(d.identical for d in diffs) else 1
    if args.save is not None:
        names = save(args.warehouse, args.save)
        print(f"saved {len(names)} marts to {args.save}")
    return status


if __name__ == "__main__":
    sys.exit(main())
