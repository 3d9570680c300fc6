"""How figures are written on screen: money in 亿元, ratios as percentages, missing never as 0."""

from __future__ import annotations

import math
from typing import Any

YI = 1e8  # 亿元 in CNY
MISSING = "–"  # shown wherever the document does not give a figure

QUALIFIER_MARKS = {"at_least": "≥ ", "at_most": "≤ ", "approximate": "≈ ", "exact": ""}


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
    mark = QUALIFIER_MARKS.get(qualifier or "exact", "")
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
    """A base unit as a reader calls it (平方米, not m2), in the language of the page."""
    from battlemap.serve.explorer.i18n import has, t

    if not base_unit:
        return MISSING
    return t(f"unit.{base_unit}", lang) if has(f"unit.{base_unit}") else base_unit


def localised(row: dict, column: str, lang: str = "en") -> Any:
    """A text column in the page's language: `<column>_zh` on the Chinese pages where the warehouse has it (curated
    notes, generated caveats), else the column itself (English, or written by the curator in one language)."""
    if lang == "zh" and row.get(f"{column}_zh"):
        return row[f"{column}_zh"]
    return row.get(column)
