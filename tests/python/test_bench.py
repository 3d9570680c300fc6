"""Every benchmark in bench/ runs at its smallest size, in seconds (issue 20, case 10): a benchmark broken by a
change elsewhere (bench/scale.py at 1x failed for weeks after the build stopped writing manifest.json) fails CI.

The figures are not checked, only that each script runs to its end and prints its table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench"
CHROMIUM = Path("/usr/bin/chromium")


def run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args[0]} exited {result.returncode}:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


def test_every_bench_script_has_a_smoke_run_here():
    # marts_diff.py runs on a tiny DuckDB file in tests/python/test_marts_diff.py.
    covered = {
        "scale.py", "direct.py", "generate.py", "bench_build.py", "extract_eval.py", "app_bench.py", "setup_time.py", "add_one.py",
        "marts_diff.py", "annotator_agreement.py",
    }
    assert {p.name for p in BENCH.glob("*.py")} == covered


def test_scale_at_1x_builds_replays_the_sql_in_duckdb_and_prints_its_table():
    # Also runs bench/generate.py (the corpus) and bench/direct.py (the compiled SQL in one DuckDB process).
    result = run(str(BENCH / "scale.py"), "--factors", "1", "--no-app")
    assert "factor   docs  figures" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.strip().startswith("1x"))
    assert row.split()[-2] != "-", row  # the DuckDB replay ran


def test_generate_writes_a_corpus(tmp_path: Path):
    run(str(BENCH / "generate.py"), str(tmp_path / "project"), "--factor", "2")
    assert len(list((tmp_path / "project" / "sources" / "articles").glob("*.txt"))) == 10


def test_add_one_at_2x_adds_a_report_and_matches_a_full_build():
    # bench/add_one.py stops with an error if the added report is not seen or the result differs from a full build.
    result = run(str(BENCH / "add_one.py"), "--factor", "2", "--repeat", "1")
    assert "ratio added report / 1x build" in result.stdout and "equals a full build" in result.stdout, result.stdout


def test_bench_build_once():
    result = run(str(BENCH / "bench_build.py"), "--repeat", "1")
    assert "floor" in result.stdout.lower()


def test_setup_time_without_install_clones_builds_and_serves():
    # The clean clone's `make run` with this venv (no network): the clone is built and its explorer answers.
    result = run(str(BENCH / "setup_time.py"), "--no-install")
    assert "explorer served" in result.stdout and "warehouse built" in result.stdout, result.stdout


def test_extract_eval_scores_and_measures_at_its_smallest_size():
    result = run(str(BENCH / "extract_eval.py"), "--sizes", "0.05")
    out = result.stdout
    assert "recall" in out.lower() and "s CPU (goal <= 0.5 s)" in out and "MB/s" in out


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium (make browser)")
def test_app_bench_one_run(built_warehouse: Path):
    result = run(str(BENCH / "app_bench.py"), "--warehouse", str(built_warehouse), "--runs", "1")
    assert "battlemap app benchmark" in result.stdout


def test_annotator_agreement_scores_the_second_annotation_of_unseen4_against_the_first():
    real = REPO / "bench" / "real" / "unseen4"
    result = run(str(BENCH / "annotator_agreement.py"), str(real / "figures.csv"), str(real / "figures_second.csv"))
    assert "second against first on (metric_id, value): recall" in result.stdout
    assert "agreement among matched: scope_level" in result.stdout
