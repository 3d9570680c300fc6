"""Fill the caches a first visitor needs, in the server process before the first page is asked for.

Called by battlemap.serve's warm-up thread once the Streamlit runtime exists: the default Compare
view (its default places, absolute, targets included, in English and Chinese) and the tables every page reads are then
already computed when the browser connects. Any failure (no warehouse yet, say) is left to the page
to report; a warm-up never raises.
"""

from __future__ import annotations

from explorer import compare_view, data, ui


def warm_caches() -> None:
    try:
        snap = data.snapshot()
        comparison = data.comparison(snap)
        default = tuple(comparison["city_id"].to_list()[: ui.DEFAULT_CITIES])
        for lang in ("en", "zh"):  # a switch of language is then as quick as any other interaction
            compare_view.cached(snap, default, lang, False, True)
        data.cities(snap)
        data.observations(snap)
        data.metrics(snap)
    except Exception:
        return
