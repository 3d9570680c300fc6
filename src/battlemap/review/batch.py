"""Many reports at once (`battlemap add-document FILE… | FOLDER [--manifest M.csv]`) and undoing one
(`battlemap remove-document ID`).

Each report's place, campaign and as-of date is taken from the command's options, else from its row of the
manifest CSV, else guessed from its text (the place it names most, the year it names, the period its figures
describe); the guesses are shown for confirmation before anything is written. A report that cannot be added
is named with its reason and the others go on: `add_document` checks everything before it writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from battlemap.extract import ArticleError, read_article
from battlemap.extract.asof import guess_year, suggest_as_of
from battlemap.extract.place import guess_place
from battlemap.extract.seedfiles import read_rows, write_rows
from battlemap.read.text import normalise, strip_pinyin
from battlemap.review.add_document import NewCampaign, checked_url, place_named
from battlemap.review.errors import ReviewError
from battlemap.review.places_seed import city_slug
from battlemap.shared.paths import articles_dir, corpus_file, seeds_dir
from battlemap.shared.places import Place

# The manifest's columns; every one but `file` may be left empty (then guessed, or the command's option).
MANIFEST_COLUMNS = (
    "file",
    "city",
    "campaign",
    "campaign_name",
    "campaign_name_en",
    "campaign_type",
    "plan_year",
    "period_start",
    "period_end",
    "period_as_written",
    "as_of_date",
    "as_of_basis",
    "figures_are",
    "document_id",
    "title",
    "publisher",
    "date_as_written",
    "url",
)
GUESSED = "guessed"


@dataclass
class Settings:
    """One report's settings: where each came from (`given`: an option, `manifest`, or `guessed`)."""

    file: Path
    city: str = ""
    place: Place | None = None
    campaign_id: str = ""
    new_campaign: NewCampaign | None = None
    as_of_date: str = ""
    as_of_basis: str = ""
    document_id: str | None = None
    title: str | None = None
    publisher: str = ""
    date_as_written: str = ""
    url: str = ""  # where the report was published: its origin, and a hint of its place
    city_id: str = ""
    year: int | None = None
    # The new campaign an earlier report of the batch makes and this one joins (made here if that one failed).
    joins: NewCampaign | None = None
    origin: dict[str, str] = field(default_factory=dict)  # setting -> given / manifest / guessed
    problem: str = ""  # why the report cannot be added as it stands

    @property
    def guessed(self) -> bool:
        return GUESSED in self.origin.values()


class ManifestError(ReviewError):
    """A manifest row that cannot be used: file, line and reason."""


def report_files(paths: list[Path]) -> list[Path]:
    """The files named, a folder standing for its *.txt files (sorted by name)."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt"))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def read_manifest(path: Path) -> dict[Path, tuple[int, dict[str, str]]]:
    """file -> (line, cells) of a manifest CSV (UTF-8 with or without BOM); files relative to the manifest's folder."""
    path = Path(path)
    if not path.is_file():
        raise ManifestError(f"{path}: no such manifest file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from battlemap.review.review_file import not_utf8_message

        raise ManifestError(not_utf8_message(path, error)) from None
    from battlemap.build.input_rows import records_of

    records = records_of(text)
    if not records:
        raise ManifestError(f"{path} line 1: empty; the header is {','.join(MANIFEST_COLUMNS)}")
    header = [name.strip() for name in records[0][2]]
    unknown = [name for name in header if name not in MANIFEST_COLUMNS]
    if "file" not in header or unknown:
        why = f"unknown column(s) {', '.join(unknown)}" if unknown else "no file column"
        raise ManifestError(f"{path} line 1: {why}; the columns are {', '.join(MANIFEST_COLUMNS)}")
    rows: dict[Path, tuple[int, dict[str, str]]] = {}
    for first, _last, fields in records[1:]:
        if not any(f.strip() for f in fields):
            continue
        cells = {name: (fields[i].strip() if i < len(fields) else "") for i, name in enumerate(header)}
        if not cells["file"]:
            raise ManifestError(f"{path} line {first}: the file cell is empty")
        file = Path(cells["file"])
        file = file if file.is_absolute() else path.parent / file
        if file in rows:
            raise ManifestError(f"{path} line {first}: {cells['file']} is listed already on line {rows[file][0]}")
        if not file.is_file():
            raise ManifestError(f"{path} line {first}: {cells['file']}: no such file")
        rows[file] = (first, cells)
    return rows


def _city_id(project: Path, place: Place) -> str:
    _, cities = read_rows(seeds_dir(project) / "cities.csv")
    for row in cities:
        if row.get("admin_code") == place.admin_code:
            return row["city_id"]
    taken = {row["city_id"] for row in cities}
    slug = city_slug(place)
    return slug if slug not in taken else f"{slug}_{place.admin_code}"


def _title(text: str) -> str:
    return strip_pinyin(text.strip().split("\n", 1)[0].strip())[0][:120]


def settle(
    project: Path,
    file: Path,
    options: dict[str, object],
    manifest: dict[str, str] | None = None,
    pending_campaigns: dict[str, Settings] | None = None,
) -> Settings:
    """The report's settings: the command's options, else its manifest row, else guessed from its text.

    `pending_campaigns`: new campaigns earlier files of the same batch will create (a second report of one
    new campaign joins it instead of creating it twice)."""
    manifest = manifest or {}
    settings = Settings(file=Path(file))

    def pick(name: str, option: str | None = None) -> tuple[str, str]:
        value = options.get(option or name)
        if value not in (None, ""):
            return str(value), "given"
        if manifest.get(name):
            return manifest[name], "manifest"
        return "", ""

    try:
        article = read_article(file)
    except ArticleError as error:
        settings.problem = str(error)
        return settings
    text = article.text
    for name in ("document_id", "title"):
        value, _ = pick(name)
        setattr(settings, name, value or None)
    settings.publisher, _ = pick("publisher")
    settings.date_as_written, _ = pick("date_as_written")
    try:
        settings.url = checked_url(pick("url")[0])
    except ReviewError as error:
        settings.problem = f"{file}: {error}"
        return settings

    city, origin = pick("city")
    try:
        if city:
            settings.place = place_named(city)
        else:
            settings.place, origin = guess_place(text, settings.url or None), GUESSED
    except ReviewError as error:
        settings.problem = f"{file}: {error}"
        return settings
    if settings.place is None:
        settings.problem = f"{file}: the text names no place: give --city or the city column of a manifest row"
        return settings
    settings.city = city or settings.place.name_zh_hans
    settings.origin["place"] = origin
    city_id = settings.city_id = _city_id(project, settings.place)

    year_text, year_origin = pick("plan_year")
    if year_text and not year_text.isdigit():
        settings.problem = f"{file}: plan year {year_text!r} is not a year"
        return settings
    year = int(year_text) if year_text else guess_year(text)
    as_of, as_of_origin = pick("as_of_date")
    basis, _ = pick("as_of_basis")
    campaign_id, campaign_origin = pick("campaign")
    name, _ = pick("campaign_name")
    _, campaigns = read_rows(seeds_dir(project) / "campaigns.csv")
    known = {row["campaign_id"]: row for row in campaigns}
    pending = pending_campaigns if pending_campaigns is not None else {}
    if not campaign_id:
        if year is None:
            settings.problem = f"{file}: the text names no year: give --plan-year or --campaign (or a manifest row)"
            return settings
        own = [row for row in campaigns if row["city_id"] == city_id and row["plan_year"] == str(year)]
        own += [
            {"campaign_id": s.campaign_id, "name_zh": s.new_campaign.name_zh}
            for s in pending.values()
            if s.new_campaign and s.city_id == city_id and s.year == year
        ]
        if own and not name:
            campaign_id = max(own, key=lambda row: _overlap(row["name_zh"], text[:300]))["campaign_id"]
        else:
            campaign_id = _fresh_campaign_id(f"{city_id}_{year}_key_projects", set(known) | set(pending))
        campaign_origin = GUESSED
    settings.campaign_id = campaign_id
    settings.origin["campaign"] = campaign_origin
    existing = known.get(campaign_id)
    if existing is None and campaign_id in pending:
        settings.joins = pending[campaign_id].new_campaign
    if existing is not None or campaign_id in pending:
        year = int(existing["plan_year"]) if existing else pending[campaign_id].year
    elif year is None:
        settings.problem = f"{file}: new campaign {campaign_id!r}: the text names no year: give --plan-year"
        return settings
    if not as_of:
        suggestion = suggest_as_of(normalise(text[:20000]).text, year)
        if suggestion is None:
            settings.problem = (
                f"{file}: the text names no period to read the as-of date from (截至6月底, 1—9月, 三季度): "
                "give --as-of-date or the as_of_date column of a manifest row"
            )
            return settings
        as_of, basis, as_of_origin = suggestion[0].isoformat(), basis or f"{suggestion[1]} (read from the text)", GUESSED
    settings.year = year
    settings.as_of_date, settings.as_of_basis = as_of, basis or "as of the date the curator gave"
    settings.origin["as_of_date"] = as_of_origin
    if existing is None and campaign_id not in pending:
        type_, _ = pick("campaign_type")
        figures_are, _ = pick("figures_are")
        name_en, _ = pick("campaign_name_en")
        period_start, _ = pick("period_start")
        period_end, _ = pick("period_end")
        period_as_written, _ = pick("period_as_written")
        settings.new_campaign = NewCampaign(
            name_zh=name or _title(text) or f"{settings.place.name_zh_hans}{year}年重点项目",
            plan_year=year,
            as_of_date=settings.as_of_date,
            as_of_basis=settings.as_of_basis,
            name_en=name_en,
            campaign_type=type_ or "key_projects",
            figures_are=figures_are or None,
            period_start=period_start or "",
            period_end=period_end or "",
            period_as_written=period_as_written or "",
        )
        pending[campaign_id] = settings
    return settings


def _overlap(name: str, lead: str) -> int:
    return len(set(name) & set(normalise(lead).text))


def _fresh_campaign_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


# --- remove-document ----------------------------------------------------------------------------------------


@dataclass
class Removal:
    document_id: str
    article: Path | None  # the copied file (None when already gone)
    observation_ids: list[str]
    campaign_id: str
    campaign_left_empty: bool  # the campaign has no other document: its row goes too (the build needs figures for it)
    city_left_empty: str  # the city_id whose last campaign that was: its row goes too ("" when it keeps one)
    review: Path | None  # reviews/<id>.csv, kept (a person's work)


def plan_removal(project: Path, document_id: str) -> Removal:
    """What removing the document takes away; ReviewError when it is not recorded."""
    _, documents = read_rows(corpus_file("documents", project))
    row = next((r for r in documents if r["document_id"] == document_id), None)
    if row is None:
        known = ", ".join(sorted(r["document_id"] for r in documents)[:12])
        raise ReviewError(f"document {document_id!r} is not in sources/curation/documents.csv (documents: {known}…)")
    _, observations = read_rows(corpus_file("observations", project))
    article = articles_dir(project) / row["file_name"]
    review = Path(project) / "reviews" / f"{document_id}.csv"
    others = [r for r in documents if r["campaign_id"] == row["campaign_id"] and r["document_id"] != document_id]
    _, campaigns = read_rows(seeds_dir(project) / "campaigns.csv")
    city = next((c["city_id"] for c in campaigns if c["campaign_id"] == row["campaign_id"]), row["city_id"])
    city_keeps = any(c["city_id"] == city and c["campaign_id"] != row["campaign_id"] for c in campaigns)
    return Removal(
        document_id,
        article if article.exists() else None,
        [r["observation_id"] for r in observations if r["document_id"] == document_id],
        row["campaign_id"],
        not others,
        "" if others or city_keeps else city,
        review if review.exists() else None,
    )


def remove_document(project: Path, removal: Removal) -> None:
    """Delete the document's observations, its origin row, its campaign and place when no other document has them
    (a campaign without figures does not build), and its copied file."""
    header, observations = read_rows(corpus_file("observations", project))
    write_rows(corpus_file("observations", project), header, [r for r in observations if r["document_id"] != removal.document_id])
    header, documents = read_rows(corpus_file("documents", project))
    write_rows(corpus_file("documents", project), header, [r for r in documents if r["document_id"] != removal.document_id])
    if removal.campaign_left_empty:
        path = seeds_dir(project) / "campaigns.csv"
        header, campaigns = read_rows(path)
        write_rows(path, header, [r for r in campaigns if r["campaign_id"] != removal.campaign_id])
    if removal.city_left_empty:
        path = seeds_dir(project) / "cities.csv"
        header, cities = read_rows(path)
        write_rows(path, header, [r for r in cities if r["city_id"] != removal.city_left_empty])
    if removal.article is not None and removal.article.exists():
        removal.article.unlink()
