"""Benchmark: adding one report to an N-times warehouse until the explorer's query shows it, against the 1x build.

In one run, on this machine, as a researcher would live it:
  1. the 1x build: a copy of the project's build inputs built with `battlemap build --full` (after a first,
     untimed build, so that dbt parses partially, as repeated builds do), --repeat times, median;
  2. bench/generate.py writes an N-times corpus (default 1000: 5,000 documents, 72,000 figures), its last report
     is taken out (documents row, figures, article, and its campaign and place rows), the rest is built (timed:
     a full build, the cost of a build from nothing at that size);
  3. the report is put back (the rows appended to the files, as `battlemap add-document` / `accept` do) and the
     clock starts: `battlemap build` (which takes its append path: a copy of the warehouse, only the new document's
     rows added by the incremental models, battlemap.build.incremental; the path it took is printed), then the
     explorer's own comparison and figures queries (battlemap.serve.explorer.data, imported before the clock starts, as
     in the running explorer) on the new file, until they show the added report's figures: the wait;
  4. correctness: the same corpus built with `battlemap build --full` into another file, and every table of both
     files compared row for row (EXCEPT ALL both ways; build_info and build_results, which record the run, aside).

Prints the wait, its ratio to the 1x build (goal <= 2x, issue 22), the full build at N times, and the load average.

    .venv/bin/python bench/add_one.py [--factor 1000] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from battlemap.build.incremental import table_differences
from battlemap.extract.seedfiles import read_rows
from battlemap.shared.paths import copy_build_inputs, corpus_file
from battlemap.testing.corpus import generate, hold_back_last_report

VENV_BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[1]
ADD_REPORT_RATIO_GOAL = 2.0


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def build(project: Path, warehouse: Path, *extra: str) -> float:
    """`battlemap build` of `project` into `warehouse`; wall seconds (the path it took in LAST_PATH). Stops the benchmark
    if it fails."""
    env = {**os.environ, "BATTLEMAP_PROJECT_DIR": str(project), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    env.pop("BATTLEMAP_WAREHOUSE", None)
    started = time.perf_counter()
    completed = subprocess.run(
        [str(VENV_BIN / "battlemap"), "build", "--warehouse", str(warehouse), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"battlemap build {' '.join(extra)} failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    ready = [line for line in completed.stdout.splitlines() if line.startswith("Warehouse ready:")]
    LAST_PATH[:] = [ready[-1].split("; ", 1)[-1] if ready else "?"]
    return seconds


LAST_PATH: list[str] = []  # the last build's path and why, as `battlemap build` printed them


def load_explorer() -> None:
    """The explorer's modules imported, as they are in the running explorer before a report is added: the clock then
    measures the build and the explorer's queries, not this benchmark's first import of Streamlit (~0.5 s)."""
    import logging

    import streamlit  # noqa: F401  (its loggers exist once imported)

    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
    from battlemap.serve.explorer import data  # noqa: F401


def explorer_sees(warehouse: Path, observation_ids: set[str], city_id: str) -> bool:
    """The explorer's own queries (uncached) on the file: the added report's figures and its place's comparison row."""
    load_explorer()
    from battlemap.serve.explorer import data

    snap = data.Snapshot(str(warehouse), (0, 0, 0))
    figures = data.read(snap, data.OBSERVATIONS_SQL)
    comparison = data.read(snap, data.COMPARISON_SQL)
    shown = set(figures.get_column("observation_id").to_list())
    return observation_ids <= shown and city_id in set(comparison.get_column("city_id").to_list())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=1000, help="times the corpus (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed 1x builds; the median is the reference")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    arguments = parser.parse_args(argv)
    print(f"load average at the start: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="battlemap-add-one-") as scratch:
        work = Path(scratch)
        small = copy_build_inputs(work / "x1" / "project", REPO)
        small_warehouse = small / "warehouse" / "battlemap.duckdb"
        build(small, small_warehouse, "--full")  # untimed: a first build parses the project in full
        one_x = [build(small, small_warehouse, "--full") for _ in range(arguments.repeat)]
        print(f"1x build (--full, warm parse), runs: {', '.join(f'{s:.2f}' for s in one_x)} s; load {load()}", flush=True)

        project = work / f"x{arguments.factor}" / "project"
        corpus = generate(project, arguments.factor, echo=None)
        warehouse = project / "warehouse" / "battlemap.duckdb"
        documents = corpus_file("documents", project)
        added = read_rows(documents)[1][-1]
        observation_ids = {
            row["observation_id"]
            for row in read_rows(corpus_file("observations", project))[1]
            if row["document_id"] == added["document_id"]
        }
        saved = hold_back_last_report(project)
        full_less_one = build(project, warehouse)
        print(
            f"{arguments.factor}x less one report ({corpus.documents - 1} documents): full build {full_less_one:.2f} s; load {load()}",
            flush=True,
        )
        if explorer_sees(warehouse, observation_ids, added["city_id"]):
            sys.exit("the held-back report is already in the warehouse: nothing would be measured")

        for path, content in saved.items():  # the report's rows and article, back in place
            path.write_bytes(content)
        load_explorer()
        started = time.perf_counter()
        rebuild = build(project, warehouse)
        seen = explorer_sees(warehouse, observation_ids, added["city_id"])
        wait = time.perf_counter() - started
        if not seen:
            sys.exit("after the build the explorer's queries do not show the added report")
        print(
            f"one report added ({len(observation_ids)} figures): build {rebuild:.2f} s, "
            f"seen by the explorer at {wait:.2f} s; load {load()}\n  {LAST_PATH[0]}",
            flush=True,
        )

        # Under the same file name (dbt's saved parse is per name), in a folder of its own.
        reference = project / "warehouse" / "full" / "battlemap.duckdb"
        full = build(project, reference, "--full")
        print(f"the same corpus built with --full: {full:.2f} s; load {load()}", flush=True)
        found = table_differences(warehouse, reference)
        if found:
            sys.exit("the build that added the report differs from a full build:\n  " + "\n  ".join(found))

    one_x_median = statistics.median(one_x)
    ratio = wait / one_x_median
    verdict = "ok" if ratio <= ADD_REPORT_RATIO_GOAL else "MISSED"
    print(f"\n1x build, median of {arguments.repeat}:                          {one_x_median:6.2f} s")
    print(f"{arguments.factor}x full build (the same corpus, --full):          {full:6.2f} s ({full / one_x_median:.1f}x the 1x build)")
    print(f"one report added to {arguments.factor}x, until the explorer shows it: {wait:6.2f} s")
    print(f"ratio added report / 1x build: {ratio:.2f}x (goal <= {ADD_REPORT_RATIO_GOAL:.0f}x): {verdict}")
    print("the warehouse with the added report equals a full build of the same corpus (every table, row for row)")
    print(f"load average at the end: {load()}")
    if arguments.json:
        arguments.json.write_text(
            json.dumps(
                {
                    "factor": arguments.factor,
                    "one_x_s": one_x,
                    "full_less_one_s": full_less_one,
                    "add_build_s": rebuild,
                    "add_seen_s": wait,
                    "full_s": full,
                    "ratio": ratio,
                    "load": os.getloadavg(),
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
