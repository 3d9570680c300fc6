"""Fill the caches a first visitor needs, in the server process before the first page is asked for.

Called by battlemap.serve's warm-up thread once the Streamlit runtime exists: the default Compare
view (all cities, absolute, targets included) in English and in Chinese (the language switch) and
the tables every page reads are then already computed when the browser connects. Any failure (no
warehouse yet, say) is left to the page to report; a warm-up never raises.
"""

from __future__ import annotations

from explorer import compare_view, data


def warm_caches() -> None:
    try:
        snap = data.snapshot()
        comparison = data.comparison(snap)
        for lang in ("en", "zh"):
            compare_view.cached(snap, tuple(comparison["city_id"].to_list()), lang, False, True)
        data.cities(snap)
        data.observations(snap)
        data.metrics(snap)
    except Exception:
        return
