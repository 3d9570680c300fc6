"""Scale benchmark: `battlemap build` at 1x, 10x, 100x, 1000x the corpus, next to DuckDB running the same SQL.

For each factor, bench/generate.py writes the corpus into a fresh project copy; then
  - `battlemap build` (input checks, dbt build with every test, results, swap) is timed, and the peak
    memory of its whole process tree (battlemap, dbt and anything they start) is sampled from /proc
    every 20 ms (psutil; the sum of the tree's resident set sizes at each sample);
  - bench/direct.py replays the compiled SQL of that build (seeds, models, data tests) and the Python
    models in one DuckDB process: the floor without dbt, measured the same way.
Then, at the largest factor, bench/app_bench.py measures the explorer on that warehouse in headless
Chromium (first render and interactions), unless --no-app.

Goals (issue 9): the largest build under 60 s and within 3x of the 1x build; memory linear in the
corpus (per-MB of text roughly constant); the app's first render < 3 s, interactions < 300 ms.

At the largest factor it also times adding one report to the built warehouse (issue 22): the corpus less its last
report is built, the report put back, and `battlemap build` run again; goal: within 2x of the 1x build. And the
largest build against the DuckDB-only replay: goal within 1.5x. The replay runs every data test dbt would, the
column tests of the curated tables included, which `battlemap build` runs in its input pass instead.

    .venv/bin/python bench/scale.py [--factors 1,10,100,1000] [--no-app] [--no-direct] [--no-add-report] [--article-kb K]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from battlemap.testing.corpus import generate, hold_back_last_report

BENCH = Path(__file__).resolve().parent

VENV_BIN = Path(sys.executable).parent
BUILD_GOAL_S, BUILD_RATIO_GOAL = 60.0, 3.0
# Issue 22: the largest build within 1.5x of the DuckDB-only replay; adding a report to it within 2x of the 1x build.
DIRECT_RATIO_GOAL, ADD_REPORT_RATIO_GOAL = 1.5, 2.0


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    output: str


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def measured(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 1800) -> Measured:
    """Run a command; its wall time and the peak resident memory of its process tree, sampled every 20 ms."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    watched = psutil.Process(process.pid)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            try:
                peak = max(peak, _tree_rss(watched))
            except psutil.NoSuchProcess:
                return
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        raise SystemExit(f"timed out after {timeout:.0f} s: {' '.join(command)}\n{output[-2000:]}") from None
    finally:
        stop.set()
        sampler.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{output[-3000:]}")
    return Measured(seconds, peak / 2**20, output)


def compile_manifest(project: Path, work: Path, env: dict[str, str]) -> Path:
    """The compiled SQL of the project's every node, for bench/direct.py: `dbt compile` with the same runner,
    project variables and profile as `battlemap build`, into a scratch database and target folder of its own.
    (`battlemap build` writes no manifest.json: it runs dbt with --no-write-json.)"""
    from battlemap.build.dbt_invocation import BUILD_PATH_ENV, dbt_runner
    from battlemap.shared.paths import dbt_vars

    target = work / "target"
    command = [
        *dbt_runner(),
        "compile",
        "--project-dir", str(project),
        "--profiles-dir", str(project),
        "--target-path", str(target),
        "--log-path", str(work / "logs"),
        "--vars", json.dumps(dbt_vars(project)),
    ]
    work.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        command, cwd=project, env={**env, BUILD_PATH_ENV: str(work / "battlemap.duckdb")}, capture_output=True, text=True
    )
    manifest = target / "manifest.json"
    if completed.returncode != 0 or not manifest.is_file():
        raise SystemExit(f"dbt compile failed ({completed.returncode}):\n{(completed.stdout + completed.stderr)[-3000:]}")
    return manifest


def add_one_report(project: Path, warehouse: Path, env: dict[str, str]) -> float:
    """Seconds from a report added to a built warehouse to the explorer's file showing it: the corpus less its last
    report is built first (not timed), then the report is put back and `battlemap build` run again (timed; it takes
    the append path, battlemap.build.incremental: a copy of the warehouse, the new rows added): the explorer reads the
    swapped file on its next query (its caches are keyed by the file's identity). bench/add_one.py measures the same with the explorer's queries and
    checks the result against a full build."""
    saved = hold_back_last_report(project)
    measured([str(VENV_BIN / "battlemap"), "build", "--quiet", "--warehouse", str(warehouse)], project, env)
    for path, content in saved.items():
        path.write_bytes(content)
    added = measured([str(VENV_BIN / "battlemap"), "build", "--quiet", "--warehouse", str(warehouse)], project, env)
    return added.seconds


def run_factor(factor: int, work: Path, article_kb: int, direct: bool, add_report: bool = False) -> dict:
    project = work / f"x{factor}" / "project"
    print(f"[{factor}x] generating the corpus in {project}", flush=True)
    corpus = generate(project, factor, article_kb=article_kb, echo=None)
    warehouse = project / "warehouse" / "battlemap.duckdb"
    env = {**os.environ, "BATTLEMAP_PROJECT_DIR": str(project), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    env.pop("BATTLEMAP_WAREHOUSE", None)
    print(f"[{factor}x] battlemap build: {corpus.documents} documents, {corpus.observations} figures", flush=True)
    build = measured([str(VENV_BIN / "battlemap"), "build", "--quiet", "--warehouse", str(warehouse)], project, env)
    row = {
        "factor": factor,
        "documents": corpus.documents,
        "figures": corpus.observations,
        "places": corpus.places,
        "article_mb": corpus.article_bytes / 1e6,
        "build_s": build.seconds,
        "build_peak_mb": build.peak_mb,
        "warehouse": str(warehouse),
    }
    if add_report:
        print(f"[{factor}x] adding one report to the built warehouse", flush=True)
        row["add_report_s"] = add_one_report(project, warehouse, env)
    if direct:
        manifest = compile_manifest(project, work / f"x{factor}" / "compile", env)
        database = work / f"x{factor}" / "direct" / "battlemap.duckdb"
        database.parent.mkdir(parents=True, exist_ok=True)
        print(f"[{factor}x] the same SQL in one DuckDB process", flush=True)
        replay = measured(
            [sys.executable, str(BENCH / "direct.py"), str(manifest), str(project), str(database)], project, env
        )
        row.update(direct_s=replay.seconds, direct_peak_mb=replay.peak_mb)
        database.unlink(missing_ok=True)
    return row


def print_table(rows: list[dict]) -> None:
    base = rows[0]
    header = (
        f"{'factor':>6} {'docs':>6} {'figures':>8} {'places':>6} {'text MB':>8} {'build s':>8} {'vs 1x':>6} "
        f"{'peak MB':>8} {'MB/text MB':>10} {'duckdb s':>9} {'duckdb MB':>9}"
    )
    print("\n" + header)
    print("-" * len(header))
    for row in rows:
        direct_s = f"{row['direct_s']:9.1f}" if "direct_s" in row else f"{'-':>9}"
        direct_mb = f"{row['direct_peak_mb']:9.0f}" if "direct_peak_mb" in row else f"{'-':>9}"
        print(
            f"{row['factor']:>5}x {row['documents']:>6} {row['figures']:>8} {row['places']:>6} {row['article_mb']:>8.1f} "
            f"{row['build_s']:>8.1f} {row['build_s'] / base['build_s']:>5.1f}x {row['build_peak_mb']:>8.0f} "
            f"{row['build_peak_mb'] / row['article_mb']:>10.0f} {direct_s} {direct_mb}"
        )
    top = rows[-1]
    ratio = top["build_s"] / base["build_s"]
    verdict = "ok" if top["build_s"] < BUILD_GOAL_S and ratio <= BUILD_RATIO_GOAL else "MISSED"
    print(
        f"\nGoal: the {top['factor']}x build under {BUILD_GOAL_S:.0f} s and within {BUILD_RATIO_GOAL:.0f}x of the "
        f"{base['factor']}x build: {top['build_s']:.1f} s, {ratio:.1f}x: {verdict}"
    )
    if "add_report_s" in top:
        ratio = top["add_report_s"] / base["build_s"]
        verdict = "ok" if ratio <= ADD_REPORT_RATIO_GOAL else "MISSED"
        print(
            f"Adding one report to the {top['factor']}x warehouse (the append path: a copy of it, the new rows added): "
            f"{top['add_report_s']:.1f} s, {ratio:.1f}x the {base['factor']}x build (goal <= {ADD_REPORT_RATIO_GOAL:.0f}x): {verdict}"
        )
    if "direct_s" in top:
        ratio = top["build_s"] / top["direct_s"]
        verdict = "ok" if ratio <= DIRECT_RATIO_GOAL else "MISSED"
        print(
            f"The {top['factor']}x build against the DuckDB-only replay of its SQL: {ratio:.1f}x "
            f"(goal <= {DIRECT_RATIO_GOAL:.1f}x): {verdict}"
        )
    if len(rows) > 1:
        growth = (top["build_peak_mb"] - base["build_peak_mb"]) / max(top["article_mb"] - base["article_mb"], 1e-9)
        print(f"Memory: +{growth:.0f} MB of peak per MB of article text from {base['factor']}x to {top['factor']}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", default="1,10,100,1000", help="comma-separated factors (default 1,10,100,1000)")
    parser.add_argument("--article-kb", type=int, default=0, help="pad every generated article to about this size")
    parser.add_argument("--no-direct", action="store_true", help="skip the DuckDB-only replay")
    parser.add_argument("--no-app", action="store_true", help="skip the app benchmark at the largest factor")
    parser.add_argument("--no-add-report", action="store_true", help="skip adding one report to the largest warehouse")
    parser.add_argument("--app-runs", type=int, default=6, help="interactions of each kind in the app benchmark")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    arguments = parser.parse_args(argv)
    factors = sorted({int(value) for value in arguments.factors.split(",") if value.strip()})
    rows = []
    with tempfile.TemporaryDirectory(prefix="battlemap-scale-") as scratch:
        for factor in factors:
            add_report = factor == factors[-1] and not arguments.no_add_report
            rows.append(run_factor(factor, Path(scratch), arguments.article_kb, not arguments.no_direct, add_report))
        print_table(rows)
        app = None
        if not arguments.no_app:
            print(f"\n[{factors[-1]}x] the explorer in headless Chromium (bench/app_bench.py)", flush=True)
            completed = subprocess.run(
                [sys.executable, str(BENCH / "app_bench.py"), "--warehouse", rows[-1]["warehouse"]]
                + ["--runs", str(arguments.app_runs)],
                capture_output=True,
                text=True,
                timeout=900,
            )
            if completed.returncode == 0:
                print(completed.stdout.rstrip())
            else:  # the app did not render or settle: say so in one line, keep the trace in the JSON
                last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
                print(f"  app benchmark failed (exit {completed.returncode}): {last}")
            app = {"returncode": completed.returncode, "output": completed.stdout, "error": completed.stderr[-4000:]}
    if arguments.json:
        arguments.json.write_text(json.dumps({"builds": rows, "app": app}, indent=2), encoding="utf-8")
    return 1 if app and app["returncode"] != 0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
