"""Score proposals against an answer key: recall and precision on (metric_id, value), and on
(metric_id, value, X) for X in scope_level, qualifier, is_target. Used by bench/extract_eval.py and tests.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from battlemap.extract.vocabulary import Vocabulary
from battlemap.read.numerals import parse_figure

ATTRIBUTES = ("scope_level", "qualifier", "is_target")


@dataclass(frozen=True)
class Figure:
    metric_id: str
    value: float
    scope_level: str
    qualifier: str
    is_target: bool


@dataclass(frozen=True)
class Score:
    matched: int
    proposed: int
    expected: int

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0


def same_value(a: float, b: float) -> bool:
    """Equal up to the rounding of a converted value: an annotator writes 350亩 as 233333.33 m2 (rel. 1.4e-8 off)."""
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def match_count(proposed: list[tuple], expected: list[tuple]) -> int:
    """How many proposals pair off with an expected figure (each used once); the value is compared with tolerance."""
    remaining = list(expected)
    matched = 0
    for item in proposed:
        for index, other in enumerate(remaining):
            if item[0] == other[0] and same_value(item[1], other[1]) and item[2:] == other[2:]:
                matched += 1
                del remaining[index]
                break
    return matched


def score(proposed: Iterable[Figure], expected: Iterable[Figure]) -> dict[str, Score]:
    proposed, expected = list(proposed), list(expected)
    scores = {"metric_value": _score([(f.metric_id, f.value) for f in proposed], [(f.metric_id, f.value) for f in expected])}
    for attribute in ATTRIBUTES:
        scores[attribute] = _score(
            [(f.metric_id, f.value, getattr(f, attribute)) for f in proposed],
            [(f.metric_id, f.value, getattr(f, attribute)) for f in expected],
        )
    return scores


def _score(proposed: list[tuple], expected: list[tuple]) -> Score:
    return Score(match_count(proposed, expected), len(proposed), len(expected))


def figure_from_row(row: dict[str, str], vocabulary: Vocabulary) -> Figure:
    """An answer-key row (observations.csv columns, value as written) as a Figure in base units."""
    unit = vocabulary.units[row["unit_as_written"]]
    return Figure(
        row["metric_id"],
        float(Fraction(repr(parse_figure(row["value_as_written"]))) * unit.factor),
        row["scope_level"],
        row["qualifier"],
        row["is_target"].strip().lower() == "true",
    )


def read_key(path: Path, vocabulary: Vocabulary) -> list[Figure]:
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return [figure_from_row(row, vocabulary) for row in csv.DictReader(handle)]


def real_keys(path: Path) -> dict[str, list[Figure]]:
    """A real set's figures.csv (value in base units) as each report's answer key, by report id."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    keys: dict[str, list[Figure]] = {}
    for row in rows:
        keys.setdefault(row["report_id"], []).append(
            Figure(row["metric_id"], float(row["value"]), row["scope_level"], row["qualifier"], row["is_target"].lower() == "true")
        )
    return keys


def real_cases(real: Path, texts: Path) -> tuple[list[tuple], list[str]]:
    """The real-report development set: (report_id, text path, annotated place, None, key, address) per report whose
    text is in `texts` with the sha256 of reports.csv, and a message for each report that cannot be scored."""
    import hashlib

    from battlemap.shared.places import place_by_code

    with (real / "reports.csv").open(encoding="utf-8-sig", newline="") as handle:
        reports = list(csv.DictReader(handle))
    keys = real_keys(real / "figures.csv")
    cases, problems = [], []
    for report in reports:
        path = Path(texts) / f"{report['report_id']}.txt"
        if not path.is_file():
            problems.append(f"{report['report_id']}: no text at {path} (obtain it from {report['address']})")
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != report["sha256"]:
            problems.append(f"{report['report_id']}: {path} is not the text annotated (sha256 differs)")
            continue
        key = keys.get(report["report_id"], [])
        cases.append((report["report_id"], path, place_by_code(report["admin_code"]), None, key, report.get("address", "")))
    return cases, problems
