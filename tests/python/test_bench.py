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
        "marts_diff.py", "annotator_agreement.py", "learn_metric.py",
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


def test_learn_metric_trains_a_model_the_extractor_reads_from_a_tiny_set(tmp_path):
    # A set of two reports written here (real texts are gitignored): their figures, and one number that is none.
    import csv
    import hashlib
    import json

    texts = {
        "t01": "甲县重点项目集中开工\n今年全县共有重点项目56个,总投资120.5亿元,年度计划投资40亿元。阅读1386次",
        "t02": "乙县重点项目进展\n1-6月,全县已开工项目33个,完成投资12.6亿元,投资完成率52.3%。",
    }
    figures = [
        ("t01", "project_count", 56, "56", "个"),
        ("t01", "total_investment", 12050000000, "120.5", "亿元"),
        ("t01", "annual_planned_investment", 4000000000, "40", "亿元"),
        ("t02", "projects_started", 33, "33", "个"),
        ("t02", "completed_investment", 1260000000, "12.6", "亿元"),
        ("t02", "investment_completion_rate", 0.523, "52.3", "%"),
    ]
    folder = tmp_path / "tiny"
    (folder / "texts").mkdir(parents=True)
    with (folder / "reports.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["report_id", "address", "place", "admin_code", "year", "kind", "sha256"])
        for report, text in texts.items():
            (folder / "texts" / f"{report}.txt").write_text(text, encoding="utf-8")
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            writer.writerow([report, "", "闽侯县", "350121", "2024", "status", digest])
    with (folder / "figures.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["report_id", "metric_id", "value", "value_as_written", "unit_as_written", "scope_level", "qualifier", "is_target"])
        for report, metric, value, written, unit in figures:
            writer.writerow([report, metric, value, written, unit, "city", "exact", "false"])
    out = tmp_path / "model.json"
    result = run(str(BENCH / "learn_metric.py"), "--root", str(tmp_path), "--sets", "tiny", "--out", str(out))
    assert "tiny: 7 examples" in result.stderr  # six figures and 阅读1386次
    model = json.loads(out.read_text(encoding="utf-8"))
    assert set(model["classes"]) == {"NONE", *(f[1] for f in figures)}
    assert model["threshold"] == 0.85 and model["weights"]
    for text in (folder / "texts").iterdir():  # as on a fresh clone: the facts without the texts
        text.unlink()
    missing = subprocess.run(
        [sys.executable, str(BENCH / "learn_metric.py"), "--root", str(tmp_path), "--sets", "tiny"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert missing.returncode == 1 and "no examples" in missing.stderr
