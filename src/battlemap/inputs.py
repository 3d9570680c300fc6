"""Check the raw articles and the curated seeds before dbt runs, and say exactly what is wrong.

dbt's own tests guard the same rules inside the warehouse (so a plain `dbt build` is guarded too);
this pass exists to name the file, the line, the id and the reason in words a curator can act on,
and to stop before anything is built.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from battlemap.numerals import parse_figure
from battlemap.paths import articles_dir, corpus_file
from battlemap.text import normalise_text

SCOPE_LEVELS = {"city", "district", "project", "programme"}
QUALIFIERS = {"exact", "approximate", "at_least", "at_most"}
BOOLEANS = {"true", "false"}

# Each seed's key column and the columns the models read from it.
SEED_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "documents": ("document_id", ("document_id", "file_name", "sha256", "city_id", "campaign_id", "as_of_date", "as_of_basis")),
    "cities": ("city_id", ("city_id", "admin_code")),
    "campaigns": ("campaign_id", ("campaign_id", "city_id", "plan_year")),
    "metrics": ("metric_id", ("metric_id", "base_unit")),
    "units": ("unit_as_written", ("unit_as_written", "base_unit", "multiplier", "divisor")),
    "observations": (
        "observation_id",
        (
            "observation_id",
            "document_id",
            "campaign_id",
            "scope_level",
            "scope_name",
            "metric_id",
            "value_as_written",
            "unit_as_written",
            "qualifier",
            "is_target",
            "as_of_date",
            "quote",
        ),
    ),
}


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

    def keys(self) -> set[str]:
        key = SEED_COLUMNS[self.name][0]
        return {row[key] for _, row in self.rows}

    def by_key(self) -> dict[str, dict[str, str]]:
        key = SEED_COLUMNS[self.name][0]
        return {row[key]: row for _, row in self.rows}


def _shown(table: str) -> str:
    """A curated table's file as messages name it, relative to the project (sources/curation/documents.csv)."""
    return corpus_file(table, Path(".")).as_posix()


def _relative(path: Path, project: Path) -> str:
    try:
        return str(path.relative_to(project))
    except ValueError:
        return str(path)


def read_seed(project: Path, name: str, problems: list[Problem]) -> Seed:
    """Read one seed CSV; missing file, undecodable bytes or missing columns become problems."""
    path = corpus_file(name, project)
    shown = _relative(path, project)
    if not path.is_file():
        problems.append(Problem(shown, "file is missing"))
        return Seed(name, path, [])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(shown, f"not valid UTF-8 ({error.reason} at byte {error.start})"))
        return Seed(name, path, [])
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in SEED_COLUMNS[name][1] if c not in (reader.fieldnames or [])]
    if missing:
        problems.append(Problem(shown, f"missing column(s): {', '.join(missing)}", line=1))
        return Seed(name, path, [])
    rows = []
    for line, row in enumerate(reader, start=2):
        if None in row:
            problems.append(Problem(shown, "more fields than the header has", line=line))
            continue
        rows.append((line, {k: (v or "").strip() if k != "quote" else (v or "") for k, v in row.items()}))
    key = SEED_COLUMNS[name][0]
    first_seen: dict[str, int] = {}
    for line, row in rows:
        value = row[key]
        if not value:
            problems.append(Problem(shown, f"{key} is empty", line=line))
        elif value in first_seen:
            problems.append(
                Problem(shown, f"duplicate {key} {value!r} (first on line {first_seen[value]})", line=line, row_id=value)
            )
        else:
            first_seen[value] = line
    return Seed(name, path, rows)


def check_articles(project: Path, documents: Seed, problems: list[Problem]) -> dict[str, str]:
    """Every article is UTF-8 and matches its recorded checksum; returns normalised text by document_id."""
    folder = articles_dir(project)
    files = {p.name: p for p in sorted(folder.glob("*.txt"))}
    recorded = {row["file_name"]: (line, row) for line, row in documents.rows}
    texts: dict[str, str] = {}
    for name, path in files.items():
        shown = _relative(path, project)
        data = path.read_bytes()
        if name not in recorded:
            problems.append(Problem(shown, f"no row in {_shown('documents')} records this file"))
            continue
        line, row = recorded[name]
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
    """Each observation names known ids, a readable number, a compatible unit, and a quote in its document."""
    shown = _shown("observations")
    documents = seeds["documents"].by_key()
    campaigns = seeds["campaigns"].by_key()
    metrics = seeds["metrics"].by_key()
    units = seeds["units"].by_key()
    for line, row in observations.rows:
        oid = row["observation_id"]

        def report(reason: str) -> None:
            problems.append(Problem(shown, reason, line=line, row_id=oid))

        for column, known, seed_file in (
            ("document_id", documents, "documents"),
            ("campaign_id", campaigns, "campaigns"),
            ("metric_id", metrics, "metrics"),
            ("unit_as_written", units, "units"),
        ):
            if row[column] not in known:
                report(f"{column} {row[column]!r} is not in {_shown(seed_file)}")
        if row["scope_level"] not in SCOPE_LEVELS:
            report(f"scope_level {row['scope_level']!r} is not one of {sorted(SCOPE_LEVELS)}")
        if row["qualifier"] not in QUALIFIERS:
            report(f"qualifier {row['qualifier']!r} is not one of {sorted(QUALIFIERS)}")
        if row["is_target"].lower() not in BOOLEANS:
            report(f"is_target {row['is_target']!r} is not true or false")
        if row["as_of_date"]:
            try:
                date.fromisoformat(row["as_of_date"])
            except ValueError:
                report(f"as_of_date {row['as_of_date']!r} is not a date (YYYY-MM-DD)")
        try:
            parse_figure(row["value_as_written"])
        except ValueError as error:
            report(f"value_as_written: {error}")
        metric, unit = metrics.get(row["metric_id"]), units.get(row["unit_as_written"])
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
            report(f"quote {quote!r} is not in the normalised text of document {row['document_id']!r}")
        figure = row["value_as_written"] + row["unit_as_written"]
        if figure not in quote:
            report(f"the figure as written ({figure!r}) is not in its quote {quote!r}")


def check_references(seeds: dict[str, Seed], problems: list[Problem]) -> None:
    """Places are in the gazetteer; documents and campaigns point at known places and campaigns."""
    from battlemap.places import place_by_code

    cities = seeds["cities"].keys()
    campaigns = seeds["campaigns"].keys()
    for line, row in seeds["cities"].rows:
        if place_by_code(row["admin_code"]) is None:
            problems.append(
                Problem(
                    "seeds/cities.csv",
                    f"admin_code {row['admin_code']!r} is not a place in the national gazetteer (6 digits, GB/T 2260)",
                    line,
                    row["city_id"],
                )
            )
    for line, row in seeds["campaigns"].rows:
        if row["city_id"] not in cities:
            problems.append(
                Problem("seeds/campaigns.csv", f"city_id {row['city_id']!r} is not in seeds/cities.csv", line, row["campaign_id"])
            )
    for line, row in seeds["documents"].rows:
        if row["city_id"] not in cities:
            problems.append(
                Problem(_shown("documents"), f"city_id {row['city_id']!r} is not in seeds/cities.csv", line, row["document_id"])
            )
        if row["campaign_id"] not in campaigns:
            problems.append(
                Problem(
                    _shown("documents"),
                    f"campaign_id {row['campaign_id']!r} is not in seeds/campaigns.csv",
                    line,
                    row["document_id"],
                )
            )
        try:
            date.fromisoformat(row["as_of_date"])
        except ValueError:
            problems.append(
                Problem(
                    _shown("documents"), f"as_of_date {row['as_of_date']!r} is not a date (YYYY-MM-DD)", line, row["document_id"]
                )
            )
    for line, row in seeds["units"].rows:
        try:
            if float(row["divisor"]) <= 0:
                raise ValueError
            float(row["multiplier"])
        except ValueError:
            problems.append(
                Problem("seeds/units.csv", "multiplier and divisor must be numbers, divisor > 0", line, row["unit_as_written"])
            )


def check_inputs(project: Path) -> list[Problem]:
    """Every problem with the articles and seeds of the project, in file order; empty when all is well."""
    problems: list[Problem] = []
    seeds = {name: read_seed(project, name, problems) for name in SEED_COLUMNS}
    texts = check_articles(project, seeds["documents"], problems)
    check_references(seeds, problems)
    check_observations(seeds["observations"], seeds, texts, problems)
    return problems
