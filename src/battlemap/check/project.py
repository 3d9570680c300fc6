"""The Great Expectations project in expectations/gx/: written from the suites in code, read by the checks.

    expectations/                 project_root_dir for gx.get_context(mode="file", ...)
      gx/
        great_expectations.yml    stores, the Data Docs site, the pandas datasource (one dataframe asset per mart)
        expectations/<mart>.json  one suite per mart (written from battlemap/quality/suites.py)
        validation_definitions/<mart>.json   suite x the mart's dataframe asset
        uncommitted/              GX's scratch space (results, Data Docs); git-ignored, never used by `battlemap check`

`python -m battlemap.check.project` rewrites the committed files from the code; `--check` only reports
whether they differ (tests/python/test_quality_project.py runs it). Every id is a UUID5 of the object's
name, so rewriting an unchanged suite changes no byte and a diff shows only real edits.

Why validation definitions and no checkpoint: a checkpoint hands the same batch parameters to all of its
validation definitions, but here every mart is its own DataFrame (the batch parameter `dataframe`), so
`battlemap check` runs the validation definitions one by one and builds the Data Docs once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from battlemap.check.mart_queries import MARTS  # noqa: E402
from battlemap.shared.paths import project_dir  # noqa: E402

DATASOURCE = "battlemap_warehouse"
BATCH_DEFINITION = "whole_mart"
_NAMESPACE = uuid.UUID("6f0c1f9e-3b7a-5d2e-9a51-4c8e2b7d0a13")


def gx_project_root(project: Path | None = None) -> Path:
    """The folder to pass as project_root_dir to gx.get_context (the GX files are in its gx/ subfolder)."""
    return (project or project_dir()) / "expectations"


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


_YML_HEAD = """\
# Great Expectations (GX Core 1.x) project of battlemap: the scheduled data-quality checks of the marts.
# Written by `python -m battlemap.check.project` from src/battlemap/check/suites.py: edit the code, not
# this file. `battlemap check` runs a copy of this project in a temporary folder and publishes the results
# and Data Docs in <warehouse dir>/quality/ (see docs/quality.md); uncommitted/ is only for interactive use.
#
# The datasource is pandas, not SQL: GX 1.24's SQL datasource through duckdb-engine fails every expectation
# (MetricResolutionError, GX issues #10738/#11579), so each mart is read read-only with DuckDB and passed in
# as the batch parameter `dataframe` (src/battlemap/check/frames.py).
config_version: 4
analytics_enabled: false
data_context_id: {context_id}
progress_bars:
  globally: false
  metric_calculations: false
config_variables_file_path: uncommitted/config_variables.yml
plugins_directory:

stores:
  expectations_store:
    class_name: ExpectationsStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      base_directory: expectations/
  validation_results_store:
    class_name: ValidationResultsStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      base_directory: uncommitted/validations/
  checkpoint_store:
    class_name: CheckpointStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      suppress_store_backend_id: true
      base_directory: checkpoints/
  validation_definition_store:
    class_name: ValidationDefinitionStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      base_directory: validation_definitions/

expectations_store_name: expectations_store
validation_results_store_name: validation_results_store
checkpoint_store_name: checkpoint_store

data_docs_sites:
  local_site:
    class_name: SiteBuilder
    show_how_to_buttons: false
    store_backend:
      class_name: TupleFilesystemStoreBackend
      base_directory: uncommitted/data_docs/local_site/
    site_index_builder:
      class_name: DefaultSiteIndexBuilder

fluent_datasources:
  {datasource}:
    type: pandas
    id: {datasource_id}
    assets:
"""

_ASSET = """\
      {mart}:
        type: dataframe
        id: {asset_id}
        batch_metadata: {{}}
        batch_definitions:
          {batch}:
            id: {batch_id}
            partitioner:
"""


def _yml() -> str:
    text = _YML_HEAD.format(
        context_id=_id("data_context"), datasource=DATASOURCE, datasource_id=_id("datasource", DATASOURCE)
    )
    for mart in MARTS:
        text += _ASSET.format(
            mart=mart,
            asset_id=_id("asset", mart),
            batch=BATCH_DEFINITION,
            batch_id=_id("batch_definition", mart, BATCH_DEFINITION),
        )
    return text


def _suite_json(mart: str, expectations: list) -> str:
    import great_expectations as gx
    from great_expectations.core.expectation_suite import ExpectationSuiteSchema

    from battlemap.check.suites import SUITE_NOTES

    suite = gx.ExpectationSuite(name=mart, expectations=expectations, notes=SUITE_NOTES.get(mart))
    suite.id = _id("suite", mart)
    for expectation in suite.expectations:
        expectation.id = _id("expectation", mart, expectation.meta["rule"])
    suite.meta = {"generated_by": "battlemap.check.project"}  # no GX version: a GX upgrade must not dirty the files
    return ExpectationSuiteSchema().dumps(suite, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _validation_definition_json(mart: str) -> str:
    document = {
        "data": {
            "asset": {"id": _id("asset", mart), "name": mart},
            "batch_definition": {"id": _id("batch_definition", mart, BATCH_DEFINITION), "name": BATCH_DEFINITION},
            "datasource": {"id": _id("datasource", DATASOURCE), "name": DATASOURCE},
        },
        "id": _id("validation_definition", mart),
        "name": mart,
        "suite": {"id": _id("suite", mart), "name": mart},
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def project_files() -> dict[str, str]:
    """{path relative to expectations/: text} of every committed file of the GX project."""
    from battlemap.check.suites import suite_expectations  # imports Great Expectations (seconds)

    files = {
        "gx/great_expectations.yml": _yml(),
        "gx/.gitignore": "uncommitted/\n",
        # GX writes this id file into a store folder that lacks one; committing it keeps the checkout clean.
        "gx/expectations/.ge_store_backend_id": f"store_backend_id = {_id('store_backend', 'expectations')}\n",
        "gx/checkpoints/.gitkeep": "",
    }
    for mart, expectations in suite_expectations().items():
        files[f"gx/expectations/{mart}.json"] = _suite_json(mart, expectations)
        files[f"gx/validation_definitions/{mart}.json"] = _validation_definition_json(mart)
    return files


def differences(root: Path) -> list[str]:
    """Files under root (an expectations/ folder) that are missing, stale, or not written by the code."""
    expected = project_files()
    problems = []
    for relative, text in expected.items():
        path = root / relative
        if not path.is_file():
            problems.append(f"missing: {relative}")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"differs: {relative}")
    for folder in ("gx/expectations", "gx/validation_definitions"):
        for path in sorted((root / folder).glob("*.json")) if (root / folder).is_dir() else []:
            relative = path.relative_to(root).as_posix()
            if relative not in expected:
                problems.append(f"not from the code: {relative}")
    return problems


def write_project(root: Path) -> list[str]:
    """Write the GX project under root (an expectations/ folder); remove suites the code no longer has."""
    written = []
    for relative, text in project_files().items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(relative)
    for problem in differences(root):
        if problem.startswith("not from the code: "):
            relative = problem.removeprefix("not from the code: ")
            (root / relative).unlink()
            written.append(f"removed {relative}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=None, help="expectations/ folder (default: the project's)")
    parser.add_argument("--check", action="store_true", help="Only report differences; exit 1 if there are any.")
    arguments = parser.parse_args(argv)
    root = arguments.root or gx_project_root()
    if arguments.check:
        problems = differences(root)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("Run: python -m battlemap.check.project", file=sys.stderr)
        return 1 if problems else 0
    for line in write_project(root) or ["up to date"]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
