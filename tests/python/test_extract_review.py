"""The review flow on a copy of the project: add-document, then accept, then the build verifies the rows."""

from __future__ import annotations

import csv
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from battlemap.build.atomic_build import build_warehouse
from battlemap.review.accept import accept
from battlemap.review.add_document import NewCampaign, add_document
from battlemap.review.errors import ReviewError
from battlemap.review.review_file import REVIEW_COLUMNS
from battlemap.shared.paths import corpus_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
LELING_2024 = FIXTURES / "leling_2024_h1.txt"
NEW_LELING = NewCampaign("乐陵市2024年重点项目建设", 2024, "2024-06-30", "截至6月底 (end of June) 2024")


def cli_env(project: Path) -> dict[str, str]:
    """The environment of a `battlemap` subprocess on the copy (PYTHONPATH kept: a worktree runs its own source)."""
    env = {"BATTLEMAP_PROJECT_DIR": str(project), "PATH": "/usr/bin:/bin"}
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def seeds_bytes(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "seeds").glob("*.csv"))}


def mark(review: Path, accepted: set[int], changes: dict[int, dict[str, str]] | None = None) -> None:
    """Write y in the accept column of the given proposal numbers (1 = first data row), with cell changes."""
    table = rows(review)
    for number, row in enumerate(table, start=1):
        row["accept"] = "y" if number in accepted else ""
        row.update((changes or {}).get(number, {}))
    with review.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def test_add_document_copies_records_and_writes_the_review(project_copy):
    added = add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING, publisher="德州新闻网")
    assert added.article.read_bytes() == LELING_2024.read_bytes()
    (document,) = [r for r in rows(corpus_file("documents", project_copy)) if r["document_id"] == "leling_20240630"]
    assert document["sha256"] == hashlib.sha256(LELING_2024.read_bytes()).hexdigest()
    assert (document["city_id"], document["campaign_id"], document["script"]) == (
        "leling",
        "leling_2024_key_projects",
        "traditional",
    )
    assert (document["as_of_date"], document["as_of_basis"]) == ("2024-06-30", "截至6月底 (end of June) 2024")
    assert document["title_as_written"] == "樂陵市上半年重點項目建設提速增效"  # pinyin stripped, script kept
    (campaign,) = [r for r in rows(project_copy / "seeds" / "campaigns.csv") if r["campaign_id"] == "leling_2024_key_projects"]
    assert (campaign["city_id"], campaign["plan_year"], campaign["figures_are"]) == ("leling", "2024", "status")
    review = rows(added.review)
    assert list(review[0]) == list(REVIEW_COLUMNS) and REVIEW_COLUMNS[0] == "accept"
    assert len(review) == added.proposals == 17
    assert all(r["accept"] == "" and r["document"] == "leling_20240630" for r in review)
    assert len(rows(project_copy / "seeds" / "cities.csv")) == 5  # Leling was there


def test_a_new_place_is_written_as_its_slug_and_admin_code(project_copy):
    campaign = NewCampaign("临朐县重点项目百日攻坚", 2024, "2024-11-20", "截至11月20日")
    add_document(project_copy, FIXTURES / "linqu_hundred_days.txt", "临朐县", "linqu_2024_hundred_days", campaign)
    (city,) = [r for r in rows(project_copy / "seeds" / "cities.csv") if r["city_id"] == "linqu"]
    assert city["admin_code"] == "370724"

    # A place already in the seed is found by its code, not added twice.
    before = (project_copy / "seeds" / "cities.csv").read_text(encoding="utf-8")
    add_document(
        project_copy,
        FIXTURES / "nanyang_baicheng.txt",
        "南阳市",
        "nanyang_2024",
        NewCampaign("南阳市百城建设提质", 2024, "2024-04-30", "截至4月底"),
    )
    assert (project_copy / "seeds" / "cities.csv").read_text(encoding="utf-8") == before + "nanyang,411300,\n"  # the optional note column left empty


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p, f: add_document(p, f, "乐陵市", "no_such_campaign"), "'no_such_campaign' is not in seeds/campaigns.csv"),
        (lambda p, f: add_document(p, f, "不存在市", "leling_2023_key_projects"), "not a place in the national gazetteer"),
        (lambda p, f: add_document(p, f, "青田县", "leling_2023_key_projects"), "belongs to city 'leling', not 'qingtian'"),
        (
            lambda p, f: add_document(p, f, "乐陵市", "leling_2024", NewCampaign("x", 2024, "", "")),
            "the text suggests --as-of-date 2024-06-30 --as-of-basis '上半年'",
        ),
        (
            lambda p, f: add_document(
                p, f, "乐陵市", "leling_2024", NewCampaign("x", 2024, "2024-06-30", "b", campaign_type="war")
            ),
            "--campaign-type 'war' is not one of special_action, offensive",
        ),
    ],
)
def test_add_document_refusals_write_nothing(project_copy, call, message):
    before = seeds_bytes(project_copy)
    with pytest.raises(ReviewError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        call(project_copy, LELING_2024)
    assert seeds_bytes(project_copy) == before
    assert not (project_copy / "sources" / "articles" / LELING_2024.name).exists()


def test_add_document_refuses_a_file_added_before_and_gb18030(project_copy, tmp_path):
    curated = project_copy / "sources" / "articles" / "003_7eea95173eb1c055.txt"
    copy = tmp_path / "again.txt"
    copy.write_bytes(curated.read_bytes())
    with pytest.raises(ReviewError, match="already added, as document 'leling_2023'"):
        add_document(project_copy, copy, "乐陵市", "leling_2023_key_projects")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(LELING_2024.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(ValueError, match=r"gbk.txt: decoded from GB18030/GBK.*build reads UTF-8 only.*iconv -f GB18030 -t UTF-8"):
        add_document(project_copy, gbk, "乐陵市", "leling_2023_key_projects")


def test_accept_appends_marked_rows_with_fresh_ids_once(project_copy):
    added = add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING)
    mark(added.review, {1, 2, 3, 4})
    before = rows(corpus_file("observations", project_copy))
    result = accept(project_copy, added.review)
    assert result.ids == ["leling_20240630_01", "leling_20240630_02", "leling_20240630_03", "leling_20240630_04"] and result.skipped == 13
    after = rows(corpus_file("observations", project_copy))
    assert after[: len(before)] == before
    new = after[len(before) :]
    assert [r["metric_id"] for r in new] == ["project_count", "total_investment", "annual_planned_investment", "projects_started"]
    assert new[0]["campaign_id"] == "leling_2024_key_projects" and new[0]["scope_name_en"] == "Leling"
    assert new[2]["is_target"] == "true" and new[1]["quote"] == "总投资356.8亿元"
    again = accept(project_copy, added.review)
    assert again.ids == [] and again.already == result.ids
    assert rows(corpus_file("observations", project_copy)) == after


def test_accept_refuses_rows_that_do_not_fit_and_appends_nothing(project_copy):
    added = add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING)
    review = rows(added.review)
    city_project_counts = [
        n for n, r in enumerate(review, start=1) if r["metric_id"] == "project_count" and r["scope_level"] == "city"
    ]
    bad_period, bad_flag = [n for n in range(7, len(review) + 1) if n not in city_project_counts][:2]
    mark(
        added.review,
        {1, 2, 3, 4, 5, 6, bad_period, bad_flag, *city_project_counts},
        {
            2: {"quote": "总投资999亿元"},
            3: {"metric_id": "no_such_metric"},
            4: {"unit_as_written": "亩"},
            5: {"accept": "maybe"},
            6: {"qualifier": "roughly"},
            bad_period: {"period": "quarter:5"},
            bad_flag: {"is_target": "yes"},
        },
    )
    before = seeds_bytes(project_copy)
    with pytest.raises(ReviewError) as refused:
        accept(project_copy, added.review)
    message = str(refused.value)
    name = str(added.review)
    assert f"{name} line 3: quote '总投资999亿元' is not in the normalised text of document 'leling_20240630'" in message
    assert f"{name} line 4: metric_id 'no_such_metric' is not in seeds/metrics.csv" in message
    assert f"{name} line 5: unit '亩' measures m2, but metric 'projects_started' is in count" in message
    assert f"{name} line 6: accept is 'maybe'" in message
    assert f"{name} line 7: qualifier 'roughly' is not in seeds/qualifiers.csv" in message
    # A period that is not a period and a target flag that is not true/false: file, line and reason, as the build says them.
    assert f"{name} line {bad_period + 1}: period 'quarter:5' is not in seeds/periods.csv" in message
    assert f"{name} line {bad_flag + 1}: is_target 'yes' is not true or false" in message
    # The build's rule: one city-wide figure per document, metric, target flag, period and as-of date.
    second = city_project_counts[1] + 1
    assert f"{name} line {second}: document 'leling_20240630' already has a city-wide project_count" in message
    assert "as of 2024-06-30 (line 2): accept one of them, or correct this one's scope, period or target flag" in message
    assert "Nothing was appended to sources/curation/observations.csv" in message
    assert seeds_bytes(project_copy) == before


def test_cli_add_document_and_accept_messages_and_exit_codes(project_copy, monkeypatch):
    env = cli_env(project_copy)
    battlemap = str(Path(sys.executable).with_name("battlemap"))
    added = subprocess.run(
        [
            battlemap,
            "add-document",
            str(LELING_2024),
            "--city",
            "乐陵市",
            "--campaign",
            "leling_2024_key_projects",
            "--campaign-name",
            "乐陵市2024年重点项目建设",
            "--plan-year",
            "2024",
            "--as-of-date",
            "2024-06-30",
            "--as-of-basis",
            "截至6月底",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    assert "17 figures proposed in reviews/leling_20240630.csv" in added.stdout
    assert "battlemap accept reviews/leling_20240630.csv" in added.stdout
    review = project_copy / "reviews" / "leling_20240630.csv"
    mark(review, {1}, {1: {"accept": "nope"}})
    refused = subprocess.run([battlemap, "accept", str(review)], capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 1 and "line 2: accept is 'nope'" in refused.stderr
    mark(review, {1, 2})
    done = subprocess.run([battlemap, "accept", str(review)], capture_output=True, text=True, env=env, timeout=120)
    assert (
        done.returncode == 0
        and "Appended 2 observations to sources/curation/observations.csv (leling_20240630_01 … leling_20240630_02)" in done.stdout
    )
    missing = subprocess.run(
        [battlemap, "accept", str(project_copy / "nope.csv")], capture_output=True, text=True, env=env, timeout=60
    )
    assert missing.returncode == 2 and "nope.csv: no such file" in missing.stderr


def test_accepted_rows_are_verified_by_the_build(project_copy, tmp_path):
    added = add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING)
    review = rows(added.review)
    # The reviewer keeps the state of the campaign: not the permit count nor the year's target (city-wide repeats).
    keep = {n for n, r in enumerate(review, start=1) if r["quote"] not in ("为12个项目办理施工许可", "确保全年完成投资150亿元")}
    mark(added.review, keep)
    accepted = accept(project_copy, added.review)
    assert len(accepted.ids) == 15
    warehouse = tmp_path / "wh.duckdb"
    build_warehouse(warehouse, project=project_copy, quiet=True)
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        figures = connection.sql(
            "select metric_id, value, raw_quote from main.fct_observation "
            "where document_id = 'leling_20240630' order by observation_id"
        ).fetchall()
        progress = connection.sql(
            "select completed_investment, investment_completion_rate from main.fct_campaign_progress "
            "where campaign_id = 'leling_2024_key_projects'"
        ).fetchall()[0]
    finally:
        connection.close()
    assert len(figures) == 15
    assert ("total_investment", 35_680_000_000.0, "總投資356.8億元") in figures
    assert progress[0] == pytest.approx(7_860_000_000) and progress[1] == pytest.approx(78.6 / 142.5)


# --- issue 20: accept runs the build's input pass on what it would append -----------------------------------


def accepted_review(project_copy, changes: dict[int, dict[str, str]]) -> Path:
    added = add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING)
    mark(added.review, set(changes), changes)
    return added.review


def refused(project_copy, review: Path) -> str:
    before = seeds_bytes(project_copy)
    observations = corpus_file("observations", project_copy).read_bytes()
    with pytest.raises(ReviewError) as failure:
        accept(project_copy, review)
    assert seeds_bytes(project_copy) == before
    assert corpus_file("observations", project_copy).read_bytes() == observations
    return str(failure.value)


def test_accept_refuses_a_figure_taken_from_inside_a_larger_number(project_copy):
    added = add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING)
    first = rows(added.review)[0]
    assert len(first["value_as_written"]) > 1
    tail = first["value_as_written"][1:]  # 18 of 118个
    mark(added.review, {1}, {1: {"value_as_written": tail}})
    message = refused(project_copy, added.review)
    whole = first["value_as_written"] + first["unit_as_written"]
    assert f"{added.review} line 2: the figure as written ('{tail}{first['unit_as_written']}')" in message
    assert f"only as part of the number '{whole}'" in message


def test_accept_refuses_a_scope_name_with_a_line_break(project_copy):
    review = accepted_review(project_copy, {1: {"scope_name": "乐陵\n市"}})
    message = refused(project_copy, review)
    assert f"{review} line 2: a field runs over lines 2-3 (scope_name): fields may not contain line breaks" in message


def test_accept_refuses_an_invisible_character_in_a_scope_name(project_copy):
    review = accepted_review(project_copy, {1: {"scope_name": "乐陵\u200d市"}})
    message = refused(project_copy, review)
    assert f"{review} line 2: scope_name '乐陵\\u200d市' contains an invisible character (U+200D)" in message


def test_a_stray_quote_in_a_review_is_named_by_line_not_printed_whole(project_copy):
    review = accepted_review(project_copy, {1: {}, 2: {}})
    lines = review.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace(",", ',"', 1)  # a stray quote in the second row's document cell
    review.write_text("\n".join(lines), encoding="utf-8")
    message = refused(project_copy, review)
    assert f"{review} line 3: a quoted field opened on this line is never closed (a stray \"?)" in message
    assert len(message) < 2000, message  # the rest of the file is not printed as a document id


def test_accept_shortens_a_long_document_id_in_its_message(project_copy):
    review = accepted_review(project_copy, {1: {"document": "x" * 5000}})
    message = refused(project_copy, review)
    assert f"{review} line 2: document 'xxxx" in message and "(5,000 characters) is not in sources/curation/documents.csv" in message
    assert len(message) < 1000


# --- a new campaign's own period (issue 17: the pace is measured against the campaign's period) -----------

HUNDRED_DAYS = "某县重点项目百日攻坚行动方案\n行动时间为9月1日至12月9日，共100天。\n全县实施重点项目30个，总投资120亿元。\n"


def _hundred_days(tmp_path, **period) -> NewCampaign:
    return NewCampaign(
        "某县重点项目百日攻坚", 2024, "2024-09-01", "方案印发日", campaign_type="hundred_day_offensive", **period
    )


def test_a_hundred_day_campaign_takes_its_own_period(project_copy, tmp_path):
    text = tmp_path / "plan.txt"
    text.write_text(HUNDRED_DAYS, encoding="utf-8")
    campaign = _hundred_days(tmp_path, period_start="2024-09-01", period_end="2024-12-09", period_as_written="9月1日至12月9日")
    add_document(project_copy, text, "临朐县", "linqu_2024_100_days", campaign)
    (row,) = [r for r in rows(project_copy / "seeds" / "campaigns.csv") if r["campaign_id"] == "linqu_2024_100_days"]
    assert (row["period_start"], row["period_end"], row["period_as_written"]) == ("2024-09-01", "2024-12-09", "9月1日至12月9日")


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({}, "needs its own period: --period-start and --period-end (YYYY-MM-DD); the text suggests --period-start 2024-09-01"),
        ({"period_start": "2024-09-01"}, "give both --period-start and --period-end"),
        ({"period_start": "2024-12-09", "period_end": "2024-09-01"}, "--period-start 2024-12-09 is after --period-end 2024-09-01"),
        ({"period_start": "2024-09-01", "period_end": "2024-12-9"}, "--period-end '2024-12-9' is not a date (YYYY-MM-DD)"),
        ({"period_start": "2023-09-01", "period_end": "2023-12-09"}, "does not fall in --plan-year 2024"),
    ],
)
def test_a_campaign_period_that_is_not_one_is_refused_and_nothing_written(project_copy, tmp_path, period, message):
    text = tmp_path / "plan.txt"
    text.write_text(HUNDRED_DAYS, encoding="utf-8")
    before = seeds_bytes(project_copy)
    with pytest.raises(ReviewError, match=re.escape(message)):
        add_document(project_copy, text, "临朐县", "linqu_2024_100_days", _hundred_days(tmp_path, **period))
    assert seeds_bytes(project_copy) == before
