"""Tables flattened to text: a header line of column names, then one line per place or project, cells cut by
`|` or tabs (县区 | 项目数 | 年度投资计划 | 完成投资 | 完成率). Each numeric cell is a figure whose metric is its
column's name, whose scope is its row's label and whose unit is the column's own (…(%), 个数) or the
table's (单位:个、亿元 above the header).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from battlemap.extract.cues import OTHER, MetricChoice, as_period_plan, choose_metric
from battlemap.extract.vocabulary import Vocabulary

CELL_SPLIT = re.compile(r"\s*[|｜\t]\s*")
NUMBER = re.compile(r"(?P<num>-?[0-9]+(?:\.[0-9]+)?)(?P<pct>%|％)?")
TABLE_UNIT = re.compile(r"单位\s*[:：]\s*(?P<units>[^\n]{1,20})")
HEADER_UNIT = re.compile(r"[(（](?P<unit>[^()（）]{1,6})[)）]")
RATE_WORDS = ("率", "占比", "比例", "比重", "%")
COUNT_WORDS = ("个数", "项目数", "数量", "项数", "(个)", "（个）")
MONEY_UNITS = ("亿元", "万元", "元", "千万元")


@dataclass(frozen=True)
class TableCell:
    row_start: int  # offsets of the row's line in the text (the quote)
    row_end: int
    label: str  # the row's first cell: a place, programme or project
    header: str  # the column's name
    number: str  # as written
    unit: str  # a row of seeds/units.csv
    choice: MetricChoice


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in CELL_SPLIT.split(line.strip().strip("|｜"))]


def _is_row(line: str) -> bool:
    if "|" not in line and "｜" not in line and "\t" not in line:
        return False  # most lines: no separator at all
    return len(CELL_SPLIT.findall(line.strip().strip("|｜"))) >= 2


def _numeric(cell: str) -> re.Match[str] | None:
    return NUMBER.fullmatch(cell.replace(",", "").replace(" ", ""))


def _column_unit(header: str, table_units: list[str], vocabulary: Vocabulary) -> str | None:
    own = HEADER_UNIT.search(header)
    if own and own.group("unit") in vocabulary.units:
        return own.group("unit")
    if any(word in header for word in RATE_WORDS):
        return "%"
    if any(word in header for word in COUNT_WORDS):
        return next((u for u in table_units if vocabulary.units[u].base_unit == "count"), "个")
    return next((u for u in table_units if u in MONEY_UNITS), next((u for u in table_units if vocabulary.units[u].base_unit != "count"), None))


def table_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that are rows of a table (two or more cell separators)."""
    spans, position = [], 0
    for line in text.splitlines(keepends=True):
        if _is_row(line):
            spans.append((position, position + len(line.rstrip("\r\n"))))
        position += len(line)
    return spans


def table_cells(text: str, vocabulary: Vocabulary) -> Iterator[TableCell]:
    """Every numeric cell of the text's tables, with its column's metric (`other` when no cue names it)."""
    lines, position = [], 0
    for line in text.splitlines(keepends=True):
        lines.append((position, line.rstrip("\r\n")))
        position += len(line)
    header: list[str] | None = None
    units: list[str] = []
    for start, line in lines:
        if not _is_row(line):
            header = None
            found = TABLE_UNIT.search(line)
            units = [u for u in re.split(r"[、,，/\s]+", found.group("units")) if u in vocabulary.units] if found else units
            continue
        cells = _cells(line)
        numeric = [_numeric(cell) for cell in cells[1:]]
        if not any(numeric):
            header = [re.sub(r"\s+", "", cell) for cell in cells]  # a header: the columns' names
            continue
        if header is None:
            continue
        label = re.sub(r"\s+", "", cells[0])
        for column, match in enumerate(numeric, start=1):
            if match is None or column >= len(header):
                continue
            name = header[column]
            unit = "%" if match.group("pct") else _column_unit(name, units, vocabulary)
            if unit is None or unit not in vocabulary.units:
                continue
            base = vocabulary.units[unit].base_unit
            choice = as_period_plan(choose_metric(name, (0, len(name)), (len(name), len(name)), base, "", vocabulary), name, 0, len(name))
            if not choice.metric_id:
                continue
            if choice.metric_id == OTHER:
                choice = MetricChoice(OTHER, name, 99, 0)
            yield TableCell(start, start + len(line), label, name, match.group("num"), unit, choice)
