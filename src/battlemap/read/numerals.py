"""Read figures as documents write them: Arabic (3552, 835.4) or Chinese numerals (八, 十一, 两, 百)."""

from __future__ import annotations

import re
from functools import lru_cache

# cn2an reads 一百 but not a bare 百 (as in 百日, a hundred days): a lone power of ten means one of it.
_BARE_POWERS = {"十", "百", "千", "万", "亿"}
_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# The few Chinese numerals a report writes most (八, 两, 一百, 十一, 四十五) read without cn2an, whose import and pattern
# compilation cost ~0.4 s in each process that reads one (the input pass, int_observations_parsed): one digit, a digit
# and one power of ten, or 10-99. tests/python/test_numerals.py holds every one of them to cn2an's reading.
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {character: value for character, value in _DIGITS.items() if value and character != "两"}  # 1-9 as a last digit
_POWERS = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}


def simple_chinese_numeral(text: str) -> int | None:
    """The value of a one-digit, digit-and-power (两万) or 10-99 (十一, 四十五) Chinese numeral; None for any other text."""
    if len(text) == 1:
        return _DIGITS.get(text, 10 if text == "十" else None)
    first, second, rest = text[0], text[1], text[2:]
    if len(text) == 2 and _DIGITS.get(first) and second in _POWERS:
        return _DIGITS[first] * _POWERS[second]
    if first == "十" and len(text) == 2 and second in _UNITS:
        return 10 + _UNITS[second]
    if len(text) == 3 and first in _UNITS and second == "十" and rest in _UNITS:
        return _UNITS[first] * 10 + _UNITS[rest]
    return None


# Cached: a corpus repeats the same few hundred figures as written (个, 亿元 amounts) across thousands of rows,
# and cn2an costs ~13 µs a call. Errors are not cached (lru_cache does not keep exceptions).
@lru_cache(maxsize=65536)
def parse_figure(text: str) -> float:
    """The number a figure as written stands for; ValueError with the text when it is not a number."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("empty figure: expected a number such as 3552, 835.4 or 八")
    candidate = "一" + cleaned if cleaned in _BARE_POWERS else cleaned
    if _ARABIC.fullmatch(candidate):
        return float(candidate)  # 3552, 835.4: no need for cn2an (and its import, ~0.2 s)
    simple = simple_chinese_numeral(candidate)
    if simple is not None:
        return float(simple)
    import cn2an

    try:
        value = cn2an.cn2an(candidate, "smart")
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{text!r} is not a number (expected digits such as 3552 or 835.4, or Chinese numerals such as 八)") from error
    return float(value)
