"""How a figure is meant: its qualifier (近 at most, 逾/以上 at least, 约/左右 approximate) and whether it is a target.

The words are those of seeds/qualifier_terms.csv (the same the build reads back from the quote) and
extract/words/target_terms.csv. Target rules, as the curated figures follow them (README, "Rules every figure
follows"), by the metric's role (seeds/metrics.csv): a plan metric (the annual plan) is always a target; in a
plan every figure is; in a status report the portfolio (project counts, total investment) is state, and
other figures are targets when the nearest
marker word before them in their clause says so (计划, 力争, 确保 … vs 已, 完成, 实现 …), or, with no marker,
like the figure before them in the same sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from battlemap.extract.vocabulary import Vocabulary, longest_term

ALWAYS_TARGET = "plan"  # metric roles (seeds/metric_roles.csv)
PORTFOLIO = "portfolio"


def qualifier(text: str, start: int, end: int, vocabulary: Vocabulary) -> str:
    """The qualifier the words around the figure text[start:end] imply (seeds/qualifier_terms.csv); the default
    (seeds/qualifiers.csv: exact) otherwise.

    A word of reach `adjacent` must touch the figure (近200个, 2次以上); one of reach `phrase` may stand
    anywhere earlier in the figure's phrase (需至少新谋划…1个). The longest matching word wins, as in the build.
    """
    window = text[max(0, start - 60) : start]
    # The phrase starts after the last mark (seeds/qualifier_phrase_marks.csv, one character each, as the build
    # reads them back).
    phrase = window[max(window.rfind(mark) for mark in vocabulary.phrase_marks) + 1 :]
    for term in vocabulary.qualifier_terms:  # longest first
        if term.position == "after":
            matched = text.startswith(term.term, end)
        elif term.reach == "adjacent":
            matched = phrase.endswith(term.term)
        else:
            matched = term.term in phrase
        if matched:
            return term.qualifier
    return vocabulary.default_qualifier


@lru_cache(maxsize=4)
def _marker_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(longest_term(terms))  # the longest marker at a position


def cue_spans(text: str, start: int, end: int, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """Where metric names (cue words) stand in text[start:end]: a marker inside one (年度计划投资) is no marker."""
    spans = []
    for side in ("before", "after"):
        for match in vocabulary.cue_pattern(side).finditer(text, start, end):
            spans.append((match.start(), match.start() + len(match.group(1))))
    return spans


# A target word that heads the base of a ratio (完成1-4月投资计划的132.1%, 超年度目标任务5.6个百分点) is no marker.
_RATIO_BASE = re.compile(r"(?:任务数?|数)?的?")
# 计划 opening a category's name (80个计划新开工项目开工建设51个) names the category, it marks no target.
_CATEGORY_AFTER = re.compile(r"(?:新开工|开工|竣工|建成|投产|完工){1,2}(?:的)?(?:重点|重大)?(?:建设)?项目")


def target_marker(
    text: str, start: int, end: int, vocabulary: Vocabulary, after: bool = False, ratio: bool = False
) -> bool | None:
    """True/False from the marker words in text[start:end]; None without one.

    Before a figure the last marker wins; markers that open a metric's name (已开工, 完成投资) count only
    when no other marker is there (确保全年完成投资400亿元 is a target); a marker inside a name (年度计划投资
    完成率) never counts. After a figure (64个已开工) only achievement markers count.
    """
    pattern = _marker_regex(tuple(vocabulary.target_terms))
    names: list[tuple[int, int]] | None = None  # where metric names stand: found only once a marker is
    free, opening = None, None
    for match in pattern.finditer(text, start, end):
        meaning = vocabulary.target_terms[match.group()]
        if after and meaning:
            continue
        if names is None:
            names = cue_spans(text, start, end, vocabulary)
        if any(s < match.start() and match.end() <= e for s, e in names):
            continue
        if ratio and meaning and _RATIO_BASE.fullmatch(text, match.end(), end):
            continue
        if match.group() == "计划" and _CATEGORY_AFTER.match(text, match.end()):
            continue
        if any(s == match.start() and match.end() < e for s, e in names):
            opening = meaning if not (after and opening is not None) else opening
        elif free and not meaning and not after and (match.start(), match.end()) in names:
            pass  # 力争上半年完成65亿元: an achievement word that is itself the metric's name yields to the aim before it
        else:
            free = meaning if not (after and free is not None) else free
        if after:
            break
    return free if free is not None else opening


def past_fact(text: str, start: int, end: int, vocabulary: Vocabulary) -> bool:
    """Whether the last marker word in text[start:end], outside any metric name, says the figure has already
    happened even in a plan (目前累计完成投资4900万元: target_terms.in_a_plan)."""
    last = None
    names: list[tuple[int, int]] | None = None
    for match in _marker_regex(tuple(vocabulary.target_terms)).finditer(text, start, end):
        if names is None:
            names = cue_spans(text, start, end, vocabulary)
        if not any(s <= match.start() and match.end() <= e for s, e in names):
            last = match.group()
    return last in vocabulary.past_terms


def marker_decides(role: str | None, figures_are: str) -> bool:
    """Whether the marker words around a figure of a metric of this role can change its target flag (see is_target)."""
    return figures_are != "targets" and role not in (ALWAYS_TARGET, PORTFOLIO)


def is_target(
    role: str | None, marker: bool | None, previous_in_sentence: bool | None, figures_are: str, done: bool = False
) -> bool:
    """role: the metric's (Vocabulary.metric_roles; None for a figure outside the catalogue). done: a word that
    holds in a plan too says the figure has already happened (past_fact)."""
    if role == ALWAYS_TARGET:
        return True
    if figures_are == "targets":
        return not done
    if role == PORTFOLIO:
        return False
    if marker is not None:
        return marker
    return bool(previous_in_sentence)
