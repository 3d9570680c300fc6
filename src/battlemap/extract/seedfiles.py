"""Small helpers to read and append seed CSVs the way they are written (UTF-8, \\n, minimal quoting)."""

from __future__ import annotations

import csv
from pathlib import Path


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV (BOM-tolerant, newline-safe)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
        return list(reader.fieldnames or []), rows


def append_rows(path: Path, rows: list[dict[str, object]], header: list[str] | None = None) -> None:
    """Append rows in the file's column order; columns the file lacks are added to its header first."""
    path = Path(path)
    existing_header, existing = read_rows(path) if path.exists() else ([], [])
    wanted = list(header or existing_header)
    missing = [c for row in rows for c in row if c not in wanted]
    for column in dict.fromkeys(missing):
        wanted.append(column)
    if wanted != existing_header and existing_header:
        # A new column (as_of_date in documents.csv before the places/documents schema change): rewrite once.
        _write(path, wanted, existing + rows)
        return
    if not existing_header:
        _write(path, wanted, rows)
        return
    data = path.read_bytes()
    with path.open("a", encoding="utf-8", newline="") as handle:
        if data and not data.endswith(b"\n"):
            handle.write("\n")
        writer = csv.DictWriter(handle, fieldnames=wanted, lineterminator="\n", extrasaction="ignore")
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})


def write_rows(path: Path, header: list[str], rows: list[dict[str, object]]) -> None:
    """Rewrite the whole file (header and rows) the way it is written, through a temporary file swapped in."""
    import os

    path = Path(path)
    temporary = path.with_name(f".{path.name}.tmp")
    _write(temporary, header, rows)
    os.replace(temporary, path)


def _write(path: Path, header: list[str], rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
