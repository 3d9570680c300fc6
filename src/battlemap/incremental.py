"""Adding a document without redoing every document: what `battlemap build` reuses from the warehouse it replaces.

The expensive per-document work of a build is in two Python models: `int_documents_normalised` (pinyin stripped,
simplified script, offset map: ~6 s at 5,000 documents) and `int_document_garbled_spans` (~3 s). Each document's
result there depends only on the document's article bytes, its documents row (id, file name, checksum) and the code.

When `battlemap build` finds that nothing but the corpus changed since it built the current warehouse (same
project code, macros, tests, seed columns, battlemap package and installed packages: `code_fingerprint`), it builds
into a copy of that warehouse instead of an empty file and sets REUSE_ENV for dbt. Every seed, model and test
still runs, and every model is still rebuilt from its inputs; the two Python models only take each unchanged
document's result from their previous table instead of computing it again, and compute the rest:
  - a normalised text is reused when the document's id, file name, expected and actual checksums are all the
    same as in the previous build (the actual checksum is of the article's bytes, the only input of the text);
  - a document's garbled spans are reused when its normalised text is exactly the one the previous build's
    `dim_document` recorded (the spans are found in that text alone).
Anything else (a changed article, a new or removed document) is computed as in a full build, so the result is the
full build's (tests/python/test_build_incremental.py, bench/add_one.py compare the marts). Without REUSE_ENV (a
plain `dbt build`, a full `battlemap build`) the models compute everything.
"""

from __future__ import annotations

import os

REUSE_ENV = "BATTLEMAP_REUSE_PRIOR"


def reuse_allowed() -> bool:
    """Whether this dbt run may reuse the previous build's per-document results (set by `battlemap build` only)."""
    return os.environ.get(REUSE_ENV) == "1"


def relation_exists(session, database: str, schema: str, name: str) -> bool:
    """Whether a table of that name is in the file dbt is building (DuckDB's catalog)."""
    found = session.sql(
        "select count(*) from information_schema.tables where table_catalog = ? and table_schema = ? and table_name = ?",
        params=[database, schema, name],
    ).fetchall()
    return bool(found and found[0][0])


def quoted(database: str, schema: str, name: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in (database, schema, name))


def previous_table(dbt, session) -> str | None:
    """This model's own table as the previous build left it, quoted; None when there is none or reuse is off."""
    if not reuse_allowed():
        return None
    this = dbt.this
    if not relation_exists(session, this.database, this.schema, this.identifier):
        return None
    return quoted(this.database, this.schema, this.identifier)
