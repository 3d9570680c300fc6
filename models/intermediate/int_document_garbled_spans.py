"""Stretches of each normalised text that look damaged: replacement characters, '?' inside Chinese,
stray pinyin, mojibake letters, page numbers glued into words, template placeholders.

The patterns live in battlemap.read.text.GARBLED_PATTERNS (tested with pytest). One document at a time,
with its offset map as a numpy array (no Python int per character).

When `battlemap build` adds documents to a warehouse whose code has not changed (battlemap.incremental), a
document whose normalised text is exactly the one the replaced warehouse's dim_document holds keeps its spans from
this table in that warehouse (none, if it had none); the others are searched.

On battlemap build's append path (macros/append_only.sql) the model is incremental: it searches the new documents
only and dbt adds their spans to the table the copied warehouse holds.
"""

import polars as pl

from battlemap.build.incremental import APPEND_TABLE, has_table, previous_warehouse, quoted
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
    dbt.config(materialized="incremental", unique_key="document_id", incremental_strategy="delete+insert")
    documents = dbt.ref("int_documents_normalised")
    if dbt.is_incremental:  # battlemap build's append path: the new documents only (their ids in its marker table)
        marker = quoted(dbt.this.database, "main", APPEND_TABLE)
        documents = documents.filter(f"document_id in (select document_id from {marker})")
    documents = documents.pl().select("document_id", "normalised_text", "raw_text", "raw_offsets")
    if dbt.is_incremental:
        return spans_of(documents)

    kept = pl.DataFrame(schema=SCHEMA)
    with previous_warehouse(session) as previous:
        this = dbt.this if previous is not None else None
        if (
            this is not None
            and has_table(session, previous, this.schema, this.identifier)
            and has_table(session, previous, "main", "dim_document")
        ):
            # Documents whose normalised text (this build's, made just before) is the one the previous build searched.
            normalised = quoted(this.database, this.schema, "int_documents_normalised")
            searched = quoted(previous, "main", "dim_document")
            unchanged = session.sql(
                f"select current_text.document_id from {normalised} as current_text join {searched} as before"
                " on before.document_id = current_text.document_id and before.normalised_text = current_text.normalised_text"
            ).pl()
            previous_spans = session.sql(f"select {', '.join(SCHEMA)} from {quoted(previous, this.schema, this.identifier)}").pl()
            kept = previous_spans.cast(SCHEMA).join(unchanged, on="document_id", how="semi", maintain_order="left")
            documents = documents.join(unchanged, on="document_id", how="anti", maintain_order="left")
    return pl.concat([kept, spans_of(documents)], how="vertical")


def spans_of(documents: pl.DataFrame) -> pl.DataFrame:
    """The garbled spans of each document (document_id, normalised_text, raw_text, raw_offsets), searched."""
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
