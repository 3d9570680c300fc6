"""A new metric for the catalogue (seeds/metrics.csv), as the Review page adds one for a figure the extractor
proposed as `other`: one row, checked against the seed's schema (seeds/_seeds.yml, battlemap.shared.seed_schema) and
the catalogue's keys before it is appended, so the build reads it as it reads every other metric."""

from __future__ import annotations

import re
from pathlib import Path

from battlemap.build.input_rows import text_problem, value_problem
from battlemap.extract.cues import OTHER
from battlemap.extract.seedfiles import append_rows, read_rows
from battlemap.shared import vocabularies
from battlemap.shared.paths import seeds_dir
from battlemap.shared.seed_schema import seed_schemas

METRIC_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
REQUIRED = ("metric_id", "name_en", "name_zh", "base_unit", "metric_kind", "role", "definition", "definition_zh")
DEFAULT_ROLE = "state"  # a figure a report states as progress, paired with its target (seeds/metric_roles.csv)


def metrics_file(project: Path) -> Path:
    return seeds_dir(project) / "metrics.csv"


def metric_roles(project: Path) -> dict[str, dict[str, str]]:
    """The roles a metric can play (seeds/metric_roles.csv), with their labels in both languages."""
    _, rows = read_rows(seeds_dir(project) / "metric_roles.csv")
    return {row["role"]: row for row in rows}


def kind_of_unit(project: Path) -> dict[str, str]:
    """The kind the catalogue pairs with each base unit (CNY: money, m2: area …), read from its own rows."""
    _, rows = read_rows(metrics_file(project))
    pairs: dict[str, str] = {}
    for row in rows:
        pairs.setdefault(row["base_unit"], row["metric_kind"])
    return pairs


def metric_problems(project: Path, metric: dict[str, str]) -> list[str]:
    """Why the row cannot join seeds/metrics.csv (empty when it can): every column by the seed's schema, the
    required texts, an id that is new, not `other`, and written as the catalogue's ids are."""
    schema = seed_schemas(project)["metrics"]
    problems = []
    metric_id = metric.get("metric_id", "")
    if metric_id and not METRIC_ID.fullmatch(metric_id):
        problems.append(f"metric_id {metric_id!r}: lower-case letters, digits and _ (e.g. rural_road_length)")
    if metric_id == OTHER:
        problems.append(f"metric_id {OTHER!r} marks a figure outside the catalogue; give the new metric its own id")
    _, rows = read_rows(metrics_file(project))
    if any(row["metric_id"] == metric_id for row in rows):
        problems.append(f"metric_id {metric_id!r} is already in seeds/metrics.csv")
    for name in REQUIRED:
        if not metric.get(name, "").strip():
            problems.append(f"{name} is empty")
    if bool(metric.get("comparability_caveat", "").strip()) != bool(metric.get("comparability_caveat_zh", "").strip()):
        problems.append("give the comparability caveat in both languages, or in neither")
    roles = metric_roles(project)
    if metric.get("role") and metric["role"] not in roles:
        problems.append(f"role {metric['role']!r} is not one of {', '.join(roles)} (seeds/metric_roles.csv)")
    for name, value in metric.items():
        if (reason := text_problem(name, value)) is not None:
            problems.append(reason)
    for column in schema.columns.values():
        value = metric.get(column.name, "")
        if value and (reason := value_problem(column, value)) is not None:
            problems.append(reason)
        # A vocabulary column (base_unit, metric_kind) takes the values of the seed it references (seeds/base_units.csv).
        if value and column.references and column.references[0] not in ("metrics", "metric_roles"):
            seed, field = column.references
            allowed = vocabularies.values(seed, project, column=field)
            if value not in allowed:
                problems.append(f"{column.name} {value!r} is not one of {', '.join(allowed)} (seeds/{seed}.csv)")
    return list(dict.fromkeys(problems))


def add_metric(project: Path, metric: dict[str, str]) -> list[str]:
    """Append the metric to seeds/metrics.csv when it fits; the reasons it does not, otherwise (nothing written)."""
    metric = {"role": DEFAULT_ROLE} | {name: value.strip() for name, value in metric.items()}
    problems = metric_problems(project, metric)
    if not problems:
        header, _ = read_rows(metrics_file(project))
        append_rows(metrics_file(project), [{column: metric.get(column, "") for column in header}])
    return problems
