"""The Review page's table: review rows (strings, as the review CSV holds them) to the editor's DataFrame and
back, one edit at a time, each edited quote re-located in the document (battlemap.review.review_desk)."""

from __future__ import annotations

import pandas as pd

from battlemap.review.review_desk import is_marked, relocate, where

# The editor's columns, in order: (column, kind) — bool columns are ticks, the others text or a choice.
EDITABLE = (
    ("accept", "bool"),
    ("value_as_written", "text"),
    ("unit_as_written", "text"),
    ("metric_id", "choice"),
    ("scope_level", "choice"),
    ("scope_name", "text"),
    ("qualifier", "choice"),
    ("is_target", "bool"),
    ("period", "choice"),
    ("quote", "text"),
    ("note", "text"),
)
SHOWN = ("where", "confidence")  # read-only
COLUMNS = tuple(name for name, _ in EDITABLE) + SHOWN


def to_frame(rows: list[dict[str, str]], text: str) -> pd.DataFrame:
    """One line per row: ticks as booleans, the rest as text, `where` the quote's state in the text."""
    records = []
    for row in rows:
        record = {name: row.get(name, "") for name, _ in EDITABLE}
        record["accept"] = is_marked(row)
        record["is_target"] = row.get("is_target", "").strip().lower() == "true"
        record["where"] = where(row, text)
        record["confidence"] = row.get("confidence", "")
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    frame.index = pd.RangeIndex(1, len(records) + 1)  # row numbers as the reviewer counts them
    return frame


def _as_text(name: str, value: object) -> str:
    if name == "accept":
        return "y" if value else ""
    if name == "is_target":
        return "true" if value else "false"
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def apply_edits(rows: list[dict[str, str]], edited_rows: dict, text: str) -> list[dict[str, str]]:
    """The rows with the editor's edits ({position: {column: value}}) applied and each edited quote re-located."""
    changed = [dict(row) for row in rows]
    for position, edits in edited_rows.items():
        index = int(position)
        if not 0 <= index < len(changed):
            continue
        row = changed[index]
        for name, value in edits.items():
            if name in dict(EDITABLE):
                row[name] = _as_text(name, value)
        changed[index] = relocate(row, text)
    return changed


def mark_all(rows: list[dict[str, str]], accepted: bool) -> list[dict[str, str]]:
    return [{**row, "accept": "y" if accepted else ""} for row in rows]
