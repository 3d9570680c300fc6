"""Benchmark: wall time of `battlemap build` against the dbt floor, printed as figures and a ratio.

The floor is a bare dbt-duckdb project with one seed and one model, built the same way (`dbt build`
in a child process with the same runner and flags, into a new DuckDB file whose commits are not synced, as
battlemap's profile has it for a new file; same machine, same run). Both keep
their dbt target folder between runs, so both parse partially after the first run, as repeated
builds do. Each is run --repeat times (default 3), interleaved; the median is reported. Goal:
battlemap build at most 2x the floor.

    .venv/bin/python bench/bench_build.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from battlemap.build.dbt_invocation import dbt_build_command

VENV_BIN = Path(sys.executable).parent
PROJECT = Path(__file__).resolve().parents[1]

FLOOR_FILES = {
    "dbt_project.yml": "name: floor\nversion: '1.0'\nconfig-version: 2\nprofile: floor\nflags:\n  send_anonymous_usage_stats: false\n",
    "profiles.yml": "floor:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: \"{{ env_var('FLOOR_DB') }}\"\n      threads: 1\n"
    # As battlemap's profile when it builds a new file (profiles.yml): commits not synced, the same for both sides.
    "      config_options:\n        fsync_mode: none\n",
    "seeds/numbers.csv": "id,value\n1,10\n2,20\n",
    "models/doubled.sql": "select id, value * 2 as doubled from {{ ref('numbers') }}\n",
}


CPU: list[float] = []  # CPU seconds of each timed command's process tree, in order


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Wall seconds of the command; its CPU seconds (user + system, every process it waited for) go to CPU."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    CPU.append(_children_cpu() - cpu_before)
    if completed.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}\n{completed.stdout[-2000:]}\n{completed.stderr[-2000:]}")
    return elapsed


def floor_run(work: Path) -> float:
    """The floor project built with the very command battlemap uses for dbt, into a new file each run."""
    project = work / "floor"
    if not project.exists():
        for name, content in FLOOR_FILES.items():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            (project / name).write_text(content)
    database = work / "floor.duckdb"
    database.unlink(missing_ok=True)
    env = {**os.environ, "FLOOR_DB": str(database)}
    return timed(dbt_build_command(project, work / "floor-dbt"), project, env)


def battlemap_run(work: Path, full: bool = False) -> float:
    """`battlemap build` end to end (input checks, dbt build, results, swap) into the same target each run. From the
    second run on it reuses the unchanged documents' texts (battlemap.build.incremental), as a researcher's next build does;
    with `full`, every run computes everything (`battlemap build --full`)."""
    target = work / "battlemap" / "battlemap.duckdb"
    return timed([str(VENV_BIN / "battlemap"), "build", "--quiet", "--warehouse", str(target), *(["--full"] if full else [])], PROJECT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="time `battlemap build --full` (no reuse of documents' texts)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="battlemap-bench-") as tmp:
        work = Path(tmp)
        floor, ours, floor_cpu, ours_cpu = [], [], [], []
        for run in range(args.repeat):
            # Interleaved, so that a busy moment of the machine hits both alike.
            floor.append(floor_run(work))
            floor_cpu.append(CPU[-1])
            ours.append(battlemap_run(work, args.full))
            ours_cpu.append(CPU[-1])
            print(
                f"run {run + 1}/{args.repeat}: dbt floor {floor[-1]:.2f} s ({floor_cpu[-1]:.2f} s CPU), "
                f"battlemap build {ours[-1]:.2f} s ({ours_cpu[-1]:.2f} s CPU)",
                flush=True,
            )
    floor_median, ours_median = statistics.median(floor), statistics.median(ours)
    print(f"dbt floor (1 seed, 1 model), median of {args.repeat}: {floor_median:.2f} s")
    print(f"battlemap build, median of {args.repeat}:            {ours_median:.2f} s")
    print(f"ratio battlemap / floor:                 {ours_median / floor_median:.2f}x (goal <= 2.00x)")
    # CPU seconds move less than wall seconds with other work on the machine (they still grow a little with it).
    floor_cpu_median, ours_cpu_median = statistics.median(floor_cpu), statistics.median(ours_cpu)
    print(
        f"CPU (user + system), medians: floor {floor_cpu_median:.2f} s, battlemap build {ours_cpu_median:.2f} s, "
        f"ratio {ours_cpu_median / floor_cpu_median:.2f}x"
    )
    print(f"load average at the end: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
