"""Labels of the small vocabularies (seeds/vocabulary_labels.csv, their one home) for pages that show values the
warehouse does not label itself: the kinds and statuses of dbt's build results on the Data quality page."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from battlemap.extract.seedfiles import read_rows
from battlemap.shared.paths import seeds_dir


@lru_cache(maxsize=4)
def _rows(path: Path, mtime_ns: int) -> list[dict[str, str]]:
    return read_rows(path)[1]


def vocabulary_labels(vocabulary: str, lang: str) -> dict[str, str]:
    """value -> its label in `lang` (en or zh) for one vocabulary; a value without a row is shown as it is."""
    path = seeds_dir() / "vocabulary_labels.csv"
    column = "label_zh" if lang == "zh" else "label_en"
    return {row["value"]: row[column] for row in _rows(path, path.stat().st_mtime_ns) if row["vocabulary"] == vocabulary}
