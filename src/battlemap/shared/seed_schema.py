"""The one schema of the seeds: seeds/_seeds.yml, read here for the input pass and the GX suites.

dbt loads the seeds with the yml's `column_types` and runs its `data_tests`; the input pass
(battlemap.build.inputs) checks the same rules before dbt runs, in words that name file, line, id and
reason; the GX suites (battlemap.check.suites) take their vocabularies from it too. So a column, a
type or an accepted value is added in one place, the yml, and every reader follows:

- `config.column_types`: the columns of the seed and their types (varchar, date, integer, double,
  boolean); every one must be in the CSV's header unless the column says `meta: {optional: true}`;
- `data_tests` of a column: `not_null`, `unique`, `accepted_values` (the vocabulary),
  `relationships` to another seed (`ref('cities')`, field), `within_bounds` (min_value, max_value,
  greater_than). Other tests are dbt's alone.

A small vocabulary (scope levels, qualifiers, base units …) is a seed of its own (battlemap.shared.vocabularies), and
the columns that hold its values reference it with `relationships`: `vocabulary()` follows that reference.

The key of a seed is its first column that is both unique and not_null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from battlemap.shared import vocabularies
from battlemap.shared.paths import project_dir, seeds_dir

SCHEMA_FILE = "_seeds.yml"
_REF = re.compile(r"""^\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*$""")
_CURATION_SOURCE = re.compile(r"""^\s*source\(\s*['"]curation['"]\s*,\s*['"]([^'"]+)['"]\s*\)\s*$""")
# The bulk curated tables (documents, observations) are dbt sources, not seeds: their schema is the
# `curation` source in this file, each column typed with `data_type` (staging casts to it).
SOURCES_FILE = Path("models") / "staging" / "_curation__sources.yml"


class SeedSchemaError(ValueError):
    """seeds/_seeds.yml does not say what the input pass needs (a seed without columns, a key)."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    optional: bool = False
    not_null: bool = False
    unique: bool = False
    accepted_values: tuple[str, ...] | None = None
    references: tuple[str, str] | None = None  # (seed, column)
    references_also: tuple[str, ...] = ()  # values allowed besides the referenced keys (`other` cues)
    min_value: float | None = None
    max_value: float | None = None
    greater_than: float | None = None


@dataclass(frozen=True)
class SeedSchema:
    name: str
    columns: dict[str, Column] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The column that names a row in messages: the first unique and not_null one, else the first column
        (a seed keyed by a combination, such as metric_terms' term and metric_id, names rows by its first)."""
        for column in self.columns.values():
            if column.unique and column.not_null:
                return column.name
        if not self.columns:
            raise SeedSchemaError(f"seeds/{SCHEMA_FILE}: seed {self.name!r} lists no columns (config.column_types)")
        return next(iter(self.columns))

    @property
    def key_is_unique(self) -> bool:
        column = self.columns[self.key]
        return column.unique and column.not_null

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns.values() if not c.optional]


def _test_name_and_arguments(test: Any) -> tuple[str, dict[str, Any]]:
    if isinstance(test, str):
        return test, {}
    ((name, body),) = test.items()
    body = body or {}
    return name, {**body.get("arguments", {}), **{k: v for k, v in body.items() if k not in ("arguments", "config")}}


def _column(name: str, type_: str, spec: dict[str, Any]) -> Column:
    rules: dict[str, Any] = {"optional": bool((spec.get("meta") or {}).get("optional"))}
    for test in spec.get("data_tests") or spec.get("tests") or []:
        test_name, arguments = _test_name_and_arguments(test)
        if test_name == "not_null":
            rules["not_null"] = True
        elif test_name == "unique":
            rules["unique"] = True
        elif test_name == "accepted_values":
            rules["accepted_values"] = tuple(str(v) for v in arguments["values"])
        elif test_name == "relationships":
            referenced = _REF.match(str(arguments.get("to", ""))) or _CURATION_SOURCE.match(str(arguments.get("to", "")))
            if referenced:
                rules["references"] = (referenced.group(1), arguments["field"])
                rules["references_also"] = tuple((spec.get("meta") or {}).get("references_also") or ())
        elif test_name == "within_bounds":
            for bound in ("min_value", "max_value", "greater_than"):
                if arguments.get(bound) is not None:
                    rules[bound] = float(arguments[bound])
    return Column(name=name, type=type_.lower(), **rules)


def parse_seed_schemas(document: dict[str, Any]) -> dict[str, SeedSchema]:
    schemas: dict[str, SeedSchema] = {}
    for seed in document.get("seeds", []):
        types = (seed.get("config") or {}).get("column_types") or {}
        if not types:
            raise SeedSchemaError(f"seeds/{SCHEMA_FILE}: seed {seed['name']!r} declares no config.column_types")
        specs = {spec["name"]: spec for spec in seed.get("columns", [])}
        schemas[seed["name"]] = SeedSchema(
            seed["name"], {name: _column(name, str(type_), specs.get(name, {})) for name, type_ in types.items()}
        )
    return schemas


def parse_curation_sources(document: dict[str, Any]) -> dict[str, SeedSchema]:
    """The tables of the `curation` source, typed by each column's data_type."""
    schemas: dict[str, SeedSchema] = {}
    for source in document.get("sources", []):
        if source.get("name") != "curation":
            continue
        for table in source.get("tables", []):
            specs = table.get("columns", [])
            untyped = [spec["name"] for spec in specs if not spec.get("data_type")]
            if untyped:
                raise SeedSchemaError(f"{SOURCES_FILE}: curation.{table['name']} columns without data_type: {', '.join(untyped)}")
            schemas[table["name"]] = SeedSchema(
                table["name"], {spec["name"]: _column(spec["name"], str(spec["data_type"]), spec) for spec in specs}
            )
    return schemas


# libyaml's safe loader where PyYAML has it (the same documents, ~20x faster: 0.2 s a build for these two files).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int, parse: Any) -> dict[str, SeedSchema]:
    return parse(yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {})


def seed_schemas(project: Path | None = None) -> dict[str, SeedSchema]:
    """The schema of every curated table, by name: the seeds (<project>/seeds/_seeds.yml) and the bulk
    tables read as the dbt source `curation` (models/staging/_curation__sources.yml)."""
    root = project or project_dir()
    seeds, sources = seeds_dir(root) / SCHEMA_FILE, root / SOURCES_FILE
    schemas = dict(_load(seeds, seeds.stat().st_mtime_ns, parse_seed_schemas))
    if sources.is_file():
        schemas.update(_load(sources, sources.stat().st_mtime_ns, parse_curation_sources))
    return schemas


def vocabulary(seed: str, column: str, project: Path | None = None) -> list[str]:
    """The values one curated column may take (e.g. vocabulary('observations', 'qualifier')), in display order: the
    keys of the vocabulary seed its `relationships` test names (seeds/qualifiers.csv), or its accepted_values."""
    spec = seed_schemas(project)[seed].columns[column]
    if spec.references is not None:
        other, field = spec.references
        return vocabularies.values(other, project, column=field)
    if spec.accepted_values is None:
        raise SeedSchemaError(f"seeds/{SCHEMA_FILE}: {seed}.{column} has no relationships or accepted_values test")
    return list(spec.accepted_values)
