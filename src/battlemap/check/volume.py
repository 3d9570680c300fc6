"""Thresholds that follow the corpus: row counts against the last good run, and the age of the build.

The history (history.parquet, one row per expectation per run) records each suite's row count. The last
good run is the latest one in which every expectation passed; a mart that now has fewer than
(1 - max_row_drop) of that run's rows fails `no_drop_since_last_good_run`. Growth never fails: a curator
adding documents is the point. Before the first good run there is no baseline and the check passes.

The defaults suit the daily cron (build, then check): a drop of more than 20 % of a mart's rows, or a
build older than 36 hours (a missed daily build plus slack), fails. `battlemap check --max-row-drop`
and `--max-build-age-hours` (or BATTLEMAP_MAX_ROW_DROP / BATTLEMAP_MAX_BUILD_AGE_HOURS) change them, e.g.
for a deliberate removal of documents.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import pandas as pd

MAX_ROW_DROP_ENV = "BATTLEMAP_MAX_ROW_DROP"
MAX_BUILD_AGE_ENV = "BATTLEMAP_MAX_BUILD_AGE_HOURS"
DEFAULT_MAX_ROW_DROP = 0.2
DEFAULT_MAX_BUILD_AGE_HOURS = 36.0


class ThresholdError(ValueError):
    """A threshold given on the command line or in the environment is not usable."""


@dataclass(frozen=True)
class Thresholds:
    max_row_drop: float = DEFAULT_MAX_ROW_DROP
    max_build_age_hours: float = DEFAULT_MAX_BUILD_AGE_HOURS

    @classmethod
    def resolve(cls, max_row_drop: float | None = None, max_build_age_hours: float | None = None) -> Thresholds:
        """Arguments first, then the environment, then the defaults; a share outside [0, 1] is an error."""
        drop = max_row_drop if max_row_drop is not None else _from_env(MAX_ROW_DROP_ENV, DEFAULT_MAX_ROW_DROP)
        age = (
            max_build_age_hours
            if max_build_age_hours is not None
            else _from_env(MAX_BUILD_AGE_ENV, DEFAULT_MAX_BUILD_AGE_HOURS)
        )
        if not 0 <= drop <= 1:
            raise ThresholdError(f"the largest row drop allowed is a share between 0 and 1, not {drop}")
        if age <= 0:
            raise ThresholdError(f"the largest build age allowed must be positive hours, not {age}")
        return cls(max_row_drop=float(drop), max_build_age_hours=float(age))


def _from_env(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return float(value)
    except ValueError:
        raise ThresholdError(f"{name}={value!r} is not a number") from None


def last_good_run(history: pd.DataFrame | None) -> str | None:
    """The run_id of the latest run in which every expectation passed and none raised; None if there is none."""
    if history is None or history.empty:
        return None
    runs = history.groupby("run_id").agg(
        passed=("success", "all"), raised=("raised", "any"), run_time=("run_time", "max")
    )
    good = runs[runs["passed"] & ~runs["raised"]]
    if good.empty:
        return None
    return str(good["run_time"].idxmax())


def rows_at_run(history: pd.DataFrame | None, run_id: str | None) -> dict[str, int]:
    """{suite: row count} recorded for one run (empty for runs older than the rows column)."""
    if history is None or run_id is None or "rows" not in history.columns:
        return {}
    rows = history.loc[history["run_id"] == run_id].groupby("suite")["rows"].max().dropna()
    return {str(suite): int(count) for suite, count in rows.items()}


def minimum_rows(baseline: int | None, max_row_drop: float) -> int:
    """The fewest rows that are not a drop of more than max_row_drop from the baseline (0 without one)."""
    if not baseline:
        return 0
    return math.ceil(baseline * (1 - max_row_drop) - 1e-9)
