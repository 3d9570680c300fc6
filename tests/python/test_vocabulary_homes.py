"""Each small vocabulary has one home, its seed (battlemap.shared.vocabularies), and is never re-listed elsewhere (issue 21).

The scan reads models/**/*.yml, models/**/*.sql, src/**/*.py and app/**/*.py and fails, naming file and line, where
the values of a vocabulary are listed again: an `accepted_values` test of its values (or on one of its columns),
a SQL `CASE` or `in (…)` of them (in a model or in SQL text inside Python), a Python list, tuple or set of them, or a
dict keyed by them. "Listed" means at least LISTED of its values together (both, for a vocabulary of two). A rule
that names one value (`figures_are = 'targets'`, `scope_level <> 'city'`) is no list. The values are read from the
seeds, so this test lists none either.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from battlemap.shared import vocabularies

REPO = Path(__file__).resolve().parents[2]
LISTED = 3  # values of one vocabulary together that make a list of it (all of them, when it has fewer)

# vocabulary name -> (seed, column of its values, columns that hold its values elsewhere)
HOMES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "scope level": ("scope_levels", "scope_level", ("scope_level",)),
    "qualifier": ("qualifiers", "qualifier", ("qualifier",)),
    "base unit": ("base_units", "base_unit", ("base_unit",)),
    "metric kind": ("base_units", "metric_kind", ("metric_kind",)),
    "campaign type": ("campaign_types", "campaign_type", ("campaign_type",)),
    "figures_are value": ("figures_are_values", "figures_are", ("figures_are",)),
    "conflict kind": ("conflict_kinds", "conflict_kind", ("conflict_kind",)),
    "garbled kind": ("garbled_kinds", "kind", ()),
    "KPI": ("kpis", "kpi", ()),
}

# Where a list of a vocabulary's values is the rule itself, code a seed cannot hold, checked against the seed below.
ALLOWED = {
    # One regex per garbled kind: patterns are code (lookbehinds built from character classes), not data.
    ("src/battlemap/read/text.py", "garbled kind"),
    # The GX suites bound mart columns by name (each mart's contract); several columns of mart_city_comparison and
    # fct_campaign_progress are KPIs or metrics of the same name, so a list of columns to keep non-negative names them.
    ("src/battlemap/check/suites_facts.py", "KPI"),
}


@dataclass(frozen=True)
class Listing:
    path: str
    line: int
    vocabulary: str
    values: tuple[str, ...]
    how: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.how} re-lists the {self.vocabulary}s {', '.join(self.values)}"


def vocabulary_values(project: Path = REPO) -> dict[str, set[str]]:
    return {name: set(vocabularies.values(seed, project, column=column)) for name, (seed, column, _) in HOMES.items()}


def _listed(found: set[str], values: set[str]) -> bool:
    return len(found & values) >= min(LISTED, len(values)) and len(values) > 1


SQL_LISTS = re.compile(r"\bcase\b.*?\bend\b|\bin\s*\([^()]*\)", re.IGNORECASE | re.DOTALL)
SQL_LITERAL = re.compile(r"'([^']*)'")


def sql_listings(text: str, path: str, first_line: int, vocab: dict[str, set[str]]) -> list[Listing]:
    """CASE … END blocks and in (…) lists of SQL text that hold a vocabulary's values."""
    found = []
    for block in SQL_LISTS.finditer(text):
        literals = set(SQL_LITERAL.findall(block.group()))
        for name, values in vocab.items():
            if _listed(literals, values):
                line = first_line + text.count("\n", 0, block.start())
                kind = "a CASE" if block.group()[:4].lower() == "case" else "an in (…) list"
                found.append(Listing(path, line, name, tuple(sorted(literals & values)), kind))
    return found


def python_listings(source: str, path: str, vocab: dict[str, set[str]]) -> list[Listing]:
    """Lists, tuples and sets of string literals, dicts keyed by them, and SQL in string literals."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            strings = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            how = f"a {type(node).__name__.lower()}"
        elif isinstance(node, ast.Dict):
            strings = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            how = "a dict keyed by them"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += sql_listings(node.value, path, node.lineno, vocab)
            continue
        else:
            continue
        for name, values in vocab.items():
            if _listed(strings, values):
                found.append(Listing(path, node.lineno, name, tuple(sorted(strings & values)), how))
    return found


def _tests(spec: dict) -> list[tuple[str, dict]]:
    tests = []
    for test in spec.get("data_tests") or spec.get("tests") or []:
        if isinstance(test, str):
            tests.append((test, {}))
        else:
            ((name, body),) = test.items()
            body = body or {}
            tests.append((name, {**(body.get("arguments") or {}), **{k: v for k, v in body.items() if k != "arguments"}}))
    return tests


def _line_of(text: str, needle: str, after: int = 0) -> int:
    at = text.find(needle, after)
    return text.count("\n", 0, at if at >= 0 else after) + 1


def yml_listings(text: str, path: str, vocab: dict[str, set[str]]) -> list[Listing]:
    """accepted_values tests of a vocabulary's values or on one of its columns, and SQL lists in test expressions."""
    found = []
    document = yaml.safe_load(text) or {}
    holders = {column: name for name, (_, _, columns) in HOMES.items() for column in columns}
    nodes = [*(document.get("models") or []), *(document.get("seeds") or [])]
    for source in document.get("sources") or []:
        nodes += source.get("tables") or []
    for node in nodes:
        for column in [node, *(node.get("columns") or [])]:
            column_name = column.get("name", "")
            for test, arguments in _tests(column):
                if test == "accepted_values":
                    values = {str(v) for v in arguments.get("values") or []}
                    line = _line_of(text, "accepted_values", text.find(f"name: {column_name}"))
                    for name, vocabulary in vocab.items():
                        if _listed(values, vocabulary) or (holders.get(column_name) == name and values):
                            found.append(Listing(path, line, name, tuple(sorted(values)), f"accepted_values on {column_name}"))
                for key in ("expression", "row_condition", "where"):
                    if isinstance(arguments.get(key), str):
                        found += sql_listings(arguments[key], path, _line_of(text, arguments[key][:40]), vocab)
    return found


def scan(root: Path, vocab: dict[str, set[str]]) -> list[Listing]:
    found: list[Listing] = []
    for pattern in ("models/**/*.yml", "models/**/*.sql", "src/**/*.py", "app/**/*.py"):
        for file in sorted(root.glob(pattern)):
            relative = file.relative_to(root).as_posix()
            text = file.read_text(encoding="utf-8")
            if file.suffix == ".py":
                found += python_listings(text, relative, vocab)
            elif file.suffix == ".sql":
                found += sql_listings(text, relative, 1, vocab)
            else:
                found += yml_listings(text, relative, vocab)
    return [listing for listing in found if (listing.path, listing.vocabulary) not in ALLOWED]


def test_no_vocabulary_is_listed_outside_its_seed():
    listings = scan(REPO, vocabulary_values())
    assert not listings, "vocabularies re-listed outside their seed:\n" + "\n".join(map(str, listings))


def test_the_scan_finds_a_list_in_each_kind_of_file(tmp_path: Path):
    """The scan would fail: a vocabulary pasted back into a yml, a model, a module and SQL inside Python is found."""
    vocab = vocabulary_values()
    scopes = sorted(vocab["scope level"])
    qualifiers = sorted(vocab["qualifier"])
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "m.yml").write_text(
        "models:\n  - name: m\n    columns:\n      - name: qualifier\n        data_tests:\n"
        f"          - accepted_values: {{arguments: {{values: [{', '.join(qualifiers)}]}}}}\n",
        encoding="utf-8",
    )
    case = " ".join(f"when '{level}' then {n}" for n, level in enumerate(scopes))
    (tmp_path / "models" / "m.sql").write_text(f"select\n    case scope_level {case} end as rank\nfrom x\n", encoding="utf-8")
    (tmp_path / "src").mkdir()
    sql_list = ", ".join(repr(q) for q in qualifiers)
    (tmp_path / "src" / "m.py").write_text(
        f"LEVELS = {tuple(scopes[:3])!r}\nMARKS = {dict.fromkeys(qualifiers, '')!r}\n"
        f'SQL = """\nselect 1 where k in ({sql_list})\n"""\n',
        encoding="utf-8",
    )
    found = {(listing.path, listing.line, listing.vocabulary) for listing in scan(tmp_path, vocab)}
    assert found == {
        ("models/m.yml", 6, "qualifier"),
        ("models/m.sql", 2, "scope level"),
        ("src/m.py", 1, "scope level"),
        ("src/m.py", 2, "qualifier"),
        ("src/m.py", 4, "qualifier"),
    }, found


def test_the_allowed_lists_hold_exactly_the_seeds_values():
    """The code a seed cannot hold names the seed's values, no more, no fewer."""
    from battlemap.extract import scope
    from battlemap.read.text import GARBLED_PATTERNS

    vocab = vocabulary_values()
    assert set(GARBLED_PATTERNS) == vocab["garbled kind"]
    named = {getattr(scope, name) for name in ("CITY", "DISTRICT", "TOWN", "PROJECT", "PROGRAMME")}
    assert named <= vocab["scope level"]


def test_every_vocabulary_seed_labels_each_value_in_both_languages():
    for seed in ("scope_levels", "qualifiers", "base_units", "campaign_types", "figures_are_values", "conflict_kinds", "garbled_kinds"):
        for row in vocabularies.rows(seed):
            assert row["label_en"] and row["label_zh"], (seed, row)
    for row in vocabularies.kpis():
        assert row["label_en"] and row["label_zh"] and row["caveat_en"] and row["caveat_zh"], row
    assert vocabularies.default_qualifier() in vocabulary_values()["qualifier"]


def test_the_build_and_the_extractor_read_a_qualifier_from_a_quote_by_one_rule(built_warehouse: Path):
    """Both read the words of seeds/qualifier_terms.csv within the phrase the marks of seeds/qualifier_phrase_marks.csv
    end, and give the default of seeds/qualifiers.csv otherwise: on every curated quote they agree, including a quote
    whose earlier clause holds a qualifier word that must not count, and one with a qualifier word of reach phrase."""
    import duckdb

    from battlemap.extract.reading import qualifier
    from battlemap.extract.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        located = connection.execute(
            "select observation_id, quote, figure_offset_in_quote, figure_length_in_quote, qualifier_in_text"
            " from intermediate.int_observations_located order by observation_id"
        ).fetchall()
    assert located
    samples = [
        ("q1", "至少召开一次会议,新谋划工程3个", 14, 16),
        ("q2", "需至少新谋划招引重大产业工程1个", 14, 16),
        ("q3", "工期不超过90天", 5, 8),
    ]
    for observation_id, quote, offset, length, in_text in located:
        assert qualifier(quote, offset, offset + length, vocabulary) == in_text, (observation_id, quote)
    expected = {"q1": vocabularies.default_qualifier(), "q2": "at_least", "q3": "at_most"}
    for name, quote, start, end in samples:
        assert qualifier(quote, start, end, vocabulary) == expected[name], quote
