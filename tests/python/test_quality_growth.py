"""Checks that grow with the corpus: volume against the inputs and the last good run, schema against the
dbt contracts, freshness of the build. Each case damages a private copy of the built warehouse and asserts
which rule fails; the clean copy passes them all (test_quality_check.py), so every assertion can fail."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from battlemap.check import frames as quality_frames
from battlemap.check import run_check
from battlemap.check.contracts import mart_contracts
from battlemap.check.volume import ThresholdError, Thresholds, last_good_run, minimum_rows


def _execute(warehouse: Path, *statements: str) -> None:
    connection = duckdb.connect(str(warehouse))
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def _failures(output: Path) -> dict[str, dict[str, dict]]:
    latest = json.loads((output / "latest.json").read_text(encoding="utf-8"))
    return {suite["suite"]: {failure["rule"]: failure for failure in suite["failures"]} for suite in latest["suites"]}


def test_a_drop_since_the_last_good_run_fails_and_growth_does_not(warehouse_copy: Path, tmp_path: Path, capsys) -> None:
    output = tmp_path / "quality"
    assert run_check(warehouse=warehouse_copy, output_dir=output) == 0
    # fct_garbled_span has no count implied by the inputs: only the history guards its volume.
    _execute(
        warehouse_copy,
        "delete from main.fct_garbled_span where garbled_span_id in "
        "(select garbled_span_id from main.fct_garbled_span order by garbled_span_id limit 6)",
    )

    assert run_check(warehouse=warehouse_copy, output_dir=output) == 1
    failure = _failures(output)["fct_garbled_span"]["no_drop_since_last_good_run"]
    assert failure["exception"] is None
    assert failure["observed"] == 15  # 21 rows at the last good run, 20 % may go: at least 17
    assert failure["expected"]["min_value"] == 17
    assert "last good run" in capsys.readouterr().out

    # The failed run is not a baseline: the last good run is still the first one; a larger allowance passes.
    assert run_check(warehouse=warehouse_copy, output_dir=output, max_row_drop=0.5) == 0
    history = pd.read_parquet(output / "history.parquet")
    assert history.groupby("run_id")["success"].all().tolist().count(False) == 1
    assert (history.loc[history["suite"] == "fct_garbled_span", "rows"].dropna().astype(int).tolist()[-1]) == 15


def test_a_mart_with_fewer_rows_than_its_inputs_imply_fails(warehouse_copy: Path, tmp_path: Path) -> None:
    _execute(
        warehouse_copy,
        "delete from main.fct_project_progress where scope_id = (select min(scope_id) from main.fct_project_progress)",
    )
    assert run_check(warehouse=warehouse_copy, output_dir=tmp_path / "quality") == 1
    failure = _failures(tmp_path / "quality")["fct_project_progress"]["rows_match_inputs"]
    assert failure["observed"] == 29 and failure["expected"]["value"] == 30


def test_a_column_the_contract_does_not_declare_fails(warehouse_copy: Path, tmp_path: Path) -> None:
    _execute(warehouse_copy, "alter table main.fct_observation add column reviewer varchar")
    assert run_check(warehouse=warehouse_copy, output_dir=tmp_path / "quality") == 1
    failures = _failures(tmp_path / "quality")
    assert "column_id=fct_observation.reviewer" in failures["mart_schema"]["in_contract_true"]["observed_value"]
    assert "unexpected: reviewer" in failures["fct_observation"]["columns_match_contract"]["observed_value"]


def test_a_column_of_another_type_than_its_contract_fails(warehouse_copy: Path, tmp_path: Path) -> None:
    _execute(warehouse_copy, "alter table main.dim_document alter raw_char_count type bigint")
    assert run_check(warehouse=warehouse_copy, output_dir=tmp_path / "quality") == 1
    failure = _failures(tmp_path / "quality")["mart_schema"]["type_matches_contract"]
    assert "column_id=dim_document.raw_char_count" in failure["observed_value"]
    assert "BIGINT" in failure["observed_value"] and "INTEGER" in failure["observed_value"]


def test_a_stale_build_fails_freshness_unless_allowed(warehouse_copy: Path, tmp_path: Path) -> None:
    _execute(warehouse_copy, "update main.build_info set built_at = now() - interval 48 hours")
    assert run_check(warehouse=warehouse_copy, output_dir=tmp_path / "a") == 1
    failure = _failures(tmp_path / "a")["build_info"]["build_is_fresh"]
    assert failure["unexpected_count"] == 1 and "age_hours=48" in failure["observed_value"]
    assert run_check(warehouse=warehouse_copy, output_dir=tmp_path / "b", max_build_age_hours=72) == 0


def test_a_warehouse_without_a_build_record_fails_not_crashes(warehouse_copy: Path, tmp_path: Path) -> None:
    _execute(warehouse_copy, "drop table main.build_info")
    assert run_check(warehouse=warehouse_copy, output_dir=tmp_path / "quality") == 1
    assert "one_build_record" in _failures(tmp_path / "quality")["build_info"]


def test_an_unusable_threshold_exits_2_with_a_message(built_warehouse: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    assert run_check(warehouse=built_warehouse, output_dir=tmp_path / "a", max_row_drop=1.5) == 2
    assert "between 0 and 1, not 1.5" in capsys.readouterr().err
    monkeypatch.setenv("BATTLEMAP_MAX_BUILD_AGE_HOURS", "a day")
    assert run_check(warehouse=built_warehouse, output_dir=tmp_path / "b") == 2
    assert "BATTLEMAP_MAX_BUILD_AGE_HOURS='a day' is not a number" in capsys.readouterr().err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_schema_change_in_the_contract_passes_and_is_reported(
    warehouse_copy: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    output = tmp_path / "quality"
    assert run_check(warehouse=warehouse_copy, output_dir=output) == 0
    # A release that adds a column to a mart: the contract and the rebuilt warehouse both have it.
    contracts = mart_contracts()
    contracts["fct_garbled_span"] = {**contracts["fct_garbled_span"], "reviewer": "VARCHAR"}
    monkeypatch.setattr(quality_frames, "mart_contracts", lambda project=None: contracts)
    _execute(warehouse_copy, "alter table main.fct_garbled_span add column reviewer varchar")
    capsys.readouterr()

    assert run_check(warehouse=warehouse_copy, output_dir=output) == 0
    assert "Schema changed since the last good run: fct_garbled_span: +reviewer VARCHAR" in capsys.readouterr().out
    latest = json.loads((output / "latest.json").read_text(encoding="utf-8"))
    assert latest["schema_changes_since_last_good_run"] == ["fct_garbled_span: +reviewer VARCHAR"]


def test_volume_thresholds() -> None:
    assert minimum_rows(None, 0.2) == 0
    assert minimum_rows(21, 0.2) == 17  # 16.8 rows: 17 is the fewest that is not a drop of more than 20 %
    assert minimum_rows(100, 0.2) == 80
    assert minimum_rows(72_000, 0.0) == 72_000
    with pytest.raises(ThresholdError):
        Thresholds.resolve(max_row_drop=-0.1)
    with pytest.raises(ThresholdError):
        Thresholds.resolve(max_build_age_hours=0)
    runs = pd.DataFrame(
        {
            "run_id": ["a", "a", "b", "b", "c"],
            "run_time": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-01-02", "2026-01-02", "2026-01-03"], utc=True),
            "success": [True, True, True, True, False],
            "raised": [False] * 5,
        }
    )
    assert last_good_run(runs) == "b"  # c failed
    assert last_good_run(None) is None
