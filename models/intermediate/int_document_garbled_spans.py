"""Stretches of each normalised text that look damaged: replacement characters, '?' inside Chinese,
stray pinyin, mojibake letters, page numbers glued into words, template placeholders.

The patterns live in battlemap.read.text.GARBLED_PATTERNS (tested with pytest). One document at a time,
with its offset map as a numpy array (no Python int per character).
"""

import polars as pl

from battlemap.read.text import NormalisedText, find_garbled

SCHEMA = {
    "garbled_span_id": pl.String,
    "document_id": pl.String,
    "kind": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "raw_char_start": pl.Int32,
    "raw_char_end": pl.Int32,
    "span_text": pl.String,
    "raw_span_text": pl.String,
}


def model(dbt, session):
    dbt.config(materialized="table")
    documents = dbt.ref("int_documents_normalised").pl().select("document_id", "normalised_text", "raw_text", "raw_offsets")

    maps = documents.get_column("raw_offsets")
    rows = []
    texts = documents.select("document_id", "normalised_text", "raw_text").iter_rows()
    for index, (document_id, normalised_text, raw_text) in enumerate(texts):
        spans = find_garbled(normalised_text)
        if not spans:
            continue
        offsets = maps[index].to_numpy()
        text = NormalisedText(normalised_text, offsets)
        for number, span in enumerate(spans, start=1):
            raw_start, raw_end = text.raw_span(span.start, span.end)
            rows.append(
                {
                    "garbled_span_id": f"{document_id}:{number}",
                    "document_id": document_id,
                    "kind": span.kind,
                    "char_start": span.start,
                    "char_end": span.end,
                    "raw_char_start": raw_start,
                    "raw_char_end": raw_end,
                    "span_text": span.text,
                    "raw_span_text": raw_text[raw_start:raw_end],
                }
            )
    return pl.DataFrame(rows, schema=SCHEMA)
