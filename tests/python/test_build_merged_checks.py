"""Checks merged into one dbt test node per model (issue 22) still stop the build on their bad input.

The marts' expression_is_true tests, their columns' within_bounds tests, and their unique, relationships, not_null and
unique_combination_of_columns tests, became one expressions_are_true test per mart (tests/generic/expressions_are_true.sql);
the intermediate and staging models' column tests one not_null_columns test per model (tests/generic/not_null_columns.sql;
both macros/failed_checks.sql): dbt's cost is per node, the checks are the same. Here an expression of fct_figure and
of fct_campaign_progress, a bound of mart_city_comparison, a not-null column of int_observations_converted, a unique
key of dim_metric, a reference of fct_garbled_span and one of int_figures_paired, a quote of fct_observation, are broken in a project copy; the
build must fail naming the merged test, the warehouse must be kept, and the message must name the check that failed
and, for a unique or a reference check, the offending value."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_build import digest

from battlemap.build.atomic_build import BuildError, build_warehouse, staging_path

REPO = Path(__file__).resolve().parents[2]

# model -> (its SQL as written, the same SQL breaking one of its expressions, the expression it breaks)
NOT_NULL_BREAK = ("        units.base_unit,\n", "        cast(null as varchar) as base_unit,\n", "base_unit is not null")
BREAKS = {
    "fct_figure": ("        value_min,\n", "        value_max + 1 as value_min,\n", "value_min <= value_max"),
    "fct_campaign_progress": (
        "        len(carried.document_ids)::integer as document_count,\n",
        "        len(carried.document_ids)::integer + 1 as document_count,\n",
        "document_count = len(document_ids)",
    ),
    # A column's bounds (once a within_bounds test of its own) are an expression of the mart's merged test too.
    "mart_city_comparison": (
        "        pace_index,\n",
        "        -1.0::double as pace_index,\n",
        "pace_index is null or not (pace_index::double < 0)",
    ),
}


def merged_expressions(model: str) -> list:
    spec = yaml.safe_load((REPO / "models" / "marts" / f"{model}.yml").read_text(encoding="utf-8"))["models"][0]
    (test,) = [t["expressions_are_true"] for t in spec["data_tests"] if isinstance(t, dict) and "expressions_are_true" in t]
    assert test["name"] == f"{model}_expressions_are_true"
    return test["arguments"]["expressions"]


@pytest.mark.parametrize("model", sorted(BREAKS))
def test_the_broken_expression_is_one_of_the_merged_ones(model: str):
    expressions = merged_expressions(model)
    texts = [item if isinstance(item, str) else item["expression"] for item in expressions]
    assert BREAKS[model][2] in texts
    assert not any("expression_is_true" in str(t) for t in expressions)


def test_the_intermediate_models_not_null_tests_are_one_node_each():
    for spec_path in sorted((REPO / "models" / "intermediate").glob("*.yml")):
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))["models"][0]
        column_tests = [t for c in spec["columns"] for t in (c.get("data_tests") or [])]
        merged = [t["not_null_columns"] for t in spec.get("data_tests") or [] if isinstance(t, dict) and "not_null_columns" in t]
        if merged:
            assert "not_null" not in column_tests, spec_path.name
            assert merged[0]["name"] == f"{spec['name']}_not_null"
    spec = yaml.safe_load((REPO / "models" / "intermediate" / "int_observations_converted.yml").read_text(encoding="utf-8"))
    (merged,) = [t["not_null_columns"] for t in spec["models"][0]["data_tests"] if "not_null_columns" in t]
    assert "base_unit" in merged["arguments"]["columns"]


# model -> (folder, its SQL as written, the same SQL breaking a unique or relationships check, the check, a value it names)
VALUE_BREAKS = {
    "dim_metric": ("marts", "        metrics.metric_id,\n", "        'one_metric' as metric_id,\n", "metric_id is unique", "'one_metric'"),
    "fct_garbled_span": (
        "marts",
        "        kind,\n",
        "        'no_such_kind' as kind,\n",
        "kind references garbled_kinds.kind",
        "'no_such_kind'",
    ),
    # A quote that is not a fragment of its document's text (once a found_in_related_text test of its own), named.
    "fct_observation": (
        "marts",
        "        quote,\n",
        "        quote || '※not in the text' as quote,\n",
        "quote is found in dim_document.normalised_text",
        "※not in the text'",
    ),
    "int_figures_paired": (
        "intermediate",
        "        targets.figure_id as target_figure_id,\n",
        "        targets.figure_id || ':nowhere' as target_figure_id,\n",
        "target_figure_id references int_figures_merged.figure_id",
        ":nowhere'",
    ),
}
CASES = {
    **{model: ("marts", *BREAKS[model], None) for model in BREAKS},
    "int_observations_converted": ("intermediate", *NOT_NULL_BREAK, None),
    **VALUE_BREAKS,
}


@pytest.mark.parametrize("model", sorted(CASES))
def test_a_false_merged_check_stops_the_build_and_keeps_the_warehouse(model: str, project_copy: Path, existing_warehouse: Path):
    folder, written, broken, check, value = CASES[model]
    test_name = f"{model}_not_null" if folder == "intermediate" else f"{model}_expressions_are_true"
    sql_path = project_copy / "models" / folder / f"{model}.sql"
    sql = sql_path.read_text(encoding="utf-8")
    assert sql.count(written) == 1
    sql_path.write_text(sql.replace(written, broken), encoding="utf-8")
    before = digest(existing_warehouse)
    with pytest.raises(BuildError) as failure:
        build_warehouse(existing_warehouse, project=project_copy, quiet=True)
    message = str(failure.value)
    assert "dbt build failed" in message and test_name in message, message
    # dbt names the test only; the build names the check that failed, re-running the test's SQL.
    assert f"{test_name}: `{check}` is false on" in message, message
    (line,) = [line for line in message.splitlines() if f"`{check}`" in line]
    if value is not None:  # and the value that broke it
        assert value in line, message
    else:  # an expression or a not-null check names no value
        assert line.endswith("row(s)"), line
    assert digest(existing_warehouse) == before
    assert not staging_path(existing_warehouse).parent.exists()


def test_no_mart_column_has_a_within_bounds_test_of_its_own():
    # Their bounds are expressions of the mart's one expressions_are_true node (a failing row names its bound).
    for spec_path in sorted((REPO / "models" / "marts").glob("*.yml")):
        for spec in yaml.safe_load(spec_path.read_text(encoding="utf-8")).get("models") or []:
            for column in spec.get("columns") or []:
                tests = [t if isinstance(t, str) else next(iter(t)) for t in column.get("data_tests") or []]
                assert "within_bounds" not in tests, f"{spec_path.name}: {column['name']}"


SINGLE_COLUMN_TESTS = {"unique", "not_null", "relationships", "expression_is_true", "within_bounds", "found_in_related_text"}
SINGLE_MODEL_TESTS = {"unique_combination_of_columns", "expression_is_true"}


def test_every_model_s_column_checks_are_in_its_one_merged_node():
    # A model's unique, not_null, relationships and expression checks are all arguments of one merged node.
    for spec_path in sorted((REPO / "models").rglob("*.yml")):
        for spec in yaml.safe_load(spec_path.read_text(encoding="utf-8")).get("models") or []:
            for column in spec.get("columns") or []:
                tests = {t if isinstance(t, str) else next(iter(t)) for t in column.get("data_tests") or []}
                assert not tests & SINGLE_COLUMN_TESTS, f"{spec_path.name}: {column['name']}: {tests}"
            tests = [t if isinstance(t, str) else next(iter(t)) for t in spec.get("data_tests") or []]
            assert not set(tests) & SINGLE_MODEL_TESTS, f"{spec_path.name}: {tests}"
            assert tests.count("expressions_are_true") + tests.count("not_null_columns") <= 1, spec_path.name
