"""Normalised text of every article: inline pinyin stripped, simplified script, offset map to the raw text.

The logic lives in battlemap.read.text (tested with pytest); this model applies it to the warehouse rows.
Memory stays linear in the text with a small factor: each document's offset map is a numpy int32 array,
and the maps of all documents become one Arrow list column without a Python object per character.

When `battlemap build` adds documents to a warehouse whose code has not changed (battlemap.incremental), an
unchanged document's text and map are taken from this table in the warehouse being replaced instead of being
computed again: same document id, file name, expected and actual checksum of the article's bytes.

On battlemap build's append path (macros/append_only.sql: the code unchanged, documents only appended) the model is
incremental: it normalises the new documents only and dbt adds their rows to the table the copied warehouse holds.
"""

import numpy as np
import polars as pl
import pyarrow as pa

from battlemap.build.incremental import APPEND_TABLE, has_table, previous_warehouse, quoted
from battlemap.read.text import normalise

KEY = ["document_id", "file_name", "sha256_expected", "sha256_actual"]


def arrow_view(values: np.ndarray, dtype: type[np.integer]) -> pa.Array:
    """A numpy array as an Arrow array of `dtype` (converted first if it is not that type), over the same memory.
    Not pa.array(values): for a numpy argument that imports pandas to look for pandas types (~0.3 s of every build)."""
    values = np.ascontiguousarray(values, dtype=dtype)
    return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), len(values), [None, pa.py_buffer(values)])


def normalised_frame(files: pl.DataFrame) -> pl.DataFrame:
    """file_name, sha256_actual, raw_text, normalised_text, raw_offsets of each file, computed."""
    texts, maps = [], []
    for raw in files.get_column("raw_text"):
        normalised = normalise(raw)
        texts.append(normalised.text)
        maps.append(normalised.raw_offsets)
    bounds = np.zeros(len(maps) + 1, dtype=np.int64)
    np.cumsum([len(offsets) for offsets in maps], out=bounds[1:])
    values = np.concatenate(maps) if maps else np.zeros(0, dtype=np.int32)
    raw_offsets = pa.LargeListArray.from_arrays(arrow_view(bounds, np.int64), arrow_view(values, np.int32))
    return files.with_columns(
        pl.Series("normalised_text", texts, dtype=pl.String),
        pl.Series("raw_offsets", pl.from_arrow(raw_offsets)).cast(pl.List(pl.Int32)),
    )


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="document_id", incremental_strategy="delete+insert")
    files = dbt.ref("stg_articles__files")
    documents = dbt.ref("stg_curation__documents")
    if dbt.is_incremental:  # battlemap build's append path: the new documents only (their ids in its marker table)
        marker = quoted(dbt.this.database, "main", APPEND_TABLE)
        files = files.filter(f"file_name in (select file_name from {marker})")
        documents = documents.filter(f"document_id in (select document_id from {marker})")
    files = files.pl().select("file_name", "sha256_actual", "raw_text")
    documents = documents.pl().select("document_id", "file_name", "sha256").rename({"sha256": "sha256_expected"})
    if dbt.is_incremental:
        return with_texts(documents, normalised_frame(files))

    with previous_warehouse(session) as previous:
        if previous is None or not has_table(session, previous, dbt.this.schema, dbt.this.identifier):
            normalised_files = normalised_frame(files)
        else:
            table = quoted(previous, dbt.this.schema, dbt.this.identifier)
            kept = session.sql(f"select {', '.join(KEY)}, normalised_text, raw_offsets from {table}").pl()
            # The previous texts of files whose document row and bytes are unchanged (one per file: file names are unique).
            reused = (
                documents.join(files.select("file_name", "sha256_actual"), on="file_name", how="inner")
                .join(kept, on=KEY, how="inner")
                .select("file_name", "sha256_actual", "normalised_text", "raw_offsets")
                .unique("file_name", keep="first", maintain_order=True)
            )
            reused = files.join(reused, on=["file_name", "sha256_actual"], how="inner")
            fresh = normalised_frame(files.join(reused.select("file_name"), on="file_name", how="anti"))
            normalised_files = pl.concat([reused, fresh.select(reused.columns)], how="vertical")
    return with_texts(documents, normalised_files)


def with_texts(documents: pl.DataFrame, normalised_files: pl.DataFrame) -> pl.DataFrame:
    """Each documents row with its file's texts. Files without a documents row, and rows without a file, are caught by
    relationships tests."""
    return (
        documents
        .join(normalised_files, on="file_name", how="inner", maintain_order="left")
        .select(
            "document_id",
            "file_name",
            "sha256_expected",
            "sha256_actual",
            "raw_text",
            "normalised_text",
            "raw_offsets",
        )
    )
