"""Figures as written, read with cn2an: Arabic and Chinese numerals."""

import pytest

from battlemap.read.numerals import parse_figure


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("3552", 3552.0), ("835.4", 835.4), ("24.01", 24.01), ("八", 8.0), ("四", 4.0),
        ("十一", 11.0), ("两", 2.0), ("百", 100.0), ("一百", 100.0), ("三点五", 3.5),
    ],
)
def test_reads_arabic_and_chinese_numerals(written: str, value: float):
    assert parse_figure(written) == value


@pytest.mark.parametrize("written", ["abc", "1,000", "近200", "约50"])
def test_rejects_what_is_not_a_number_and_names_it(written: str):
    with pytest.raises(ValueError, match=f"{written!r} is not a number"):
        parse_figure(written)


def test_rejects_an_empty_figure():
    with pytest.raises(ValueError, match="empty figure"):
        parse_figure("  ")


def test_the_numerals_read_without_cn2an_are_read_as_cn2an_reads_them():
    import cn2an

    from battlemap.read.numerals import _DIGITS, _POWERS, simple_chinese_numeral

    characters = [*_DIGITS, *_POWERS]
    candidates = {*characters, *(a + b for a in characters for b in characters)}
    candidates |= {a + "十" + b for a in characters for b in characters}
    read = 0
    for text in sorted(candidates):
        simple = simple_chinese_numeral(text)
        if simple is None:
            continue
        read += 1
        assert simple == cn2an.cn2an(text, "smart"), text
        assert parse_figure(text) == float(simple)
    assert read > 100  # 0-9, digit x power, 10-99
    # Anything else is cn2an's: a power without a digit (but 十), 两 as a last digit, longer numerals.
    for text in ("十两", "一百零五", "三千五百", "万", "零十", "二十两"):
        assert simple_chinese_numeral(text) is None, text
