"""CSV that spreadsheet programs open safely: UTF-8 with a byte-order mark, formula-safe, one writer for all.

Used by the explorer's CSV downloads (src/battlemap/serve/explorer/downloads.py) and by `battlemap release`.

- A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is taken for a formula by
  spreadsheet programs (CSV injection). As OWASP's CSV Injection guidance says, such a cell is prefixed with
  a single quote (`'=1+2` is shown as the text `=1+2`) and every text cell is quoted. The full-width forms
  (＝ ＋ － ＠), which some spreadsheet programs in Chinese locales also read as operators, are treated alike.
  Numbers, dates and booleans are written as such (a number is not a formula, and `-3` stays a number).
- Lists (a figure's `document_ids`) are written as JSON arrays (`["a","b"]`), structs as JSON objects.
- The byte-order mark makes spreadsheet programs read the Chinese text as UTF-8.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
FORMULA_PATTERN = r"^[=+\-@\t\r＝＋－＠]"  # the same characters, for polars (Rust regex)
QUOTE_PREFIX = "'"


def neutralise(text: str | None) -> str | None:
    """The cell as a spreadsheet shows it safely: a leading formula character gets a ' before it."""
    if text and text.startswith(FORMULA_STARTS):
        return QUOTE_PREFIX + text
    return text


def _nested_as_json(frame: pl.DataFrame) -> pl.DataFrame:
    import polars as pl  # here, not at the top: `battlemap extract` reaches BOM through the review file, not polars

    nested = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List | pl.Array | pl.Struct)]
    if not nested:
        return frame
    return frame.with_columns(
        pl.col(name).map_elements(
            lambda value: json.dumps(value.to_list() if isinstance(value, pl.Series) else value, ensure_ascii=False, default=str),
            return_dtype=pl.String,
            skip_nulls=True,
        )
        for name in nested
    )


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame as it is written to CSV: nested values as JSON, every text cell neutralised."""
    import polars as pl

    frame = _nested_as_json(frame)
    text_columns = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum)]
    if not text_columns:
        return frame
    return frame.with_columns(
        pl.when(pl.col(name).cast(pl.String).str.contains(FORMULA_PATTERN))
        .then(pl.lit(QUOTE_PREFIX) + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in text_columns
    )


def to_csv_text(frame: pl.DataFrame) -> str:
    """The frame as formula-safe CSV text (no byte-order mark): text cells quoted, NULL as an empty cell."""
    return safe_frame(frame).write_csv(quote_style="non_numeric", null_value="")


def to_csv_bytes(frame: pl.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, formula-safe: what a download or a release's CSV file holds."""
    return (BOM + to_csv_text(frame)).encode("utf-8")
