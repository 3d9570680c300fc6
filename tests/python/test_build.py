"""`battlemap build`: every figure in the marts, bad input stops the build, the swap is atomic."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from inputs_helpers import BAD_INPUTS, edit_seed
from typer.testing import CliRunner

from battlemap.build.atomic_build import BuildError, build_warehouse, exclusive_build, staging_path
from battlemap.cli import app
from battlemap.shared.paths import corpus_file, project_dir
from battlemap.shared.warehouse import reading


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed_rows(name: str) -> list[dict[str, str]]:
    with corpus_file(name, project_dir()).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the warehouse a good build produces -------------------------------------------------------


def test_every_curated_figure_reaches_fct_observation_with_its_quote_located(built_warehouse: Path):
    with reading(built_warehouse) as con:
        rows = con.sql("select observation_id, char_start, raw_char_start, value from fct_observation").fetchall()
    assert sorted(r[0] for r in rows) == sorted(r["observation_id"] for r in seed_rows("observations"))
    assert all(start is not None and raw_start is not None and value is not None for _, start, raw_start, value in rows)


@pytest.mark.parametrize(
    ("observation_id", "value", "unit"),
    [
        ("qz_03", 3552e8, "CNY"),  # 3552亿元
        ("ll_12", 4031e4, "CNY"),  # 4031万元
        ("fz_05", 9000 * 10000 / 15, "m2"),  # 逾9000亩
        ("fz_06", 300e4, "m2"),  # 近300万平方米
        ("ll_14", 4.2e4 * 10000 / 15, "m2"),  # 4.2万亩
        ("ll_07", 0.78, "ratio"),  # 78%
        ("qz_01", 8, "count"),  # 八个
        ("qt_01", 100, "day"),  # 百日
    ],
)
def test_values_are_in_base_units(built_warehouse: Path, observation_id: str, value: float, unit: str):
    with reading(built_warehouse) as con:
        stored, base_unit = con.execute(
            "select value, base_unit from fct_observation where observation_id = ?", [observation_id]
        ).fetchone()
    assert stored == pytest.approx(value, rel=1e-9)
    assert base_unit == unit


def test_raw_quote_is_the_quote_as_the_document_has_it(built_warehouse: Path):
    with reading(built_warehouse) as con:
        quote, raw_quote, raw_text, start, end = con.execute(
            """select o.quote, o.raw_quote, d.raw_text, o.raw_char_start, o.raw_char_end
               from fct_observation o join dim_document d using (document_id) where observation_id = 'qz_03'"""
        ).fetchone()
    assert quote == "总投资3552亿元"
    assert raw_quote == raw_text[start:end] == "總投資3552億元"


def test_campaign_progress_derives_rates_and_leaves_silence_null(built_warehouse: Path):
    with reading(built_warehouse) as con:
        progress = {
            row[0]: row[1:]
            for row in con.sql(
                """select campaign_id, investment_completion_rate, pace_index, completed_investment, start_rate
                   from fct_campaign_progress"""
            ).fetchall()
        }
    rate, pace, _, _ = progress["quanzhou_2022_chengjian"]
    assert rate == pytest.approx(199 / 555)
    assert pace == pytest.approx((199 / 555) / (151 / 365))
    assert progress["leling_2023_key_projects"][3] == pytest.approx(64 / 82)
    assert progress["fuzhou_2017_gongjian"][:3] == (None, None, None)


def test_comparison_has_one_row_per_city_with_a_caveat(built_warehouse: Path):
    with reading(built_warehouse) as con:
        rows = con.sql("select city_id, caveat from mart_city_comparison order by city_id").fetchall()
    assert [r[0] for r in rows] == ["fuzhou", "leling", "qingtian", "quanzhou", "zhumadian"]
    assert all(caveat for _, caveat in rows)


def test_build_records_its_test_results_in_the_warehouse(built_warehouse: Path):
    with reading(built_warehouse) as con:
        statuses = dict(con.sql("select status, count(*) from build_results group by status").fetchall())
        tests = con.execute("select count(*) from build_results where resource_type in ('test', 'unit_test')").fetchone()[0]
    assert set(statuses) <= {"pass", "success", "no-op"}
    # Every model's column checks are one node (tests/generic/expressions_are_true.sql, not_null_columns.sql): 39 in all.
    assert tests > 30
    with reading(built_warehouse) as con:
        merged = {row[0] for row in con.sql("select name from build_results where resource_type = 'test' and status = 'pass'").fetchall()}
        marts = {row[0] for row in con.sql("select table_name from information_schema.tables where table_schema = 'main' "
                                           "and regexp_matches(table_name, '^(dim|fct|mart)_')").fetchall()}
    assert marts and {f"{mart}_expressions_are_true" for mart in marts} <= merged
    with reading(built_warehouse) as con:
        route, all_passed = con.execute("select route, all_passed from build_info").fetchone()
    assert (route, all_passed) == ("battlemap build", True)


# --- bad input: a clear error, nothing lost ---------------------------------------------------


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_stops_the_build_and_keeps_the_warehouse(case: str, project_copy: Path, existing_warehouse: Path):
    before = digest(existing_warehouse)
    breaks, expected = BAD_INPUTS[case]
    breaks(project_copy)
    with pytest.raises(BuildError) as failure:
        build_warehouse(existing_warehouse, project=project_copy, quiet=True)
    message = str(failure.value)
    for part in expected(project_copy):
        assert part in message
    assert f"the warehouse at {existing_warehouse} is unchanged" in message
    assert digest(existing_warehouse) == before
    assert not staging_path(existing_warehouse).parent.exists()


def test_a_failing_dbt_test_stops_the_build_and_keeps_the_warehouse(project_copy: Path, existing_warehouse: Path):
    # Inputs pass the pre-checks, but a start rate bound of 0.5 makes Leling's 78% fail a dbt test.
    def tighten(rows):
        (row,) = [r for r in rows if r["metric_id"] == "start_rate"]
        row["upper_bound"] = "0.5"

    edit_seed(project_copy, "metrics", tighten)
    before = digest(existing_warehouse)
    with pytest.raises(BuildError) as failure:
        build_warehouse(existing_warehouse, project=project_copy, quiet=True)
    assert "dbt build failed" in str(failure.value)
    assert "assert_observation_values_within_metric_bounds" in str(failure.value)
    assert digest(existing_warehouse) == before
    assert not staging_path(existing_warehouse).parent.exists()


def test_a_null_in_a_not_null_mart_column_stops_the_build_and_keeps_the_warehouse(project_copy: Path, existing_warehouse: Path):
    # The marts' NOT NULL columns are constraints of their enforced contracts (checked by DuckDB as the
    # table is filled), not separate not_null tests: a NULL must still stop the build, naming the column.
    model = project_copy / "models" / "marts" / "fct_garbled_span.sql"
    sql = model.read_text(encoding="utf-8")
    assert "        document_id,\n        kind," in sql
    model.write_text(sql.replace("        document_id,\n        kind,", "        cast(null as varchar) as document_id,\n        kind,"))
    before = digest(existing_warehouse)
    with pytest.raises(BuildError) as failure:
        build_warehouse(existing_warehouse, project=project_copy, quiet=True)
    message = str(failure.value)
    assert "dbt build failed" in message and "fct_garbled_span" in message
    assert "NOT NULL constraint failed" in message and "document_id" in message
    assert f"The warehouse at {existing_warehouse} is unchanged" in message
    assert digest(existing_warehouse) == before
    assert not staging_path(existing_warehouse).parent.exists()


def test_cli_reports_bad_input_with_exit_code_1(project_copy: Path, existing_warehouse: Path, monkeypatch):
    BAD_INPUTS["unknown_unit"][0](project_copy)
    monkeypatch.setenv("BATTLEMAP_PROJECT_DIR", str(project_copy))
    result = CliRunner().invoke(app, ["build", "--warehouse", str(existing_warehouse)])
    assert result.exit_code == 1
    assert "battlemap build failed: 2 problem(s) in the inputs" in result.output  # unknown unit, figure not in quote
    assert "unit_as_written '亿圆' is not in seeds/units.csv" in result.output


# --- atomic swap: killed builds and open readers -------------------------------------------------


def test_killed_build_leaves_warehouse_and_next_build_succeeds_under_a_reader(existing_warehouse: Path):
    before = digest(existing_warehouse)
    command = [sys.executable, "-m", "battlemap.cli", "build", "--warehouse", str(existing_warehouse)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if " START " in line and "model" in line:  # dbt is writing the new file
                break
        else:
            pytest.fail("the build ended before dbt started writing")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert digest(existing_warehouse) == before
    assert staging_path(existing_warehouse).exists()  # the killed build's half-written file

    # A reader holds the served file open (read-only, a real file lock) during the next build.
    reader = duckdb.connect(str(existing_warehouse), read_only=True)
    try:
        built_before = reader.execute("select built_at from build_info").fetchone()[0]
        build_warehouse(existing_warehouse, quiet=True)
        # The open reader still sees the file it opened; a fresh read sees the new build.
        assert reader.execute("select built_at from build_info").fetchone()[0] == built_before
        with reading(existing_warehouse) as fresh:
            assert fresh.execute("select built_at from build_info").fetchone()[0] > built_before
    finally:
        reader.close()
    assert not staging_path(existing_warehouse).parent.exists()


def test_a_second_build_of_the_same_warehouse_waits_its_turn(existing_warehouse: Path):
    with exclusive_build(existing_warehouse):
        with pytest.raises(BuildError, match="another battlemap build is writing"):
            build_warehouse(existing_warehouse, quiet=True)


def test_the_new_file_is_on_disk_before_the_swap(project_copy: Path, existing_warehouse: Path, monkeypatch):
    # dbt's commits to the new file are not synced (profiles.yml); the build syncs the whole file before it renames it.
    from battlemap.build import atomic_build

    events: list[tuple[str, str]] = []
    fsync, replace = os.fsync, os.replace

    def recording_fsync(descriptor: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{descriptor}")))
        fsync(descriptor)

    def recording_replace(source, destination) -> None:
        events.append(("replace", str(source)))
        replace(source, destination)

    monkeypatch.setattr(atomic_build.os, "fsync", recording_fsync)
    monkeypatch.setattr(atomic_build.os, "replace", recording_replace)
    build_warehouse(existing_warehouse, project=project_copy, quiet=True)
    staging = str(staging_path(existing_warehouse))
    assert ("replace", staging) in events
    assert ("fsync", staging) in events[: events.index(("replace", staging))]


@pytest.mark.parametrize(("build_path", "fsync_mode"), [("battlemap.duckdb", "none"), ("", "standard")])
def test_only_a_battlemap_build_s_new_file_skips_syncing_each_commit(build_path: str, fsync_mode: str, monkeypatch):
    import yaml
    from dbt.config.renderer import ProfileRenderer
    from dbt_common.context import set_invocation_context

    monkeypatch.setenv("BATTLEMAP_BUILD_PATH", build_path)
    set_invocation_context(os.environ)  # dbt's env_var() reads the environment of the invocation
    profile = yaml.safe_load((project_dir() / "profiles.yml").read_text(encoding="utf-8"))
    rendered = ProfileRenderer({}).render_data(profile["battlemap"]["outputs"]["dev"])
    assert rendered["config_options"]["fsync_mode"] == fsync_mode
