"""The input checks name the file, the line, the id and the reason of every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from inputs_helpers import BAD_INPUTS, OBSERVATIONS, edit_seed, set_field

from battlemap.build.inputs import check_inputs
from battlemap.shared.paths import corpus_file, project_dir


def test_the_real_inputs_have_no_problem():
    assert check_inputs(project_dir()) == []


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_each_bad_input_is_reported_precisely(case: str, project_copy: Path):
    breaks, expected = BAD_INPUTS[case]
    breaks(project_copy)
    messages = [str(problem) for problem in check_inputs(project_copy)]
    assert messages, f"{case}: no problem reported"
    assert any(all(part in message for part in expected(project_copy)) for message in messages), messages


def test_a_unit_of_the_wrong_kind_is_reported(project_copy: Path):
    edit_seed(project_copy, "observations", set_field("qz_03", "unit_as_written", "亩"))
    edit_seed(project_copy, "observations", set_field("qz_03", "quote", "总投资3552亿元"))
    messages = [str(p) for p in check_inputs(project_copy)]
    assert any("unit '亩' measures m2, but metric 'total_investment' is in CNY" in m for m in messages), messages


def test_a_figure_missing_from_its_quote_is_reported(project_copy: Path):
    edit_seed(project_copy, "observations", set_field("qz_03", "value_as_written", "3553"))
    messages = [str(p) for p in check_inputs(project_copy)]
    assert any("qz_03" in m and "the figure as written ('3553亿元') is not in its quote" in m for m in messages), messages


def test_an_article_without_a_documents_row_is_reported(project_copy: Path):
    (project_copy / "sources" / "articles" / "005_new.txt").write_text("新文件", encoding="utf-8")
    messages = [str(p) for p in check_inputs(project_copy)]
    assert "sources/articles/005_new.txt: no row in sources/curation/documents.csv records this file" in messages


def test_a_documents_row_without_its_file_is_reported(project_copy: Path):
    next((project_copy / "sources" / "articles").glob("002_*.txt")).unlink()
    messages = [str(p) for p in check_inputs(project_copy)]
    assert any(m.startswith("sources/curation/documents.csv line 4 (zhumadian_2017): file 002_") for m in messages), messages


# --- read as dbt reads: what dbt accepts, the input pass accepts too (issue 10, case 5) --------------


def test_a_byte_order_mark_on_a_seed_is_accepted_as_dbt_accepts_it(project_copy: Path):
    path = corpus_file("observations", project_copy)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check_inputs(project_copy) == []


def test_a_line_separator_inside_a_field_is_not_a_new_row(project_copy: Path):
    edit_seed(project_copy, "observations", set_field("qz_02", "note", "First batch\u2028(第一批) only."))
    assert check_inputs(project_copy) == []


def test_an_unterminated_quote_is_named_once_not_as_empty_fields_of_the_rows_it_swallowed(project_copy: Path):
    BAD_INPUTS["unterminated_quote"][0](project_copy)
    messages = [str(p) for p in check_inputs(project_copy)]
    assert not any("is empty" in m for m in messages), messages
    assert [m for m in messages if m.startswith(OBSERVATIONS)] == [
        m for m in messages if "is never closed" in m or "runs over lines" in m
    ]


def test_the_vocabularies_checked_are_those_dbt_tests(project_copy: Path):
    # A value outside its vocabulary's seed is refused, naming the seed (dbt's relationships test to seeds/qualifiers.csv)…
    edit_seed(project_copy, "observations", set_field("qz_03", "qualifier", "estimated"))
    assert [p.reason for p in check_inputs(project_copy)] == ["qualifier 'estimated' is not in seeds/qualifiers.csv"]
    # …and a new row of the seed (the vocabulary's one home) is accepted by the input pass with no other change.
    path = project_copy / "seeds" / "qualifiers.csv"
    path.write_text(path.read_text(encoding="utf-8") + "estimated,false,false,false,~,estimated,估计数,An estimate.\n", encoding="utf-8")
    assert check_inputs(project_copy) == []


# --- issue 20, case 9: a campaign's place is a prefecture, county or municipality unless the row says otherwise ---


def _cities_with_level(project: Path, leling_code: str, level: str) -> None:
    path = corpus_file("cities", project)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",level"
    lines[1:] = [line + (f",{level}" if line.startswith("leling,") else ",") for line in lines[1:]]
    path.write_text("\n".join(lines).replace("leling,371481,", f"leling,{leling_code},") + "\n", encoding="utf-8")


def test_a_province_wide_campaign_is_accepted_when_its_row_says_so(project_copy: Path):
    _cities_with_level(project_copy, "370000", "province")
    assert check_inputs(project_copy) == []


def test_a_level_that_does_not_match_the_gazetteer_is_reported(project_copy: Path):
    _cities_with_level(project_copy, "371481", "prefecture")
    messages = [str(p) for p in check_inputs(project_copy)]
    assert "seeds/cities.csv line 5 (leling): admin_code '371481' is 乐陵市, a county, but the row's level says 'prefecture'" in messages


def test_a_municipality_may_run_a_campaign(project_copy: Path):
    edit_seed(project_copy, "cities", set_field("leling", "admin_code", "110000", key="city_id"))
    assert not [str(p) for p in check_inputs(project_copy) if "seeds/cities.csv" in str(p)]
