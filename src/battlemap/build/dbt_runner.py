"""dbt's own command line, as `battlemap build` (and its benchmark's floor) start it: `python -m battlemap.build.dbt_runner ARGS`.

Three savings over the `dbt` script, with dbt itself unchanged (about 2.5 s per build on our machine):
- jsonschema (under dbt) imports rfc3987_syntax when installed (it is, for Jupyter), which builds a
  Lark parser at import time (~1 s) for the "iri" string format that dbt's schemas never use;
- a debug-level event that no log would write is dropped before dbt builds its message: dbt makes every event
  a protobuf message, and formats and scrubs its line for each log, before the log's level drops it (~1,900 of
  the ~2,100 events of a build are debug: each query, cache action and timing; ~0.3 s at 1x). Nothing is lost: with
  --debug, a debug log level or any callback other than dbt's own behaviour-change tracker, every event is kept;
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


# Callbacks of dbt's own that ignore debug events (dbt.tracking.track_behavior_change_warn reads warnings only).
DEBUG_BLIND_CALLBACKS = ("track_behavior_change_warn",)


def skip_unlogged_debug_events() -> None:
    """Drop a debug (or test) level event when no log of dbt's event manager writes that level and no callback
    could read it, before dbt turns it into a message (dbt_common.events.event_manager.EventManager.fire_event)."""
    from dbt_common.events.base_types import EventLevel
    from dbt_common.events.event_manager import EventManager

    fire_event = EventManager.fire_event
    unlogged = (EventLevel.DEBUG, EventLevel.TEST)

    def fire_if_logged(self, e, level=None, node=None, force_warn_or_error_handling=False):
        if (
            not force_warn_or_error_handling
            and (level or e.level_tag()) in unlogged
            and all(getattr(logger, "level", EventLevel.DEBUG) not in unlogged for logger in self.loggers)
            and all(getattr(callback, "__name__", "") in DEBUG_BLIND_CALLBACKS for callback in self.callbacks)
        ):
            return
        fire_event(self, e, level=level, node=node, force_warn_or_error_handling=force_warn_or_error_handling)

    EventManager.fire_event = fire_if_logged


def main() -> None:
    for name in SKIPPED_IMPORTS:
        sys.modules.setdefault(name, None)  # `import name` raises ImportError, which jsonschema expects
    skip_unlogged_debug_events()
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
