"""jionlp, evaluated where the extractor could use it: what it gets right, and the edge cases it gets wrong."""

from __future__ import annotations

import contextlib
import io
import time
from datetime import date

import pytest

from battlemap.extract.asof import jionlp_period_end, month_range_end, suggest_as_of, suggest_campaign_period

with contextlib.redirect_stdout(io.StringIO()):
    import jionlp

BASE_2023 = time.mktime((2023, 6, 1, 0, 0, 0, 0, 0, -1))


def test_jionlp_reads_money_with_units_and_marks_nearly_as_blur():
    assert float(jionlp.parse_money("3552亿元")["num"]) == 355_200_000_000
    assert jionlp.parse_money("近200万元")["definition"] == "blur-"
    assert jionlp.parse_money("约185亿元")["definition"] == "blur"


def test_jionlp_money_refuses_other_units_and_trailing_words():
    # Why the extractor reads numbers with cn2an and units from seeds/units.csv instead.
    with pytest.raises(ValueError):
        jionlp.parse_money("9000亩")
    with pytest.raises(ValueError):
        jionlp.parse_money("1.5亿元投资")


def test_jionlp_reads_1_5月_as_5_january_and_refuses_the_dash():
    assert jionlp.parse_time("1-5月", time_base=BASE_2023)["time"][0].startswith("2023-01-05")
    with pytest.raises(ValueError):
        jionlp.parse_time("1—5月", time_base=BASE_2023)


def test_jionlp_reads_quarters_and_end_of_month_right():
    assert jionlp_period_end("一季度", 2023) == date(2023, 3, 31)
    assert jionlp_period_end("截至6月底", 2024) == date(2024, 6, 30)
    assert jionlp_period_end("上半年", 2024) == date(2024, 6, 30)


def test_month_ranges_are_read_here():
    assert month_range_end("1—5月,第一批项目完成投资199亿元", 2022) == date(2022, 5, 31)
    assert month_range_end("1-10月项目累计完成投资", 2024) == date(2024, 10, 31)


def test_suggested_as_of_date_names_its_words():
    assert suggest_as_of("1—5月,第一批项目完成投资199亿元", 2022) == (date(2022, 5, 31), "1—5月")
    assert suggest_as_of("截至6月底,已开工项目97个", 2024) == (date(2024, 6, 30), "截至6月底")
    assert suggest_as_of("一季度,全市上下加压奋进", 2023) == (date(2023, 3, 31), "一季度")
    assert suggest_as_of("全年完成投资400亿元", 2023) is None


def test_a_campaign_period_is_the_first_day_to_day_span():
    assert suggest_campaign_period("行动时间:8月25日至12月25日,为期百日", 2023) == (date(2023, 8, 25), date(2023, 12, 25), "8月25日至12月25日")
    assert suggest_campaign_period("9月1日—30日集中开工", 2024) == (date(2024, 9, 1), date(2024, 9, 30), "9月1日—30日")
    # A span that runs backwards or names no real day is no period; the next one is taken.
    assert suggest_campaign_period("12月25日至8月25日; 2月30日至3月1日; 3月1日至6月30日", 2024) == (
        date(2024, 3, 1), date(2024, 6, 30), "3月1日至6月30日")
    assert suggest_campaign_period("截至11月20日,完成投资68.3亿元", 2024) is None
