"""Proposals as a terminal table, CSV (the issue's column order) or JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from battlemap.extract.extractor import COLUMNS, Proposal


def as_csv(proposals: list[Proposal], header: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    for proposal in proposals:
        row = proposal.row()
        row["is_target"] = "true" if proposal.is_target else "false"
        writer.writerow(row)
    return buffer.getvalue()


def as_json(proposals: list[Proposal]) -> str:
    return json.dumps([p.row() for p in proposals], ensure_ascii=False, indent=2)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, width: int) -> str:
    out, used = "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width - 1:
            return out + "…"
        out, used = out + ch, used + w
    return out


def _pad(text: str, width: int) -> str:
    text = _cut(text, width) if _width(text) > width else text
    return text + " " * (width - _width(text))


def as_table(proposals: list[Proposal]) -> str:
    """One line per figure: as written, metric, scope, qualifier, target, confidence, quote (cut to fit)."""
    columns = (("figure", 14), ("metric", 28), ("scope", 26), ("qualifier", 11), ("target", 6), ("conf", 5), ("quote", 44))
    lines = ["  ".join(_pad(name, width) for name, width in columns)]
    for p in proposals:
        cells = (
            p.value_as_written + p.unit_as_written,
            p.metric_id,
            f"{p.scope_level}:{p.scope_name}",
            p.qualifier,
            "yes" if p.is_target else "no",
            f"{p.confidence:.2f}",
            p.quote,
        )
        lines.append("  ".join(_pad(cell, width) for cell, (_, width) in zip(cells, columns, strict=True)).rstrip())
    return "\n".join(lines)
