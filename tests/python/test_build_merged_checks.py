"""Checks merged into one dbt test node per model (issue 22) still stop the build on their bad input.

fct_figure's and fct_campaign_progress's expression_is_true tests became one expressions_are_true test each
(tests/generic/expressions_are_true.sql): dbt's cost is per node, the checks are the same. Here an expression of
each, one with a row condition, is made false in a project copy; the build must fail naming the merged test, and
the warehouse must be kept, and the message must name the expression that failed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_build import digest

from battlemap.build import BuildError, build_warehouse, staging_path

REPO = Path(__file__).resolve().parents[2]

# model -> (its SQL as written, the same SQL breaking one of its expressions, the expression it breaks)
BREAKS = {
    "fct_figure": ("        value_min,\n", "        value_max + 1 as value_min,\n", "value_min <= value_max"),
    "fct_campaign_progress": (
        "        len(carried.document_ids)::integer as document_count,\n",
        "        len(carried.document_ids)::integer + 1 as document_count,\n",
        "document_count = len(document_ids)",
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


@pytest.mark.parametrize("model", sorted(BREAKS))
def test_a_false_merged_expression_stops_the_build_and_keeps_the_warehouse(model: str, project_copy: Path, existing_warehouse: Path):
    written, broken, _ = BREAKS[model]
    sql_path = project_copy / "models" / "marts" / f"{model}.sql"
    sql = sql_path.read_text(encoding="utf-8")
    assert sql.count(written) == 1
    sql_path.write_text(sql.replace(written, broken), encoding="utf-8")
    before = digest(existing_warehouse)
    with pytest.raises(BuildError) as failure:
        build_warehouse(existing_warehouse, project=project_copy, quiet=True)
    message = str(failure.value)
    assert "dbt build failed" in message and f"{model}_expressions_are_true" in message, message
    # dbt names the test only; the build names the expression that failed, re-running the test's SQL.
    assert f"{model}_expressions_are_true: `{BREAKS[model][2]}` is false on" in message, message
    assert digest(existing_warehouse) == before
    assert not staging_path(existing_warehouse).parent.exists()
