"""The real-report annotations (bench/real/ and its held-out sets) speak the vocabularies of seeds/: an annotation
row outside them would score as a miss that no extractor could avoid."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from battlemap.shared.vocabularies import values

REAL = Path(__file__).resolve().parents[2] / "bench" / "real"
SETS = sorted([REAL, *(path for path in REAL.glob("unseen*") if (path / "figures.csv").exists())])
PERIOD = re.compile(r"year|campaign|to_date|quarter:[1-4]|months:(?:[1-9]|1[0-2])-(?:[1-9]|1[0-2])")


def problems(folder: Path) -> list[str]:
    reports = {row["report_id"] for row in csv.DictReader((folder / "reports.csv").open(encoding="utf-8"))}
    metrics, levels, qualifiers = set(values("metrics")), set(values("scope_levels")), set(values("qualifiers"))
    found = []
    for line, row in enumerate(csv.DictReader((folder / "figures.csv").open(encoding="utf-8")), start=2):
        where = f"{folder.name}/figures.csv:{line}"
        if row["report_id"] not in reports:
            found.append(f"{where}: report {row['report_id']!r} is not in reports.csv")
        if row["metric_id"] not in metrics | {"other"}:
            found.append(f"{where}: metric {row['metric_id']!r} is not in seeds/metrics.csv")
        if row["metric_id"] == "other" and not re.fullmatch(r"[a-z][a-z0-9_]*", row["proposed_metric"]):
            found.append(f"{where}: an `other` figure needs a snake_case proposed_metric")
        if row["scope_level"] not in levels:
            found.append(f"{where}: scope level {row['scope_level']!r} is not in seeds/scope_levels.csv")
        if row["qualifier"] not in qualifiers:
            found.append(f"{where}: qualifier {row['qualifier']!r} is not in seeds/qualifiers.csv")
        if row["is_target"] not in ("true", "false"):
            found.append(f"{where}: is_target {row['is_target']!r} is not true or false")
        if row["period"] and not PERIOD.fullmatch(row["period"]):
            found.append(f"{where}: period {row['period']!r} is none of the README's forms")
        try:
            float(row["value"])
        except ValueError:
            found.append(f"{where}: value {row['value']!r} is not a number")
    return found


@pytest.mark.parametrize("folder", SETS, ids=lambda path: path.name)
def test_every_annotated_figure_speaks_the_seeds_vocabularies(folder):
    assert problems(folder) == []


def test_a_row_outside_the_vocabularies_is_named_by_file_line_and_reason(tmp_path):
    folder = tmp_path / "unseen9"
    folder.mkdir()
    (folder / "reports.csv").write_text("report_id,address\nr01,http://example.org/1\n", encoding="utf-8")
    header = "report_id,metric_id,proposed_metric,value,value_as_written,unit_as_written,scope_level,scope_name,qualifier,is_target,period\n"
    (folder / "figures.csv").write_text(
        header + "r01,project_count,,12,12,个,city,全市,exact,false,\nr02,projects_begun,,x,12,个,county,全县,about,yes,q1\n",
        encoding="utf-8",
    )
    assert problems(folder) == [
        "unseen9/figures.csv:3: report 'r02' is not in reports.csv",
        "unseen9/figures.csv:3: metric 'projects_begun' is not in seeds/metrics.csv",
        "unseen9/figures.csv:3: scope level 'county' is not in seeds/scope_levels.csv",
        "unseen9/figures.csv:3: qualifier 'about' is not in seeds/qualifiers.csv",
        "unseen9/figures.csv:3: is_target 'yes' is not true or false",
        "unseen9/figures.csv:3: period 'q1' is none of the README's forms",
        "unseen9/figures.csv:3: value 'x' is not a number",
    ]
