"""Data Docs work offline: `battlemap check` serves GX's CDN assets from vendored copies.

One check on a copy of the built warehouse, then (1) no generated page loads a script, stylesheet or
image over http(s) and every rewritten local path exists, and (2) headless Chromium opens
`file://…/data_docs/index.html` with every network request refused and sees the validation-results
table (filled in by bootstrap-table) list the suites. Plus the fallback: without the vendored assets
the pages keep their CDN links and the caller gets a one-line note.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from app_support import ARTIFACTS

from battlemap.check import run_check
from battlemap.check.mart_queries import MARTS
from battlemap.check.offline_docs import localise_data_docs, rewrite_html, vendor_modules_dir
from battlemap.testing.browser import CHROMIUM, chromium

# Loads that happen when the page opens: scripts, stylesheets, icons, images. (`<a href>` is a link, not a load.)
_LOADS = re.compile(r"""<(script|link|img)\b[^>]*?\s(src|href)\s*=\s*(["'])([^"']*)\3""", re.IGNORECASE | re.DOTALL)
_CSS_URLS = re.compile(r"""url\((["']?)([^"')]+)\1\)""")


def _vendored_or_skip() -> None:
    if not (vendor_modules_dir() / "jquery").is_dir() and shutil.which("npm") is None:
        pytest.skip("no npm on this machine and the Data Docs assets are not vendored (expectations/vendor)")


@pytest.fixture(scope="module")
def docs(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data_docs folder of one check on a private copy of the built warehouse."""
    _vendored_or_skip()
    folder = tmp_path_factory.mktemp("docs-offline")
    warehouse = folder / "battlemap.duckdb"
    shutil.copy2(built_warehouse, warehouse)
    assert run_check(warehouse=warehouse) == 0
    return folder / "quality" / "data_docs"


def test_pages_load_nothing_from_the_internet(docs: Path) -> None:
    pages = sorted(docs.rglob("*.html"))
    kinds = {page.relative_to(docs).parts[0] for page in pages}
    assert {"index.html", "validations", "expectations"} <= kinds
    assert len(pages) == 1 + 2 * len(MARTS)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        loads = [match.group(4) for match in _LOADS.finditer(text)]
        loads += [match.group(2) for match in _CSS_URLS.finditer(text) if not match.group(2).startswith("data:")]
        remote = [url for url in loads if url.startswith(("http://", "https://", "//"))]
        assert not remote, f"{page.relative_to(docs)} still loads {remote}"
        local = [url for url in loads if "static/vendor/" in url]
        assert len(local) >= 17, f"{page.relative_to(docs)}: only {len(local)} vendored loads"
        for url in local:
            target = (page.parent / unquote(urlsplit(url).path)).resolve()
            assert target.is_file(), f"{page.relative_to(docs)} points at {url}, which does not exist"
            assert docs.resolve() in target.parents
        assert not re.search(r"\s(integrity|crossorigin)\s*=", text)


def test_font_awesome_webfonts_sit_beside_its_css(docs: Path) -> None:
    css = docs / "static" / "vendor" / "fontawesome-free" / "css" / "all.min.css"
    fonts = {unquote(url.split("?")[0].split("#")[0]) for _, url in _CSS_URLS.findall(css.read_text(encoding="utf-8"))}
    assert fonts, "Font Awesome's CSS names no webfonts"
    for font in fonts:
        assert (css.parent / font).resolve().is_file(), font


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt install chromium)")
def test_index_lists_the_suites_in_a_browser_without_network(docs: Path) -> None:
    refused: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="en-GB")
        # Anything not on disk is refused (and remembered), so the page cannot quietly use a CDN.
        context.route(re.compile(r"^(?!file:)"), lambda route: (refused.append(route.request.url), route.abort()))
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto((docs / "index.html").as_uri(), wait_until="load")
        table = page.locator(".ge-index-page-validation-results-table tbody")
        table.locator("tr", has_text="fct_observation").first.wait_for(timeout=10_000)
        # Every run of the table, not only its first page (bootstrap-table pages by 10 rows; there are more suites).
        rows = page.evaluate(
            "() => JSON.stringify(jQuery('.ge-index-page-validation-results-table').bootstrapTable('getData'))"
        )
        styled = page.evaluate(
            "() => ({jquery: typeof window.jQuery, table: typeof (window.jQuery && jQuery.fn.bootstrapTable),"
            " vega: typeof window.vegaEmbed,"
            " font: getComputedStyle(document.body).fontFamily})"
        )
        page.screenshot(path=str(ARTIFACTS / "quality-data-docs-offline.png"), full_page=True)
        context.close()
    for mart in MARTS:
        assert mart in rows, f"{mart} missing from the validation-results table"
    assert styled["jquery"] == "function" and styled["table"] == "function" and styled["vega"] == "function", styled
    assert "-apple-system" in styled["font"] or "Roboto" in styled["font"], styled  # Bootstrap 4's font stack
    assert not refused, f"the page asked the network for {refused}"
    assert not failed, f"requests failed: {failed}"
    assert not errors, f"JavaScript errors in the page: {errors}"


def test_rewrite_is_relative_to_the_page_and_leaves_links_alone() -> None:
    page = (
        '<script src="https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js" '
        'integrity="sha384-x" crossorigin="anonymous"></script>\n'
        '<img\n  class="NO-CACHE"\n  src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png?d=1"/>\n'
        "<style>a { background: url('https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/full_logo_dark.png') }</style>\n"
        '<a href="https://greatexpectations.io">GX</a><script src="https://example.org/unknown.js"></script>'
    )
    out = rewrite_html(page, "../../static/vendor")
    assert '<script src="../../static/vendor/bootstrap/js/bootstrap.min.js"></script>' in out
    assert 'src="../../static/vendor/great_expectations/logo-long.png"/>' in out
    assert "url('../../static/vendor/great_expectations/logo-long.png')" in out
    assert '<a href="https://greatexpectations.io">' in out and 'src="https://example.org/unknown.js"' in out


def test_without_vendored_assets_the_cdn_links_stay_with_a_note(tmp_path: Path) -> None:
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    text = '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'
    page.write_text(text, encoding="utf-8")
    note = localise_data_docs(page.parent, modules=tmp_path / "no_node_modules")
    assert note and "\n" not in note and "npm ci" in note
    assert page.read_text(encoding="utf-8") == text
    assert not (page.parent / "static").exists()
