"""Read the warehouse without ever holding a lock a build would trip over for longer than a query.

DuckDB caches one database instance per file path inside a process, so after `battlemap build` swaps
a new file into place an old connection (and even a new duckdb.connect(path)) can keep showing the
old file. A fresh in-memory connection that ATTACHes the file read-only sees the new one at once
(../shared/PITFALLS.md, duckdb issue #15912). Every reader goes through `open_read_only`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from battlemap.shared.paths import warehouse_path


class WarehouseMissingError(FileNotFoundError):
    """No warehouse file where one was expected."""


def identity(path: Path | None = None) -> tuple[int, int, int]:
    """(inode, mtime in ns, size) of the warehouse file: changes whenever a build swaps a new one in."""
    stat = (path or warehouse_path()).stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def open_read_only(path: Path | None = None, alias: str = "wh") -> duckdb.DuckDBPyConnection:
    """A new in-memory connection with the warehouse attached read-only as `alias` and in use.

    dbt-compiled SQL names the catalog after the file (`"battlemap"."main"…`): attach with that alias to run it.
    """
    if not alias.isidentifier():
        raise ValueError(f"not a catalog alias: {alias!r}")
    target = path or warehouse_path()
    if not target.is_file():
        raise WarehouseMissingError(f"No warehouse at {target}. Build one with: battlemap build")
    connection = duckdb.connect()
    quoted = str(target).replace("'", "''")
    connection.execute(f"ATTACH '{quoted}' AS {alias} (READ_ONLY)")
    connection.execute(f"USE {alias}")
    return connection


@contextmanager
def reading(path: Path | None = None, alias: str = "wh") -> Iterator[duckdb.DuckDBPyConnection]:
    """`with reading() as con:` opens the warehouse read-only and always closes it."""
    connection = open_read_only(path, alias)
    try:
        yield connection
    finally:
        connection.close()
