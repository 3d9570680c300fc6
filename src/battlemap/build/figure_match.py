"""Where a figure as written (value and unit, 741个) stands in its quote, as a whole number.

A plain substring test takes 41个 from 项目741个, 18个 from 118个 and 552亿元 from 3552亿元. A figure counts
only where no digit or decimal point adjoins its number: nothing of [0-9０-９.．] just before an Arabic
number, nor a Chinese numeral (十, 百 …) just before a Chinese one (八个 is not in 十八个); and, where the
figure ends in a digit (no unit), no digit or decimal point just after it.

The one rule for the build's input pass (battlemap.build.inputs), `battlemap accept` (through the input pass)
and the extractor's output; models/intermediate/int_observations_located.sql applies the same rule in SQL
(figure_offset_in_quote).
"""

from __future__ import annotations

import re
from functools import lru_cache

ARABIC_DIGITS = "0-9０-９"
DECIMAL_POINTS = ".．"
CHINESE_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_ARABIC_START = re.compile(f"[{ARABIC_DIGITS}]")


_NUMBER = re.compile(f"[{ARABIC_DIGITS}{DECIMAL_POINTS}]+|[{CHINESE_NUMERALS}点]+")
SPACE = "[ \u3000\u00a0]?"  # a typeset space may stand between a number and its unit (共 502 个)


@lru_cache(maxsize=65536)
def _pattern(figure: str) -> re.Pattern[str]:
    first_is_arabic = bool(_ARABIC_START.match(figure))
    before = f"{ARABIC_DIGITS}{DECIMAL_POINTS}" + ("" if first_is_arabic else CHINESE_NUMERALS)
    after = f"(?![{ARABIC_DIGITS}{DECIMAL_POINTS}])" if figure[-1:] and re.match(f"[{ARABIC_DIGITS}]", figure[-1]) else ""
    number = _NUMBER.match(figure)
    body = re.escape(figure) if number is None or number.end() == len(figure) else (
        re.escape(figure[: number.end()]) + SPACE + re.escape(figure[number.end() :])
    )
    return re.compile(f"(?<![{before}]){body}{after}")


TABLE_ROW = re.compile("[|｜\t]")  # a quote that is a table's row: its cells are numbers, the unit is the column's


@lru_cache(maxsize=65536)
def _cell_pattern(figure: str) -> re.Pattern[str] | None:
    """A table cell's number, whole (no digit or decimal point on either side), with or without its unit."""
    number = _NUMBER.match(figure)
    if number is None or not _ARABIC_START.match(figure):
        return None
    digits = f"{ARABIC_DIGITS}{DECIMAL_POINTS}"
    unit = figure[number.end() :]
    tail = f"(?:{SPACE}{re.escape(unit)})?" if unit else ""
    return re.compile(f"(?<![{digits}]){re.escape(figure[: number.end()])}{tail}(?![{digits}])")


def whole_figure_offset(quote: str, figure: str) -> int | None:
    """The offset of the first whole-number occurrence of `figure` in `quote`; None when there is none. In a
    table's row (cells cut by | or tabs) the number alone counts: its unit is the column's (单位:亿元)."""
    if not figure:
        return None
    start = _whole_offset(quote, figure)
    if start is None and TABLE_ROW.search(quote) and (cell := _cell_pattern(figure)) is not None:
        match = cell.search(quote)
        start = match.start() if match else None
    return start


_DIGIT_OR_POINT = frozenset("0123456789０１２３４５６７８９" + DECIMAL_POINTS)
_BEFORE_CHINESE = _DIGIT_OR_POINT | frozenset(CHINESE_NUMERALS)
_SPACES = frozenset(" \u3000\u00a0")  # SPACE's characters


@lru_cache(maxsize=65536)
def _parts(figure: str) -> tuple[str, str | None, frozenset[str], bool]:
    """What _pattern(figure) matches, for _whole_offset: the number (the whole figure when it has no unit after its
    number), the unit (None then), the characters that may not stand before it, and whether a digit or decimal
    point may not follow it."""
    number = _NUMBER.match(figure)
    split = number is not None and number.end() != len(figure)
    head, unit = (figure[: number.end()], figure[number.end() :]) if split else (figure, None)
    barred = _DIGIT_OR_POINT if _ARABIC_START.match(figure) else _BEFORE_CHINESE
    return head, unit, barred, bool(re.match(f"[{ARABIC_DIGITS}]", figure[-1]))


def _whole_offset(quote: str, figure: str) -> int | None:
    """_pattern(figure).search(quote)'s start, found with str.find (a regex compiled per figure costs more than the
    search, in a long report of many figures)."""
    head, unit, barred, digit_ends = _parts(figure)
    start = quote.find(head)
    while start >= 0:
        if not (start and quote[start - 1] in barred):
            end = start + len(head)
            ends = [end] if unit is None else []
            if unit is not None and quote[end : end + 1] in _SPACES and quote.startswith(unit, end + 1):
                ends.append(end + 1 + len(unit))  # 共 502 个
            if unit is not None and quote.startswith(unit, end):
                ends.append(end + len(unit))
            if any(not (digit_ends and quote[e : e + 1] in _DIGIT_OR_POINT) for e in ends):
                return start
        start = quote.find(head, start + 1)
    return None


def figure_in_quote(quote: str, figure: str) -> bool:
    return whole_figure_offset(quote, figure) is not None


def adjoining(quote: str, figure: str) -> str | None:
    """For a message: the first place the figure is in the quote only as part of a larger number (741个), or None."""
    index = quote.find(figure)
    if index < 0:
        return None
    start = index
    while start > 0 and (quote[start - 1] in DECIMAL_POINTS or re.match(f"[{ARABIC_DIGITS}{CHINESE_NUMERALS}]", quote[start - 1])):
        start -= 1
    end = index + len(figure)
    while end < len(quote) and re.match(f"[{ARABIC_DIGITS}{DECIMAL_POINTS}]", quote[end]):
        end += 1
    return quote[start:end]
