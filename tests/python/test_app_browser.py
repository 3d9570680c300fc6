"""The explorer in a real browser: `battlemap app` on a free port, headless Chromium through Playwright.

Visits every page, checks the key content, saves screenshots under test-artifacts/, and rebuilds the
warehouse the app is serving (build_warehouse into the same path) to show that the open page keeps
answering and shows the new data on the next interaction. The app is always stopped.
"""

from __future__ import annotations

import csv
import io
import shutil
import threading
from pathlib import Path

import pytest
from app_support import ARTIFACTS, CITY_NAMES_EN

from battlemap.build.atomic_build import build_warehouse
from battlemap.testing.browser import CHROMIUM, charts_drawn, checked_page, chromium, running_app, runs_done, settle, wait_for_run_after, watch_runs

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt install chromium)"),
]

VIEWPORT = {"width": 1400, "height": 2400}
REBUILT_MARK = "[rebuilt while the app was serving]"


@pytest.fixture(scope="module")
def served_warehouse(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built warehouse that the module's app serves (and the rebuild test replaces)."""
    path = tmp_path_factory.mktemp("served") / "battlemap.duckdb"
    shutil.copy2(built_warehouse, path)
    return path


@pytest.fixture(scope="module")
def app(served_warehouse: Path):
    with running_app(served_warehouse, ARTIFACTS / "app-browser-test.log") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser):
    with checked_page(browser, VIEWPORT) as opened:
        yield opened


def visit(page, app, path: str) -> None:
    page.goto(f"{app.url}/{path}")
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator('[data-testid="stException"]').first.inner_text()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"app-{name}.png"))


def test_every_page_renders_its_key_content(app, page):
    visit(page, app, "")
    page.wait_for_selector('[data-testid="stDataFrame"] canvas')
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 0  # drawn when their section is opened
    page.get_by_text("The 9 charts, one per key figure").click()
    page.wait_for_function("() => location.search.includes('charts=1')")
    settle(page)
    charts_drawn(page, 9)
    assert page.locator("h1").first.inner_text() == "Compare the cities"
    chips = page.locator('[data-testid="stMultiSelect"]').first.inner_text()
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    for name in CITY_NAMES_EN:
        assert name in chips
        assert any(name in caption for caption in captions), name
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    assert "lang=en" in page.url and "cities=" in page.url
    shot(page, "1-compare")

    visit(page, app, "city?city=leling")
    charts_drawn(page, 3)  # the timeline and two sub-scope charts (projects, total investment)
    assert page.get_by_text("乐陵市 · Leling").count() == 1
    assert page.get_by_role("tab").first.inner_text() == "City (4)"
    shot(page, "2-city")

    visit(page, app, "evidence?obs=qz_03")
    quote = page.locator("mark.bm-quote").first
    quote.wait_for()
    assert quote.inner_text() == "总投资3552亿元"
    assert page.locator("mark.bm-quote strong.bm-figure").first.inner_text() == "3552亿元"
    checksum = page.get_by_text("008f1eebb0f7655494bf414ff7bed62abab310ce611034efe7ba064b83db4713")
    checksum.first.wait_for()  # the origin table is drawn after the quote; under load, a moment later
    assert checksum.count() == 1
    shot(page, "3-evidence")
    page.get_by_text("Original script").click()
    page.wait_for_function("() => document.querySelector('mark.bm-quote')?.innerText === '總投資3552億元'")
    assert "script=original" in page.url
    shot(page, "3-evidence-original")

    visit(page, app, "metrics")
    assert page.locator("h1").first.inner_text() == "Metric catalogue"
    catalogue = len((REPO / "seeds" / "metrics.csv").read_text(encoding="utf-8").strip().splitlines()) - 1
    assert page.get_by_text(f"{catalogue} of {catalogue} metrics").count() == 1  # every catalogue row
    shot(page, "4-metrics")

    visit(page, app, "quality")
    assert page.get_by_text("seeds, models and tests of the build passed").count() == 1
    assert page.get_by_text("No Great Expectations checks have run on this warehouse yet").count() == 1
    shot(page, "5-quality")


def test_language_switch_in_the_browser_keeps_the_selection(app, page):
    visit(page, app, "?cities=leling,zhumadian&basis=per_project&targets=0&charts=1")
    watch_runs(page)
    charts_drawn(page, 9)
    before = runs_done(page)
    page.get_by_text("简体中文").click()
    wait_for_run_after(page, before, until="document.querySelector('h1')?.innerText === '城市对比'")
    assert page.locator("h1").first.inner_text() == "城市对比"
    assert page.get_by_role("link", name="原文证据").count() == 1  # navigation translated too
    chips = page.locator('[data-testid="stMultiSelect"]').first.inner_text()
    assert "乐陵市" in chips and "驻马店市" in chips and "泉州市" not in chips
    assert "lang=zh" in page.url and "basis=per_project" in page.url and "targets=0" in page.url and "charts=1" in page.url
    charts_drawn(page, 9)
    shot(page, "6-compare-zh")
    # Back to English: the choices made in Chinese still hold (widget values travel as their labels).
    before = runs_done(page)
    page.get_by_text("English").click()
    wait_for_run_after(page, before, until="document.querySelector('h1')?.innerText === 'Compare the cities'")
    assert page.locator("h1").first.inner_text() == "Compare the cities"
    assert "cities=leling%2Czhumadian" in page.url and "basis=per_project" in page.url and "lang=en" in page.url


def rebuilt_project(project_copy: Path) -> Path:
    """The project with Quanzhou's comparability note changed, so the new build is recognisable."""
    seeds = project_copy / "seeds" / "campaigns.csv"
    rows = list(csv.DictReader(io.StringIO(seeds.read_text(encoding="utf-8"))))
    for row in rows:
        if row["city_id"] == "quanzhou":
            row["comparability_note"] = f"{row['comparability_note']} {REBUILT_MARK}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    seeds.write_text(out.getvalue(), encoding="utf-8")
    return project_copy


def test_rebuild_while_serving(app, page, served_warehouse: Path, project_copy: Path):
    visit(page, app, "city?city=quanzhou")
    watch_runs(page)
    assert page.get_by_text(REBUILT_MARK).count() == 0

    outcome: dict = {}

    def rebuild() -> None:
        try:
            outcome["result"] = build_warehouse(served_warehouse, project=rebuilt_project(project_copy), quiet=True)
        except Exception as error:  # reported below
            outcome["error"] = error

    builder = threading.Thread(target=rebuild)
    builder.start()
    # While dbt builds, the app keeps answering from the current file.
    before = runs_done(page)
    page.get_by_text("简体中文").click()
    wait_for_run_after(page, before, until="document.querySelector('h1')?.innerText === '城市行动详情'")
    assert page.locator("h1").first.inner_text() == "城市行动详情"
    assert page.locator('[data-testid="stException"]').count() == 0
    builder.join(timeout=180)
    assert not builder.is_alive(), "the rebuild did not finish"
    assert "error" not in outcome, outcome.get("error")

    # Next interaction: the swapped-in warehouse is read, without a reload and without an error.
    before = runs_done(page)
    page.get_by_text("English").click()
    wait_for_run_after(page, before, until="document.querySelector('h1')?.innerText === \"One city's campaign\"")
    assert page.get_by_text(REBUILT_MARK).count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text() == "One city's campaign"
    shot(page, "7-city-after-rebuild")
    assert app.process.poll() is None  # still serving
