"""Number + unit spans: 3552亿元, 近200个, 八个, 百日, 81.7%; and the rules that tell a figure from a non-figure.

Numbers are Arabic (with full-width digits) or Chinese numerals; units are the rows of seeds/units.csv.
Not figures: dates (an Arabic N日, 五月十五日), ordinals (第一批), months (3个月), slogans (“四个一”),
a lone 一 (一个项目 means "a project"), and numbers glued to latin letters (G15, PM2.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from battlemap.extract.vocabulary import Vocabulary
from battlemap.read.numerals import parse_figure

ARABIC = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
NUMBER_START = r"[0-9０-９零〇一二两三四五六七八九十百千万亿]"  # what ARABIC or CHINESE opens with
FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
BARE_POWERS = {"十", "百", "千", "万", "亿"}
COUNTERS_FOR_SLOGANS = {"个", "项", "大"}
CAPACITY_WORDS = ("年产", "日产", "年处理", "日处理", "年加工", "年吞吐")
MONEY_THRESHOLD_UNITS = {"亿元", "万元", "千万元", "元", "亿"}
THRESHOLD = re.compile(r"(?:及|或)?(?:以上|以下)(?:的)?(?:[\u4e00-\u9fff]{0,8}?(?:项目|工程)|[0-9]+(?:个|项))")
OVER = re.compile(r"(?:超过|超|过|大于|高于)$")
OF_PROJECTS = re.compile(r"(?:以上)?的?(?:[0-9]+个)?[\u4e00-\u9fff]{0,6}?(?:项目|工程)")
RANGE = re.compile(r"[—\-－~至到][0-9.]+(?:亿元|万元)(?:之间)?的?[\u4e00-\u9fff]{0,6}?(?:项目|工程)")
RANGE_START = re.compile(r"(?:亿元?|万元?|[0-9])[—\-－~至到]$")  # the upper end of a range: 50亿元—100亿元的项目, 50亿-100亿元项目
# An eligibility criterion: 文化、体育项目总投资10亿元以上; 申报项目总投资须在5亿元以上 — a floor set for categories of
# projects (a list of them before 项目, or 须/需/应 before the amount), closing its clause; not an amount invested.
CRITERION_TAIL = re.compile(r"(?:及|或)?以上(?=[;；。，,]|$)")
CRITERION_SUBJECT = re.compile(
    r"(?:、[^、；;，,。]{1,10}项目(?:总)?投资(?:额)?(?:在|达到?)?|(?:须|需|应|要求)(?:在|达到?)?)$"
)
QUOTE_MARKS = '“”"「」『』‘’'


@dataclass(frozen=True)
class FigureSpan:
    start: int  # of the number
    end: int  # after the unit
    number: str  # as written
    unit: str  # as written (a row of seeds/units.csv)
    value: float  # as written, read as a number
    chinese: bool


@lru_cache(maxsize=4)
def _figure_regex(unit_pattern: str) -> re.Pattern[str]:
    # A space may stand between an Arabic number and its unit (502 个, 906 亿元), as some pages typeset them.
    # It opens with the class of the numbers' first characters, which the regex engine skips along fast.
    return re.compile(
        rf"(?={NUMBER_START})"
        rf"(?<![0-9０-９.．A-Za-z])(?:(?P<num>{ARABIC})[ \u3000\xa0]?|(?P<num2>{ARABIC}[万亿]?)|(?P<cnum>{CHINESE}))(?P<unit>{unit_pattern})"
    )


TENTH_WORDS = set("都果效绩为立交本员就熟功长型品")  # 成 opening a word (成都, 成效, 成为): not a tenth


def _is_slogan(text: str, start: int, end: int) -> bool:
    """A figure inside a short quoted phrase (“四个一”, “两个维护”) is a slogan, not a quantity."""
    left = next((i for i in range(start - 1, max(-1, start - 3), -1) if text[i] in QUOTE_MARKS), None)
    right = next((i for i in range(end, min(len(text), end + 3)) if text[i] in QUOTE_MARKS), None)
    return left is not None and right is not None and right - left - 1 <= 4


def not_a_figure(text: str, match: re.Match[str], number: str, unit: str, chinese: bool) -> bool:
    start, end = match.start(), match.end()
    before = text[max(0, start - 1) : start]
    after = text[end : end + 3]
    if before == "第":
        return True  # an ordinal
    if text.endswith(CAPACITY_WORDS, max(0, start - 3), start):
        return True  # 年产10万套工业模具: a capacity in a project's name, not a figure of the campaign
    if unit == "项" and text[end : end + 1] == "目" and re.fullmatch(r"(?:19|20)[0-9]{2}", number):
        return True  # 2025项目提效年: a year before the word 项目, not a count
    if unit == "日" and (not chinese or before == "月"):
        return True  # a date: 15日, 五月十五日
    if unit == "个" and (after.startswith("月") or after.startswith("工作日") or after.startswith("小时")):
        return True  # a duration in months or hours
    if unit in MONEY_THRESHOLD_UNITS and (
        THRESHOLD.match(text, end)
        or (OVER.search(text, max(0, start - 3), start) and OF_PROJECTS.match(text, end))
        or RANGE.match(text, end)
        or RANGE_START.search(text, max(0, start - 4), start)
        or (CRITERION_TAIL.match(text, end) and CRITERION_SUBJECT.search(text[max(0, start - 24) : start]))
    ):
        return True  # 5亿元以上项目27个, 投资超过100亿元的项目, 50亿元—100亿元的项目, criteria: a category's threshold
    if unit == "亿" and re.match(r"[\u4e00-\u9fff]", after) and not after.startswith(("元", "以上", "以下", "左右")):
        return True  # 亿 alone is money (16.6亿、11.1亿); 10亿立方米, 2亿千瓦时 are other things' amounts
    if unit == "成" and (
        not re.fullmatch(r"[1-9]|10|[一二三四五六七八九十]|[0-9]\.[0-9]", number) or " " in match.group() or after[:1] in TENTH_WORDS
    ):
        return True  # 成 is a tenth only after 1–10 touching it (六成, 7成以上), not 成都, 成效, 0004成
    if chinese and number in ("零", "〇"):
        return True  # 清零: cleared, not the number 0
    if chinese and number == "一":
        return True  # 一个项目: "a project"
    if chinese and number in BARE_POWERS and unit not in ("日", "天"):
        return True  # 万个, 千家: part of an idiom, not a numeral
    if chinese and after[:1] in "一二三四五六七八九十":
        return True  # 四个一, 三个一批: a slogan
    return unit in COUNTERS_FOR_SLOGANS and _is_slogan(text, start, end)


def find_figures(text: str, vocabulary: Vocabulary) -> list[FigureSpan]:
    """Every number + unit span of the text that may be a figure, in text order."""
    spans = []
    for match in _figure_regex(vocabulary.unit_pattern).finditer(text):
        number, unit = match.group("num") or match.group("num2") or match.group("cnum"), match.group("unit")
        chinese = match.group("cnum") is not None
        if not_a_figure(text, match, number, unit, chinese):
            continue
        try:
            value = parse_figure(number.translate(FULL_WIDTH))
        except ValueError:
            continue
        spans.append(FigureSpan(match.start(), match.end(), number, unit, value, chinese))
    return spans
