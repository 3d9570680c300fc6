"""Issue 20, cases 3 and 4: text from the data is shown as text on every page, in both languages (no Markdown
link, image, emphasis or HTML made of it), and CSV downloads neutralise cells a spreadsheet would run as a
formula (OWASP: = + - @ tab CR)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polars as pl
import pytest
from app_support import APP_MAIN, edit_warehouse
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from battlemap.serve.explorer import data, figures
from battlemap.serve.explorer.downloads import to_csv
from battlemap.serve.explorer.plain import plain
from battlemap.shared.safe_csv import safe_frame

LINK = "[点我](https://evil.example/x) ![p](https://evil.example/pixel.png)"
HOSTILE = (
    LINK,
    "<https://evil.example/a> www.evil.example mail@evil.example",
    "**bold** _it_ ~~gone~~ `code` $x^2$ :red[red] :material/home: <b>html</b> &amp;",
    "line\n# heading\n- item\n1. item\n> quote\n---",
    "a | b | c\n--|--|--",
)
MARKDOWN_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")
PAGES = {
    "city": {"city": "fuzhou"},
    "evidence": {"obs": "fz_03"},
    "compare": {"cities": "fuzhou,leling"},
    "metrics": {},
    "quality": {},
}


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_renders_as_exactly_that_text(text: str):
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(plain(text))
    assert re.sub(r"</?p>", "", rendered).count("<") == 0, rendered  # no element made of the data
    assert html.unescape(re.sub(r"</?p>", "", rendered)).strip() == text.strip()


def test_plain_text_keeps_ordinary_text_as_it_is():
    assert plain("35.9% (亿元) · 泉州市 Quanzhou, 2023-03-31") == "35.9% (亿元) · 泉州市 Quanzhou, 2023-03-31"
    assert plain(None) == ""


@pytest.fixture()
def hostile_warehouse(monkeypatch, warehouse_copy: Path) -> Path:
    """The served warehouse with every text a page shows from it replaced by Markdown that would link out."""
    note = '=HYPERLINK("https://evil.example/n","click") ' + LINK
    edit_warehouse(
        warehouse_copy,
        f"update fct_observation set scope_name = '{LINK}', scope_name_en = '{LINK}', note = '{note}' where observation_id = 'fz_03'",
        f"update dim_metric set name_en = '{LINK}', name_zh = '{LINK}' where metric_id = 'project_count'",
        f"""update dim_campaign set name_zh = '{LINK}', name_en = '{LINK}', comparability_note = '{LINK}',
            as_of_basis = '{LINK}', period_as_written = '{LINK}' where city_id = 'fuzhou'""",
        f"update mart_city_comparison set caveat = '{LINK}' where city_id = 'fuzhou'",
        f"update dim_city set name_en = '{LINK}', name_zh_hans = '{LINK}', name_zh_hant = '{LINK}' where city_id = 'fuzhou'",
        f"update dim_document set publisher_as_written = '{LINK}', title_as_written = '{LINK}', known_defects = '{LINK}' "
        "where document_id = 'fuzhou_2017'",
        f"update main.build_info set summary = '{LINK}'",
    )
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(warehouse_copy))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    return warehouse_copy


def bodies(at: AppTest) -> list[str]:
    found = [str(element.value) for kind in MARKDOWN_ELEMENTS for element in at.get(kind)]
    for table in at.get("table"):  # st.table renders Markdown in its cells
        found += [str(cell) for cell in table.value.to_numpy().ravel()]
    return found


def unescaped_markup(body: str) -> list[str]:
    """Markdown in `body` that would render as a link, an image or an autolink."""
    rendered = MarkdownIt("commonmark").render(body)
    problems = re.findall(r"<(?:a|img)\b[^>]*>", rendered)
    problems += re.findall(r"(?<!\\)https?(?<!\\):(?<!\\)//", body)  # a GFM autolink literal
    problems += re.findall(r"(?<![\\\w])www\.", body)
    return problems


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_shows_data_as_text(hostile_warehouse: Path, page: str, lang: str):
    at = AppTest.from_file(str(APP_MAIN), default_timeout=60)
    at.query_params.update({"lang": lang})
    at.run()
    at.switch_page(f"views/{page}.py")
    at.query_params = {**at.query_params, "lang": lang, **PAGES[page]}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = bodies(at)
    offending = {body: unescaped_markup(body) for body in shown if unescaped_markup(body)}
    assert not offending, offending
    if page in ("city", "evidence"):
        assert any(plain(LINK) in body for body in shown), shown  # the text is there, as text


def test_csv_downloads_neutralise_formulas(hostile_warehouse: Path):
    import duckdb

    with duckdb.connect(str(hostile_warehouse), read_only=True) as connection:
        frame = connection.sql(data.OBSERVATIONS_SQL).pl()
    raw = figures.raw(frame)
    csv_text = to_csv(raw).decode("utf-8-sig")
    assert "'=HYPERLINK(" in csv_text
    assert not re.search(r'(^|,)"?=HYPERLINK', csv_text, flags=re.M)
    cells = pl.DataFrame({"t": ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\ry", "ok", "a=b", None], "n": [-1, 2, 3, 4, 5, 6, 7, 8, 9]})
    assert safe_frame(cells)["t"].to_list() == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\ry", "ok", "a=b", None]
    assert safe_frame(cells)["n"].to_list() == cells["n"].to_list()  # numbers stay numbers
