"""The document's own place, guessed from its text when the reviewer does not give it (--city).

Every place name of the gazetteer the text writes counts (full names and aliases: 达州市, 德州), more in
the title; a county's mention counts in part for its prefecture (a prefecture's report names its
counties), a province's only where the text speaks of 全省; 全县/我县 favour counties, 全市/我市 cities.
A name that several places share counts for the one whose prefecture or province the text names too.
"""

from __future__ import annotations

import re
from collections import Counter

from battlemap.read.text import normalise
from battlemap.shared.places import COUNTY, PREFECTURE, PROVINCE, Place, known_name, place_by_code, places_named

NAME_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
TITLE_WEIGHT, LEAD_WEIGHT = 3.0, 1.5
PARENT_SHARE = 0.5  # of a county's score, added to its prefecture
DATELINE = re.compile(r"社|[0-9]{1,2}月[0-9]{1,2}日电")
SELF_WORDS = {COUNTY: ("全县", "我县", "全区", "我区", "全旗", "该县"), PREFECTURE: ("全市", "我市", "全州", "我州", "全盟", "该市")}


def _qualifies(name: str, offset: int, by_offset: dict[int, str]) -> bool:
    """A prefecture written right before one of its counties (衡水市冀州区) qualifies it."""
    following = by_offset.get(offset + len(name))
    if following is None:
        return False
    parents = {p.admin_code for p in places_named(name) if p.level in (PREFECTURE, PROVINCE)}
    return any({p.prefecture_code, p.province_code} & parents for p in places_named(following))


def _mentions(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every place name, longest first at each position, not overlapping."""
    found = []
    for run in NAME_RUN.finditer(text):
        position, end = run.start(), run.end()
        while position < end - 1:
            for length in range(min(9, end - position), 1, -1):
                name = text[position : position + length]
                if known_name(name):
                    found.append((position, name))
                    position += length
                    break
            else:
                position += 1
    return found


def title_end(text: str) -> int:
    """The end of the title zone: the first three short lines (≤ 60 characters) within 200 characters; pages open
    with their site's name or a date line before the headline. A text that opens with a paragraph has none."""
    end, lines = 0, 0
    while lines < 3 and end < min(len(text), 200):
        newline = text.find("\n", end)
        line_end = len(text) if newline < 0 else newline
        if len(text[end:line_end].strip()) > 60 or "。" in text[end:line_end]:
            break  # a sentence: the body has begun
        if text[end:line_end].strip():
            lines += 1
        end = line_end + 1
    return min(end, 200, len(text))


def guess_place(text: str) -> Place | None:
    """The province, prefecture or county the text is most about; None if it names none."""
    text = normalise(text[:200_000]).text
    headline_end = title_end(text)
    scores: Counter[str] = Counter()
    places: dict[str, Place] = {}
    mentions = _mentions(text)
    body_aliases: dict[str, set[str]] = {}
    named_codes = {p.admin_code for _, name in mentions for p in places_named(name)}
    by_offset = dict(mentions)
    qualifiers = {offset for offset, name in mentions if _qualifies(name, offset, by_offset)}
    for offset, name in mentions:
        if offset in qualifiers:
            continue  # 衡水市冀州区: the prefecture only says which 冀州区
        if DATELINE.match(text, offset + len(name)):
            continue  # 新华社, 拉萨4月2日电: an agency's name and where the dispatch was filed, not what it is about
        candidates = places_named(name)
        exact = [p for p in candidates if p.name_zh_hans == name]
        if not exact and offset >= headline_end and not all(p.level == PROVINCE for p in candidates):
            # A bare alias in the body (宜都, 夷陵; but also words such as 新建) counts only for the prefecture
            # of the counties it may name: a list of a prefecture's counties by alias names that prefecture.
            # A province's alias (西藏, 山东) is no common word: it counts.
            for place in candidates:
                if place.level == COUNTY and place.prefecture_code:
                    body_aliases.setdefault(place.prefecture_code, set()).add(name)
            continue
        candidates = exact or candidates
        if len(candidates) > 1:  # shared name: the one whose parent the text names too
            inside = [p for p in candidates if {p.prefecture_code, p.province_code} & named_codes]
            candidates = inside or candidates
        weight = TITLE_WEIGHT if offset < headline_end else LEAD_WEIGHT if offset < 300 else 1.0
        for place in candidates:
            places[place.admin_code] = place
            scores[place.admin_code] += weight / len(candidates)
    for code, aliases in body_aliases.items():
        if len(aliases) >= 3:  # three or more of its counties by alias
            parent = place_by_code(code)
            places[code] = parent
            scores[code] += PARENT_SHARE * len(aliases)
    for code, score in list(scores.items()):
        place = places[code]
        if place.level == COUNTY and place.prefecture_code:
            parent = place_by_code(place.prefecture_code)
            if parent is not None:
                places[parent.admin_code] = parent
                scores[parent.admin_code] += PARENT_SHARE * score
    # A province's report names its prefectures: three or more of one province count for it, as counties do
    # for their prefecture.
    by_province: dict[str, list[str]] = {}
    for code in list(scores):
        if places[code].level == PREFECTURE and places[code].province_code:
            by_province.setdefault(places[code].province_code, []).append(code)
    listed_provinces = set()
    for province_code, codes in by_province.items():
        if len(codes) >= 3 and (province := place_by_code(province_code)) is not None:
            places[province_code] = province
            scores[province_code] += PARENT_SHARE * sum(scores[c] for c in codes)
            listed_provinces.add(province_code)
    for level, words in SELF_WORDS.items():
        bonus = sum(text.count(word) for word in words)
        for code in scores:
            if places[code].level == level or (level == PREFECTURE and places[code].admin_type == "county_level_city"):
                scores[code] += min(bonus, 3) * 0.5 if scores[code] else 0
    provincial = "全省" in text
    for code in scores:
        if places[code].level == PROVINCE and not provincial and code not in listed_provinces:
            # A local report names its province in passing; a province named far more than any place in it is
            # the report's subject (西藏今年共安排…, 西藏累计落实…).
            inside = max((scores[c] for c in scores if c != code and places[c].province_code == code), default=0.0)
            if scores[code] < 2 * max(inside, 1.0):
                scores[code] *= 0.3
    best = max(scores, key=lambda code: (scores[code], -len(places[code].admin_code)), default=None)
    return places[best] if best else None
