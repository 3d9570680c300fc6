"""Ways to break a copy of the project's inputs, shared by the input-check and build tests."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from battlemap.paths import corpus_file

OBSERVATIONS = corpus_file("observations", Path(".")).as_posix()  # as the input check names the files
DOCUMENTS = corpus_file("documents", Path(".")).as_posix()


def edit_seed(project: Path, name: str, change: Callable[[list[dict[str, str]]], None]) -> None:
    """Rewrite a curated table's CSV (battlemap.paths.corpus_file) after `change` mutated its rows in place."""
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
    from battlemap.paths import project_dir

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
