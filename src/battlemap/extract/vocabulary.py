"""The extractor's vocabulary, read from the seeds (the one home of every word list it uses).

From the project's seeds, shared with the build: units.csv (units and their factors), metrics.csv (each metric's base
unit and role), qualifier_terms.csv, qualifiers.csv (the default), qualifier_phrase_marks.csv, scope_levels.csv. From
the extractor's own word lists, which only it reads (battlemap/extract/words/): metric_terms.csv (cue words per
metric), target_terms.csv and scope_terms.csv, checked against the seeds when they are loaded. Nothing here is typed
in code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, lru_cache
from pathlib import Path

from battlemap.extract.words import WordListError, problems_of, read_word_lists
from battlemap.shared import vocabularies
from battlemap.shared.paths import seeds_dir


@dataclass(frozen=True)
class Unit:
    written: str
    base_unit: str
    factor: Fraction  # value_in_base = value_as_written * factor


@dataclass(frozen=True)
class Cue:
    term: str
    metric_id: str  # empty: the term marks a number that is not a figure
    side: str  # before, after or either (of the figure, within its clause)
    priority: int


@dataclass(frozen=True)
class QualifierTerm:
    """A word that qualifies a figure: before or after it, touching it or anywhere earlier in its phrase."""

    term: str
    qualifier: str
    position: str  # before / after
    reach: str  # adjacent / phrase


@dataclass(frozen=True)
class Vocabulary:
    units: dict[str, Unit]
    metric_units: dict[str, str]  # metric_id -> base unit
    cues: tuple[Cue, ...]
    qualifier_terms: tuple[QualifierTerm, ...]  # longest first
    default_qualifier: str  # of a figure no word qualifies (seeds/qualifiers.csv: is_default)
    phrase_marks: str  # marks that end a phrase (seeds/qualifier_phrase_marks.csv), as the build reads them
    target_terms: dict[str, bool]
    past_terms: frozenset[str]  # achievement words that hold in a plan too (target_terms.in_a_plan)
    scope_terms: dict[str, str]  # term -> city / programme / project
    metric_roles: dict[str, str]  # metric_id -> portfolio / plan / state / rate / context (seeds/metric_roles.csv)

    @property
    def unit_pattern(self) -> str:
        """Alternation of every unit, longest first, so 万平方米 wins over 平方米."""
        return "|".join(re.escape(u) for u in sorted(self.units, key=len, reverse=True))

    def cue_pattern(self, side: str) -> re.Pattern[str]:
        return self._cue_patterns[side]

    @cached_property
    def _cue_patterns(self) -> dict[str, re.Pattern[str]]:
        return {side: _cue_regex(tuple(c.term for c in self.cues if c.side in (side, "either"))) for side in ("before", "after")}

    @cached_property
    def cues_by_term(self) -> dict[str, list[Cue]]:
        by_term: dict[str, list[Cue]] = {}
        for cue in self.cues:
            by_term.setdefault(cue.term, []).append(cue)
        return by_term


@lru_cache(maxsize=8)
def _cue_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    # A lookahead finds a term at every position (overlapping), the longest at each position.
    return re.compile(f"(?=({longest_term(terms)}))")


def longest_term(terms: tuple[str, ...]) -> str:
    """A regex that matches the longest of the terms at a position (as their alternation sorted longest first
    does): a trie of them, behind a class of their first characters, which the regex engine skips along fast."""
    if not terms or "" in terms:  # (an empty term matches everywhere: their plain alternation)
        return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    trie: dict = {}
    for term in terms:
        node = trie
        for character in term:
            node = node.setdefault(character, {})
        node[""] = {}  # a term ends here

    def branch(node: dict) -> str:
        options = [re.escape(character) + branch(child) for character, child in sorted(node.items()) if character]
        if not options:
            return ""
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: a longer term first, else the one ending here

    first = "".join(sorted({re.escape(t[0]) for t in terms}))
    return f"(?=[{first}]){branch(trie)}"


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@lru_cache(maxsize=4)
def load_vocabulary(folder: Path | None = None) -> Vocabulary:
    """The vocabulary of a project's seeds (default: this checkout's)."""
    folder = Path(folder) if folder else seeds_dir()
    units = {
        r["unit_as_written"]: Unit(r["unit_as_written"], r["base_unit"], Fraction(r["multiplier"]) / Fraction(r["divisor"]))
        for r in _rows(folder, "units")
    }
    metrics = _rows(folder, "metrics")
    metric_units = {r["metric_id"]: r["base_unit"] for r in metrics}
    words = read_word_lists()  # read once: checked against the seeds, then used
    problems = problems_of(words, set(metric_units), set(vocabularies.values("scope_levels", folder.parent)))
    if problems:
        raise WordListError("the extractor's word lists do not fit the seeds: " + "; ".join(problems[:5]))
    cues = tuple(Cue(r["term"], r["metric_id"], r["side"] or "either", int(r["priority"] or 1)) for _, r in words["metric_terms"])
    qualifiers = _rows(folder, "qualifier_terms")
    target_terms = [row for _, row in words["target_terms"]]
    return Vocabulary(
        units=units,
        metric_units=metric_units,
        cues=cues,
        qualifier_terms=tuple(
            sorted(
                (QualifierTerm(r["term"], r["qualifier"], r["position"], r["reach"]) for r in qualifiers),
                key=lambda q: (-len(q.term), q.term),
            )
        ),
        default_qualifier=vocabularies.the_default(_rows(folder, "qualifiers")),
        phrase_marks="".join(r["mark"] for r in _rows(folder, "qualifier_phrase_marks")),
        target_terms={r["term"]: r["is_target"].lower() == "true" for r in target_terms},
        past_terms=frozenset(r["term"] for r in target_terms if r["in_a_plan"].lower() == "true"),
        scope_terms={r["term"]: r["scope_level"] for _, r in words["scope_terms"]},
        metric_roles={r["metric_id"]: r["role"] for r in metrics},
    )
