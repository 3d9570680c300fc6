"""Scheduled data-quality checks of the warehouse marts with Great Expectations (docs/quality.md).

`run_check(warehouse, output_dir)` is what `battlemap check` calls; the suites live in
`battlemap.quality.suites` and are written to the GX project in expectations/gx/ by
`python -m battlemap.quality.project`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

EXIT_PASSED, EXIT_FAILED, EXIT_NOT_RUN = 0, 1, 2


def run_check(warehouse: Path, output_dir: Optional[Path] = None) -> int:
    """Validate every mart; 0 all passed, 1 an expectation failed, 2 the checks could not run."""
    # Imported here: Great Expectations takes seconds to import, and `import battlemap.quality` should not.
    from battlemap.quality.runner import run_check as _run_check

    return _run_check(warehouse=warehouse, output_dir=output_dir)


__all__ = ["run_check", "EXIT_PASSED", "EXIT_FAILED", "EXIT_NOT_RUN"]
