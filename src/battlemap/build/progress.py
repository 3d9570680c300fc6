"""`battlemap build` run from the app: a child process whose output is read line by line into a share done
(dbt's "N of M OK/PASS …" lines), so a page can draw a progress bar and then say how the build ended.

The child is `battlemap build` itself (the same checks, the same atomic swap), in its own process group that
dies with the app's server (battlemap.shared.processes); if the page stops waiting (the person leaves it, the
session ends), the group is killed, as a Ctrl-C would stop it, and the warehouse is left as it was.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from battlemap.shared.paths import PROJECT_ENV, WAREHOUSE_ENV
from battlemap.shared.processes import follow_child, start_reading_child

# dbt's line for a finished node: "12:00:01  17 of 243 OK created sql table model main.dim_city … [OK in 0.2s]".
NODE_DONE = re.compile(r"\b(\d+) of (\d+) (?!START\b)[A-Z][A-Z-]*\b")
STEP = re.compile(r"^\[(\d)/(\d)\]")  # battlemap build's own steps: [1/3] checking, [2/3] dbt, [3/3] swap
CHECKING_SHARE, DBT_SHARE = 0.05, 0.9  # of the bar: the input pass, then dbt; the swap takes the rest


@dataclass(frozen=True)
class BuildOutcome:
    ok: bool
    summary: str  # the command's last word: "Warehouse ready: …" or why it failed
    lines: list[str]


def share_done(line: str, current: float) -> float:
    """The share of the build done once `line` is printed (never going back)."""
    if step := STEP.match(line):
        done = {1: 0.0, 2: CHECKING_SHARE, 3: CHECKING_SHARE + DBT_SHARE}.get(int(step.group(1)), current)
        return max(current, done)
    if node := NODE_DONE.search(line):
        number, total = int(node.group(1)), int(node.group(2))
        if total:
            return max(current, CHECKING_SHARE + DBT_SHARE * min(number, total) / total)
    return current


CLI = "from battlemap.cli import app; app(prog_name='battlemap')"


def build_command(warehouse: Path) -> list[str]:
    """`battlemap build --warehouse FILE` in this Python (the package the app itself runs)."""
    return [sys.executable, "-c", CLI, "build", "--warehouse", str(warehouse)]


def run_build(project: Path, warehouse: Path, report: Callable[[float, str], None]) -> BuildOutcome:
    """Run `battlemap build` on `project` into `warehouse`; `report(share, line)` after each line of output."""
    environment = {**os.environ, PROJECT_ENV: str(project), WAREHOUSE_ENV: str(warehouse), "PYTHONUNBUFFERED": "1"}
    process = start_reading_child(build_command(warehouse), project, environment)
    share = 0.0

    def on_line(line: str) -> None:
        nonlocal share
        share = share_done(line, share)
        report(share, line)

    lines = follow_child(process, on_line)  # (a page that stops waiting stops the build with it)
    ok = process.returncode == 0
    if ok:
        summary = next((line for line in reversed(lines) if line.startswith("Warehouse ready")), lines[-1] if lines else "")
    else:
        start = next((i for i, line in enumerate(lines) if line.startswith("battlemap build")), max(0, len(lines) - 25))
        summary = "\n".join(line for line in lines[start:] if line.strip())
    return BuildOutcome(ok, summary, lines)
