"""The Review page's parts without a browser: the review desk (pending reviews, quotes re-located, missed figures,
saving through accept), a new catalogue metric, the table's edits, the build's progress, and the page in AppTest
(both languages, a row refused, a metric added) on a copy of the project."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from app_support import APP_MAIN
from streamlit.testing.v1 import AppTest

from battlemap.build.progress import CHECKING_SHARE, share_done
from battlemap.review.add_document import NewCampaign, add_document
from battlemap.review.catalogue import add_metric, kind_of_unit
from battlemap.review.review_desk import (
    WordsNotFound,
    figure_spans,
    load_review,
    missed_figures,
    relocate,
    review_files,
    save,
    where,
)
from battlemap.serve.explorer import review_table
from battlemap.shared.paths import corpus_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
LELING_2024 = FIXTURES / "leling_2024_h1.txt"
NEW_LELING = NewCampaign("乐陵市2024年重点项目建设", 2024, "2024-06-30", "截至6月底 (end of June) 2024")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture()
def pending(project_copy: Path) -> Path:
    """A project copy with one pending review (17 proposals of a 2024 Leling report)."""
    return add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING).review


# --- the review desk ---------------------------------------------------------------------------------------


def test_pending_reviews_are_listed_first_and_loaded_with_their_text(project_copy, pending):
    (found,) = review_files(project_copy)
    assert (found.document_id, found.proposals, found.accepted, found.pending) == ("leling_20240630", 17, 0, True)
    review = load_review(project_copy, pending)
    assert review.document["campaign_id"] == "leling_2024_key_projects"
    assert all(review.text[int(r["char_start"]) : int(r["char_end"])] == r["quote"] for r in review.rows)
    assert {where(r, review.text) for r in review.rows} == {"ok"}
    assert len(figure_spans(review.rows)) == 2 * 17  # each quote and the figure in it
    review.rows[0]["accept"] = "y"
    assert (int(review.rows[0]["char_start"]), int(review.rows[0]["char_end"]), "accepted") in figure_spans(review.rows)


def test_an_edited_quote_is_relocated_and_a_wrong_one_named(project_copy, pending):
    review = load_review(project_copy, pending)
    row = review.rows[1]  # 总投资356.8亿元
    longer = relocate({**row, "quote": "全市共谋划实施重点项目118个,总投资356.8亿元"}, review.text)
    assert review.text[int(longer["char_start"]) : int(longer["char_end"])] == longer["quote"]
    assert where(longer, review.text) == "ok"
    assert where({**row, "quote": "总投资999亿元"}, review.text) == "quote_missing"
    assert where({**row, "value_as_written": "56.8"}, review.text) == "figure_missing"  # a whole number, not a tail


def test_a_missed_figure_is_found_from_its_words_in_either_script(project_copy, pending):
    review = load_review(project_copy, pending)
    (row,) = missed_figures(project_copy, review, "完成征地逾1500畝")  # the report's own (traditional) words
    assert (row["metric_id"], row["value_as_written"], row["unit_as_written"], row["qualifier"]) == (
        "land_expropriated_area",
        "1500",
        "亩",
        "at_least",
    )
    assert review.text[int(row["char_start"]) : int(row["char_end"])] == row["quote"] == "完成征地逾1500亩"
    assert (row["scope_level"], row["scope_name"], row["accept"], row["period"]) == ("city", "乐陵市", "y", "to_date")
    for words, reason in (("  ", "empty"), ("完成征地逾9999亩", "not_in_text"), ("德州新闻网讯 记者 王强", "no_figure")):
        with pytest.raises(WordsNotFound) as refused:
            missed_figures(project_copy, review, words)
        assert str(refused.value) == reason


def test_save_runs_accepts_checks_and_says_per_row_what_it_refused(project_copy, pending):
    review = load_review(project_copy, pending)
    before = corpus_file("observations", project_copy).read_bytes()
    for index in (0, 1, 2):
        review.rows[index]["accept"] = "y"
    review.rows[3] = {**review.rows[3], "accept": "y", "quote": "总投资999亿元"}
    review.rows[4] = {**review.rows[4], "accept": "y", "metric_id": "other"}
    saved = save(project_copy, review)
    assert saved.appended == 0 and set(saved.refused) == {3, 4}
    assert "quote '总投资999亿元' is not in the normalised text of document 'leling_20240630'" in saved.refused[3]
    assert any("metric_id 'other' is not in seeds/metrics.csv" in reason for reason in saved.refused[4])
    assert corpus_file("observations", project_copy).read_bytes() == before  # all or nothing, as accept

    review.rows[3]["accept"] = review.rows[4]["accept"] = ""
    saved = save(project_copy, review)
    assert saved.accepted == {0: "leling_20240630_01", 1: "leling_20240630_02", 2: "leling_20240630_03"} and not saved.refused
    assert [r["accept"] for r in rows(pending)][:5] == ["y", "y", "y", "", ""]  # the review CSV says what was accepted
    again = save(project_copy, review)
    assert again.already == saved.accepted and again.appended == 0
    assert review_files(project_copy)[0].accepted == 3


# --- a new catalogue metric --------------------------------------------------------------------------------

RURAL_ROADS = {
    "metric_id": "rural_road_length",
    "name_en": "Rural roads built",
    "name_zh": "农村公路建设里程",
    "base_unit": "m",
    "metric_kind": "length",
    "definition": "Length of rural roads built or upgraded.",
    "definition_zh": "新建或改造的农村公路里程。",
    "comparability_caveat": "",
    "comparability_caveat_zh": "",
    "upper_bound": "",
}


def test_a_new_metric_is_appended_as_a_seed_row_when_it_fits(project_copy):
    assert kind_of_unit(project_copy)["CNY"] == "money"
    before = (project_copy / "seeds" / "metrics.csv").read_text(encoding="utf-8")
    assert add_metric(project_copy, RURAL_ROADS) == []
    after = (project_copy / "seeds" / "metrics.csv").read_text(encoding="utf-8")
    # Without a role the new metric is progress (state), paired with its targets.
    row = "rural_road_length,Rural roads built,农村公路建设里程,m,length,state,,Length of rural roads built or upgraded.,"
    assert after == before + row + "新建或改造的农村公路里程。,,,\n"
    assert add_metric(project_copy, RURAL_ROADS) == ["metric_id 'rural_road_length' is already in seeds/metrics.csv"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"metric_id": "Rural Roads"}, "metric_id 'Rural Roads': lower-case letters, digits and _"),
        ({"metric_id": "other"}, "metric_id 'other' marks a figure outside the catalogue"),
        ({"base_unit": "km"}, "base_unit 'km' is not one of"),
        ({"metric_kind": "speed"}, "metric_kind 'speed' is not one of"),
        ({"upper_bound": "lots"}, "upper_bound 'lots' is not a number"),
        ({"definition": ""}, "definition is empty"),
        ({"definition_zh": ""}, "definition_zh is empty"),
        ({"comparability_caveat": "Counts only paved roads."}, "give the comparability caveat in both languages, or in neither"),
        ({"role": "progress"}, "role 'progress' is not one of portfolio, plan, state, rate, context (seeds/metric_roles.csv)"),
        ({"name_zh": "农村\u200b公路"}, "contains an invisible character (U+200B)"),
    ],
)
def test_a_metric_that_does_not_fit_is_refused_with_its_reason(project_copy, change, reason):
    before = (project_copy / "seeds" / "metrics.csv").read_bytes()
    problems = add_metric(project_copy, {**RURAL_ROADS, **change})
    assert any(reason in problem for problem in problems), problems
    assert (project_copy / "seeds" / "metrics.csv").read_bytes() == before


# --- the table and the build's progress --------------------------------------------------------------------


def test_table_edits_come_back_as_review_text_with_the_quote_relocated(project_copy, pending):
    review = load_review(project_copy, pending)
    frame = review_table.to_frame(review.rows, review.text)
    assert list(frame.columns) == list(review_table.COLUMNS) and list(frame.index)[:2] == [1, 2]
    assert frame["accept"].tolist() == [False] * 17 and frame["is_target"].tolist()[2] is True
    edited = review_table.apply_edits(
        review.rows, {0: {"accept": True}, 1: {"quote": "全市共谋划实施重点项目118个,总投资356.8亿元", "is_target": True}}, review.text
    )
    assert edited[0]["accept"] == "y" and edited[1]["is_target"] == "true"
    assert edited[1]["char_start"] == edited[0]["char_start"]  # the longer quote starts where the first one does
    assert review_table.apply_edits(edited, {0: {"accept": True}}, review.text) == edited  # an edit sent twice
    assert all(row["accept"] == "y" for row in review_table.mark_all(edited, True))


def test_build_progress_reads_battlemap_and_dbt_lines():
    share = share_done("[1/3] Checking articles and seeds in /p", 0.0)
    share = share_done("[2/3] dbt build (seeds, models, data tests) into /p", share)
    assert share == CHECKING_SHARE
    started = share_done("10:00:01  10 of 100 START sql table model main.dim_city ...... [RUN]", share)
    assert started == share  # a node started is not done
    done = share_done("10:00:01  10 of 100 OK created sql table model main.dim_city ... [OK in 0.1s]", share)
    assert done == pytest.approx(CHECKING_SHARE + 0.9 * 0.1)
    assert share_done("10:00:02  5 of 100 PASS not_null_dim_city", done) == done  # never goes back
    assert share_done("[3/3] All 100 nodes passed; swapping", done) == pytest.approx(0.95)


# --- the page in AppTest -----------------------------------------------------------------------------------


@pytest.fixture()
def review_page(monkeypatch, project_copy, tmp_path):
    monkeypatch.setenv("BATTLEMAP_PROJECT_DIR", str(project_copy))
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(tmp_path / "nowhere" / "battlemap.duckdb"))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")

    def open_page(lang: str = "en") -> AppTest:
        at = AppTest.from_file(str(APP_MAIN), default_timeout=90)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page("views/review.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


def test_page_without_reviews_offers_to_add_a_report(review_page):
    at = review_page()
    assert at.title[0].value == "Review a report's figures"
    assert "No reviews yet" in at.info[0].value and not at.error
    zh = review_page("zh")
    assert zh.title[0].value == "审核报道中的数字" and "还没有审核文件" in zh.info[0].value


def test_page_accepts_all_then_says_per_row_what_was_refused(review_page, pending, project_copy):
    table = rows(pending)
    table[4]["quote"] = "开工率99.9%"  # a quote the text does not hold
    with pending.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    at = review_page()
    assert at.selectbox(key="review_file").options == ["leling_20240630: 17 proposals, pending"]
    at.button(key="review_mark_all").click().run()
    assert any("Proposals (17 of 17 ticked)" in m.value for m in at.markdown)
    at.button(key="review_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "row(s) refused: nothing was appended" in at.error[0].value
    outcome = at.table[0].value
    refused = outcome[outcome["Result"].str.startswith("refused")]
    assert "5" in refused["Row"].tolist()
    assert any("开工率99.9%" in reason and "is not in the normalised text" in reason for reason in refused["Result"])


def test_page_adds_a_metric_for_an_other_proposal(review_page, pending, project_copy):
    table = rows(pending)
    table[7]["metric_id"] = "other"  # 超序时进度5.2个百分点, as if outside the catalogue
    with pending.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    at = review_page("zh")
    assert at.multiselect(key="review_metric_rows").value == [7]
    at.text_input(key="review_metric_id").set_value("schedule_lead")
    at.text_input(key="review_metric_name_en").set_value("Lead over schedule")
    at.text_input(key="review_metric_name_zh").set_value("超序时进度")
    at.selectbox(key="review_metric_unit").set_value("ratio")
    at.selectbox(key="review_metric_kind").set_value("ratio")
    at.text_input(key="review_metric_definition").set_value("Investment completed ahead of the elapsed share of the year.")
    at.text_input(key="review_metric_definition_zh").set_value("完成投资快于全年时间进度的幅度。")
    at.button[[b.label for b in at.button].index("添加指标")].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "指标 schedule\\_lead 已写入 seeds/metrics.csv" in at.success[0].value
    assert rows(project_copy / "seeds" / "metrics.csv")[-1]["metric_id"] == "schedule_lead"
    assert at.session_state["review"].rows[7]["metric_id"] == "schedule_lead"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_shows_a_reviews_text_as_text(review_page, pending, lang):
    from test_app_plain_text import LINK, bodies, unescaped_markup

    table = rows(pending)
    table[0].update(quote=LINK, scope_name=LINK, note=LINK)  # refused: the quote is not in the document
    with pending.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    at = review_page(lang)
    at.button(key="review_mark_all").click().run()
    at.button(key="review_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = bodies(at)
    assert any("evil" in body for body in shown)  # the refusal names the quote …
    offending = {body: unescaped_markup(body) for body in shown if unescaped_markup(body)}
    assert not offending, offending  # … as text


def test_build_now_reports_a_failed_build_and_leaves_the_warehouse(review_page, pending, project_copy, tmp_path):
    from battlemap.build.progress import run_build

    metrics = project_copy / "seeds" / "metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("project_count,Projects", "project_count ,Projects", 1), encoding="utf-8")
    seen: list[float] = []
    outcome = run_build(project_copy, tmp_path / "wh" / "battlemap.duckdb", lambda share, line: seen.append(share))
    assert not outcome.ok and "seeds/metrics.csv line 2" in outcome.summary and "Nothing was built" in outcome.summary
    assert seen and seen == sorted(seen)
    assert not (tmp_path / "wh" / "battlemap.duckdb").exists()

    at = review_page("zh")
    at.button(key="review_build_now").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error[0].value == "生成失败;数据仓库未改变。"
    assert "seeds/metrics.csv line 2" in at.code[0].value


def test_a_report_of_twenty_right_proposals_takes_three_actions_to_accept(review_page, project_copy):
    """The issue's goal: a report of 20 figures in under 20 actions when the extractor is right. Here 23 proposals
    of a Ganzhou report, every one of which passes accept's checks: open the page, Accept all, Save; Build now is
    the fourth (tested in Chromium)."""
    ganzhou = FIXTURES / "ganzhou_key_projects_h1.txt"
    added = add_document(project_copy, ganzhou, "赣州市", "ganzhou_2024", NewCampaign("赣州市重点项目", 2024, "2024-06-30", "截至6月底"))
    assert added.proposals == 23
    at = review_page()  # 1
    at.button(key="review_mark_all").click().run()  # 2
    at.button(key="review_save").click().run()  # 3
    assert not at.exception, [e.value for e in at.exception]
    assert "Appended 23 observation(s)" in at.success[0].value
    appended = [row for row in rows(corpus_file("observations", project_copy)) if row["document_id"] == added.document_id]
    assert len(appended) == 23
