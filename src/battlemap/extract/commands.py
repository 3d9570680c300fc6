"""What the `extract`, `add-document` and `accept` commands do, with their messages and exit codes.

Exit 0: done; 1: review rows refused (accept); 2: the input cannot be used (bad file, unknown place or
campaign), with a one-line message naming the file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from battlemap.extract import ArticleError, extract_text, read_article
from battlemap.extract.decoding import MAX_ARTICLE_MB
from battlemap.extract.output import as_csv, as_json, as_table
from battlemap.extract.place import guess_place
from battlemap.extract.review import NewCampaign, ReviewError, RowsRefused, accept, add_document, place_named
from battlemap.paths import project_dir

FORMATS = ("table", "csv", "json")
PROGRESS_FROM = 4_000_000  # characters: show progress on longer texts


def _fail(message: str, code: int = 2) -> int:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return code


def run_extract(
    files: list[Path], city: str | None, output_format: str, figures_are: str | None, max_size_mb: float = MAX_ARTICLE_MB
) -> int:
    if not max_size_mb > 0:
        return _fail(f"battlemap extract: --max-size {max_size_mb:g}: a size in MB greater than 0")
    if output_format not in FORMATS:
        return _fail(f"battlemap extract: --format {output_format!r} is not one of {', '.join(FORMATS)}")
    if figures_are not in (None, "status", "targets"):
        return _fail(f"battlemap extract: --figures-are {figures_are!r}: status or targets")
    try:
        fixed_place = place_named(city) if city else None
    except ReviewError as error:
        return _fail(f"battlemap extract: {error}")
    failed = False
    all_rows = []
    for index, path in enumerate(files):
        try:
            article = read_article(path, int(max_size_mb * 2**20))
        except ArticleError as error:
            _fail(f"battlemap extract: {error}")
            failed = True
            continue
        if article.note:
            typer.echo(f"{path}: {article.note}", err=True)
        place = fixed_place or guess_place(article.text)
        if place is None:
            typer.echo(f"{path}: no place found in the text; scope 'city' has no name (pass --city)", err=True)
        elif not fixed_place:
            typer.echo(
                f"{path}: place {place.name_zh_hans} ({place.admin_code}), guessed from the text; pass --city to set it", err=True
            )
        progress = _progress(path) if len(article.text) > PROGRESS_FROM else None
        proposals = extract_text(article.text, document=Path(path).stem, place=place, figures_are=figures_are, progress=progress)
        if progress:
            typer.echo("", err=True)
        if output_format == "csv":
            sys.stdout.write(as_csv(proposals, header=index == 0 or not all_rows))
        elif output_format == "table":
            typer.echo(f"{path}: {len(proposals)} figures")
            typer.echo(as_table(proposals))
        all_rows.extend(proposals)
    if output_format == "json":
        typer.echo(as_json(all_rows))
    return 2 if failed else 0


def _progress(path: Path):
    def report(done: int, total: int) -> None:
        sys.stderr.write(f"\r{path}: {done / total:.0%} of {total / 1e6:.1f}M characters")
        sys.stderr.flush()

    return report


def run_add_document(
    file,
    city,
    campaign,
    campaign_name,
    campaign_name_en,
    campaign_type,
    plan_year,
    as_of_date,
    as_of_basis,
    figures_are,
    document_id,
    title,
    publisher,
    date_as_written,
    review,
    period_start=None,
    period_end=None,
    period_as_written=None,
) -> int:
    new_campaign = None
    if (period_start or period_end or period_as_written) and not (campaign_name or plan_year):
        return _fail(
            "battlemap add-document: --period-start/--period-end/--period-as-written set a new campaign's period"
            " (with --campaign-name and --plan-year)"
        )
    if campaign_name or plan_year:
        if not (campaign_name and plan_year):
            return _fail("battlemap add-document: a new campaign needs both --campaign-name and --plan-year")
        new_campaign = NewCampaign(
            name_zh=campaign_name,
            plan_year=plan_year,
            as_of_date=as_of_date or "",
            as_of_basis=as_of_basis or "",
            name_en=campaign_name_en,
            campaign_type=campaign_type,
            figures_are=figures_are,
            period_start=period_start or "",
            period_end=period_end or "",
            period_as_written=period_as_written or "",
        )
    try:
        added = add_document(
            project_dir(),
            file,
            city,
            campaign,
            new_campaign,
            document_id=document_id,
            as_of_date=as_of_date,
            as_of_basis=as_of_basis,
            title=title,
            publisher=publisher,
            date_as_written=date_as_written,
            review_path=review,
        )
    except (ArticleError, ReviewError) as error:
        return _fail(f"battlemap add-document: {error}")
    project = project_dir()
    typer.echo(
        f"Copied {file} to {_rel(added.article, project)} and recorded it as document {added.document_id!r} "
        "in sources/curation/documents.csv."
    )
    for created in added.created:
        typer.echo(f"Added {created}")
    if added.as_of_note:
        typer.echo(f"As of {added.as_of_date}: {added.as_of_note}; pass --as-of-date to set another.")
    typer.secho(f"{added.proposals} figures proposed in {_rel(added.review, project)}.", fg=typer.colors.GREEN)
    typer.echo("Review it: write y in the accept column of every right row (correct any cell), then run")
    typer.echo(f"  battlemap accept {_rel(added.review, project)}")
    return 0


def run_accept(review: Path) -> int:
    try:
        result = accept(project_dir(), review)
    except ReviewError as error:
        return _fail(f"battlemap accept: {error}", code=1 if isinstance(error, RowsRefused) else 2)
    if result.already:
        typer.echo(
            f"{len(result.already)} accepted row(s) are already in sources/curation/observations.csv ({', '.join(result.already)}): skipped."
        )
    if result.ids:
        span = result.ids[0] if len(result.ids) == 1 else f"{result.ids[0]} … {result.ids[-1]}"
        typer.secho(f"Appended {len(result.ids)} observations to sources/curation/observations.csv ({span}).", fg=typer.colors.GREEN)
        typer.echo("Run battlemap build to verify them.")
    else:
        typer.echo(f"No new rows accepted ({result.skipped} not marked). Write y in the accept column of the rows to keep.")
    return 0


def _rel(path: Path, project: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(project.resolve()))
    except ValueError:
        return str(path)
