"""Scheduled data-quality checks of the warehouse marts with Great Expectations (docs/quality.md).

`run_check(warehouse, output_dir)` is what `battlemap check` calls; the suites live in
`battlemap.check.suites` and are written to the GX project in expectations/gx/ by
`python -m battlemap.check.project`.
"""

from __future__ import annotations

from pathlib import Path

EXIT_PASSED, EXIT_FAILED, EXIT_NOT_RUN = 0, 1, 2


def run_check(
    warehouse: Path,
    output_dir: Path | None = None,
    max_row_drop: float | None = None,
    max_build_age_hours: float | None = None,
) -> int:
    """Validate every mart; 0 all passed, 1 an expectation failed, 2 the checks could not run.

    max_row_drop (share, default 0.2) and max_build_age_hours (default 36) override the volume and
    freshness thresholds (battlemap.check.volume), as do BATTLEMAP_MAX_ROW_DROP / BATTLEMAP_MAX_BUILD_AGE_HOURS.
    """
    # Imported here: Great Expectations takes seconds to import, and `import battlemap.check` should not.
    from battlemap.check.runner import run_check as _run_check

    return _run_check(
        warehouse=warehouse, output_dir=output_dir, max_row_drop=max_row_drop, max_build_age_hours=max_build_age_hours
    )


__all__ = ["run_check", "EXIT_PASSED", "EXIT_FAILED", "EXIT_NOT_RUN"]
