"""The extractor's own word lists (words/*.csv): the cue words of each metric, the words that mark a target or an
achievement, and the words that tell a figure's scope. Only the extractor reads them, so they live beside it, not
among the warehouse's seeds; they name metrics and scope levels, which do live in the seeds, and are checked against
them whenever they are loaded (and by tests/python/test_extract_words.py).

- metric_terms.csv: term, metric_id (a metric of seeds/metrics.csv, `other` for a figure outside the catalogue, or
  empty for words that make a number no figure), side (before, after, either), priority (1 generic, 2 specific,
  3 overrides), note. A term names one metric once.
- target_terms.csv: term (once), is_target, in_a_plan (an achievement word that holds in a plan too; never a
  target word), note.
- scope_terms.csv: term (once), scope_level (a level of seeds/scope_levels.csv, or `none`: not a scope), note.
"""

from __future__ import annotations

import csv
from pathlib import Path

WORDS_DIR = Path(__file__).resolve().parent / "words"
SIDES = ("before", "after", "either")
PRIORITIES = ("1", "2", "3")
BOOLEANS = ("true", "false")
OTHER = "other"
NOT_A_SCOPE = "none"


class WordListError(ValueError):
    """A word list that does not fit the seeds: file, line and reason."""


NAMES = ("metric_terms", "target_terms", "scope_terms")
WordLists = dict[str, list[tuple[int, dict[str, str]]]]  # list name -> (line, row) of each row


def _read(path: Path) -> list[tuple[int, dict[str, str]]]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if None in row:  # more fields than the header: a comma in an unquoted note
                raise WordListError(f"{path.name} line {reader.line_num}: {len(row) - 1 + len(row[None])} fields, the header has "
                                    f"{len(reader.fieldnames or [])} (quote a note that holds a comma)")
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    return rows


def read_word_lists(folder: Path = WORDS_DIR) -> WordLists:
    """The three word lists of `folder`, each row with its line."""
    return {name: _read(folder / f"{name}.csv") for name in NAMES}


def word_list_problems(folder: Path, metric_ids: set[str], scope_levels: set[str]) -> list[str]:
    """Every problem of the word lists in `folder`, as `file line N: reason`; empty when they fit."""
    return problems_of(read_word_lists(folder), metric_ids, scope_levels)


def problems_of(lists: WordLists, metric_ids: set[str], scope_levels: set[str]) -> list[str]:
    """Every problem of word lists already read (read_word_lists), as `file line N: reason`."""
    problems: list[str] = []

    def bad(name: str, line: int, reason: str) -> None:
        problems.append(f"{name} line {line}: {reason}")

    seen: set[tuple[str, str]] = set()
    for line, row in lists["metric_terms"]:
        name, term, metric = "metric_terms.csv", row.get("term", ""), row.get("metric_id", "")
        if not term:
            bad(name, line, "no term")
        if (term, metric) in seen:
            bad(name, line, f"{term!r} names {metric or 'no metric'} a second time")
        seen.add((term, metric))
        if metric and metric != OTHER and metric not in metric_ids:
            bad(name, line, f"metric {metric!r} is not in seeds/metrics.csv")
        if row.get("side", "") not in SIDES:
            bad(name, line, f"side {row.get('side', '')!r} is not one of {', '.join(SIDES)}")
        if row.get("priority", "") not in PRIORITIES:
            bad(name, line, f"priority {row.get('priority', '')!r} is not one of {', '.join(PRIORITIES)}")
    for file, check in (("target_terms.csv", _target_row), ("scope_terms.csv", _scope_row)):
        terms: set[str] = set()
        for line, row in lists[file.removesuffix(".csv")]:
            term = row.get("term", "")
            if not term:
                bad(file, line, "no term")
            elif term in terms:
                bad(file, line, f"{term!r} is listed twice")
            terms.add(term)
            reason = check(row, scope_levels)
            if reason:
                bad(file, line, reason)
    return problems


def _target_row(row: dict[str, str], _levels: set[str]) -> str:
    is_target, in_a_plan = row.get("is_target", "").lower(), row.get("in_a_plan", "").lower()
    if is_target not in BOOLEANS or in_a_plan not in BOOLEANS:
        return "is_target and in_a_plan are true or false"
    if is_target == "true" and in_a_plan == "true":
        return "a target word cannot hold as done in a plan (in_a_plan is for achievement words)"
    return ""


def _scope_row(row: dict[str, str], levels: set[str]) -> str:
    level = row.get("scope_level", "")
    if level != NOT_A_SCOPE and level not in levels:
        return f"scope level {level!r} is not in seeds/scope_levels.csv (or {NOT_A_SCOPE})"
    return ""
