"""The explorer's Extract page: in Streamlit's AppTest, and in Chromium, with no warehouse at all."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from app_support import APP_MAIN, ARTIFACTS
from streamlit.testing.v1 import AppTest

from battlemap.testing.browser import CHROMIUM, chromium, running_app, settle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
TEXT = "臨朐縣重點(diǎn)項(xiàng)目已開(kāi)復(fù)工88個,開(kāi)復(fù)工率達(dá)92.6%,完成交地逾2100畝。<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def no_warehouse(monkeypatch, tmp_path):
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(tmp_path / "nowhere" / "battlemap.duckdb"))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")


def extract_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(APP_MAIN), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/extract.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_extract_page_works_without_a_warehouse_and_lists_the_figures():
    at = extract_page()
    assert at.title[0].value == "Extract figures from a report"
    assert not at.error  # no "No warehouse yet."
    at.text_area(key="extract_text").set_value(TEXT)
    at.text_input(key="extract_city").set_value("临朐县")
    at.button[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.subheader[0].value == "3 figures proposed"
    table = at.dataframe[0].value
    assert list(table["ID"]) == ["projects_started", "start_rate", "land_delivered_area"]
    assert list(table["Metric"]) == ["Projects started", "Start rate", "Land delivered"]
    assert list(table["Qualifier"]) == ["exact", "exact", "at least"]
    assert list(table["Figure as written"]) == ["88个", "92.6%", "2100亩"]


def test_extract_page_in_chinese_and_bad_input():
    at = extract_page("zh")
    assert at.title[0].value == "从报道中提取数字"
    at.text_area(key="extract_text").set_value("Only English here, nothing to read.")
    at.button[0].click()
    at.run()
    assert "no Chinese text" in at.error[0].value and "pasted text" in at.error[0].value
    at.text_area(key="extract_text").set_value("")
    at.button[0].click()
    at.run()
    assert at.warning[0].value == "请先粘贴文本或上传文件。"


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt install chromium)")
def test_extract_page_in_chromium_marks_figures_escapes_html_and_downloads_the_review(tmp_path):
    with running_app(tmp_path / "no-warehouse.duckdb", ARTIFACTS / "extract-browser-test.log") as app, chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 2000}, locale="en-GB", accept_downloads=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
        page.goto(f"{app.url}/extract")
        settle(page)
        assert page.locator("h1").first.inner_text() == "Extract figures from a report"
        page.get_by_label("Report text").fill(TEXT)
        page.get_by_label("Place of the document (optional)", exact=True).and_(page.get_by_test_id("stTextInputField")).fill(
            "临朐县"
        )
        page.get_by_role("button", name="Propose figures").click()
        page.locator("mark.bm-quote").first.wait_for()
        settle(page)
        assert page.locator("mark.bm-quote").all_inner_texts() == [
            "临朐县重点项目已开复工88个",
            "开复工率达92.6%",
            "完成交地逾2100亩",
        ]
        assert page.locator("mark.bm-quote strong.bm-figure").all_inner_texts() == ["88个", "92.6%", "2100亩"]
        assert page.locator(".bm-doc script").count() == 0 and "<script>alert(1)</script>" in page.locator(".bm-doc").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "app-6-extract.png"))
        with page.expect_download() as download:
            page.get_by_role("button", name="Download the review CSV").click()
        downloaded = Path(download.value.path()).read_bytes()
        assert downloaded.startswith(b"\xef\xbb\xbfaccept,")  # a BOM: spreadsheets read it as UTF-8
        review = list(csv.DictReader(io.StringIO(downloaded.decode("utf-8-sig"))))
        assert [r["metric_id"] for r in review] == ["projects_started", "start_rate", "land_delivered_area"]
        assert list(review[0])[0] == "accept" and review[2]["qualifier"] == "at_least" and review[1]["value"] == "0.926"
        # Chinese: the same result, translated labels.
        page.get_by_text("简体中文").click()
        settle(page)
        page.get_by_role("button", name="提取数字").wait_for()
        assert page.locator("h1").first.inner_text() == "从报道中提取数字"
        assert page.get_by_text("共建议 3 个数字").count() == 1
        page.screenshot(path=str(ARTIFACTS / "app-6-extract-zh.png"))
        context.close()
        assert not errors, errors
