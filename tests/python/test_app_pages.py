"""Each page of the explorer through streamlit.testing.v1.AppTest: filters, toggles, language, shared URLs,
missing data and a missing warehouse. No server, no browser (see test_app_browser.py for those)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from app_support import APP_MAIN, CITY_NAMES_EN, CITY_NAMES_ZH, edit_warehouse, swap_in_edited_copy
from streamlit.testing.v1 import AppTest

from battlemap.shared.warehouse import reading

TIMEOUT = 30


@pytest.fixture(autouse=True)
def strict_texts(monkeypatch):
    """An unknown text key raises inside the app, so a typo fails the test instead of showing the key."""
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")


@pytest.fixture()
def served(monkeypatch, built_warehouse: Path) -> Path:
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(built_warehouse))
    return built_warehouse


@pytest.fixture()
def served_copy(monkeypatch, warehouse_copy: Path) -> Path:
    """A private warehouse the test may change."""
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(warehouse_copy))
    return warehouse_copy


def open_app(query: dict | None = None, page: str | None = None, page_query: dict | None = None) -> AppTest:
    """The app after its first run (Compare), optionally switched to another page with its own URL parameters."""
    at = AppTest.from_file(str(APP_MAIN), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if page:
        at.switch_page(page)
        at.query_params = {**at.query_params, **(page_query or {})}
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame(at, *columns: str) -> pl.DataFrame:
    """The one table (st.dataframe) on the page, or in the block `at`, that has all these columns."""
    (table,) = [d for d in at.dataframe if set(columns) <= set(d.value.columns)]
    return pl.from_pandas(table.value)


def texts(at: AppTest) -> str:
    """All visible words of the page: titles, headings, prose, captions, table headers, widget labels."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(element.value) for element in at.get(kind)]
    for table in at.dataframe:
        parts += [str(column) for column in table.value.columns]
    for kind in ("multiselect", "radio", "toggle", "selectbox", "text_input"):
        parts += [element.label for element in at.get(kind)]
    return "\n".join(parts)


def column_of(table: pl.DataFrame, city: str, header: str):
    first = table.columns[0]
    return table.filter(pl.col(first) == city)[header][0]


# --- Compare ------------------------------------------------------------------------------------
def test_compare_shows_all_five_cities_with_missing_as_missing(served):
    at = open_app({"charts": "1"})  # the charts' section open (closed, its charts are not drawn: the test below)
    assert at.title[0].value == "Compare the cities"
    table = frame(at, "City")
    assert sorted(table["City"].to_list()) == sorted(CITY_NAMES_EN)
    assert column_of(table, "Fuzhou", "Total investment (亿元)") == "–"  # not given, not 0
    assert column_of(table, "Quanzhou", "Total investment (亿元)") == "3,552.00"
    assert column_of(table, "Quanzhou", "Total investment (CNY)") == "355,200,000,000"
    assert column_of(table, "Quanzhou", "Investment completion rate (%)") == "35.9%"
    assert column_of(table, "Qingtian", "Projects") == "162 (target)"
    assert len(at.get("vega_lite_chart")) == 9  # the eight KPIs and the start rate
    notes = [c.value for c in at.caption if c.value.startswith("Not comparable as is:")]
    assert len(notes) == 9
    assert any("Plan years differ" in note and "Not given in the document" in note for note in notes)
    assert [b.label for b in at.get("download_button")] == ["CSV", "Parquet"]
    assert at.query_params["lang"] == "en" and at.query_params["targets"] == "1" and at.query_params["charts"] == "1"


def test_compare_draws_its_charts_only_when_asked_and_always_says_what_they_cannot_compare(served):
    """Issue 18: the nine charts cost the browser more than the rest of the page; they are drawn once their section
    is opened (charts=1 in the URL, kept across a language switch), and each figure's note is shown either way.
    Each city's caveat is sent once its section is opened too."""
    at = open_app()
    assert not at.get("vega_lite_chart")
    assert at.query_params["charts"] == "0"
    # One caption, one paragraph per chart (one element, not nine: the browser re-renders each element on a rerun).
    (notes,) = [c.value for c in at.caption if "Not comparable as is:" in c.value]
    paragraphs = notes.split("\n\n")
    assert len(paragraphs) == 9 and all(" · Not comparable as is:" in paragraph for paragraph in paragraphs)
    assert paragraphs[0].startswith("**Projects** · Not comparable as is:")
    at.session_state["compare_charts"] = True  # what opening the section does
    rerun(at)
    assert len(at.get("vega_lite_chart")) == 9 and at.query_params["charts"] == "1"
    at.radio(key="lang").set_value("zh")
    rerun(at)
    assert len(at.get("vega_lite_chart")) == 9 and at.query_params["charts"] == "1"
    assert len([c for c in at.caption if c.value.startswith("不可直接比较之处")]) == 9  # its colon escaped by plain()
    # Each city's caveat likewise: sent once its section is open (caveats=1 in the URL only then).
    def caveat_paragraphs() -> list[str]:
        return [paragraph for m in at.markdown for paragraph in m.value.split("\n\n") if " — " in paragraph]

    assert not [p for p in caveat_paragraphs() if p.startswith("**泉州市** — ")] and "caveats" not in at.query_params
    at.session_state["compare_caveats"] = True
    rerun(at)
    assert [p for p in caveat_paragraphs() if p.startswith("**泉州市** — ")] and at.query_params["caveats"] == "1"
    assert len(caveat_paragraphs()) == len(CITY_NAMES_EN)  # one paragraph per city shown, in one element
    at.radio(key="lang").set_value("en")
    rerun(at)
    assert [p for p in caveat_paragraphs() if p.startswith("**Quanzhou** — ")] and at.query_params["caveats"] == "1"


def test_compare_toggles_achievements_only_and_per_project(served):
    at = open_app()
    at.toggle(key="compare_targets").set_value(False)
    rerun(at)
    table = frame(at, "City")
    assert column_of(table, "Qingtian", "Projects") == "– (target, hidden)"
    assert set(table["Annual planned investment (亿元)"].to_list()) == {"–", "– (target, hidden)"}
    assert column_of(table, "Quanzhou", "Investment completion rate (%)") == "35.9%"
    assert at.query_params["targets"] == "0"
    assert any("Hidden because it is a target" in c.value for c in at.caption)

    at.radio(key="compare_basis").set_value("per_project")
    rerun(at)
    table = frame(at, "City")
    assert column_of(table, "Quanzhou", "Total investment per project (亿元)") == "4.79"
    assert column_of(table, "Quanzhou", "Projects") == "741"
    assert at.query_params["basis"] == "per_project"


def test_compare_city_selection_comes_from_and_goes_to_the_url(served):
    at = open_app({"cities": "leling,fuzhou,atlantis"})
    assert frame(at, "City")["City"].to_list() == ["Leling", "Fuzhou"]
    assert at.query_params["cities"] == "leling,fuzhou"
    at.multiselect(key="compare_cities").set_value([])
    rerun(at)
    assert at.info[0].value == "Choose at least one city."
    assert not at.dataframe


def test_language_switch_translates_labels_and_names(served):
    at = open_app()
    at.radio(key="lang").set_value("zh")
    rerun(at)
    assert at.title[0].value == "城市对比"
    table = frame(at, "城市")
    assert sorted(table["城市"].to_list()) == sorted(CITY_NAMES_ZH)
    assert "总投资 (亿元)" in table.columns and column_of(table, "青田县", "项目数") == "162 (目标)"
    words = texts(at)
    for english in ("Compare the cities", "Not comparable", "Include targets", "Key figures", "Achievement"):
        assert english not in words
    assert at.query_params["lang"] == "zh"


def test_language_from_the_url(served):
    at = open_app({"lang": "zh"}, page="views/metrics.py")
    assert at.title[0].value == "指标目录"
    assert "项目数" in frame(at, "合理范围(基准单位)")["指标"].to_list()


# --- City ---------------------------------------------------------------------------------------
def test_city_page_shows_campaign_timeline_scopes_and_shares(served):
    at = open_app(page="views/city.py", page_query={"city": "fuzhou"})
    assert at.header[0].value == "福州市 · Fuzhou"
    assert at.selectbox(key="city_city").value == "fuzhou"
    words = texts(at)
    assert "2017-01-01 → 2017-12-31" in words and "2017-02-15" in words
    assert [tab.label for tab in at.tabs] == ["City (2)", "District (8)"]
    assert frame(at.tabs[1], "Quote").height == 8
    shares = frame(at, "Share of the city total")
    assert shares["Share of the city total"].to_list() == ["11.4%", "12.3%", "27.3%"]
    assert set(shares["City total"].to_list()) == {"1,755"}
    assert len(at.get("vega_lite_chart")) == 2  # the timeline and one share chart
    assert at.query_params["city"] == "fuzhou"


def test_city_switch_and_a_plan_city(served):
    at = open_app(page="views/city.py")
    at.selectbox(key="city_city").set_value("qingtian")
    rerun(at)
    assert at.header[0].value.startswith("青田县")
    assert "targets (a plan)" in texts(at)
    assert any(w.value.startswith("A plan: its figures are targets") for w in at.warning)
    basis = frame(at.tabs[1], "Quote")["Achievement or target"].unique().to_list()
    assert basis == ["target"]


# --- Evidence -----------------------------------------------------------------------------------
def test_evidence_filters(served):
    at = open_app(page="views/evidence.py")
    assert frame(at, "Quote").height == 72
    at.multiselect(key="evidence_metrics").set_value(["total_investment"])
    rerun(at)
    table = frame(at, "Quote")
    assert set(table["Metric"].to_list()) == {"Total investment"} and table.height == 6
    at.multiselect(key="evidence_cities").set_value(["leling"])
    at.radio(key="evidence_basis").set_value("target")
    rerun(at)
    assert at.info[0].value == "No observation matches these filters."
    at.radio(key="evidence_basis").set_value("achievement")
    at.multiselect(key="evidence_scopes").set_value(["programme"])
    rerun(at)
    assert frame(at, "Quote")["Scope"].unique().to_list() == ["Programme"]
    assert at.query_params["metric"] == "total_investment" and at.query_params["scope"] == "programme"


def test_evidence_highlights_the_quote_in_either_script(served):
    at = open_app(page="views/evidence.py", page_query={"obs": "zm_03"})
    assert at.selectbox(key="evidence_obs").value == "zm_03"
    excerpt = at.get("html")[0].value
    assert '<mark class="bm-quote">总投资<strong class="bm-figure">835.4亿元</strong></mark>' in excerpt
    at.radio(key="evidence_script").set_value("original")
    rerun(at)
    assert '<mark class="bm-quote">總投資835.4億元</mark>' in at.get("html")[0].value
    assert at.query_params["obs"] == "zm_03" and at.query_params["script"] == "original"


def test_evidence_selection_follows_the_filters(served):
    at = open_app(page="views/evidence.py", page_query={"obs": "zm_03"})
    at.multiselect(key="evidence_cities").set_value(["qingtian"])
    rerun(at)
    chosen = at.selectbox(key="evidence_obs").value
    assert chosen.startswith("qt_")
    assert "<mark" in at.get("html")[0].value


def test_evidence_origin_lists_outlet_date_checksum_and_defects(served):
    at = open_app(page="views/evidence.py", page_query={"obs": "qz_03"})
    origin = dict(zip(*[at.table[0].value[c].tolist() for c in at.table[0].value.columns]))
    assert origin["Outlet"] == "泉州晚报"
    assert origin["SHA-256 checksum"].startswith("008f1eebb0f7")
    assert "pinyin" in origin["Known defects"]
    assert origin["Publication date"] == "–"


def test_document_text_cannot_inject_html(served_copy):
    edit_warehouse(
        served_copy,
        "update dim_document set normalised_text = normalised_text || '<script>alert(1)</script><img src=x onerror=alert(2)>'"
        " where document_id = 'quanzhou_2022'",
    )
    at = open_app(page="views/evidence.py", page_query={"obs": "qz_03"})
    whole = at.get("html")[-1].value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in whole
    assert "<script>alert" not in whole and "<img" not in whole


# --- Metrics ------------------------------------------------------------------------------------
def test_metrics_catalogue_search_and_kind_filter(served):
    at = open_app(page="views/metrics.py")
    table = frame(at, "Plausible range (base unit)")
    catalogue = (Path(__file__).resolve().parents[2] / "seeds" / "metrics.csv").read_text(encoding="utf-8").strip().splitlines()
    assert table.height == len(catalogue) - 1  # every catalogue row, however many the catalogue holds
    assert {"Metric", "Definition", "Comparability caveat", "Base unit"} <= set(table.columns)
    at.text_input(key="metrics_search").set_value("mu")
    rerun(at)
    assert "Land delivered" in frame(at, "Plausible range (base unit)")["Metric"].to_list()
    at.text_input(key="metrics_search").set_value("")
    at.multiselect(key="metrics_kinds").set_value(["money"])
    rerun(at)
    assert set(frame(at, "Plausible range (base unit)")["Kind"].to_list()) == {"money"}
    at.text_input(key="metrics_search").set_value("no such metric anywhere")
    rerun(at)
    assert at.info[0].value == "No metric matches."
    assert frame(at, "ID").height == 9


# --- Data quality -------------------------------------------------------------------------------
def test_quality_without_gx_results(served_copy):
    at = open_app(page="views/quality.py")
    words = texts(at)
    assert "All " in words and "seeds, models and tests of the build passed" in words
    assert "No Great Expectations checks have run on this warehouse yet" in words
    assert at.code[0].value == "battlemap check"
    results = frame(at, "unique_id")
    # Every node the build recorded (84: seeds, models, one merged check node per model and the rest, the exposure).
    with reading(served_copy) as connection:
        nodes = connection.execute("select count(*) from main.build_results").fetchone()[0]
    assert results.height == nodes > 80


def write_gx_results(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    latest = {
        "run_time": "2026-11-22T10:00:00+00:00",
        "success": False,
        "suites": [
            {"suite": "mart_city_comparison", "success": False, "evaluated": 4, "failed": 1,
             "failures": [{"expectation": "expect_column_values_to_be_between", "column": "pace_index",
                           "observed_value": "3.2"}]},
        ],
    }
    (folder / "latest.json").write_text(json.dumps(latest), encoding="utf-8")
    pl.DataFrame(
        {
            "run_id": ["r1"] * 4 + ["r2"] * 4,
            "run_time": ["2026-11-21T10:00:00+00:00"] * 4 + ["2026-11-22T10:00:00+00:00"] * 4,
            "suite": ["mart_city_comparison"] * 8,
            "expectation": ["a", "b", "c", "d"] * 2,
            "column": ["x"] * 8,
            "success": [True] * 7 + [False],
            "observed_value": ["1"] * 8,
        }
    ).write_parquet(folder / "history.parquet")


def test_quality_with_gx_results_lists_failures_and_trend(served_copy):
    write_gx_results(served_copy.parent / "quality")
    at = open_app(page="views/quality.py")
    failures = frame(at, "observed_value")
    assert failures.row(0, named=True)["column"] == "pace_index"
    assert frame(at, "success", "evaluated")["failed"].to_list() == [1]
    assert frame(at, "pass_share")["pass_share"].to_list() == [100.0, 75.0]
    assert "failed" in texts(at)


def test_quality_with_broken_gx_results_warns(served_copy):
    folder = served_copy.parent / "quality"
    folder.mkdir()
    (folder / "latest.json").write_text("{oops", encoding="utf-8")
    at = open_app(page="views/quality.py")
    assert any("could not be read" in w.value for w in at.warning)


def test_quality_of_a_warehouse_without_build_results(served_copy):
    edit_warehouse(served_copy, "drop table main.build_results", "drop table main.build_info")
    at = open_app(page="views/quality.py")
    assert at.info[0].value == "This warehouse records no build results."


# --- missing data and a missing warehouse -------------------------------------------------------
def test_missing_warehouse_gives_the_build_command_on_every_page(monkeypatch, tmp_path):
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(tmp_path / "nowhere" / "battlemap.duckdb"))
    at = open_app()
    assert at.error[0].value == "No warehouse yet."
    assert at.code[0].value == "battlemap build"
    for page in ("views/city.py", "views/evidence.py", "views/quality.py"):
        at.switch_page(page)
        rerun(at)
        assert at.error[0].value == "No warehouse yet." and at.code[0].value == "battlemap build"
    at.radio(key="lang").set_value("zh")
    rerun(at)
    assert at.error[0].value == "尚未生成数据仓库。"


def test_unreadable_warehouse_gives_a_message(monkeypatch, tmp_path):
    broken = tmp_path / "battlemap.duckdb"
    broken.write_bytes(b"this is not a duckdb file" * 100)
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(broken))
    at = open_app()
    assert at.error[0].value == "The warehouse could not be read."


def test_figures_missing_from_the_data_show_as_missing(served_copy):
    edit_warehouse(
        served_copy,
        "update mart_city_comparison set total_investment = null, investment_per_project = null where city_id = 'quanzhou'",
    )
    at = open_app()
    table = frame(at, "City")
    assert column_of(table, "Quanzhou", "Total investment (亿元)") == "–"
    assert column_of(table, "Quanzhou", "Total investment (CNY)") == "–"
    note = next(c.value for c in at.caption if "Not comparable as is: Multi-year totals" in c.value)
    assert "Not given in the document: Fuzhou, Quanzhou, Qingtian." in note


def test_a_swapped_in_warehouse_is_read_on_the_next_interaction(served_copy):
    at = open_app()
    assert "first batch" in column_of(frame(at, "City"), "Quanzhou", "Caveat")
    swap_in_edited_copy(served_copy, "update mart_city_comparison set caveat = 'REBUILT' where city_id = 'quanzhou'")
    at.toggle(key="compare_targets").set_value(False)
    rerun(at)
    assert column_of(frame(at, "City"), "Quanzhou", "Caveat") == "REBUILT"


@pytest.mark.parametrize(
    ("lang", "title", "total_column"), [("en", "Totals of the figures safe to sum", "Total"), ("zh", "可汇总数字的合计", "合计")]
)
def test_metrics_page_totals_sum_only_figures_recommended_for_aggregates(served, lang, title, total_column):
    at = open_app({"lang": lang}, page="views/metrics.py", page_query={"lang": lang})
    assert title in [s.value for s in at.subheader]
    (totals,) = [d.value for d in at.dataframe if total_column in d.value.columns]
    from battlemap.shared.warehouse import reading

    with reading(served) as con:
        expected = con.execute(
            "select count(*) from fct_figure where recommended_for_aggregates and metric_id = 'project_count'"
        ).fetchone()[0]
        (figures_summed,) = con.execute(
            "select figure_count from mart_metric_total where metric_id = 'project_count'"
        ).fetchone()
    assert figures_summed == expected and len(totals) >= 1
