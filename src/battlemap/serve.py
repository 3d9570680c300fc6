"""`battlemap app`: run the Streamlit explorer (app/main.py) on localhost against one warehouse file.

The app only ever opens the warehouse read-only, one short-lived connection per cached query, so a
`battlemap build` can swap a new file in while it serves; the next interaction shows the new data.

Streamlit is started through its own command line (what `python -m streamlit run` calls), in a
child Python with a background thread that, once the server is up, imports the app's heavy
libraries (polars, pyarrow, altair, duckdb) and fills the caches of the default Compare view, while
the browser is still loading Streamlit's frontend; the first page then does not wait for them.
Post-script garbage collection is off: with these libraries loaded, a full gc.collect() after
every rerun costs more than the rerun itself (Python's automatic collection still runs).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from battlemap.paths import WAREHOUSE_ENV
from battlemap.processes import serve_until_interrupted

APP_MAIN = Path(__file__).resolve().parents[2] / "app" / "main.py"
HOST = "127.0.0.1"


WARM_UP_MODULES = ("pyarrow", "polars", "pandas", "altair", "duckdb", "battlemap.warehouse")

# What the child Python runs: warm-up thread, then Streamlit's CLI with the arguments that follow.
LAUNCHER = "from battlemap.serve import launch_streamlit; launch_streamlit()"


def warm_up() -> None:
    """Once the server is up, import the libraries the app's first run needs and compute the default
    Compare view (app/explorer/warmup.py), while the browser is still loading the page (doing it
    earlier would slow the server's own start: one interpreter, one GIL)."""
    import importlib
    import time

    from streamlit.runtime import Runtime

    deadline = time.monotonic() + 30
    while not Runtime.exists() and time.monotonic() < deadline:
        time.sleep(0.05)

    for name in WARM_UP_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # a warm-up must never stop the server
            return
    try:
        if str(APP_MAIN.parent) not in sys.path:
            sys.path.insert(0, str(APP_MAIN.parent))  # as Streamlit does for the script's own imports
        from explorer.warmup import warm_caches

        warm_caches()
    except Exception:
        pass


# jsonschema (under Altair) imports rfc3987_syntax when it is installed (it is, for Jupyter), which
# builds a Lark parser for IRI syntax at import time: about 1 s, for a string format ("iri") that the
# Vega-Lite schema never uses. The app's server process does without it.
SKIPPED_IMPORTS = ("rfc3987_syntax",)


def launch_streamlit() -> None:
    """Entry of the child process: `python -c LAUNCHER run app/main.py --options...`."""
    import threading

    for name in SKIPPED_IMPORTS:
        sys.modules.setdefault(name, None)  # `import name` now raises ImportError, which jsonschema expects

    from streamlit.web.cli import main  # before the thread: two threads importing streamlit at once deadlock

    threading.Thread(target=warm_up, name="battlemap-warm-up", daemon=True).start()
    main(prog_name="streamlit")


def streamlit_command(port: int, host: str = HOST) -> list[str]:
    """`streamlit run app/main.py`, headless, on localhost only, no telemetry, no file watcher."""
    return [
        sys.executable,
        "-c",
        LAUNCHER,
        "run",
        str(APP_MAIN),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "viewer",
        "--runner.postScriptGC",
        "false",
        "--runner.magicEnabled",
        "false",
    ]


def app_environment(warehouse: Path) -> dict[str, str]:
    return {**os.environ, WAREHOUSE_ENV: str(Path(warehouse).resolve()), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}


def serve(port: int, warehouse: Path) -> int:
    """Run the explorer until interrupted; returns Streamlit's exit code (0 after Ctrl-C)."""
    if not APP_MAIN.is_file():
        print(f"battlemap app: the app is missing ({APP_MAIN})", file=sys.stderr)
        return 2
    warehouse = Path(warehouse).resolve()
    if not warehouse.is_file():
        print(f"battlemap app: no warehouse at {warehouse} yet; the app will say so. Build one with: battlemap build")
    print(f"battlemap explorer: http://{HOST}:{port}  (warehouse {warehouse}, read-only; Ctrl-C stops)", flush=True)
    # Streamlit stops cleanly on SIGINT, as from a terminal.
    return serve_until_interrupted(streamlit_command(port), app_environment(warehouse), signal.SIGINT, 10)
