"""Make N times the corpus in a copy of the project (battlemap.testing.corpus, shared with tests/python/test_scale.py).

    .venv/bin/python bench/generate.py DEST --factor 100
"""

from battlemap.testing.corpus import main

if __name__ == "__main__":
    raise SystemExit(main())
