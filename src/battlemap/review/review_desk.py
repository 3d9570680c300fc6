"""The Review page's work, without Streamlit: list the pending reviews, read one with its document's text,
re-locate a quote as it is edited, propose a missed figure from the words a reviewer selected, and save
through `battlemap accept` (battlemap.review.accept: the same checks, nothing reimplemented).

A review is a CSV that `battlemap add-document` wrote under reviews/ (one row per proposed figure, the columns
of REVIEW_COLUMNS); it is pending while no observation of its document is in sources/curation/observations.csv.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from battlemap.build.figure_match import whole_figure_offset
from battlemap.extract import extract_text
from battlemap.extract.figures import find_figures
from battlemap.extract.periods import propose_period
from battlemap.extract.seedfiles import read_rows
from battlemap.extract.vocabulary import load_vocabulary
from battlemap.read.text import normalise, normalise_text
from battlemap.review.accept import accept
from battlemap.review.errors import ReviewError, RowsRefused
from battlemap.review.review_file import NO, REVIEW_COLUMNS, YES, read_review
from battlemap.shared.paths import articles_dir, corpus_file, seeds_dir
from battlemap.shared.places import Place, place_by_code

REVIEWS_FOLDER = "reviews"


@dataclass(frozen=True)
class ReviewFile:
    path: Path
    document_id: str
    proposals: int
    accepted: int  # observations of its document already in observations.csv

    @property
    def pending(self) -> bool:
        return self.accepted == 0


def reviews_dir(project: Path) -> Path:
    return Path(project) / REVIEWS_FOLDER


def review_files(project: Path) -> list[ReviewFile]:
    """Every review CSV under reviews/, the pending ones first, then by name."""
    folder = reviews_dir(project)
    if not folder.is_dir():
        return []
    _, observations = read_rows(corpus_file("observations", project))
    per_document: dict[str, int] = {}
    for row in observations:
        per_document[row["document_id"]] = per_document.get(row["document_id"], 0) + 1
    found = []
    for path in sorted(folder.glob("*.csv")):
        try:
            _, rows, broken = read_review(path)
        except (OSError, UnicodeDecodeError):
            continue
        document_id = next((row.get("document", "") for _, row in rows if row.get("document")), path.stem)
        found.append(ReviewFile(path, document_id, len(rows) + len(broken), per_document.get(document_id, 0)))
    return sorted(found, key=lambda review: (not review.pending, review.path.name))


@dataclass
class Review:
    """One review CSV as the page edits it: its rows (strings, REVIEW_COLUMNS), its document and that document's
    normalised text (where every quote's offsets point)."""

    path: Path
    document: dict[str, str]
    text: str
    rows: list[dict[str, str]]
    header: list[str] = field(default_factory=lambda: list(REVIEW_COLUMNS))

    @property
    def document_id(self) -> str:
        return self.document["document_id"]


class ReviewUnreadable(ValueError):
    """The review or its document cannot be opened; the message names the file and why."""


def load_review(project: Path, path: Path) -> Review:
    path = Path(path)
    try:
        header, numbered, broken = read_review(path)
    except (OSError, UnicodeDecodeError) as error:
        raise ReviewUnreadable(f"{path}: cannot be read ({error})") from None
    if broken:
        line, reason = broken[0]
        raise ReviewUnreadable(f"{path} line {line}: {reason}")
    rows = [{column: row.get(column, "") for column in {*REVIEW_COLUMNS, *header}} for _, row in numbered]
    document_id = next((row["document"] for row in rows if row.get("document")), path.stem)
    _, documents = read_rows(corpus_file("documents", project))
    document = next((row for row in documents if row["document_id"] == document_id), None)
    if document is None:
        raise ReviewUnreadable(f"{path}: document {document_id!r} is not in sources/curation/documents.csv")
    article = articles_dir(project) / document["file_name"]
    try:
        text = normalise_text(article.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ReviewUnreadable(f"{article}: cannot be read ({error})") from None
    ordered = list(dict.fromkeys([*header, *REVIEW_COLUMNS]))
    return Review(path, document, text, rows, ordered)


def is_marked(row: dict[str, str]) -> bool:
    return row.get("accept", "").strip().lower() in YES


def relocate(row: dict[str, str], text: str) -> dict[str, str]:
    """The row with char_start/char_end of its quote in `text`: the occurrence nearest the old offsets (a quote may
    occur twice); left as they are when the quote is not in the text (the save says so)."""
    quote = row.get("quote", "")
    if not quote:
        return row
    try:
        old = int(row.get("char_start") or 0)
    except ValueError:
        old = 0
    starts, at = [], text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        return row
    start = min(starts, key=lambda s: abs(s - old))
    return {**row, "char_start": str(start), "char_end": str(start + len(quote))}


def where(row: dict[str, str], text: str) -> str:
    """Where the row's quote and figure stand, for the table: 'ok', 'quote_missing' or 'figure_missing'
    (the checks that refuse a row are accept's; this only says what to look at)."""
    quote = row.get("quote", "")
    if not quote or quote not in text:
        return "quote_missing"
    if whole_figure_offset(quote, row.get("value_as_written", "") + row.get("unit_as_written", "")) is None:
        return "figure_missing"
    return "ok"


def figure_spans(rows: list[dict[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) to mark in the text: each quote found ("accepted" too when the row is ticked), and the
    figure inside it."""
    spans = []
    for row in rows:
        try:
            start, end = int(row["char_start"]), int(row["char_end"])
        except (KeyError, ValueError):
            continue
        spans.append((start, end, "quote"))
        if is_marked(row):
            spans.append((start, end, "accepted"))
        figure = row.get("value_as_written", "") + row.get("unit_as_written", "")
        inside = whole_figure_offset(row.get("quote", ""), figure)
        if inside is not None:
            spans.append((start + inside, start + inside + len(figure), "figure"))
    return spans


class WordsNotFound(ValueError):
    """The words a reviewer gave are not in the document's text, or hold no figure."""


def document_place(project: Path, document: dict[str, str]) -> Place | None:
    _, cities = read_rows(seeds_dir(project) / "cities.csv")
    city = next((row for row in cities if row["city_id"] == document.get("city_id")), None)
    return place_by_code(city["admin_code"]) if city and city.get("admin_code") else None


def _campaign(project: Path, campaign_id: str) -> dict[str, str]:
    _, campaigns = read_rows(seeds_dir(project) / "campaigns.csv")
    return next((row for row in campaigns if row["campaign_id"] == campaign_id), {})


def missed_figures(project: Path, review: Review, words: str) -> list[dict[str, str]]:
    """Review rows for the figures in `words`, a stretch of the document (in either script, with or without its
    inline pinyin): the quote is those words as the normalised text has them, its offsets found, each figure's
    value and unit read by the extractor's rules, and metric, scope, qualifier, target flag and period proposed
    by the extractor where it reads them (the reviewer corrects what it cannot). WordsNotFound otherwise."""
    quote = normalise(words.strip()).text.strip()
    if not quote:
        raise WordsNotFound("empty")
    start = review.text.find(quote)
    if start < 0:
        raise WordsNotFound("not_in_text")
    vocabulary = load_vocabulary(seeds_dir(project))
    spans = find_figures(quote, vocabulary)
    if not spans:
        raise WordsNotFound("no_figure")
    campaign = _campaign(project, review.document.get("campaign_id", ""))
    figures_are = campaign.get("figures_are") or None
    place = document_place(project, review.document)
    proposals = extract_text(quote, document=review.document_id, place=place, figures_are=figures_are, vocabulary=vocabulary)
    plan_year = campaign.get("plan_year", "")
    campaign_is_a_year = (campaign.get("period_start"), campaign.get("period_end")) == (f"{plan_year}-01-01", f"{plan_year}-12-31")
    rows = []
    for span in spans:
        value, unit = span.number, span.unit
        proposal = next((p for p in proposals if (p.value_as_written, p.unit_as_written) == (value, unit)), None)
        is_target = proposal.is_target if proposal else figures_are == "targets"
        row = {column: "" for column in REVIEW_COLUMNS}
        row.update(
            accept="y",
            document=review.document_id,
            scope_level=proposal.scope_level if proposal else "city",
            scope_name=proposal.scope_name if proposal else (place.name_zh_hans if place else ""),
            metric_id=proposal.metric_id if proposal else "other",
            value=str(proposal.row()["value"]) if proposal else "",
            unit_as_written=unit,
            value_as_written=value,
            qualifier=proposal.qualifier if proposal else vocabulary.default_qualifier,
            is_target="true" if is_target else "false",
            quote=quote,
            char_start=str(start),
            char_end=str(start + len(quote)),
            period=propose_period(review.text, start, start + len(quote), is_target, campaign_is_a_year, project),
            note="added in review",
        )
        if proposal and proposal.scope_level in ("city", "district"):
            row["scope_name_en"] = _english_of(proposal.scope_name)
        rows.append(row)
    return rows


def _english_of(name: str) -> str:
    from battlemap.shared.places import english_name

    return english_name(name) if name else ""


# --- saving ----------------------------------------------------------------------------------------------


@dataclass
class Saved:
    """What the save did, per row (index into the review's rows): the observation id it was appended as or is
    already, or the reasons accept refused it; rows not marked are absent. `appended` is 0 when anything was
    refused (accept writes all or nothing)."""

    accepted: dict[int, str] = field(default_factory=dict)
    already: dict[int, str] = field(default_factory=dict)
    refused: dict[int, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)  # problems of no one row

    @property
    def appended(self) -> int:
        return len(self.accepted)


def review_csv(header: list[str], rows: list[dict[str, str]]) -> tuple[str, list[int]]:
    """The review as CSV text and the line each row starts on (the header is line 1)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    lines, line = [], 2
    for row in rows:
        before = buffer.tell()
        writer.writerow({column: row.get(column, "") for column in header})
        lines.append(line)
        line += buffer.getvalue()[before:].count("\n")
    return buffer.getvalue(), lines


def save(project: Path, review: Review) -> Saved:
    """Write the review CSV as edited (accept y on the marked rows) and run `battlemap accept` on it."""
    rows = [{**row, "accept": "y" if is_marked(row) else ("" if row.get("accept", "").strip().lower() in NO else row["accept"])}
            for row in review.rows]
    text, lines = review_csv(review.header, rows)
    review.path.parent.mkdir(parents=True, exist_ok=True)
    review.path.write_text(text, encoding="utf-8")
    by_line = {line: index for index, line in enumerate(lines)}
    saved = Saved()
    try:
        result = accept(project, review.path)
    except RowsRefused as refusal:
        for problem in refusal.problems:
            index = by_line.get(problem.line or 0)
            if index is None:
                saved.general.append(str(problem))
            else:
                saved.refused.setdefault(index, []).append(problem.reason)
        return saved
    except ReviewError as error:  # the seeds themselves do not read: no row is at fault
        saved.general.append(str(error))
        return saved
    for line, observation_id in result.by_line.items():
        if line in by_line:
            target = saved.already if observation_id in result.already else saved.accepted
            target[by_line[line]] = observation_id
    return saved
