"""The GX project in expectations/gx/ is what the suites in code say, and Great Expectations can load it."""

from __future__ import annotations

import shutil
from pathlib import Path

import great_expectations as gx
import great_expectations.expectations as gxe

from battlemap.check.contracts import mart_contracts
from battlemap.check.frames import expected_columns
from battlemap.check.mart_queries import CONTRACTED, DERIVED_COLUMNS, EXCLUDED_COLUMNS, KEY_COLUMNS, MARTS, SCHEMA_FRAME
from battlemap.check.project import differences, gx_project_root, main, write_project
from battlemap.check.suites import suite_expectations


def test_committed_project_matches_the_suites_in_code() -> None:
    assert differences(gx_project_root()) == [], "run: python -m battlemap.check.project"


def test_every_mart_has_a_suite_with_a_unique_key() -> None:
    suites = suite_expectations()
    assert list(suites) == list(MARTS) == list(KEY_COLUMNS)
    for mart, expectations in suites.items():
        rules = [expectation.meta["rule"] for expectation in expectations]
        assert len(rules) == len(set(rules)), f"{mart}: duplicate rule names"
        assert any(
            isinstance(expectation, gxe.ExpectColumnValuesToBeUnique) and expectation.column == KEY_COLUMNS[mart]
            for expectation in expectations
        ), f"{mart}: its key {KEY_COLUMNS[mart]} is not checked for uniqueness"
        assert set(DERIVED_COLUMNS.get(mart, {})).isdisjoint(mart_contracts().get(mart, {}))


def test_every_contracted_mart_has_a_suite_and_its_columns_come_from_the_contract() -> None:
    contracts = mart_contracts()
    assert set(contracts) == set(CONTRACTED), "a mart with a dbt contract needs a suite (battlemap.check.suites)"
    for mart in CONTRACTED:
        columns = expected_columns(mart, contracts)
        assert set(contracts[mart]) - set(columns) == set(EXCLUDED_COLUMNS.get(mart, []))  # lists swapped for lengths
        assert KEY_COLUMNS[mart] in columns
    assert KEY_COLUMNS[SCHEMA_FRAME] in expected_columns(SCHEMA_FRAME, contracts)


def test_no_suite_hard_codes_a_row_count() -> None:
    """Row counts are parameters (inputs, last good run), never numbers typed into a suite; build_info has one row."""
    for mart, expectations in suite_expectations().items():
        for expectation in expectations:
            if isinstance(expectation, (gxe.ExpectTableRowCountToEqual, gxe.ExpectTableRowCountToBeBetween)):
                values = [getattr(expectation, name, None) for name in ("value", "min_value", "max_value")]
                literal = [value for value in values if isinstance(value, (int, float))]
                assert not literal or (mart == "build_info" and literal == [1]), f"{mart}.{expectation.meta['rule']}: {values}"


def test_great_expectations_loads_the_committed_project(tmp_path: Path) -> None:
    shutil.copytree(gx_project_root() / "gx", tmp_path / "gx", ignore=shutil.ignore_patterns("uncommitted"))
    context = gx.get_context(mode="file", project_root_dir=str(tmp_path))
    expected = suite_expectations()
    for mart in MARTS:
        definition = context.validation_definitions.get(mart)
        assert definition.suite.name == mart
        assert definition.data.data_asset.name == mart
        assert [expectation.meta["rule"] for expectation in definition.suite.expectations] == [
            expectation.meta["rule"] for expectation in expected[mart]
        ]


def test_writing_the_project_is_idempotent_and_drops_stale_suites(tmp_path: Path) -> None:
    root = tmp_path / "expectations"
    assert len(write_project(root)) > 2 * len(MARTS)
    assert write_project(root) == []
    stale = root / "gx" / "expectations" / "old_mart.json"
    stale.write_text("{}", encoding="utf-8")
    (root / "gx" / "expectations" / "dim_city.json").write_text("{}", encoding="utf-8")
    assert sorted(differences(root)) == ["differs: gx/expectations/dim_city.json", "not from the code: gx/expectations/old_mart.json"]
    assert main(["--root", str(root), "--check"]) == 1
    assert main(["--root", str(root)]) == 0
    assert not stale.exists() and differences(root) == []
