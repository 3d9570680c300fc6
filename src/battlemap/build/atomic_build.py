"""`battlemap build`: check the inputs, run `dbt build` into a new file, swap it into place.

Atomic by construction: dbt writes a fresh file next to the warehouse, and only when every seed,
model and test passed is it renamed over the warehouse (os.replace, atomic on one filesystem). A
failed or killed build leaves the previous warehouse untouched, and readers holding it open (the
app, a notebook, a check) neither block the build nor see a half-built file: on Linux they keep the
file they opened until they reopen (../shared/PITFALLS.md).

Faults it survives (tests/python/test_build_faults.py):
- dbt runs in a child process in its own process group that dies with battlemap (battlemap.shared.processes):
  killing battlemap by any signal stops dbt, and an interrupted build's leftovers (dbt still dying,
  the half-built staging file) are cleared by the next one;
- the new file is checkpointed and opened read-only before the swap, so no write-ahead log (WAL)
  travels with it; a stale WAL beside the served file (a killed plain `dbt build`) is removed at the
  swap, since it belongs to the file being replaced and would make the new one unreadable.

dbt runs in a child process: its DuckDB connection is closed (and the file complete) when the
process exits, which dbt's in-process runner does not guarantee (dbt-duckdb #616). dbt itself records
the results in the file it wrote (on-run-end, macros/record_build_results.sql).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from battlemap.build.incremental import REUSE_ENV
from battlemap.build.inputs import check_inputs
from battlemap.shared.file_locks import other_writers
from battlemap.shared.paths import BUILD_INPUTS, articles_dir, curation_dir, dbt_vars, project_dir, seeds_dir
from battlemap.shared.processes import Interrupted, group_alive, kill_group, start_child, stop_signals_raise

BUILD_PATH_ENV = "BATTLEMAP_BUILD_PATH"


class BuildError(RuntimeError):
    """The build stopped; the message says why, and the previous warehouse is intact."""


class BuildInterrupted(BuildError):
    """A signal (Ctrl-C, SIGTERM, SIGHUP) stopped the build; dbt was stopped with it."""

    def __init__(self, message: str, signum: int):
        super().__init__(message)
        self.signum = signum


@dataclass(frozen=True)
class BuildResult:
    path: Path
    seconds: float
    passed: int
    summary: str
    project: Path
    # Whether unchanged documents' texts and spans were taken from the previous warehouse (battlemap.build.incremental).
    reused: bool = False


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


def staging_path(target: Path) -> Path:
    """The new file is built under the warehouse's own name (DuckDB names the catalog after the file) in a
    hidden folder beside it, on the same filesystem so that the final rename is atomic. The path is the
    same for every build of a target, so dbt's partial-parse cache (keyed on the profile) stays valid."""
    return target.parent / f".{target.name}.building" / target.name


def dbt_work_dir(target: Path) -> Path:
    """dbt's target/ and logs/ for builds of this warehouse, kept between builds for partial parsing."""
    return target.parent / f".{target.name}.dbt"


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


LAST_BUILD_FILE = "last_build.json"


def code_fingerprint(project: Path) -> str:
    """A digest of everything a build depends on except the corpus: the project's build inputs (models, macros, tests,
    dbt_project.yml, profiles.yml, the seeds' yml and their CSV headers), the battlemap package's source, Python's
    version and every installed distribution's version. Left out: the rows of the curated tables (seeds' data lines,
    sources/curation/*.csv) and the articles, which a build may add to while reusing per-document results
    (battlemap.build.incremental)."""
    from importlib import metadata

    digest = hashlib.sha256()

    def add(label: str, content: bytes) -> None:
        digest.update(f"{label}\0{len(content)}\0".encode())
        digest.update(content)

    corpus_folders = {articles_dir(project).resolve(), curation_dir(project).resolve()}
    seeds = seeds_dir(project).resolve()
    files: list[Path] = []
    for part in BUILD_INPUTS:
        path = project / part
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() else []
    for path in files:
        resolved = path.resolve()
        if any(folder in resolved.parents for folder in corpus_folders):
            continue
        content = path.read_bytes()
        if resolved.parent == seeds and path.suffix == ".csv":
            content = content.split(b"\n", 1)[0]  # a seed's columns, not its rows
        add(path.relative_to(project).as_posix(), content)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        add(f"battlemap/{path.relative_to(package).as_posix()}", path.read_bytes())
    add("python", sys.version.encode())
    versions = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions())
    add("distributions", "\n".join(versions).encode())
    add("dbt_vars", json.dumps(dbt_vars(project), sort_keys=True).encode())
    return digest.hexdigest()


def _identity(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns]


def record_build(work_dir: Path, target: Path, fingerprint: str) -> None:
    """After a swap: which code built the file now at `target` (best effort; without it the next build is a full one)."""
    record = {"fingerprint": fingerprint, "warehouse": _identity(target)}
    try:
        work_dir.mkdir(parents=True, exist_ok=True)
        partial = work_dir / f".{LAST_BUILD_FILE}.{os.getpid()}"
        partial.write_text(json.dumps(record), encoding="utf-8")
        os.replace(partial, work_dir / LAST_BUILD_FILE)
    except OSError:
        pass


def reusable_warehouse(work_dir: Path, target: Path, fingerprint: str) -> bool:
    """Whether the file at `target` is the one the last `battlemap build` swapped in (same device, inode, size and
    modification time), built by the same code as now: only then may a build reuse documents' results from it."""
    try:
        record = json.loads((work_dir / LAST_BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    identity = _identity(target)
    return identity is not None and record.get("warehouse") == identity and record.get("fingerprint") == fingerprint


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
    lines: list[str] = []
    process = start_child(
        command,
        cwd=database.parent,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    try:
        # For the next build, should this one be killed before it can stop dbt itself.
        _dbt_pid_file(database).write_text(f"{process.pid}\n", encoding="utf-8")
        assert process.stdout is not None
        for line in process.stdout:
            line = line.rstrip("\n")
            lines.append(line)
            echo(line)
        process.wait()
    except BaseException:
        kill_group(process.pid)
        process.wait()
        raise
    finally:
        if process.stdout is not None:
            process.stdout.close()
    return process.returncode == 0, lines


def _is_dbt_of(pid: int, work_dir: Path) -> bool:
    """Whether `pid` is a dbt run of this warehouse (its command line names the work folder), not a reused pid."""
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return group_alive(pid)  # no /proc: trust the pid file, which only this build's lock holder writes
    return str(work_dir / "target").encode() in arguments


def discard_leftovers(target: Path, say: Callable[[str], None]) -> None:
    """Clear what an interrupted build left: a dbt still running (or dying) on the staging file, the staging folder."""
    staging = staging_path(target)
    pid_file = _dbt_pid_file(staging)
    try:
        pid = int(pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        pid = None
    if pid and group_alive(pid) and _is_dbt_of(pid, dbt_work_dir(target)):
        say(f"Stopping dbt (pid {pid}) left running by an interrupted build")
        kill_group(pid)
    shutil.rmtree(staging.parent, ignore_errors=True)


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def _refuse_other_writers(target: Path) -> None:
    writers = other_writers(target) if target.exists() else []
    if writers:
        pids = ", ".join(str(pid) for pid in writers)
        raise BuildError(
            f"process {pids} has {target} open for writing (a plain `dbt build`?); let it finish or stop it, "
            f"then build again. The warehouse at {target} is unchanged."
        )


def confirm_build(database: Path) -> tuple[int, str]:
    """The new file as dbt left it: every node passed (build_info, written by dbt's on-run-end), it is
    checkpointed with no WAL beside it, and it opens read-only. Returns (nodes passed, summary)."""
    connection = duckdb.connect(str(database))
    try:
        try:
            summary, all_passed = connection.execute("select summary, all_passed from main.build_info").fetchone()
        except duckdb.Error as error:
            raise BuildError(f"dbt did not record its results (main.build_info): {error}") from None
        # Every node dbt ran, as dbt's summary and the app's Data quality page count them (the exposure's
        # no-op included): one number everywhere.
        passed = connection.execute(
            "select count(*) from main.build_results where status in ('pass', 'success', 'no-op')"
        ).fetchone()[0]
        connection.execute("checkpoint")
    finally:
        connection.close()
    if not all_passed:
        raise BuildError(f"dbt reported problems ({summary})")
    if wal_path(database).exists():
        raise BuildError(f"the new file still has a write-ahead log after its checkpoint ({wal_path(database)})")
    _check_opens(database)
    return passed, summary


def _check_opens(database: Path) -> None:
    from battlemap.shared.warehouse import reading

    try:
        with reading(database) as connection:
            connection.execute("select count(*) from main.build_info").fetchone()
    except duckdb.Error as error:
        raise BuildError(f"{database} cannot be opened read-only: {error}") from None


def swap_in(staging: Path, target: Path, say: Callable[[str], None]) -> None:
    """Rename the new file over the warehouse; first drop a stale WAL beside it, which belongs to the
    file being replaced (a killed writer's) and would make the new file unreadable."""
    _refuse_other_writers(target)
    stale = wal_path(target)
    if stale.exists():
        stale.unlink()
        say(f"Removed {stale}, a write-ahead log left by a killed writer of the old file (e.g. a plain `dbt build`)")
    os.replace(staging, target)
    _check_opens(target)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _failure_digest(lines: list[str]) -> str:
    """dbt's own account of what failed: from the 'Completed with' block to the end, or the last lines."""
    for index, line in enumerate(lines):
        if "Completed with" in line or "Encountered an error" in line:
            return "\n".join(kept for kept in lines[index:] if kept.strip())
    return "\n".join(lines[-25:])


COMPILED_AT = re.compile(r"compiled code at (\S+\.sql)")


def failing_expressions(lines: list[str], database: Path) -> list[str]:
    """For a failed test that checks several expressions or columns (tests/generic/expressions_are_true.sql,
    not_null_columns.sql: their rows name the check in failed_expression), which of them failed and on how many
    rows: its compiled SQL, re-run on the new file dbt left. dbt's own message names only the test. Best effort:
    nothing when the file or the SQL cannot be read."""
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
                    f"select failed_expression, count(*) from ({sql}) group by all order by all"
                ).fetchall()
            except (OSError, duckdb.Error):
                continue
            found += [f"{path.stem}: `{expression}` is false on {count} row(s)" for expression, count in counts]
    finally:
        connection.close()
    return found


def build_warehouse(
    target: Path,
    *,
    project: Path | None = None,
    quiet: bool = False,
    echo: Callable[[str], None] = print,
    full: bool = False,
) -> BuildResult:
    """Build the warehouse at `target` atomically; raise BuildError (target untouched) on any failure,
    BuildInterrupted on Ctrl-C, SIGTERM or SIGHUP (dbt stopped, staging removed).

    When only the corpus changed since the last build of `target` (battlemap.build.incremental), the two per-document
    models reuse unchanged documents' texts and spans from it; every seed, model and test still runs into a new
    file. `full` computes everything whatever changed."""
    project = (project or project_dir()).resolve()
    target = target.resolve()
    try:
        with stop_signals_raise():
            return _build(target, project, echo if not quiet else (lambda _message: None), full)
    except (KeyboardInterrupt, Interrupted) as interruption:
        signum = interruption.signum if isinstance(interruption, Interrupted) else 2
        name = "Ctrl-C" if signum == 2 else str(interruption)
        raise BuildInterrupted(f"interrupted by {name}; dbt was stopped and the warehouse at {target} is unchanged", signum) from None


# Free space the new file needs beside the warehouse: the staging file, its write-ahead log until the
# checkpoint, and dbt's work folder. At least this much, and at least FREE_SPACE_FACTOR times the current file.
MIN_FREE_BYTES = 256 * 2**20
FREE_SPACE_FACTOR = 3


def free_bytes_needed(target: Path) -> int:
    try:
        current = target.stat().st_size if target.is_file() else 0
    except OSError:
        current = 0
    return max(MIN_FREE_BYTES, FREE_SPACE_FACTOR * current)


def check_target(target: Path) -> None:
    """What can be known about the warehouse path before dbt runs: a file path (not a folder), a folder
    that can be written, room for the new file. BuildError names the problem."""
    if target.is_dir():
        raise BuildError(f"the warehouse path {target} is a folder, not a file: give a file path such as {target / 'battlemap.duckdb'}")
    if target.exists() and not target.is_file():
        raise BuildError(f"the warehouse path {target} is not a regular file")
    folder = target.parent
    for parent in (folder, *folder.parents):
        if parent.exists():
            if not parent.is_dir():
                raise BuildError(f"the warehouse's folder {folder} cannot be made: {parent} is a file")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise BuildError(f"the warehouse's folder {parent} cannot be written (permission denied)")
            free = shutil.disk_usage(parent).free
            needed = free_bytes_needed(target)
            if free < needed:
                raise BuildError(
                    f"only {free / 2**20:.0f} MB free in {parent}; the new warehouse file needs about {needed / 2**20:.0f} MB "
                    "(free some space, or build elsewhere with --warehouse)"
                )
            return


def _build(target: Path, project: Path, say: Callable[[str], None], full: bool = False) -> BuildResult:
    started = time.perf_counter()
    try:
        check_target(target)
    except BuildError as error:
        raise BuildError(f"{error}. Nothing was built; the warehouse at {target} is unchanged.") from None
    say(f"[1/3] Checking articles and seeds in {project}")
    problems = check_inputs(project)
    if problems:
        listing = "\n".join(f"  - {problem}" for problem in problems)
        raise BuildError(
            f"{len(problems)} problem(s) in the inputs:\n{listing}\n"
            f"Nothing was built; the warehouse at {target} is unchanged."
        )

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot make the warehouse's folder {target.parent} ({error.strerror or error})") from None
    with exclusive_build(target):
        _refuse_other_writers(target)
        staging = staging_path(target)
        discard_leftovers(target, say)
        staging.parent.mkdir()
        work = dbt_work_dir(target)
        seed_partial_parse(project, target, work)
        fingerprint = code_fingerprint(project)
        reuse = not full and target.is_file() and reusable_warehouse(work, target, fingerprint)
        if reuse:
            say(
                f"[2/3] dbt build (seeds, models, data tests) into {staging}; only the corpus changed since {target} "
                "was built, so unchanged documents' texts are taken from it"
            )
        else:
            say(f"[2/3] dbt build (seeds, models, data tests) into {staging}")
        try:
            success, lines = run_dbt(project, staging, work, say, target if reuse else None)
            if not success:
                digest = "\n".join([_failure_digest(lines), *failing_expressions(lines, staging)])
                raise BuildError(f"dbt build failed:\n{digest}\nThe warehouse at {target} is unchanged.")
            try:
                passed, summary = confirm_build(staging)
            except BuildError as error:
                raise BuildError(f"{error}. The warehouse at {target} is unchanged.") from None
            except (duckdb.Error, OSError) as error:  # a full disk at the checkpoint, an unreadable new file
                raise BuildError(
                    f"the new file could not be finished ({_first_line(error)}). The warehouse at {target} is unchanged."
                ) from None
            keep_partial_parse(project, target, work)
            say(f"[3/3] All {passed} nodes (seeds, models, tests, exposures) passed; swapping the new warehouse into {target}")
            (work / LAST_BUILD_FILE).unlink(missing_ok=True)  # the record is of the file about to be replaced
            try:
                swap_in(staging, target, say)
            except OSError as error:
                raise BuildError(
                    f"the new file could not be put in place ({_first_line(error)}). The warehouse at {target} is unchanged."
                ) from None
            record_build(work, target, fingerprint)
        finally:
            shutil.rmtree(staging.parent, ignore_errors=True)
    return BuildResult(
        path=target, seconds=time.perf_counter() - started, passed=passed, summary=summary, project=project, reused=reuse
    )
