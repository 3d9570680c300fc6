"""Where things live: the project folder, the raw articles, the seeds and the warehouse file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

WAREHOUSE_ENV = "BATTLEMAP_WAREHOUSE"
PROJECT_ENV = "BATTLEMAP_PROJECT_DIR"


def project_dir() -> Path:
    """The dbt project folder: BATTLEMAP_PROJECT_DIR, or the checkout this package is installed from."""
    configured = os.environ.get(PROJECT_ENV)
    if configured:
        return Path(configured).resolve()
    return Path(__file__).resolve().parents[2]


def articles_dir(project: Path | None = None) -> Path:
    return (project or project_dir()) / "sources" / "articles"


def seeds_dir(project: Path | None = None) -> Path:
    return (project or project_dir()) / "seeds"


def corpus_file(name: str, project: Path | None = None) -> Path:
    """The CSV of one curated table (documents, campaigns, cities, observations, metrics, units)."""
    return seeds_dir(project) / f"{name}.csv"


def warehouse_path() -> Path:
    """BATTLEMAP_WAREHOUSE, or warehouse/battlemap.duckdb in the project folder."""
    configured = os.environ.get(WAREHOUSE_ENV)
    if configured:
        return Path(configured).resolve()
    return project_dir() / "warehouse" / "battlemap.duckdb"


# What a build reads: copying these is enough to build the project elsewhere.
BUILD_INPUTS = (
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "seeds",
    "macros",
    "sources",
    "tests/generic",
    "tests/singular",
)


def copy_build_inputs(destination: Path, project: Path | None = None) -> Path:
    """A private copy of a project's build inputs (for trying changes, and for tests), returned."""
    source_project = project or project_dir()
    destination.mkdir(parents=True, exist_ok=True)
    for part in BUILD_INPUTS:
        source, target = source_project / part, destination / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    return destination
