"""The `battlemap` command: build the warehouse, compare the cities, serve the app, check the data."""

from __future__ import annotations

from pathlib import Path

import typer

from battlemap.shared.paths import warehouse_path

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
    warehouse: Path | None = WarehouseOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the outcome."),
    full: bool = typer.Option(
        False,
        "--full",
        help="Build every table from an empty file even when only rows were added (by default a build that can prove it only adds "
        "documents adds their rows to a copy of the warehouse, and unchanged documents' texts are reused).",
    ),
) -> None:
    """Check the inputs, run dbt (seed, run, test) into a new file, and swap it into place when every test passed."""
    from battlemap.build.atomic_build import BuildError, BuildInterrupted, build_warehouse
    from battlemap.shared.processes import exit_code_for

    try:
        result = build_warehouse(warehouse or warehouse_path(), quiet=quiet, full=full)
    except BuildInterrupted as interruption:
        typer.secho(f"battlemap build {interruption}", fg=typer.colors.YELLOW, err=True)
        raise typer.Exit(exit_code_for(interruption.signum)) from None
    except BuildError as error:
        typer.secho(f"battlemap build failed: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    typer.secho(
        f"Warehouse ready: {result.path} ({result.summary}), built from the project in {result.project}; "
        f"{result.path_taken} build: {result.why}",
        fg=typer.colors.GREEN,
    )


@app.command()
def compare(warehouse: Path | None = WarehouseOption) -> None:
    """Print the cross-city comparison table from the warehouse."""
    import duckdb

    from battlemap.serve.compare import comparison_table
    from battlemap.shared.warehouse import WarehouseMissingError

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
    port: int | None = typer.Option(
        None, help="Port to serve on (default: Streamlit's settings, STREAMLIT_SERVER_PORT or .streamlit/config.toml: 8501)."
    ),
    warehouse: Path | None = WarehouseOption,
) -> None:
    """Start the Streamlit explorer on localhost (Ctrl-C or SIGTERM stops it)."""
    from battlemap.serve.launch import serve

    raise typer.Exit(serve(port=port, warehouse=warehouse or warehouse_path()))


@app.command()
def check(
    warehouse: Path | None = WarehouseOption,
    output_dir: Path | None = typer.Option(
        None, "--output-dir", help="Where results, Data Docs and history go (default: next to the warehouse)."
    ),
    max_row_drop: float | None = typer.Option(
        None, "--max-row-drop", help="Largest share of a mart's rows that may vanish since the last good run (default 0.2)."
    ),
    max_build_age_hours: float | None = typer.Option(
        None, "--max-build-age-hours", help="Oldest build that counts as fresh, in hours (default 36)."
    ),
) -> None:
    """Run the Great Expectations checks on the warehouse. Exit 0: all pass; 1: a check failed; 2: could not run."""
    from battlemap.check import run_check

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
    """Open JupyterLab on the analysis notebooks (Ctrl-C or SIGTERM stops it)."""
    from battlemap.serve.notebooks import launch

    raise typer.Exit(launch(port=port))


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Article files (UTF-8 or GB18030/GBK text)."),
    city: str | None = typer.Option(
        None, "--city", help="The document's place, e.g. 乐陵市 (default: the place the text names most)."
    ),
    output_format: str = typer.Option("table", "--format", help="table, csv or json."),
    figures_are: str | None = typer.Option(
        None, "--figures-are", help="status (a progress report) or targets (a plan): seeds/figures_are_values.csv; default: guessed from the title."
    ),
    max_size: float = typer.Option(64, "--max-size", help="Largest article read, in MB (default 64); larger files are refused."),
    url: str | None = typer.Option(
        None, "--url", help="Where the article was published: a government site's address names its place (xxgk.qinshui.gov.cn)."
    ),
) -> None:
    """Propose every figure of the articles with its quote, metric, scope, qualifier and target flag (nothing is written)."""
    from battlemap.review.commands import run_extract

    raise typer.Exit(run_extract(files, city, output_format, figures_are, max_size, url))


@app.command(name="add-document")
def add_document(
    files: list[Path] = typer.Argument(
        None, help="Articles (UTF-8 text) or folders of .txt articles, each copied byte for byte into sources/articles/."
    ),
    manifest: Path | None = typer.Option(
        None, "--manifest", help="A CSV with a row per file (file, city, campaign, as_of_date, …): its cells replace the guesses."
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Add without asking to confirm the guessed settings."),
    city: str | None = typer.Option(
        None, "--city", help="Every report's place as written, e.g. 临朐县 (default: guessed per file from its text)."
    ),
    campaign: str | None = typer.Option(
        None, "--campaign", help="An existing campaign_id, or a new one (default: the place's campaign of the year the text names)."
    ),
    campaign_name: str | None = typer.Option(None, "--campaign-name", help="New campaign: its name as written (default: the title)."),
    campaign_name_en: str = typer.Option("", "--campaign-name-en", help="New campaign: English name."),
    campaign_type: str | None = typer.Option(None, "--campaign-type", help="New campaign: a row of seeds/campaign_types.csv (default key_projects)."),
    plan_year: int | None = typer.Option(None, "--plan-year", help="New campaign: its plan year (default: the year the text names)."),
    period_start: str | None = typer.Option(
        None, "--period-start", help="New campaign: first day of its own period, YYYY-MM-DD (default: 1 January of the plan year)."
    ),
    period_end: str | None = typer.Option(
        None, "--period-end", help="New campaign: last day of its own period, YYYY-MM-DD (a 100-day campaign's 12月25日)."
    ),
    period_as_written: str | None = typer.Option(
        None, "--period-as-written", help="New campaign: its period as the text gives it (8月25日至12月25日; default: <plan year>年)."
    ),
    as_of_date: str | None = typer.Option(None, "--as-of-date", help="YYYY-MM-DD the figures describe (default: read from each text)."),
    as_of_basis: str | None = typer.Option(None, "--as-of-basis", help="How the as-of date was read (default: the words it was read from)."),
    figures_are: str | None = typer.Option(
        None, "--figures-are", help="New campaign: a value of seeds/figures_are_values.csv, status or targets (default: guessed from the title)."
    ),
    document_id: str | None = typer.Option(None, "--document-id", help="One report: its id (default <city_id>_<as-of YYYYMMDD>)."),
    title: str | None = typer.Option(None, "--title", help="Title as written (default: the first line)."),
    publisher: str = typer.Option("", "--publisher", help="Outlet as the text names it."),
    date_as_written: str = typer.Option("", "--date-as-written", help="The date exactly as the text gives it."),
    url: str = typer.Option(
        "", "--url", help="One report: the address it was published at, recorded as its origin (and a hint of its place)."
    ),
) -> None:
    """Add reports: copy each, record its origin (sha256), place and campaign, and write its figures to a review CSV.

    Place, campaign and as-of date are guessed per file from its text and shown for confirmation, unless the
    options or a manifest row give them. A report that cannot be added is named with its reason; the others go on.
    """
    from battlemap.review.commands import run_add_documents

    options = {
        "city": city,
        "campaign": campaign,
        "campaign_name": campaign_name,
        "campaign_name_en": campaign_name_en,
        "campaign_type": campaign_type,
        "plan_year": plan_year,
        "period_start": period_start,
        "period_end": period_end,
        "period_as_written": period_as_written,
        "as_of_date": as_of_date,
        "as_of_basis": as_of_basis,
        "figures_are": figures_are,
        "document_id": document_id,
        "title": title,
        "publisher": publisher,
        "date_as_written": date_as_written,
        "url": url,
    }
    raise typer.Exit(run_add_documents(files or [], options, manifest, yes))


@app.command(name="remove-document")
def remove_document(
    document_id: str = typer.Argument(..., help="The document_id to remove (sources/curation/documents.csv)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Remove without asking."),
) -> None:
    """Undo an addition: remove the document's observations, its origin row and its copied file (after a confirmation)."""
    from battlemap.review.commands import run_remove_document

    raise typer.Exit(run_remove_document(document_id, yes))


@app.command(name="accept")
def accept_review(review: Path = typer.Argument(..., help="A review CSV from add-document, rows marked accept=y.")) -> None:
    """Append the accepted rows of a review CSV to sources/curation/observations.csv (all or nothing); then run battlemap build."""
    from battlemap.review.commands import run_accept

    raise typer.Exit(run_accept(review))


if __name__ == "__main__":
    app()


@app.command()
def release(
    version: str = typer.Argument(..., help="The release's version, YEAR.MONTH.N (2026.12.0); each version is released once."),
    warehouse: Path | None = WarehouseOption,
    output_dir: Path | None = typer.Option(None, "--output-dir", "-o", help="Folder of the releases (default: $BATTLEMAP_RELEASES or releases/)."),
    previous: Path | None = typer.Option(
        None, "--previous", help="The release to list changes against, a folder or zip (default: the newest in the output folder)."
    ),
) -> None:
    """Write a data release: every mart as Parquet and CSV, datapackage.json, codebook, CITATION.cff, sources, changes, and a zip."""
    from battlemap.serve.release.build import ReleaseError, make_release
    from battlemap.shared.warehouse import WarehouseMissingError

    try:
        made = make_release(version, warehouse=warehouse, output_dir=output_dir, previous=previous)
    except WarehouseMissingError as error:
        typer.secho(f"battlemap release: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from None
    except ReleaseError as error:
        typer.secho(f"battlemap release: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(error.exit_code) from None
    since = f"since {made.previous}" if made.previous else "(a first release)"
    typer.secho(
        f"Release {made.version}: {made.folder} and {made.zip_path.name}; the data package validates. "
        f"Figures {since}: {made.added} added, {made.changed} changed, {made.removed} removed (changes.md).",
        fg=typer.colors.GREEN,
    )
