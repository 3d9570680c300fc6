"""`battlemap app`: run the Streamlit explorer (app/main.py) on localhost against one warehouse file.

The app only ever opens the warehouse read-only, one short-lived connection per cached query, so a
`battlemap build` can swap a new file in while it serves; the next interaction shows the new data.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from battlemap.paths import WAREHOUSE_ENV

APP_MAIN = Path(__file__).resolve().parents[2] / "app" / "main.py"
HOST = "127.0.0.1"


def streamlit_command(port: int, host: str = HOST) -> list[str]:
    """`python -m streamlit run app/main.py`, headless, on localhost only, no telemetry, no file watcher."""
    return [
        sys.executable,
        "-m",
        "streamlit",
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
    process = subprocess.Popen(streamlit_command(port), env=app_environment(warehouse))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 0
