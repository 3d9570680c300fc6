"""The explorer's building blocks without a Streamlit server: texts, formatting, highlighting, KPIs, GX files."""

from __future__ import annotations

import json
import re
import string
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from app_support import APP_DIR, EXPLORER_DIR

from battlemap.serve.explorer import comparability, formatting, i18n, place_options, quality_results
from battlemap.serve.explorer.downloads import to_csv, to_parquet
from battlemap.serve.explorer.highlight import Span, excerpt_window, highlight, render_document
from battlemap.serve.explorer.kpis import GIVEN, KPIS, NOT_GIVEN, TABLE_EXTRAS, TARGET_HIDDEN, adjusted, long_form
from battlemap.serve.explorer.labels import kpi_label, metric_kind_label, seed_label, vocabulary_labels
from battlemap.shared import vocabularies
from battlemap.shared.warehouse import reading


# --- i18n -----------------------------------------------------------------------------------------
def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_exists_in_both_languages_with_the_same_placeholders():
    for key, entry in i18n.TEXT.items():
        assert set(entry) == set(i18n.LANGUAGES), key
        assert all(entry[lang].strip() for lang in i18n.LANGUAGES), key
        assert placeholders(entry["en"]) == placeholders(entry["zh"]), key


def test_every_literal_text_key_used_by_the_app_is_defined():
    used = set()
    for source in [*APP_DIR.rglob("*.py"), *EXPLORER_DIR.rglob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*"([a-z_]+\.[A-Za-z0-9_.]+)\"""", source.read_text(encoding="utf-8")))
        used |= set(re.findall(r'"(nav\.[a-z]+)"', source.read_text(encoding="utf-8")))
    assert len(used) > 100
    assert sorted(key for key in used if key not in i18n.TEXT) == []


def test_labels_cover_every_kpi_and_value_in_the_warehouse(built_warehouse: Path):
    for lang in i18n.LANGUAGES:
        for kpi in KPIS + TABLE_EXTRAS:
            assert kpi_label(kpi.column, lang) != kpi.column and kpi_label(kpi.column, lang, column="caveat"), kpi.column
        for kpi in KPIS:
            assert kpi_label(kpi.column, lang, column="definition"), kpi.column
    with reading(built_warehouse) as connection:
        levels = vocabulary_labels("admin_level", "zh")
        assert all(value in levels for (value,) in connection.execute("select distinct admin_level from dim_city").fetchall())
        # The vocabularies' labels are in their seeds: every value the warehouse holds has one, in both languages.
        seeds = {
            "figures_are_values": "select distinct figures_are from dim_campaign",
            "scope_levels": "select distinct scope_level from fct_observation",
            "qualifiers": "select distinct qualifier from fct_observation",
            "base_units": "select distinct base_unit from dim_metric",
            "campaign_types": "select distinct campaign_type from dim_campaign",
        }
        for seed, sql in seeds.items():
            rows = vocabularies.by_value(seed)
            for (value,) in connection.execute(sql).fetchall():
                assert value in rows and rows[value]["label_en"] and rows[value]["label_zh"], (seed, value)
                assert seed_label(seed, value, "zh") == rows[value]["label_zh"]
        for (kind,) in connection.execute("select distinct metric_kind from dim_metric").fetchall():
            assert metric_kind_label(kind, "zh") != kind, kind


def test_t_fills_placeholders_and_falls_back(monkeypatch):
    assert i18n.t("evidence.count", "en", shown=3, total=72) == "3 of 72 observations"
    assert i18n.t("evidence.count", "zh", shown=3, total=72) == "共 72 条记录,显示 3 条"
    monkeypatch.delenv(i18n.STRICT_ENV, raising=False)
    assert i18n.t("no.such.key", "en") == "no.such.key"
    monkeypatch.setenv(i18n.STRICT_ENV, "1")
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "en")


# --- formatting -----------------------------------------------------------------------------------
def test_money_in_yi_ratios_in_percent_missing_never_zero():
    assert formatting.yi(355_200_000_000) == "3,552.00 亿元"
    assert formatting.yi(11_430_000) == "0.11 亿元"
    assert formatting.cny(355_200_000_000) == "355,200,000,000"
    assert formatting.percent(0.358559) == "35.9%"
    assert formatting.by_unit(11_430_000, "CNY") == "0.1143 亿元"
    assert formatting.by_unit(0.78, "ratio") == "78.0%"
    assert formatting.by_unit(200, "count", "at_most") == "≤ 200"
    assert formatting.by_unit(37, "day", lang="zh") == "37 天"
    for missing in (None, float("nan")):
        for render in (formatting.yi, formatting.cny, formatting.percent, formatting.count, formatting.index):
            assert render(missing) == formatting.MISSING
        assert formatting.by_unit(missing, "CNY") == formatting.MISSING


# --- highlighting ---------------------------------------------------------------------------------
def test_document_text_is_escaped_before_highlighting():
    text = 'a<script>alert("x")</script> 总投资3552亿元 & <b>more</b>'
    start = text.index("总投资")
    html = highlight(text, [Span(start, start + 9, "quote"), Span(start + 3, start + 9, "figure")])
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp;" in html
    assert '<mark class="bm-quote">总投资<strong class="bm-figure">3552亿元</strong></mark>' in html


def test_overlapping_and_out_of_range_spans_still_give_balanced_html():
    text = "0123456789"
    html = highlight(text, [Span(2, 6, "quote"), Span(4, 8, "garbled"), Span(8, 99, "figure"), Span(5, 5, "quote"),
                            Span(3, 4, "unknown")])
    assert html.count("<mark") == html.count("</mark>") == 1  # one quote, kept whole
    assert html.count("<span") == html.count("</span>")
    assert re.sub(r"<[^>]+>", "", html) == text
    assert highlight("", [Span(0, 3, "quote")]) == ""


def test_excerpt_window_and_rendered_block():
    assert excerpt_window(1000, 500, 510, context=100) == (400, 610)
    assert excerpt_window(50, 5, 10, context=100) == (0, 50)
    block = render_document("x" * 300 + "QUOTE" + "y" * 300, [Span(300, 305, "quote")], window=(200, 400))
    assert '<mark class="bm-quote">QUOTE</mark>' in block
    assert block.count("…") == 2


def test_every_observation_highlights_its_quote_in_both_scripts(built_warehouse: Path):
    with reading(built_warehouse) as connection:
        rows = connection.sql(
            """
            select o.observation_id, o.quote, o.raw_quote, o.char_start, o.char_end, o.raw_char_start, o.raw_char_end,
                   d.normalised_text, d.raw_text
            from fct_observation o join dim_document d using (document_id)
            """
        ).fetchall()
    assert len(rows) > 50
    for oid, quote, raw_quote, start, end, raw_start, raw_end, normalised, raw in rows:
        assert f'<mark class="bm-quote">{quote}</mark>' in highlight(normalised, [Span(start, end, "quote")]), oid
        assert f'<mark class="bm-quote">{raw_quote}</mark>' in highlight(raw, [Span(raw_start, raw_end, "quote")]), oid


# --- KPIs and their notes ------------------------------------------------------------------------
def comparison_frame() -> pl.DataFrame:
    """Three cities shaped like mart_city_comparison joined with the KPI target flags."""
    rows = [
        dict(city_id="quanzhou", name_en="Quanzhou", name_zh_hans="泉州市", plan_year=2022, as_of_date=date(2022, 5, 31),
             elapsed_share_of_year=0.41, figures_are="status", project_count=741.0, total_investment=3.552e11,
             annual_planned_investment=5.55e10, completed_investment=1.99e10, investment_completion_rate=0.3586,
             pace_index=0.867, annual_plan_share=0.156, investment_per_project=4.79e8, projects_started=None,
             start_rate=None, annual_planned_investment_is_target=True),
        dict(city_id="fuzhou", name_en="Fuzhou", name_zh_hans="福州市", plan_year=2017, as_of_date=date(2017, 2, 15),
             elapsed_share_of_year=0.13, figures_are="status", project_count=1755.0, total_investment=None,
             annual_planned_investment=None, completed_investment=None, investment_completion_rate=None,
             pace_index=None, annual_plan_share=None, investment_per_project=None, projects_started=None,
             start_rate=None, annual_planned_investment_is_target=False),
        dict(city_id="qingtian", name_en="Qingtian", name_zh_hans="青田县", plan_year=2023, as_of_date=date(2023, 8, 25),
             elapsed_share_of_year=0.65, figures_are="targets", project_count=162.0, total_investment=None,
             annual_planned_investment=None, completed_investment=None, investment_completion_rate=None,
             pace_index=None, annual_plan_share=None, investment_per_project=None, projects_started=None,
             start_rate=None, annual_planned_investment_is_target=False),
    ]
    frame = pl.DataFrame(rows, infer_schema_length=None)
    flags = {}
    for source in ("project_count", "total_investment", "completed_investment", "projects_started"):
        flags[f"{source}_is_target"] = pl.col("figures_are") == "targets"
    return frame.with_columns(**flags).with_columns(
        (pl.col("annual_planned_investment_is_target") | (pl.col("figures_are") == "targets"))
        .alias("annual_planned_investment_is_target")
    )


def by_city(frame: pl.DataFrame, column: str) -> dict:
    return dict(zip(frame["city_id"], frame[column]))


def test_including_targets_keeps_values_and_marks_them():
    shown = adjusted(comparison_frame(), per_project=False, include_targets=True)
    assert by_city(shown, "project_count") == {"quanzhou": 741.0, "fuzhou": 1755.0, "qingtian": 162.0}
    assert by_city(shown, "project_count_is_target")["qingtian"] is True
    assert by_city(shown, "annual_planned_investment_status")["quanzhou"] == GIVEN
    assert by_city(shown, "total_investment_status")["fuzhou"] == NOT_GIVEN
    assert by_city(shown, "total_investment")["fuzhou"] is None  # missing stays missing, never 0


def test_achievements_only_hides_targets_as_missing():
    shown = adjusted(comparison_frame(), per_project=False, include_targets=False)
    assert by_city(shown, "project_count")["qingtian"] is None
    assert by_city(shown, "project_count_status")["qingtian"] == TARGET_HIDDEN
    assert by_city(shown, "annual_planned_investment")["quanzhou"] is None
    assert by_city(shown, "annual_plan_share_status")["quanzhou"] == TARGET_HIDDEN
    # The completion rate measures an achievement (completed investment) against the plan: kept.
    assert by_city(shown, "investment_completion_rate")["quanzhou"] == pytest.approx(0.3586)
    assert by_city(shown, "project_count")["fuzhou"] == 1755.0


def test_per_project_divides_money_by_project_count_only():
    shown = adjusted(comparison_frame(), per_project=True, include_targets=True)
    assert by_city(shown, "total_investment")["quanzhou"] == pytest.approx(3.552e11 / 741)
    assert by_city(shown, "completed_investment")["quanzhou"] == pytest.approx(1.99e10 / 741)
    assert by_city(shown, "project_count")["quanzhou"] == 741.0
    assert by_city(shown, "investment_completion_rate")["quanzhou"] == pytest.approx(0.3586)
    assert by_city(shown, "total_investment")["fuzhou"] is None


def test_chart_notes_say_what_is_not_comparable():
    shown = adjusted(comparison_frame(), per_project=True, include_targets=False)
    kpi = {k.column: k for k in KPIS}
    notes = " ".join(comparability.chart_notes(long_form(shown, kpi["completed_investment"], "name_en"),
                                               kpi["completed_investment"], "en", per_project=True))
    assert "Not given in the document: Fuzhou, Qingtian." in notes
    assert "project count" in notes
    projects = " ".join(comparability.chart_notes(long_form(shown, kpi["project_count"], "name_en"),
                                                  kpi["project_count"], "en", per_project=True))
    assert "Plan years differ (2017: Fuzhou; 2022: Quanzhou)." in projects
    assert "Hidden because it is a target: Qingtian." in projects
    zh = "".join(comparability.chart_notes(long_form(shown, kpi["project_count"], "name_zh_hans"),
                                           kpi["project_count"], "zh", per_project=False))
    assert "因属目标值而隐藏:青田县" in zh


# --- downloads ------------------------------------------------------------------------------------
def test_downloads_round_trip(tmp_path: Path):
    frame = pl.DataFrame({"city": ["泉州市", "Fuzhou"], "value": [3.552e11, None]})
    csv = to_csv(frame)
    assert csv.startswith("\ufeff".encode()) and "泉州市".encode() in csv
    (tmp_path / "x.parquet").write_bytes(to_parquet(frame))
    back = pl.read_parquet(tmp_path / "x.parquet")
    assert back["value"].to_list() == [3.552e11, None]


# --- Great Expectations results ------------------------------------------------------------------
def test_no_quality_folder_means_no_checks_yet(tmp_path: Path):
    assert quality_results.read_latest(tmp_path / "quality") is None
    assert quality_results.read_history(tmp_path / "quality") == (None, None)


def test_malformed_results_give_a_problem_not_an_exception(tmp_path: Path):
    (tmp_path / "latest.json").write_text("{not json", encoding="utf-8")
    assert "latest.json" in quality_results.read_latest(tmp_path).problem
    (tmp_path / "latest.json").write_text(json.dumps({"run_time": "x", "suites": [3, {"suite": "s", "failures": [1]}]}))
    latest = quality_results.read_latest(tmp_path)
    assert latest.problem and latest.suites["suite"].to_list() == ["s"] and latest.failures.is_empty()
    (tmp_path / "history.parquet").write_bytes(b"not parquet")
    history, problem = quality_results.read_history(tmp_path)
    assert history is None and "history.parquet" in problem


def test_results_and_trend_are_read(tmp_path: Path):
    latest = {
        "run_time": "2026-11-22T10:00:00+00:00",
        "success": False,
        "suites": [
            {"suite": "marts", "success": False, "evaluated": 3, "failed": 1,
             "failures": [{"expectation": "expect_column_values_to_be_between", "column": "pace_index",
                           "observed_value": {"max": 9}}]},
            {"suite": "docs", "success": True, "evaluated": 2, "failed": 0, "failures": []},
        ],
    }
    (tmp_path / "latest.json").write_text(json.dumps(latest), encoding="utf-8")
    run = quality_results.read_latest(tmp_path)
    assert run.success is False and run.problem is None
    assert run.suites["failed"].to_list() == [1, 0]
    assert run.failures.row(0, named=True)["observed_value"] == '{"max": 9}'
    pl.DataFrame(
        {
            "run_id": ["a", "a", "b", "b"],
            "run_time": ["2026-11-21T10:00:00+00:00"] * 2 + ["2026-11-22T10:00:00+00:00"] * 2,
            "suite": ["marts"] * 4,
            "expectation": ["e1", "e2", "e1", "e2"],
            "column": ["c"] * 4,
            "success": [True, True, True, False],
            "observed_value": ["1", "2", "1", "9"],
        }
    ).write_parquet(tmp_path / "history.parquet")
    history, problem = quality_results.read_history(tmp_path)
    assert problem is None
    assert quality_results.trend(history)["pass_share"].to_list() == [100.0, 50.0]


# --- the Compare page's cached view ---------------------------------------------------------------
def test_compare_view_builds_table_charts_and_notes(built_warehouse: Path):
    from battlemap.serve.explorer import compare_view, data
    from battlemap.shared.warehouse import identity

    snap = data.Snapshot(str(built_warehouse), identity(built_warehouse))
    comparison = data.read(snap, data.COMPARISON_SQL)
    view = compare_view.build(comparison, ("qingtian", "quanzhou"), "zh", per_project=False, include_targets=False)
    assert view.table["城市"].to_list() == ["青田县", "泉州市"]
    assert view.table["项目数"].to_list() == ["–(目标值,已隐藏)", "741"]
    assert len(view.charts) == 9 and all(chart.spec["layer"] for chart in view.charts)
    assert view.charts[0].note.startswith("不可直接比较之处:")
    assert view.raw["project_count"].to_list() == [None, 741.0]  # downloads keep NULL, never 0


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("per_project", [False, True])
def test_compare_chart_specs_are_valid_vega_lite_with_missing_figures_as_gaps(built_warehouse: Path, lang, per_project):
    import altair as alt

    from battlemap.serve.explorer import compare_view, data, kpi_chart
    from battlemap.shared.warehouse import identity

    snap = data.Snapshot(str(built_warehouse), identity(built_warehouse))
    comparison = data.read(snap, data.COMPARISON_SQL)
    view = compare_view.build(comparison, tuple(comparison["city_id"].to_list()), lang, per_project, include_targets=False)
    major = alt.SCHEMA_VERSION.lstrip("v").split(".")[0]
    assert kpi_chart.VEGA_LITE_SCHEMA.endswith(f"/v{major}.json")
    for chart in view.charts:
        alt.LayerChart.from_dict(chart.spec, validate=True)  # raises SchemaValidationError on an invalid spec
        rows = chart.spec["data"]["values"]
        assert [row["city"] for row in rows] == chart.spec["layer"][0]["encoding"]["x"]["sort"]
        for row in rows:
            assert (row["value"] is None) == bool(row["missing_label"]), row  # a gap is labelled, never a bar of 0
    projects = {row["city"]: row for row in view.charts[0].spec["data"]["values"]}
    qingtian = "青田县" if lang == "zh" else "Qingtian"
    assert projects[qingtian]["value"] is None
    assert projects[qingtian]["missing_label"] == i18n.t("chart.target_hidden", lang)


# --- serving --------------------------------------------------------------------------------------
def test_the_once_per_process_repl_check_the_launcher_skips_is_still_streamlits():
    """battlemap.serve.launch marks Streamlit's first-use REPL check done; a Streamlit that renames the flag
    would silently bring the cost back to the first visitor."""
    import streamlit.delta_generator as delta_generator

    assert isinstance(delta_generator._use_warning_has_been_displayed, bool)
    assert "_use_warning_has_been_displayed" in delta_generator._maybe_print_use_warning.__code__.co_names


def test_streamlit_runs_local_headless_and_quiet_from_its_config_file(tmp_path: Path):
    import subprocess
    import sys

    from battlemap.serve import launch as serve
    from battlemap.shared.paths import project_dir

    command = serve.streamlit_command()
    assert command[3:] == ["run", str(serve.app_main())]  # every option is in .streamlit/config.toml
    assert serve.streamlit_command(8765)[-2:] == ["--server.port", "8765"]
    assert serve.app_environment(tmp_path / "w.duckdb")["BATTLEMAP_WAREHOUSE"] == str((tmp_path / "w.duckdb").resolve())
    # Streamlit's own reading of the settings, in the folder `battlemap app` runs it in.
    expected = {
        "server.address": "127.0.0.1", "server.headless": True, "browser.gatherUsageStats": False,
        "server.fileWatcherType": "none", "server.runOnSave": False, "runner.postScriptGC": False,
        "runner.magicEnabled": False, "global.developmentMode": False, "client.toolbarMode": "viewer",
    }  # fmt: skip
    script = f"from streamlit import config; print(repr({{o: config.get_option(o) for o in {sorted(expected)!r}}}))"
    shown = subprocess.run([sys.executable, "-c", script], cwd=project_dir(), capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert eval(shown.stdout.strip().splitlines()[-1]) == expected


def test_every_kind_of_place_the_gazetteer_knows_has_a_label_in_both_languages():
    from battlemap.shared.places import ADMIN_TYPES

    english, chinese = vocabulary_labels("admin_level", "en"), vocabulary_labels("admin_level", "zh")
    for admin_type in ADMIN_TYPES:
        assert english.get(admin_type) and chinese.get(admin_type), admin_type


# --- place selector: bounded options, searched ----------------------------------------------------
def _places(count: int) -> tuple[list[str], dict[str, str]]:
    rows = [
        {"city_id": f"p{n:04d}", "admin_code": f"{370000 + n}", "name_en": f"Place{n}", "name_zh_hans": f"地{n}市",
         "name_zh_hant": f"地{n}市", "admin_level": "county"}
        for n in range(count)
    ]
    rows[150].update(name_en="Dezhou", name_zh_hans="德州市", name_zh_hant="德州市")
    return [row["city_id"] for row in rows], place_options.search_texts(rows)


def test_a_place_selector_offers_the_chosen_places_then_a_bounded_ranked_list():
    ranked, texts = _places(250)
    assert not place_options.needs_search(place_options.OPTION_LIMIT)
    assert place_options.needs_search(place_options.OPTION_LIMIT + 1)
    offered = place_options.offered(ranked, texts, chosen=["p0200", "p0003"], limit=100)
    # the chosen places, then the 100 first others, in ranked order
    assert offered == ranked[:101] + ["p0200"]
    assert place_options.offered(ranked[:30], texts, chosen=[], limit=100) == ranked[:30]


def test_a_place_search_matches_names_in_every_script_slugs_and_codes_and_keeps_the_chosen():
    ranked, texts = _places(250)
    for query in ("德州", "dezhou", " DEZHOU ", "p0150", "370150"):
        assert place_options.matching(ranked, texts, query) == ["p0150"], query
        assert place_options.offered(ranked, texts, chosen=["p0001"], query=query) == ["p0001", "p0150"], query
    assert place_options.offered(ranked, texts, chosen=["p0001"], query="atlantis") == ["p0001"]
    assert len(place_options.offered(ranked, texts, chosen=[], query="place", limit=40)) == 40
    assert place_options.matching(ranked, texts, "  ") == ranked


# --- figure health and periods (issue 17) ---------------------------------------------------------


def test_health_and_period_are_shown_next_to_each_figure_in_both_languages(built_warehouse: Path):
    from battlemap.serve.explorer import data, figures

    with reading(built_warehouse) as con:
        table = con.sql(data.OBSERVATIONS_SQL).pl()
    by_id = {row["observation_id"]: row for row in table.iter_rows(named=True)}
    # 年度计划投资555亿元: a target of the year; 仓山区's 近200个: inside Fuzhou's stated total.
    plan, district = by_id["qz_04"], by_id["fz_03"]
    assert figures.period_text(plan, "en") == "the year" and figures.period_text(plan, "zh") == "全年"
    assert figures.health_text(plan, "en") == "1 source(s) · reviewed · not for totals: a target"
    assert figures.health_text(plan, "zh") == "1 份来源 · 已人工审核 · 不宜汇总:目标值"
    assert figures.health_text(district, "en").endswith("not for totals: inside a stated total")
    assert figures.health_text(by_id["zm_02"], "zh").endswith("可用于汇总")
    shown = figures.display_table(table.filter(pl.col("observation_id") == "qz_04"), "zh")
    assert shown["数据健康度"].to_list() == ["1 份来源 · 已人工审核 · 不宜汇总:目标值"]
    assert shown["时段"].to_list() == ["全年"]
    agreeing = {**plan, "source_count": 2, "agreeing_sources": 2, "confidence": 0.9, "carried_forward": True}
    assert figures.health_text(agreeing, "en") == (
        "2 source(s) · 2 agree · reviewed · extractor confidence 0.90 · carried to a later report · not for totals: a target"
    )


def test_compare_links_each_key_figure_and_bar_to_its_sentence(built_warehouse: Path):
    """Issue 18, part 4: a key-figure cell and a bar open their evidence; a bar's tooltip quotes the sentence."""
    from battlemap.serve.explorer import compare_view, data, kpi_chart
    from battlemap.shared.warehouse import identity

    snap = data.Snapshot(str(built_warehouse), identity(built_warehouse))
    comparison = data.read(snap, data.COMPARISON_SQL)
    view = compare_view.build(comparison, ("quanzhou", "fuzhou"), "en", per_project=False, include_targets=True)
    header = "Total investment (亿元)"
    assert view.table[header].to_list() == ["3,552.00", "–"]
    assert view.cell_evidence[(0, header)] == "qz_03" and view.cell_evidence[(0, "Total investment (CNY)")] == "qz_03"
    assert (1, header) not in view.cell_evidence  # Fuzhou does not give it: nothing to open
    # A rate opens the first of the figures it is computed from; its tooltip quotes them all.
    rate = view.cell_evidence[(0, "Investment completion rate (%)")]
    (chart,) = [c for c in view.charts if c.title == "Investment completion rate (%)"]
    bars = chart.spec["layer"][0]
    assert bars["params"] == [{"name": kpi_chart.SELECTION, "select": {"type": "point", "fields": ["observation_id"]}}]
    assert "quote" in [channel["field"] for channel in bars["encoding"]["tooltip"]]
    (quanzhou,) = [row for row in chart.spec["data"]["values"] if row["city"] == "Quanzhou"]
    assert quanzhou["observation_id"] == rate
    quotes = data.read(snap, "select observation_id, quote from fct_observation where city_id = 'quanzhou'")
    by_id = dict(zip(quotes["observation_id"].to_list(), quotes["quote"].to_list()))
    assert quanzhou["quote"].startswith(f"“{by_id[rate]}”") and " / “" in quanzhou["quote"]  # completed / annual plan
    (start_rate,) = [c for c in view.charts if c.title == "Start rate (%)"]  # the start-rate chart
    assert {row["city"] for row in start_rate.spec["data"]["values"]} == {"Quanzhou", "Fuzhou"}


def test_charts_keep_long_titles_whole_and_every_suite_in_the_legend():
    """Issue 18, part 4: the progress chart's long title is not cut on a short axis; the quality trend names every
    suite and labels its runs by date and time, never by milliseconds."""
    from battlemap.serve.explorer import charts

    points = [{"date": "2023-03-31", "completion": 20.0, "series": "reported", "shown": "20.0%", "elapsed": "24.7%",
               "pace": "0.81", "documents": "leling_2023"}]
    burnup = charts.burnup_chart(points, charts.schedule_rows(2023, "en"), "en").to_dict()
    assert burnup["title"]["text"] == "Annual plan completed (%)" and burnup["title"]["limit"] == 0
    assert {layer["encoding"]["y"]["title"] for layer in burnup["layer"] if "title" in layer["encoding"]["y"]} == {"%"}
    assert burnup["height"] >= 200  # one point is still a readable chart
    suites = [f"suite_{n}" for n in range(13)]
    rows = [{"suite": s, "run_time": "2026-12-07T10:00:00.152", "pass_share": 100.0, "failed": 0} for s in suites]
    trend = charts.trend_chart(rows, "en").to_dict()
    assert trend["encoding"]["x"]["axis"]["format"] == "%Y-%m-%d %H:%M"
    legend = trend["encoding"]["color"]["legend"]
    assert legend["orient"] == "bottom" and legend["columns"] >= 3


# --- warm-up ----------------------------------------------------------------------------------------
def test_the_later_warm_up_waits_while_pages_are_being_run(monkeypatch):
    """Issue 18: a later warm-up step (the other pages' tables, pandas, Altair) starts only once no page run has ended
    for QUIET_S, so it does not slow a visitor's clicks; it starts anyway after the wait limit."""
    import time

    from battlemap.serve.explorer import warmup

    monkeypatch.setattr(warmup, "_last_run_end", [0.0])
    assert warmup.wait_until_quiet(quiet_s=0.2, limit_s=5)  # no run yet: at once
    warmup.page_served()
    started = time.monotonic()
    assert warmup.wait_until_quiet(quiet_s=0.2, limit_s=5)
    assert time.monotonic() - started >= 0.19  # waited for the quiet moment
    warmup.page_served()
    started = time.monotonic()
    assert not warmup.wait_until_quiet(quiet_s=5, limit_s=0.1)  # gave up at the limit
    assert time.monotonic() - started < 1
