"""The review flow: `add-document` proposes a document's figures into a review CSV; `accept` appends the
rows a person marked to sources/curation/observations.csv. Nothing enters the warehouse unreviewed, and what is
accepted is checked with the build's own input rules (battlemap.build.inputs) before anything is written.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from battlemap.extract import ArticleError, extract_text, guess_figures_are, read_article
from battlemap.extract.asof import suggest_as_of, suggest_campaign_period
from battlemap.extract.seedfiles import append_rows, read_rows
from battlemap.read.text import normalise, strip_pinyin
from battlemap.review.errors import ReviewError
from battlemap.review.places_seed import ensure_place
from battlemap.review.review_file import write_review
from battlemap.shared import vocabularies
from battlemap.shared.paths import articles_dir, corpus_file, seeds_dir
from battlemap.shared.places import AmbiguousPlaceError, Place, resolve_place
from battlemap.shared.seed_schema import vocabulary

# A document id never looks like an observation id, which is a document id and _NN (leling_20240630_01).
DOCUMENT_ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
LOOKS_LIKE_OBSERVATION_ID = re.compile(r"_[0-9]{1,3}$")


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


def checked_url(url: str | None) -> str:
    """A report's address as given (stripped), or the reason it is none: an origin must be a web address."""
    url = (url or "").strip()
    if url and not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", url):
        raise ReviewError(f"--url {url!r} is not a web address (http://… or https://…)")
    return url


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
    url: str = "",
) -> Added:
    """Copy the article, record it, and write its review CSV. Everything is checked before anything is written.
    `url`: where it was published, recorded as its origin with today's date as the retrieval date."""
    seeds = seeds_dir(project)
    url = checked_url(url)
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
                "url": url,
                "retrieval_date": date.today().isoformat() if url else "",
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
    from battlemap.read.text import to_simplified

    sample = text[:20000]
    changed = sum(1 for a, b in zip(sample, to_simplified(sample), strict=True) if a != b)
    return changed > max(5, len(sample) // 200)
