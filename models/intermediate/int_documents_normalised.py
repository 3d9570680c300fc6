"""Normalised text of every article: inline pinyin stripped, simplified script, offset map to the raw text.

The logic lives in battlemap.read.text (tested with pytest); this model applies it to the warehouse rows.
Memory stays linear in the text with a small factor: each document's offset map is a numpy int32 array,
and the maps of all documents become one Arrow list column without a Python object per character.
"""

import numpy as np
import polars as pl
import pyarrow as pa

from battlemap.read.text import normalise


def model(dbt, session):
    dbt.config(materialized="table")
    files = dbt.ref("stg_articles__files").pl().select("file_name", "sha256_actual", "raw_text")
    documents = dbt.ref("stg_curation__documents").pl().select("document_id", "file_name", "sha256")

    texts, maps = [], []
    for raw in files.get_column("raw_text"):
        normalised = normalise(raw)
        texts.append(normalised.text)
        maps.append(normalised.raw_offsets)
    bounds = np.zeros(len(maps) + 1, dtype=np.int64)
    np.cumsum([len(offsets) for offsets in maps], out=bounds[1:])
    values = np.concatenate(maps) if maps else np.zeros(0, dtype=np.int32)
    raw_offsets = pa.LargeListArray.from_arrays(pa.array(bounds), pa.array(values, type=pa.int32()))
    normalised_files = files.with_columns(
        pl.Series("normalised_text", texts, dtype=pl.String),
        pl.Series("raw_offsets", pl.from_arrow(raw_offsets)).cast(pl.List(pl.Int32)),
    )
    # Files without a documents row, and rows without a file, are caught by relationships tests.
    return (
        documents.rename({"sha256": "sha256_expected"})
        .join(normalised_files, on="file_name", how="inner")
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
