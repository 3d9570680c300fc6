"""Where clauses and sentences begin and end, so a figure's quote is the shortest clause that holds it.

Four levels: the inner clause (cut also at 、, the enumeration comma), the clause (cut at commas and
colons) the sentence (cut at 。！？； and line ends) and the full stop (not cut at ；). Boundaries are found once per text with one regex.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

STOP_ENDS = "。！!？?\n\r"  # a full stop: a list's items (；-separated) stay within one
SENTENCE_ENDS = STOP_ENDS + "；;"
CLAUSE_ENDS = SENTENCE_ENDS + "，,：:\t"
INNER_ENDS = CLAUSE_ENDS + "、"


@dataclass
class Boundaries:
    """Sorted positions of the delimiters of one level in a text."""

    positions: list[int]
    length: int

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The span between the delimiters around [start, end): the delimiters themselves excluded."""
        index = bisect_right(self.positions, start - 1)
        left = self.positions[index - 1] + 1 if index > 0 else 0
        right_index = bisect_right(self.positions, end - 1)
        right = self.positions[right_index] if right_index < len(self.positions) else self.length
        return left, right


# Every delimiter of the inner level, the widest: a single space is typesetting (共 502 个); a run of spaces
# separates like a comma does (not a sentence). Each narrower level's delimiters are some of these.
_INNER = re.compile("[" + re.escape(INNER_ENDS) + r"]|[ \u3000\xa0]{2,}")
_SENTENCE_SET = frozenset(SENTENCE_ENDS)
_STOP_SET = frozenset(STOP_ENDS)


def boundaries(text: str) -> dict[str, Boundaries]:
    # One scan for the inner level; the others keep its delimiters that are theirs (no space run is a
    # delimiter character, so the levels find the same runs).
    inner = [m.start() for m in _INNER.finditer(text)]
    clause = [p for p in inner if text[p] != "、"]
    sentence = [p for p in clause if text[p] in _SENTENCE_SET]
    stop = [p for p in sentence if text[p] in _STOP_SET]
    length = len(text)
    return {
        "stop": Boundaries(stop, length),
        "sentence": Boundaries(sentence, length),
        "clause": Boundaries(clause, length),
        "inner": Boundaries(inner, length),
    }


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace (a quote never starts or ends with a space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
