"""Fill the caches a first visitor needs, in the server process before the first page is asked for.

Called by battlemap.serve.launch's warm-up thread once the Streamlit runtime exists. First what the default
Compare view reads (the comparison, the places and their search texts, the view of its default places,
absolute, targets included, in English and Chinese), so the first page run finds it all computed. The
tables only the other pages read (every figure, the metrics) come after the first page has been served
and drawn (or after FIRST_PAGE_WAIT_S without a visitor): computing them while the first browser draws the
page would take the CPU and the interpreter from both, on a corpus of thousands of places a second of the
first render. Each of those later steps also waits for a quiet moment (no page run ended in the last QUIET_S):
one of them (72,000 figures read at 1000x, pandas or Altair imported) holds the server's interpreter and a core
for up to a second, and done while a visitor clicks it made each rerun, a language switch included, wait
(issue 18). Any failure (no warehouse yet, say) is left to the page to report; a warm-up never raises.
"""

from __future__ import annotations

import threading
import time

from battlemap.serve.explorer import compare_view, data, ui
from battlemap.shared.geo import boundaries

# Set by app/main.py once a page run is over; the warm-up of the other pages waits for it.
FIRST_PAGE_SERVED = threading.Event()
FIRST_PAGE_WAIT_S = 5.0
# After the server's run, the browser still draws the page (tables, charts) for about a second.
BROWSER_DRAWING_S = 1.5
# A later warm-up step starts once no page run has ended for this long (a visitor still clicking waits for nothing),
# or after QUIET_WAIT_LIMIT_S of waiting whatever happens.
QUIET_S = 1.0
QUIET_WAIT_LIMIT_S = 20.0
_last_run_end = [0.0]  # time.monotonic() at the end of the latest page run


def page_served() -> None:
    _last_run_end[0] = time.monotonic()
    FIRST_PAGE_SERVED.set()


def wait_until_quiet(quiet_s: float | None = None, limit_s: float | None = None) -> bool:
    """Wait until no page run has ended for `quiet_s` (QUIET_S), at most `limit_s` (QUIET_WAIT_LIMIT_S); True if quiet."""
    quiet = QUIET_S if quiet_s is None else quiet_s
    deadline = time.monotonic() + (QUIET_WAIT_LIMIT_S if limit_s is None else limit_s)
    while True:
        now = time.monotonic()
        idle = now - _last_run_end[0]
        if idle >= quiet:
            return True
        if now >= deadline:
            return False
        time.sleep(min(quiet - idle, deadline - now, 0.25))


def warm_default_view() -> None:
    snap = data.snapshot()
    comparison = data.comparison(snap)
    data.cities(snap)
    data.place_search_texts(snap)  # the Compare page's place search, on a corpus of many places
    default = tuple(comparison["city_id"].to_list()[: ui.DEFAULT_CITIES])
    for lang in ("en", "zh"):  # a switch of language is then as quick as any other interaction
        compare_view.cached(snap, default, lang, False, True)


def warm_other_pages() -> None:
    snap = data.snapshot()
    for step in (
        lambda: data.observations(snap),
        lambda: data.metrics(snap),
        boundaries.layer,  # the Map page's boundaries (read once per process, ~0.2 s)
        boundaries.outlines,
    ):
        wait_until_quiet()
        step()


def warm_caches() -> None:
    try:
        warm_default_view()
    except Exception:
        return
    if FIRST_PAGE_SERVED.wait(FIRST_PAGE_WAIT_S):
        time.sleep(BROWSER_DRAWING_S)
    try:
        warm_other_pages()
    except Exception:
        return
