"""Check the raw articles and the curated seeds before dbt runs, and say exactly what is wrong.

dbt's own tests guard the same rules inside the warehouse (so a plain `dbt build` is guarded too);
this pass exists to name the file, the line, the id and the reason in words a curator can act on,
and to stop before anything is built.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from battlemap.build.figure_match import adjoining, figure_in_quote
from battlemap.read.numerals import parse_figure
from battlemap.read.text import normalise_text
from battlemap.shared.paths import articles_dir, corpus_file
from battlemap.shared.seed_schema import Column, SeedSchema, seed_schemas

# Seeds as dbt reads them: the schema (types, keys, vocabularies, references, bounds) is
# seeds/_seeds.yml and, for the bulk tables, models/staging/_curation__sources.yml, through
# battlemap.shared.seed_schema; nothing here repeats it.
BOOLEANS = {"true", "false"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INTEGER = re.compile(r"^[+-]?\d+$")
# The longest field Python's csv reads by default (dbt's seed loader reads CSV with it): a longer one is
# named as too long, by line, instead of surfacing as a quote that is never closed.
MAX_FIELD_CHARS = 131_072
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
# Characters that show as nothing (or reorder the text) yet make two names differ: zero-width spaces and
# joiners, the soft hyphen, word joiners and bidirectional controls. The quote is exempt (it must be the
# document's own text).
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
INVISIBLE_EXEMPT = {"quote"}
# DECIMAL(38, 9), which int_observations_converted casts every value in base units to, holds less than 1e29.
LARGEST_BASE_VALUE = 1e29
# Places a campaign may belong to without saying otherwise (seeds/cities.csv `level`).
CAMPAIGN_LEVELS = ("prefecture", "county")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the inputs: where (file, line, id) and why."""

    file: str
    reason: str
    line: int | None = None
    row_id: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.row_id:
            where += f" ({self.row_id})"
        return f"{where}: {self.reason}"


@dataclass
class Seed:
    name: str
    path: Path
    rows: list[tuple[int, dict[str, str]]]  # (line number in the file, row)
    key: str = ""

    def keys(self) -> set[str]:
        return {row[self.key] for _, row in self.rows}

    def by_key(self) -> dict[str, dict[str, str]]:
        return {row[self.key]: row for _, row in self.rows}


def shorten(text: str, limit: int = 80) -> str:
    """A value for a message: repr, cut to `limit` characters (a stray quote must not print a whole file)."""
    if len(text) <= limit:
        return repr(text)
    return repr(text[:limit]) + f"… ({len(text):,} characters)"


def _cut(text: str | None, limit: int = 40) -> str | None:
    return text if text is None or len(text) <= limit else text[:limit] + "…"


def text_problem(name: str, value: str) -> str | None:
    """Why a field's text cannot be stored as one value the build reads back the same; None if it can."""
    if "\n" in value or "\r" in value:
        return f"{name} contains a line break: fields may not contain line breaks (the build reads one line per row)"
    if len(value) > MAX_FIELD_CHARS:
        return f"{name} is {len(value):,} characters long, over the {MAX_FIELD_CHARS:,} a CSV field may hold"
    if name not in INVISIBLE_EXEMPT and (found := INVISIBLE.search(value)):
        code = f"U+{ord(found.group()):04X}"
        return (
            f"{name} {shorten(value)} contains an invisible character ({code}) at position {found.start() + 1}: "
            "it would make two names that look the same differ"
        )
    return None


def _shown(table: str) -> str:
    """A curated table's file as messages name it, relative to the project (sources/curation/documents.csv)."""
    return corpus_file(table, Path(".")).as_posix()


def _relative(path: Path, project: Path) -> str:
    try:
        return str(path.relative_to(project))
    except ValueError:
        return str(path)


def records_of(text: str) -> list[tuple[int, int, list[str]]]:
    """CSV records as (first line, last line, fields), read as dbt does: by the CSV's own rules, so
    U+2028 and other separators Python's str.splitlines() breaks on stay inside their field."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    last = 0
    for fields in reader:
        records.append((last + 1, reader.line_num, fields))
        last = reader.line_num
    return records


def value_problem(column: Column, value: str) -> str | None:
    """Why `value` does not fit the column's type and rules as dbt and DuckDB would read it; None if it fits."""
    if value == "":
        return f"{column.name} is empty" if column.not_null else None
    if value != value.strip() and (column.type != "varchar" or column.accepted_values or column.references or column.unique):
        return f"{column.name} {value!r} has spaces around it (dbt keeps them)"
    if column.type == "date":
        try:
            if not ISO_DATE.match(value):
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            return f"{column.name} {value!r} is not a date (YYYY-MM-DD)"
    elif column.type in ("integer", "bigint", "int"):
        if not INTEGER.match(value):
            return f"{column.name} {value!r} is not a whole number"
    elif column.type in ("double", "float", "decimal", "numeric"):
        try:
            number = float(value)
        except ValueError:
            return f"{column.name} {value!r} is not a number"
        if not math.isfinite(number):
            # NaN compares false with everything: as a bound it would switch the bound off.
            empty = "" if column.not_null else " (leave it empty for none)"
            return f"{column.name} {value!r} is not a finite number{empty}"
        if column.greater_than is not None and not number > column.greater_than:
            return f"{column.name} is {value}, but must be greater than {column.greater_than:g}"
        if column.min_value is not None and number < column.min_value:
            return f"{column.name} is {value}, below its minimum {column.min_value:g}"
        if column.max_value is not None and number > column.max_value:
            return f"{column.name} is {value}, above its maximum {column.max_value:g}"
    elif column.type == "boolean" and value.lower() not in BOOLEANS:
        return f"{column.name} {value!r} is not true or false"
    if column.accepted_values is not None and value not in column.accepted_values:
        return f"{column.name} {value!r} is not one of {list(column.accepted_values)}"
    return None


def read_seed(project: Path, schema: SeedSchema, problems: list[Problem]) -> Seed:
    """Read one seed CSV and check each value against its schema (types, vocabularies, bounds, keys);
    a missing file, undecodable bytes, a broken quote or missing columns become problems."""
    name = schema.name
    path = corpus_file(name, project)
    shown = _relative(path, project)
    empty = Seed(name, path, [], schema.key)
    if not path.is_file():
        problems.append(Problem(shown, "file is missing"))
        return empty
    try:
        text = path.read_bytes().decode("utf-8-sig")  # a byte-order mark is allowed, as dbt allows it
    except UnicodeDecodeError as error:
        problems.append(Problem(shown, f"not valid UTF-8 ({error.reason} at byte {error.start})"))
        return empty
    try:
        records = records_of(text)
    except csv.Error as error:
        opened = unclosed_quote_line(text)
        problems.append(Problem(shown, f"a quoted field opened on this line is never closed ({error})", line=opened))
        return empty
    if not records:
        problems.append(Problem(shown, "file is empty (no header)"))
        return empty
    header = records[0][2]
    missing = [c for c in schema.required_columns if c not in header]
    if missing:
        problems.append(Problem(shown, f"missing column(s): {', '.join(missing)} (header: {','.join(header)})", line=1))
        return empty
    key_index = header.index(schema.key)
    rows = []
    for first, last, fields in records[1:]:
        row_id = fields[key_index] if key_index < len(fields) else None
        if any("\n" in f or "\r" in f for f in fields):
            problems.append(
                Problem(
                    shown,
                    f"a field runs over lines {first}-{last}: a quote is not closed where it should be "
                    "(fields may not contain line breaks)",
                    line=first,
                    row_id=row_id,
                )
            )
            continue
        if len(fields) != len(header):
            more_or_fewer = "more" if len(fields) > len(header) else "fewer"
            problems.append(
                Problem(shown, f"{len(fields)} fields, {more_or_fewer} than the header's {len(header)}", line=first, row_id=row_id)
            )
            continue
        row = dict(zip(header, fields))
        texts = [reason for name, value in row.items() if (reason := text_problem(name, value))]
        for reason in texts:
            problems.append(Problem(shown, reason, line=first, row_id=_cut(row_id)))
        if any("characters long" in reason for reason in texts):
            continue
        for column in schema.columns.values():
            reason = value_problem(column, row.get(column.name, ""))
            if reason:
                problems.append(Problem(shown, reason, line=first, row_id=row_id))
        rows.append((first, row))
    # Every column with a unique test, the key and the others (documents' file_name and sha256, places' codes).
    for column in [c.name for c in schema.columns.values() if c.unique]:
        first_seen: dict[str, int] = {}
        for line, row in rows:
            value = row.get(column, "")
            if value in first_seen:
                row_id = value if column == schema.key else row.get(schema.key)
                problems.append(
                    Problem(shown, f"duplicate {column} {value!r} (first on line {first_seen[value]})", line=line, row_id=row_id)
                )
            elif value:
                first_seen[value] = line
    return Seed(name, path, rows, schema.key)


def unclosed_quote_line(text: str) -> int:
    """The line where the field that swallowed the rest of the file opened (an odd count of quotes so far)."""
    quotes = 0
    for number, line in enumerate(text.split("\n"), start=1):
        before = quotes
        quotes += line.count('"')
        if before % 2 == 0 and quotes % 2 == 1:
            opened = number
    return opened if quotes % 2 == 1 else 1


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
                            _shown(name),
                            f"{column.name} {value!r} is not in {_shown(other)}",
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


def check_articles(project: Path, documents: Seed, problems: list[Problem]) -> dict[str, str]:
    """Every article is a regular, non-empty UTF-8 text file inside sources/articles/ and matches its recorded
    checksum; returns normalised text by document_id."""
    folder = articles_dir(project)
    files = {p.name: p for p in sorted(folder.glob("*.txt"))}
    recorded = {row["file_name"]: (line, row) for line, row in documents.rows}
    texts: dict[str, str] = {}
    for name, path in files.items():
        shown = _relative(path, project)
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
            problems.append(Problem(shown, f"no row in {_shown('documents')} records this file"))
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
                    f"sha256 is {actual[:12]}…, but {_shown('documents')} line {line} records {row['sha256'][:12]}…: "
                    "the file changed (raw articles must stay byte for byte as received)",
                    row_id=row["document_id"],
                )
            )
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(shown, f"not valid UTF-8 ({error.reason} at byte {error.start})"))
            continue
        texts[row["document_id"]] = normalise_text(raw)
    for name, (line, row) in recorded.items():
        if name not in files:
            problems.append(
                Problem(_shown("documents"), f"file {name} is not in sources/articles/", line=line, row_id=row["document_id"])
            )
    return texts


def check_observations(
    observations: Seed,
    seeds: dict[str, Seed],
    texts: dict[str, str],
    problems: list[Problem],
) -> None:
    """Each observation has a readable, non-negative number, a unit of its metric's kind, its document's
    campaign, and a quote in its document that contains the figure (ids and vocabularies: read_seed)."""
    shown = _shown("observations")
    documents = seeds["documents"].by_key()
    metrics = seeds["metrics"].by_key()
    units = seeds["units"].by_key()
    for line, row in observations.rows:
        oid = row["observation_id"]

        def report(reason: str, line: int = line, oid: str = oid) -> None:
            problems.append(Problem(shown, reason, line=line, row_id=oid))

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


def check_inputs(project: Path) -> list[Problem]:
    """Every problem with the articles and seeds of the project, in file order; empty when all is well."""
    problems: list[Problem] = []
    schemas = seed_schemas(project)
    seeds = {name: read_seed(project, schema, problems) for name, schema in schemas.items()}
    texts = check_articles(project, seeds["documents"], problems)
    check_references(seeds, schemas, problems)
    check_places(seeds["cities"], problems, seeds["campaigns"])
    check_observations(seeds["observations"], seeds, texts, problems)
    return problems
