"""The review CSV a person marks: its columns, how it is written and read back, and what yes and no may be written as."""

from __future__ import annotations

import csv
from pathlib import Path

from battlemap.build.input_rows import records_of, unclosed_quote_line
from battlemap.extract import COLUMNS
from battlemap.extract.periods import propose_period
from battlemap.shared.places import Place, english_name
from battlemap.shared.safe_csv import BOM

# `period` (seeds/periods.csv) is proposed here from the words around each figure (battlemap.extract.periods).
REVIEW_COLUMNS = ("accept", *COLUMNS, "period", "scope_name_en", "as_of_date", "note")


YES = {"y", "yes", "true", "1", "x", "✓", "是"}


NO = {"", "n", "no", "false", "0", "否"}


def write_review(
    path: Path, proposals, place: Place | None = None, text: str = "", campaign_is_a_year: bool = True, project: Path | None = None
) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # With a byte-order mark, so spreadsheet programs read the Chinese text as UTF-8 (accept reads it with or without).
    path.write_text(BOM + review_csv_text(proposals, place, text, campaign_is_a_year, project), encoding="utf-8")


def review_csv_text(
    proposals, place: Place | None = None, text: str = "", campaign_is_a_year: bool = True, project: Path | None = None
) -> str:
    """The review CSV as text (for the app's download). `text` is the normalised text the proposals'
    offsets point into, read for each figure's period (without it, from the quote alone)."""
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for proposal in proposals:
        row = proposal.row()
        row["is_target"] = "true" if proposal.is_target else "false"
        scope_en = (
            english_name(proposal.scope_name) if proposal.scope_level in ("city", "district") and proposal.scope_name else ""
        )
        if text:
            period = propose_period(text, proposal.char_start, proposal.char_end, proposal.is_target, campaign_is_a_year, project)
        else:
            period = propose_period(proposal.quote, 0, len(proposal.quote), proposal.is_target, campaign_is_a_year, project)
        writer.writerow({"accept": "", **row, "period": period, "scope_name_en": scope_en, "as_of_date": "", "note": ""})
    return buffer.getvalue()


def not_utf8_message(path: Path, error: UnicodeDecodeError) -> str:
    """Why a review CSV cannot be read, and how to convert it: spreadsheet programs in Chinese locales save GB18030."""
    shown = str(path)
    line = Path(path).read_bytes()[: error.start].count(b"\n") + 1
    converted = f"{Path(path).stem}.utf8.csv"
    try:
        Path(path).read_bytes().decode("gb18030")
    except UnicodeDecodeError:
        return (
            f"{shown} line {line}: not UTF-8 ({error.reason} at byte {error.start}) nor GB18030: save it again as "
            "CSV UTF-8 and accept that file"
        )
    return (
        f"{shown} line {line}: saved as GB18030/GBK, not UTF-8 (a spreadsheet's default in Chinese locales). Save it as "
        f"\"CSV UTF-8\" instead, or convert it: iconv -f GB18030 -t UTF-8 {shown} > {converted} (then battlemap accept {converted})"
    )


def read_review(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[tuple[int, str]]]:
    """Header, (line, row) of each one-line record, and (line, reason) of each record that is not one line: a
    field with a line break, or a stray quote that runs on to the end of the file. Lines as an editor counts them."""
    text = Path(path).read_bytes().decode("utf-8-sig")
    try:
        records = records_of(text)
    except csv.Error:
        # A stray quote that is never closed: named by its line, the rest of the file not read as its field.
        header = next(csv.reader([text.split("\n", 1)[0]]), [])
        line = unclosed_quote_line(text)
        return header, [], [(line, 'a quoted field opened on this line is never closed (a stray "?): fix the row, then accept again')]
    if not records:
        return [], [], []
    header = records[0][2]
    rows, broken = [], []
    for first, last, fields in records[1:]:
        if first != last or any("\n" in f or "\r" in f for f in fields):
            columns = [name for name, f in zip(header, fields) if "\n" in f or "\r" in f]
            where = f" ({', '.join(columns)})" if columns and len(fields) == len(header) else ""
            broken.append(
                (
                    first,
                    f"a field runs over lines {first}-{last}{where}: fields may not contain line breaks "
                    "(or a stray \" opened a field that is never closed)",
                )
            )
            continue
        rows.append((first, {name: (fields[i] if i < len(fields) else "") for i, name in enumerate(header)}))
    return header, rows, broken
