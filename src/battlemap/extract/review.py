"""The review flow: `add-document` proposes a document's figures into a review CSV; `accept` appends the
rows a person marked to sources/curation/observations.csv. Nothing enters the warehouse unreviewed, and what is
accepted is checked with the build's own input rules (battlemap.inputs) before anything is written.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from battlemap import vocabularies
from battlemap.extract import COLUMNS, ArticleError, extract_text, guess_figures_are, read_article
from battlemap.extract.asof import suggest_as_of, suggest_campaign_period
from battlemap.extract.periods import propose_period
from battlemap.extract.places_seed import ensure_place
from battlemap.extract.seedfiles import append_rows, read_rows
from battlemap.inputs import (
    Problem,
    Seed,
    check_articles,
    check_observations,
    check_references,
    read_seed,
    records_of,
    shorten,
    text_problem,
    unclosed_quote_line,
    value_problem,
)
from battlemap.paths import articles_dir, corpus_file, seeds_dir
from battlemap.places import AmbiguousPlaceError, Place, english_name, resolve_place
from battlemap.safe_csv import BOM
from battlemap.seed_schema import seed_schemas, vocabulary
from battlemap.text import normalise, strip_pinyin

# `period` (seeds/periods.csv) is proposed here from the words around each figure (battlemap.extract.periods).
REVIEW_COLUMNS = ("accept", *COLUMNS, "period", "scope_name_en", "as_of_date", "note")
# A document id never looks like an observation id, which is a document id and _NN (leling_20240630_01).
DOCUMENT_ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
LOOKS_LIKE_OBSERVATION_ID = re.compile(r"_[0-9]{1,3}$")
YES = {"y", "yes", "true", "1", "x", "✓", "是"}
NO = {"", "n", "no", "false", "0", "否"}


class ReviewError(ValueError):
    """A one-line reason the command cannot go on (exit 2)."""


class RowsRefused(ReviewError):
    """Accepted rows of a review CSV that do not fit, one line each (exit 1); nothing was appended.
    `problems` holds them one by one (file, line, reason) for a caller that shows them per row."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


@dataclass
class NewCampaign:
    name_zh: str
    plan_year: int
    as_of_date: str
    as_of_basis: str
    name_en: str = ""
    campaign_type: str = "key_projects"
    period_as_written: str = ""
    figures_are: str | None = None
    period_start: str = ""  # YYYY-MM-DD; both empty: the plan year
    period_end: str = ""


@dataclass
class Added:
    document_id: str
    article: Path
    review: Path
    proposals: int
    city_id: str
    campaign_id: str
    created: list[str] = field(default_factory=list)  # seed rows created besides the document's
    as_of_date: str = ""
    as_of_basis: str = ""
    as_of_note: str = ""  # how the as-of date of a later report was read (from its text)


def place_named(name: str) -> Place:
    try:
        place = resolve_place(name)
    except AmbiguousPlaceError as error:
        raise ReviewError(str(error)) from None
    if place is None:
        raise ReviewError(
            f"--city {name!r} is not a place in the national gazetteer (write it as the document does, e.g. 乐陵市)"
        )
    return place


def add_document(
    project: Path,
    source: Path,
    city: str,
    campaign_id: str,
    new_campaign: NewCampaign | None = None,
    document_id: str | None = None,
    as_of_date: str | None = None,
    as_of_basis: str | None = None,
    title: str | None = None,
    publisher: str = "",
    date_as_written: str = "",
    review_path: Path | None = None,
) -> Added:
    """Copy the article, record it, and write its review CSV. Everything is checked before anything is written."""
    seeds = seeds_dir(project)
    article = read_article(source)  # ArticleError: empty, binary, not Chinese, unreadable
    if article.encoding != "utf-8":
        raise ArticleError(
            f"{source}: {article.note}; the build reads UTF-8 only, so convert it first: "
            f"iconv -f GB18030 -t UTF-8 {source} > {Path(source).stem}.utf8.txt"
        )
    data = Path(source).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    place = place_named(city)

    _, documents = read_rows(corpus_file("documents", project))
    for row in documents:
        if row.get("sha256") == digest:
            raise ReviewError(f"{source}: already added, as document {row['document_id']!r} ({row['file_name']})")
    _, campaigns = read_rows(seeds / "campaigns.csv")
    campaign = next((row for row in campaigns if row["campaign_id"] == campaign_id), None)
    if campaign is None and new_campaign is None:
        raise ReviewError(
            f"--campaign {campaign_id!r} is not in seeds/campaigns.csv; to create it give --campaign-name, --plan-year, "
            "--as-of-date and --as-of-basis"
        )
    if new_campaign is not None and campaign is not None:
        raise ReviewError(f"--campaign {campaign_id!r} already exists in seeds/campaigns.csv; drop --campaign-name to use it")
    if new_campaign is not None:
        _check_new_campaign(seeds, campaign_id, new_campaign, article.text)

    target_dir = articles_dir(project)
    file_name = Path(source).name if Path(source).suffix == ".txt" else Path(source).stem + ".txt"
    destination = target_dir / file_name
    if destination.exists() and destination.read_bytes() != data:
        raise ReviewError(f"{destination} exists with other content; rename the file and try again")
    if any(row["file_name"] == file_name for row in documents):
        raise ReviewError(f"sources/curation/documents.csv already records a file named {file_name}; rename the file and try again")

    figures_are = (new_campaign.figures_are if new_campaign else campaign.get("figures_are")) or guess_figures_are(article.text)
    plan_year = new_campaign.plan_year if new_campaign else int(campaign["plan_year"])
    as_of_note = ""
    if new_campaign is not None:
        doc_as_of = as_of_date or new_campaign.as_of_date
        doc_basis = as_of_basis or new_campaign.as_of_basis
    else:
        doc_as_of, doc_basis, as_of_note = _later_report_as_of(
            campaign_id, documents, article.text, plan_year, as_of_date, as_of_basis
        )
    _check_date(doc_as_of, "--as-of-date")
    if document_id is not None:
        _check_document_id(document_id, project)

    # All checked: write.
    city_id, city_added = ensure_place(seeds, place)
    created = [f"seeds/cities.csv: {city_id} ({place.name_zh_hans}, {place.admin_code})"] if city_added else []
    if campaign is None:
        append_rows(seeds / "campaigns.csv", [_campaign_row(campaign_id, city_id, new_campaign, figures_are)])
        created.append(f"seeds/campaigns.csv: {campaign_id}")
    elif campaign["city_id"] != city_id:
        raise ReviewError(
            f"campaign {campaign_id!r} belongs to city {campaign['city_id']!r}, not {city_id!r} ({place.name_zh_hans})"
        )
    taken = {row["document_id"] for row in documents}
    document_id = document_id or _fresh_document_id(f"{city_id}_{doc_as_of.replace('-', '')}", taken)
    if document_id in taken:
        raise ReviewError(f"document id {document_id!r} is already in sources/curation/documents.csv")
    target_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    text = article.text
    append_rows(
        corpus_file("documents", project),
        [
            {
                "document_id": document_id,
                "file_name": file_name,
                "sha256": digest,
                "city_id": city_id,
                "campaign_id": campaign_id,
                "title_as_written": title if title is not None else strip_pinyin(text.strip().split("\n", 1)[0].strip())[0][:120],
                "title_en": "",
                "publisher_as_written": publisher,
                "publication_date": "",
                "date_as_written": date_as_written,
                "script": "traditional" if _looks_traditional(text) else "simplified",
                "document_type": "plan" if figures_are == "targets" else "news_report",
                "known_defects": "",
                "as_of_date": doc_as_of,
                "as_of_basis": doc_basis,
                "as_of_basis_zh": as_of_basis_zh(doc_basis),
            }
        ],
    )
    proposals = extract_text(text, document=document_id, place=place, figures_are=figures_are)
    review = review_path or (Path(project) / "reviews" / f"{document_id}.csv")
    campaign_row = campaign or _campaign_row(campaign_id, city_id, new_campaign, figures_are)
    campaign_is_a_year = (str(campaign_row["period_start"]), str(campaign_row["period_end"])) == (
        f"{plan_year}-01-01",
        f"{plan_year}-12-31",
    )
    write_review(review, proposals, place, text=normalise(text).text, campaign_is_a_year=campaign_is_a_year, project=project)
    return Added(
        document_id, destination, review, len(proposals), city_id, campaign_id, created, doc_as_of, doc_basis, as_of_note
    )


def _later_report_as_of(
    campaign_id: str,
    documents: list[dict[str, str]],
    text: str,
    plan_year: int,
    as_of_date: str | None,
    as_of_basis: str | None,
) -> tuple[str, str, str]:
    """(as-of date, basis, how it was read) of a later report of an existing campaign: read from its text
    (截至9月底, 1—9月, 三季度) unless --as-of-date gives it, and never the date of the campaign's other
    reports without saying so (--as-of-date confirms a second outlet's report of the same day)."""
    suggestion = suggest_as_of(normalise(text[:20000]).text, plan_year)
    earlier = {row["as_of_date"]: row["document_id"] for row in documents if row["campaign_id"] == campaign_id}
    if as_of_date:
        basis = as_of_basis or (f"{suggestion[1]}{READ_FROM_TEXT}" if suggestion and suggestion[0].isoformat() == as_of_date
                                else f"{CURATOR_GAVE} (--as-of-date)")
        return as_of_date, basis, ""
    if suggestion is None:
        raise ReviewError(
            f"campaign {campaign_id!r} exists, and the text names no period to read this report's as-of date from "
            "(截至6月底, 1—9月, 三季度): give --as-of-date (YYYY-MM-DD, the date its figures describe) and --as-of-basis"
        )
    found, words = suggestion[0].isoformat(), suggestion[1]
    if found in earlier:
        raise ReviewError(
            f"the text's as-of date {found} (read from {words!r}) is that of document {earlier[found]!r} of campaign "
            f"{campaign_id!r}: if this is another outlet's report of the same day, confirm it with --as-of-date {found}; "
            "otherwise give the right --as-of-date"
        )
    return found, as_of_basis or f"{words}{READ_FROM_TEXT}", f"as-of date {found} read from the text ({words})"


READ_FROM_TEXT = " (read from the text)"
CURATOR_GAVE = "as of the date the curator gave"


def as_of_basis_zh(basis: str) -> str:
    """The as-of basis in Chinese where it was generated here (or is Chinese already); empty when only the curator
    can say it (the app then shows the English)."""
    if basis.endswith(READ_FROM_TEXT):
        return basis[: -len(READ_FROM_TEXT)] + "(从原文读出)"
    if basis.startswith(CURATOR_GAVE):
        return "整理者给出的日期(--as-of-date)"
    return basis if not re.search(r"[A-Za-z]{2,}", basis) else ""


def _check_document_id(document_id: str, project: Path) -> None:
    if not DOCUMENT_ID.fullmatch(document_id):
        raise ReviewError(f"--document-id {document_id!r}: use lower-case letters, digits and _ (e.g. leling_20240930)")
    if LOOKS_LIKE_OBSERVATION_ID.search(document_id):
        raise ReviewError(
            f"--document-id {document_id!r} ends in _ and a number, as observation ids do ({document_id}_01 is the first "
            "figure of a document): end it otherwise (e.g. with the as-of date, leling_20240930)"
        )
    _, observations = read_rows(corpus_file("observations", project))
    if any(row["observation_id"] == document_id for row in observations):
        raise ReviewError(f"--document-id {document_id!r} is an observation id in sources/curation/observations.csv")


def _fresh_document_id(base: str, taken: set[str]) -> str:
    """base, or base_b, base_c … (letters: a number at the end is how observation ids end)."""
    if base not in taken:
        return base
    for letter in "bcdefghijklmnopqrstuvwxyz":
        if (candidate := f"{base}_{letter}") not in taken:
            return candidate
    raise ReviewError(f"too many documents named {base}_…: give --document-id")


def write_review(
    path: Path, proposals, place: Place | None = None, text: str = "", campaign_is_a_year: bool = True, project: Path | None = None
) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # With a byte-order mark, so spreadsheet programs read the Chinese text as UTF-8 (accept reads it with or without).
    path.write_text(BOM + review_csv_text(proposals, place, text, campaign_is_a_year, project), encoding="utf-8")


def review_csv_text(
    proposals, place: Place | None = None, text: str = "", campaign_is_a_year: bool = True, project: Path | None = None
) -> str:
    """The review CSV as text (for the app's download). `text` is the normalised text the proposals'
    offsets point into, read for each figure's period (without it, from the quote alone)."""
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for proposal in proposals:
        row = proposal.row()
        row["is_target"] = "true" if proposal.is_target else "false"
        scope_en = (
            english_name(proposal.scope_name) if proposal.scope_level in ("city", "district") and proposal.scope_name else ""
        )
        if text:
            period = propose_period(text, proposal.char_start, proposal.char_end, proposal.is_target, campaign_is_a_year, project)
        else:
            period = propose_period(proposal.quote, 0, len(proposal.quote), proposal.is_target, campaign_is_a_year, project)
        writer.writerow({"accept": "", **row, "period": period, "scope_name_en": scope_en, "as_of_date": "", "note": ""})
    return buffer.getvalue()


@dataclass
class Accepted:
    ids: list[str]
    skipped: int  # rows not marked
    already: list[str]  # rows already in observations.csv
    by_line: dict[int, str] = field(default_factory=dict)  # line of the review -> the observation id it is (new or already)


def accept(project: Path, review: Path) -> Accepted:
    """Append the rows marked accept=y to sources/curation/observations.csv; ReviewError listing every refused row (nothing written)."""
    review = Path(review)
    shown = str(review)
    if not review.is_file():
        raise ReviewError(f"{shown}: no such file")
    try:
        header, numbered, broken = read_review(review)
    except UnicodeDecodeError as error:
        raise ReviewError(not_utf8_message(review, error)) from None
    required = (
        "accept",
        "document",
        "scope_level",
        "scope_name",
        "metric_id",
        "value_as_written",
        "unit_as_written",
        "qualifier",
        "is_target",
        "period",
        "quote",
    )
    missing = [c for c in required if c not in header]
    if missing:
        raise ReviewError(
            f"{shown} line 1: missing column(s): {', '.join(missing)} (expected a review CSV from battlemap add-document)"
        )

    problems: list[Problem] = [Problem(shown, reason, line=line) for line, reason in broken]
    seed_problems: list[Problem] = []
    schemas = seed_schemas(project)
    # The seeds the checks read, and every seed an observation's column references (periods, the vocabularies:
    # seeds/scope_levels.csv, qualifiers.csv), so that accept refuses what the build refuses.
    referenced = [c.references[0] for c in schemas["observations"].columns.values() if c.references and c.references[0] in schemas]
    names = dict.fromkeys(("documents", "cities", "campaigns", "metrics", "units", "periods", *referenced, "observations"))
    seeds = {name: read_seed(project, schemas[name], seed_problems) for name in names}
    if seed_problems:
        raise ReviewError("; ".join(str(p) for p in seed_problems[:3]))
    documents = seeds["documents"].by_key()
    existing = seeds["observations"]
    known = {_identity(row): row["observation_id"] for _, row in existing.rows}
    taken = existing.keys()

    chosen: list[tuple[int, dict[str, str]]] = []
    already: list[str] = []
    by_line: dict[int, str] = {}
    skipped = 0
    for line, row in numbered:
        mark = row["accept"].strip().lower()
        if mark in NO:
            skipped += 1
            continue
        if mark not in YES:
            problems.append(
                Problem(shown, f"accept is {row['accept']!r}: write y to accept the row, or leave it empty", line=line)
            )
            continue
        document = documents.get(row["document"].strip())
        if document is None:
            problems.append(
                Problem(
                    shown,
                    f"document {shorten(row['document'])} is not in sources/curation/documents.csv (add it with battlemap add-document)",
                    line=line,
                )
            )
            continue
        observation = _observation(row, document)
        if _identity(observation) in known:
            already.append(known[_identity(observation)])
            by_line[line] = known[_identity(observation)]
            continue
        chosen.append((line, observation))

    ids = _fresh_ids([obs["document_id"] for _, obs in chosen], taken)
    for (line, observation), new_id in zip(chosen, ids, strict=True):
        observation["observation_id"] = new_id
        by_line[line] = new_id
    problems += _campaign_wide_conflicts(shown, chosen, existing, documents)
    texts = check_articles(project, seeds["documents"], [])
    rule_problems: list[Problem] = []
    # The rules the build applies to every observation row: its types and vocabularies (seeds/_seeds.yml),
    # its references to the other seeds, and the cross-seed checks of the input pass.
    accepted = Seed("observations", review, chosen, "observation_id")
    for line, observation in chosen:
        # The build reads observations.csv one line per row, with no invisible characters in its names.
        for name, value in observation.items():
            reason = text_problem(name, value)
            if reason:
                rule_problems.append(Problem(shown, reason, line=line))
        for column in schemas["observations"].columns.values():
            reason = value_problem(column, observation.get(column.name, ""))
            if reason:
                rule_problems.append(Problem(shown, reason, line=line))
    check_references({**seeds, "observations": accepted}, {"observations": schemas["observations"]}, rule_problems)
    check_observations(accepted, seeds, texts, rule_problems)
    problems += [Problem(shown, p.reason, line=p.line) for p in rule_problems]
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise RowsRefused(
            "\n".join(str(p) for p in problems)
            + f"\nNothing was appended to sources/curation/observations.csv ({len(problems)} row(s) refused).",
            problems,
        )
    if chosen:
        append_rows(corpus_file("observations", project), [obs for _, obs in chosen])
    return Accepted(ids, skipped, already, by_line)


def not_utf8_message(path: Path, error: UnicodeDecodeError) -> str:
    """Why a review CSV cannot be read, and how to convert it: spreadsheet programs in Chinese locales save GB18030."""
    shown = str(path)
    line = Path(path).read_bytes()[: error.start].count(b"\n") + 1
    converted = f"{Path(path).stem}.utf8.csv"
    try:
        Path(path).read_bytes().decode("gb18030")
    except UnicodeDecodeError:
        return (
            f"{shown} line {line}: not UTF-8 ({error.reason} at byte {error.start}) nor GB18030: save it again as "
            "CSV UTF-8 and accept that file"
        )
    return (
        f"{shown} line {line}: saved as GB18030/GBK, not UTF-8 (a spreadsheet's default in Chinese locales). Save it as "
        f"\"CSV UTF-8\" instead, or convert it: iconv -f GB18030 -t UTF-8 {shown} > {converted} (then battlemap accept {converted})"
    )


def read_review(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[tuple[int, str]]]:
    """Header, (line, row) of each one-line record, and (line, reason) of each record that is not one line: a
    field with a line break, or a stray quote that runs on to the end of the file. Lines as an editor counts them."""
    text = Path(path).read_bytes().decode("utf-8-sig")
    try:
        records = records_of(text)
    except csv.Error:
        # A stray quote that is never closed: named by its line, the rest of the file not read as its field.
        header = next(csv.reader([text.split("\n", 1)[0]]), [])
        line = unclosed_quote_line(text)
        return header, [], [(line, 'a quoted field opened on this line is never closed (a stray "?): fix the row, then accept again')]
    if not records:
        return [], [], []
    header = records[0][2]
    rows, broken = [], []
    for first, last, fields in records[1:]:
        if first != last or any("\n" in f or "\r" in f for f in fields):
            columns = [name for name, f in zip(header, fields) if "\n" in f or "\r" in f]
            where = f" ({', '.join(columns)})" if columns and len(fields) == len(header) else ""
            broken.append(
                (
                    first,
                    f"a field runs over lines {first}-{last}{where}: fields may not contain line breaks "
                    "(or a stray \" opened a field that is never closed)",
                )
            )
            continue
        rows.append((first, {name: (fields[i] if i < len(fields) else "") for i, name in enumerate(header)}))
    return header, rows, broken


def _campaign_wide_conflicts(
    shown: str, chosen: list[tuple[int, dict[str, str]]], existing: Seed, documents: dict[str, dict[str, str]]
) -> list[Problem]:
    """The build's rule that a campaign-wide figure is stated once per document, metric, target flag, period
    and as-of date (models/intermediate/int_observations_converted.yml: unique_combination_of_columns), checked
    here so the reviewer hears it per row: a year's target beside the achievement of 1—6月 is fine, and so is
    a later report's figure (another document)."""

    def key(row: dict[str, str]) -> tuple[str, ...]:
        as_of = row.get("as_of_date") or documents.get(row["document_id"], {}).get("as_of_date", "")
        return (row["document_id"], row["metric_id"], row["is_target"].strip().lower(), row.get("period", ""), as_of)

    first: dict[tuple[str, ...], str] = {
        key(row): f"observation {row['observation_id']}" for _, row in existing.rows if row["scope_level"] == "city"
    }
    problems = []
    for line, row in chosen:
        if row["scope_level"] != "city":
            continue
        identity = key(row)
        if identity in first:
            document, metric, target, period, as_of = identity
            kind = "target" if target == "true" else "achievement"
            problems.append(
                Problem(
                    shown,
                    f"document {document!r} already has a city-wide {metric} {kind} for period {period!r} as of {as_of} "
                    f"({first[identity]}): accept one of them, or correct this one's scope, period or target flag",
                    line=line,
                )
            )
        else:
            first[identity] = f"line {line}"
    return problems


def _observation(row: dict[str, str], document: dict[str, str]) -> dict[str, str]:
    return {
        "observation_id": "",
        "document_id": document["document_id"],
        "campaign_id": document["campaign_id"],
        "scope_level": row["scope_level"].strip(),
        "scope_name": row["scope_name"].strip(),
        "scope_name_en": (row.get("scope_name_en") or "").strip(),
        "metric_id": row["metric_id"].strip(),
        "value_as_written": row["value_as_written"].strip(),
        "unit_as_written": row["unit_as_written"].strip(),
        "qualifier": row["qualifier"].strip(),
        "is_target": row["is_target"].strip().lower(),
        "period": (row.get("period") or "").strip(),
        "as_of_date": (row.get("as_of_date") or "").strip(),
        "quote": row["quote"],
        "note": (row.get("note") or "").strip(),
        # Health (fct_figure): the extractor's confidence when it proposed the row; a person accepted it.
        "confidence": (row.get("confidence") or "").strip(),
        "reviewed": "true",
    }


def _identity(row: dict[str, str]) -> tuple:
    return (
        row["document_id"],
        row["metric_id"],
        row["value_as_written"],
        row["unit_as_written"],
        row["scope_name"],
        row["quote"],
    )


def _fresh_ids(documents: list[str], taken: set[str]) -> list[str]:
    ids, used = [], set(taken)
    for document_id in documents:
        new = _fresh_id(document_id, used, numbered=True)
        used.add(new)
        ids.append(new)
    return ids


def _fresh_id(base: str, taken: set[str], numbered: bool = False) -> str:
    if not numbered and base not in taken:
        return base
    n = 1
    while (candidate := f"{base}_{n:02d}") in taken:
        n += 1
    return candidate


def _check_date(value: str, option: str) -> None:
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ReviewError(f"{option} {value!r} is not a date (YYYY-MM-DD)") from None


def _check_new_campaign(seeds: Path, campaign_id: str, new: NewCampaign, text: str) -> None:
    if not re.fullmatch(r"[a-z0-9_]+", campaign_id):
        raise ReviewError(f"--campaign {campaign_id!r}: use lower-case letters, digits and _ (e.g. linqu_2024_key_projects)")
    if not new.as_of_date or not new.as_of_basis:
        suggestion = suggest_as_of(normalise(text[:20000]).text, new.plan_year)
        hint = f"; the text suggests --as-of-date {suggestion[0]} --as-of-basis '{suggestion[1]}'" if suggestion else ""
        raise ReviewError(
            "a new campaign needs --as-of-date (YYYY-MM-DD, the date its figures describe) and --as-of-basis (how it was read)"
            + hint
        )
    _check_date(new.as_of_date, "--as-of-date")
    _check_period(new, text)
    types = vocabulary("campaigns", "campaign_type", seeds.parent)
    if new.campaign_type not in types:
        raise ReviewError(f"--campaign-type {new.campaign_type!r} is not one of {', '.join(types)} (seeds/campaign_types.csv)")
    natures = vocabularies.values("figures_are_values", seeds.parent)
    if new.figures_are and new.figures_are not in natures:
        raise ReviewError(f"--figures-are {new.figures_are!r} is not one of {', '.join(natures)} (seeds/figures_are_values.csv)")


def _check_period(new: NewCampaign, text: str) -> None:
    """A campaign's own period (a 100-day campaign's 8月25日至12月25日): both ends or neither, in order, within a year of the plan year."""
    if bool(new.period_start) != bool(new.period_end):
        raise ReviewError("give both --period-start and --period-end (YYYY-MM-DD), or neither for the plan year")
    if not new.period_start:
        if new.campaign_type == "hundred_day_offensive":
            found = suggest_campaign_period(normalise(text[:20000]).text, new.plan_year)
            hint = (
                f"; the text suggests --period-start {found[0]} --period-end {found[1]} --period-as-written '{found[2]}'"
                if found
                else ""
            )
            raise ReviewError(
                "a hundred_day_offensive campaign needs its own period: --period-start and --period-end (YYYY-MM-DD)" + hint
            )
        return
    _check_date(new.period_start, "--period-start")
    _check_date(new.period_end, "--period-end")
    start, end = date.fromisoformat(new.period_start), date.fromisoformat(new.period_end)
    if start > end:
        raise ReviewError(f"--period-start {start} is after --period-end {end}")
    if new.plan_year not in (start.year, end.year):
        raise ReviewError(f"the period {start}..{end} does not fall in --plan-year {new.plan_year}")


def _campaign_row(campaign_id: str, city_id: str, new: NewCampaign, figures_are: str) -> dict[str, object]:
    return {
        "campaign_id": campaign_id,
        "city_id": city_id,
        "name_zh": new.name_zh,
        "name_en": new.name_en,
        "campaign_type": new.campaign_type,
        "plan_year": new.plan_year,
        "period_start": new.period_start or f"{new.plan_year}-01-01",
        "period_end": new.period_end or f"{new.plan_year}-12-31",
        "period_as_written": new.period_as_written or f"{new.plan_year}年",
        "figures_are": figures_are,
        "comparability_note": "",
    }


def _looks_traditional(text: str) -> bool:
    from battlemap.text import to_simplified

    sample = text[:20000]
    changed = sum(1 for a, b in zip(sample, to_simplified(sample), strict=True) if a != b)
    return changed > max(5, len(sample) // 200)
