"""Great Expectations results written by `battlemap check`, read defensively.

They live next to the warehouse in `quality/`: `latest.json` (the latest run) and `history.parquet`
(one row per expectation per run). Either may be absent (no check run yet), partial or malformed;
readers return what they can and a problem message instead of raising.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

LATEST, HISTORY = "latest.json", "history.parquet"


def quality_dir(warehouse: Path) -> Path:
    return Path(warehouse).parent / "quality"


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(mtime_ns, size) for cache keys, or None when the file is absent."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@dataclass
class LatestRun:
    run_time: str | None = None
    success: bool | None = None
    suites: pl.DataFrame = field(default_factory=pl.DataFrame)  # suite, success, evaluated, failed
    failures: pl.DataFrame = field(default_factory=pl.DataFrame)  # suite, expectation, column, observed_value
    problem: str | None = None  # why (part of) the file could not be read


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def read_latest(folder: Path) -> LatestRun | None:
    """The latest run, or None when no check has run yet (no latest.json)."""
    path = Path(folder) / LATEST
    if not path.is_file():
        return None
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return LatestRun(problem=f"{path.name}: {error}")
    if not isinstance(content, dict):
        return LatestRun(problem=f"{path.name}: expected a JSON object")
    suites, failures, problems = [], [], []
    raw_suites = content.get("suites")
    if not isinstance(raw_suites, list):
        problems.append("no list of suites")
        raw_suites = []
    for entry in raw_suites:
        if not isinstance(entry, dict):
            problems.append("a suite entry is not an object")
            continue
        name = _text(entry.get("suite")) or "?"
        suites.append(
            {
                "suite": name,
                "success": _bool(entry.get("success")),
                "evaluated": _int(entry.get("evaluated")),
                "failed": _int(entry.get("failed")),
            }
        )
        for failure in entry.get("failures") or []:
            if isinstance(failure, dict):
                failures.append(
                    {
                        "suite": name,
                        "expectation": _text(failure.get("expectation")),
                        "column": _text(failure.get("column")),
                        "observed_value": _text(failure.get("observed_value")),
                    }
                )
    suite_schema = {"suite": pl.String, "success": pl.Boolean, "evaluated": pl.Int64, "failed": pl.Int64}
    failure_schema = {"suite": pl.String, "expectation": pl.String, "column": pl.String, "observed_value": pl.String}
    return LatestRun(
        run_time=_text(content.get("run_time")),
        success=_bool(content.get("success")),
        suites=pl.DataFrame(suites, schema=suite_schema),
        failures=pl.DataFrame(failures, schema=failure_schema),
        problem="; ".join(problems) or None,
    )


HISTORY_COLUMNS = ("run_id", "run_time", "suite", "expectation", "column", "success", "observed_value")


def read_history(folder: Path) -> tuple[pl.DataFrame | None, str | None]:
    """(history rows, problem): (None, None) when there is no history file yet."""
    path = Path(folder) / HISTORY
    if not path.is_file():
        return None, None
    try:
        history = pl.read_parquet(path)
    except Exception as error:  # any unreadable parquet: report, don't crash the page
        return None, f"{path.name}: {type(error).__name__}: {error}"
    missing = [c for c in ("run_time", "suite", "success") if c not in history.columns]
    if missing:
        return history, f"{path.name}: missing column(s) {', '.join(missing)}"
    return history, None


def trend(history: pl.DataFrame) -> pl.DataFrame:
    """Per run and suite: expectations evaluated, failed, and the share passing (0–100)."""
    success = pl.col("success")
    if history.schema["success"] != pl.Boolean:
        success = pl.col("success").cast(pl.String).str.to_lowercase().is_in(["true", "1"])
    run_time = pl.col("run_time")
    if history.schema["run_time"] == pl.String:
        run_time = pl.col("run_time").str.to_datetime(strict=False, time_zone="UTC")
    grouped = (
        history.with_columns(success.alias("_ok"), run_time.alias("_time"))
        .group_by("_time", "suite")
        .agg(pl.len().alias("evaluated"), (~pl.col("_ok")).sum().alias("failed"))
        .with_columns((100 * (pl.col("evaluated") - pl.col("failed")) / pl.col("evaluated")).alias("pass_share"))
        .rename({"_time": "run_time"})
        .sort("run_time", "suite")
    )
    return grouped
