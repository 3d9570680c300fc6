"""dbt's own command line, as `battlemap build` (and its benchmark's floor) start it: `python -m battlemap.build.dbt_runner ARGS`.

Two savings over the `dbt` script, with dbt itself unchanged (about 2 s per build on our machine):
- jsonschema (under dbt) imports rfc3987_syntax when installed (it is, for Jupyter), which builds a
  Lark parser at import time (~1 s) for the "iri" string format that dbt's schemas never use;
- once dbt has returned, the process ends at once (os._exit) instead of tearing down a Python heap
  of manifest objects (~1.3 s). Every dbt transaction is committed by then; what DuckDB has not yet
  checkpointed is in the file's write-ahead log, and `battlemap build` opens the file, checkpoints it
  and makes sure no WAL is left before the swap (battlemap.build.atomic_build.confirm_build).
"""

from __future__ import annotations

import logging
import os
import sys

SKIPPED_IMPORTS = ("rfc3987_syntax",)


def main() -> None:
    for name in SKIPPED_IMPORTS:
        sys.modules.setdefault(name, None)  # `import name` raises ImportError, which jsonschema expects
    from dbt.cli.main import cli

    try:
        cli(prog_name="dbt")
        code = 0
    except SystemExit as ended:
        code = ended.code if isinstance(ended.code, int) else (0 if ended.code is None else 1)
    logging.shutdown()  # dbt's file log, flushed
    # multiprocessing's finalizers unlink the semaphores dbt made; skipped by os._exit, they would be left
    # for the resource tracker, which warns of "leaked semaphore objects" at the end of every build.
    from multiprocessing import util

    util._run_finalizers()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
