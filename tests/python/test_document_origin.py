"""Where each document was retrieved — address (URL), retrieval date, licence or terms — from
sources/curation/documents.csv through staging to dim_document and the Evidence page; NULL where unknown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from app_support import APP_MAIN, edit_warehouse
from inputs_helpers import DOCUMENTS, edit_seed, set_field
from streamlit.testing.v1 import AppTest

from battlemap.build.inputs import check_inputs
from battlemap.serve.explorer.plain import plain
from battlemap.shared.seed_schema import seed_schemas
from battlemap.shared.warehouse import reading

ORIGIN = ("url", "retrieval_date", "licence_terms")


def test_the_origin_columns_are_part_of_the_documents_schema():
    columns = seed_schemas()["documents"].columns
    assert {name: columns[name].type for name in ORIGIN} == {"url": "varchar", "retrieval_date": "date", "licence_terms": "varchar"}


def test_unknown_origins_are_null_never_invented(built_warehouse: Path):
    with reading(built_warehouse) as connection:
        rows = connection.sql("select document_id, url, retrieval_date, licence_terms from dim_document order by 1").fetchall()
    assert len(rows) == 5
    assert all(row[1:] == (None, None, None) for row in rows), rows


def test_a_retrieval_date_not_written_yyyy_mm_dd_is_named(project_copy: Path):
    edit_seed(project_copy, "documents", set_field("leling_2023", "retrieval_date", "13/04/2023", key="document_id"))
    problems = [str(problem) for problem in check_inputs(project_copy)]
    assert any(DOCUMENTS in p and "leling_2023" in p and "retrieval_date" in p and "13/04/2023" in p for p in problems), problems


@pytest.mark.parametrize("lang, url_label, licence_label, not_recorded", [
    ("en", "Address (URL)", "Licence or terms of use", "not recorded"),
    ("zh", "网址", "许可或使用条款", "未记录"),
])  # fmt: skip
def test_the_evidence_page_shows_where_the_document_was_retrieved(
    monkeypatch, warehouse_copy: Path, lang, url_label, licence_label, not_recorded
):
    edit_warehouse(
        warehouse_copy,
        "update dim_document set url = 'https://example.org/news/1.html', retrieval_date = date '2024-02-01', "
        "licence_terms = 'All rights reserved (the outlet''s notice)' where document_id = 'quanzhou_2022'",
    )
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(warehouse_copy))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/evidence.py")
    at.query_params = {**at.query_params, "obs": "qz_03"}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (origin,) = [table.value for table in at.table]
    fields = dict(zip(origin.iloc[:, 0], origin.iloc[:, 1]))
    # Table cells hold Markdown, escaped so that data stays text (explorer.plain): it renders as the address.
    assert fields[url_label] == plain("https://example.org/news/1.html") == "https\\://example.org/news/1.html"
    assert fields[licence_label] == "All rights reserved (the outlet's notice)"
    assert date.fromisoformat([v for k, v in fields.items() if v.startswith("2024-")][0]) == date(2024, 2, 1)
    # Another document: nothing recorded, and the page says so rather than leaving a blank.
    at.query_params = {**at.query_params, "obs": "ll_01"}
    at.session_state["evidence_obs"] = "ll_01"
    at.run()
    (origin,) = [table.value for table in at.table]
    fields = dict(zip(origin.iloc[:, 0], origin.iloc[:, 1]))
    assert fields[url_label] == not_recorded and fields[licence_label] == not_recorded
