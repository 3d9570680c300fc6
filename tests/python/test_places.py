"""The gazetteer: names (简/繁, with or without suffix) resolve to official codes, levels and parents."""

import pytest

from battlemap.shared.places import AmbiguousPlaceError, english_name, place_by_code, resolve_place


@pytest.mark.parametrize(
    ("name", "code", "level", "admin_type", "prefecture"),
    [
        ("乐陵市", "371481", "county", "county_level_city", "德州市"),
        ("樂陵市", "371481", "county", "county_level_city", "德州市"),
        ("泉州", "350500", "prefecture", "prefecture_level_city", None),
        ("青田縣", "331121", "county", "county", "丽水市"),
        ("上海市", "310000", "province", "municipality", None),
    ],
)
def test_names_resolve_to_codes_levels_and_parents(name, code, level, admin_type, prefecture):
    place = resolve_place(name)
    assert (place.admin_code, place.level, place.admin_type, place.prefecture_zh) == (code, level, admin_type, prefecture)


def test_names_in_three_scripts():
    place = place_by_code("411700")
    assert (place.name_zh_hans, place.name_zh_hant, place.name_en, place.province_en) == ("驻马店市", "駐馬店市", "Zhumadian", "Henan")
    assert english_name("西安市") == "Xi'an"
    assert english_name("陕西省") == "Shaanxi"


def test_an_ambiguous_name_names_its_candidates_and_a_parent_settles_it():
    with pytest.raises(AmbiguousPlaceError, match="350102 福建省福州市鼓楼区"):
        resolve_place("鼓楼区")
    assert resolve_place("鼓楼区", within="福州市").admin_code == "350102"
    assert resolve_place("鼓楼区", within="320100").admin_code == "320106"


def test_an_unknown_name_is_none():
    assert resolve_place("不存在市") is None


def test_the_gazetteer_is_cached_between_runs_and_a_broken_cache_is_read_again(tmp_path, monkeypatch):
    from battlemap.shared import places

    monkeypatch.setenv("BATTLEMAP_CACHE_DIR", str(tmp_path))
    places.gazetteer.cache_clear()
    try:
        first = places.gazetteer()
        cached = list(tmp_path.glob("gazetteer-*.pickle"))
        assert len(cached) == 1 and first["371481"].name_zh_hans == "乐陵市"
        cached[0].write_bytes(b"not a pickle")
        places.gazetteer.cache_clear()
        assert places.gazetteer()["371481"].name_zh_hans == "乐陵市"  # read from jionlp again, and cached anew
        places.gazetteer.cache_clear()
        assert places.gazetteer() == first
    finally:
        places.gazetteer.cache_clear()


def test_an_autonomous_county_is_found_without_its_peoples():
    assert resolve_place("务川自治县").name_zh_hans == "务川仡佬族苗族自治县"
    assert resolve_place("务川仡佬族苗族自治县").admin_code == "520326"
    assert resolve_place("黔南自治州").name_zh_hans == "黔南布依族苗族自治州"


def test_place_names_are_cached_equal_to_computed_and_a_broken_cache_is_computed_again(tmp_path, monkeypatch):
    from battlemap.shared import places

    monkeypatch.setenv("BATTLEMAP_CACHE_DIR", str(tmp_path))
    places.gazetteer.cache_clear()
    places.place_names.cache_clear()
    try:
        names = places.place_names()
        cached = list(tmp_path.glob("place-names-*.pickle"))
        assert len(cached) == 1
        # Every place's and parent's name, each as english_name and to_traditional give it.
        assert set(names) == {place.name_zh_hans for place in places.gazetteer().values()} | {
            place.prefecture_zh for place in places.gazetteer().values() if place.prefecture_zh
        } | {place.province_zh for place in places.gazetteer().values()}
        assert all(names[name] == (places.to_traditional(name), places.english_name(name)) for name in list(names)[::7])
        assert names["驻马店市"] == ("駐馬店市", "Zhumadian") and names["陕西省"][1] == "Shaanxi"
        cached[0].write_bytes(b"not a pickle")
        places.place_names.cache_clear()
        assert places.place_names() == names  # computed again, and cached anew
        places.place_names.cache_clear()
        cached[0].write_bytes(__import__("pickle").dumps({"驻马店市": ("cached", "Cached")}))
        assert places.place_by_code("411700").name_en == "Cached"  # the place reads its names from the cache
    finally:
        places.gazetteer.cache_clear()
        places.place_names.cache_clear()
