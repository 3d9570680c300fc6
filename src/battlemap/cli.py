"""The `battlemap` command: build the warehouse, compare the cities, serve the app, check the data."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from battlemap.paths import warehouse_path

app = typer.Typer(
    help="battlemap: Chinese city construction-campaign figures, from documents to a tested warehouse.",
    no_args_is_help=True,
    add_completion=False,
)

WarehouseOption = typer.Option(
    None,
    "--warehouse",
    "-w",
    help="Warehouse file (default: $BATTLEMAP_WAREHOUSE or warehouse/battlemap.duckdb).",
)


@app.command()
def build(
    warehouse: Optional[Path] = WarehouseOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the outcome."),
) -> None:
    """Check the inputs, run dbt (seed, run, test) into a new file, and swap it into place when every test passed."""
    from battlemap.build import BuildError, BuildInterrupted, build_warehouse
    from battlemap.processes import exit_code_for

    try:
        result = build_warehouse(warehouse or warehouse_path(), quiet=quiet)
    except BuildInterrupted as interruption:
        typer.secho(f"battlemap build {interruption}", fg=typer.colors.YELLOW, err=True)
        raise typer.Exit(exit_code_for(interruption.signum)) from None
    except BuildError as error:
        typer.secho(f"battlemap build failed: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    typer.secho(f"Warehouse ready: {result.path} ({result.summary}), built from the project in {result.project}", fg=typer.colors.GREEN)


@app.command()
def compare(warehouse: Optional[Path] = WarehouseOption) -> None:
    """Print the cross-city comparison table from the warehouse."""
    from battlemap.compare import comparison_table
    from battlemap.warehouse import WarehouseMissingError

    import duckdb

    path = warehouse or warehouse_path()
    try:
        typer.echo(comparison_table(path))
    except WarehouseMissingError as error:
        typer.secho(str(error), fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from None
    except duckdb.Error as error:
        first_line = str(error).splitlines()[0]
        typer.secho(f"The warehouse at {path} could not be read ({first_line}). Rebuild it: battlemap build", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from None


@app.command(name="app")
def serve_app(
    port: Optional[int] = typer.Option(
        None, help="Port to serve on (default: Streamlit's settings, STREAMLIT_SERVER_PORT or .streamlit/config.toml: 8501)."
    ),
    warehouse: Optional[Path] = WarehouseOption,
) -> None:
    """Start the Streamlit explorer on localhost (Ctrl-C or SIGTERM stops it)."""
    from battlemap.serve import serve

    raise typer.Exit(serve(port=port, warehouse=warehouse or warehouse_path()))


@app.command()
def check(
    warehouse: Optional[Path] = WarehouseOption,
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", help="Where results, Data Docs and history go (default: next to the warehouse)."
    ),
) -> None:
    """Run the Great Expectations checks on the warehouse. Exit 0: all pass; 1: a check failed; 2: could not run."""
    from battlemap.quality import run_check

    raise typer.Exit(run_check(warehouse=warehouse or warehouse_path(), output_dir=output_dir))


@app.command()
def notebooks(port: int = typer.Option(8888, help="Port for Jupyter (localhost).")) -> None:
    """Open JupyterLab on the analysis notebooks (Ctrl-C or SIGTERM stops it)."""
    from battlemap.notebooks import launch

    raise typer.Exit(launch(port=port))


if __name__ == "__main__":
    app()
