"""Who holds a DuckDB file open, read from Linux's /proc/locks without touching the file.

DuckDB takes a POSIX lock on its database file: a write lock for a read-write connection, a read lock
for a read-only one. Taking a lock ourselves to probe would be wrong: closing any descriptor of a file
drops every POSIX lock this process holds on it, including those of its own DuckDB connections.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC_LOCKS = Path("/proc/locks")


@dataclass(frozen=True)
class LockHolder:
    pid: int
    kind: str  # "READ" or "WRITE"


def lock_holders(path: Path) -> list[LockHolder] | None:
    """The processes holding a POSIX lock on `path`; None when the system cannot say (not Linux)."""
    try:
        stat = path.stat()
        listing = PROC_LOCKS.read_text()
    except FileNotFoundError:
        return [] if PROC_LOCKS.exists() else None
    except OSError:
        return None
    holders = []
    for line in listing.splitlines():
        fields = line.split()
        if "->" in fields:  # a waiter on someone else's lock, not a holder
            continue
        if len(fields) < 6 or fields[1] not in ("POSIX", "OFDLCK"):
            continue
        kind, pid, device_inode = fields[3], fields[4], fields[5]
        major, minor, inode = device_inode.split(":")
        if int(inode) == stat.st_ino and os.makedev(int(major, 16), int(minor, 16)) == stat.st_dev:
            holders.append(LockHolder(int(pid), kind))
    return holders


def other_writers(path: Path) -> list[int]:
    """Pids of other processes with `path` open read-write (e.g. a plain `dbt build` on the served file)."""
    return sorted({h.pid for h in lock_holders(path) or [] if h.kind == "WRITE" and h.pid != os.getpid()})
