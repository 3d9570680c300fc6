"""CSV and Parquet download buttons under every table; the files are made only when clicked."""

from __future__ import annotations

import io
from functools import partial

import polars as pl
import streamlit as st

from explorer.i18n import t

# A text cell starting with one of these is read as a formula by spreadsheet programs (=HYPERLINK(…),
# +cmd|…, -…, @SUM(…)); tab and carriage return are OWASP's too (CSV injection).
FORMULA_PATTERN = r"^[=+\-@\t\r]"


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would run as a formula, prefixed with an apostrophe (shown as text, OWASP).
    Numbers stay numbers; lists of text are joined first, as CSV cannot hold them."""
    columns = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype == pl.List(pl.String):
            column = column.list.join(", ")
        elif dtype != pl.String:
            continue
        columns.append(
            pl.when(column.str.contains(FORMULA_PATTERN))
            .then(pl.lit("'") + column)
            .otherwise(column)
            .alias(name)
        )
    return frame.with_columns(columns) if columns else frame


def to_csv(frame: pl.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese text right; no formulas."""
    return ("\ufeff" + neutralise(frame).write_csv()).encode("utf-8")


def to_parquet(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def download_buttons(frame: pl.DataFrame, name: str, key: str) -> None:
    """Two buttons, CSV and Parquet, for `frame` (raw values in base units) named `name`.csv/.parquet."""
    formats = (
        ("csv", "download.csv", to_csv, "text/csv"),
        ("parquet", "download.parquet", to_parquet, "application/vnd.apache.parquet"),
    )
    for column, (extension, label, encode, mime) in zip(st.columns([1, 1, 4]), formats):
        with column:
            st.download_button(
                t(label),
                data=partial(encode, frame),
                file_name=f"{name}.{extension}",
                mime=mime,
                key=f"{key}_{extension}",
                on_click="ignore",
                icon=":material/download:",
            )
