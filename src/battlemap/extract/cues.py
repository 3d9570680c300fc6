"""Which metric a figure measures, decided by cue words of seeds/metric_terms.csv around it.

A cue counts only if its metric is measured in the figure's base unit (完成 before a money figure means
completed investment; before an area it says nothing). Among the cues of the clause, the highest
priority wins, then the one nearest the figure, then the longest. A cue without a metric marks a
number that is not a figure (八个方面, 排名). Counts of 个/项 with no cue default to project_count.
"""

from __future__ import annotations

from dataclasses import dataclass

from battlemap.extract.vocabulary import Cue, Vocabulary

DEFAULT_COUNT_UNITS = {"个", "项"}


@dataclass(frozen=True)
class MetricChoice:
    metric_id: str  # "" when the number is not a figure
    cue: str  # the word that decided; "" for the default
    distance: int
    priority: int
    cue_start: int = -1  # absolute offsets of the cue in the text (-1: none)
    cue_end: int = -1


def _cues_by_term(vocabulary: Vocabulary) -> dict[str, list[Cue]]:
    by_term: dict[str, list[Cue]] = {}
    for cue in vocabulary.cues:
        by_term.setdefault(cue.term, []).append(cue)
    return by_term


_CACHE: dict[int, dict[str, list[Cue]]] = {}


def choose_metric(text: str, before: tuple[int, int], after: tuple[int, int], base_unit: str, unit: str, vocabulary: Vocabulary) -> MetricChoice | None:
    """The metric of the figure whose clause text before it is text[before] and after its number is text[after].

    `after` starts at the unit, so a unit that is itself a cue (栋, 大类) is seen. None: no cue, no default.
    """
    by_term = _CACHE.setdefault(id(vocabulary), _cues_by_term(vocabulary))
    candidates: list[MetricChoice] = []

    def consider(term: str, side: str, distance: int, start: int) -> None:
        for cue in by_term.get(term, ()):
            if cue.side not in (side, "either"):
                continue
            if cue.metric_id and vocabulary.metric_units.get(cue.metric_id) != base_unit:
                continue
            candidates.append(MetricChoice(cue.metric_id, term, distance, cue.priority, start, start + len(term)))

    b_start, b_end = before
    for match in vocabulary.cue_pattern("before").finditer(text, b_start, b_end):
        term = match.group(1)
        if match.start() + len(term) <= b_end:
            consider(term, "before", b_end - (match.start() + len(term)), match.start())
    a_start, a_end = after
    for match in vocabulary.cue_pattern("after").finditer(text, a_start, a_end):
        term = match.group(1)
        if match.start() + len(term) <= a_end:
            # The unit itself sits at distance 0; a word right after the unit at distance 0 too.
            distance = max(0, match.start() - a_start - len(unit)) if match.start() >= a_start + len(unit) else 0
            consider(term, "after", distance, match.start())
    if not candidates:
        if unit in DEFAULT_COUNT_UNITS and base_unit == "count":
            return MetricChoice("project_count", "", 99, 0)
        return None
    return min(candidates, key=lambda c: (-c.priority, c.distance, -len(c.cue)))
