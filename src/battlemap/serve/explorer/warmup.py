"""Fill the caches a first visitor needs, in the server process before the first page is asked for.

Called by battlemap.serve.launch's warm-up thread once the Streamlit runtime exists. First what the default
Compare view reads (the comparison, the places' search texts, the view of its default places, absolute, targets
included, in the default language), so the first page run finds it all computed; the same view in the other
language as soon as the first page is served. The tables only the other pages read (the places, every figure, the
metrics) come after the first page has been served
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

from battlemap.serve.explorer import compare_view, data, i18n, ui
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


def default_places(snap: data.Snapshot) -> tuple[str, ...]:
    return tuple(data.comparison(snap)["city_id"].to_list()[: ui.DEFAULT_CITIES])


def warm_default_view() -> None:
    """What the first page run reads (the default view, in the default language): the first visitor's browser asks
    for it about half a second after the server answers, often before this is done (issue 18: first render)."""
    snap = data.snapshot()
    data.place_search_texts(snap)  # the Compare page's place search, on a corpus of many places
    compare_view.cached(snap, default_places(snap), i18n.DEFAULT_LANGUAGE, False, True)


def warm_other_language() -> None:
    """The default view in the other language, as soon as the first page is served: a switch of language is then as
    quick as any other interaction."""
    snap = data.snapshot()
    for lang in i18n.LANGUAGES:
        compare_view.cached(snap, default_places(snap), lang, False, True)


def warm_other_pages() -> None:
    snap = data.snapshot()
    for step in (
        lambda: data.cities(snap),  # the City page's places
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
    served = FIRST_PAGE_SERVED.wait(FIRST_PAGE_WAIT_S)
    try:
        warm_other_language()
    except Exception:
        return
    if served:
        time.sleep(BROWSER_DRAWING_S)
    try:
        warm_other_pages()
    except Exception:
        return
