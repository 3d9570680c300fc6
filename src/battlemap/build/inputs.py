"""Check the raw articles and the curated seeds before dbt runs, and say exactly what is wrong.

dbt's own tests guard the same rules inside the warehouse (so a plain `dbt build` is guarded too);
this pass exists to name the file, the line, the id and the reason in words a curator can act on,
and to stop before anything is built.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from battlemap.build.figure_match import adjoining, figure_in_quote
from battlemap.build.input_rows import (
    CAMPAIGN_LEVELS,
    LARGEST_BASE_VALUE,
    Problem,
    Seed,
    project_relative,
    read_seed,
    shorten,
    table_file,
)
from battlemap.read.numerals import parse_figure
from battlemap.read.text import normalise_text
from battlemap.shared.paths import articles_dir
from battlemap.shared.seed_schema import SeedSchema, seed_schemas


def check_references(seeds: dict[str, Seed], schemas: dict[str, SeedSchema], problems: list[Problem]) -> None:
    """Every value of a column with a relationships test to another seed is a key of that seed."""
    for name, schema in schemas.items():
        seed = seeds[name]
        for column in schema.columns.values():
            if not column.references or column.references[0] not in seeds:
                continue
            other, other_column = column.references
            known = {row[other_column] for _, row in seeds[other].rows}
            for line, row in seed.rows:
                value = row.get(column.name, "")
                if value and value not in known and value not in column.references_also:
                    problems.append(
                        Problem(
                            table_file(name),
                            f"{column.name} {value!r} is not in {table_file(other)}",
                            line,
                            row[schema.key],
                        )
                    )


def check_places(cities: Seed, problems: list[Problem], campaigns: Seed | None = None) -> None:
    """Every place's admin code is in the national gazetteer (battlemap.shared.places), which names it; the place of a
    campaign is a prefecture, a county (county-level city, district) or a municipality, unless its row's
    optional `level` column says otherwise (a province-wide campaign: `province`)."""
    from battlemap.shared.places import place_by_code

    with_campaign = {row["city_id"] for _, row in campaigns.rows} if campaigns else set()
    for line, row in cities.rows:
        if not row.get("admin_code"):
            continue
        place = place_by_code(row["admin_code"])
        if place is None:
            problems.append(
                Problem(
                    "seeds/cities.csv",
                    f"admin_code {row['admin_code']!r} is not a place in the national gazetteer (6 digits, GB/T 2260)",
                    line,
                    row["city_id"],
                )
            )
            continue
        declared = (row.get("level") or "").strip()
        if declared:
            if declared != place.level:
                problems.append(
                    Problem(
                        "seeds/cities.csv",
                        f"admin_code {row['admin_code']!r} is {place.name_zh_hans}, a {place.level}, but the row's level "
                        f"says {declared!r}",
                        line,
                        row["city_id"],
                    )
                )
        elif row["city_id"] in with_campaign and place.level not in CAMPAIGN_LEVELS and place.admin_type != "municipality":
            problems.append(
                Problem(
                    "seeds/cities.csv",
                    f"admin_code {row['admin_code']!r} is {place.name_zh_hans}, a {place.level}: a campaign's place must be "
                    f"a prefecture, county or municipality (write {place.level} in the row's level column if the "
                    "campaign really is that wide)",
                    line,
                    row["city_id"],
                )
            )


def _article_file_problem(path: Path, folder: Path) -> str | None:
    """Why a name in sources/articles/ is not an article file the build can read; None if it is one."""
    try:
        if path.is_symlink():
            target = Path(os.path.realpath(path))
            if not target.exists():
                return f"is a symbolic link to {target}, which does not exist"
            if not target.is_relative_to(folder.resolve()):
                return (
                    "is a symbolic link to a file outside sources/articles/: articles must be regular files "
                    "inside sources/articles/ (copy the file in)"
                )
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISDIR(mode):
        return "is a folder, not an article file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device, pipe or socket): articles must be regular files"
    return None


def _article_content_problem(data: bytes) -> str | None:
    if not data.strip():
        return "is empty: an article must hold the document's text"
    if b"\x00" in data:
        return "holds NUL bytes: it is binary, not text (articles are UTF-8 text)"
    return None


def check_articles(
    project: Path,
    documents: Seed,
    problems: list[Problem],
    known_texts: dict[tuple[str, str], str] | None = None,
    wanted: set[str] | None = None,
) -> dict[str, str]:
    """Every article is a regular, non-empty UTF-8 text file inside sources/articles/ and matches its recorded
    checksum; returns normalised text by document_id. `known_texts` (file name, sha256 of its bytes) -> normalised
    text, from the warehouse built by the same code (battlemap.build.incremental.known_texts): such an article's text
    is taken from there instead of normalised again (every check still reads and checks the file's bytes). `wanted`:
    the documents whose texts are needed (all when None)."""
    folder = articles_dir(project)
    files = {p.name: p for p in sorted(folder.glob("*.txt"))}
    recorded = {row["file_name"]: (line, row) for line, row in documents.rows}
    texts: dict[str, str] = {}
    for name, path in files.items():
        shown = project_relative(path, project)
        reason = _article_file_problem(path, folder)
        if reason:
            problems.append(Problem(shown, reason, row_id=recorded[name][1]["document_id"] if name in recorded else None))
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(Problem(shown, f"cannot be read ({error.strerror or error})"))
            continue
        if name not in recorded:
            problems.append(Problem(shown, f"no row in {table_file('documents')} records this file"))
            continue
        line, row = recorded[name]
        reason = _article_content_problem(data)
        if reason:
            problems.append(Problem(shown, reason, row_id=row["document_id"]))
            continue
        actual = hashlib.sha256(data).hexdigest()
        if actual != row["sha256"]:
            problems.append(
                Problem(
                    shown,
                    f"sha256 is {actual[:12]}…, but {table_file('documents')} line {line} records {row['sha256'][:12]}…: "
                    "the file changed (raw articles must stay byte for byte as received)",
                    row_id=row["document_id"],
                )
            )
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(shown, f"not valid UTF-8 ({error.reason} at byte {error.start})"))
            continue
        if wanted is not None and row["document_id"] not in wanted:
            continue  # its text is needed by no figure to check (the append path: every file is still read and hashed)
        known = known_texts.get((name, actual)) if known_texts else None
        texts[row["document_id"]] = known if known is not None else normalise_text(raw)
    for name, (line, row) in recorded.items():
        if name not in files:
            problems.append(
                Problem(table_file("documents"), f"file {name} is not in sources/articles/", line=line, row_id=row["document_id"])
            )
    return texts


def check_observations(
    observations: Seed,
    seeds: dict[str, Seed],
    texts: dict[str, str],
    problems: list[Problem],
    checked_rows: int = 0,
) -> None:
    """Each observation has a readable, non-negative number, a unit of its metric's kind, its document's
    campaign, and a quote in its document that contains the figure (ids and vocabularies: read_seed).
    `checked_rows`: the first rows are the ones the last build checked with the same code, and their documents' texts
    are the ones it checked them against (battlemap build's append path): what reads nothing but the row and that text
    (the number, the quote) is not checked again; what reads other seeds (the unit, the metric, the campaign) is."""
    shown = table_file("observations")
    documents = seeds["documents"].by_key()
    metrics = seeds["metrics"].by_key()
    units = seeds["units"].by_key()
    for index, (line, row) in enumerate(observations.rows):
        oid = row["observation_id"]
        checked = index < checked_rows

        def report(reason: str, line: int = line, oid: str = oid) -> None:
            problems.append(Problem(shown, reason, line=line, row_id=oid))

        if not checked:
            try:
                if parse_figure(row["value_as_written"]) < 0:
                    report(f"value_as_written {row['value_as_written']!r} is negative: a figure is a quantity, 0 or more")
            except ValueError as error:
                report(f"value_as_written: {error}")
        metric, unit = metrics.get(row["metric_id"]), units.get(row["unit_as_written"])
        if unit:
            try:
                base = parse_figure(row["value_as_written"]) * float(unit["multiplier"]) / float(unit["divisor"])
            except (ValueError, ZeroDivisionError, OverflowError):
                base = None
            if base is not None and not abs(base) < LARGEST_BASE_VALUE:
                where = next((f" line {n}" for n, u in seeds["units"].rows if u is unit), "")
                report(
                    f"{row['value_as_written']} {row['unit_as_written']} is {base:g} in base units, more than the build can "
                    f"hold ({LARGEST_BASE_VALUE:g}): check the factor of unit {row['unit_as_written']!r} in seeds/units.csv{where}"
                )
        if metric and unit and metric["base_unit"] != unit["base_unit"]:
            report(
                f"unit {row['unit_as_written']!r} measures {unit['base_unit']}, "
                f"but metric {row['metric_id']!r} is in {metric['base_unit']}"
            )
        document = documents.get(row["document_id"])
        if document and document["campaign_id"] != row["campaign_id"]:
            report(f"campaign_id {row['campaign_id']!r} is not document {row['document_id']!r}'s campaign")
        if checked:
            continue
        quote = row["quote"]
        if not quote.strip():
            report("quote is empty")
            continue
        text = texts.get(row["document_id"])
        if text is not None and quote not in text:
            report(f"quote {shorten(quote)} is not in the normalised text of document {row['document_id']!r}")
        figure = row["value_as_written"] + row["unit_as_written"]
        if not figure_in_quote(quote, figure):
            larger = adjoining(quote, figure)
            if larger is None:
                report(f"the figure as written ({figure!r}) is not in its quote {shorten(quote)}")
            else:
                report(
                    f"the figure as written ({figure!r}) is in its quote {shorten(quote)} only as part of the number "
                    f"{larger!r}: a figure must stand in its quote as a whole number (no digit or decimal point beside it)"
                )


def check_inputs(
    project: Path, known_texts: dict[tuple[str, str], str] | None = None, checked_rows: dict[str, int] | None = None
) -> list[Problem]:
    """Every problem with the articles and seeds of the project, in file order; empty when all is well.
    `known_texts`: normalised texts of unchanged articles, by (file name, sha256), see check_articles. `checked_rows`:
    on battlemap build's append path, how many leading rows of the documents and observations tables are the ones the
    last build checked (battlemap.build.incremental.build_path): their own values are not checked again, and only the
    articles new figures quote are normalised; every file is still read and hashed, and every check across rows and
    tables (keys, references, places, units and metrics of each figure) still reads every row."""
    checked = checked_rows or {}
    problems: list[Problem] = []
    schemas = seed_schemas(project)
    seeds = {name: read_seed(project, schema, problems, checked.get(name, 0)) for name, schema in schemas.items()}
    wanted = None
    if checked_rows is not None:
        # The new documents, and the old ones a new figure quotes.
        wanted = {row["document_id"] for _, row in seeds["observations"].rows[checked.get("observations", 0) :]}
        wanted |= {row["document_id"] for _, row in seeds["documents"].rows[checked.get("documents", 0) :]}
    texts = check_articles(project, seeds["documents"], problems, known_texts, wanted)
    check_references(seeds, schemas, problems)
    check_places(seeds["cities"], problems, seeds["campaigns"])
    check_observations(seeds["observations"], seeds, texts, problems, checked.get("observations", 0))
    return problems
