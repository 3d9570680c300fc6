"""The design at scale: a 10x generated corpus builds with every test and passes the checks, and a curator
adding a document about a new place keeps `battlemap check` green (volume follows the inputs, growth is
not a drop). Speed is measured in bench/scale.py, not here."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from inputs_helpers import edit_seed
from typer.testing import CliRunner

from battlemap.build.atomic_build import build_warehouse
from battlemap.cli import app
from battlemap.shared.paths import articles_dir, copy_build_inputs
from battlemap.shared.places import resolve_place
from battlemap.shared.warehouse import reading
from battlemap.testing.corpus import generate


def _counts(warehouse: Path) -> dict[str, int]:
    with reading(warehouse) as con:
        return {
            mart: con.sql(f"select count(*) from main.{mart}").fetchall()[0][0]
            for mart in (
                "fct_observation", "dim_document", "dim_city", "dim_campaign", "fct_campaign_progress", "fct_garbled_span",
            )  # fmt: skip
        }


@pytest.fixture(scope="module")
def tenfold(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    project = tmp_path_factory.mktemp("tenfold") / "project"
    corpus = generate(project, 10, echo=None)
    target = project / "warehouse" / "battlemap.duckdb"
    build_warehouse(target, project=project, quiet=True)
    return corpus, target


def test_a_tenfold_corpus_builds_with_every_test(tenfold, built_warehouse: Path) -> None:
    corpus, target = tenfold
    assert (corpus.documents, corpus.observations) == (50, 720)
    counts, real = _counts(target), _counts(built_warehouse)
    assert counts["fct_observation"] == 10 * real["fct_observation"] == 720
    assert counts["dim_document"] == counts["dim_campaign"] == 50
    assert counts["fct_garbled_span"] == 10 * real["fct_garbled_span"]  # the defects come along with the text
    assert counts["dim_city"] == corpus.places == 50  # 45 new places from the gazetteer, none typed
    with reading(target) as con:
        located = con.sql(
            "select count(*) filter (where raw_quote is not null and char_start is not null), count(*) from main.fct_observation"
        ).fetchall()[0]
        codes = con.sql("select count(distinct admin_code), count(*) from main.dim_city").fetchall()[0]
    assert located[0] == located[1]  # every generated quote found in its article and mapped to the raw text
    assert codes[0] == codes[1]


def test_the_checks_pass_on_the_tenfold_corpus(tenfold, tmp_path: Path) -> None:
    _, target = tenfold
    result = CliRunner().invoke(app, ["check", "--warehouse", str(target), "--output-dir", str(tmp_path / "quality")])
    assert result.exit_code == 0, result.output
    assert "(720 rows)" in result.output


ARTICLE = (
    "禹城市召开2023年重点项目建设推进会。会议通报，今年全市共实施重点项目52个，总投资318.6亿元，"
    "年度计划投资96.2亿元。截至6月底，已完成投资51.3亿元。\n"
)


def _add_a_document_about_a_new_place(project: Path) -> None:
    """What a curator does: the article byte for byte, one row per table, one per figure; the place by its code."""
    place = resolve_place("禹城市", within="德州市")
    data = ARTICLE.encode("utf-8")
    (articles_dir(project) / "900_yucheng_2023.txt").write_bytes(data)
    city = {"city_id": "yucheng", "admin_code": place.admin_code}
    edit_seed(project, "cities", lambda rows: rows.append({**dict.fromkeys(rows[0]), **city}))
    campaign = {
        "campaign_id": "yucheng_2023_key_projects", "city_id": "yucheng", "name_zh": "禹城市2023年重点项目建设",
        "name_en": "Yucheng 2023 key projects", "campaign_type": "key_projects", "plan_year": "2023",
        "period_start": "2023-01-01", "period_end": "2023-12-31", "period_as_written": "2023年", "figures_are": "status",
        "comparability_note": "Test document written for the scale tests; its figures are not real.",
    }  # fmt: skip
    edit_seed(project, "campaigns", lambda rows: rows.append({**dict.fromkeys(rows[0]), **campaign}))
    document = {
        "document_id": "yucheng_2023", "file_name": "900_yucheng_2023.txt", "sha256": hashlib.sha256(data).hexdigest(),
        "city_id": "yucheng", "campaign_id": "yucheng_2023_key_projects",
        "title_as_written": "禹城市召开2023年重点项目建设推进会",
        "title_en": "Yucheng holds its 2023 key projects meeting (test document)", "date_as_written": "截至6月底 2023",
        "as_of_date": "2023-06-30", "as_of_basis": "截至6月底 (end of June) 2023.", "script": "simplified",
        "document_type": "news_report", "known_defects": "None: written for the tests.",
    }  # fmt: skip
    edit_seed(project, "documents", lambda rows: rows.append({**dict.fromkeys(rows[0], ""), **document}))
    figures = [
        ("project_count", "52", "个", "false", "全市共实施重点项目52个"),
        ("total_investment", "318.6", "亿元", "false", "总投资318.6亿元"),
        ("annual_planned_investment", "96.2", "亿元", "true", "年度计划投资96.2亿元"),
        ("completed_investment", "51.3", "亿元", "false", "已完成投资51.3亿元"),
    ]

    def add_figures(rows: list[dict[str, str]]) -> None:
        for number, (metric, value, unit, is_target, quote) in enumerate(figures, start=1):
            rows.append(
                {
                    **dict.fromkeys(rows[0], ""), "observation_id": f"yc_{number:02d}", "document_id": "yucheng_2023",
                    "campaign_id": "yucheng_2023_key_projects", "scope_level": "city", "scope_name": "禹城市",
                    "scope_name_en": "Yucheng", "metric_id": metric, "value_as_written": value, "unit_as_written": unit,
                    "qualifier": "exact", "is_target": is_target, "quote": quote,
                    "period": "year" if is_target == "true" else "to_date",
                }
            )  # fmt: skip

    edit_seed(project, "observations", add_figures)


def test_adding_a_document_and_a_new_place_keeps_the_check_green(tmp_path: Path) -> None:
    project = copy_build_inputs(tmp_path / "project")
    target = tmp_path / "warehouse" / "battlemap.duckdb"
    output = tmp_path / "quality"
    runner = CliRunner()
    build_warehouse(target, project=project, quiet=True)
    first = runner.invoke(app, ["check", "--warehouse", str(target), "--output-dir", str(output)])
    assert first.exit_code == 0, first.output
    before = _counts(target)

    _add_a_document_about_a_new_place(project)
    build_warehouse(target, project=project, quiet=True)
    second = runner.invoke(app, ["check", "--warehouse", str(target), "--output-dir", str(output)])

    assert second.exit_code == 0, second.output
    assert "against the last good run" in second.output  # the first run was the baseline, growth passed it
    after = _counts(target)
    assert after["fct_observation"] == before["fct_observation"] + 4
    assert after["dim_city"] == before["dim_city"] + 1 and after["dim_document"] == before["dim_document"] + 1
    with reading(target) as con:
        yucheng = con.sql(
            "select name_en, admin_code, prefecture_zh from main.dim_city where city_id = 'yucheng'"
        ).fetchall()
        progress = con.sql(
            "select investment_completion_rate from main.fct_campaign_progress where campaign_id = 'yucheng_2023_key_projects'"
        ).fetchall()
    assert yucheng == [("Yucheng", resolve_place("禹城市", within="德州市").admin_code, "德州市")]
    assert progress == [(pytest.approx(51.3 / 96.2),)]


def test_the_compare_page_starts_with_the_largest_places_of_a_large_corpus(tenfold, monkeypatch) -> None:
    """50 places: the page shows the 10 with the most projects and says so, instead of 50 bars per chart."""
    from app_support import APP_MAIN
    from streamlit.testing.v1 import AppTest

    _, target = tenfold
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(target))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    at = AppTest.from_file(str(APP_MAIN), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (cities,) = at.multiselect
    assert len(cities.options) == 50 and len(cities.value) == 10
    assert not at.text_input  # 50 places fit in the list: no search box
    (table,) = [d for d in at.dataframe if "City" in d.value.columns]
    assert len(table.value) == 10
    with reading(target) as con:
        largest = con.sql("select max(project_count) from main.mart_city_comparison").fetchall()[0][0]
    assert table.value["Projects"].iloc[0].replace(",", "") == str(int(largest))
    assert any("10 places with the most projects, of 50" in caption.value for caption in at.caption)

    cities.set_value(cities.value[:3]).run()  # the reader's own choice: no note
    assert len([d for d in at.dataframe if "City" in d.value.columns][0].value) == 3
    assert not any("places with the most projects" in caption.value for caption in at.caption)


def test_the_compare_page_of_more_places_than_its_list_offers_searches_them(tenfold, monkeypatch) -> None:
    """A corpus of more places than OPTION_LIMIT (lowered to 20 for the 50 places of 10x): the list offers the
    chosen places and the largest others, a search finds any place by name or admin code, and a found place
    stays chosen (in the table, the URL and the other language) when the search is cleared."""
    from app_support import APP_MAIN
    from streamlit.testing.v1 import AppTest

    from battlemap.serve.explorer import place_options

    _, target = tenfold
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(target))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    monkeypatch.setattr(place_options, "OPTION_LIMIT", 20)
    with reading(target) as con:
        ranked = [row[0] for row in con.sql(
            "select city_id from main.mart_city_comparison order by project_count desc nulls last, city_id"
        ).fetchall()]
        small_id, small_code, small_en = con.sql(
            "select city_id, admin_code, name_en from main.dim_city where city_id = ?", params=[ranked[-1]]
        ).fetchall()[0]
    at = AppTest.from_file(str(APP_MAIN), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (cities,) = at.multiselect
    assert len(cities.options) == 30 and list(cities.value) == ranked[:10]  # the 10 chosen and the 20 next largest
    assert any("the chosen places and 20 others; search above for any of the 50" in c.value for c in at.caption)

    at.text_input(key="compare_find").set_value(small_code).run()
    (cities,) = at.multiselect
    assert len(cities.options) == 11 and small_en in cities.options  # the 10 chosen and the one found
    assert any("Places matching the search: 1;" in caption.value for caption in at.caption)
    cities.set_value([*cities.value, small_id]).run()
    at.text_input(key="compare_find").set_value("").run()
    (cities,) = at.multiselect
    assert cities.value[-1] == small_id and small_id in at.query_params["cities"]
    (table,) = [d for d in at.dataframe if "City" in d.value.columns]
    assert table.value["City"].iloc[-1] == small_en

    at.radio(key="lang").set_value("zh").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect[0].value[-1] == small_id
    at.text_input(key="compare_find").set_value("no such place").run()
    assert any("没有与“no such place”匹配的地区" in caption.value for caption in at.caption)
    assert list(at.multiselect[0].value) == [*ranked[:10], small_id]


def test_the_city_and_evidence_pages_of_more_places_than_their_lists_offer_search_them(tenfold, monkeypatch) -> None:
    from app_support import APP_MAIN
    from streamlit.testing.v1 import AppTest

    from battlemap.serve.explorer import place_options

    _, target = tenfold
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(target))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    monkeypatch.setattr(place_options, "OPTION_LIMIT", 20)
    with reading(target) as con:
        last_id, last_code, last_en = con.sql(
            "select city_id, admin_code, name_en from main.dim_city order by city_id desc limit 1"
        ).fetchall()[0]
    at = AppTest.from_file(str(APP_MAIN), default_timeout=60)
    at.run()
    at.switch_page("views/city.py")
    at.query_params = {}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.selectbox(key="city_city").options) == 21  # the chosen place and 20 others, not all 50
    assert last_en not in at.selectbox(key="city_city").options
    at.text_input(key="city_find").set_value(last_code).run()
    assert at.selectbox(key="city_city").options[-1] == last_en
    at.selectbox(key="city_city").set_value(last_id).run()
    assert not at.exception, [e.value for e in at.exception]
    assert last_en in at.header[0].value and at.query_params["city"] == last_id

    at.switch_page("views/evidence.py")
    at.query_params = {}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.multiselect(key="evidence_cities").options) == 20
    at.text_input(key="evidence_find").set_value(last_code).run()
    assert at.multiselect(key="evidence_cities").options == [last_en]
    at.multiselect(key="evidence_cities").set_value([last_id]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["cities"] == last_id


def test_the_grown_corpus_passes_the_checks(tmp_path: Path) -> None:
    """tests/fixtures/grow: a second report of a campaign, a second outlet disagreeing on one figure, a new county."""
    from grow_support import grow

    project = grow(copy_build_inputs(tmp_path / "project"))
    target = tmp_path / "warehouse" / "battlemap.duckdb"
    build_warehouse(target, project=project, quiet=True)
    output = tmp_path / "quality"
    result = CliRunner().invoke(app, ["check", "--warehouse", str(target), "--output-dir", str(output)])
    assert result.exit_code == 0, result.output
    latest = json.loads((output / "latest.json").read_text(encoding="utf-8"))
    rows = {suite["suite"]: suite["rows"] for suite in latest["suites"]}
    with reading(target) as con:
        reports, campaigns, conflicts = con.sql(
            "select (select count(*) from main.fct_campaign_progress), (select count(*) from main.dim_campaign), "
            "(select count(*) from main.fct_figure_conflict)"
        ).fetchall()[0]
    assert reports > campaigns and rows["fct_campaign_progress"] == reports  # a campaign reported twice
    assert conflicts >= 1 and rows["fct_figure_conflict"] == conflicts  # the conflict suite checked real rows
