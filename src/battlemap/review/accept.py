"""`battlemap accept`: append the rows a person marked in a review CSV to sources/curation/observations.csv,
checked with the build's own input rules (battlemap.build.inputs) before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from battlemap.build.input_rows import (
    Problem,
    Seed,
    read_seed,
    shorten,
    text_problem,
    value_problem,
)
from battlemap.build.inputs import check_articles, check_observations, check_references
from battlemap.extract.seedfiles import append_rows
from battlemap.review.errors import ReviewError, RowsRefused
from battlemap.review.review_file import NO, YES, not_utf8_message, read_review
from battlemap.shared.paths import corpus_file
from battlemap.shared.seed_schema import seed_schemas


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
