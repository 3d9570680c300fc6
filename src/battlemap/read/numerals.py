"""Read figures as documents write them: Arabic (3552, 835.4) or Chinese numerals (八, 十一, 两, 百)."""

from __future__ import annotations

import re
from functools import lru_cache

# cn2an reads 一百 but not a bare 百 (as in 百日, a hundred days): a lone power of ten means one of it.
_BARE_POWERS = {"十", "百", "千", "万", "亿"}
_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")


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
    import cn2an

    try:
        value = cn2an.cn2an(candidate, "smart")
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{text!r} is not a number (expected digits such as 3552 or 835.4, or Chinese numerals such as 八)") from error
    return float(value)
