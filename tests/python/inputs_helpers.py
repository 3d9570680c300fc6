"""Ways to break a copy of the project's inputs, shared by the input-check and build tests."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from battlemap.shared.paths import corpus_file

OBSERVATIONS = corpus_file("observations", Path(".")).as_posix()  # as the input check names the files
DOCUMENTS = corpus_file("documents", Path(".")).as_posix()


def edit_seed(project: Path, name: str, change: Callable[[list[dict[str, str]]], None]) -> None:
    """Rewrite a curated table's CSV (battlemap.shared.paths.corpus_file) after `change` mutated its rows in place."""
    path = corpus_file(name, project)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def set_field(row_id: str, column: str, value: str, key: str = "observation_id") -> Callable[[list[dict[str, str]]], None]:
    def change(rows: list[dict[str, str]]) -> None:
        (row,) = [r for r in rows if r[key] == row_id]
        row[column] = value

    return change


def edit_text(project: Path, relative: str, old: str, new: str) -> None:
    """Replace `old` (which must be there) by `new` in a file, byte for byte otherwise."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def line_of(project: Path, observation_id: str) -> int:
    """Line number (header = 1) of an observation in sources/curation/observations.csv."""
    with corpus_file("observations", project).open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["observation_id"] == observation_id:
                return line
    raise KeyError(observation_id)


def line_of_in_original(observation_id: str) -> int:
    from battlemap.shared.paths import project_dir

    return line_of(project_dir(), observation_id)


def article(project: Path, prefix: str) -> Path:
    (path,) = (project / "sources" / "articles").glob(f"{prefix}_*.txt")
    return path


# name -> (how to break the inputs, what the message must say)
BAD_INPUTS: dict[str, tuple[Callable[[Path], None], Callable[[Path], list[str]]]] = {
    "unknown_metric": (
        lambda p: edit_seed(p, "observations", set_field("qz_03", "metric_id", "total_investmnet")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_03')}", "qz_03", "metric_id 'total_investmnet' is not in seeds/metrics.csv"],
    ),
    "unknown_unit": (
        lambda p: edit_seed(p, "observations", set_field("qz_03", "unit_as_written", "亿圆")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_03')}", "qz_03", "unit_as_written '亿圆' is not in seeds/units.csv"],
    ),
    "unparsable_number": (
        lambda p: edit_seed(p, "observations", set_field("zm_03", "value_as_written", "835,4")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'zm_03')}", "zm_03", "'835,4' is not a number"],
    ),
    "quote_not_in_document": (
        lambda p: edit_seed(p, "observations", set_field("ll_02", "quote", "总投资330亿元")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'll_02')}", "ll_02", "is not in the normalised text of document 'leling_2023'"],
    ),
    # Issue 17: a period that is not a period (seeds/periods.csv), a target flag that is not true or false.
    "period_not_a_period": (
        lambda p: edit_seed(p, "observations", set_field("qz_04", "period", "quarter:5")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_04')}", "qz_04", "period 'quarter:5' is not in seeds/periods.csv"],
    ),
    "target_flag_not_true_or_false": (
        lambda p: edit_seed(p, "observations", set_field("qz_04", "is_target", "planned")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_04')}", "qz_04", "is_target 'planned' is not true or false"],
    ),
    "duplicate_id": (
        lambda p: edit_seed(p, "observations", set_field("qz_04", "observation_id", "qz_03")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_05') - 1}", "duplicate observation_id 'qz_03'"],
    ),
    "unknown_admin_code": (
        lambda p: edit_seed(p, "cities", set_field("leling", "admin_code", "371499", key="city_id")),
        lambda p: ["seeds/cities.csv", "line 5", "leling", "admin_code '371499' is not a place in the national gazetteer"],
    ),
    "as_of_date_not_a_date": (
        lambda p: edit_seed(p, "documents", set_field("leling_2023", "as_of_date", "2023-?-13", key="document_id")),
        lambda p: [DOCUMENTS, "line 5", "leling_2023", "as_of_date '2023-?-13' is not a date (YYYY-MM-DD)"],
    ),
    "changed_article": (
        lambda p: article(p, "001").write_bytes(article(p, "001").read_bytes().replace(b"1755", b"1756")),
        lambda p: ["sources/articles/001_9805d41e2cfc2f07.txt", "fuzhou_2017", "the file changed"],
    ),
    # Units must have a positive multiplier: 0 would make every 亿元 figure 0 CNY (issue 10, case 2).
    "zero_unit_multiplier": (
        lambda p: edit_seed(p, "units", set_field("亿元", "multiplier", "0", key="unit_as_written")),
        lambda p: ["seeds/units.csv", "line 2", "(亿元)", "multiplier is 0, but must be greater than 0"],
    ),
    # The input pass reads seeds as dbt does (issue 10, case 5).
    "space_after_a_vocabulary_word": (
        lambda p: edit_seed(p, "observations", set_field("qz_03", "qualifier", "exact ")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_03')}", "(qz_03)", "qualifier 'exact ' has spaces around it"],
    ),
    "date_without_dashes": (
        lambda p: edit_seed(p, "observations", set_field("qz_03", "as_of_date", "20220531")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_03')}", "(qz_03)", "as_of_date '20220531' is not a date (YYYY-MM-DD)"],
    ),
    "campaign_date_not_a_date": (
        lambda p: edit_seed(p, "campaigns", set_field("quanzhou_2022_chengjian", "period_start", "2022-13-01", key="campaign_id")),
        lambda p: ["seeds/campaigns.csv", "line 2", "(quanzhou_2022_chengjian)", "period_start '2022-13-01' is not a date"],
    ),
    "document_date_not_a_date": (
        lambda p: edit_seed(p, "documents", set_field("fuzhou_2017", "publication_date", "2017/02/15", key="document_id")),
        lambda p: [DOCUMENTS, "line 3", "(fuzhou_2017)", "publication_date '2017/02/15' is not a date"],
    ),
    "unterminated_quote": (
        lambda p: edit_text(p, OBSERVATIONS, '"Special bonds, first approved batch"', '"Special bonds, first approved batch'),
        lambda p: [OBSERVATIONS, f"line {line_of_in_original('ll_21')}", "is never closed"],
    ),
    "negative_value": (
        lambda p: edit_text(p, OBSERVATIONS, "项目741个,", "项目-741个,") or edit_text(p, OBSERVATIONS, ",741,个,", ",-741,个,"),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_02')}", "(qz_02)", "value_as_written '-741' is negative"],
    ),
    "non_utf8_article": (
        lambda p: article(p, "003").write_bytes(article(p, "003").read_text(encoding="utf-8").encode("gbk", errors="replace")),
        lambda p: ["sources/articles/003_7eea95173eb1c055.txt", "not valid UTF-8"],
    ),
}


# --- issue 20: the hostile probe's cases -------------------------------------------------------------------

ARTICLES = "sources/articles"


def metrics_line(metric_id: str) -> str:
    return f"line {_line_in(Path('seeds/metrics.csv'), 'metric_id', metric_id)}"


def _line_in(relative: Path, key: str, value: str) -> int:
    from battlemap.shared.paths import project_dir

    with (project_dir() / relative).open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row[key] == value:
                return line
    raise KeyError(value)


def symlink_out(project: Path) -> None:
    """Article 001 replaced by a symbolic link to a same-content file outside sources/articles/."""
    inside = article(project, "001")
    outside = project.parent / "elsewhere.txt"
    outside.write_bytes(inside.read_bytes() + b"\n")  # differs: a followed link would leak the other file's sha256
    inside.unlink()
    inside.symlink_to(outside)


def fifo_article(project: Path) -> None:
    import os

    os.mkfifo(project / ARTICLES / "zz_pipe.txt")


BAD_INPUTS.update(
    {
        # Case 1: a figure counts only as a whole number in its quote.
        "figure_inside_a_larger_number": (
            lambda p: edit_seed(p, "observations", set_field("qz_02", "value_as_written", "41")),
            lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_02')}", "(qz_02)", "('41个') is in its quote", "number '741个'", "whole number"],
        ),
        "figure_tail_of_a_larger_number": (
            lambda p: edit_seed(p, "observations", set_field("qz_03", "value_as_written", "552")),
            lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_03')}", "(qz_03)", "number '3552亿元'"],
        ),
        "figure_after_a_decimal_point": (
            lambda p: edit_seed(p, "observations", set_field("ll_14", "value_as_written", "2")),
            lambda p: [OBSERVATIONS, f"line {line_of(p, 'll_14')}", "(ll_14)", "number '4.2万亩'"],
        ),
        "figure_head_of_a_larger_number": (
            lambda p: edit_seed(p, "observations", set_field("fz_01", "value_as_written", "175")),
            lambda p: [OBSERVATIONS, f"line {line_of(p, 'fz_01')}", "(fz_01)", "is not in its quote"],
        ),
        # Case 2: NaN and infinity are not bounds or factors.
        "nan_upper_bound": (
            lambda p: edit_seed(p, "metrics", set_field("start_rate", "upper_bound", "NaN", key="metric_id")),
            lambda p: ["seeds/metrics.csv", metrics_line("start_rate"), "(start_rate)", "upper_bound 'NaN' is not a finite number"],
        ),
        "infinite_upper_bound": (
            lambda p: edit_seed(p, "metrics", set_field("start_rate", "upper_bound", "inf", key="metric_id")),
            lambda p: ["seeds/metrics.csv", metrics_line("start_rate"), "(start_rate)", "upper_bound 'inf' is not a finite number"],
        ),
        # A metric's role and the metric a plan is the target of are vocabularies the pairing reads (issue 17).
        "unknown_metric_role": (
            lambda p: edit_seed(p, "metrics", set_field("start_rate", "role", "rates", key="metric_id")),
            lambda p: ["seeds/metrics.csv", metrics_line("start_rate"), "(start_rate)", "role 'rates' is not in seeds/metric_roles.csv"],
        ),
        "plan_target_of_an_unknown_metric": (
            lambda p: edit_seed(p, "metrics", set_field("annual_planned_investment", "target_of", "completed_investmnt", key="metric_id")),
            lambda p: [
                "seeds/metrics.csv",
                metrics_line("annual_planned_investment"),
                "(annual_planned_investment)",
                "target_of 'completed_investmnt' is not in seeds/metrics.csv",
            ],
        ),
        "infinite_unit_multiplier": (
            lambda p: edit_seed(p, "units", set_field("亿元", "multiplier", "inf", key="unit_as_written")),
            lambda p: ["seeds/units.csv", "line 2", "(亿元)", "multiplier 'inf' is not a finite number"],
        ),
        "nan_unit_divisor": (
            lambda p: edit_seed(p, "units", set_field("亩", "divisor", "nan", key="unit_as_written")),
            lambda p: ["seeds/units.csv", "line 5", "(亩)", "divisor 'nan' is not a finite number"],
        ),
        "unit_factor_beyond_decimal": (
            lambda p: edit_seed(p, "units", set_field("亿元", "multiplier", "1e308", key="unit_as_written")),
            lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_03')}", "(qz_03)", "more than the build can hold", "seeds/units.csv line 2"],
        ),
        # Cases 5, 8, 9: text the build cannot read back the same.
        "invisible_character_in_a_scope_name": (
            lambda p: edit_seed(p, "observations", set_field("fz_03", "scope_name", "仓山\u200b区")),
            lambda p: [OBSERVATIONS, f"line {line_of(p, 'fz_03')}", "(fz_03)", "scope_name", "invisible character (U+200B)"],
        ),
        "bidi_control_in_a_campaign_name": (
            lambda p: edit_seed(p, "campaigns", set_field("leling_2023_key_projects", "name_zh", "乐陵\u202e市", key="campaign_id")),
            lambda p: ["seeds/campaigns.csv", "(leling_2023_key_projects)", "name_zh", "invisible character (U+202E)"],
        ),
        "line_break_in_a_scope_name": (
            lambda p: edit_seed(p, "observations", set_field("fz_03", "scope_name", "仓山\n区")),
            lambda p: [OBSERVATIONS, f"line {line_of_in_original('fz_03')}", "(fz_03)", "fields may not contain line breaks"],
        ),
        "quote_longer_than_a_csv_field": (
            lambda p: edit_seed(p, "observations", set_field("qz_03", "quote", "总投资3552亿元" + "。" * 140_000)),
            lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_03')}", "(qz_03)", "quote is 140,009 characters long, over the 131,072"],
        ),
        # Cases 6 and 9: files in sources/articles/ that are not article files.
        "folder_named_like_an_article": (
            lambda p: (p / ARTICLES / "x.txt").mkdir(),
            lambda p: [f"{ARTICLES}/x.txt", "is a folder, not an article file"],
        ),
        "dangling_symlink_article": (
            lambda p: (p / ARTICLES / "gone.txt").symlink_to(p / "nowhere" / "gone.txt"),
            lambda p: [f"{ARTICLES}/gone.txt", "is a symbolic link to", "which does not exist"],
        ),
        "symlink_out_of_the_articles": (
            symlink_out,
            lambda p: [f"{ARTICLES}/001_9805d41e2cfc2f07.txt", "(fuzhou_2017)", "symbolic link to a file outside sources/articles/"],
        ),
        "named_pipe_article": (
            fifo_article,
            lambda p: [f"{ARTICLES}/zz_pipe.txt", "is not a regular file"],
        ),
        "empty_article": (
            lambda p: article(p, "003").write_bytes(b""),
            lambda p: ["sources/articles/003_7eea95173eb1c055.txt", "(leling_2023)", "is empty"],
        ),
        "blank_article": (
            lambda p: article(p, "003").write_bytes(b" \n\t\n"),
            lambda p: ["sources/articles/003_7eea95173eb1c055.txt", "(leling_2023)", "is empty"],
        ),
        "nul_bytes_article": (
            lambda p: article(p, "003").write_bytes(b"\x00" * 4096),
            lambda p: ["sources/articles/003_7eea95173eb1c055.txt", "(leling_2023)", "holds NUL bytes"],
        ),
        "binary_article": (
            lambda p: article(p, "004").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
            lambda p: ["(qingtian_2023)", "holds NUL bytes: it is binary"],
        ),
        # Case 9: a campaign's place is a prefecture, county or municipality.
        "province_code_for_a_county": (
            lambda p: edit_seed(p, "cities", set_field("leling", "admin_code", "370000", key="city_id")),
            lambda p: ["seeds/cities.csv", "line 5", "(leling)", "'370000' is 山东省, a province", "prefecture, county or municipality"],
        ),
    }
)
