"""Every page in both languages, through AppTest: no `None`, `nan` or raw vocabulary id in its words or in any
cell of its tables (a browser draws table cells on a canvas, so test_app_words_browser.py cannot read them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from page_words import ID_COLUMNS, bad_cell, bad_words, english_prose
from test_app_pages import open_app, texts

# Columns that show the other language on purpose: the metric catalogue's other name.
BILINGUAL_COLUMNS = {"英文名称"}
BILINGUAL_FIELDS = {"英文标题", "Title in English"}
WAREHOUSE_ENV = "BATTLEMAP_WORDS_WAREHOUSE"  # a warehouse to walk instead of the session's build (for a quick look)
# (page, its URL parameters): every page, every city, an observation of each kind.
PAGES = [
    ("views/compare.py", {}),
    ("views/compare.py", {"charts": "1", "caveats": "1"}),  # the charts and each city's caveat, drawn when opened
    ("views/map.py", {}),
    ("views/city.py", {"city": "quanzhou"}),
    ("views/city.py", {"city": "fuzhou"}),
    ("views/city.py", {"city": "zhumadian"}),
    ("views/city.py", {"city": "leling"}),
    ("views/city.py", {"city": "qingtian"}),
    ("views/evidence.py", {}),
    ("views/evidence.py", {"obs": "fz_03"}),
    ("views/metrics.py", {}),
    ("views/quality.py", {}),
    ("views/releases.py", {}),
    ("views/extract.py", {}),
    ("views/review.py", {}),
]


@pytest.fixture(autouse=True)
def strict_texts(monkeypatch):
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")


@pytest.fixture()
def served(monkeypatch, request) -> Path:
    path = os.environ.get(WAREHOUSE_ENV)
    warehouse = Path(path) if path else request.getfixturevalue("built_warehouse")
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(warehouse))
    return warehouse


def findings(at, lang: str, prose: bool = False) -> list[str]:
    """What must not be shown: None, nan, raw ids; with `prose`, English prose on a Chinese page."""
    found = []
    reason = bad_words(texts(at))
    if reason:
        found.append(reason)
    if prose:
        found += [f"English on the Chinese page: {english!r}" for english in [english_prose(texts(at))] if english]
    # st.table (the Evidence page's origin): every value but the English title, which is one on purpose.
    for table in at.table:
        for field, value in zip(table.value.iloc[:, 0].tolist(), table.value.iloc[:, -1].tolist()):
            if field in BILINGUAL_FIELDS:
                continue
            reason = bad_cell(value, lang) or (
                f"English on the Chinese page: {english_prose(str(value))!r}" if prose and english_prose(str(value)) else None
            )
            if reason:
                found.append(f"table row {field!r}: {reason}")
    for table in at.dataframe:
        frame = table.value
        for column in frame.columns:
            if column in ID_COLUMNS:
                continue
            for value in frame[column].tolist():
                reason = bad_cell(value, lang) or (
                    f"English on the Chinese page: {english_prose(str(value))!r}"
                    if prose and column not in BILINGUAL_COLUMNS and english_prose(str(value))
                    else None
                )
                if reason:
                    found.append(f"table column {column!r}: {reason}")
                    break
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("page", "query"), PAGES, ids=[f"{p.split('/')[1][:-3]}-{'-'.join(q.values()) or 'default'}" for p, q in PAGES])
def test_no_none_nan_or_raw_id_on_any_page(served, page, query, lang):
    at = open_app({"lang": lang}, page=page, page_query=query)
    found = findings(at, lang)
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("page", "query"), PAGES, ids=[f"{p.split('/')[1][:-3]}-{'-'.join(q.values()) or 'default'}" for p, q in PAGES])
def test_chinese_pages_have_no_english_prose(served, page, query):
    """Notes, caveats, as-of bases, definitions and units come in Chinese on the Chinese pages."""
    at = open_app({"lang": "zh"}, page=page, page_query=query)
    found = findings(at, "zh", prose=True)
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", {"原文所写日期": "近日;数字为 2022 年 1—5月", "字体": "繁体字", "文件类型": "新闻报道", "已知缺陷": "大多数汉字后夹有拼音"}),
        ("en", {"Date as written": "近日 (recently)", "Script": "traditional characters", "Document type": "news report",
                "Known defects": "Inline pinyin after most characters"}),
    ],
)
def test_the_documents_origin_in_the_pages_language(served, lang, expected):
    """The Evidence page's origin rows: the curator's notes and the vocabularies' labels in the page's language."""
    at = open_app({"lang": lang}, page="views/evidence.py", page_query={"obs": "qz_03"})
    (table,) = [element.value for element in at.table]
    rows = dict(zip(table.iloc[:, 0].tolist(), table.iloc[:, 1].tolist()))
    for field, start in expected.items():
        assert rows[field].replace("\\", "").startswith(start), (field, rows[field])


@pytest.mark.parametrize(("lang", "words"), [("en", "A part larger than the whole"), ("zh", "部分大于整体")])
def test_a_share_above_the_city_total_is_explained(served, lang, words):
    """Leling's bond programme is 126 % of its key-project total: the City page says why, with the curator's note."""
    at = open_app({"lang": lang}, page="views/city.py", page_query={"city": "leling"})
    notes = [c.value for c in at.caption if words in c.value]
    assert notes and all("%" in note for note in notes)
    assert any(("403.79" in note) for note in notes)  # the curator's note on the bond programme, in the page's language


@pytest.mark.parametrize(
    ("lang", "kinds", "statuses"),
    [("zh", {"模型", "数据测试"}, {"通过", "成功"}), ("en", {"model", "data test"}, {"pass", "success"})],
)
def test_the_builds_kinds_and_statuses_in_the_pages_language(served, lang, kinds, statuses):
    """Data quality's build results: dbt's node kinds and statuses as seeds/vocabulary_labels.csv labels them."""
    at = open_app({"lang": lang}, page="views/quality.py")
    (results,) = [d.value for d in at.dataframe if "unique_id" in d.value.columns]
    assert kinds <= set(results["resource_type"]), set(results["resource_type"])
    assert statuses & set(results["status"]), set(results["status"])
