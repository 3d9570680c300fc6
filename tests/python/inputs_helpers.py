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


def set_field(observation_id: str, column: str, value: str) -> Callable[[list[dict[str, str]]], None]:
    def change(rows: list[dict[str, str]]) -> None:
        (row,) = [r for r in rows if r["observation_id"] == observation_id]
        row[column] = value

    return change


def set_row_field(key: str, key_value: str, column: str, value: str) -> Callable[[list[dict[str, str]]], None]:
    """Change one field of the row whose `key` column is `key_value` (any seed)."""

    def change(rows: list[dict[str, str]]) -> None:
        (row,) = [r for r in rows if r[key] == key_value]
        row[column] = value

    return change


def line_of(project: Path, observation_id: str) -> int:
    """Line number (header = 1) of an observation in sources/curation/observations.csv."""
    with corpus_file("observations", project).open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["observation_id"] == observation_id:
                return line
    raise KeyError(observation_id)


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
    "duplicate_id": (
        lambda p: edit_seed(p, "observations", set_field("qz_04", "observation_id", "qz_03")),
        lambda p: [OBSERVATIONS, f"line {line_of(p, 'qz_05') - 1}", "duplicate observation_id 'qz_03'"],
    ),
    "unknown_admin_code": (
        lambda p: edit_seed(p, "cities", set_row_field("city_id", "leling", "admin_code", "371499")),
        lambda p: ["seeds/cities.csv", "line 5", "leling", "admin_code '371499' is not a place in the national gazetteer"],
    ),
    "as_of_date_not_a_date": (
        lambda p: edit_seed(p, "documents", set_row_field("document_id", "leling_2023", "as_of_date", "2023-?-13")),
        lambda p: [DOCUMENTS, "line 5", "leling_2023", "as_of_date '2023-?-13' is not a date (YYYY-MM-DD)"],
    ),
    "changed_article": (
        lambda p: article(p, "001").write_bytes(article(p, "001").read_bytes().replace(b"1755", b"1756")),
        lambda p: ["sources/articles/001_9805d41e2cfc2f07.txt", "fuzhou_2017", "the file changed"],
    ),
    "non_utf8_article": (
        lambda p: article(p, "003").write_bytes(article(p, "003").read_text(encoding="utf-8").encode("gbk", errors="replace")),
        lambda p: ["sources/articles/003_7eea95173eb1c055.txt", "not valid UTF-8"],
    ),
}
