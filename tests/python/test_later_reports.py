"""Later reports of an existing campaign, as a new user adds them (issue 17): a second and a third report of
Quanzhou's 2022 campaign go through `battlemap extract` → `add-document --campaign <existing>` → review →
`accept` → `battlemap build`. The as-of date is read from each text, a target and its achievement of one
metric are accepted side by side, and the progress mart and the City page's burn-up have three points."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from battlemap.build.atomic_build import build_warehouse
from battlemap.review.add_document import add_document
from battlemap.review.errors import ReviewError
from battlemap.shared.paths import corpus_file
from battlemap.shared.warehouse import reading

LATER = Path(__file__).resolve().parents[1] / "fixtures" / "later_reports"
CAMPAIGN = "quanzhou_2022_chengjian"
# What the reviewer keeps of each report: (figure as written) -> the cells the reviewer makes right.
REVIEWED = {
    "quanzhou_2022_jul.txt": {
        "301亿元": {"metric_id": "completed_investment", "is_target": "false", "period": "to_date"},
        "54.2%": {"metric_id": "investment_completion_rate", "is_target": "false", "period": "to_date"},
    },
    "quanzhou_2022_oct.txt": {
        "452亿元": {"metric_id": "completed_investment", "is_target": "false", "period": "to_date"},
        # A target beside its achievement, both city-wide in one document (年度计划新开工项目120个，1—10月新开工项目96个).
        "120个": {"metric_id": "projects_started", "is_target": "true", "period": "year"},
        "96个": {"metric_id": "projects_started", "is_target": "false", "period": "months:1-10"},
    },
}


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    battlemap = str(Path(sys.executable).with_name("battlemap"))
    env = {"BATTLEMAP_PROJECT_DIR": str(project), "PATH": "/usr/bin:/bin"}
    if os.environ.get("PYTHONPATH"):  # a worktree runs its own source
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run([battlemap, *args], capture_output=True, text=True, env=env, timeout=300, cwd=project)


def review_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:  # review CSVs carry a BOM
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def review(path: Path, keep: dict[str, dict[str, str]]) -> None:
    """Mark the rows of the figures to keep (y) and correct their cells, as a reviewer does in a spreadsheet:
    the campaign is Quanzhou's first batch (第一批), which the extractor reads as a programme and the warehouse
    holds as the campaign's city-wide figures (as the curated report does)."""
    header, rows = review_rows(path)
    found = set()
    for row in rows:
        written = row["value_as_written"] + row["unit_as_written"]
        if written in keep and written not in found:
            row.update({"accept": "y", "scope_level": "city", "scope_name": "泉州市", **keep[written]})
            found.add(written)
    assert found == set(keep), f"the extractor did not propose {set(keep) - found} in {path.name}"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def three_reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    from battlemap.shared.paths import copy_build_inputs

    root = tmp_path_factory.mktemp("later")
    project = copy_build_inputs(root / "project")
    outputs = {}
    for name, keep in REVIEWED.items():
        article = LATER / name
        extracted = run(project, "extract", str(article), "--city", "泉州市", "--format", "csv")
        assert extracted.returncode == 0, extracted.stderr
        assert "completed_investment" in extracted.stdout
        added = run(project, "add-document", str(article), "--city", "泉州市", "--campaign", CAMPAIGN)
        assert added.returncode == 0, added.stderr
        outputs[name] = added.stdout
        (line,) = [line for line in added.stdout.splitlines() if line.startswith("battlemap accept") or "battlemap accept" in line]
        review_csv = project / line.split("battlemap accept", 1)[1].strip()
        review(review_csv, keep)
        accepted = run(project, "accept", str(review_csv))
        assert accepted.returncode == 0, accepted.stderr + accepted.stdout
        assert f"Appended {len(keep)} observations" in accepted.stdout
    warehouse = root / "battlemap.duckdb"
    build_warehouse(warehouse, project=project, quiet=True)
    return project, warehouse, outputs


def test_the_as_of_date_is_read_from_each_text_and_the_ids_are_documents(three_reports):
    project, _, outputs = three_reports
    assert "As of 2022-07-31: as-of date 2022-07-31 read from the text (截至7月底)" in outputs["quanzhou_2022_jul.txt"]
    assert "As of 2022-10-31: as-of date 2022-10-31 read from the text (截至10月底)" in outputs["quanzhou_2022_oct.txt"]
    with corpus_file("documents", project).open(encoding="utf-8", newline="") as handle:
        documents = {row["document_id"]: row for row in csv.DictReader(handle) if row["campaign_id"] == CAMPAIGN}
    assert sorted(documents) == ["quanzhou_2022", "quanzhou_20220731", "quanzhou_20221031"]
    assert documents["quanzhou_20220731"]["as_of_date"] == "2022-07-31"
    assert documents["quanzhou_20220731"]["as_of_basis"] == "截至7月底 (read from the text)"
    with corpus_file("observations", project).open(encoding="utf-8", newline="") as handle:
        ids = [row["observation_id"] for row in csv.DictReader(handle) if row["document_id"] == "quanzhou_20221031"]
    assert ids == ["quanzhou_20221031_01", "quanzhou_20221031_02", "quanzhou_20221031_03"]


def test_three_reports_make_three_progress_rows(three_reports):
    _, warehouse, _ = three_reports
    with reading(warehouse) as con:
        result = con.execute(
            """select as_of_date::varchar, is_latest, completed_investment, investment_completion_rate,
                      annual_planned_investment_observation_id, carried_forward, projects_started,
                      projects_started_target, projects_started_target_period, projects_started_achievement_ratio
               from fct_campaign_progress where campaign_id = ? order by as_of_date""",
            [CAMPAIGN],
        ).fetchall()
    assert [(r[0], r[1]) for r in result] == [("2022-05-31", False), ("2022-07-31", False), ("2022-10-31", True)]
    may, july, october = result
    assert may[3] == pytest.approx(199 / 555)
    assert july[2] == pytest.approx(301e8) and july[3] == pytest.approx(301 / 555)
    assert october[3] == pytest.approx(452 / 555)
    # The annual plan is the May report's, carried and cited.
    assert july[4] == october[4] == "qz_04"
    assert july[5] == october[5] == "project_count, total_investment, annual_planned_investment"
    # The target and its achievement, side by side: 96 started of 120 planned.
    assert october[6:] == (96, 120, "year", pytest.approx(0.8))


def test_the_city_page_burnup_has_three_points(monkeypatch, three_reports):
    from app_support import APP_MAIN
    from streamlit.testing.v1 import AppTest

    _, warehouse, _ = three_reports
    monkeypatch.setenv("BATTLEMAP_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("BATTLEMAP_I18N_STRICT", "1")
    at = AppTest.from_file(str(APP_MAIN), default_timeout=30)
    at.run()
    at.switch_page("views/city.py")
    at.query_params = {**at.query_params, "city": "quanzhou"}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    burnups = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        values = [row["completion"] for layer in spec.get("layer", [spec]) for row in layer.get("data", {}).get("values", []) if "completion" in row]
        if values:
            burnups.append(values)
    assert len(burnups) == 1
    # The three reports (35.9%, 54.2%, 81.4%) and the on-schedule diagonal (0%, 100%).
    assert sorted({round(v, 1) for v in burnups[0]}) == [0.0, 35.9, 54.2, 81.4, 100.0]


def test_a_later_report_never_takes_the_campaigns_date_silently(project_copy: Path, tmp_path: Path):
    same_day = tmp_path / "same_day.txt"
    same_day.write_text((LATER / "quanzhou_2022_jul.txt").read_text(encoding="utf-8").replace("截至7月底", "截至5月底"), encoding="utf-8")
    with pytest.raises(ReviewError, match=r"as-of date 2022-05-31 \(read from '截至5月底'\) is that of document 'quanzhou_2022'"):
        add_document(project_copy, same_day, "泉州市", CAMPAIGN)
    undated = tmp_path / "undated.txt"
    undated.write_text("（测试用虚构稿件）泉州市第一批项目完成投资301亿元。\n", encoding="utf-8")
    with pytest.raises(ReviewError, match="the text names no period .* give --as-of-date"):
        add_document(project_copy, undated, "泉州市", CAMPAIGN)
    # A second outlet's report of the same day is confirmed with --as-of-date, and then it is added.
    added = add_document(project_copy, same_day, "泉州市", CAMPAIGN, as_of_date="2022-05-31")
    assert (added.document_id, added.as_of_date) == ("quanzhou_20220531", "2022-05-31")


@pytest.mark.parametrize("document_id", ["quanzhou_2022_01", "leling_7", "Quanzhou"])
def test_a_document_id_cannot_look_like_an_observation_id(project_copy: Path, document_id: str):
    with pytest.raises(ReviewError, match="--document-id"):
        add_document(project_copy, LATER / "quanzhou_2022_jul.txt", "泉州市", CAMPAIGN, document_id=document_id)
