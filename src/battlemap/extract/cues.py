"""Which metric a figure measures, decided by cue words of seeds/metric_terms.csv around it.

A cue counts only if its metric is measured in the figure's base unit (完成 before a money figure means
completed investment; before an area it says nothing). Among the cues of the clause, the highest
priority wins, then the one nearest the figure, then the longest. A cue without a metric marks a
number that is not a figure (八个方面, 排名). Counts of 个/项 with no cue default to project_count.
"""

from __future__ import annotations

from dataclasses import dataclass

from battlemap.extract.vocabulary import Vocabulary

DEFAULT_COUNT_UNITS = {"个", "项"}


@dataclass(frozen=True)
class MetricChoice:
    metric_id: str  # "" when the number is not a figure
    cue: str  # the word that decided; "" for the default
    distance: int
    priority: int
    cue_start: int = -1  # absolute offsets of the cue in the text (-1: none)
    cue_end: int = -1


NOUN = ("项目", "工程")


def choose_metric(
    text: str,
    before: tuple[int, int],
    after: tuple[int, int],
    base_unit: str,
    unit: str,
    vocabulary: Vocabulary,
    figure_follows: bool = False,
) -> MetricChoice | None:
    """The metric of the figure whose clause text before it is text[before] and after its number is text[after].

    `after` starts at the unit, so a unit that is itself a cue (栋, 大类) is seen, and ends before the next
    figure. After the counted noun (…项目/工程) comes the predicate (已开工, 正在办理开工前手续): its cues
    outrank the noun's modifiers (计划新开工项目), unless another figure follows in the clause, whose
    predicate it then is (95个重点项目已开复工88个). None: no cue and no default.
    """
    by_term = vocabulary.cues_by_term
    candidates: list[tuple[tuple, MetricChoice]] = []

    def consider(term: str, side: str, distance: int, start: int, bonus: int = 0) -> None:
        for cue in by_term.get(term, ()):
            if cue.side not in (side, "either"):
                continue
            if cue.metric_id and vocabulary.metric_units.get(cue.metric_id) != base_unit:
                continue
            choice = MetricChoice(cue.metric_id, term, distance, cue.priority, start, start + len(term))
            # Rank: priority (+1 in the predicate), nearness, length, a not-a-figure mark before a metric,
            # and for counts the counted noun (after) before the words in front.
            rank = (
                -(cue.priority + (bonus if cue.priority >= 2 else 0)),
                distance,
                -len(term),
                bool(cue.metric_id),
                side == "before",
            )
            candidates.append((rank, choice))

    b_start, b_end = before
    for match in vocabulary.cue_pattern("before").finditer(text, b_start, b_end):
        term = match.group(1)
        if match.start() + len(term) <= b_end:
            consider(term, "before", b_end - (match.start() + len(term)), match.start())
    a_start, a_end = after
    noun_end = _noun_end(text, a_start, a_end)
    for match in vocabulary.cue_pattern("after").finditer(text, a_start, a_end):
        term = match.group(1)
        if match.start() + len(term) > a_end:
            continue
        in_predicate = noun_end is not None and match.start() >= noun_end
        if in_predicate and figure_follows:
            continue
        # The unit itself and a word right after it are at distance 0.
        distance = max(0, match.start() - a_start - len(unit))
        consider(term, "after", distance, match.start(), bonus=1 if in_predicate else 0)
    if not candidates:
        if unit in DEFAULT_COUNT_UNITS and base_unit == "count":
            return MetricChoice("project_count", "", 99, 0)
        return None
    return min(candidates, key=lambda pair: pair[0])[1]


def _noun_end(text: str, start: int, end: int) -> int | None:
    positions = [p for p in (text.find(noun, start, end) for noun in NOUN) if p >= 0]
    return min(positions) + 2 if positions else None
