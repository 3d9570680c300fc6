"""How battlemap build runs dbt: the command (partial parsing kept, the input pass's tests left out), the child
process in its own group, and the failing checks read back from its output."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from battlemap.build.errors import BuildError
from battlemap.build.incremental import REUSE_ENV
from battlemap.shared.paths import dbt_vars
from battlemap.shared.processes import follow_child, group_alive, start_reading_child


def dbt_executable() -> str:
    """The dbt installed beside this Python (the project's venv), else the one on PATH."""
    beside = Path(sys.executable).with_name("dbt")
    if beside.exists():
        return str(beside)
    found = shutil.which("dbt")
    if not found:
        raise BuildError("dbt is not installed: run `make setup` (or pip install -e .) first")
    return found


def dbt_runner() -> list[str]:
    """dbt's command line in this Python, through battlemap.build.dbt_runner (a faster start and exit)."""
    dbt_executable()  # dbt must be installed here
    return [sys.executable, "-m", "battlemap.build.dbt_runner"]


PARTIAL_PARSE_FILE = "partial_parse.msgpack"


def parse_cache_path(project: Path, target: Path) -> Path:
    """dbt's saved parse of the project, shared by the builds of every warehouse of that name (the catalog dbt-duckdb
    names after the file is in the saved nodes, so the cache is per file name): a warehouse's first build starts
    from it instead of parsing the whole project (~3 s here). In the project's target/ folder, which plain dbt also
    uses and `make clean` removes."""
    return project / "target" / "battlemap-parse" / f"{target.name}.{PARTIAL_PARSE_FILE}"


def seed_partial_parse(project: Path, target: Path, work_dir: Path) -> bool:
    """Give a warehouse's first build the project's saved parse, if there is one and the warehouse has none.

    Safe because dbt checks the saved parse itself before using it (dbt version, --vars, profile and target,
    dbt_project.yml, every file's checksum) and re-parses what changed or everything: a stale cache costs only
    the full parse it replaces. Returns whether a cache was copied."""
    saved = work_dir / "target" / PARTIAL_PARSE_FILE
    cache = parse_cache_path(project, target)
    if saved.exists() or not cache.is_file():
        return False
    try:
        saved.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache, saved)
    except OSError:
        saved.unlink(missing_ok=True)
        return False
    return True


def keep_partial_parse(project: Path, target: Path, work_dir: Path) -> None:
    """After a build that passed, its saved parse becomes the project's cache (best effort: a read-only project
    folder only means the next new warehouse parses in full)."""
    saved = work_dir / "target" / PARTIAL_PARSE_FILE
    cache = parse_cache_path(project, target)
    if not saved.is_file():
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f".{cache.name}.{os.getpid()}")
        shutil.copyfile(saved, partial)
        os.replace(partial, cache)
    except OSError:
        pass


# Column tests on the curated tables that the input pass (battlemap.build.inputs) already enforces before dbt runs, with
# the rules it reads from these very files (battlemap.shared.seed_schema): `battlemap build` leaves them out of its dbt
# build, each would cost a node (~30 ms) to re-check what was just checked. A plain `dbt build` runs them all.
# tests/python/test_input_pass_covers_dbt_tests.py breaks each one's rule and checks that the input pass refuses it.
INPUT_PASS_TESTS = ("not_null", "unique", "accepted_values", "relationships", "within_bounds")


INPUT_PASS_FILES = ("seeds/_seeds.yml", "models/staging/_curation__sources.yml")


def input_pass_exclusions() -> list[str]:
    """dbt selectors (one per test and file, each an intersection) of the tests the input pass has run."""
    return [f"test_name:{test},path:{file}" for file in INPUT_PASS_FILES for test in INPUT_PASS_TESTS]


def dbt_build_command(project: Path, work_dir: Path, variables: dict[str, str] | None = None) -> list[str]:
    """`dbt build` as battlemap runs it (the benchmark runs its floor project with the same command).

    Unit tests (`unit_tests:`, fixtures in, expected rows out) test the models' logic, not the data, so
    a data build skips them; `make test` runs them all in a plain `dbt build` (tests/python/test_dbt_cli.py).
    """
    command = [
        *dbt_runner(),
        # The file log at info level: enough to debug a failure, without a debug line per query.
        "--log-level-file",
        "info",
        "build",
        # run_results.json and manifest.json are not needed: dbt records the results in the file itself.
        "--no-write-json",
        "--exclude-resource-type",
        "unit_test",
        # Cautious: a relationships test from a mart to a seed (fct_figure.period -> periods) is not one of the
        # seed's own tests, and stays in the build (eager selection would drop it with the seed's).
        "--indirect-selection",
        "cautious",
        "--exclude",
        *input_pass_exclusions(),
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


def _dbt_pid_file(staging: Path) -> Path:
    return staging.parent / "dbt.pid"


def run_dbt(
    project: Path, database: Path, work_dir: Path, echo: Callable[[str], None], reuse_from: Path | None = None
) -> tuple[bool, list[str]]:
    """`dbt build` into `database`; streams dbt's progress lines to echo; returns (success, output lines).

    dbt runs in its own process group that dies with this process; any exception here (Ctrl-C, a
    stop signal) kills the group before it propagates, so no dbt outlives its build.
    """
    command = dbt_build_command(project, work_dir, dbt_vars(project))
    # dbt runs in the staging folder and is given the file by its name alone: dbt's saved parse is valid only for
    # the profile it was made with (the database path included), and a relative path is the same for every
    # warehouse of that name, so a new warehouse's first build can start from the project's saved parse
    # (seed_partial_parse). Everything else dbt is given is absolute.
    environment = {**os.environ, BUILD_PATH_ENV: database.name, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    environment.setdefault("DBT_USE_COLORS", "false")
    environment.pop(REUSE_ENV, None)
    if reuse_from is not None:  # the warehouse being replaced, whose unchanged documents' texts may be reused
        environment[REUSE_ENV] = str(reuse_from)
    process = start_reading_child(command, database.parent, environment)
    # The pid is written for the next build, should this one be killed before it can stop dbt itself.
    lines = follow_child(process, echo, on_start=lambda: _dbt_pid_file(database).write_text(f"{process.pid}\n", encoding="utf-8"))
    return process.returncode == 0, lines


def _is_dbt_of(pid: int, work_dir: Path) -> bool:
    """Whether `pid` is a dbt run of this warehouse (its command line names the work folder), not a reused pid."""
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return group_alive(pid)  # no /proc: trust the pid file, which only this build's lock holder writes
    return str(work_dir / "target").encode() in arguments


def _failure_digest(lines: list[str]) -> str:
    """dbt's own account of what failed: from the 'Completed with' block to the end, or the last lines."""
    for index, line in enumerate(lines):
        if "Completed with" in line or "Encountered an error" in line:
            return "\n".join(kept for kept in lines[index:] if kept.strip())
    return "\n".join(lines[-25:])


COMPILED_AT = re.compile(r"compiled code at (\S+\.sql)")


def failing_expressions(lines: list[str], database: Path) -> list[str]:
    """For a failed test that merges several checks of one model (tests/generic/expressions_are_true.sql,
    not_null_columns.sql, macros/failed_checks.sql: their rows name the check in failed_expression and, for unique
    and relationships, the value in failed_value), which of them failed, on how many rows, and the first values:
    its compiled SQL, re-run on the new file dbt left. dbt's own message names only the test. Best effort: nothing
    when the file or the SQL cannot be read."""
    found: list[str] = []
    paths = [Path(match.group(1)) for line in lines if (match := COMPILED_AT.search(line))]
    paths = [path for path in paths if path.stem.endswith(("expressions_are_true", "_not_null"))]
    if not paths or not database.is_file():
        return found
    try:
        connection = duckdb.connect(str(database), read_only=True)
    except duckdb.Error:
        return found
    try:
        for path in paths:
            try:
                sql = path.read_text(encoding="utf-8")
                counts = connection.execute(
                    "select failed_expression, count(*), count(distinct failed_value),"
                    f" list_sort(list(distinct failed_value) filter (where failed_value is not null))[1:{FAILED_VALUES_SHOWN}]"
                    f" from ({sql}) group by all order by all"
                ).fetchall()
            except (OSError, duckdb.Error):
                continue
            for expression, count, distinct, values in counts:
                line = f"{path.stem}: `{expression}` is false on {count} row(s)"
                if values:
                    more = f" and {distinct - len(values)} more" if distinct > len(values) else ""
                    line += f": {', '.join(repr(value) for value in values)}{more}"
                found.append(line)
    finally:
        connection.close()
    return found


# How many of a failed unique or relationships check's values the build's message names.
FAILED_VALUES_SHOWN = 5


BUILD_PATH_ENV = "BATTLEMAP_BUILD_PATH"
