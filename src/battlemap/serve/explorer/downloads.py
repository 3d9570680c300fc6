"""CSV and Parquet download buttons under every table; the files are made only when clicked."""

from __future__ import annotations

import io
from functools import partial

import polars as pl
import streamlit as st

from battlemap.serve.explorer.i18n import t
from battlemap.shared.safe_csv import to_csv_bytes


def to_csv(frame: pl.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark (spreadsheet programs then read the Chinese text right), formula-safe: the
    one writer the releases use too (battlemap.shared.safe_csv)."""
    return to_csv_bytes(frame)


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
    # Side by side in one horizontal container: one block instead of a row of three columns (the browser re-renders
    # every element and block of a page on each rerun).
    with st.container(horizontal=True):
        for extension, label, encode, mime in formats:
            st.download_button(
                t(label),
                data=partial(encode, frame),
                file_name=f"{name}.{extension}",
                mime=mime,
                key=f"{key}_{extension}",
                on_click="ignore",
                icon=":material/download:",
            )
