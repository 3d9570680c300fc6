"""Adding documents reuses the unchanged ones' texts (battlemap.build.incremental, issue 22) and changes nothing else.

`battlemap build` of a warehouse it built itself, when only the corpus changed since, starts from a copy of that
warehouse: the two per-document Python models take unchanged documents' results from it. Here: the result equals a
full build's, table for table; a changed model, a changed seed schema or a warehouse replaced by another route
gives a full build; a bad added row still stops the build with its message, the warehouse kept."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest
from grow_support import append_rows, fixture_rows, grow
from test_build import digest

from battlemap.build.atomic_build import BuildError, build_warehouse
from battlemap.build.incremental import table_differences
from battlemap.shared.paths import corpus_file
from battlemap.shared.warehouse import open_read_only


def record_checksum(documents: Path, fields, rows: list[dict[str, str]], article: Path) -> None:
    """Writes the documents table back with the edited article's new checksum, as a curator's edit would."""
    for row in rows:
        if row["file_name"] == article.name:
            row["sha256"] = hashlib.sha256(article.read_bytes()).hexdigest()
    with documents.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture()
def first_build(project_copy: Path, tmp_path: Path) -> Path:
    """The project copy built once, by `battlemap build` (full: there was no warehouse)."""
    target = tmp_path / "served" / "battlemap.duckdb"
    result = build_warehouse(target, project=project_copy, quiet=True)
    assert not result.reused
    return target


def observation_ids(warehouse: Path) -> set[str]:
    connection = open_read_only(warehouse)
    try:
        return {row[0] for row in connection.sql("select observation_id from fct_observation").fetchall()}
    finally:
        connection.close()


def test_added_documents_are_built_reusing_the_others_and_equal_a_full_build(project_copy: Path, first_build: Path, tmp_path: Path):
    before = observation_ids(first_build)
    grow(project_copy)
    result = build_warehouse(first_build, project=project_copy, quiet=True)
    assert result.reused
    added = observation_ids(first_build) - before
    assert added and not before - observation_ids(first_build)
    connection = open_read_only(first_build)
    try:
        documents = connection.sql("select count(*) from dim_document").fetchall()[0][0]
    finally:
        connection.close()
    assert documents == 8  # five and the three of tests/fixtures/grow
    full = tmp_path / "full" / "battlemap.duckdb"
    assert not build_warehouse(full, project=project_copy, quiet=True, full=True).reused
    assert table_differences(first_build, full) == []
    # Nothing changed since: the next build reuses every document, and still equals the full build.
    assert build_warehouse(first_build, project=project_copy, quiet=True).reused
    assert table_differences(first_build, full) == []


def test_a_changed_article_is_normalised_again(project_copy: Path, first_build: Path, tmp_path: Path):
    # An article's bytes and its documents row's checksum change together (the input pass checks them).
    grow(project_copy)
    build_warehouse(first_build, project=project_copy, quiet=True)
    article = next((project_copy / "sources" / "articles").glob("*.txt"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("。", "。 ", 1), encoding="utf-8")
    documents = corpus_file("documents", project_copy)
    with documents.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    record_checksum(documents, fields, rows, article)
    assert build_warehouse(first_build, project=project_copy, quiet=True).reused
    full = tmp_path / "full" / "battlemap.duckdb"
    build_warehouse(full, project=project_copy, quiet=True, full=True)
    assert table_differences(first_build, full) == []


def test_a_changed_model_or_seed_schema_or_another_file_gives_a_full_build(project_copy: Path, first_build: Path):
    model = project_copy / "models" / "intermediate" / "int_documents_normalised.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert not build_warehouse(first_build, project=project_copy, quiet=True).reused
    schema = project_copy / "seeds" / "_seeds.yml"
    schema.write_text(schema.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert not build_warehouse(first_build, project=project_copy, quiet=True).reused
    # The same code again: reused; then the file replaced by another (a plain dbt build, a copy): full.
    assert build_warehouse(first_build, project=project_copy, quiet=True).reused
    other = first_build.with_name("other.duckdb")
    shutil.copy2(first_build, other)
    other.replace(first_build)
    assert not build_warehouse(first_build, project=project_copy, quiet=True).reused


def test_a_bad_added_row_still_stops_the_build_with_its_message(project_copy: Path, first_build: Path):
    # A row only dbt refuses (docs/scale.md: a prefecture's own code listed as a county's, which dim_city's code test
    # rejects): the build that would reuse documents fails on it like a full build, and keeps the warehouse.
    before = digest(first_build)
    append_rows(project_copy, "cities", [{"city_id": "dongguan_county", "admin_code": "441900", "note": ""}])
    with pytest.raises(BuildError) as failure:
        build_warehouse(first_build, project=project_copy, quiet=True)
    message = str(failure.value)
    assert "dbt build failed" in message and "dim_city" in message, message
    assert digest(first_build) == before


def test_a_bad_added_quote_is_still_refused_by_the_input_pass(project_copy: Path, first_build: Path):
    before = digest(first_build)
    grow(project_copy)
    (row, *_) = fixture_rows("observations")
    append_rows(project_copy, "observations", [{**row, "observation_id": f"{row['observation_id']}_bad", "quote": "这句话不在文中"}])
    with pytest.raises(BuildError) as failure:
        build_warehouse(first_build, project=project_copy, quiet=True)
    message = str(failure.value)
    assert "problem(s) in the inputs" in message and "observations.csv" in message and "_bad" in message, message
    assert digest(first_build) == before


def test_the_input_pass_reuses_unchanged_articles_texts_and_checks_a_changed_article_anew(project_copy: Path, first_build: Path):
    # The texts it may take from the warehouse are exactly what it would compute: every article's, by name and checksum.
    from battlemap.build.incremental import known_texts
    from battlemap.read.text import normalise_text

    articles = sorted((project_copy / "sources" / "articles").glob("*.txt"))
    texts = known_texts(first_build)
    assert len(texts) == len(articles) == 5
    for article in articles:
        data = article.read_bytes()
        assert texts[(article.name, hashlib.sha256(data).hexdigest())] == normalise_text(data.decode("utf-8"))
    # An article changed (and its checksum with it) loses a figure's quote: the input pass of a build that reuses the
    # other articles' texts still refuses that figure, naming it, and the warehouse is kept.
    documents = corpus_file("documents", project_copy)
    with documents.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    files = {row["document_id"]: row["file_name"] for row in rows}
    observations = corpus_file("observations", project_copy)
    with observations.open(encoding="utf-8-sig", newline="") as handle:
        figures = list(csv.DictReader(handle))
    figure = next(f for f in figures if f["quote"] in (project_copy / "sources" / "articles" / files[f["document_id"]]).read_text("utf-8"))
    article = project_copy / "sources" / "articles" / files[figure["document_id"]]
    article.write_text(article.read_text(encoding="utf-8").replace(figure["quote"], ""), encoding="utf-8")
    record_checksum(documents, fields, rows, article)
    before = digest(first_build)
    with pytest.raises(BuildError) as failure:
        build_warehouse(first_build, project=project_copy, quiet=True)
    message = str(failure.value)
    assert "problem(s) in the inputs" in message and figure["observation_id"] in message, message
    assert "is not in the normalised text" in message, message
    assert digest(first_build) == before


def test_the_fingerprint_lists_every_installed_distribution():
    # The code fingerprint names the installed distributions by their metadata folders (one listing of each folder of
    # sys.path): the very distributions, names and versions that importlib.metadata reads one METADATA file each for.
    from importlib import metadata

    from battlemap.build.incremental import installed_distributions

    listed = {Path(folder).name for folder in installed_distributions()}
    for distribution in metadata.distributions():
        folder = Path(str(distribution._path)).name  # type: ignore[attr-defined]
        assert folder in listed, folder
        if folder.endswith(".dist-info"):
            assert distribution.version in folder, folder
