"""Many reports at once (add-document FILE… | FOLDER, --manifest), undoing one (remove-document), and review
CSVs that spreadsheets open (a BOM on write; accept reads UTF-8 with or without it and names GB18030)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_extract_review import LELING_2024, NEW_LELING, cli_env, mark, rows, seeds_bytes

from battlemap.review.accept import accept
from battlemap.review.add_document import NewCampaign, add_document
from battlemap.review.batch import GUESSED, ManifestError, read_manifest, settle
from battlemap.review.errors import ReviewError
from battlemap.shared.paths import corpus_file

FIXTURES = LELING_2024.parent
NANYANG = FIXTURES / "nanyang_baicheng.txt"
BATTLEMAP = str(Path(sys.executable).with_name("battlemap"))


def battlemap(project: Path, *args: str, answer: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BATTLEMAP, *args], capture_output=True, text=True, env=cli_env(project), input=answer, timeout=180, cwd=project
    )


def state(project: Path) -> dict[str, bytes]:
    """Every file add-document or remove-document may write."""
    files = {**seeds_bytes(project)}
    for path in [*sorted((project / "sources").rglob("*")), *sorted((project / "reviews").rglob("*"))]:
        if path.is_file():
            files[str(path.relative_to(project))] = path.read_bytes()
    return files


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A folder of four reports: Leling's half year, Nanyang's 1—4月 and a later 1—5月 of the same campaign, and a file
    that is not a report."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_leling.txt").write_bytes(LELING_2024.read_bytes())
    (folder / "b_nanyang.txt").write_bytes(NANYANG.read_bytes())
    later = NANYANG.read_text(encoding="utf-8").replace("1—4月", "1—5月").replace("截至4月底", "截至5月底")
    (folder / "c_nanyang_may.txt").write_text(later, encoding="utf-8")
    (folder / "d_notes.txt").write_text("meeting notes, no Chinese text\n", encoding="utf-8")
    return folder


def test_review_csv_has_a_bom_and_accept_reads_it_with_or_without(project_copy):
    added = add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING)
    data = added.review.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfaccept,document,")
    mark(added.review, {1})  # written back without a BOM, as a script would
    assert not added.review.read_bytes().startswith(b"\xef\xbb\xbf")
    assert accept(project_copy, added.review).ids == ["leling_20240630_01"]
    # Saved by a spreadsheet with a BOM: read the same (the header's first name is accept, not \ufeffaccept).
    added.review.write_bytes(b"\xef\xbb\xbf" + added.review.read_bytes())
    mark(added.review, {1, 2})
    added.review.write_bytes(b"\xef\xbb\xbf" + added.review.read_bytes())
    assert accept(project_copy, added.review).ids == ["leling_20240630_02"]


def test_accept_names_a_gb18030_review_and_how_to_convert_it(project_copy):
    added = add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING)
    mark(added.review, {1})
    text = added.review.read_text(encoding="utf-8")
    added.review.write_bytes(text.encode("gb18030"))
    before = state(project_copy)
    with pytest.raises(ReviewError) as refused:
        accept(project_copy, added.review)
    message = str(refused.value)
    assert f"{added.review} line 2: saved as GB18030/GBK, not UTF-8" in message
    assert f"iconv -f GB18030 -t UTF-8 {added.review} > leling_20240630.utf8.csv" in message
    assert 'Save it as "CSV UTF-8"' in message
    assert state(project_copy) == before
    # Bytes that are neither: said so, without an iconv line that would not help.
    added.review.write_bytes(b"accept,document\n\xff\xfe\xff,x\n")
    with pytest.raises(ReviewError, match=r"line 2: not UTF-8 .* nor GB18030"):
        accept(project_copy, added.review)


def test_settings_are_guessed_from_the_text(project_copy):
    settings = settle(project_copy, LELING_2024, {}, {"plan_year": "2024"})
    assert settings.problem == ""
    assert (settings.place.admin_code, settings.city_id, settings.as_of_date) == ("371481", "leling", "2024-06-30")
    assert settings.as_of_basis == "上半年 (read from the text)"
    assert settings.origin == {"place": GUESSED, "campaign": GUESSED, "as_of_date": GUESSED}
    assert settings.campaign_id == "leling_2024_key_projects" and settings.new_campaign.plan_year == 2024
    # An existing campaign of the place and year is joined, not made again.
    existing = settle(project_copy, FIXTURES / "leling_2024_h1.txt", {"plan_year": 2023})
    assert existing.campaign_id == "leling_2023_key_projects" and existing.new_campaign is None
    # Options win over the manifest, which wins over the text.
    given = settle(project_copy, LELING_2024, {"as_of_date": "2024-07-01"}, {"plan_year": "2024", "as_of_date": "2024-06-01"})
    assert given.as_of_date == "2024-07-01" and given.origin["as_of_date"] == "given"
    # A text without a year cannot make a campaign: the reason, not a guess.
    assert "names no year" in settle(project_copy, LELING_2024, {}).problem


def test_add_a_folder_with_a_manifest_errors_per_file_and_a_summary(project_copy, reports):
    manifest = reports / "manifest.csv"
    manifest.write_text(
        "\ufefffile,city,plan_year,publisher\na_leling.txt,,2024,德州新闻网\nb_nanyang.txt,,2024,\nc_nanyang_may.txt,南阳市,2024,\n",
        encoding="utf-8",
    )
    before = rows(corpus_file("documents", project_copy))
    done = battlemap(project_copy, "add-document", str(reports), "--manifest", str(manifest), "--yes")
    assert done.returncode == 2, done.stderr  # one report could not be added
    assert f"battlemap add-document: {reports / 'd_notes.txt'}: no Chinese text" in done.stderr
    assert "3 of 4 reports added; 1 not added (reasons above)." in done.stdout
    for shown in ("leling_20240630", "nanyang_20240430", "nanyang_20240531", "reviews/nanyang_20240531.csv", "not added"):
        assert shown in done.stdout
    documents = rows(corpus_file("documents", project_copy))
    assert documents[: len(before)] == before
    new = {row["document_id"]: row for row in documents[len(before) :]}
    assert set(new) == {"leling_20240630", "nanyang_20240430", "nanyang_20240531"}
    assert new["leling_20240630"]["publisher_as_written"] == "德州新闻网"
    # The second Nanyang report joins the campaign the first one made.
    assert new["nanyang_20240430"]["campaign_id"] == new["nanyang_20240531"]["campaign_id"] == "nanyang_2024_key_projects"
    campaigns = [r["campaign_id"] for r in rows(project_copy / "seeds" / "campaigns.csv")]
    assert campaigns.count("nanyang_2024_key_projects") == 1
    for document_id in new:
        assert (project_copy / "reviews" / f"{document_id}.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_guessed_settings_are_shown_and_nothing_is_written_without_a_yes(project_copy, reports):
    before = state(project_copy)
    refused = battlemap(project_copy, "add-document", str(reports / "b_nanyang.txt"), "--plan-year", "2024", answer="n\n")
    assert refused.returncode == 1
    assert "南阳市 (411300) *" in refused.stdout and "2024-04-30 *" in refused.stdout and "1—4月 (read from the text)" in refused.stdout
    assert "Nothing added" in refused.stdout
    assert state(project_copy) == before
    confirmed = battlemap(project_copy, "add-document", str(reports / "b_nanyang.txt"), "--plan-year", "2024", answer="y\n")
    assert confirmed.returncode == 0, confirmed.stderr
    assert "18 figures proposed in reviews/nanyang_20240430.csv" in confirmed.stdout


def test_a_manifest_that_does_not_fit_is_named_by_file_and_line(project_copy, reports):
    manifest = reports / "manifest.csv"
    manifest.write_text("file,town\na_leling.txt,x\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"manifest.csv line 1: unknown column\(s\) town"):
        read_manifest(manifest)
    manifest.write_text("file,city\na_leling.txt,乐陵市\nmissing.txt,乐陵市\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"manifest.csv line 3: missing.txt: no such file"):
        read_manifest(manifest)
    before = state(project_copy)
    failed = battlemap(project_copy, "add-document", "--manifest", str(manifest), "--yes")
    assert failed.returncode == 2 and "manifest.csv line 3: missing.txt: no such file" in failed.stderr
    assert state(project_copy) == before


def test_remove_document_undoes_an_addition_after_a_confirmation(project_copy):
    before = state(project_copy)
    added = add_document(project_copy, LELING_2024, "乐陵市", "leling_2024_key_projects", NEW_LELING)
    mark(added.review, {1, 2, 3})
    accept(project_copy, added.review)
    observations = project_copy / "sources" / "curation" / "observations.csv"
    assert sum(r["document_id"] == "leling_20240630" for r in rows(observations)) == 3

    kept = battlemap(project_copy, "remove-document", "leling_20240630", answer="n\n")
    assert kept.returncode == 1 and "Nothing removed" in kept.stdout
    assert "3 observation(s)" in kept.stdout and "sources/articles/leling_2024_h1.txt" in kept.stdout
    assert added.article.exists()

    removed = battlemap(project_copy, "remove-document", "leling_20240630", answer="y\n")
    assert removed.returncode == 0, removed.stderr
    assert "Removed document 'leling_20240630' and 3 observation(s)." in removed.stdout
    assert "campaign leling_2024_key_projects in seeds/campaigns.csv (it has no other document)" in removed.stdout
    assert "place" not in removed.stdout  # Leling keeps its 2023 campaign
    after = state(project_copy)
    # Documents, observations, the campaign it made and the articles are as they were; the review stays (said so).
    for name in ("sources/curation/documents.csv", "sources/curation/observations.csv", "campaigns.csv", "cities.csv"):
        assert after[name] == before[name]
    assert not added.article.exists()
    assert "reviews/leling_20240630.csv" in after

    assert "reviews/leling_20240630.csv is kept" in removed.stdout

    # A report of a new place: its place goes too when its last campaign does.
    add_document(project_copy, NANYANG, "南阳市", "nanyang_2024", NewCampaign("南阳市百城建设提质", 2024, "2024-04-30", "截至4月底"))
    removed = battlemap(project_copy, "remove-document", "nanyang_20240430", "--yes")
    assert removed.returncode == 0 and "place nanyang in seeds/cities.csv (it has no other campaign)" in removed.stdout
    assert {k: v for k, v in state(project_copy).items() if not k.startswith("reviews/")} == {
        k: v for k, v in before.items() if not k.startswith("reviews/")
    }

    unknown = battlemap(project_copy, "remove-document", "leling_20240630", "--yes")
    assert unknown.returncode == 2 and "document 'leling_20240630' is not in sources/curation/documents.csv" in unknown.stderr


def test_no_answer_adds_nothing_and_a_given_place_and_campaign_need_no_question(project_copy, reports):
    before = state(project_copy)
    silent = battlemap(project_copy, "add-document", str(reports / "b_nanyang.txt"), "--plan-year", "2024", answer="")
    assert silent.returncode == 1 and "Nothing added" in silent.stdout and state(project_copy) == before
    # Place and campaign given, the as-of date read from the text (as add-document always did): no question, said.
    given = battlemap(
        project_copy, "add-document", str(LELING_2024), "--city", "乐陵市", "--campaign", "leling_2023_key_projects"
    )
    assert given.returncode == 0, given.stdout + given.stderr
    assert "As of 2023-06-30: as-of date 2023-06-30 read from the text (上半年)" in given.stdout


def test_a_report_joining_a_new_campaign_makes_it_when_the_first_one_failed(project_copy, reports):
    manifest = reports / "manifest.csv"
    manifest.write_text("file,plan_year,document_id\nb_nanyang.txt,2024,Bad-Id\nc_nanyang_may.txt,2024,\n", encoding="utf-8")
    done = battlemap(project_copy, "add-document", "--manifest", str(manifest), "--yes")
    assert done.returncode == 2 and "--document-id 'Bad-Id': use lower-case letters" in done.stderr
    assert "1 of 2 reports added" in done.stdout
    (added,) = [r for r in rows(corpus_file("documents", project_copy)) if r["campaign_id"] == "nanyang_2024_key_projects"]
    assert (added["document_id"], added["as_of_date"]) == ("nanyang_20240531", "2024-05-31")


def test_a_hundred_day_campaigns_period_comes_from_the_options_or_the_manifest(project_copy, tmp_path):
    text = "某县重点项目百日攻坚行动方案\n2024年行动时间为9月1日至12月9日，共100天。\n截至9月底，全县实施重点项目30个，总投资120亿元。\n"
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    common = ["--city", "临朐县", "--campaign", "linqu_2024_100", "--campaign-type", "hundred_day_offensive", "--yes"]
    refused = battlemap(project_copy, "add-document", str(tmp_path / "plan.txt"), *common)
    assert refused.returncode == 2
    assert "the text suggests --period-start 2024-09-01 --period-end 2024-12-09" in refused.stderr
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,period_start,period_end,period_as_written\nplan.txt,2024-09-01,2024-12-09,9月1日至12月9日\n", encoding="utf-8")
    added = battlemap(project_copy, "add-document", str(tmp_path / "plan.txt"), "--manifest", str(manifest), *common)
    assert added.returncode == 0, added.stderr
    (row,) = [r for r in rows(project_copy / "seeds" / "campaigns.csv") if r["campaign_id"] == "linqu_2024_100"]
    assert (row["period_start"], row["period_end"], row["period_as_written"]) == ("2024-09-01", "2024-12-09", "9月1日至12月9日")


def test_a_reports_address_is_its_origin_and_a_government_sites_names_its_place(project_copy, tmp_path):
    # A report that names no place: the government site it came from does (qinshui.gov.cn: 沁水县).
    report = tmp_path / "county_report.txt"
    report.write_text("2021年我县重点工程项目共30项,总投资519亿元,1-12月完成投资77.6亿元。\n", encoding="utf-8")
    address = "http://xxgk.qinshui.gov.cn/xzf/zdxm/202201/t20220121_1.shtml"
    settings = settle(project_copy, report, {"url": address}, {})
    assert settings.problem == "" and settings.place.name_zh_hans == "沁水县" and settings.origin["place"] == GUESSED
    assert "names no place" in settle(project_copy, report, {}, {}).problem
    before = state(project_copy)
    bad = battlemap(project_copy, "add-document", str(report), "--plan-year", "2021", "--url", "qinshui.gov.cn/x", "--yes")
    assert bad.returncode == 2 and "--url 'qinshui.gov.cn/x' is not a web address" in bad.stderr
    assert state(project_copy) == before  # nothing written
    done = battlemap(project_copy, "add-document", str(report), "--plan-year", "2021", "--url", address, "--yes")
    assert done.returncode == 0, done.stderr
    added = rows(corpus_file("documents", project_copy))[-1]
    assert added["city_id"] == "qinshui" and added["url"] == address and added["retrieval_date"]
    many = battlemap(project_copy, "add-document", str(report), str(LELING_2024), "--url", address, "--yes")
    assert many.returncode == 2 and "--url is one report's address" in many.stderr
