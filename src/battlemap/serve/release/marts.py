"""What the marts' yml files say about them: descriptions, columns with their contract types, constraints and tests.

A description several marts share is a dbt doc block (models/**/*.md, `{% docs name %}…{% enddocs %}`) that the yml
refers to with `{{ doc("name") }}`; it is read here as dbt renders it.

The one home of each mart's columns is its enforced contract in models/marts/*.yml (battlemap.check.contracts
reads the same files for the checks); a release's table schemas and codebook are written from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from battlemap.check.contracts import ContractError, marts_dir
from battlemap.shared import vocabularies
from battlemap.shared.paths import seeds_dir

_REF = re.compile(r"""^\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*$""")
_DOC_BLOCK = re.compile(r"{%-?\s*docs\s+(\w+)\s*-?%}(.*?){%-?\s*enddocs\s*-?%}", re.S)
_DOC_REFERENCE = re.compile(r"""{{\s*doc\(\s*['"]([^'"]+)['"]\s*\)\s*}}""")


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    data_type: str  # as the contract writes it (varchar, double[], date, …)
    description: str = ""
    required: bool = False  # a not_null constraint
    unique: bool = False  # a unique data test
    enum: tuple[str, ...] | None = None  # an accepted_values data test
    references: tuple[str, str] | None = None  # (model, column) of a relationships test
    health: bool = False  # one of a figure's health fields (meta: {health: true} in the yml): the codebook lists them


@dataclass(frozen=True)
class MartDoc:
    name: str
    description: str
    columns: tuple[ColumnDoc, ...] = field(default_factory=tuple)

    @property
    def primary_key(self) -> list[str]:
        """The first column that is both required and unique (the mart's id), if any."""
        for column in self.columns:
            if column.required and column.unique:
                return [column.name]
        return []


def doc_blocks(models: Path) -> dict[str, str]:
    """Every dbt doc block under the models folder, by name."""
    blocks: dict[str, str] = {}
    for path in sorted(models.rglob("*.md")):
        for name, text in _DOC_BLOCK.findall(path.read_text(encoding="utf-8")):
            blocks[name] = text.strip()
    return blocks


def _clean(text: object, docs: dict[str, str] | None = None) -> str:
    def block(found: re.Match) -> str:
        if docs is None or found.group(1) not in docs:
            raise ContractError(f"description refers to a doc block that does not exist: {found.group(0)}")
        return docs[found.group(1)]

    return " ".join(_DOC_REFERENCE.sub(block, str(text or "")).split())


def _column(spec: dict, docs: dict[str, str] | None = None, project: Path | None = None) -> ColumnDoc:
    required = any((c or {}).get("type") == "not_null" for c in spec.get("constraints") or [])
    unique, enum, references = False, None, None
    for test in spec.get("data_tests") or spec.get("tests") or []:
        name, body = (test, {}) if isinstance(test, str) else next(iter(test.items()))
        arguments = {**((body or {}).get("arguments") or {}), **{k: v for k, v in (body or {}).items() if k not in ("arguments", "config")}}
        if name == "not_null":
            required = True
        elif name == "unique":
            unique = True
        elif name == "accepted_values":
            enum = tuple(str(v) for v in arguments.get("values") or ())
        elif name == "relationships":
            found = _REF.match(str(arguments.get("to", "")))
            if found and (seeds_dir(project) / f"{found.group(1)}.csv").is_file():
                # A vocabulary seed (seeds/scope_levels.csv): its values are the column's enum.
                enum = tuple(vocabularies.values(found.group(1), project, column=str(arguments.get("field"))))
            elif found:
                references = (found.group(1), str(arguments.get("field")))
    health = bool((spec.get("meta") or {}).get("health"))
    return ColumnDoc(
        spec["name"], str(spec.get("data_type") or ""), _clean(spec.get("description"), docs), required, unique, enum, references,
        health,
    )


# A model's column tests merged into one node (tests/generic/expressions_are_true.sql, not_null_columns.sql): their
# arguments name the columns that are unique, not null, or reference another model.
MERGED_TESTS = ("expressions_are_true", "not_null_columns")


def merged_column_tests(model: dict) -> dict[str, list]:
    """The model's merged node's checks as the column tests they stand for, by column: `unique` (a single column, not a
    combination), `not_null`, `relationships` ({arguments: {to, field}})."""
    found: dict[str, list] = {}
    for test in model.get("data_tests") or model.get("tests") or []:
        if not isinstance(test, dict) or not set(test) & set(MERGED_TESTS):
            continue
        name = next(iter(set(test) & set(MERGED_TESTS)))
        arguments = (test[name] or {}).get("arguments") or {}
        not_null = arguments.get("not_null") or (arguments.get("columns") if name == "not_null_columns" else None) or []
        for column in not_null:
            found.setdefault(str(column), []).append("not_null")
        for item in arguments.get("unique") or []:
            if isinstance(item, str):
                found.setdefault(item, []).append("unique")
        for item in arguments.get("relationships") or []:
            found.setdefault(str(item["column"]), []).append(
                {"relationships": {"arguments": {"to": item["to"], "field": item["field"]}}}
            )
    return found


def mart_docs(project: Path | None = None) -> list[MartDoc]:
    """Every model of models/marts/*.yml whose contract is enforced, in file order."""
    marts = []
    folder = marts_dir(project)
    docs = doc_blocks(folder.parent)
    for path in sorted(folder.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in document.get("models") or []:
            if not ((model.get("config") or {}).get("contract") or {}).get("enforced"):
                continue
            merged = merged_column_tests(model)
            columns = tuple(
                _column({**spec, "data_tests": [*(spec.get("data_tests") or spec.get("tests") or []), *merged.get(spec["name"], [])]},
                        docs, project)
                for spec in model.get("columns") or []
            )
            untyped = [c.name for c in columns if not c.data_type]
            if untyped:
                raise ContractError(f"{path.name}: {model['name']} columns without data_type: {', '.join(untyped)}")
            marts.append(MartDoc(model["name"], _clean(model.get("description"), docs), columns))
    if not marts:
        raise ContractError(f"no mart with an enforced contract in {folder}")
    return marts
