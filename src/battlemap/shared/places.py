"""China's administrative divisions, from jionlp's gazetteer: the one home for place names and codes.

jionlp ships the national list of provinces, prefectures and counties with their official 6-digit
administrative division codes (GB/T 2260). battlemap reads it here and nowhere else: the seeds, the
dbt models, the extractor and the app ask this module for a place, so adding a city or county needs
no hand-typed code, province or English name.

Traditional names come from OpenCC (s2t), English names from pypinyin (the proper name without its
administrative suffix, in Hanyu Pinyin: 乐陵市 → Leling, 驻马店市 → Zhumadian).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Levels of the hierarchy, by where the code's non-zero digits end (GB/T 2260).
PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"

# The kinds of place _admin_type() tells apart: the one home of this vocabulary (GX, app and docs read it).
ADMIN_TYPES = (
    "province",
    "municipality",
    "prefecture_level_city",
    "prefecture",
    "county_level_city",
    "county",
    "district",
)

MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}

# Suffixes of administrative units, longest first, stripped for the proper name and its pinyin.
SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "新区",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "盟",
    "旗",
    "州",
)


@dataclass(frozen=True)
class Place:
    """One administrative division, with its parents."""

    admin_code: str
    level: str  # province, prefecture or county (county-level: counties, districts, county-level cities)
    admin_type: str  # finer: province, municipality, prefecture_level_city, prefecture, county_level_city, county, district
    name_zh_hans: str
    alias_zh: str
    province_code: str
    province_zh: str
    prefecture_code: str | None
    prefecture_zh: str | None

    @property
    def name_zh_hant(self) -> str:
        return _names_of(self.name_zh_hans)[0]

    @property
    def name_en(self) -> str:
        return _names_of(self.name_zh_hans)[1]

    @property
    def province_en(self) -> str:
        return _names_of(self.province_zh)[1]

    @property
    def prefecture_en(self) -> str | None:
        return _names_of(self.prefecture_zh)[1] if self.prefecture_zh else None

    @property
    def parent_code(self) -> str | None:
        """The prefecture of a county, the province of a prefecture; None for a province."""
        if self.level == COUNTY:
            return self.prefecture_code or self.province_code
        if self.level == PREFECTURE:
            return self.province_code
        return None


AUTONOMOUS_SUFFIXES = ("自治县", "自治州", "自治旗")


def proper_name(name: str) -> str:
    """The name without its administrative suffix (驻马店市 → 驻马店); a one-character name keeps it (沙县)."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


# English names fixed by convention rather than by plain pinyin (陕西 is Shaanxi, not a second Shanxi).
CONVENTIONAL_ENGLISH = {
    "陕西省": "Shaanxi",
    "内蒙古自治区": "Inner Mongolia",
    "西藏自治区": "Tibet",
    "香港特别行政区": "Hong Kong",
    "澳门特别行政区": "Macao",
    # The gazetteer's group of county-level units a province administers directly (新星市 in 新疆), not a place name.
    "省直辖行政区划": "directly under the province",
    "省直辖县级行政区划": "directly under the province",
}


@lru_cache(maxsize=4096)
def english_name(name_zh: str) -> str:
    """Hanyu Pinyin of the proper name, as places are written in English: 乐陵市 → Leling, 西安市 → Xi'an."""
    from pypinyin import Style, lazy_pinyin

    if name_zh in CONVENTIONAL_ENGLISH:
        return CONVENTIONAL_ENGLISH[name_zh]

    syllables = lazy_pinyin(proper_name(name_zh), style=Style.NORMAL, v_to_u=True)
    word = ""
    for syllable in syllables:
        # An apostrophe separates a syllable starting with a vowel from the one before (Xi'an).
        if word and syllable[:1] in "aeo":
            word += "'"
        word += syllable
    return word.capitalize()


@lru_cache(maxsize=1)
def _traditional_converter():
    import opencc

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _traditional_converter().convert(text)


def _admin_type(level: str, name: str) -> str:
    if level == PROVINCE:
        return "municipality" if name in MUNICIPALITIES else "province"
    if level == PREFECTURE:
        return "prefecture_level_city" if name.endswith("市") else "prefecture"
    if name.endswith("市"):
        return "county_level_city"
    if name.endswith("区"):
        return "district"
    return "county"


def _aliases(entry: dict) -> list[str]:
    alias = entry.get("_alias")
    if not alias:
        return []
    return [alias] if isinstance(alias, str) else list(alias)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Every place by its admin code: read from jionlp's gazetteer once, then from a cache file (see _cache_file)."""
    cache = _cache_file()
    return _read_gazetteer() if cache is None else _cached(cache, _read_gazetteer)


def _cached(path: Path, compute):
    """What `path` holds (a pickle), else compute() written there for the next process. Best effort: a read-only or
    broken cache only costs computing again (~1 s for the gazetteer)."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:
        pass
    return value


def _cache_file() -> Path | None:
    """Where the parsed gazetteer is kept between runs: the user's cache folder, one file per jionlp release and
    gazetteer file (a changed package is read again), so `battlemap extract` starts without importing jionlp."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    source = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.txt"
    try:
        stat = source.stat()
    except OSError:
        return None
    root = Path(os.environ.get("BATTLEMAP_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "battlemap")
    key = f"{_jionlp_version()}-{stat.st_size}-{int(stat.st_mtime)}-v{_CACHE_VERSION}"
    return root / f"gazetteer-{key}.pickle"


_CACHE_VERSION = 2  # bump when Place or the reading changes (2: Place moved to battlemap.shared.places)


def _jionlp_version() -> str:
    return _version_of("jionlp")


def _version_of(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def _names_of(name_zh: str) -> tuple[str, str]:
    """(traditional, English) of a place's simplified name: from place_names() for the gazetteer's names, else computed."""
    known = place_names().get(name_zh)
    return known if known is not None else (to_traditional(name_zh), english_name(name_zh))


@lru_cache(maxsize=1)
def place_names() -> dict[str, tuple[str, str]]:
    """The traditional (OpenCC s2t) and English (pypinyin, english_name) name of every name of the gazetteer, by its
    simplified name: computed once (~1 s: importing pypinyin and its phrase dictionary, OpenCC's s2t tables), then read
    from a cache file beside the gazetteer's, keyed also by the pypinyin and OpenCC releases. Reading a few places'
    names no longer costs each process those imports (int_places_resolved: ~0.45 s of every build). Empty without
    jionlp (no gazetteer)."""
    cache = _cache_file()
    if cache is None:
        return {}
    names_cache = cache.with_name(
        f"place-names-{cache.stem.removeprefix('gazetteer-')}-pypinyin{_version_of('pypinyin')}"
        f"-opencc{_version_of('opencc')}-v{_NAMES_VERSION}.pickle"
    )
    return _cached(names_cache, _compute_place_names)


def _compute_place_names() -> dict[str, tuple[str, str]]:
    simplified = {name for place in gazetteer().values() for name in (place.name_zh_hans, place.province_zh, place.prefecture_zh) if name}
    return {name: (to_traditional(name), english_name(name)) for name in sorted(simplified)}


# Bump when english_name, to_traditional or the names they read (SUFFIXES, CONVENTIONAL_ENGLISH) change.
_NAMES_VERSION = 1


def _read_gazetteer() -> dict[str, Place]:
    # jionlp prints a banner on import; keep it out of build logs and CLI output.
    with contextlib.redirect_stdout(io.StringIO()):
        from jionlp.dictionary.dictionary_loader import china_location_loader

    places: dict[str, Place] = {}
    for province_name, province in china_location_loader().items():
        province_code = province["_admin_code"]
        places[province_code] = Place(
            province_code, PROVINCE, _admin_type(PROVINCE, province_name), province_name,
            (_aliases(province) or [province_name])[0], province_code, province_name, None, None,
        )
        for prefecture_name, prefecture in province.items():
            if prefecture_name.startswith("_"):
                continue
            prefecture_code = prefecture["_admin_code"]
            # A municipality lists itself as its own prefecture (上海市 → 上海市 → 嘉定区): one place.
            is_self = prefecture_code == province_code
            if not is_self:
                places[prefecture_code] = Place(
                    prefecture_code, PREFECTURE, _admin_type(PREFECTURE, prefecture_name), prefecture_name,
                    (_aliases(prefecture) or [prefecture_name])[0], province_code, province_name, None, None,
                )
            for county_name, county in prefecture.items():
                if county_name.startswith("_"):
                    continue
                code = county["_admin_code"]
                places[code] = Place(
                    code, COUNTY, _admin_type(COUNTY, county_name), county_name,
                    (_aliases(county) or [county_name])[0], province_code, province_name,
                    None if is_self else prefecture_code, None if is_self else prefecture_name,
                )
    return places


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Place]]:
    """Places by full name and by alias (泉州市 and 泉州); a name may stand for several (鼓楼区)."""
    index: dict[str, list[Place]] = {}
    for place in gazetteer().values():
        keys = {place.name_zh_hans, place.alias_zh, proper_name(place.name_zh_hans)}
        # An autonomous county or prefecture is often written without its peoples (务川自治县, 黔南自治州), or
        # with the plain suffix alone (海西州, 湘西州, 天祝县).
        suffix = next((s for s in AUTONOMOUS_SUFFIXES if place.name_zh_hans.endswith(s)), None)
        if suffix and place.alias_zh and not place.alias_zh.endswith(suffix):
            keys.add(place.alias_zh + suffix)
            keys.add(place.alias_zh + suffix[-1])
        for key in keys:
            if len(key) >= 2:
                index.setdefault(key, []).append(place)
    # A text is read after OpenCC's traditional-to-simplified step, which also rewrites some simplified names
    # (乾安县 becomes 干安县, 乾县 干县): each name is found as that step writes it, too.
    from battlemap.read.text import to_simplified

    names = list(index)
    for name, converted in zip(names, to_simplified("\n".join(names)).split("\n"), strict=True):
        if converted != name:
            for place in index[name]:
                if place not in index.setdefault(converted, []):
                    index[converted].append(place)
    return index


def gazetteer_version() -> str:
    """Where the gazetteer comes from, for provenance columns: "jionlp 1.5.31"."""
    from importlib.metadata import version

    return f"jionlp {version('jionlp')}"


def place_by_code(admin_code: str) -> Place | None:
    return gazetteer().get(str(admin_code).strip())


def _within(place: Place, parent: Place) -> bool:
    return parent.admin_code in {place.province_code, place.prefecture_code, place.admin_code}


class AmbiguousPlaceError(LookupError):
    """A name that stands for several places; the message lists them so the caller can say which."""


def resolve_place(name: str, within: str | None = None) -> Place | None:
    """The place a name (简 or 繁, with or without its suffix) stands for; None when unknown.

    `within` (a name or a code of a province or prefecture) picks among places of the same name. A
    name that stays ambiguous raises AmbiguousPlaceError, naming the candidates.
    """
    from battlemap.read.text import to_simplified

    key = to_simplified(name.strip())
    if re.fullmatch(r"\d{6}", key):
        return place_by_code(key)
    candidates = _by_name().get(key, [])
    # An exact full name beats an alias (吉林省 vs 吉林市 for 吉林 stays ambiguous; 吉林市 does not).
    exact = [p for p in candidates if p.name_zh_hans == key]
    candidates = exact or candidates
    if within:
        parent = place_by_code(within) if re.fullmatch(r"\d{6}", within) else None
        parents = [parent] if parent else _by_name().get(to_simplified(within.strip()), [])
        candidates = [p for p in candidates if any(_within(p, q) for q in parents)]
    if len(candidates) > 1:
        # A prefecture and a county of the same name (吉林市 the city, 吉林 the province): prefer the larger.
        levels = {PROVINCE: 0, PREFECTURE: 1, COUNTY: 2}
        best = min(levels[p.level] for p in candidates)
        top = [p for p in candidates if levels[p.level] == best]
        if len(top) == 1 and not exact:
            return top[0]
        names = ", ".join(f"{p.admin_code} {p.province_zh}{p.prefecture_zh or ''}{p.name_zh_hans}" for p in candidates)
        raise AmbiguousPlaceError(f"{name!r} names several places ({names}); say which with a province or prefecture")
    return candidates[0] if candidates else None


def places_named(name: str) -> list[Place]:
    """Every place a (simplified) name or alias stands for, full names first."""
    candidates = _by_name().get(name, [])
    return sorted(candidates, key=lambda p: p.name_zh_hans != name)


def known_name(name: str) -> bool:
    """Whether a (simplified) name, with or without its suffix, is some place's name: a cheap test before resolve_place."""
    return name in _by_name()


_edges: tuple[dict[str, list[Place]], frozenset[str], frozenset[str]] | None = None


def _name_edges() -> tuple[dict[str, list[Place]], frozenset[str], frozenset[str]]:
    """The names' first two characters and their last ones (of the current index of names)."""
    global _edges
    index = _by_name()
    if _edges is None or _edges[0] is not index:
        _edges = (index, frozenset(name[:2] for name in index), frozenset(name[-1] for name in index))
    return _edges


def may_open_name(text: str) -> bool:
    """Whether a place's name could open the text (its first two characters open some name, as every name has at
    least two): a cheaper test than known_name on each of its prefixes."""
    return text[:2] in _name_edges()[1]


def may_close_name(text: str) -> bool:
    """Whether a place's name could end the text (its last character ends some name)."""
    return text[-1:] in _name_edges()[2]


def places_at_level(level: str) -> list[Place]:
    """Every place of one level (province, prefecture or county), in code order."""
    if level not in (PROVINCE, PREFECTURE, COUNTY):
        raise ValueError(f"unknown level {level!r}: one of {PROVINCE}, {PREFECTURE}, {COUNTY}")
    return sorted((place for place in gazetteer().values() if place.level == level), key=lambda place: place.admin_code)
