"""The extractor's fast paths match what the rules they stand for match (the regex statements stay the spec)."""

from __future__ import annotations

import random
import re

from battlemap.build.figure_match import _pattern, _whole_offset
from battlemap.extract.clauses import CLAUSE_ENDS, INNER_ENDS, SENTENCE_ENDS, STOP_ENDS, boundaries
from battlemap.extract.vocabulary import load_vocabulary, longest_term


def test_whole_offset_finds_what_the_figure_regex_finds() -> None:
    rng = random.Random(5)
    alphabet = list("0123456789０５.．一二十百万亿点个项元% 　\u00a0a中")
    for _ in range(400):
        figure = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5)))
        for _ in range(20):
            quote = "".join(rng.choice([*alphabet, figure]) for _ in range(rng.randint(0, 8)))
            match = _pattern(figure).search(quote)
            assert _whole_offset(quote, figure) == (match.start() if match else None), (figure, quote)


def test_longest_term_matches_as_the_alternation_longest_first() -> None:
    vocabulary = load_vocabulary()
    rng = random.Random(6)
    for terms in ({c.term for c in vocabulary.cues}, set(vocabulary.target_terms), {"a", "ab", "abc", "b", "bc"}):
        alternation = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
        fast = re.compile(longest_term(tuple(terms)))
        alphabet = sorted(set("".join(terms))) + ["x"]
        for _ in range(2000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in alternation.finditer(text)], text


def test_boundaries_are_each_levels_delimiters() -> None:
    rng = random.Random(7)
    alphabet = list(INNER_ENDS + "  \u3000\xa0中")
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        found = boundaries(text)
        for level, ends in (("stop", STOP_ENDS), ("sentence", SENTENCE_ENDS), ("clause", CLAUSE_ENDS), ("inner", INNER_ENDS)):
            spaces = "" if level in ("stop", "sentence") else r"|[ \u3000\xa0]{2,}"
            expected = [m.start() for m in re.finditer("[" + re.escape(ends) + "]" + spaces, text)]
            assert found[level].positions == expected, (level, text)
