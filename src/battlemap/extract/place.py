"""The document's own place, guessed from its text when the reviewer does not give it (--city).

Every place name of the gazetteer the text writes counts (full names and aliases: 达州市, 德州), more in
the title; a county's mention counts in part for its prefecture (a prefecture's report names its
counties), a province's only where the text speaks of 全省; 全县/我县 favour counties, 全市/我市 cities.
A name that several places share counts for the one whose prefecture or province the text names too.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from urllib.parse import urlparse

from battlemap.read.text import normalise_text
from battlemap.shared.places import (
    COUNTY,
    PREFECTURE,
    PROVINCE,
    Place,
    english_name,
    gazetteer,
    known_name,
    place_by_code,
    places_named,
)

NAME_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
TITLE_WEIGHT, LEAD_WEIGHT = 3.0, 1.5
PARENT_SHARE = 0.5  # of a county's score, added to its prefecture
DATELINE = re.compile(r"社|[0-9]{1,2}月[0-9]{1,2}日电")
# An outlet's name (《铜陵日报》, 铜陵新闻网, 海口广播电视台): where the report was published, a weak hint of what it is about.
OUTLET = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:日报|晚报|都市报|新闻网|新闻中心|电视台|广播电视|融媒|在线|频道)")  # 湖南民生在线
OUTLET_WEIGHT = 0.5
ALIAS_WEIGHT = 0.5  # a prefecture's unique short name in the body, once its full name is written too
SUFFIX_MARKS = set("州县旗盟")
SELF_WORDS = {COUNTY: ("全县", "我县", "全区", "我区", "全旗", "该县", "该区"), PREFECTURE: ("全市", "我市", "全州", "我州", "全盟", "该市")}


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
    with their site's name or a date line before the headline. A text that opens with a paragraph has none. A
    repost's 原标题 line (its original headline) belongs to the title zone wherever it follows."""
    end, lines = 0, 0
    while end < min(len(text), 300):
        newline = text.find("\n", end)
        line_end = len(text) if newline < 0 else newline
        line = text[end:line_end].strip()
        if not line:
            end = line_end + 1
            continue
        if (lines >= 3 or end >= 200) and not line.startswith("原标题"):
            break
        if len(line) > 60 or "。" in line:
            break  # a sentence: the body has begun
        lines += 1
        end = line_end + 1
    return min(end, 300, len(text))


@lru_cache(maxsize=1)
def _places_by_pinyin() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = {}
    for place in gazetteer().values():
        index.setdefault(english_name(place.name_zh_hans).lower().replace("'", "").replace(" ", ""), []).append(place)
    return index


def place_of_address(address: str | None, text: str = "") -> Place | None:
    """The place a government site's address names (xxgk.qinshui.gov.cn: 沁水县): a label of a gov.cn host that is a
    place's name in pinyin. A name several places share (taizhou) counts only for the one the text names too."""
    host = (urlparse(address).hostname or "") if address else ""
    if not host.endswith(".gov.cn"):
        return None  # a commercial or news site's name says nothing of its reports' place
    for label in host.removesuffix(".gov.cn").split("."):
        candidates = _places_by_pinyin().get(label, []) if len(label) >= 4 else []
        if len(candidates) > 1:
            named = normalise_text(text[:20_000]) if text else ""
            candidates = [p for p in candidates if p.alias_zh in named or p.name_zh_hans in named]
        if len(candidates) == 1:
            return candidates[0]
    return None


def guess_place(text: str, address: str | None = None) -> Place | None:
    """The province, prefecture or county the text is most about; None if it names none. The address it was
    published at (a government site's, named after its place) settles a text that names no place, or names only
    the larger place the site's county lies in."""
    site = place_of_address(address, text)
    guessed = _guess_from_text(text)
    if site is not None and (guessed is None or guessed.admin_code in (site.prefecture_code, site.province_code)):
        return site
    return guessed


def _guess_from_text(text: str) -> Place | None:
    text = normalise_text(text[:200_000])
    headline_end = title_end(text)
    scores: Counter[str] = Counter()
    in_title: Counter[str] = Counter()  # a county its title names is the subject: it lends its parent only the body's share
    places: dict[str, Place] = {}
    mentions = _mentions(text)
    body_aliases: dict[str, set[str]] = {}
    prefecture_aliases: Counter[str] = Counter()  # 汕头 in the body: the place only when nothing else is named
    named_codes = {p.admin_code for _, name in mentions for p in places_named(name)}
    by_offset = dict(mentions)
    qualifiers = {offset for offset, name in mentions if _qualifies(name, offset, by_offset)}
    for offset, name in mentions:
        if offset in qualifiers:
            continue  # 衡水市冀州区: the prefecture only says which 冀州区
        if DATELINE.match(text, offset + len(name)):
            continue  # 新华社, 拉萨4月2日电: an agency's name and where the dispatch was filed, not what it is about
        candidates = places_named(name)
        # A full name, or an alias written with its suffix (海西州, 天祝县): no common word.
        exact = [p for p in candidates if p.name_zh_hans == name or (name[-1] in SUFFIX_MARKS and name != p.alias_zh)]
        if not exact and any(p.level == PROVINCE for p in candidates):
            candidates = [p for p in candidates if p.level == PROVINCE]  # 海南: the province's alias, not 海南区's
        if not exact and offset >= headline_end and not all(p.level == PROVINCE for p in candidates):
            # A bare alias in the body (宜都, 夷陵; but also words such as 新建) counts only for the prefecture
            # of the counties it may name: a list of a prefecture's counties by alias names that prefecture.
            # A province's alias (西藏, 山东) is no common word: it counts.
            for place in candidates:
                if place.level == COUNTY and place.prefecture_code:
                    body_aliases.setdefault(place.prefecture_code, set()).add(name)
                elif place.level == PREFECTURE and len(candidates) == 1:
                    prefecture_aliases[place.admin_code] += 1
            continue
        candidates = exact or candidates
        if len(candidates) > 1:  # shared name: the one whose parent the text names too
            inside = [p for p in candidates if {p.prefecture_code, p.province_code} & named_codes]
            candidates = inside or candidates
        weight = TITLE_WEIGHT if offset < headline_end else LEAD_WEIGHT if offset < 300 else 1.0
        if OUTLET.match(text, offset + len(name)):
            weight = OUTLET_WEIGHT
        for place in candidates:
            places[place.admin_code] = place
            scores[place.admin_code] += weight / len(candidates)
            if offset < headline_end:
                in_title[place.admin_code] += weight / len(candidates)
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
                scores[parent.admin_code] += PARENT_SHARE * (score - in_title[code])
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
    if not scores and prefecture_aliases:
        code = prefecture_aliases.most_common(1)[0][0]
        places[code], scores[code] = place_by_code(code), 1.0
    for code, count in prefecture_aliases.items():
        if code in scores:  # 海口 written six times beside 海口市: the body's short name adds to the place
            scores[code] += ALIAS_WEIGHT * count
    best = max(scores, key=lambda code: (scores[code], -len(places[code].admin_code)), default=None)
    return places[best] if best else None
