"""`battlemap build` under faults (issue 10): stale WAL, kills and stop signals, odd paths, the other route.

Each test reproduces one case of the issue from a copy of the project or of the warehouse and fails
without its fix. The kill trial kills real builds at random moments and retries at once, 10 times.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from inputs_helpers import BAD_INPUTS, edit_seed

from battlemap.build.atomic_build import BuildError, build_warehouse, dbt_work_dir, staging_path
from battlemap.shared.paths import copy_build_inputs, project_dir
from battlemap.shared.warehouse import reading

BATTLEMAP = [str(Path(sys.executable).with_name("battlemap"))]
DBT = str(Path(sys.executable).with_name("dbt"))


def plain_env(warehouse: Path) -> dict[str, str]:
    env = {**os.environ, "BATTLEMAP_WAREHOUSE": str(warehouse)}
    env.pop("BATTLEMAP_BUILD_PATH", None)
    env.pop("BATTLEMAP_PROJECT_DIR", None)
    return env


def dbt_processes_of(target: Path) -> list[int]:
    """Pids of dbt processes building `target` (their command line names its work folder)."""
    marker = str(dbt_work_dir(target) / "target").encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().split(b"\0"):
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def wait_until_no_dbt(target: Path, seconds: float = 10.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := dbt_processes_of(target)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def opens(path: Path) -> bool:
    with reading(path) as connection:
        return connection.execute("select count(*) from main.fct_observation").fetchone()[0] > 0


def leave_stale_wal(database: Path) -> None:
    """What a killed writer (plain `dbt build`, kill -9) leaves: changes in a WAL beside the file."""
    script = (
        "import duckdb, os, signal, sys; c = duckdb.connect(sys.argv[1]); "
        "c.execute('create table main.half_written as select range as i from range(1000)'); "
        "os.kill(os.getpid(), signal.SIGKILL)"
    )
    subprocess.run([sys.executable, "-c", script, str(database)], check=False)
    assert Path(f"{database}.wal").exists()


# --- case 1: a WAL left by a killed writer ------------------------------------------------------


def test_build_over_a_stale_wal_leaves_a_readable_warehouse_without_wal(existing_warehouse: Path):
    leave_stale_wal(existing_warehouse)
    build_warehouse(existing_warehouse, quiet=True)
    assert not Path(f"{existing_warehouse}.wal").exists()
    assert opens(existing_warehouse)
    compare = subprocess.run([*BATTLEMAP, "compare", "--warehouse", str(existing_warehouse)], capture_output=True, text=True)
    assert compare.returncode == 0, compare.stderr
    assert "Leling" in compare.stdout


def test_a_live_writer_of_the_served_file_stops_the_build_before_dbt(existing_warehouse: Path):
    script = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True); time.sleep(60)"
    writer = subprocess.Popen([sys.executable, "-c", script, str(existing_warehouse)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        with pytest.raises(BuildError) as failure:
            build_warehouse(existing_warehouse, quiet=True)
        assert f"process {writer.pid} has {existing_warehouse} open for writing" in str(failure.value)
    finally:
        writer.kill()
        writer.wait()
    assert not staging_path(existing_warehouse).parent.exists()


def test_compare_says_an_unreadable_warehouse_cannot_be_read(tmp_path: Path):
    broken = tmp_path / "battlemap.duckdb"
    broken.write_bytes(b"not a database" * 100)
    result = subprocess.run([*BATTLEMAP, "compare", "--warehouse", str(broken)], capture_output=True, text=True)
    assert result.returncode == 2
    assert f"The warehouse at {broken} could not be read" in result.stderr
    assert "Traceback" not in result.stderr


# --- case 3: kills and stop signals ---------------------------------------------------------------


def start_build(target: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*BATTLEMAP, "build", "--warehouse", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # signals below go to the battlemap process only, as `kill PID` does
    )


def wait_for_dbt_start(process: subprocess.Popen) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("[2/3]"):
            return
    pytest.fail("the build ended before dbt started")


@pytest.mark.parametrize(
    ("signum", "code", "said"), [(signal.SIGINT, 130, "interrupted by Ctrl-C"), (signal.SIGTERM, 143, "interrupted by SIGTERM")]
)
def test_a_stop_signal_stops_dbt_cleans_up_and_says_so(existing_warehouse: Path, signum: int, code: int, said: str):
    process = start_build(existing_warehouse)
    try:
        wait_for_dbt_start(process)
        time.sleep(1.0)
        os.kill(process.pid, signum)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == code
    assert f"battlemap build {said}; dbt was stopped and the warehouse at {existing_warehouse} is unchanged" in output
    assert dbt_processes_of(existing_warehouse) == []
    assert not staging_path(existing_warehouse).parent.exists()
    assert opens(existing_warehouse)


def test_kill_trial_ten_random_kills_each_followed_by_a_successful_retry(existing_warehouse: Path):
    seed = int(os.environ.get("BATTLEMAP_KILL_TRIAL_SEED", time.time()))
    chance = random.Random(seed)
    signals = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]
    outcomes = []
    for trial in range(10):
        signum = signals[trial % 3]
        delay = chance.uniform(0.0, 3.0)
        process = start_build(existing_warehouse)
        try:
            wait_for_dbt_start(process)
            time.sleep(delay)
            os.kill(process.pid, signum)  # the parent only, never its dbt
            process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        left = wait_until_no_dbt(existing_warehouse)
        retry = subprocess.run([*BATTLEMAP, "build", "-q", "--warehouse", str(existing_warehouse)], capture_output=True, text=True)
        outcomes.append(
            (trial, signal.Signals(signum).name, round(delay, 2), left, retry.returncode, (retry.stderr or "")[-500:])
        )
        assert opens(existing_warehouse)
        assert not Path(f"{existing_warehouse}.wal").exists()
    failed = [o for o in outcomes if o[3] or o[4] != 0]
    assert not failed, f"seed {seed}: {failed}"
    assert not staging_path(existing_warehouse).parent.exists()


# --- case 6: a project path with a quote ------------------------------------------------------------


def test_a_project_in_a_folder_with_a_quote_builds(tmp_path: Path):
    project = copy_build_inputs(tmp_path / "it's the project")
    target = tmp_path / "warehouse" / "battlemap.duckdb"
    build_warehouse(target, project=project, quiet=True)
    with reading(target) as connection:
        assert connection.execute("select count(*) from main.dim_document").fetchone()[0] == 5


# --- case 7: plain dbt build records the truth --------------------------------------------------------


def test_plain_dbt_build_with_a_failing_test_records_it_in_build_info(project_copy: Path, tmp_path: Path):
    def tighten(rows):
        (row,) = [r for r in rows if r["metric_id"] == "start_rate"]
        row["upper_bound"] = "0.5"

    edit_seed(project_copy, "metrics", tighten)
    warehouse = tmp_path / "analyst.duckdb"
    build = subprocess.run([DBT, "build"], cwd=project_copy, env=plain_env(warehouse), capture_output=True, text=True)
    assert build.returncode == 1
    with reading(warehouse) as connection:
        all_passed, summary, route = connection.execute("select all_passed, summary, route from main.build_info").fetchone()
        failed = connection.execute("select name from main.build_results where status = 'fail'").fetchall()
    assert all_passed is False
    assert "1 fail" in summary and route == "dbt build"
    assert failed == [("assert_observation_values_within_metric_bounds",)]


# --- case 8: the project is the folder you stand in --------------------------------------------------------


def test_the_installed_command_builds_the_project_in_the_current_folder(project_copy: Path, tmp_path: Path):
    BAD_INPUTS["unknown_unit"][0](project_copy)  # only the copy is broken: building the original would pass
    target = tmp_path / "served.duckdb"
    result = subprocess.run(
        [*BATTLEMAP, "build", "--warehouse", str(target)], cwd=project_copy, env=plain_env(target), capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"Checking articles and seeds in {project_copy.resolve()}" in result.stdout
    assert "unit_as_written '亿圆' is not in seeds/units.csv" in result.stderr
    assert not target.exists()


def test_project_dir_follows_the_current_folder(project_copy: Path, tmp_path: Path, monkeypatch):
    monkeypatch.delenv("BATTLEMAP_PROJECT_DIR", raising=False)
    monkeypatch.chdir(project_copy)
    assert project_dir() == project_copy.resolve()
    monkeypatch.chdir(tmp_path)  # no dbt_project.yml here: the installed checkout
    assert project_dir() == Path(__file__).resolve().parents[2]


# --- issue 20, case 6: what can be known before dbt starts is said before dbt starts -------------------------


def digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_warehouse_path_that_is_a_folder_is_named_before_anything_runs(tmp_path: Path):
    folder = tmp_path / "battlemap.duckdb"
    folder.mkdir()
    said: list[str] = []
    started = time.perf_counter()
    with pytest.raises(BuildError) as failure:
        build_warehouse(folder, echo=said.append)
    assert f"the warehouse path {folder} is a folder, not a file" in str(failure.value)
    assert "Nothing was built" in str(failure.value)
    assert not any(line.startswith("[2/3]") for line in said) and time.perf_counter() - started < 5
    assert list(folder.iterdir()) == []


def test_a_warehouse_folder_that_is_a_file_is_named_before_anything_runs(tmp_path: Path):
    (tmp_path / "plain-file").write_text("x")
    with pytest.raises(BuildError, match="cannot be made: .*plain-file is a file"):
        build_warehouse(tmp_path / "plain-file" / "battlemap.duckdb", quiet=True)


def test_low_disk_space_is_named_before_dbt_starts(existing_warehouse: Path, monkeypatch):
    from collections import namedtuple

    before = digest(existing_warehouse)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr("battlemap.build.atomic_build.shutil.disk_usage", lambda _path: usage(10 * 2**30, 10 * 2**30 - 2**20, 2**20))
    said: list[str] = []
    with pytest.raises(BuildError) as failure:
        build_warehouse(existing_warehouse, echo=said.append)
    message = str(failure.value)
    assert f"only 1 MB free in {existing_warehouse.parent}" in message and "the new warehouse file needs about" in message
    assert f"the warehouse at {existing_warehouse} is unchanged" in message
    assert not any(line.startswith("[2/3]") for line in said)
    assert digest(existing_warehouse) == before


def test_a_full_disk_at_the_checkpoint_is_a_message_and_the_warehouse_is_unchanged(existing_warehouse: Path, monkeypatch):
    import duckdb

    def full_disk(_database):
        raise duckdb.IOException('IO Error: Could not write file "battlemap.duckdb": No space left on device')

    monkeypatch.setattr("battlemap.build.atomic_build.confirm_build", full_disk)
    before = digest(existing_warehouse)
    with pytest.raises(BuildError) as failure:
        build_warehouse(existing_warehouse, quiet=True)
    message = str(failure.value)
    assert "the new file could not be finished (IO Error: Could not write file" in message and "No space left on device" in message
    assert f"The warehouse at {existing_warehouse} is unchanged" in message
    assert digest(existing_warehouse) == before
    assert not staging_path(existing_warehouse).parent.exists()


# --- issue 20, case 11: one node count everywhere, no leaked-semaphore warning ---------------------------------


def test_the_build_counts_nodes_as_dbt_and_the_app_do_and_ends_without_a_warning(tmp_path: Path):
    target = tmp_path / "battlemap.duckdb"
    result = subprocess.run([*BATTLEMAP, "build", "--warehouse", str(target)], capture_output=True, text=True, env=plain_env(target))
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "leaked semaphore" not in output and "resource_tracker" not in output
    with reading(target) as connection:
        nodes = connection.execute("select count(*) from main.build_results").fetchone()[0]  # the app's count
    assert f"All {nodes} nodes (seeds, models, tests, exposures) passed" in output
    done = next(line for line in output.splitlines() if "Done. PASS=" in line)
    counts = dict(part.split("=") for part in done.split("Done. ")[1].split())
    assert nodes == int(counts["TOTAL"]) - 1  # dbt's total counts its on-run-end hook too
