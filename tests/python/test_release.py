"""`battlemap release VERSION`: the folder and zip, the data package (validated by `frictionless validate`), the
codebook, citation, sources and the changes against the previous release — including a second release after
a report is added (tests/fixtures/grow/) — formula-safe CSV, the errors, and the Data releases page."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polars as pl
import pytest
import yaml
from app_support import APP_MAIN, edit_warehouse
from grow_support import grow
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from battlemap.build.atomic_build import build_warehouse
from battlemap.check.contracts import mart_contracts
from battlemap.cli import app
from battlemap.serve.explorer.downloads import to_csv
from battlemap.serve.release.build import BadVersionError, ReleaseError, describe, make_release, parse_version
from battlemap.shared.paths import copy_build_inputs, corpus_file, project_dir
from battlemap.shared.safe_csv import FORMULA_STARTS, neutralise, to_csv_bytes
from battlemap.shared.seed_schema import vocabulary

CREATED = "2026-12-07"
MARTS = len(list((project_dir() / "models" / "marts").glob("*.sql")))  # every mart is released
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def read_csv(path_or_bytes) -> list[dict[str, str]]:
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def seed_rows(name: str) -> list[dict[str, str]]:
    with corpus_file(name, project_dir()).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# --- formula-safe CSV -----------------------------------------------------------------------------
def test_cells_that_start_like_a_formula_are_neutralised_and_numbers_stay_numbers():
    for start in FORMULA_STARTS:
        assert neutralise(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"
    assert neutralise("总投资3552亿元") == "总投资3552亿元" and neutralise("a=b") == "a=b" and neutralise(None) is None
    frame = pl.DataFrame(
        {"text": ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "＝1", "泉州市", None],
         "number": [-1.5, 2.0, None, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
         "ids": [["qz_01", "qz_02"], [], None, ["a"], ["b"], ["c"], ["d"], ["e"], ["f"]]}
    )  # fmt: skip
    rows = read_csv(to_csv_bytes(frame))
    assert [row["text"] for row in rows] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "'＝1", "泉州市", ""]
    assert [row["number"] for row in rows][:3] == ["-1.5", "2.0", ""]  # a negative number is a number, not a formula
    assert json.loads(rows[0]["ids"]) == ["qz_01", "qz_02"] and rows[2]["ids"] == ""
    assert to_csv(frame) == to_csv_bytes(frame)  # the app's downloads use the same writer


# --- versions and errors --------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "1.0", "2026.12", "2026.13.0", "2026.0.1", "v2026.12.0", "2026.12.0-rc1", "2026.12.x", "../2026.12.0"])
def test_a_bad_version_string_is_refused(text):
    with pytest.raises(BadVersionError, match="YEAR.MONTH.N"):
        parse_version(text)


def test_versions_compare_as_numbers():
    assert parse_version("2026.12.0") < parse_version("2026.12.10") < parse_version("2027.1.0")


def test_the_command_names_each_error_and_writes_nothing(built_warehouse: Path, tmp_path: Path):
    runner, out = CliRunner(), tmp_path / "releases"
    bad = runner.invoke(app, ["release", "2026.13.0", "--warehouse", str(built_warehouse), "--output-dir", str(out)])
    assert bad.exit_code == 2 and "bad version '2026.13.0'" in bad.output
    missing = runner.invoke(app, ["release", "2026.12.0", "--warehouse", str(tmp_path / "none.duckdb"), "--output-dir", str(out)])
    assert missing.exit_code == 2 and "No warehouse at" in missing.output and "battlemap build" in missing.output
    assert not out.exists() or not any(out.iterdir())
    first = runner.invoke(app, ["release", "2026.12.0", "--warehouse", str(built_warehouse), "--output-dir", str(out)])
    assert first.exit_code == 0, first.output
    assert "the data package validates" in first.output and "72 added" in first.output
    again = runner.invoke(app, ["release", "2026.12.0", "--warehouse", str(built_warehouse), "--output-dir", str(out)])
    assert again.exit_code == 1 and "2026.12.0 is already released" in again.output and "2026.12.1" in again.output
    older = runner.invoke(app, ["release", "2026.11.5", "--warehouse", str(built_warehouse), "--output-dir", str(out)])
    assert older.exit_code == 1 and "older than release 2026.12.0" in older.output
    assert sorted(p.name for p in out.iterdir()) == ["battlemap-2026.12.0", "battlemap-2026.12.0.zip"]  # nothing half-written


def test_a_warehouse_built_with_failing_tests_is_not_released(warehouse_copy: Path, tmp_path: Path):
    edit_warehouse(warehouse_copy, "update main.build_info set all_passed = false")
    with pytest.raises(ReleaseError, match="failing tests"):
        make_release("2026.12.0", warehouse=warehouse_copy, output_dir=tmp_path / "releases")
    assert not (tmp_path / "releases").exists()


# --- a first release ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def first(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("releases")
    return make_release("2026.12.0", warehouse=built_warehouse, output_dir=out, created=CREATED)


def test_the_release_holds_every_mart_as_parquet_and_csv(first, built_warehouse: Path):
    folder = first.folder
    assert folder.name == "battlemap-2026.12.0" and first.zip_path.name == "battlemap-2026.12.0.zip"
    contracts = mart_contracts()
    assert len(contracts) == MARTS
    for mart, columns in contracts.items():
        parquet = pl.read_parquet(folder / "data" / f"{mart}.parquet")
        assert parquet.columns == list(columns), mart
        rows = read_csv(folder / "data" / f"{mart}.csv")
        assert len(rows) == parquet.height and list(rows[0] if rows else columns) == list(columns), mart
    with zipfile.ZipFile(first.zip_path) as archive:
        inside = sorted(name.removeprefix("battlemap-2026.12.0/") for name in archive.namelist())
    assert inside == sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_frictionless_validate_passes_on_the_package(first):
    result = subprocess.run([str(FRICTIONLESS), "validate", "datapackage.json"], cwd=first.folder, capture_output=True,
                            text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "INVALID" not in result.stdout


def test_a_changed_file_no_longer_validates(first, tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(first.folder, copy)
    path = copy / "data" / "dim_city.csv"
    path.write_bytes(path.read_bytes().replace(b"Leling", b"Lelinh"))
    from battlemap.serve.release.datapackage import validate

    assert any("hash" in problem for problem in validate(copy / "datapackage.json"))


def test_the_data_package_schemas_are_the_contracts_with_docs_and_units(first):
    package = json.loads((first.folder / "datapackage.json").read_text(encoding="utf-8"))
    assert (package["name"], package["version"]) == ("battlemap", "2026.12.0")
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) == set(mart_contracts()) | {"sources", "changes"}
    observation = {field["name"]: field for field in resources["fct_observation"]["schema"]["fields"]}
    assert list(observation) == list(mart_contracts()["fct_observation"])
    assert observation["observation_id"]["constraints"] == {"required": True, "unique": True}
    assert observation["is_target"]["type"] == "boolean" and observation["as_of_date"]["type"] == "date"
    assert observation["scope_level"]["constraints"]["enum"] == vocabulary("observations", "scope_level")
    assert observation["quote"]["description"]  # the yml's description
    assert resources["fct_observation"]["schema"]["primaryKey"] == ["observation_id"]
    to_city = {"fields": ["city_id"], "reference": {"resource": "dim_city", "fields": ["city_id"]}}
    assert to_city in resources["fct_observation"]["schema"]["foreignKeys"]
    figure = {field["name"]: field for field in resources["fct_figure"]["schema"]["fields"]}
    assert figure["document_ids"]["type"] == "array"
    metrics = {row["metric_id"]: row for row in seed_rows("metrics")}
    comparison = {field["name"]: field for field in resources["mart_city_comparison"]["schema"]["fields"]}
    for column in ("total_investment", "investment_completion_rate", "start_rate", "project_count"):
        assert comparison[column]["unit"] == metrics[column]["base_unit"]
        assert metrics[column]["definition"] in comparison[column]["description"]
    assert resources["dim_city"]["parquet"]["path"] == "data/dim_city.parquet"
    assert resources["dim_city"]["hash"].startswith("sha256:") and resources["dim_city"]["encoding"] == "utf-8-sig"


def test_the_codebook_has_a_page_in_each_language_from_the_catalogues(first):
    english = (first.folder / "codebook.en.md").read_text(encoding="utf-8")
    chinese = (first.folder / "codebook.zh.md").read_text(encoding="utf-8")
    assert english.startswith("# battlemap 2026.12.0: codebook") and "## Metrics" in english
    assert chinese.startswith("# battlemap 2026.12.0:数据说明") and "## 指标" in chinese and "## 限定词" in chinese
    for row in seed_rows("metrics"):
        assert f"`{row['metric_id']}`" in english and row["definition"].split()[0] in english
        assert row["name_zh"] in chinese
    for row in seed_rows("units"):
        assert f"| {row['unit_as_written']} |" in english
    for value in vocabulary("observations", "scope_level") + vocabulary("observations", "qualifier"):
        assert f"`{value}`" in english and f"`{value}`" in chinese
    assert "不少于" in chinese and "逾" in chinese  # the app's label of at_least, and one of its words
    for mart in mart_contracts():
        assert f"### `{mart}`" in english and f"### `{mart}`" in chinese
    # The figure's health fields (meta: {health: true} in fct_figure.yml), in both pages.
    assert "## Figure health" in english and "## 数字健康度" in chinese
    for field in ("source_count", "agreeing_sources", "reviewed", "confidence", "carried_forward", "recommended_for_aggregates"):
        assert f"`fct_figure.{field}`" in english and f"`fct_figure.{field}`" in chinese


def test_citation_and_sources(first):
    citation = yaml.safe_load((first.folder / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["version"] == "2026.12.0"
    assert citation["date-released"] == CREATED and citation["type"] == "dataset" and citation["authors"]
    sources = read_csv(first.folder / "sources.csv")
    documents = {row["document_id"]: row for row in seed_rows("documents")}
    assert sorted(row["document_id"] for row in sources) == sorted(documents)
    for row in sources:
        assert row["sha256"] == documents[row["document_id"]]["sha256"]
        assert (row["url"], row["retrieval_date"], row["licence_terms"]) == ("", "", "")  # not known: empty, never invented
        assert "raw_text" not in row and "normalised_text" not in row
    changes = read_csv(first.folder / "changes.csv")
    assert len(changes) == 72 and {row["change"] for row in changes} == {"added"}


def test_csv_cells_that_look_like_formulas_are_neutralised_in_the_release(warehouse_copy: Path, tmp_path: Path):
    edit_warehouse(warehouse_copy, """update dim_city set name_en = '=HYPERLINK("http://evil","x")' where city_id = 'leling'""")
    made = make_release("2026.12.0", warehouse=warehouse_copy, output_dir=tmp_path, created=CREATED)
    (leling,) = [row for row in read_csv(made.folder / "data" / "dim_city.csv") if row["city_id"] == "leling"]
    assert leling["name_en"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    parquet = pl.read_parquet(made.folder / "data" / "dim_city.parquet").filter(pl.col("city_id") == "leling")
    assert parquet["name_en"][0] == '=HYPERLINK("http://evil","x")'  # Parquet keeps the value as stored


# --- a second release after a report is added -------------------------------------------------------
@pytest.fixture(scope="module")
def grown_release(first, tmp_path_factory: pytest.TempPathFactory):
    """The project grown by tests/fixtures/grow/ (a second Quanzhou report, a second outlet on Zhumadian's meeting, a new
    county), one of the new documents with a known origin, built and released as 2026.12.1 beside the first."""
    root = tmp_path_factory.mktemp("grown-release")
    project = grow(copy_build_inputs(root / "project"))
    path = corpus_file("documents", project)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    for row in rows:
        if row["document_id"] == "pujiang_2023_h1":
            row.update(url="https://example.org/pujiang/2023-h1.html", retrieval_date="2024-07-02", licence_terms="Terms of the outlet")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    warehouse = root / "battlemap.duckdb"
    build_warehouse(warehouse, project=project, quiet=True)
    return make_release("2026.12.1", warehouse=warehouse, project=project, output_dir=first.folder.parent, created=CREATED)


def test_the_second_release_lists_the_new_reports_figures_per_place(grown_release):
    assert grown_release.previous == "2026.12.0"
    changes = read_csv(grown_release.folder / "changes.csv")
    added = {row["new_observation_ids"]: row for row in changes if row["change"] == "added"}
    for observation_id in ("qz3_01", "qz3_02", "qz3_03", "qz3_04", "pj_01", "pj_02", "pj_03", "pj_04", "pj_05"):
        assert observation_id in added, observation_id
    assert added["qz3_01"]["city_id"] == "quanzhou" and added["qz3_01"]["as_of_date"] == "2022-09-30"
    assert float(added["qz3_01"]["new_value"]) == pytest.approx(468e8) and added["qz3_01"]["old_value"] == ""
    assert added["pj_01"]["place_zh"] == "浦江县" and added["pj_01"]["place_en"] == "Pujiang"
    (changed,) = [row for row in changes if row["change"] == "changed"]
    # The second outlet disagrees on Zhumadian's completed investment: the figure becomes a conflict, its value NULL.
    # A figure's identity: campaign, scope, metric, as-of date, period and target flag (issue 17).
    assert changed["figure_id"] == "zhumadian_2017_baicheng:city:驻马店市:completed_investment:2017-05-15:to_date:state"
    assert float(changed["old_value"]) == pytest.approx(30.4e8) and changed["new_value"] == ""
    assert "is_conflicting" in changed["changed_fields"]
    assert changed["old_observation_ids"] == "zm_07" and changed["new_observation_ids"] == "zm_07, zm2_03"
    assert not [row for row in changes if row["change"] == "removed"]
    assert (grown_release.added, grown_release.changed, grown_release.removed) == (len(added), 1, 0)
    markdown = (grown_release.folder / "changes.md").read_text(encoding="utf-8")
    assert "since release 2026.12.0" in markdown and "## 浦江县 · Pujiang (`pujiang`)" in markdown
    assert "3,040,000,000 CNY → NULL (observations zm_07 → zm_07, zm2_03)" in markdown


def test_the_second_release_validates_and_carries_the_known_origin(grown_release):
    from battlemap.serve.release.datapackage import validate

    assert validate(grown_release.folder / "datapackage.json") == []
    sources = {row["document_id"]: row for row in read_csv(grown_release.folder / "sources.csv")}
    assert len(sources) == 8
    pujiang = sources["pujiang_2023_h1"]
    assert (pujiang["url"], pujiang["retrieval_date"], pujiang["licence_terms"]) == (
        "https://example.org/pujiang/2023-h1.html", "2024-07-02", "Terms of the outlet")
    package = json.loads((grown_release.folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {"path": "https://example.org/pujiang/2023-h1.html"}.items() <= next(
        s for s in package["sources"] if s["title"].startswith("pujiang_2023_h1")).items()


def test_a_release_is_read_back_from_its_zip(grown_release):
    info = describe("2026.12.1", grown_release.zip_path)
    assert (info.created, info.tables) == (CREATED, MARTS)
    assert info.changes == {"added": grown_release.added, "changed": 1, "removed": 0}
    assert "release 2026.12.1" in info.citation
    assert zipfile.ZipFile(io.BytesIO(info.zip_bytes())).testzip() is None


# --- the Data releases page ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang, latest, cite", [("en", "Latest release: 2026.12.1", "Cite as"), ("zh", "最新发布:2026.12.1", "引用格式")])
def test_the_data_releases_page_offers_the_latest_release(monkeypatch, grown_release, lang, latest, cite):
    monkeypatch.setenv("BATTLEMAP_RELEASES", str(grown_release.folder.parent))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(grown_release.folder.parent / "no-warehouse.duckdb"))  # not needed
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/releases.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.subheader][0] == latest
    assert any(cite in m.value for m in at.markdown)
    assert "release 2026.12.1" in at.code[0].value
    buttons = at.get("download_button")
    assert len(buttons) == 2  # the latest and the earlier one


def test_the_data_releases_page_without_releases(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("BATTLEMAP_RELEASES", str(tmp_path / "none"))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    at.run()
    at.switch_page("views/releases.py")
    at.run()
    assert not at.exception
    assert "No release has been made yet" in at.info[0].value
    assert "battlemap release" in at.code[0].value
