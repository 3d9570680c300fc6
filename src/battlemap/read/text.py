"""Normalise the raw articles: strip inline pinyin, convert to simplified script, keep an offset map.

Every position in the normalised text maps back to a position in the raw text, so a quote found in
the normalised text can be highlighted in the document exactly as received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import opencc

if TYPE_CHECKING:
    import numpy as np

# Inline pinyin annotations such as 開(kāi) or 項(xiàng): one syllable of lower-case latin letters, with or
# without tone marks, in ASCII parentheses. The annotation may follow a garbled character (袊r(nóng)),
# so the preceding character is not constrained.
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
PINYIN_ANNOTATION = re.compile(rf"\([a-z{TONED}]{{1,7}}\)")

CJK = "\u3400-\u9fff\uf900-\ufaff"

# Patterns that mark a stretch as damaged, one per kind of seeds/garbled_kinds.csv (the kinds' home, with their
# labels; a pattern is code, so it stays here: tests/python/test_vocabulary_homes.py checks the kinds are the seed's).
# Each is searched in the normalised text.
GARBLED_PATTERNS: dict[str, re.Pattern[str]] = {
    # U+FFFD: bytes that were not valid in the source encoding.
    "replacement_character": re.compile("\ufffd+"),
    # An ASCII '?' (often with '!') touching Chinese text: a character lost in a GBK/UTF-8 round trip.
    "question_mark_in_chinese": re.compile(
        rf"(?<=[{CJK}])[?!]*\?[?!A-Za-z{TONED})]*|[?!]*\?[?!A-Za-z{TONED})]*(?=[{CJK}])"
    ),
    # Tone-marked pinyin outside an annotation: the remains of one whose parenthesis was garbled (日?qǐng)).
    "stray_pinyin": re.compile(rf"[a-zü]*[{TONED}][a-zü]*\)?"),
    # A lone latin letter between Chinese characters: mojibake such as 袊r批 (from 中國農批).
    "latin_letter_in_chinese": re.compile(rf"(?<=[{CJK}])[A-Za-z](?=[{CJK}])"),
    # Page numbers of a converted document glued into a word: 通2、過, (一期3、), 辦、10、縣.
    "page_marker": re.compile(rf"(?<=[{CJK}、])\d{{1,2}}、(?=[{CJK})])"),
    # Template placeholders left in a published document: XX縣區.
    "template_placeholder": re.compile(r"XX"),
}


@dataclass(frozen=True, eq=False)
class NormalisedText:
    """Normalised text and, for each of its characters, the index of the raw character it came from.

    `raw_offsets` has len(text) + 1 entries; the last is len(raw), so that a half-open span
    [start, end) in the normalised text maps to [raw_offsets[start], raw_offsets[end]) in the raw text.
    It is a numpy int32 array (4 bytes a character, not a Python int each: a 100 MB article's map is
    ~130 MB instead of gigabytes), which indexes, slices and iterates like the tuple it replaces.
    """

    text: str
    raw_offsets: np.ndarray

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the raw text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside the text of length {len(self.text)}")
        if start == end:
            return int(self.raw_offsets[start]), int(self.raw_offsets[start])
        # The end maps to just after the raw character of the span's last normalised character, so a
        # pinyin annotation that follows the span is not pulled into it.
        return int(self.raw_offsets[start]), int(self.raw_offsets[end - 1]) + 1


@dataclass(frozen=True)
class GarbledSpan:
    kind: str
    start: int
    end: int
    text: str


def strip_pinyin(raw: str) -> tuple[str, np.ndarray]:
    """Remove inline pinyin annotations; return the text and the raw index of each kept character.

    The index array has one spare slot at the end, for normalise() to put len(raw) in without a copy.
    Vectorised, in int32 and in place (one array of 4 bytes a character): the annotations' bounds stream
    into a small array; consecutive kept characters are 1 apart in the raw text, except that the first
    one after an annotation jumps over it; a running sum of those steps is the offset map.
    """
    import numpy as np  # here, not at the top: the extractor needs no offset map, and start-up is faster without numpy

    bounds = np.fromiter(
        (bound for match in PINYIN_ANNOTATION.finditer(raw) for bound in match.span()), dtype=np.int32
    )
    starts, ends = bounds[0::2], bounds[1::2]
    removed = ends - starts
    kept = len(raw) - int(removed.sum())
    offsets = np.ones(kept + 1, dtype=np.int32)
    offsets[0] = 0
    # The kept character right after annotation i has kept index start_i - (characters removed before it).
    after = starts - (np.cumsum(removed, dtype=np.int64) - removed).astype(np.int32)
    np.add.at(offsets, after, removed)  # several annotations in a row add up at the same character
    np.cumsum(offsets[:kept], dtype=np.int32, out=offsets[:kept])
    return PINYIN_ANNOTATION.sub("", raw), offsets


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to simplified with OpenCC, guaranteed to keep the length of the text.

    OpenCC converts phrase by phrase; the phrases of t2s keep their length, but the offset map relies on
    it, so any line whose length changes is converted again character by character.
    """
    converter = _converter()
    whole = converter.convert(text)  # one call for the whole text (OpenCC has no phrase across a line break)
    lines = text.split("\n")
    if [len(line) for line in whole.split("\n")] == [len(line) for line in lines]:
        return whole
    for number, line in enumerate(lines):  # converted in place: one copy of the text in lines, not two
        simplified = converter.convert(line)
        if len(simplified) != len(line):
            simplified = "".join(
                c if len(c) == 1 else ch for ch, c in ((ch, converter.convert(ch)) for ch in line)
            )
        lines[number] = simplified
    return "\n".join(lines)


def normalise(raw: str) -> NormalisedText:
    """Strip inline pinyin and convert to simplified script, keeping the offset map to the raw text."""
    stripped, raw_offsets = strip_pinyin(raw)
    simplified = to_simplified(stripped)
    del stripped
    raw_offsets[-1] = len(raw)
    raw_offsets.flags.writeable = False
    return NormalisedText(text=simplified, raw_offsets=raw_offsets)


def normalise_text(raw: str) -> str:
    """Only the normalised text (what quotes are checked against), without building the offset map."""
    return to_simplified(PINYIN_ANNOTATION.sub("", raw))


def find_garbled(text: str) -> list[GarbledSpan]:
    """Every stretch of the text that one of GARBLED_PATTERNS marks as damaged, in text order."""
    spans = [
        GarbledSpan(kind=kind, start=m.start(), end=m.end(), text=m.group())
        for kind, pattern in GARBLED_PATTERNS.items()
        for m in pattern.finditer(text)
    ]
    # A stretch found by two patterns (?qǐng)?bào) holds stray_pinyin too) is reported once, by the widest:
    # a span inside a strictly longer one is dropped (equal extents are both kept). One sweep in start
    # order (longest first at equal starts), so a long article with many spans stays O(n log n).
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[GarbledSpan] = []
    reach_before = -1  # the furthest end of the spans that start before the current start
    group_start, group_end, group_reach = None, -1, -1
    for span in spans:
        if span.start != group_start:
            reach_before = max(reach_before, group_reach)
            group_start, group_end = span.start, span.end  # the longest span of this start comes first
            group_reach = span.end
        if reach_before >= span.end or group_end > span.end:
            continue
        kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.kind))
