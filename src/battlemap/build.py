"""`battlemap build`: check the inputs, run `dbt build` into a new file, swap it into place.

Atomic by construction: dbt writes a fresh file next to the warehouse, and only when every seed,
model and test passed is it renamed over the warehouse (os.replace, atomic on one filesystem). A
failed or killed build leaves the previous warehouse untouched, and readers holding it open (the
app, a notebook, a check) neither block the build nor see a half-built file: on Linux they keep the
file they opened until they reopen (../shared/PITFALLS.md).

dbt runs in a child process: its DuckDB connection is closed (and the file complete, no WAL left)
when the process exits, which dbt's in-process runner does not guarantee (dbt-duckdb #616).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from battlemap.inputs import check_inputs
from battlemap.paths import dbt_vars, project_dir

BUILD_PATH_ENV = "BATTLEMAP_BUILD_PATH"


class BuildError(RuntimeError):
    """The build stopped; the message says why, and the previous warehouse is intact."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    seconds: float
    passed: int
    summary: str


def dbt_executable() -> str:
    """The dbt installed beside this Python (the project's venv), else the one on PATH."""
    beside = Path(sys.executable).with_name("dbt")
    if beside.exists():
        return str(beside)
    found = shutil.which("dbt")
    if not found:
        raise BuildError("dbt is not installed: run `make setup` (or pip install -e .) first")
    return found


def staging_path(target: Path) -> Path:
    """The new file is built under the warehouse's own name (DuckDB names the catalog after the file) in a
    hidden folder beside it, on the same filesystem so that the final rename is atomic. The path is the
    same for every build of a target, so dbt's partial-parse cache (keyed on the profile) stays valid."""
    return target.parent / f".{target.name}.building" / target.name


def dbt_work_dir(target: Path) -> Path:
    """dbt's target/ and logs/ for builds of this warehouse, kept between builds for partial parsing."""
    return target.parent / f".{target.name}.dbt"


@contextmanager
def exclusive_build(target: Path) -> Iterator[None]:
    """One build per warehouse at a time; a second one stops with a clear message instead of racing."""
    lock_path = target.parent / f".{target.name}.lock"
    with lock_path.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another battlemap build is writing {target}; wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def dbt_build_command(project: Path, work_dir: Path, variables: dict[str, str] | None = None) -> list[str]:
    """`dbt build` as battlemap runs it (the benchmark runs its floor project with the same command)."""
    command = [
        dbt_executable(),
        # The file log at info level: enough to debug a failure, without a debug line per query.
        "--log-level-file",
        "info",
        "build",
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    if variables:
        command += ["--vars", json.dumps(variables)]
    return command


def run_dbt(project: Path, database: Path, work_dir: Path, echo: Callable[[str], None]) -> tuple[bool, list[str]]:
    """`dbt build` into `database`; streams dbt's progress lines to echo; returns (success, output lines)."""
    command = dbt_build_command(project, work_dir, dbt_vars(project))
    environment = {**os.environ, BUILD_PATH_ENV: str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    environment.setdefault("DBT_USE_COLORS", "false")
    lines: list[str] = []
    with subprocess.Popen(
        command,
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            line = line.rstrip("\n")
            lines.append(line)
            echo(line)
        process.wait()
    return process.returncode == 0, lines


def record_build_results(database: Path, run_results: Path, seconds: float) -> tuple[int, str]:
    """Store the build's node results in the new warehouse (build_results, build_info) for the app."""
    results = json.loads(run_results.read_text(encoding="utf-8"))
    rows = [
        (
            r["unique_id"],
            r["unique_id"].split(".")[0],
            r["unique_id"].split(".")[-1] if r["unique_id"].startswith("unit_test") else r["unique_id"].split(".")[2],
            r["status"],
            r.get("failures"),
            r.get("message"),
            float(r.get("execution_time") or 0.0),
        )
        for r in results["results"]
    ]
    statuses: dict[str, int] = {}
    for row in rows:
        statuses[row[3]] = statuses.get(row[3], 0) + 1
    summary = ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
    connection = duckdb.connect(str(database))
    try:
        connection.execute(
            """
            create or replace table main.build_results (
                unique_id varchar primary key,
                resource_type varchar,
                name varchar,
                status varchar,
                failures integer,
                message varchar,
                execution_seconds double
            )
            """
        )
        connection.executemany("insert into main.build_results values (?, ?, ?, ?, ?, ?, ?)", rows)
        connection.execute(
            """
            create or replace table main.build_info as
            select ?::timestamptz as built_at, ?::varchar as dbt_version, ?::double as build_seconds, ?::varchar as summary
            """,
            [
                datetime.now(timezone.utc),
                results["metadata"].get("dbt_version"),
                seconds,
                summary,
            ],
        )
        connection.execute("checkpoint")
    finally:
        connection.close()
    return statuses.get("pass", 0) + statuses.get("success", 0), summary


def _failure_digest(lines: list[str]) -> str:
    """dbt's own account of what failed: from the 'Completed with' block to the end, or the last lines."""
    for index, line in enumerate(lines):
        if "Completed with" in line or "Encountered an error" in line:
            return "\n".join(l for l in lines[index:] if l.strip())
    return "\n".join(lines[-25:])


def build_warehouse(
    target: Path,
    *,
    project: Path | None = None,
    quiet: bool = False,
    echo: Callable[[str], None] = print,
) -> BuildResult:
    """Build the warehouse at `target` atomically; raise BuildError (target untouched) on any failure."""
    project = (project or project_dir()).resolve()
    target = target.resolve()
    say = (lambda _message: None) if quiet else echo
    started = time.perf_counter()

    say(f"[1/3] Checking articles and seeds in {project}")
    problems = check_inputs(project)
    if problems:
        listing = "\n".join(f"  - {problem}" for problem in problems)
        raise BuildError(
            f"{len(problems)} problem(s) in the inputs:\n{listing}\n"
            f"Nothing was built; the warehouse at {target} is unchanged."
        )

    target.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_build(target):
        staging = staging_path(target)
        # Whatever a killed build left behind is discarded.
        shutil.rmtree(staging.parent, ignore_errors=True)
        staging.parent.mkdir()
        work = dbt_work_dir(target)
        (work / "target" / "run_results.json").unlink(missing_ok=True)
        say(f"[2/3] dbt build (seeds, models, tests) into {staging}")
        try:
            success, lines = run_dbt(project, staging, work, say)
            if not success:
                digest = _failure_digest(lines)
                raise BuildError(f"dbt build failed:\n{digest}\nThe warehouse at {target} is unchanged.")
            passed, summary = record_build_results(
                staging, work / "target" / "run_results.json", time.perf_counter() - started
            )
            say(f"[3/3] All {passed} seeds, models and tests passed; swapping the new warehouse into {target}")
            os.replace(staging, target)
        finally:
            shutil.rmtree(staging.parent, ignore_errors=True)
    return BuildResult(path=target, seconds=time.perf_counter() - started, passed=passed, summary=summary)
