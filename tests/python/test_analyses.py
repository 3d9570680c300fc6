"""The dbt analyses compile with `dbt compile`, run against a freshly built warehouse, and say what they claim."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml

from battlemap.serve.notebooks import AnalysisError, analysis_names, compile_analyses, main, run_compiled
from battlemap.shared.paths import project_dir

PROJECT = project_dir()
ANALYSES_DIR = PROJECT / "analyses"
ANALYSES = analysis_names()
EXPECTED = {"cross_city_investment_ranking", "sub_city_scopes_vs_city", "targets_vs_achievements", "provenance_audit"}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every analysis compiled once, into a private target path (never the project's target/)."""
    return compile_analyses(tmp_path_factory.mktemp("analyses"))


@pytest.fixture(scope="module")
def results(compiled: Path, built_warehouse: Path) -> dict[str, pl.DataFrame]:
    return {name: run_compiled((compiled / f"{name}.sql").read_text(encoding="utf-8"), built_warehouse) for name in ANALYSES}


def documented() -> dict[str, dict]:
    spec = yaml.safe_load((ANALYSES_DIR / "_analyses.yml").read_text(encoding="utf-8"))
    return {entry["name"]: entry for entry in spec["analyses"]}


def test_the_four_analyses_exist():
    assert EXPECTED <= set(ANALYSES)


def test_every_analysis_has_a_header_comment_and_a_description():
    described = documented()
    assert set(described) == set(ANALYSES), "analyses/_analyses.yml and analyses/*.sql disagree"
    for name in ANALYSES:
        first_line = (ANALYSES_DIR / f"{name}.sql").read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("-- ") and len(first_line) > 20, f"{name}.sql needs a header comment"
        assert len(described[name].get("description", "").split()) >= 15, f"{name} needs a description"


def test_every_analysis_compiles_to_plain_sql(compiled: Path):
    assert {path.stem for path in compiled.glob("*.sql")} == set(ANALYSES)
    for name in ANALYSES:
        sql = (compiled / f"{name}.sql").read_text(encoding="utf-8")
        assert "{{" not in sql and "{%" not in sql, f"{name}: Jinja left after compiling"
        # ref() resolved to the marts in the catalog run_compiled attaches.
        assert re.search(r'"battlemap"\."main"\."(fct|dim|mart)_\w+"', sql), name


def test_compiling_never_touches_the_real_warehouse_or_target(compiled: Path):
    # The compile fixture wrote its throwaway database and target under its own folder.
    work = compiled.parents[3]
    assert (work / "compile" / "battlemap.duckdb").exists()
    assert not str(compiled).startswith(str(PROJECT / "target"))


@pytest.mark.parametrize("name", ANALYSES)
def test_analysis_runs_against_the_warehouse_and_returns_rows(name: str, results: dict[str, pl.DataFrame]):
    frame = results[name]
    assert frame.height > 0
    missing = {column["name"] for column in documented()[name].get("columns", [])} - set(frame.columns)
    assert not missing, f"{name}: documented columns not in the result: {missing}"


def test_ranking_is_achievements_only_with_as_of_dates_and_pace_first(results: dict[str, pl.DataFrame]):
    ranking = results["cross_city_investment_ranking"]
    assert set(ranking["city_id"]) == {"quanzhou", "fuzhou", "zhumadian", "leling"}  # not Qingtian's plan
    assert ranking["as_of_date"].null_count() == 0

    quanzhou = ranking.row(by_predicate=pl.col("city_id") == "quanzhou", named=True)
    assert quanzhou["investment_completion_rate"] == pytest.approx(199 / 555, abs=1e-12)
    assert quanzhou["as_of_date"] == date(2022, 5, 31)
    assert quanzhou["days_elapsed"] == 151
    assert quanzhou["pace_index"] == pytest.approx((199 / 555) / (151 / 365), abs=1e-12)
    assert (quanzhou["pace_rank"], quanzhou["completion_rank"]) == (1, 1)
    assert quanzhou["completed_investment_quote"] == "第一批项目完成投资199亿元"

    ranked = ranking.filter(pl.col("pace_rank").is_not_null())
    assert ranked["city_id"].to_list() == ["quanzhou", "zhumadian"]
    assert ranked["pace_index"].to_list() == sorted(ranked["pace_index"].to_list(), reverse=True)
    assert ranked["not_ranked_reason"].null_count() == ranked.height

    unranked = ranking.filter(pl.col("pace_rank").is_null())
    assert set(unranked["city_id"]) == {"fuzhou", "leling"}
    assert unranked["investment_completion_rate"].null_count() == unranked.height  # NULL, never 0
    assert all(reason.startswith("Not ranked:") for reason in unranked["not_ranked_reason"])


def test_ranking_leaves_out_targets_even_when_they_look_rankable(compiled: Path, warehouse_copy: Path):
    """Give Qingtian's plan a completion rate, and make Zhumadian's completed investment a target: neither is ranked."""
    connection = duckdb.connect(str(warehouse_copy))
    try:
        connection.execute(
            "update main.fct_campaign_progress set completed_investment = 9e9, annual_planned_investment = 1e10, "
            "investment_completion_rate = 0.9, pace_index = 5.0 where city_id = 'qingtian'"
        )
        connection.execute("update main.fct_observation set is_target = true where observation_id = 'zm_07'")
    finally:
        connection.close()
    ranking = run_compiled((compiled / "cross_city_investment_ranking.sql").read_text(encoding="utf-8"), warehouse_copy)
    assert "qingtian" not in ranking["city_id"].to_list()
    zhumadian = ranking.row(by_predicate=pl.col("city_id") == "zhumadian", named=True)
    assert zhumadian["pace_rank"] is None
    assert "target" in zhumadian["not_ranked_reason"]
    assert ranking.filter(pl.col("pace_rank").is_not_null())["city_id"].to_list() == ["quanzhou"]


def test_sub_city_scopes_carry_the_near_200_caveat_through(results: dict[str, pl.DataFrame]):
    scopes = results["sub_city_scopes_vs_city"]
    assert scopes["scope_id"].is_unique().all()

    fuzhou = scopes.filter(pl.col("city_id") == "fuzhou", pl.col("scope_level") == "district")
    assert set(fuzhou["scope_name"]) == {"仓山区", "晋安区", "福清市"}
    assert set(fuzhou["city_project_count"]) == {1755}

    cangshan = fuzhou.row(by_predicate=pl.col("scope_name") == "仓山区", named=True)
    assert cangshan["project_count_qualifier"] == "at_most"
    assert cangshan["project_count_as_written"] == "200个"
    assert cangshan["share_of_city_projects_upper"] == pytest.approx(200 / 1755)
    assert cangshan["share_of_city_projects_lower"] is None  # 近200 gives no lower bound
    assert "近" in cangshan["caveat"] and "at most 11.4%" in cangshan["caveat"]

    for name, count in (("晋安区", 216), ("福清市", 479)):
        row = fuzhou.row(by_predicate=pl.col("scope_name") == name, named=True)
        assert row["share_of_city_projects_lower"] == row["share_of_city_projects_upper"] == pytest.approx(count / 1755)

    # Districts add up, as bounds: at most 200 + 216 + 479, and no lower bound because of 近200.
    assert set(fuzhou["districts_project_count_upper"]) == {895}
    assert fuzhou["districts_project_count_lower"].null_count() == fuzhou.height
    assert all("at most 895 of the city's 1755" in caveat for caveat in fuzhou["caveat"])

    # Programmes are never added up, and Qingtian's are targets.
    programmes = scopes.filter(pl.col("scope_level") == "programme")
    assert programmes["districts_project_count_upper"].null_count() == programmes.height
    assert scopes.filter(pl.col("city_id") == "qingtian")["is_target"].all()
    bonds = scopes.row(by_predicate=pl.col("scope_name") == "2023年政府专项债券项目", named=True)
    assert bonds["share_of_city_investment"] > 1 and "different list" in bonds["caveat"]


def test_targets_and_achievements_stay_in_separate_columns(results: dict[str, pl.DataFrame]):
    table = results["targets_vs_achievements"]
    qingtian = table.filter(pl.col("city_id") == "qingtian")
    assert qingtian.height > 0
    assert qingtian["achievement_value"].null_count() == qingtian.height
    assert set(qingtian["figure_kind"]) == {"target"}
    assert qingtian.row(by_predicate=pl.col("metric_id") == "project_count", named=True)["target_value"] == 162
    assert set(qingtian["target_due_by"]) == {date(2023, 12, 25)}
    assert qingtian["achievement_figures_all_scopes"].to_list() == [0] * qingtian.height

    counts = table.filter(pl.col("metric_id") == "project_count", pl.col("city_id") != "qingtian")
    assert dict(zip(counts["city_id"], counts["achievement_value"])) == {
        "fuzhou": 1755, "quanzhou": 741, "zhumadian": 532, "leling": 103,
    }
    assert counts["target_value"].null_count() == counts.height

    plan = table.row(by_predicate=(pl.col("city_id") == "quanzhou") & (pl.col("metric_id") == "annual_planned_investment"), named=True)
    assert (plan["target_value"], plan["achievement_value"], plan["figure_kind"]) == (555e8, None, "target")

    # The kind always agrees with which side holds a value.
    for row in table.iter_rows(named=True):
        sides = (row["achievement_value"] is not None, row["target_value"] is not None)
        assert sides == {"achievement": (True, False), "target": (False, True), "both": (True, True)}[row["figure_kind"]]


def test_provenance_audit_cites_every_figure_at_its_place(results: dict[str, pl.DataFrame], built_warehouse: Path):
    audit = results["provenance_audit"]
    connection = duckdb.connect()
    try:
        connection.execute(f"ATTACH '{built_warehouse}' AS wh (READ_ONLY)")
        observation_ids = {row[0] for row in connection.sql("select observation_id from wh.main.fct_observation").fetchall()}
        texts = {
            row[0]: row[1:]
            for row in connection.sql("select document_id, normalised_text, raw_text, file_name, sha256 from wh.main.dim_document").fetchall()
        }
        spans = connection.sql("select document_id, char_start, char_end from wh.main.fct_garbled_span").fetchall()
    finally:
        connection.close()

    assert audit.height == len(observation_ids) and set(audit["observation_id"]) == observation_ids
    for row in audit.iter_rows(named=True):
        normalised, raw, file_name, sha256 = texts[row["document_id"]]
        assert normalised[row["char_start"]:row["char_end"]] == row["quote"], row["observation_id"]
        assert raw[row["raw_char_start"]:row["raw_char_end"]] == row["raw_quote"], row["observation_id"]
        assert (row["file_name"], row["sha256"]) == (file_name, sha256)
        assert file_name in row["citation"] and f"“{row['quote']}”" in row["citation"]
        overlapping = sum(
            1 for doc, start, end in spans if doc == row["document_id"] and start < row["char_end"] and row["char_start"] < end
        )
        assert row["quote_garbled_span_count"] == overlapping, row["observation_id"]


def test_command_line_runs_an_analysis_to_csv(built_warehouse: Path, tmp_path: Path):
    out = tmp_path / "ranking.csv"
    assert main(["analysis", "cross_city_investment_ranking", "--warehouse", str(built_warehouse), "--csv", str(out)]) == 0
    frame = pl.read_csv(out)
    assert frame["city_id"].to_list()[:2] == ["quanzhou", "zhumadian"]


def test_command_line_rejects_an_unknown_analysis(built_warehouse: Path, capsys):
    assert main(["analysis", "no_such_analysis", "--warehouse", str(built_warehouse)]) == 1
    assert "Unknown analysis: no_such_analysis" in capsys.readouterr().err


def test_a_broken_analysis_fails_to_compile_with_dbt_s_message(project_copy: Path, tmp_path: Path):
    shutil.copytree(ANALYSES_DIR, project_copy / "analyses", ignore=shutil.ignore_patterns("notebooks"))
    (project_copy / "analyses" / "broken.sql").write_text("select * from {{ ref('no_such_model') }}\n", encoding="utf-8")
    with pytest.raises(AnalysisError, match="no_such_model"):
        compile_analyses(tmp_path / "work", project=project_copy)


def test_running_against_a_missing_warehouse_says_how_to_build_one(tmp_path: Path):
    with pytest.raises(AnalysisError, match="battlemap build"):
        run_compiled("select 1", tmp_path / "missing.duckdb")
