"""Bad data injected into a copy of the warehouse: the right expectation fails and `battlemap check` exits 1.

Each case changes a private copy read-write with DuckDB, closes it, runs the check, and asserts which
expectation (suite + rule) failed and that the failure names the damaged row. The clean warehouse passes
every one of these rules (test_quality_check.py), so each assertion here can fail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from battlemap.check import run_check


@dataclass(frozen=True)
class Damage:
    sql: tuple[str, ...]
    suite: str
    rule: str
    expectation: str
    observed: str  # text the failure's observed_value must contain (the damaged row or value)


CASES = {
    "duplicate_key": Damage(
        ("insert into main.fct_observation select * from main.fct_observation where observation_id = 'qz_03'",),
        "fct_observation",
        "observation_id_unique",
        "expect_column_values_to_be_unique",
        "observation_id=qz_03",
    ),
    "negative_value": Damage(
        ("update main.fct_observation set value = -5, value_lower = -5, value_upper = -5 where observation_id = 'zm_02'",),
        "fct_observation",
        "value_non_negative",
        "expect_column_values_to_be_between",
        "observation_id=zm_02 value=-5.0",
    ),
    "campaign_ratio_out_of_bounds": Damage(
        (
            "update main.fct_campaign_progress set investment_completion_rate = 3.5 "
            "where campaign_id = 'quanzhou_2022_chengjian'",
        ),
        "fct_campaign_progress",
        "investment_completion_rate_within_bounds",
        "expect_column_values_to_be_between",
        "progress_id=quanzhou_2022_chengjian:2022-05-31 investment_completion_rate=3.5",
    ),
    "share_above_its_metric_bound": Damage(
        ("update main.fct_observation set value = 1.5, value_lower = 1.5, value_upper = 1.5 where observation_id = 'll_07'",),
        "fct_observation",
        "value_within_metric_bound",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "observation_id=ll_07 metric_upper_bound=1.0 value=1.5",
    ),
    "completed_above_total": Damage(
        (
            "update main.fct_campaign_progress set completed_investment = total_investment * 2 "
            "where campaign_id = 'zhumadian_2017_baicheng'",
        ),
        "fct_campaign_progress",
        "completed_investment_le_total_investment",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "progress_id=zhumadian_2017_baicheng:2017-05-15",
    ),
    "annual_plan_above_total": Damage(
        (
            "update main.fct_campaign_progress set annual_planned_investment = total_investment + 1 "
            "where campaign_id = 'leling_2023_key_projects'",
        ),
        "fct_campaign_progress",
        "annual_planned_investment_le_total_investment",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "progress_id=leling_2023_key_projects:2023-03-31",
    ),
    "orphan_document": Damage(
        ("update main.fct_observation set document_id = 'ghost_2099' where observation_id = 'fz_04'",),
        "fct_observation",
        "document_id_in_catalogue",
        "expect_column_values_to_be_in_set",
        "observation_id=fz_04 document_id=ghost_2099",
    ),
    "uncited_document": Damage(
        (
            "insert into main.dim_document select * replace ('orphan_2024' as document_id, 'orphan.txt' as file_name, "
            "repeat('0', 64) as sha256) from main.dim_document where document_id = 'leling_2023'",
        ),
        "dim_document",
        "document_is_cited",
        "expect_column_values_to_be_between",
        "document_id=orphan_2024 observation_count=0",
    ),
    "unit_not_in_catalogue": Damage(
        ("update main.fct_observation set unit_as_written = '公斤' where observation_id = 'qt_02'",),
        "fct_observation",
        "unit_as_written_in_catalogue",
        "expect_column_values_to_be_in_set",
        "observation_id=qt_02 unit_as_written=公斤",
    ),
    "as_of_date_outside_plan_year": Damage(
        ("update main.fct_observation set as_of_date = date '2021-12-31' where observation_id = 'qz_05'",),
        "fct_observation",
        "as_of_date_in_plan_year",
        "expect_column_pair_values_to_be_equal",
        "observation_id=qz_05 as_of_year=2021 campaign_plan_year=2022",
    ),
    # What a unit multiplier of 0 in seeds/units.csv does to the marts (issue 10, case 2).
    "zero_unit_multiplier": Damage(
        (
            "update main.fct_observation set value = 0, value_lower = 0, value_upper = 0 "
            "where unit_as_written = '亿元'",
        ),
        "fct_observation",
        "value_positive_when_written_positive",
        "expect_column_values_to_be_between",
        "13 of 72 rows unexpected: observation_id=ll_02 value=0.0",
    ),
    "city_without_figures": Damage(
        ("delete from main.fct_observation where city_id = 'fuzhou'",),
        "dim_city",
        "city_has_figures",
        "expect_column_values_to_be_between",
        "city_id=fuzhou figure_count=0",
    ),
}


def _damage(warehouse: Path, statements: tuple[str, ...]) -> None:
    connection = duckdb.connect(str(warehouse))
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_data_fails_the_right_expectation(case: str, warehouse_copy: Path, tmp_path: Path, capsys) -> None:
    damage = CASES[case]
    _damage(warehouse_copy, damage.sql)
    output = tmp_path / "quality"

    code = run_check(warehouse=warehouse_copy, output_dir=output)

    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "expectation(s) failed" in captured.err and damage.suite in captured.err
    latest = json.loads((output / "latest.json").read_text(encoding="utf-8"))
    assert latest["success"] is False
    suite = next(suite for suite in latest["suites"] if suite["suite"] == damage.suite)
    assert suite["success"] is False and suite["failed"] == len(suite["failures"]) >= 1
    failures = {failure["rule"]: failure for failure in suite["failures"]}
    assert damage.rule in failures, f"expected {damage.rule} to fail; failed: {sorted(failures)}"
    failure = failures[damage.rule]
    assert failure["expectation"] == damage.expectation
    assert failure["exception"] is None  # bad data, not a broken check
    assert damage.observed in failure["observed_value"]
    assert damage.rule in captured.out  # the summary names the failing expectation
