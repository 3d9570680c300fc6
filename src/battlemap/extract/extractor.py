"""Propose every figure of a text: number and unit, metric, scope, qualifier, target flag and quote.

The text is normalised (battlemap.text: pinyin stripped, simplified script) in segments cut at line
ends, so memory stays proportional to the text and offsets are those of the whole normalised text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from battlemap.extract.clauses import boundaries, trimmed
from battlemap.extract.cues import choose_metric
from battlemap.extract.figures import find_figures
from battlemap.extract.reading import is_target, qualifier, target_marker
from battlemap.extract.scope import ScopeReader
from battlemap.extract.scoring import confidence
from battlemap.extract.vocabulary import Vocabulary, load_vocabulary
from battlemap.figure_match import figure_in_quote
from battlemap.places import Place
from battlemap.text import normalise

COLUMNS = (
    "document",
    "scope_level",
    "scope_name",
    "metric_id",
    "value",
    "unit_as_written",
    "value_as_written",
    "qualifier",
    "is_target",
    "quote",
    "char_start",
    "char_end",
    "confidence",
    "cue",
)
SEGMENT_CHARS = 1 << 18  # normalise this much text at a time (cut at a line end)
CAMPAIGN_LEVEL = {"campaign_duration"}  # a property of the campaign: always the document's scope
CONTEXT = 4  # characters on each side of a figure that make a repeat of it recognisable
PLAN_TITLE = re.compile(r"方案|实施意见|工作要点|行动计划|工作计划")


@dataclass(frozen=True)
class Proposal:
    document: str
    scope_level: str
    scope_name: str
    metric_id: str
    value: float  # in the metric's base unit (CNY, m2, ratio 0-1, count, day)
    unit_as_written: str
    value_as_written: str
    qualifier: str
    is_target: bool
    quote: str
    char_start: int  # of the quote, in the normalised text (0-based, half-open)
    char_end: int
    confidence: float
    cue: str
    context: str = field(default="", compare=False, repr=False)  # the figure with CONTEXT characters each side

    def row(self) -> dict[str, object]:
        row = {column: getattr(self, column) for column in COLUMNS}
        # 32000000000 rather than 32000000000.0 or 3.2e+10; ratios keep their decimals (0.817).
        row["value"] = int(self.value) if float(self.value).is_integer() else round(self.value, 12)
        return row


def segments(raw: str, size: int = SEGMENT_CHARS) -> Iterator[str]:
    """The text cut at line ends into pieces of about `size` characters (a longer line stays whole)."""
    start = 0
    while start < len(raw):
        end = min(len(raw), start + size)
        if end < len(raw):
            newline = raw.rfind("\n", start, end)
            end = newline + 1 if newline > start else (raw.find("\n", end) + 1 or len(raw))
        yield raw[start:end]
        start = end


def guess_figures_are(text: str) -> str:
    """'targets' when the title (first line) names a plan (方案, 行动计划 …), else 'status'."""
    first_line = text.lstrip()[:200].split("\n", 1)[0]
    return "targets" if PLAN_TITLE.search(first_line) else "status"


def extract_text(
    raw: str,
    document: str = "",
    place: Place | None = None,
    figures_are: str | None = None,
    vocabulary: Vocabulary | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Proposal]:
    """Every figure the raw text states, in text order, each once (a repeat of the same figure is dropped)."""
    vocabulary = vocabulary or load_vocabulary()
    proposals: list[Proposal] = []
    seen: set[tuple] = set()
    offset = done = 0
    section = None
    for index, piece in enumerate(segments(raw)):
        text = normalise(piece).text
        if index == 0 and figures_are is None:
            figures_are = guess_figures_are(text)
        reader = ScopeReader(text, place, vocabulary)
        reader.section = section
        for proposal in _extract_segment(text, offset, document, reader, figures_are or "status", vocabulary):
            keys = {
                (proposal.metric_id, proposal.value, proposal.scope_level, proposal.scope_name),
                (proposal.metric_id, proposal.value, proposal.context),
            }
            if not keys & seen:
                proposals.append(proposal)
            seen |= keys
        section = reader.section
        offset += len(text)
        done += len(piece)
        if progress:
            progress(done, len(raw))
    return proposals


def _extract_segment(text, offset, document, reader: ScopeReader, figures_are, vocabulary) -> Iterator[Proposal]:
    bounds = boundaries(text)
    inner_b, clause_b, sentence_b = bounds["inner"], bounds["clause"], bounds["sentence"]
    scanned = 0  # clause heads before this offset have been read for the scope
    previous: tuple[int, bool] | None = None  # (sentence start, is_target) of the last figure
    figures = find_figures(text, vocabulary)
    for number, figure in enumerate(figures):
        unit = vocabulary.units[figure.unit]
        next_start = figures[number + 1].start if number + 1 < len(figures) else len(text)
        unit_start = figure.end - len(figure.unit)
        inner = inner_b.around(figure.start, figure.end)
        clause = clause_b.around(figure.start, figure.end)
        sentence = sentence_b.around(figure.start, figure.end)
        choice = choose_metric(
            text,
            (clause[0], figure.start),
            (unit_start, min(inner[1], next_start)),
            unit.base_unit,
            figure.unit,
            vocabulary,
            figure_follows=next_start < inner[1],
        )
        if choice is None or not choice.metric_id:
            continue
        if choice.metric_id in CAMPAIGN_LEVEL and re.search(r"(?:年|去年|上年)$", text[max(0, figure.start - 2) : figure.start]):
            continue  # 2016年百日攻坚: an earlier campaign, named
        if "每" in text[clause[0] : figure.start]:
            continue  # a cadence (每半月通报1次), not a quantity
        paragraph_start = text.rfind("\n", 0, figure.start) + 1
        earlier = _clauses_between(text, max(scanned, paragraph_start), clause[0], clause_b)
        scanned = clause[1]
        scope = (
            reader.city
            if choice.metric_id in CAMPAIGN_LEVEL
            else reader.scope(
                paragraph_start,
                sentence[0],
                clause,
                (inner[0], figure.start),
                (figure.end, inner[1]),
                unit.base_unit == "count",
                earlier,
            )
        )
        marker = target_marker(text, clause[0], figure.start, vocabulary)
        if marker is None:
            marker = target_marker(text, figure.end, inner[1], vocabulary, after=True)
        same_sentence = previous[1] if previous and previous[0] == sentence[0] else None
        target = is_target(choice.metric_id, marker, same_sentence, figures_are)
        previous = (sentence[0], target)
        quote_start, quote_end = trimmed(text, *inner)
        if not figure_in_quote(text[quote_start:quote_end], figure.number + figure.unit):
            continue  # part of a larger number in its quote (41个 of 741个): the build would refuse it
        yield Proposal(
            document=document,
            scope_level=scope.level,
            scope_name=scope.name,
            metric_id=choice.metric_id,
            value=float(Fraction(repr(figure.value)) * unit.factor),
            unit_as_written=figure.unit,
            value_as_written=figure.number,
            qualifier=qualifier(text, figure.start, figure.end, vocabulary),
            is_target=target,
            quote=text[quote_start:quote_end],
            char_start=offset + quote_start,
            char_end=offset + quote_end,
            confidence=confidence(choice),
            cue=choice.cue,
            context=text[max(0, figure.start - CONTEXT) : figure.end + CONTEXT],
        )


def _clauses_between(text, start, end, clause_b) -> list[tuple[int, int]]:
    spans = []
    position = start
    while position < end:
        left, right = clause_b.around(position, position + 1)
        if right <= left:
            position = right + 1
            continue
        spans.append((max(left, start), min(right, end)))
        position = right + 1
    return spans
