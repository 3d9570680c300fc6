"""Stretches of each normalised text that look damaged: replacement characters, '?' inside Chinese,
stray pinyin, mojibake letters, page numbers glued into words, template placeholders.

The patterns live in battlemap.text.GARBLED_PATTERNS (tested with pytest).
"""

import polars as pl

from battlemap.text import NormalisedText, find_garbled


def model(dbt, session):
    dbt.config(materialized="table")
    documents = dbt.ref("int_documents_normalised").pl()

    rows = []
    for document in documents.iter_rows(named=True):
        text = NormalisedText(document["normalised_text"], tuple(document["raw_offsets"]))
        for number, span in enumerate(find_garbled(text.text), start=1):
            raw_start, raw_end = text.raw_span(span.start, span.end)
            rows.append(
                {
                    "garbled_span_id": f"{document['document_id']}:{number}",
                    "document_id": document["document_id"],
                    "kind": span.kind,
                    "char_start": span.start,
                    "char_end": span.end,
                    "raw_char_start": raw_start,
                    "raw_char_end": raw_end,
                    "span_text": span.text,
                    "raw_span_text": document["raw_text"][raw_start:raw_end],
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "garbled_span_id": pl.String,
            "document_id": pl.String,
            "kind": pl.String,
            "char_start": pl.Int32,
            "char_end": pl.Int32,
            "raw_char_start": pl.Int32,
            "raw_char_end": pl.Int32,
            "span_text": pl.String,
            "raw_span_text": pl.String,
        },
    )
