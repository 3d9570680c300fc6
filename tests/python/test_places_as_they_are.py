"""Places as they are (issue 17): real places whose codes do not nest (公主岭市 220381 in 长春市; 新星市 650929),
a province-level campaign (重庆市 500000), a town (镇) as a scope below its county, and two places that share a
display name (鼓楼区 of 福州 and of 南京), each added with seed rows and a made-up article, built, and shown."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from grow_support import append_rows

from battlemap.build.atomic_build import build_warehouse
from battlemap.shared.paths import copy_build_inputs
from battlemap.shared.warehouse import reading

# slug, admin code, text (made up), the city-wide project count as written, and a town's figure (name, count).
PLACES = [
    ("gongzhuling", "220381", "（测试用虚构稿件）公主岭市今年推进重点项目86个，其中范家屯镇重点项目12个。", "86", ("范家屯镇", "12")),
    ("xinxing", "650929", "（测试用虚构稿件）新星市今年推进重点项目21个。", "21", None),
    ("chongqing", "500000", "（测试用虚构稿件）重庆市今年推进市级重大项目1192个。", "1192", None),
    ("gulou_fuzhou", "350102", "（测试用虚构稿件）福州市鼓楼区今年推进重点项目45个。", "45", None),
    ("gulou_nanjing", "320106", "（测试用虚构稿件）南京市鼓楼区今年推进重点项目52个。", "52", None),
]


def add_place(project: Path, slug: str, code: str, text: str, count: str, town: tuple[str, str] | None) -> None:
    article = f"95_{slug}.txt"
    data = text.encode("utf-8")
    (project / "sources" / "articles" / article).write_bytes(data)
    campaign, document = f"{slug}_2023_key_projects", f"{slug}_20230630"
    append_rows(project, "cities", [{"city_id": slug, "admin_code": code}])
    append_rows(project, "campaigns", [{
        "campaign_id": campaign, "city_id": slug, "name_zh": f"{slug} 2023", "name_en": f"{slug} 2023 (test fixture)",
        "campaign_type": "key_projects", "plan_year": "2023", "period_start": "2023-01-01", "period_end": "2023-12-31",
        "period_as_written": "2023年", "figures_are": "status", "comparability_note": "A fictional test fixture.",
    }])  # fmt: skip
    append_rows(project, "documents", [{
        "document_id": document, "file_name": article, "sha256": hashlib.sha256(data).hexdigest(), "city_id": slug,
        "campaign_id": campaign, "title_as_written": "", "title_en": "test fixture", "publisher_as_written": "",
        "publication_date": "", "date_as_written": "", "as_of_date": "2023-06-30", "as_of_basis": "test fixture",
        "script": "simplified", "document_type": "news_report", "known_defects": "",
    }])  # fmt: skip
    rows = [{
        "observation_id": f"{document}_01", "document_id": document, "campaign_id": campaign, "scope_level": "city",
        "scope_name": text.split("）", 1)[1].split("今年", 1)[0], "scope_name_en": "", "metric_id": "project_count",
        "value_as_written": count, "unit_as_written": "个", "qualifier": "exact", "is_target": "false", "period": "to_date",
        "quote": f"重点项目{count}个" if "重点项目" in text else f"重大项目{count}个", "reviewed": "true",
    }]  # fmt: skip
    if town:
        name, value = town
        rows.append({
            **rows[0], "observation_id": f"{document}_02", "scope_level": "town", "scope_name": name,
            "value_as_written": value, "quote": f"{name}重点项目{value}个",
        })  # fmt: skip
    append_rows(project, "observations", rows)


@pytest.fixture(scope="module")
def places_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("places")
    project = copy_build_inputs(root / "project")
    for place in PLACES:
        add_place(project, *place)
    warehouse = root / "battlemap.duckdb"
    build_warehouse(warehouse, project=project, quiet=True)
    return warehouse


def cities(warehouse: Path) -> dict[str, dict]:
    with reading(warehouse) as con:
        result = con.execute("select * from dim_city")
        names = [d[0] for d in result.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in result.fetchall()}


def test_places_whose_codes_do_not_nest_build(places_warehouse: Path):
    found = cities(places_warehouse)
    gongzhuling, xinxing = found["gongzhuling"], found["xinxing"]
    assert (gongzhuling["prefecture_zh"], gongzhuling["code_nests"]) == ("长春市", False)
    assert (xinxing["province_zh"], xinxing["code_nests"], xinxing["name_en"]) == ("新疆维吾尔自治区", False, "Xinxing")
    assert found["leling"]["code_nests"] is True


def test_a_province_level_campaign(places_warehouse: Path):
    chongqing = cities(places_warehouse)["chongqing"]
    assert (chongqing["level"], chongqing["admin_type"], chongqing["prefecture_code"]) == ("province", "municipality", None)
    with reading(places_warehouse) as con:
        (row,) = con.execute(
            "select project_count, caveat from mart_city_comparison where city_id = 'chongqing'"
        ).fetchall()
    assert row[0] == 1192 and "A municipality (province level)" in row[1]


def test_a_town_is_a_scope_below_its_county(places_warehouse: Path):
    with reading(places_warehouse) as con:
        (town,) = con.execute(
            "select scope_name, value, recommended_for_aggregates, aggregate_exclusions from fct_figure "
            "where scope_level = 'town'"
        ).fetchall()
    # The town's projects are inside the county's stated total: not to be added to it.
    assert town == ("范家屯镇", 12, False, "within_a_stated_total")


def test_places_that_share_a_name_are_labelled_with_their_prefecture(places_warehouse: Path):
    found = cities(places_warehouse)
    assert (found["gulou_fuzhou"]["display_name_zh"], found["gulou_nanjing"]["display_name_zh"]) == ("鼓楼区(福州市)", "鼓楼区(南京市)")
    assert (found["gulou_fuzhou"]["display_name_en"], found["gulou_nanjing"]["display_name_en"]) == ("Gulou (Fuzhou)", "Gulou (Nanjing)")
    assert found["leling"]["display_name_zh"] == "乐陵市"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_app_lists_show_the_labels(monkeypatch, places_warehouse: Path, lang: str):
    from app_support import APP_MAIN
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(places_warehouse))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/city.py")
    at.query_params = {**at.query_params, "city": "gongzhuling", "lang": lang}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (select,) = at.selectbox
    labels = set(select.options)
    expected = {"鼓楼区(福州市)", "鼓楼区(南京市)"} if lang == "zh" else {"Gulou (Fuzhou)", "Gulou (Nanjing)"}
    assert expected <= labels
    at.switch_page("views/evidence.py")
    at.query_params = {"lang": lang}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    scopes = [m for m in at.multiselect if "Town (township, sub-district)" in m.options or "镇(乡、街道)" in m.options]
    assert scopes, "the Evidence page offers the town scope, labelled"
