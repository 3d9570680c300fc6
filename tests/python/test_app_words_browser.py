"""Every page in both languages in Chromium: the text a person reads holds no `None`, `nan` or raw vocabulary id,
including on a warehouse with a campaign added without an English name (the seam a new user met). Table cells are
drawn on a canvas and are checked by test_app_words.py."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from app_support import ARTIFACTS
from page_words import bad_words
from test_app_words import PAGES

from battlemap.build.atomic_build import build_warehouse
from battlemap.review.accept import accept
from battlemap.review.add_document import NewCampaign, add_document
from battlemap.review.review_file import REVIEW_COLUMNS
from battlemap.shared.paths import copy_build_inputs
from battlemap.testing.browser import CHROMIUM, charts_drawn, checked_page, chromium, running_app, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt install chromium)"),
]
LELING_2024 = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "leling_2024_h1.txt"


@pytest.fixture(scope="module")
def warehouse_with_a_new_campaign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project plus a later Leling report of a new campaign added without an English name, four rows accepted."""
    project = copy_build_inputs(tmp_path_factory.mktemp("words") / "project")
    campaign = NewCampaign("乐陵市2024年重点项目建设", 2024, "2024-06-30", "截至6月底")
    added = add_document(project, LELING_2024, "乐陵市", "leling_2024_key_projects", campaign)
    with added.review.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=1):
        row["accept"] = "y" if number <= 4 else ""
    with added.review.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    accept(project, added.review)
    warehouse = project / "warehouse" / "battlemap.duckdb"
    build_warehouse(warehouse, project=project, quiet=True)
    return warehouse


@pytest.fixture(scope="module")
def app(warehouse_with_a_new_campaign: Path):
    with running_app(warehouse_with_a_new_campaign, ARTIFACTS / "app-words-browser.log") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def visible_text(page) -> str:
    """The main area's and the sidebar's text as the reader sees it (not the page's code blocks: paths and commands)."""
    return page.evaluate(
        """() => {
             const parts = [];
             for (const root of document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]')) {
               const copy = root.cloneNode(true);
               copy.querySelectorAll('code, pre').forEach(node => node.remove());
               parts.push(copy.innerText);
             }
             return parts.join('\\n');
           }"""
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_none_nan_or_raw_id_in_any_page_text(app, browser, lang):
    walked = [*PAGES, ("views/city.py", {"city": "leling"})]
    found = []
    with checked_page(browser, {"width": 1400, "height": 2000}) as page:
        for file, query in walked:
            path = file.split("/")[1][:-3]
            address = f"{app.url}/{'' if path == 'compare' else path}?lang={lang}" + "".join(f"&{k}={v}" for k, v in query.items())
            page.goto(address)
            settle(page)
            page.wait_for_timeout(300)  # charts and tables filled in after the run
            assert page.locator('[data-testid="stException"]').count() == 0, address
            reason = bad_words(visible_text(page))
            if reason:
                found.append(f"{address}: {reason}")
    assert not found, "\n".join(found)


def test_a_click_on_a_bar_opens_its_sentence(app, browser):
    """Compare: a click on Quanzhou's total-investment bar opens the Evidence page at the sentence it comes from."""
    with checked_page(browser, {"width": 1400, "height": 2000}) as page:
        page.goto(f"{app.url}/?lang=en&cities=quanzhou&charts=1")
        settle(page)
        charts_drawn(page, 9)
        # The charts stand in two columns: the second chart (total investment) is the first of the right one.
        right = page.locator('[data-testid="stColumn"]').filter(has=page.locator('[data-testid="stVegaLiteChart"]')).nth(1)
        chart = right.locator('[data-testid="stVegaLiteChart"]').first
        chart.scroll_into_view_if_needed()
        chart.locator("g.mark-rect path").first.click()
        page.wait_for_function("() => location.pathname.endsWith('/evidence')", timeout=20_000)
        settle(page)
        assert "obs=qz_03" in page.url
        page.locator("mark.bm-quote").first.wait_for()
        assert page.locator("mark.bm-quote").first.inner_text() == "总投资3552亿元"


def test_the_upload_widget_speaks_chinese_on_the_chinese_page(app, browser):
    """Streamlit writes the uploader's button and limit in English; on the Chinese page the reader sees Chinese."""
    with checked_page(browser, {"width": 1400, "height": 1400}) as page:
        page.goto(f"{app.url}/extract?lang=zh")
        settle(page)
        # The style is an element of the page like any other: drawn with it, a moment after the run ends.
        page.wait_for_function(
            """() => {
                 const p = document.querySelector('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p');
                 return p && getComputedStyle(p).fontSize === '0px';
               }""",
            timeout=20_000,
        )
        words = page.evaluate(
            """() => {
                 const shown = (selector) => {
                   const element = document.querySelector(selector);
                   return [getComputedStyle(element).fontSize, getComputedStyle(element, '::after').content];
                 };
                 return {
                   button: shown('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'),
                   limit: shown('[data-testid="stFileUploaderDropzoneInstructions"] span'),
                 };
               }"""
        )
        assert words["button"] == ["0px", '"上传"']
        assert words["limit"] == ["0px", '"每个文件不超过 200MB • TXT"']
        page.goto(f"{app.url}/extract?lang=en")
        settle(page)
        assert page.locator('[data-testid="stFileUploaderDropzone"] button').inner_text().strip().endswith("Upload")


def test_a_key_figure_cell_opens_its_sentence(app, browser):
    """Compare: selecting Quanzhou's project count in the table opens its sentence; a cell that is no figure (the
    city's name) opens nothing."""
    with checked_page(browser, {"width": 1400, "height": 2000}) as page:
        page.goto(f"{app.url}/?lang=en&cities=quanzhou")
        settle(page)
        page.wait_for_selector('[data-testid="stDataFrame"] canvas')
        table = page.locator('[data-testid="stDataFrame"]').first
        box = table.bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # the first row's City cell (the header is 35 px)
        page.wait_for_timeout(1500)
        settle(page)
        assert "/evidence" not in page.url
        for _ in range(4):  # City → Plan year → As of → Figures are → Projects
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(300)
        page.wait_for_function("() => location.pathname.endsWith('/evidence')", timeout=20_000)
        settle(page)
        assert "obs=qz_02" in page.url
        page.locator("mark.bm-quote").first.wait_for()
        assert "741" in page.locator("mark.bm-quote").first.inner_text()
