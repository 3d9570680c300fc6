"""The extractor's word lists (src/battlemap/extract/words/) live beside it and are held to the seeds: a cue names a
catalogue metric, a scope word a scope level, and a broken list is refused when loaded, naming file, line and reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from battlemap.extract.words import WORDS_DIR, WordListError, word_list_problems
from battlemap.shared import vocabularies
from battlemap.shared.paths import project_dir

ROOT = project_dir()


def metric_ids() -> set[str]:
    return set(vocabularies.values("metrics", ROOT))


def levels() -> set[str]:
    return set(vocabularies.values("scope_levels", ROOT))


def test_the_word_lists_fit_the_seeds_and_no_seed_repeats_them():
    assert word_list_problems(WORDS_DIR, metric_ids(), levels()) == []
    for name in ("metric_terms", "target_terms", "scope_terms"):
        assert not (ROOT / "seeds" / f"{name}.csv").exists()  # one home: beside the extractor, not among the seeds


@pytest.mark.parametrize(
    ("file", "row", "reason"),
    [
        ("metric_terms.csv", "竣工面积,floor_area_built,before,2,\n", "metric 'floor_area_built' is not in seeds/metrics.csv"),
        ("metric_terms.csv", "投资完成率,investment_completion_rate,before,2,\n", "'投资完成率' names investment_completion_rate a second time"),
        ("metric_terms.csv", "新词,other,around,2,\n", "side 'around' is not one of before, after, either"),
        ("metric_terms.csv", "新词,other,before,5,\n", "priority '5' is not one of 1, 2, 3"),
        ("target_terms.csv", "力争,true,false,\n", "'力争' is listed twice"),
        ("target_terms.csv", "拟定,true,true,\n", "a target word cannot hold as done in a plan"),
        ("scope_terms.csv", "片区群,region,\n", "scope level 'region' is not in seeds/scope_levels.csv"),
    ],
)
def test_a_broken_word_list_is_named_by_file_line_and_reason(tmp_path: Path, file: str, row: str, reason: str):
    words = tmp_path / "words"
    shutil.copytree(WORDS_DIR, words)
    lines = (words / file).read_text(encoding="utf-8").count("\n")
    with (words / file).open("a", encoding="utf-8") as handle:
        handle.write(row)
    problems = word_list_problems(words, metric_ids(), levels())
    assert len(problems) == 1 and problems[0].startswith(f"{file} line {lines + 1}: {reason}"), problems


def test_a_row_with_more_fields_than_its_header_is_named_by_file_and_line(tmp_path: Path):
    words = tmp_path / "words"
    shutil.copytree(WORDS_DIR, words)
    lines = (words / "metric_terms.csv").read_text(encoding="utf-8").count("\n")
    with (words / "metric_terms.csv").open("a", encoding="utf-8") as handle:
        handle.write("新词,other,before,2,a note, with a comma\n")
    with pytest.raises(WordListError, match=rf"metric_terms.csv line {lines + 1}: 6 fields, the header has 5 \(quote a note"):
        word_list_problems(words, metric_ids(), levels())
