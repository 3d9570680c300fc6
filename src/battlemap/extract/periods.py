"""The period a proposed figure covers, for the review CSV: year, campaign, quarter:N, months:A-B or to_date.

The vocabulary is seeds/periods.csv (the one home dbt, the input pass, `accept`, GX and the explorer
read); this module only reads which of its periods the words around a figure name — 一季度 → quarter:1,
1—4月 / 上半年 → months:1-6, 年度 / 全年 → year, 百日 / 行动期间 → campaign, 截至 / 累计 → to_date — and
falls back to the campaign's own period for a target and to the campaign to date for a state. A
proposal only: the reviewer corrects the `period` cell.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from battlemap.shared.paths import seeds_dir

CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
MONTHS = re.compile(r"(?<![0-9])(1[0-2]|[1-9])\s*[-—–~至到]\s*(1[0-2]|[1-9])\s*月")
QUARTER = re.compile(r"(?<!前)第?([一二三四1-4])季度")
FIRST_QUARTERS = re.compile(r"前([二三])季度")
HALF = re.compile(r"([上下])半年")
YEAR = re.compile(r"年度|全年|今年|年内")
CAMPAIGN = re.compile(r"百日|行动期|攻坚期|活动期")
SENTENCE_END = re.compile(r"[。；;！!？?\n]")


@lru_cache(maxsize=8)
def _periods(folder: str) -> frozenset[str]:
    with (Path(folder) / "periods.csv").open(encoding="utf-8-sig", newline="") as handle:
        return frozenset(row["period"] for row in csv.DictReader(handle))


def known_periods(project: Path | None = None) -> frozenset[str]:
    """The period ids of seeds/periods.csv."""
    return _periods(str(seeds_dir(project) if project else seeds_dir()))


def _months(start: int, end: int) -> str:
    return "year" if (start, end) == (1, 12) else f"months:{start}-{end}"


def named_period(words: str) -> str | None:
    """The period the words name, nearest the end (the figure) first; None when they name none."""
    found: list[tuple[int, str]] = []
    for match in MONTHS.finditer(words):
        start, end = int(match.group(1)), int(match.group(2))
        if start <= end:
            found.append((match.end(), _months(start, end)))
    for match in QUARTER.finditer(words):
        digit = match.group(1)
        found.append((match.end(), f"quarter:{CHINESE_DIGITS.get(digit) or int(digit)}"))
    for match in FIRST_QUARTERS.finditer(words):
        found.append((match.end(), _months(1, 3 * (CHINESE_DIGITS[match.group(1)]))))
    for match in HALF.finditer(words):
        found.append((match.end(), "months:1-6" if match.group(1) == "上" else "months:7-12"))
    for pattern, period in ((YEAR, "year"), (CAMPAIGN, "campaign")):
        for match in pattern.finditer(words):
            found.append((match.end(), period))
    return max(found)[1] if found else None


def propose_period(
    text: str,
    char_start: int,
    char_end: int,
    is_target: bool,
    campaign_is_a_year: bool = True,
    project: Path | None = None,
) -> str:
    """The period of the figure whose quote is text[char_start:char_end] (normalised text): the period its
    sentence names up to the end of the quote, else the campaign's own period (the year for a year's
    campaign) for a target and to_date for a state. Always a period of seeds/periods.csv."""
    sentence_start = 0
    for match in SENTENCE_END.finditer(text, max(0, char_start - 300), char_start):
        sentence_start = match.end()
    words = text[sentence_start:char_end]
    period = named_period(words)
    if period == "campaign" and campaign_is_a_year:
        period = "year"
    if period == "year" and not is_target:
        period = "to_date"  # 今年以来完成投资: the year so far, from the campaign's start to the as-of date
    if period is None:
        period = ("year" if campaign_is_a_year else "campaign") if is_target else "to_date"
    return period if period in known_periods(project) else ("year" if is_target else "to_date")
