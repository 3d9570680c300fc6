"""When the checks cannot run, `battlemap check` exits 2 with a message on stderr and publishes nothing false."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from battlemap.check import run_check
from battlemap.check import runner as quality_runner
from battlemap.cli import app


def test_missing_warehouse_exits_2_with_a_message(tmp_path: Path, capsys) -> None:
    output = tmp_path / "quality"
    code = run_check(warehouse=tmp_path / "absent.duckdb", output_dir=output)
    err = capsys.readouterr().err
    assert code == 2
    assert "could not run" in err and "No warehouse at" in err and "absent.duckdb" in err
    assert not output.exists()


def test_cli_check_exits_2_on_a_missing_warehouse(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--warehouse", str(tmp_path / "absent.duckdb")])
    assert result.exit_code == 2
    assert "No warehouse at" in result.output


@pytest.mark.parametrize(
    "content",
    [b"this is not a database\n" * 400, b"DUCK" * 3000],
    ids=["not_duckdb", "corrupt_blocks"],
)
def test_corrupt_file_exits_2_with_a_message(content: bytes, tmp_path: Path, capsys) -> None:
    corrupt = tmp_path / "battlemap.duckdb"
    corrupt.write_bytes(content)
    output = tmp_path / "quality"
    code = run_check(warehouse=corrupt, output_dir=output)
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot read the warehouse" in err and str(corrupt) in err
    assert not (output / "latest.json").exists()


def test_missing_catalogue_exits_2(warehouse_copy: Path, tmp_path: Path, capsys) -> None:
    connection = duckdb.connect(str(warehouse_copy))
    connection.execute("drop table curation.units")
    connection.close()
    code = run_check(warehouse=warehouse_copy, output_dir=tmp_path / "quality")
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot read the warehouse" in err and "units" in err


def test_missing_gx_project_exits_2(built_warehouse: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(quality_runner, "gx_project_root", lambda: tmp_path / "nowhere")
    monkeypatch.setattr(quality_runner, "_drift_warning", lambda: None)
    code = run_check(warehouse=built_warehouse, output_dir=tmp_path / "quality")
    err = capsys.readouterr().err
    assert code == 2
    assert "Great Expectations project is missing" in err


def test_an_expectation_that_raises_exits_2_not_1(warehouse_copy: Path, tmp_path: Path, capsys) -> None:
    """A dropped column makes the expectations on it raise: that is a broken check (2), not bad data (1)."""
    connection = duckdb.connect(str(warehouse_copy))
    connection.execute("alter table main.fct_garbled_span drop column kind")
    connection.close()
    output = tmp_path / "quality"

    code = run_check(warehouse=warehouse_copy, output_dir=output)

    captured = capsys.readouterr()
    assert code == 2
    assert "raised" in captured.err and "kind" in captured.err
    latest = json.loads((output / "latest.json").read_text(encoding="utf-8"))
    assert latest["success"] is False and latest["exit_code"] == 2
    suite = next(suite for suite in latest["suites"] if suite["suite"] == "fct_garbled_span")
    failures = {failure["rule"]: failure for failure in suite["failures"]}
    assert failures["kind_in_catalogue"]["exception"]  # raised: GX's exception_info, not bad data
    assert failures["columns_match_contract"]["exception"] is None
    assert "missing: kind" in failures["columns_match_contract"]["observed_value"]


def test_unreadable_history_is_kept_and_exits_2(built_warehouse: Path, tmp_path: Path, capsys) -> None:
    output = tmp_path / "quality"
    output.mkdir()
    history = output / "history.parquet"
    history.write_bytes(b"not parquet")
    code = run_check(warehouse=built_warehouse, output_dir=output)
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot read the history" in err
    assert history.read_bytes() == b"not parquet"  # never overwritten
    assert not (output / "latest.json").exists()  # nothing published for a run the history cannot record
