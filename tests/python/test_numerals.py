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
