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
    from battlemap.build import BuildError, build_warehouse

    try:
        result = build_warehouse(warehouse or warehouse_path(), quiet=quiet)
    except BuildError as error:
        typer.secho(f"battlemap build failed: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    typer.secho(f"Warehouse ready: {result.path} ({result.summary})", fg=typer.colors.GREEN)


@app.command()
def compare(warehouse: Optional[Path] = WarehouseOption) -> None:
    """Print the cross-city comparison table from the warehouse."""
    from battlemap.compare import comparison_table
    from battlemap.warehouse import WarehouseMissingError

    try:
        typer.echo(comparison_table(warehouse or warehouse_path()))
    except WarehouseMissingError as error:
        typer.secho(str(error), fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from None


@app.command(name="app")
def serve_app(
    port: int = typer.Option(8501, help="Port to serve on (localhost)."),
    warehouse: Optional[Path] = WarehouseOption,
) -> None:
    """Start the Streamlit explorer on localhost."""
    from battlemap.serve import serve

    raise typer.Exit(serve(port=port, warehouse=warehouse or warehouse_path()))


@app.command()
def check(
    warehouse: Optional[Path] = WarehouseOption,
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", help="Where results, Data Docs and history go (default: next to the warehouse)."
    ),
    max_row_drop: Optional[float] = typer.Option(
        None, "--max-row-drop", help="Largest share of a mart's rows that may vanish since the last good run (default 0.2)."
    ),
    max_build_age_hours: Optional[float] = typer.Option(
        None, "--max-build-age-hours", help="Oldest build that counts as fresh, in hours (default 36)."
    ),
) -> None:
    """Run the Great Expectations checks on the warehouse. Exit 0: all pass; 1: a check failed; 2: could not run."""
    from battlemap.quality import run_check

    raise typer.Exit(
        run_check(
            warehouse=warehouse or warehouse_path(),
            output_dir=output_dir,
            max_row_drop=max_row_drop,
            max_build_age_hours=max_build_age_hours,
        )
    )


@app.command()
def notebooks(port: int = typer.Option(8888, help="Port for Jupyter (localhost).")) -> None:
    """Open JupyterLab on the analysis notebooks."""
    from battlemap.notebooks import launch

    raise typer.Exit(launch(port=port))


if __name__ == "__main__":
    app()
