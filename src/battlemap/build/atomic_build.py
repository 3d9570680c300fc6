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
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from battlemap.build.dbt_invocation import (
    _dbt_pid_file,
    _failure_digest,
    _is_dbt_of,
    failing_expressions,
    keep_partial_parse,
    run_dbt,
    seed_partial_parse,
)
from battlemap.build.errors import BuildError, BuildInterrupted
from battlemap.build.incremental import (
    APPEND_TABLE,
    LAST_BUILD_FILE,
    BuildPath,
    build_path,
    code_fingerprint,
    corpus_state,
    known_texts,
    record_build,
)
from battlemap.build.inputs import check_inputs
from battlemap.shared.file_locks import other_writers
from battlemap.shared.paths import project_dir
from battlemap.shared.processes import Interrupted, group_alive, kill_group, stop_signals_raise


@dataclass(frozen=True)
class BuildResult:
    path: Path
    seconds: float
    passed: int
    summary: str
    project: Path
    # Whether unchanged documents' texts and spans were taken from the previous warehouse (battlemap.build.incremental).
    reused: bool = False
    # The path taken ("append", "reuse" or "full") and why (battlemap.build.incremental.build_path).
    path_taken: str = "full"
    why: str = ""


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
    checkpointed with no WAL beside it and synced to disk, and it opens read-only. Returns (nodes passed, summary)."""
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
    sync_to_disk(database)
    if wal_path(database).exists():
        raise BuildError(f"the new file still has a write-ahead log after its checkpoint ({wal_path(database)})")
    _check_opens(database)
    return passed, summary


def sync_to_disk(database: Path) -> None:
    """The new file's every byte on disk before it is swapped in: dbt wrote it without syncing its commits (profiles.yml,
    fsync_mode none while BATTLEMAP_BUILD_PATH is set), so that a crash can leave a torn staging file, never a torn
    warehouse."""
    descriptor = os.open(database, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


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

    The path (battlemap.build.incremental.build_path, printed with its reason): "append" when only rows were appended
    to the corpus since the last build of `target` by the same code — dbt builds into a copy of it and the per-document
    models add the new documents' rows (macros/append_only.sql), every other model and every test runs whole; "reuse"
    when only the corpus changed — a new file, the two per-document Python models taking unchanged documents' texts and
    spans from `target`; else "full". `full` computes everything whatever changed."""
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
    # Which path the build takes (battlemap.build.incremental.build_path), decided again under the lock below. When only
    # rows were appended since the warehouse was built, the input pass checks the new rows' own values only; when
    # only the corpus changed, unchanged articles' normalised texts are taken from it; every row and file is still read.
    work = dbt_work_dir(target)
    fingerprint = code_fingerprint(project)
    corpus = corpus_state(project)
    plan = build_path(project, work, target, fingerprint, full)
    problems = _check_inputs(project, target, plan)
    if problems:
        raise BuildError(_input_problems(problems, target))

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot make the warehouse's folder {target.parent} ({error.strerror or error})") from None
    with exclusive_build(target):
        _refuse_other_writers(target)
        staging = staging_path(target)
        discard_leftovers(target, say)
        staging.parent.mkdir()
        seed_partial_parse(project, target, work)
        locked = build_path(project, work, target, fingerprint, full)
        if locked != plan:  # another build swapped its file in meanwhile: check the inputs for this path
            plan = locked
            problems = _check_inputs(project, target, plan)
            if problems:
                raise BuildError(_input_problems(problems, target))
        reuse = plan.kind == "reuse"
        if plan.kind == "append":
            say(f"[2/3] dbt build (seeds, models, data tests) into a copy of {target}, adding only the new rows: {plan.why}")
            start_from_copy(target, staging, plan)
        elif reuse:
            say(
                f"[2/3] dbt build (seeds, models, data tests) into {staging}; unchanged documents' texts are taken from "
                f"{target}, but every table is rebuilt: {plan.why}"
            )
        else:
            say(f"[2/3] dbt build (seeds, models, data tests) into {staging}, every table rebuilt: {plan.why}")
        try:
            success, lines = run_dbt(project, staging, work, say, target if reuse else None)
            if not success:
                digest = "\n".join([_failure_digest(lines), *failing_expressions(lines, staging)])
                raise BuildError(f"dbt build failed:\n{digest}\nThe warehouse at {target} is unchanged.")
            try:
                if plan.kind == "append":
                    drop_append_marker(staging)
                passed, summary = confirm_build(staging)
            except BuildError as error:
                raise BuildError(f"{error}. The warehouse at {target} is unchanged.") from None
            except (duckdb.Error, OSError) as error:  # a full disk at the checkpoint, an unreadable new file
                raise BuildError(
                    f"the new file could not be finished ({_first_line(error)}). The warehouse at {target} is unchanged."
                ) from None
            unchanged = corpus_state(project) == corpus
            if plan.kind == "append" and not unchanged:
                raise BuildError(
                    "the documents or observations table or a seed the append path relies on changed while dbt ran: "
                    f"build again. The warehouse at {target} is unchanged."
                )
            keep_partial_parse(project, target, work)
            say(f"[3/3] All {passed} nodes (seeds, models, tests, exposures) passed; swapping the new warehouse into {target}")
            (work / LAST_BUILD_FILE).unlink(missing_ok=True)  # the record is of the file about to be replaced
            try:
                swap_in(staging, target, say)
            except OSError as error:
                raise BuildError(
                    f"the new file could not be put in place ({_first_line(error)}). The warehouse at {target} is unchanged."
                ) from None
            # The corpus as dbt read it, unless it changed while dbt ran (then the next build cannot take the append path).
            record_build(work, target, fingerprint, corpus if unchanged else None)
        finally:
            shutil.rmtree(staging.parent, ignore_errors=True)
    return BuildResult(
        path=target,
        seconds=time.perf_counter() - started,
        passed=passed,
        summary=summary,
        project=project,
        reused=plan.kind in ("reuse", "append"),
        path_taken=plan.kind,
        why=plan.why,
    )


def _check_inputs(project: Path, target: Path, plan: BuildPath):
    if plan.kind == "append":
        return check_inputs(project, checked_rows=plan.checked_rows)
    return check_inputs(project, known_texts(target) if plan.kind == "reuse" else None)


def _input_problems(problems, target: Path) -> str:
    listing = "\n".join(f"  - {problem}" for problem in problems)
    return f"{len(problems)} problem(s) in the inputs:\n{listing}\nNothing was built; the warehouse at {target} is unchanged."


def start_from_copy(target: Path, staging: Path, plan: BuildPath) -> None:
    """The append path's start: the served warehouse copied to the staging file (readers of the served one are not
    disturbed), and the new documents written into its marker table (macros/append_only.sql)."""
    try:
        shutil.copyfile(target, staging)
        connection = duckdb.connect(str(staging))
        try:
            connection.execute(f"create table main.{APPEND_TABLE} (document_id varchar not null, file_name varchar not null)")
            if plan.new_documents:
                connection.executemany(f"insert into main.{APPEND_TABLE} values (?, ?)", list(plan.new_documents))
            connection.execute("checkpoint")
        finally:
            connection.close()
    except (duckdb.Error, OSError) as error:
        raise BuildError(
            f"the warehouse could not be copied to start the build ({_first_line(error)}). The warehouse at {target} is unchanged."
        ) from None


def drop_append_marker(database: Path) -> None:
    """The append path's marker table out of the new file before it is checked and swapped in, and the tables dbt-duckdb
    1.11 leaves behind on it: an incremental Python model's new rows are written to a table `<model>__dbt_tmp<time>`
    in `main`, meant to be temporary, which dbt never drops."""
    connection = duckdb.connect(str(database))
    try:
        leftovers = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_catalog = current_database() and table_type = 'BASE TABLE'"
            " and table_schema = 'main' and table_name like '%\\_\\_dbt\\_tmp%' escape '\\'"
        ).fetchall()
        for schema, name in [("main", APPEND_TABLE), *leftovers]:
            connection.execute(f"drop table {quoted_name(schema)}.{quoted_name(name)}")
    finally:
        connection.close()


def quoted_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
