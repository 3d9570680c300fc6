"""Labels of the small vocabularies (seeds/vocabulary_labels.csv, their one home) for pages that show values the
warehouse does not label itself: the kinds and statuses of dbt's build results on the Data quality page."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from battlemap.extract.seedfiles import read_rows
from battlemap.paths import seeds_dir


@lru_cache(maxsize=4)
def _labels(path: Path, mtime_ns: int) -> dict[tuple[str, str], dict[str, str]]:
    _, rows = read_rows(path)
    return {(row["vocabulary"], row["value"]): {"en": row["label_en"], "zh": row["label_zh"]} for row in rows}


def vocabulary_label(vocabulary: str, value: str | None, lang: str) -> str:
    """The label of `value` in `lang` (en or zh); the value itself when the seed has no label for it."""
    if value is None:
        return ""
    path = seeds_dir() / "vocabulary_labels.csv"
    labels = _labels(path, path.stat().st_mtime_ns)
    return labels.get((vocabulary, value), {}).get(lang, value)
