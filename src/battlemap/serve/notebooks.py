"""The analysis notebooks and the dbt analyses: open JupyterLab on them, compile and run the analyses.

`battlemap notebooks` calls `launch(port)`: JupyterLab on analyses/notebooks/, bound to 127.0.0.1 only,
with a fresh token, no browser opened on a headless machine, and BATTLEMAP_WAREHOUSE set for the
kernels so every notebook reads the same warehouse (read-only, through battlemap.shared.warehouse).

The dbt analyses (analyses/*.sql) are compiled by `dbt compile`, never materialised. `compile_analyses`
compiles them against a throwaway database file named battlemap.duckdb, so the compiled SQL always
names the catalog "battlemap" and compiling never opens (or waits for) the real warehouse;
`run_compiled` runs such SQL on a fresh in-memory connection that ATTACHes the warehouse read-only AS
battlemap, whatever the file is called. From a shell:

    python -m battlemap.serve.notebooks analysis                 # every analysis, printed
    python -m battlemap.serve.notebooks analysis provenance_audit --csv audit.csv
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from battlemap.shared.paths import WAREHOUSE_ENV, dbt_vars, project_dir, warehouse_path
from battlemap.shared.processes import serve_until_interrupted

if TYPE_CHECKING:
    import polars

LOCALHOST = "127.0.0.1"
# The catalog name compiled SQL uses: dbt-duckdb names it after the database file's stem.
COMPILED_CATALOG = "battlemap"
DBT_PROJECT_NAME = "battlemap"


class AnalysisError(RuntimeError):
    """An analysis could not be compiled or run; the message says why."""


def notebooks_dir(project: Path | None = None) -> Path:
    return (project or project_dir()) / "analyses" / "notebooks"


def analyses_dir(project: Path | None = None) -> Path:
    return (project or project_dir()) / "analyses"


def analysis_names(project: Path | None = None) -> list[str]:
    """The dbt analyses of the project: the stems of analyses/*.sql."""
    return sorted(path.stem for path in analyses_dir(project).glob("*.sql"))


# --- JupyterLab -------------------------------------------------------------------------------------


def is_headless() -> bool:
    """No screen to open a browser on: CI, or Linux without an X or Wayland display."""
    if os.environ.get("CI"):
        return True
    if sys.platform.startswith("linux"):
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False


def lab_url(port: int, token: str) -> str:
    return f"http://{LOCALHOST}:{port}/lab?token={token}"


def lab_command(port: int, root: Path, open_browser: bool) -> list[str]:
    """JupyterLab on `root`, listening on localhost only, on exactly `port` (no silent fallback to
    another port, which would make the printed URL wrong). The token is passed in the environment
    (JUPYTER_TOKEN), not on the command line where `ps` would show it."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.ip={LOCALHOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.open_browser={open_browser}",
    ]
    if _running_as_root():
        # Containers and CI often run as root; Jupyter refuses to start there unless told otherwise.
        command.append("--ServerApp.allow_root=True")
    return command


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_environment(token: str, warehouse: Path) -> dict[str, str]:
    environment = {**os.environ, "JUPYTER_TOKEN": token, WAREHOUSE_ENV: str(warehouse)}
    # Kernels must find the package's project (the notebooks read seeds and articles from it).
    environment.setdefault("BATTLEMAP_PROJECT_DIR", str(project_dir()))
    return environment


def launch(port: int = 8888) -> int:
    """Open JupyterLab on analyses/notebooks/ (localhost only) and return its exit code."""
    if importlib.util.find_spec("jupyterlab") is None:
        print("JupyterLab is not installed in this environment: pip install 'jupyterlab==4.6.6'", file=sys.stderr)
        return 2
    root = notebooks_dir()
    if not root.is_dir():
        print(f"No notebooks folder at {root}", file=sys.stderr)
        return 2
    warehouse = warehouse_path()
    if not warehouse.is_file():
        print(
            f"Note: no warehouse at {warehouse} yet; the comparison and provenance notebooks need one "
            "(run `battlemap build`). The add-a-document notebook builds its own.",
            file=sys.stderr,
        )
    token = secrets.token_hex(24)
    open_browser = not is_headless()
    print(f"Notebooks: {root}")
    print(f"Warehouse: {warehouse} (read-only; set {WAREHOUSE_ENV} to use another)")
    print(f"Open JupyterLab at: {lab_url(port, token)}")
    if not open_browser:
        print("(No display found: open the address above in a browser; Ctrl-C stops the server.)")
    if _running_as_root():
        print("(Running as root: Jupyter is allowed to, but an ordinary user is safer.)")
    sys.stdout.flush()
    # Jupyter shuts its kernels down cleanly on SIGTERM.
    return serve_until_interrupted(lab_command(port, root, open_browser), lab_environment(token, warehouse), signal.SIGTERM, 20)


# --- dbt analyses -----------------------------------------------------------------------------------


def compile_analyses(work_dir: Path, project: Path | None = None) -> Path:
    """`dbt compile` every analysis into work_dir; return the folder holding the compiled .sql files.

    Compiles against work_dir/compile/battlemap.duckdb (a throwaway file), so the compiled SQL names
    the catalog "battlemap" and the real warehouse is never opened.
    """
    from battlemap.build.dbt_invocation import BUILD_PATH_ENV, dbt_executable

    project = (project or project_dir()).resolve()
    work_dir = Path(work_dir).resolve()
    (work_dir / "compile").mkdir(parents=True, exist_ok=True)
    target = work_dir / "target"
    command = [
        dbt_executable(),
        "compile",
        "--select",
        "resource_type:analysis",
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--target-path",
        str(target),
        "--log-path",
        str(work_dir / "logs"),
        "--vars",
        json.dumps(dbt_vars(project)),
    ]
    environment = {
        **os.environ,
        WAREHOUSE_ENV: str(work_dir / "compile" / f"{COMPILED_CATALOG}.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
    }
    environment.pop(BUILD_PATH_ENV, None)
    result = subprocess.run(
        command, cwd=project, env=environment, capture_output=True, text=True, encoding="utf-8", errors="replace"
    )
    if result.returncode != 0:
        raise AnalysisError(f"dbt compile failed:\n{result.stdout[-4000:]}{result.stderr[-2000:]}")
    compiled = target / "compiled" / DBT_PROJECT_NAME / "analyses"
    if not compiled.is_dir():
        raise AnalysisError(f"dbt compile succeeded but wrote no analyses under {compiled}")
    return compiled


def run_compiled(sql: str, warehouse: Path | None = None) -> polars.DataFrame:
    """Run compiled analysis SQL on the warehouse, attached read-only as "battlemap"."""
    from battlemap.shared.warehouse import WarehouseMissingError, reading

    try:
        with reading(warehouse or warehouse_path(), alias=COMPILED_CATALOG) as connection:
            return connection.sql(sql).pl()
    except WarehouseMissingError as error:
        raise AnalysisError(str(error)) from None


def run_analyses(
    names: list[str] | None = None, warehouse: Path | None = None, project: Path | None = None
) -> dict[str, polars.DataFrame]:
    """Compile the analyses (in a temporary folder) and run the named ones (all by default)."""
    available = analysis_names(project)
    wanted = names or available
    unknown = sorted(set(wanted) - set(available))
    if unknown:
        raise AnalysisError(f"Unknown analysis: {', '.join(unknown)} (known: {', '.join(available)})")
    with tempfile.TemporaryDirectory(prefix="battlemap-analyses-") as work:
        compiled = compile_analyses(Path(work), project)
        return {name: run_compiled((compiled / f"{name}.sql").read_text(encoding="utf-8"), warehouse) for name in wanted}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m battlemap.serve.notebooks", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    lab = commands.add_parser("lab", help="Open JupyterLab on analyses/notebooks/ (localhost).")
    lab.add_argument("--port", type=int, default=8888)
    analysis = commands.add_parser("analysis", help="Compile the dbt analyses and run them on the warehouse.")
    analysis.add_argument("names", nargs="*", help="Analyses to run (default: all).")
    analysis.add_argument("--warehouse", type=Path, default=None, help=f"Default: ${WAREHOUSE_ENV} or warehouse/battlemap.duckdb.")
    analysis.add_argument("--csv", type=Path, default=None, help="Write the (single) analysis's rows to this CSV file.")
    arguments = parser.parse_args(argv)
    if arguments.command == "lab":
        return launch(port=arguments.port)

    import polars as pl

    try:
        results = run_analyses(arguments.names or None, warehouse=arguments.warehouse)
    except AnalysisError as error:
        print(error, file=sys.stderr)
        return 1
    if arguments.csv:
        if len(results) != 1:
            print("--csv needs exactly one analysis name", file=sys.stderr)
            return 2
        (frame,) = results.values()
        frame.write_csv(arguments.csv)
        print(f"{frame.height} rows written to {arguments.csv}")
        return 0
    with pl.Config(tbl_rows=200, tbl_cols=12, fmt_str_lengths=60, tbl_width_chars=200):
        for name, frame in results.items():
            print(f"== {name} ({frame.height} rows)")
            print(frame)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
