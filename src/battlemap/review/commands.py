"""What the `extract`, `add-document` and `accept` commands do, with their messages and exit codes.

Exit 0: done; 1: review rows refused (accept); 2: the input cannot be used (bad file, unknown place or
campaign), with a one-line message naming the file.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import typer

from battlemap.extract import ArticleError, extract_text, read_article
from battlemap.extract.output import as_csv, as_json, as_table
from battlemap.extract.place import guess_place
from battlemap.extract.seedfiles import read_rows
from battlemap.read.decoding import MAX_ARTICLE_MB
from battlemap.review.accept import accept
from battlemap.review.add_document import add_document, place_named
from battlemap.review.errors import ReviewError, RowsRefused
from battlemap.shared import vocabularies
from battlemap.shared.paths import project_dir, seeds_dir

FORMATS = ("table", "csv", "json")
PROGRESS_FROM = 4_000_000  # characters: show progress on longer texts


def _fail(message: str, code: int = 2) -> int:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return code


def run_extract(
    files: list[Path],
    city: str | None,
    output_format: str,
    figures_are: str | None,
    max_size_mb: float = MAX_ARTICLE_MB,
    url: str | None = None,
) -> int:
    if not max_size_mb > 0:
        return _fail(f"battlemap extract: --max-size {max_size_mb:g}: a size in MB greater than 0")
    if output_format not in FORMATS:
        return _fail(f"battlemap extract: --format {output_format!r} is not one of {', '.join(FORMATS)}")
    natures = vocabularies.values("figures_are_values")
    if figures_are is not None and figures_are not in natures:
        return _fail(f"battlemap extract: --figures-are {figures_are!r}: {' or '.join(natures)}")
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
        place = fixed_place or guess_place(article.text, url)
        if place is None:
            typer.echo(f"{path}: no place found in the text; scope 'city' has no name (pass --city)", err=True)
        elif not fixed_place:
            typer.echo(
                f"{path}: place {place.name_zh_hans} ({place.admin_code}), guessed from the text"
                + (" and its address" if url else "")
                + "; pass --city to set it",
                err=True,
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


def run_add_documents(paths: list[Path], options: dict, manifest: Path | None, yes: bool) -> int:
    """Add one report or many: settings from the options, a manifest row or the text (shown for confirmation when
    guessed), a progress bar, one review CSV per report, a summary table; a report that fails does not stop the others.
    Exit 0: every report added; 2: some could not be (each named with its reason), or nothing to add."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from battlemap.review.batch import GUESSED, ManifestError, read_manifest, report_files, settle

    project = project_dir()
    err = Console(stderr=True, highlight=False)
    out = Console(highlight=False, width=shutil.get_terminal_size((160, 24)).columns)
    try:
        rows = read_manifest(manifest) if manifest else {}
    except ManifestError as error:
        return _fail(f"battlemap add-document: {error}")
    files = report_files(paths) if paths else list(rows)
    if paths:
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            return _fail(f"battlemap add-document: {missing[0]}: no such file or folder")
        by_name = {p.resolve(): r for p, r in rows.items()}
        rows = {f: by_name.get(Path(f).resolve(), (0, {})) for f in files}
    if not files:
        return _fail("battlemap add-document: no report to add (give files, a folder of .txt files, or --manifest)")
    if len(files) > 1 and options.get("document_id"):
        return _fail("battlemap add-document: --document-id names one report; give ids per file in a manifest's document_id column")
    if len(files) > 1 and options.get("url"):
        return _fail("battlemap add-document: --url is one report's address; give addresses per file in a manifest's url column")

    pending: dict = {}
    plans = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err, transient=True) as bar:
        task = bar.add_task("Reading the reports", total=len(files))
        for file in files:
            plans.append(settle(project, file, options, rows.get(file, (0, {}))[1], pending))
            bar.advance(task)

    # A guessed place or campaign is shown for confirmation; an as-of date read from the text of a report whose
    # place and campaign were given is said with the result, as add-document always did ("pass --as-of-date").
    if any(plan.origin.get(key) == GUESSED for plan in plans for key in ("place", "campaign")) and not yes:
        out.print(_settings_table(plans, project))
        try:
            confirmed = typer.confirm(f"Add {sum(not p.problem for p in plans)} report(s) with these settings?", default=False)
        except typer.Abort:  # no answer (end of input)
            confirmed = False
        if not confirmed:
            typer.echo("Nothing added. Give the settings with --city/--campaign/--as-of-date or a manifest (--manifest), or confirm with --yes.")
            return 1

    results: list[tuple[object, object]] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=len(files) == 1) as bar:
        task = bar.add_task("Adding reports", total=len(files))
        for plan in plans:
            bar.update(task, description=f"Adding {Path(plan.file).name}")
            results.append((plan, _add_one(project, plan)))
            bar.advance(task)
        bar.update(task, description="Added")

    failed = [plan for plan, outcome in results if isinstance(outcome, str)]
    if len(results) == 1:
        plan, outcome = results[0]
        if isinstance(outcome, str):
            return _fail(f"battlemap add-document: {outcome}")
        _say_added(plan.file, outcome, project)
        return 0
    for _plan, outcome in results:
        if isinstance(outcome, str):
            typer.secho(f"battlemap add-document: {outcome}", fg=typer.colors.RED, err=True)
    out.print(_summary_table(results, project))
    added = len(results) - len(failed)
    typer.secho(
        f"{added} of {len(results)} reports added" + (f"; {len(failed)} not added (reasons above)." if failed else "."),
        fg=typer.colors.GREEN if not failed else typer.colors.YELLOW,
    )
    if added:
        typer.echo("Review each CSV (write y in the accept column of every right row), then run battlemap accept on it.")
    return 2 if failed else 0


def _add_one(project: Path, plan):
    """The Added record, or the reason the report was not added (one line, naming the file)."""
    from battlemap.review.batch import GUESSED

    if plan.problem:
        return plan.problem
    _, campaigns = read_rows(seeds_dir(project) / "campaigns.csv")
    exists = any(row["campaign_id"] == plan.campaign_id for row in campaigns)
    as_of = plan.as_of_date
    basis = plan.as_of_basis
    if exists and plan.origin.get("as_of_date") == GUESSED:
        as_of = basis = None  # read again, with the check that it is not the date of the campaign's other reports
    try:
        return add_document(
            project,
            plan.file,
            plan.city,
            plan.campaign_id,
            None if exists else (plan.new_campaign or plan.joins),
            document_id=plan.document_id,
            as_of_date=as_of,
            as_of_basis=basis,
            title=plan.title,
            publisher=plan.publisher,
            date_as_written=plan.date_as_written,
            url=plan.url,
        )
    except (ArticleError, ReviewError) as error:
        text = str(error)
        return text if str(plan.file) in text else f"{plan.file}: {text}"
    except Exception as error:  # noqa: BLE001 - one report's failure must not stop the others
        return f"{plan.file}: could not be added ({type(error).__name__}: {error})"


def _settings_table(plans, project: Path):
    from rich.table import Table

    table = Table(title="Settings per report (guessed ones marked *)", title_justify="left")
    for name in ("file", "place", "campaign", "as of", "as-of basis"):
        table.add_column(name, overflow="fold", no_wrap=name in ("file", "as of"))

    def mark(plan, key: str, value: str) -> str:
        return f"{value} *" if plan.origin.get(key) == "guessed" and value else value

    for plan in plans:
        if plan.problem:
            table.add_row(_escape(Path(plan.file).name), f"[red]cannot be added: {_escape(_reason(plan.problem, plan.file))}[/red]", "", "", "")
            continue
        place = f"{plan.place.name_zh_hans} ({plan.place.admin_code})"
        campaign = plan.campaign_id + (f" (new: {plan.new_campaign.name_zh}, {plan.new_campaign.plan_year})" if plan.new_campaign else "")
        table.add_row(
            _escape(Path(plan.file).name),
            mark(plan, "place", _escape(place)),
            mark(plan, "campaign", _escape(campaign)),
            mark(plan, "as_of_date", plan.as_of_date),
            _escape(plan.as_of_basis),
        )
    return table


def _summary_table(results, project: Path):
    from rich.table import Table

    table = Table(title="Reports", title_justify="left")
    for name in ("file", "document", "campaign", "as of", "figures", "review / reason"):
        table.add_column(name, overflow="fold", no_wrap=name in ("file", "as of", "figures"))
    for plan, outcome in results:
        name = _escape(Path(plan.file).name)
        if isinstance(outcome, str):
            table.add_row(name, "[red]not added[/red]", "", "", "", _escape(_reason(outcome, plan.file)))
        else:
            table.add_row(
                name, outcome.document_id, outcome.campaign_id, outcome.as_of_date, str(outcome.proposals), _rel(outcome.review, project)
            )
    return table


def _reason(message: str, file: Path) -> str:
    """The message without the file name it starts with (the table's first column names the file)."""
    for prefix in (f"{file}: ", f"{Path(file).name}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text or "")


def _say_added(file: Path, added, project: Path) -> None:
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


def run_remove_document(document_id: str, yes: bool) -> int:
    from battlemap.review.batch import plan_removal, remove_document

    project = project_dir()
    try:
        removal = plan_removal(project, document_id)
    except ReviewError as error:
        return _fail(f"battlemap remove-document: {error}")
    typer.echo(f"Removing document {document_id!r}:")
    typer.echo(f"  its row in sources/curation/documents.csv (campaign {removal.campaign_id})")
    typer.echo(f"  {len(removal.observation_ids)} observation(s) in sources/curation/observations.csv")
    if removal.campaign_left_empty:
        typer.echo(f"  campaign {removal.campaign_id} in seeds/campaigns.csv (it has no other document)")
    if removal.city_left_empty:
        typer.echo(f"  place {removal.city_left_empty} in seeds/cities.csv (it has no other campaign)")
    if removal.article is not None:
        typer.echo(f"  the file {_rel(removal.article, project)}")
    if not yes:
        try:
            confirmed = typer.confirm("Remove them?", default=False)
        except typer.Abort:  # no answer (end of input)
            confirmed = False
        if not confirmed:
            typer.echo("Nothing removed.")
            return 1
    remove_document(project, removal)
    typer.secho(f"Removed document {document_id!r} and {len(removal.observation_ids)} observation(s).", fg=typer.colors.GREEN)
    if removal.review is not None:
        typer.echo(f"Its review {_rel(removal.review, project)} is kept (delete it if you no longer need it).")
    typer.echo("Run battlemap build to rebuild the warehouse without it.")
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
