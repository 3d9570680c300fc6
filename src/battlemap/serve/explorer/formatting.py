"""How figures are written on screen: money in 亿元, ratios as percentages, missing never as 0."""

from __future__ import annotations

import math
from typing import Any

from battlemap.shared import vocabularies

YI = vocabularies.display_factor("CNY")  # CNY are shown in their display unit (seeds/base_units.csv: 亿元 = 1e8 CNY)
MISSING = "–"  # shown wherever the document does not give a figure


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def grouped(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def count(value: Any) -> str:
    if is_missing(value):
        return MISSING
    return grouped(value, 0) if float(value).is_integer() else grouped(value, 2)


def yi(value: Any, digits: int = 2, unit: bool = True) -> str:
    """CNY as 亿元 (hundreds of millions), e.g. 355200000000 -> '3,552.00 亿元'."""
    if is_missing(value):
        return MISSING
    text = grouped(value / YI, digits)
    return f"{text} 亿元" if unit else text


def cny(value: Any) -> str:
    """The base value in yuan, grouped: '355,200,000,000'."""
    if is_missing(value):
        return MISSING
    return grouped(value, 0)


def percent(value: Any, digits: int = 1) -> str:
    """A 0–1 ratio as a percentage: 0.3586 -> '35.9%'."""
    if is_missing(value):
        return MISSING
    return f"{100 * value:.{digits}f}%"


def index(value: Any) -> str:
    """A dimensionless index such as the pace index (1 = on schedule)."""
    if is_missing(value):
        return MISSING
    return f"{value:.2f}"


def by_unit(value: Any, base_unit: str | None, qualifier: str | None = None, lang: str = "en") -> str:
    """A value in its base unit written for reading: CNY in 亿元, ratio in %, m2 in m², days in days."""
    if is_missing(value):
        return MISSING
    # ≥ / ≤ / ≈ before a bounded or approximate figure (seeds/qualifiers.csv: mark).
    mark = vocabularies.qualifier_marks().get(qualifier or vocabularies.default_qualifier(), "")
    if base_unit == "CNY":
        text = yi(value, digits=4 if abs(value) < YI else 2)
    elif base_unit == "ratio":
        text = percent(value)
    elif base_unit == "m2":
        text = f"{count(value)} m²"
    elif base_unit == "m":
        text = f"{count(value)} m"
    elif base_unit == "day":
        text = f"{count(value)} {'天' if lang == 'zh' else 'days'}"
    else:
        text = count(value)
    return mark + text


def date(value: Any) -> str:
    if is_missing(value):
        return MISSING
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def unit_label(base_unit: str | None, lang: str = "en") -> str:
    """A base unit as a reader calls it (平方米, not m2), in the language of the page (seeds/base_units.csv)."""
    if not base_unit:
        return MISSING
    return vocabularies.label("base_units", base_unit, lang)


def localised(row: dict, column: str, lang: str = "en") -> Any:
    """A text column in the page's language: `<column>_zh` on the Chinese pages where the warehouse has it (curated
    notes, generated caveats), else the column itself (English, or written by the curator in one language)."""
    if lang == "zh" and row.get(f"{column}_zh"):
        return row[f"{column}_zh"]
    return row.get(column)
