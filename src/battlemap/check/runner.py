"""`battlemap check`: validate every mart with its suite, publish the results, append the history.

Exit codes: 0 every expectation passed; 1 an expectation failed (bad data); 2 the checks could not run
(no warehouse, an unreadable or corrupt file, a missing catalogue, an expectation that raised).

Output folder (default `<warehouse dir>/quality/`, outside the warehouse file so a rebuild keeps it):
    latest.json          the last run (shape in docs/quality.md; the app reads it)
    runs/<run_id>.json   every run
    data_docs/index.html GX Data Docs of the last run (static HTML; CDN assets served from data_docs/static/vendor/)
    history.parquet      one row per expectation per run
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import duckdb  # noqa: E402

from battlemap.check.contracts import ContractError  # noqa: E402
from battlemap.check.frames import CatalogueError, WarehouseSnapshot, load_snapshot  # noqa: E402
from battlemap.check.history import _append_history, _history_rows, _locked, _read_history, _replace_folder, _write_text_atomically  # noqa: E402
from battlemap.check.mart_queries import KEY_COLUMNS, MARTS  # noqa: E402
from battlemap.check.offline_docs import localise_data_docs  # noqa: E402
from battlemap.check.outcomes import CheckNotRunError, SuiteOutcome, _json_safe, _outcome, _short  # noqa: E402
from battlemap.check.project import gx_project_root  # noqa: E402
from battlemap.check.volume import ThresholdError, Thresholds, last_good_run, minimum_rows, rows_at_run  # noqa: E402
from battlemap.shared.warehouse import WarehouseMissingError  # noqa: E402

EXIT_PASSED, EXIT_FAILED, EXIT_NOT_RUN = 0, 1, 2


# --------------------------------------------------------------------------------------------- GX results


# --------------------------------------------------------------------------------------------- running GX


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """GX is chatty: warnings from pandas and its own deprecations, INFO logs. Keep the CLI output ours."""
    logger = logging.getLogger("great_expectations")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _validate(snapshot: WarehouseSnapshot, run_id: str, run_time: datetime, workspace: Path) -> list[SuiteOutcome]:
    """Run every mart's validation definition on a copy of the GX project in `workspace`; build Data Docs there.

    A copy, because GX's file context writes results and Data Docs under its project's uncommitted/ folder:
    the checkout stays untouched, runs into different output folders (and tests) never see each other's
    results, and the Data Docs show exactly this run.
    """
    source = gx_project_root() / "gx"
    if not (source / "great_expectations.yml").is_file():
        raise CheckNotRunError(f"the Great Expectations project is missing: {source}")
    shutil.copytree(source, workspace / "gx", ignore=shutil.ignore_patterns("uncommitted"))

    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier

    context = gx.get_context(mode="file", project_root_dir=str(workspace))
    gx_run_id = RunIdentifier(run_name=run_id, run_time=run_time)
    outcomes = []
    for mart in MARTS:
        frame = snapshot.frames[mart]
        key = KEY_COLUMNS[mart] if KEY_COLUMNS[mart] in frame.columns else None
        result_format: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": 20}
        if key:
            result_format["unexpected_index_column_names"] = [key]
        try:
            definition = context.validation_definitions.get(mart)
        except Exception as error:  # noqa: BLE001 - any failure to load the definition means no check
            raise CheckNotRunError(f"cannot load the validation definition of {mart}: {error}") from error
        result = definition.run(
            batch_parameters={"dataframe": frame},
            expectation_parameters={**snapshot.parameters, **snapshot.mart_parameters.get(mart, {})},
            result_format=result_format,
            run_id=gx_run_id,
        )
        # GX returns table-level results first; report them in the suite's own order.
        order = {expectation.id: position for position, expectation in enumerate(definition.suite.expectations)}
        results = sorted(result.results, key=lambda item: order.get(item.expectation_config.id, len(order)))
        outcomes.append(SuiteOutcome(mart, len(frame), [_outcome(item, key) for item in results]))
    context.build_data_docs()
    return outcomes


# --------------------------------------------------------------------------------------------- outputs


# --------------------------------------------------------------------------------------------- reporting


def _summary(report: dict[str, Any], suites: list[SuiteOutcome], output: Path, runs_in_history: int) -> str:
    lines = [f"battlemap check · run {report['run_id']} · {report['warehouse']}"]
    width = max(len(suite.suite) for suite in suites)
    for suite in suites:
        status = "ok  " if suite.success else ("ERR " if suite.raised else "FAIL")
        passed = len(suite.outcomes) - len(suite.failed)
        lines.append(f"  {status} {suite.suite:<{width}}  {passed:>3}/{len(suite.outcomes):<3} passed  ({suite.rows} rows)")
        for outcome in suite.failed:
            column = f"({outcome.column})" if outcome.column else ""
            lines.append(f"       ✗ {outcome.rule}: {outcome.expectation}{column}")
            lines.append(f"         observed: {outcome.observed_value}")
            if outcome.unexpected_count is None and not outcome.exception and outcome.expected:
                expected = ", ".join(f"{name}={_short(value, 80)}" for name, value in outcome.expected.items())
                lines.append(f"         expected: {expected}")
    baseline = report.get("last_good_run")
    thresholds = report.get("thresholds") or {}
    lines.append(
        f"Volume: rows against the inputs and against {f'the last good run {baseline}' if baseline else 'no earlier good run'}"
        f" (a drop of more than {thresholds.get('max_row_drop', 0):.0%} fails); "
        f"freshness: build at most {thresholds.get('max_build_age_hours', 0):g} h old"
    )
    for change in report.get("schema_changes_since_last_good_run") or []:
        lines.append(f"Schema changed since the last good run: {change}")
    lines.append(f"Results:   {output / 'latest.json'}")
    lines.append(f"Data Docs: {output / 'data_docs' / 'index.html'}")
    lines.append(f"History:   {output / 'history.parquet'} ({runs_in_history} runs)")
    return "\n".join(lines)


def _fail(message: str) -> int:
    print(f"battlemap check could not run: {message}", file=sys.stderr)
    return EXIT_NOT_RUN


def _drift_warning() -> str | None:
    from battlemap.check.project import differences

    problems = differences(gx_project_root())
    if problems:
        return (
            "warning: expectations/gx differs from src/battlemap/check/suites.py "
            f"({'; '.join(problems[:3])}); running the committed JSON. Run: python -m battlemap.check.project"
        )
    return None


def _schema_changes(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> list[str]:
    """What changed in the marts' columns between two runs, one line per mart ('' when nothing did)."""
    changes = []
    for mart in sorted(set(before) | set(after)):
        old, new = before.get(mart), after.get(mart)
        if old is None or new is None:
            changes.append(f"{mart}: {'new mart' if old is None else 'mart removed'}")
            continue
        parts = [f"+{column} {new[column]}" for column in new if column not in old]
        parts += [f"-{column}" for column in old if column not in new]
        parts += [f"{column} {old[column]} -> {new[column]}" for column in new if column in old and old[column] != new[column]]
        if parts:
            changes.append(f"{mart}: {', '.join(parts)}")
    return changes


def _previous_schema(output: Path, run_id: str | None) -> dict[str, dict[str, str]] | None:
    """The warehouse schema recorded by a run (None when that run did not record one or its file is gone)."""
    if not run_id:
        return None
    try:
        recorded = json.loads((output / "runs" / f"{run_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    schema = recorded.get("schema")
    return schema if isinstance(schema, dict) else None


def _add_run_parameters(snapshot: WarehouseSnapshot, thresholds: Thresholds, baseline: dict[str, int]) -> None:
    """The thresholds that depend on this run: the allowed age of the build and each mart's fewest rows."""
    snapshot.parameters["max_build_age_hours"] = thresholds.max_build_age_hours
    for mart in MARTS:
        snapshot.mart_parameters.setdefault(mart, {})["min_rows_since_last_good_run"] = minimum_rows(
            baseline.get(mart), thresholds.max_row_drop
        )


def run_check(
    warehouse: Path,
    output_dir: Path | None = None,
    max_row_drop: float | None = None,
    max_build_age_hours: float | None = None,
) -> int:
    """Validate the warehouse's marts, print a per-suite summary, write the outputs; return the exit code."""
    warehouse = Path(warehouse)
    output = Path(output_dir) if output_dir else warehouse.parent / "quality"
    run_time = datetime.now(UTC)
    run_id = f"{run_time:%Y%m%dT%H%M%S}Z-{secrets.token_hex(3)}"

    try:
        thresholds = Thresholds.resolve(max_row_drop, max_build_age_hours)
        snapshot = load_snapshot(warehouse)
    except ThresholdError as error:
        return _fail(str(error))
    except ContractError as error:
        return _fail(f"cannot read the mart contracts: {error}")
    except WarehouseMissingError as error:
        return _fail(str(error))
    except CatalogueError as error:
        return _fail(f"{error} ({warehouse})")
    except duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return _fail(f"cannot read the warehouse {warehouse}: {first_line}")

    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return _fail(f"cannot create the output folder {output}: {error}")

    with _quiet():
        drift = _drift_warning()
        try:
            history = _read_history(output / "history.parquet")  # fail before validating, not after publishing
            good_run = last_good_run(history)
            _add_run_parameters(snapshot, thresholds, rows_at_run(history, good_run))
            previous_schema = _previous_schema(output, good_run)
            schema_changes = _schema_changes(previous_schema, snapshot.schema) if previous_schema is not None else []
            with tempfile.TemporaryDirectory(prefix="battlemap-gx-") as workspace:
                suites = _validate(snapshot, run_id, run_time, Path(workspace))
                site = Path(workspace) / "gx" / "uncommitted" / "data_docs" / "local_site"
                docs_note = localise_data_docs(site)  # CDN links -> vendored copies; a note when not installed
                report = {
                    "run_id": run_id,
                    "run_time": run_time.isoformat(),
                    "warehouse": str(warehouse.resolve()),
                    "success": all(suite.success for suite in suites),
                    "suites": [suite.as_json() for suite in suites],
                    "exit_code": None,
                    "warehouse_built_at": snapshot.built_at,
                    "output_dir": str(output.resolve()),
                    "data_docs": str((output / "data_docs" / "index.html").resolve()),
                    "parameters": _json_safe(snapshot.parameters),
                    "mart_parameters": _json_safe(snapshot.mart_parameters),
                    "thresholds": {
                        "max_row_drop": thresholds.max_row_drop,
                        "max_build_age_hours": thresholds.max_build_age_hours,
                    },
                    "last_good_run": good_run,
                    "schema": snapshot.schema,
                    "schema_changes_since_last_good_run": schema_changes,
                }
                raised = [(suite.suite, outcome) for suite in suites for outcome in suite.raised]
                failed = [(suite.suite, outcome) for suite in suites for outcome in suite.failed]
                report["exit_code"] = EXIT_NOT_RUN if raised else EXIT_FAILED if failed else EXIT_PASSED
                text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
                with _locked(output):
                    (output / "runs").mkdir(exist_ok=True)
                    _write_text_atomically(output / "runs" / f"{run_id}.json", text)
                    _write_text_atomically(output / "latest.json", text)
                    _replace_folder(site, output / "data_docs")
                    runs = _append_history(output / "history.parquet", _history_rows(run_id, run_time, suites))
        except CheckNotRunError as error:
            return _fail(str(error))
        except Exception as error:  # noqa: BLE001 - GX or the file system broke: report it, exit 2
            return _fail(f"{type(error).__name__}: {error}")

    print(_summary(report, suites, output, runs))
    if drift:
        print(drift, file=sys.stderr)
    if docs_note:
        print(docs_note, file=sys.stderr)
    if raised:
        for suite, outcome in raised:
            print(f"battlemap check: {suite}.{outcome.rule} raised: {outcome.exception}", file=sys.stderr)
        return _fail(f"{len(raised)} expectation(s) raised instead of checking the data (see above)")
    if failed:
        names = sorted({suite for suite, _ in failed})
        print(
            f"battlemap check: {len(failed)} expectation(s) failed in {len(names)} suite(s): {', '.join(names)}. "
            f"Details: {output / 'latest.json'}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_PASSED
