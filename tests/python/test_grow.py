"""The corpus grows with seed rows only: a second report of a campaign, a second outlet on the same day
(one agreeing and one disagreeing figure) and a new county (tests/fixtures/grow/). The marts take
them: progress over time with is_latest, the comparison on the latest, one figure per set of agreeing
sources, a conflict row, and the county's place from the gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest
from grow_support import grow

from battlemap.build.atomic_build import build_warehouse
from battlemap.shared.paths import copy_build_inputs
from battlemap.shared.warehouse import reading


@pytest.fixture(scope="module")
def grown_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("grown")
    project = grow(copy_build_inputs(root / "project"))
    target = root / "battlemap.duckdb"
    build_warehouse(target, project=project, quiet=True)
    return target


def rows(warehouse: Path, sql: str, params: list | None = None) -> list[dict]:
    with reading(warehouse) as con:
        result = con.execute(sql, params or [])
        names = [d[0] for d in result.description]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def test_a_new_county_takes_its_names_and_parents_from_the_gazetteer(grown_warehouse: Path):
    (place,) = rows(grown_warehouse, "select * from dim_city where city_id = 'pujiang'")
    assert place["admin_code"] == "330726"
    assert (place["level"], place["admin_type"]) == ("county", "county")
    assert (place["name_zh_hans"], place["name_zh_hant"], place["name_en"]) == ("浦江县", "浦江縣", "Pujiang")
    assert (place["province_code"], place["province_zh"], place["province_en"]) == ("330000", "浙江省", "Zhejiang")
    assert (place["prefecture_code"], place["prefecture_zh"], place["prefecture_en"]) == ("330700", "金华市", "Jinhua")


def test_progress_has_one_row_per_report_and_the_later_one_is_latest(grown_warehouse: Path):
    reports = rows(
        grown_warehouse,
        """select as_of_date::varchar as as_of, is_latest, document_ids, completed_investment, investment_completion_rate,
                  pace_index, annual_planned_investment_observation_id, carried_forward, start_rate
           from fct_campaign_progress where campaign_id = 'quanzhou_2022_chengjian' order by as_of_date""",
    )
    assert [(r["as_of"], r["is_latest"], r["document_ids"]) for r in reports] == [
        ("2022-05-31", False, ["quanzhou_2022"]),
        ("2022-09-30", True, ["quanzhou_2022_q3"]),
    ]
    may, september = reports
    assert may["investment_completion_rate"] == pytest.approx(199 / 555)
    assert may["carried_forward"] is None
    # The September report does not restate the annual plan: it is the May report's figure, cited by its id.
    assert september["completed_investment"] == pytest.approx(468e8)
    assert september["investment_completion_rate"] == pytest.approx(468 / 555)
    assert september["annual_planned_investment_observation_id"] == "qz_04"
    assert september["carried_forward"] == "total_investment, annual_planned_investment"
    assert september["pace_index"] == pytest.approx((468 / 555) / (273 / 365))
    assert september["start_rate"] == pytest.approx(652 / 741)


def test_the_comparison_takes_the_latest_report_and_the_new_county(grown_warehouse: Path):
    compared = {
        r["city_id"]: r
        for r in rows(grown_warehouse, "select city_id, as_of_date::varchar as as_of, report_count, caveat, completed_investment "
                                       "from mart_city_comparison")
    }
    assert sorted(compared) == ["fuzhou", "leling", "pujiang", "qingtian", "quanzhou", "zhumadian"]
    assert (compared["quanzhou"]["as_of"], compared["quanzhou"]["report_count"]) == ("2022-09-30", 2)
    assert compared["quanzhou"]["completed_investment"] == pytest.approx(468e8)
    assert "The latest of 2 reports" in compared["quanzhou"]["caveat"]
    assert compared["pujiang"]["completed_investment"] == pytest.approx(53.6e8)
    assert "A county" in compared["pujiang"]["caveat"]


def test_agreeing_documents_make_one_figure_with_every_quote(grown_warehouse: Path):
    (figure,) = rows(
        grown_warehouse,
        """select * from fct_figure
           where campaign_id = 'zhumadian_2017_baicheng' and metric_id = 'project_count' and scope_level = 'city'""",
    )
    assert (figure["value"], figure["source_count"], figure["is_conflicting"]) == (532, 2, False)
    assert figure["document_ids"] == ["zhumadian_2017", "zhumadian_2017_meeting"]
    assert figure["observation_ids"] == ["zm_02", "zm2_01"]
    assert figure["quotes"] == ["共计项目532个", "共计项目532个"]
    # Both statements stay in fct_observation, each pointing at the one figure.
    statements = rows(
        grown_warehouse, "select observation_id from fct_observation where figure_id = ? order by 1", [figure["figure_id"]]
    )
    assert [s["observation_id"] for s in statements] == ["zm2_01", "zm_02"]


def test_disagreeing_documents_make_a_conflict_and_no_value(grown_warehouse: Path):
    (conflict,) = rows(grown_warehouse, "select * from fct_figure_conflict")
    assert conflict["figure_id"] == "zhumadian_2017_baicheng:city:驻马店市:completed_investment:2017-05-15:to_date:state"
    assert conflict["conflict_kind"] == "value"
    assert (conflict["value_min"], conflict["value_max"]) == (pytest.approx(30.4e8), pytest.approx(30.5e8))
    assert conflict["quotes"] == ["完成投资30.4亿元", "目前已完成投资30.5亿元"]
    assert conflict["document_ids"] == ["zhumadian_2017", "zhumadian_2017_meeting"]
    (progress,) = rows(
        grown_warehouse,
        "select completed_investment, investment_completion_rate, conflicting_figure_count from fct_campaign_progress "
        "where campaign_id = 'zhumadian_2017_baicheng'",
    )
    # Neither source is preferred: the figure and what derives from it are NULL, and the row says why.
    assert progress == {"completed_investment": None, "investment_completion_rate": None, "conflicting_figure_count": 1}
    (caveat,) = rows(grown_warehouse, "select caveat from mart_city_comparison where city_id = 'zhumadian'")
    assert "1 figure(s) on which its documents disagree" in caveat["caveat"]


def test_the_real_corpus_has_no_conflict_and_one_report_per_campaign(built_warehouse: Path):
    assert rows(built_warehouse, "select count(*) as n from fct_figure_conflict") == [{"n": 0}]
    progress = rows(built_warehouse, "select campaign_id, is_latest, document_count from fct_campaign_progress")
    assert len(progress) == 5
    assert all(r["is_latest"] and r["document_count"] == 1 for r in progress)
    # Quanzhou's two steps (37 and 7 days) of one project are two figures, not a conflict.
    steps = rows(
        built_warehouse, "select figure_id from fct_figure where metric_id = 'days_taken' and scope_name = '南安市北山片区'"
    )
    assert len(steps) == 2


# --- the explorer takes them ---------------------------------------------------------------------


def open_page(monkeypatch, warehouse: Path, page: str, query: dict):
    from app_support import APP_MAIN
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    at.query_params.update({k: v for k, v in query.items() if k == "lang"})
    at.run()
    at.switch_page(page)
    at.query_params = {**at.query_params, **query}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_values(at, field: str) -> list[list]:
    """For each chart on the page, the values of `field` in its inline data."""
    import json

    found = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        layers = spec.get("layer", [spec])
        found.append([row[field] for layer in layers for row in layer.get("data", {}).get("values", []) if field in row])
    return found


def test_the_city_page_draws_the_burnup_of_both_reports(monkeypatch, grown_warehouse: Path):
    at = open_page(monkeypatch, grown_warehouse, "views/city.py", {"city": "quanzhou"})
    assert "Progress over time" in [s.value for s in at.subheader]
    burnups = [values for values in chart_values(at, "completion") if values]
    # One chart: the two reports (35.9%, 84.3%) and the on-schedule diagonal (0%, 100%).
    assert len(burnups) == 1
    # The reported points appear twice (line and labels).
    assert sorted({round(v, 1) for v in burnups[0]}) == [0.0, 35.9, 84.3, 100.0]
    (reports,) = [d.value for d in at.dataframe if "Conflicting figures" in d.value.columns]
    assert reports["As of"].astype(str).tolist() == ["2022-05-31", "2022-09-30"]
    assert reports["Investment completion rate"].tolist() == ["35.9%", "84.3%"]
    assert reports["From an earlier report"].tolist() == ["–", "total_investment, annual_planned_investment"]


def test_the_city_page_of_the_new_county_in_chinese(monkeypatch, grown_warehouse: Path):
    at = open_page(monkeypatch, grown_warehouse, "views/city.py", {"city": "pujiang", "lang": "zh"})
    assert at.header[0].value == "浦江县 · Pujiang"
    assert "隶属金华市" in at.caption[0].value
    assert "进度随时间变化" in [s.value for s in at.subheader]
    (burnup,) = [values for values in chart_values(at, "completion") if values]
    assert sorted({round(v, 1) for v in burnup}) == [0.0, 54.7, 100.0]  # 53.6 of 98 亿元 by 30 June


def test_a_city_whose_report_conflicts_has_no_point_and_says_why(monkeypatch, grown_warehouse: Path):
    at = open_page(monkeypatch, grown_warehouse, "views/city.py", {"city": "zhumadian"})
    assert any("completed investment and the annual plan" in i.value for i in at.info)
    assert any("disagree on a figure" in w.value for w in at.warning)


def test_the_quality_page_lists_the_conflict_with_both_quotes(monkeypatch, grown_warehouse: Path):
    at = open_page(monkeypatch, grown_warehouse, "views/quality.py", {"lang": "zh"})
    assert any(w.value == "1 个数字在文件之间不一致:" for w in at.warning)
    (table,) = [d.value for d in at.dataframe if "原文引文" in d.value.columns and "矛盾类型" in d.value.columns]
    assert table["原文引文"].tolist() == ["完成投资30.4亿元", "目前已完成投资30.5亿元"]
    assert table["文件"].tolist() == ["zhumadian_2017", "zhumadian_2017_meeting"]
    assert table["数值"].tolist() == ["30.40 亿元", "30.50 亿元"]
    assert set(table["矛盾类型"]) == {"数值不同"}


def test_the_quality_page_of_the_real_corpus_has_no_conflict(monkeypatch, built_warehouse: Path):
    at = open_page(monkeypatch, built_warehouse, "views/quality.py", {})
    assert any(s.value == "No two documents disagree on a figure." for s in at.success)
