"""The input pass refuses what every column test of the curated tables refuses (issue 22).

`battlemap build` checks the inputs (battlemap.build.inputs) before dbt runs, with the very rules dbt's column tests on
the seeds (seeds/_seeds.yml) and the curation sources (models/staging/_curation__sources.yml) declare, read from
those files (battlemap.shared.seed_schema). So its dbt build leaves those tests out (battlemap.build.dbt_invocation.INPUT_PASS_TESTS);
a plain `dbt build` still runs them (tests/python/test_dbt_cli.py). Here every such test, one by one, meets the
bad value it exists for in a project copy, and the input pass must name the file, the line, the row and the column.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from inputs_helpers import edit_seed

from battlemap.build.dbt_invocation import BUILD_PATH_ENV, INPUT_PASS_FILES, INPUT_PASS_TESTS, dbt_build_command
from battlemap.build.inputs import check_inputs
from battlemap.shared.paths import corpus_file, project_dir
from battlemap.shared.seed_schema import SOURCES_FILE, seed_schemas

PROJECT = project_dir()


def _declared_tests() -> list[tuple[str, str, str]]:
    """(table, column, test) for every column test dbt declares on the curated tables that the build leaves to the input pass."""
    found = []
    for relative, key in (("seeds/_seeds.yml", "seeds"), (SOURCES_FILE, "sources")):
        document = yaml.safe_load((PROJECT / relative).read_text(encoding="utf-8"))
        tables = document[key] if key == "seeds" else [t for s in document["sources"] for t in s["tables"]]
        for table in tables:
            for column in table.get("columns", []):
                for test in column.get("data_tests") or []:
                    name = test if isinstance(test, str) else next(iter(test))
                    if name in INPUT_PASS_TESTS:
                        found.append((table["name"], column["name"], name))
    return found


DECLARED = _declared_tests()


def _rows(table: str) -> list[dict[str, str]]:
    with corpus_file(table, PROJECT).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_declared_rule_is_one_the_input_pass_reads():
    schemas = seed_schemas(PROJECT)
    assert len(DECLARED) > 60
    for table, column, test in DECLARED:
        rules = schemas[table].columns[column]
        held = {
            "not_null": rules.not_null,
            "unique": rules.unique,
            "accepted_values": rules.accepted_values is not None,
            "relationships": rules.references is not None,
            "within_bounds": any(bound is not None for bound in (rules.min_value, rules.max_value, rules.greater_than)),
        }[test]
        assert held, f"{table}.{column}: the input pass does not read its {test} test"


def test_the_build_leaves_out_exactly_these_tests(tmp_path: Path):
    # dbt ls with the build's own selection flags: the tests it leaves out are the declared ones, no other.
    build = dbt_build_command(PROJECT, tmp_path)
    start = build.index("--indirect-selection")
    selection = build[start : build.index("--project-dir")]
    assert selection[:3] == ["--indirect-selection", "cautious", "--exclude"]
    command = [sys.executable, "-m", "battlemap.build.dbt_runner", "ls", "--resource-type", "test", "--output", "json", "--quiet",
               "--indirect-selection", "cautious", "--select", *selection[3:],
               "--project-dir", str(PROJECT), "--profiles-dir", str(PROJECT),
               "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")]
    env = {**os.environ, BUILD_PATH_ENV: str(tmp_path / "battlemap.duckdb")}
    listed = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, check=True).stdout
    left_out = [json.loads(line) for line in listed.splitlines() if line.startswith("{")]
    assert {test["original_file_path"] for test in left_out} <= set(INPUT_PASS_FILES)
    assert all(test["name"].removeprefix("source_").startswith(INPUT_PASS_TESTS) for test in left_out)
    assert len(left_out) == len(DECLARED)


def _bad_value(table: str, column: str, test: str, rows: list[dict[str, str]]) -> tuple[int, str]:
    """The row to break (index) and the value that breaks `test` there."""
    rules = seed_schemas(PROJECT)[table].columns[column]
    if test == "not_null":
        return 0, ""
    if test == "unique":
        return 1, rows[0][column]
    if test == "accepted_values":
        return 0, "not_a_listed_value"
    if test == "relationships":
        return 0, "no_such_key"
    if rules.min_value is not None:
        return 0, repr(rules.min_value - 1)
    if rules.greater_than is not None:
        return 0, repr(rules.greater_than)
    return 0, repr(rules.max_value + 1)


@pytest.mark.parametrize(("table", "column", "test"), DECLARED, ids=[f"{t}.{c}.{n}" for t, c, n in DECLARED])
def test_the_input_pass_refuses_each_test_s_bad_value(table: str, column: str, test: str, project_copy: Path):
    rows = _rows(table)
    index, value = _bad_value(table, column, test, rows)
    alone = index >= len(rows)  # a seed of one row (seeds/conflict_kinds.csv): its key is repeated in a second row
    assert alone or rows[index][column] != value

    def change(edited: list[dict[str, str]]) -> None:
        if alone:
            edited.append(dict(edited[0]))
        edited[index][column] = value

    edit_seed(project_copy, table, change)
    file = corpus_file(table, Path(".")).as_posix()
    line = index + 2  # the header is line 1
    messages = [str(problem) for problem in check_inputs(project_copy)]
    # The reason names the column, or the value (a missing article is named by its file name).
    named = [m for m in messages if m.startswith(f"{file} line {line}") and (column in m or (value and repr(value).strip("'") in m))]
    assert named, f"{table}.{column} {test}: nothing names {file} line {line} and {column} or {value!r}:\n" + "\n".join(messages)
