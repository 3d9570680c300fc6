"""Reading the curated tables as dbt reads them: one row at a time, each value checked against its column's schema
(type, vocabulary, bounds), with the file, line and id a problem names. The checks across tables and files are in
battlemap.build.inputs."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from battlemap.shared.paths import corpus_file
from battlemap.shared.seed_schema import Column, SeedSchema

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


def table_file(table: str) -> str:
    """A curated table's file as messages name it, relative to the project (sources/curation/documents.csv)."""
    return corpus_file(table, Path(".")).as_posix()


def project_relative(path: Path, project: Path) -> str:
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


def read_seed(project: Path, schema: SeedSchema, problems: list[Problem], checked_rows: int = 0) -> Seed:
    """Read one seed CSV and check each value against its schema (types, vocabularies, bounds, keys);
    a missing file, undecodable bytes, a broken quote or missing columns become problems. `checked_rows`: the first
    rows are the ones the last build checked with the same code and schema, byte for byte (battlemap build's append
    path, battlemap.build.incremental.build_path): their values are not checked again (a value's check reads nothing
    but the value and its column's schema); every row's shape, and every unique column across all rows, still are."""
    name = schema.name
    path = corpus_file(name, project)
    shown = project_relative(path, project)
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
    for index, (first, last, fields) in enumerate(records[1:]):
        if index < checked_rows and len(fields) == len(header):
            rows.append((first, dict(zip(header, fields))))
            continue
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


