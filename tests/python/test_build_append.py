"""Adding a report without rewriting the warehouse (issue 22): `battlemap build`'s append path.

When the code is the one that built the served warehouse and the documents and observations tables only grew by
appended rows (the seeds the per-document models read unchanged), `battlemap build` copies the warehouse and the
incremental models add the new documents' rows to it (macros/append_only.sql, battlemap.build.incremental.build_path).
Here: a report added that way gives exactly the warehouse a full build of the same corpus gives (every table, row for
row, nothing left over); a figure added to an old document re-locates the figures it changes; a removed or edited
document, a changed qualifier seed or a changed model take another path, say why, and are right too."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from grow_support import append_rows

from battlemap.build.atomic_build import build_warehouse
from battlemap.build.incremental import table_differences
from battlemap.extract.seedfiles import read_rows
from battlemap.review.batch import plan_removal, remove_document
from battlemap.shared.paths import corpus_file
from battlemap.shared.warehouse import open_read_only
from battlemap.testing.corpus import hold_back_last_report

MARTS = ("dim_", "fct_", "mart_")


def marts(warehouse: Path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted: the tables consumers read, row for row."""
    connection = open_read_only(warehouse)
    try:
        names = [
            name
            for (name,) in connection.sql(
                "select table_name from information_schema.tables where table_schema = 'main' order by table_name"
            ).fetchall()
            if name.startswith(MARTS)
        ]
        return {name: sorted(connection.sql(f'select * from main."{name}"').fetchall(), key=repr) for name in names}
    finally:
        connection.close()


def full_build(project: Path, tmp_path: Path) -> Path:
    reference = tmp_path / "full" / "battlemap.duckdb"
    result = build_warehouse(reference, project=project, quiet=True, full=True)
    assert result.path_taken == "full"
    return reference


def assert_same_as_full_build(warehouse: Path, project: Path, tmp_path: Path) -> None:
    reference = full_build(project, tmp_path)
    assert table_differences(warehouse, reference) == []  # every table, the marker and dbt's leftovers included
    built, expected = marts(warehouse), marts(reference)
    assert set(built) == set(expected) and len(built) == 12
    for name, rows in expected.items():
        assert built[name] == rows, name


@pytest.fixture()
def less_one_report(project_copy: Path, tmp_path: Path) -> tuple[Path, dict[Path, bytes]]:
    """The project copy built without its last report (held back: its rows and article, to be put back)."""
    saved = hold_back_last_report(project_copy)
    target = tmp_path / "served" / "battlemap.duckdb"
    assert build_warehouse(target, project=project_copy, quiet=True).path_taken == "full"
    return target, saved


def test_a_report_added_is_appended_and_the_warehouse_equals_a_full_build(
    project_copy: Path, less_one_report: tuple[Path, dict[Path, bytes]], tmp_path: Path
):
    target, saved = less_one_report
    added = read_rows(corpus_file("documents", project_copy))[1]
    for path, content in saved.items():  # the report's rows appended and its article back, as add-document does
        path.write_bytes(content)
    document_id = read_rows(corpus_file("documents", project_copy))[1][-1]["document_id"]
    assert document_id not in {row["document_id"] for row in added}
    said: list[str] = []
    result = build_warehouse(target, project=project_copy, echo=said.append)
    assert result.path_taken == "append" and result.reused
    assert document_id in result.why and "1 new document" in result.why
    assert any("into a copy of" in line and "adding only the new rows" in line for line in said), said
    connection = open_read_only(target)
    try:
        assert connection.sql("select count(*) from dim_document where document_id = ?", params=[document_id]).fetchall() == [(1,)]
        assert connection.sql("select count(*) from fct_observation where document_id = ?", params=[document_id]).fetchall()[0][0] > 0
    finally:
        connection.close()
    assert_same_as_full_build(target, project_copy, tmp_path)

    # Nothing added since: the append path again, with nothing to add, and still the full build's warehouse.
    again = build_warehouse(target, project=project_copy, quiet=True)
    assert again.path_taken == "append" and "no document or figure was added" in again.why
    assert table_differences(target, tmp_path / "full" / "battlemap.duckdb") == []


def test_a_figure_added_to_an_old_document_relocates_the_figures_it_changes(project_copy: Path, tmp_path: Path):
    # A second statement of the same figure in the same document makes both figures ids of their own
    # (int_observations_converted's figure_id): the old figure's located row must change with it.
    target = tmp_path / "served" / "battlemap.duckdb"
    build_warehouse(target, project=project_copy, quiet=True)
    _, observations = read_rows(corpus_file("observations", project_copy))
    row = next(row for row in observations if row["scope_level"] != "city")  # one city figure per document and date
    append_rows(project_copy, "observations", [{**row, "observation_id": f"{row['observation_id']}_again"}])
    result = build_warehouse(target, project=project_copy, quiet=True)
    assert result.path_taken == "append", result.why
    connection = open_read_only(target)
    try:
        figure_ids = dict(
            connection.sql(
                "select observation_id, figure_id from fct_observation where observation_id in (?, ?)",
                params=[row["observation_id"], f"{row['observation_id']}_again"],
            ).fetchall()
        )
    finally:
        connection.close()
    assert figure_ids[row["observation_id"]].endswith(":" + row["observation_id"]), figure_ids
    assert_same_as_full_build(target, project_copy, tmp_path)


def test_a_removed_document_is_not_appended_and_is_gone(project_copy: Path, tmp_path: Path):
    target = tmp_path / "served" / "battlemap.duckdb"
    build_warehouse(target, project=project_copy, quiet=True)
    _, documents = read_rows(corpus_file("documents", project_copy))
    removed = documents[0]["document_id"]
    remove_document(project_copy, plan_removal(project_copy, removed))
    result = build_warehouse(target, project=project_copy, quiet=True)
    assert result.path_taken == "reuse"
    assert "sources/curation/documents.csv changed other than by rows appended" in result.why, result.why
    connection = open_read_only(target)
    try:
        assert connection.sql("select count(*) from dim_document where document_id = ?", params=[removed]).fetchall() == [(0,)]
    finally:
        connection.close()
    assert_same_as_full_build(target, project_copy, tmp_path)


def test_an_edit_a_changed_qualifier_seed_or_a_changed_model_takes_another_path_and_says_why(project_copy: Path, tmp_path: Path):
    target = tmp_path / "served" / "battlemap.duckdb"
    build_warehouse(target, project=project_copy, quiet=True)

    # A documents row edited (its title): not only appended.
    documents = corpus_file("documents", project_copy)
    header, rows = read_rows(documents)
    rows[0]["title_en"] = rows[0]["title_en"] + " (edited)"
    with documents.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    edited = build_warehouse(target, project=project_copy, quiet=True)
    assert edited.path_taken == "reuse" and "documents.csv changed other than by rows appended" in edited.why

    # A qualifier word appended: it could change how an old figure's qualifier reads, so no append.
    terms = project_copy / "seeds" / "qualifier_terms.csv"
    terms.write_text(terms.read_text(encoding="utf-8") + "约莫,approximate,before,adjacent,about\n", encoding="utf-8")
    seed = build_warehouse(target, project=project_copy, quiet=True)
    assert seed.path_taken == "reuse" and seed.why == "seeds/qualifier_terms.csv changed", seed.why
    assert build_warehouse(target, project=project_copy, quiet=True).path_taken == "append"

    # A model changed: every table rebuilt from an empty file.
    model = project_copy / "models" / "marts" / "dim_document.sql"
    model.write_text(model.read_text(encoding="utf-8") + "\n-- changed\n", encoding="utf-8")
    changed = build_warehouse(target, project=project_copy, quiet=True)
    assert changed.path_taken == "full" and "the code" in changed.why
    assert build_warehouse(target, project=project_copy, quiet=True, full=True).why == "--full was given"


def test_new_rows_are_checked_by_the_input_pass_on_the_append_path(project_copy: Path, tmp_path: Path):
    # The append path's input pass checks only the new rows' own values (the old ones passed with the same code), and
    # every check across rows: each bad new row is still refused before dbt runs, named by file, line and id.
    from test_build import digest

    from battlemap.build.atomic_build import BuildError

    target = tmp_path / "served" / "battlemap.duckdb"
    build_warehouse(target, project=project_copy, quiet=True)
    before = digest(target)
    observations = corpus_file("observations", project_copy)
    documents = corpus_file("documents", project_copy)
    pristine = {path: path.read_bytes() for path in (observations, documents)}
    _, rows = read_rows(observations)
    row = rows[-1]
    _, document_rows = read_rows(documents)
    bad_rows = [
        ("observations", {**row, "observation_id": "bad_negative", "value_as_written": "-5"}, "bad_negative", "negative"),
        ("observations", {**row, "observation_id": "bad_quote", "quote": "这句话不在文中"}, "bad_quote", "is not in the normalised text"),
        ("observations", {**row, "observation_id": "bad_metric", "metric_id": "no_such_metric"}, "bad_metric", "no_such_metric"),
        ("observations", {**row, "observation_id": rows[0]["observation_id"]}, rows[0]["observation_id"], "duplicate observation_id"),
        ("documents", {**document_rows[-1], "document_id": "bad_date", "as_of_date": "2023-13-01"}, "bad_date", "not a date"),
    ]
    for table, bad, named, reason in bad_rows:
        append_rows(project_copy, table, [bad])
        with pytest.raises(BuildError) as failure:
            build_warehouse(target, project=project_copy, quiet=True)
        message = str(failure.value)
        assert "problem(s) in the inputs" in message and named in message and reason in message, (table, message)
        assert digest(target) == before
        for path, content in pristine.items():
            path.write_bytes(content)
    assert build_warehouse(target, project=project_copy, quiet=True).path_taken == "append"
