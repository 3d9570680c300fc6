"""Normalised text of every article: inline pinyin stripped, simplified script, offset map to the raw text.

The logic lives in battlemap.text (tested with pytest); this model applies it to the warehouse rows.
"""

import polars as pl

from battlemap.text import normalise


def model(dbt, session):
    dbt.config(materialized="table")
    files = dbt.ref("stg_articles__files").pl()
    documents = dbt.ref("stg_curation__documents").pl().select("document_id", "file_name", "sha256")

    rows = []
    for file in files.iter_rows(named=True):
        normalised = normalise(file["raw_text"])
        rows.append(
            {
                "file_name": file["file_name"],
                "sha256_actual": file["sha256_actual"],
                "raw_text": file["raw_text"],
                "normalised_text": normalised.text,
                "raw_offsets": list(normalised.raw_offsets),
            }
        )
    normalised_files = pl.DataFrame(
        rows,
        schema={
            "file_name": pl.String,
            "sha256_actual": pl.String,
            "raw_text": pl.String,
            "normalised_text": pl.String,
            "raw_offsets": pl.List(pl.Int32),
        },
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
