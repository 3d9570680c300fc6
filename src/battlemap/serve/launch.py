"""`battlemap app`: run the Streamlit explorer (app/main.py) on localhost against one warehouse file.

The app only ever opens the warehouse read-only, one short-lived connection per cached query, so a
`battlemap build` can swap a new file in while it serves; the next interaction shows the new data.

Streamlit is started through its own command line (what `python -m streamlit run` calls), in a
child Python with a background thread that, once the server is up, imports the libraries the
Compare page needs (polars, pyarrow, duckdb) and fills the caches of the default Compare view
in both languages, while the browser is still loading Streamlit's frontend; the first page then does
not wait for them. pandas and Altair, which only the other pages use, are imported last (the Compare page hands
its table to Streamlit as an Arrow table, which Streamlit serialises without pandas).
Post-script garbage collection is off: with these libraries loaded, a full gc.collect() after
every rerun costs more than the rerun itself (Python's automatic collection still runs).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import tomllib
from pathlib import Path

from battlemap.shared.paths import PROJECT_ENV, WAREHOUSE_ENV, project_dir
from battlemap.shared.processes import serve_until_interrupted


def app_main() -> Path:
    """app/main.py of the project being served (battlemap.shared.paths.project_dir)."""
    return project_dir() / "app" / "main.py"



WARM_UP_MODULES = ("pyarrow", "polars", "duckdb", "battlemap.shared.warehouse")
# Imported after the default view is cached and the first page served: only the City and Data quality pages draw
# with Altair; pandas (~0.5 s to import on a loaded machine) is what Streamlit turns a polars table into, and the
# Compare page does without it.
LATER_MODULES = ("pandas", "altair")

# What the child Python runs: warm-up thread, then Streamlit's CLI with the arguments that follow.
LAUNCHER = "from battlemap.serve.launch import launch_streamlit; launch_streamlit()"


def warm_up() -> None:
    """Once the server is up, import the libraries the app's first run needs and compute the default
    Compare view (src/battlemap/serve/explorer/warmup.py), while the browser is still loading the page (doing it
    earlier would slow the server's own start: one interpreter, one GIL)."""
    import importlib
    import time

    from streamlit.runtime import Runtime, RuntimeState

    def serving() -> bool:
        # The runtime leaves INITIAL in the server's start-up hook, just before the port is opened.
        return Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL

    deadline = time.monotonic() + 30
    while not serving() and time.monotonic() < deadline:
        time.sleep(0.02)

    for name in WARM_UP_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # a warm-up must never stop the server
            return
    try:
        from battlemap.serve.explorer.warmup import wait_until_quiet, warm_caches

        warm_caches()
        for name in LATER_MODULES:
            wait_until_quiet()  # not while a visitor clicks (explorer/warmup.py)
            importlib.import_module(name)
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

    # On the first element any script draws, Streamlit checks once per process whether it runs in a
    # REPL, by walking the stack with inspect (about 0.1 s, paid by the first visitor). This process is
    # always `streamlit run`, so the check is moot; mark it done.
    import streamlit.delta_generator
    from streamlit.web.cli import main  # before the thread: two threads importing streamlit at once deadlock

    streamlit.delta_generator._use_warning_has_been_displayed = True

    threading.Thread(target=warm_up, name="battlemap-warm-up", daemon=True).start()
    main(prog_name="streamlit")


def streamlit_command(port: int | None = None) -> list[str]:
    """`streamlit run app/main.py`; every other option is in .streamlit/config.toml, which Streamlit reads
    from the project folder it runs in (and overrides with STREAMLIT_* variables as usual)."""
    command = [sys.executable, "-c", LAUNCHER, "run", str(app_main())]
    if port is not None:
        command += ["--server.port", str(port)]
    return command


def _config_value(section: str, key: str, project: Path) -> object | None:
    """An option as Streamlit would resolve it from the environment and its config files (for the printed URL)."""
    variable = os.environ.get(f"STREAMLIT_{section}_{re.sub(r'(?<!^)(?=[A-Z])', '_', key)}".upper())
    if variable:
        return variable
    for config in (project / ".streamlit" / "config.toml", Path.home() / ".streamlit" / "config.toml"):
        try:
            value = tomllib.loads(config.read_text(encoding="utf-8")).get(section, {}).get(key)
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if value is not None:
            return value
    return None


def app_url(port: int | None, project: Path) -> str:
    host = _config_value("server", "address", project) or "localhost"
    return f"http://{host}:{port or _config_value('server', 'port', project) or 8501}"


def app_environment(warehouse: Path) -> dict[str, str]:
    # The server's warm-up resolves the project again: pin it, since the server runs in another folder.
    return {**os.environ, WAREHOUSE_ENV: str(Path(warehouse).resolve()), PROJECT_ENV: str(project_dir())}


def serve(port: int | None, warehouse: Path) -> int:
    """Run the explorer until Ctrl-C or SIGTERM; returns Streamlit's exit code (0 after Ctrl-C).

    `port` None: Streamlit's own settings decide (STREAMLIT_SERVER_PORT, .streamlit/config.toml)."""
    main = app_main()
    if not main.is_file():
        print(f"battlemap app: the app is missing ({main})", file=sys.stderr)
        return 2
    warehouse = Path(warehouse).resolve()
    if not warehouse.is_file():
        print(f"battlemap app: no warehouse at {warehouse} yet; the app will say so. Build one with: battlemap build")
    project = main.parents[1]
    print(f"battlemap explorer: {app_url(port, project)}  (warehouse {warehouse}, read-only; Ctrl-C stops)", flush=True)
    # Streamlit stops cleanly on SIGINT, as from a terminal; it runs in the project folder to read its config.
    return serve_until_interrupted(streamlit_command(port), app_environment(warehouse), signal.SIGINT, 10, cwd=project)
