"""The document's own place, guessed from its text when the reviewer does not give it (--city)."""

from __future__ import annotations

import re
from collections import Counter

from battlemap.places import COUNTY, PREFECTURE, Place, known_name, resolve_place
from battlemap.text import normalise


def guess_place(text: str) -> Place | None:
    """The county or prefecture the text names most often with its suffix (乐陵市, 青田县); None if none."""
    counts: Counter[str] = Counter()
    for match in re.finditer(r"[\u4e00-\u9fff]{1,6}?[市县区]", normalise(text[:200_000]).text):
        name = match.group()
        for start in range(0, len(name) - 2):  # 召开驻马店市 → 驻马店市
            candidate = name[start:]
            if known_name(candidate):
                counts[candidate] += 1
                break
    for name, _ in counts.most_common():
        try:
            place = resolve_place(name)
        except LookupError:
            continue
        if place and place.level in (PREFECTURE, COUNTY):
            return place
    return None


