"""Every description is written once (issue 21): a text used by several models, columns or seeds lives in a
dbt doc block (models/**/_*__docs.md) and the ymls refer to it with '{{ doc("...") }}'.

The check reads every yml under models/ and seeds/ (models, sources, seeds, exposures, unit tests) and fails
naming each literal description (whitespace normalised, longer than MIN_LENGTH characters) that appears more
than once, with every file and node it appears in. Short labels ("Name in English.") may repeat.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]
MIN_LENGTH = 20
DOC_REFERENCE = re.compile(r"\{\{\s*doc\(")


def _descriptions(node: object, where: str):
    """(path in the file, normalised text) of every literal description under a parsed yml node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield where, " ".join(value.split())
            else:
                yield from _descriptions(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            name = item.get("name", index) if isinstance(item, dict) else index
            yield from _descriptions(item, f"{where}/{name}")


def repeated_descriptions(project: Path = PROJECT) -> dict[str, list[str]]:
    """Each literal description used more than once, with the places ("file: node path") it is used."""
    places: dict[str, list[str]] = defaultdict(list)
    for folder in ("models", "seeds"):
        for path in sorted((project / folder).rglob("*.yml")):
            parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
            for where, text in _descriptions(parsed, ""):
                if len(text) > MIN_LENGTH and not DOC_REFERENCE.search(text):
                    places[text].append(f"{path.relative_to(project)}: {where}")
    return {text: used for text, used in places.items() if len(used) > 1}


def test_every_repeated_description_is_a_doc_block():
    repeated = repeated_descriptions()
    message = "\n".join(
        f"{text!r} is written {len(used)} times; make it a doc block and use '{{{{ doc(\"...\") }}}}':\n    "
        + "\n    ".join(used)
        for text, used in repeated.items()
    )
    assert not repeated, message


def test_the_check_names_a_repeated_description(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "models" / "a.yml").write_text(
        "models:\n- name: a\n  columns:\n  - name: city_id\n    description: Place   identifier (dim_city).\n"
        "  - name: short\n    description: Name in English.\n",
        encoding="utf-8",
    )
    (tmp_path / "seeds" / "b.yml").write_text(
        "seeds:\n- name: b\n  columns:\n  - name: city_id\n    description: >\n      Place identifier\n"
        "      (dim_city).\n  - name: short\n    description: Name in English.\n"
        "  - name: documented\n    description: '{{ doc(\"city_id\") }}'\n",
        encoding="utf-8",
    )
    (tmp_path / "models" / "c.yml").write_text(
        "models:\n- name: c\n  columns:\n  - name: documented\n    description: '{{ doc(\"city_id\") }}'\n",
        encoding="utf-8",
    )
    assert repeated_descriptions(tmp_path) == {
        "Place identifier (dim_city).": ["models/a.yml: /models/a/columns/city_id", "seeds/b.yml: /seeds/b/columns/city_id"]
    }


def test_the_release_reads_doc_blocks_as_dbt_renders_them():
    # The release's codebook and table schemas read the marts' ymls directly (battlemap.serve.release.marts).
    from battlemap.serve.release.marts import mart_docs

    marts = {mart.name: mart for mart in mart_docs(PROJECT)}
    texts = [mart.description for mart in marts.values()] + [c.description for m in marts.values() for c in m.columns]
    assert not [text for text in texts if "{{" in text or "doc(" in text]
    city_id = {c.name: c.description for c in marts["fct_figure"].columns}["city_id"]
    assert city_id == "Place identifier (dim_city)."
