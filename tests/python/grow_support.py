"""The corpus grows: add the made-up articles and seed rows of tests/fixtures/grow/ to a project copy."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from battlemap.shared.paths import corpus_file

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "grow"


def append_rows(project: Path, seed: str, rows: list[dict[str, str]]) -> None:
    """Append rows to a curated table's CSV (battlemap.shared.paths.corpus_file), column by column name (a missing column
    stays empty)."""
    path = corpus_file(seed, project)
    with path.open(encoding="utf-8", newline="") as handle:
        fields = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n", extrasaction="raise")
        writer.writerows(rows)


def fixture_rows(seed: str) -> list[dict[str, str]]:
    with (FIXTURE / "seeds" / f"{seed}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def grow(project: Path) -> Path:
    """A second report of Quanzhou's campaign, a second outlet's report of Zhumadian's meeting (with one
    disagreeing figure) and a new county, Pujiang, added with articles and seed rows only."""
    for article in sorted((FIXTURE / "articles").glob("*.txt")):
        shutil.copy2(article, project / "sources" / "articles" / article.name)
    for seed in ("cities", "campaigns", "documents", "observations"):
        append_rows(project, seed, fixture_rows(seed))
    return project
