"""battlemap explorer: the Streamlit entry point (run it with `battlemap app`).

Draws the language switch and the navigation, then runs the chosen page. The warehouse is read
read-only, one short-lived connection per cached query (explorer/data.py); a missing or unreadable
warehouse gives a message with the command to build one, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from battlemap.serve.explorer import data, ui, warmup
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.plain import plain
from battlemap.shared.warehouse import WarehouseMissingError

APP_DIR = Path(__file__).resolve().parent

st.set_page_config(page_title="battlemap", page_icon=":material/map:", layout="wide")

lang = ui.language_switch()

PAGES = (
    # (file, url path, text key, icon)
    ("views/compare.py", "compare", "nav.compare", ":material/bar_chart:"),
    ("views/map.py", "map", "nav.map", ":material/map:"),
    ("views/city.py", "city", "nav.city", ":material/location_city:"),
    ("views/evidence.py", "evidence", "nav.evidence", ":material/format_quote:"),
    ("views/metrics.py", "metrics", "nav.metrics", ":material/menu_book:"),
    ("views/quality.py", "quality", "nav.quality", ":material/fact_check:"),
    ("views/releases.py", "releases", "nav.releases", ":material/inventory_2:"),
    ("views/extract.py", "extract", "nav.extract", ":material/document_scanner:"),
    ("views/review.py", "review", "nav.review", ":material/rate_review:"),
)
# Pages that read no warehouse: they work before the first build.
WITHOUT_WAREHOUSE = {"extract", "releases", "review"}

page = st.navigation(
    [
        st.Page(APP_DIR / file, title=t(key), icon=icon, url_path=url_path, default=(index == 0))
        for index, (file, url_path, key, icon) in enumerate(PAGES)
    ]
)
ui.publish_language()

if page.url_path in WITHOUT_WAREHOUSE:
    page.run()
    st.stop()

try:
    snap = data.snapshot()
except WarehouseMissingError as error:
    ui.missing_warehouse(str(error))
    st.stop()

with st.sidebar:
    st.caption(t("sidebar.warehouse", path=plain(snap.path)))

try:
    page.run()
except WarehouseMissingError as error:
    ui.missing_warehouse(str(error))
except duckdb.Error as error:
    ui.unreadable_warehouse(f"{type(error).__name__}: {error}")
warmup.page_served()  # the server's warm-up of the other pages may start (explorer/warmup.py)
