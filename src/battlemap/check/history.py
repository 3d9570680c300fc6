"""The check's files on disk: published atomically under a lock, and the history (one row per expectation per run)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd

from battlemap.check.outcomes import CheckNotRunError, SuiteOutcome

HISTORY_COLUMNS = [
    "run_id", "run_time", "suite", "expectation", "column", "success", "observed_value", "rule", "raised", "rows",
]  # fmt: skip


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One writer at a time in an output folder (a cron run and a manual one must not lose history rows)."""
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_text_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _replace_folder(source: Path, destination: Path) -> None:
    staging = destination.with_name(f".{destination.name}.{os.getpid()}.new")
    old = destination.with_name(f".{destination.name}.{os.getpid()}.old")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    if destination.exists():
        os.replace(destination, old)
    os.replace(staging, destination)
    shutil.rmtree(old, ignore_errors=True)


def _read_history(path: Path) -> pd.DataFrame | None:
    """The history so far (None before the first run); an unreadable one stops the run, it is never overwritten."""
    if not path.exists():
        return None
    try:
        return pd.read_parquet(path)
    except Exception as error:  # noqa: BLE001 - any parquet/IO error
        raise CheckNotRunError(f"cannot read the history {path} ({error}); move it away to start a new one") from error


def _append_history(path: Path, rows: pd.DataFrame) -> int:
    """Append rows to history.parquet (rewritten atomically); return how many runs it now holds."""
    history = _read_history(path)
    if history is not None:
        rows = pd.concat([history, rows], ignore_index=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    rows.to_parquet(temporary, index=False)
    os.replace(temporary, path)
    return int(rows["run_id"].nunique())


def _history_rows(run_id: str, run_time: datetime, suites: list[SuiteOutcome]) -> pd.DataFrame:
    records = [
        {
            "run_id": run_id,
            "run_time": run_time,
            "suite": suite.suite,
            "expectation": outcome.expectation,
            "column": outcome.column,
            "success": outcome.success,
            "observed_value": outcome.observed_value,
            "rule": outcome.rule,
            "raised": outcome.exception is not None,
            "rows": suite.rows,
        }
        for suite in suites
        for outcome in suite.outcomes
    ]
    frame = pd.DataFrame.from_records(records, columns=HISTORY_COLUMNS)
    frame["run_time"] = pd.to_datetime(frame["run_time"], utc=True)
    for column in ("run_id", "suite", "expectation", "column", "observed_value", "rule"):
        frame[column] = frame[column].astype("string")
    return frame.astype({"success": "bool", "raised": "bool", "rows": "Int64"})
