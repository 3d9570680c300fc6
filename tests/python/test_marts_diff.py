"""bench/marts_diff.py on a tiny DuckDB file: identical marts pass (exit 0); an added row, a changed value and a
dropped column are each found and named (exit 1); a missing snapshot cannot run (exit 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "marts_diff.py"


def marts_diff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def mart_line(output: str, mart: str) -> list[str]:
    return next(line.split() for line in output.splitlines() if line.startswith(mart + " "))


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table dim_place (place_id varchar, name varchar, codes integer[])")
        con.execute("insert into dim_place values ('a', 'A', [1, 2]), ('b', null, null), ('b', null, null)")
        con.execute("create table fct_value (place_id varchar, value decimal(38, 9), share double)")
        con.execute("insert into fct_value values ('a', 1.5, 0.25), ('b', null, null)")
        con.execute("create table build_info (summary varchar)")  # not a mart: never compared
        con.execute("insert into build_info values ('built')")
    return path


def test_identical_marts_pass_and_the_snapshot_holds_only_marts(warehouse: Path, tmp_path: Path):
    saved = marts_diff("--warehouse", str(warehouse), "--save", str(tmp_path / "before"))
    assert saved.returncode == 0, saved.stderr
    assert sorted(p.name for p in (tmp_path / "before").iterdir()) == ["dim_place.parquet", "fct_value.parquet"]
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update build_info set summary = 'rebuilt'")
    result = marts_diff("--warehouse", str(warehouse), "--before", str(tmp_path / "before"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert mart_line(result.stdout, "dim_place") == ["dim_place", "3", "3", "0", "0", "identical"]
    assert "2 of 2 marts identical" in result.stdout


def test_an_added_row_a_changed_value_and_a_dropped_column_are_differences(warehouse: Path, tmp_path: Path):
    assert marts_diff("--warehouse", str(warehouse), "--save", str(tmp_path / "before")).returncode == 0
    with duckdb.connect(str(warehouse)) as con:
        con.execute("insert into dim_place values ('b', null, null)")  # a third copy of a duplicated row
        con.execute("update fct_value set share = 0.26 where place_id = 'a'")
        con.execute("alter table fct_value drop column value")
    result = marts_diff("--warehouse", str(warehouse), "--before", str(tmp_path / "before"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert mart_line(result.stdout, "dim_place") == ["dim_place", "3", "4", "0", "1", "DIFFERENT"]
    assert "only after: ('b', None, None)" in result.stdout
    # Compared on the columns both sides have: the changed share is one row out and one row in.
    assert mart_line(result.stdout, "fct_value") == ["fct_value", "2", "2", "1", "1", "DIFFERENT"]
    assert "columns removed: value" in result.stdout
    assert "only before: ('a', 0.25)" in result.stdout and "only after: ('a', 0.26)" in result.stdout
    assert "0 of 2 marts identical; different: dim_place, fct_value" in result.stdout


def test_a_mart_added_or_missing_is_a_difference(warehouse: Path, tmp_path: Path):
    assert marts_diff("--warehouse", str(warehouse), "--save", str(tmp_path / "before")).returncode == 0
    with duckdb.connect(str(warehouse)) as con:
        con.execute("drop table fct_value")
        con.execute("create table mart_total as select 1 as total")
    result = marts_diff("--warehouse", str(warehouse), "--before", str(tmp_path / "before"))
    assert result.returncode == 1
    assert "missing from the warehouse" in " ".join(mart_line(result.stdout, "fct_value"))
    assert "new mart" in " ".join(mart_line(result.stdout, "mart_total"))


def test_no_snapshot_or_no_warehouse_cannot_run(warehouse: Path, tmp_path: Path):
    (tmp_path / "empty").mkdir()
    assert marts_diff("--warehouse", str(warehouse), "--before", str(tmp_path / "empty")).returncode == 2
    assert marts_diff("--warehouse", str(tmp_path / "none.duckdb"), "--before", str(tmp_path)).returncode == 2
