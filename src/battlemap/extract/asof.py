"""Suggest the date a report's figures describe (截至6月底, 一季度, 1-5月) for add-document's message.

jionlp parses 截至6月底, 一季度, 上半年 and 8月25日至12月25日 right, but reads 1-5月 as 5 January and
refuses 1—5月: month ranges are read here (their end month's last day), the rest by jionlp.
Only a suggestion: the curator confirms it with --as-of-date.
"""

from __future__ import annotations

import calendar
import contextlib
import io
import re
import time
from datetime import date

MONTH_RANGE = re.compile(r"(?<![0-9])1\s*[-—–~至到]\s*(1[0-2]|[1-9])\s*月")
YEAR = re.compile(r"(20[0-9]{2})\s*年")
PERIODS = re.compile(r"截至(?:目前|[0-9一二三四五六七八九十]{1,3}月(?:底|末|份)?)|[一二三四]季度|前三季度|上半年|全年")


def month_range_end(text: str, year: int) -> date | None:
    """1-5月 / 1—5月 → the last day of May of `year`."""
    match = MONTH_RANGE.search(text)
    if not match:
        return None
    month = int(match.group(1))
    return date(year, month, calendar.monthrange(year, month)[1])


def jionlp_period_end(expression: str, year: int) -> date | None:
    """The end of a period expression as jionlp reads it (None when it cannot)."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

    try:
        parsed = jionlp.parse_time(expression, time_base=time.mktime((year, 6, 15, 0, 0, 0, 0, 0, -1)))
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    end = parsed.get("time", [None, None])[-1] if isinstance(parsed, dict) else None
    return date.fromisoformat(end[:10]) if isinstance(end, str) and end[:4].isdigit() else None


DAY_SPAN = re.compile(
    r"(?<![0-9])(1[0-2]|[1-9])\s*月\s*([12][0-9]|3[01]|[1-9])\s*日?\s*[-—–~至到]\s*(?:(1[0-2]|[1-9])\s*月\s*)?([12][0-9]|3[01]|[1-9])\s*日"
)


def suggest_campaign_period(text: str, year: int) -> tuple[date, date, str] | None:
    """(start, end, the words) of the first day-to-day span of the text (8月25日至12月25日): a campaign's own period."""
    for match in DAY_SPAN.finditer(text[:20000]):
        start_month, start_day, end_month, end_day = match.groups()
        try:
            start = date(year, int(start_month), int(start_day))
            end = date(year, int(end_month or start_month), int(end_day))
        except ValueError:
            continue
        if start < end:
            return start, end, match.group()
    return None


def suggest_as_of(text: str, year: int) -> tuple[date, str] | None:
    """(date, the words it was read from), from the first period expression of the text; None if none."""
    head = text[:20000]
    ranged = MONTH_RANGE.search(head)
    period = PERIODS.search(head)
    if ranged and (not period or ranged.start() < period.start()):
        return month_range_end(ranged.group(), year), ranged.group()
    if period and period.group() != "全年":
        end = jionlp_period_end(period.group(), year)
        if end:
            return end, period.group()
    return None


def guess_year(text: str) -> int | None:
    """The year the report is about: the title's, else the one its opening names most."""
    from battlemap.read.text import normalise_text

    return year_named(normalise_text(text[:20000]))


def year_named(text: str) -> int | None:
    """guess_year of a text already normalised (the extractor's first segment)."""
    from collections import Counter

    from battlemap.extract.place import title_end

    in_title = YEAR.findall(text[: title_end(text)])
    if in_title:
        return int(in_title[0])
    counts = Counter(YEAR.findall(text[:5000]))
    return int(counts.most_common(1)[0][0]) if counts else None
