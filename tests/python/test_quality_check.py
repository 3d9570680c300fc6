"""`battlemap check` on a good warehouse: exit 0, the published outputs, and the history."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from battlemap.check import run_check
from battlemap.check.mart_queries import CONTRACTED, MARTS
from battlemap.check.project import gx_project_root

LATEST_KEYS = {"run_id", "run_time", "warehouse", "success", "suites"}
SUITE_KEYS = {"suite", "success", "evaluated", "failed", "failures"}


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def clean_run(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One check of the freshly built warehouse, shared by the tests below."""
    output = tmp_path_factory.mktemp("quality")
    project_before = _tree_digest(gx_project_root())
    code = run_check(warehouse=built_warehouse, output_dir=output)
    return {
        "code": code,
        "output": output,
        "warehouse": built_warehouse,
        "project_before": project_before,
        "project_after": _tree_digest(gx_project_root()),
    }


def test_checks_pass_on_the_built_warehouse(clean_run: dict) -> None:
    assert clean_run["code"] == 0
    latest = json.loads((clean_run["output"] / "latest.json").read_text(encoding="utf-8"))
    assert latest["success"] is True
    assert [suite["suite"] for suite in latest["suites"]] == list(MARTS)
    for suite in latest["suites"]:
        assert suite["success"] is True and suite["failed"] == 0 and suite["failures"] == []
        # The mart suites; build_info and mart_schema are narrower by nature (freshness; columns and types).
        least = 8 if suite["suite"] in CONTRACTED else 5
        assert suite["evaluated"] >= least, f"{suite['suite']} evaluates too few expectations to mean anything"


def test_latest_json_has_the_shape_the_app_reads(clean_run: dict) -> None:
    latest = json.loads((clean_run["output"] / "latest.json").read_text(encoding="utf-8"))
    assert LATEST_KEYS <= set(latest)
    assert latest["warehouse"] == str(clean_run["warehouse"].resolve())
    assert pd.Timestamp(latest["run_time"]).tzinfo is not None  # ISO 8601 with a time zone
    for suite in latest["suites"]:
        assert SUITE_KEYS <= set(suite)
    # runs/<run_id>.json is the same document
    run_file = clean_run["output"] / "runs" / f"{latest['run_id']}.json"
    assert json.loads(run_file.read_text(encoding="utf-8")) == latest


def test_data_docs_are_static_html_for_every_suite(clean_run: dict) -> None:
    docs = clean_run["output"] / "data_docs"
    index = (docs / "index.html").read_text(encoding="utf-8")
    assert "Great Expectations" in index
    for mart in MARTS:
        assert (docs / "expectations" / f"{mart}.html").is_file()
        assert mart in index
    assert len(list((docs / "validations").rglob("*.html"))) == len(MARTS)


def test_history_holds_every_expectation_of_the_run(clean_run: dict) -> None:
    latest = json.loads((clean_run["output"] / "latest.json").read_text(encoding="utf-8"))
    history = pd.read_parquet(clean_run["output"] / "history.parquet")
    assert {"run_id", "run_time", "suite", "expectation", "column", "success", "observed_value"} <= set(history.columns)
    assert history["run_id"].unique().tolist() == [latest["run_id"]]
    assert len(history) == sum(suite["evaluated"] for suite in latest["suites"])
    assert history["success"].all()
    assert history["observed_value"].map(lambda value: isinstance(value, str)).all()


def test_check_leaves_the_gx_project_in_the_checkout_untouched(clean_run: dict) -> None:
    assert clean_run["project_after"] == clean_run["project_before"]


def test_history_grows_by_one_run_per_call_and_survives_a_rebuild(warehouse_copy: Path, capsys) -> None:
    default_output = warehouse_copy.parent / "quality"  # <warehouse dir>/quality/ when no folder is given
    assert run_check(warehouse=warehouse_copy, output_dir=None) == 0
    first = pd.read_parquet(default_output / "history.parquet")
    first_latest = json.loads((default_output / "latest.json").read_text(encoding="utf-8"))

    # What `battlemap build` does: os.replace a new file over the old one. The history lives outside it.
    rebuilt = warehouse_copy.with_name("rebuilt.duckdb")
    shutil.copy2(warehouse_copy, rebuilt)
    rebuilt.replace(warehouse_copy)

    assert run_check(warehouse=warehouse_copy, output_dir=None) == 0
    second = pd.read_parquet(default_output / "history.parquet")
    second_latest = json.loads((default_output / "latest.json").read_text(encoding="utf-8"))

    assert first["run_id"].nunique() == 1
    assert second["run_id"].nunique() == 2
    assert len(second) == 2 * len(first)
    assert second_latest["run_id"] != first_latest["run_id"]
    assert sorted(path.stem for path in (default_output / "runs").glob("*.json")) == sorted(
        [first_latest["run_id"], second_latest["run_id"]]
    )
    out = capsys.readouterr().out
    for mart in MARTS:
        assert mart in out
    assert "(2 runs)" in out
