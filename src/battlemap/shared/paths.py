"""Where things live: the project folder, the raw articles, the seeds and the warehouse file."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

WAREHOUSE_ENV = "BATTLEMAP_WAREHOUSE"
PROJECT_ENV = "BATTLEMAP_PROJECT_DIR"
INSTALLED_PROJECT = Path(__file__).resolve().parents[3]


def project_dir() -> Path:
    """The dbt project folder: BATTLEMAP_PROJECT_DIR; else the current folder when it holds battlemap's
    dbt_project.yml (a copy of the project is built where you stand, as dbt would); else the checkout this
    package is installed from."""
    configured = os.environ.get(PROJECT_ENV)
    if configured:
        return Path(configured).resolve()
    here = Path.cwd()
    if is_battlemap_project(here):
        return here.resolve()
    return INSTALLED_PROJECT


def is_battlemap_project(folder: Path) -> bool:
    try:
        text = (folder / "dbt_project.yml").read_text(encoding="utf-8")
    except OSError:
        return False
    return re.search(r"""^name:\s*['"]?battlemap['"]?\s*$""", text, re.MULTILINE) is not None


def articles_dir(project: Path | None = None) -> Path:
    return (project or project_dir()) / "sources" / "articles"


def seeds_dir(project: Path | None = None) -> Path:
    return (project or project_dir()) / "seeds"


def curation_dir(project: Path | None = None) -> Path:
    """The bulk curated tables (documents, observations): CSV files DuckDB reads through a dbt source."""
    return (project or project_dir()) / "sources" / "curation"


# Curated tables that grow with the corpus: read by DuckDB from curation_dir() (read_csv through the dbt
# source `curation`), not loaded as dbt seeds. The small reviewed catalogues stay seeds in seeds_dir().
BULK_TABLES = ("documents", "observations")


def corpus_file(name: str, project: Path | None = None) -> Path:
    """The CSV of one curated table: documents and observations in curation_dir(), the others in seeds_dir()."""
    folder = curation_dir(project) if name in BULK_TABLES else seeds_dir(project)
    return folder / f"{name}.csv"


def dbt_vars(project: Path | None = None) -> dict[str, str]:
    """The folders the dbt sources read, as absolute paths (dbt_project.yml has relative defaults)."""
    return {"articles_dir": str(articles_dir(project)), "curation_dir": str(curation_dir(project))}


def warehouse_path() -> Path:
    """BATTLEMAP_WAREHOUSE, or warehouse/battlemap.duckdb in the project folder."""
    configured = os.environ.get(WAREHOUSE_ENV)
    if configured:
        return Path(configured).resolve()
    return project_dir() / "warehouse" / "battlemap.duckdb"


RELEASES_ENV = "BATTLEMAP_RELEASES"


def releases_dir(project: Path | None = None) -> Path:
    """Where `battlemap release` writes and the explorer looks for releases: BATTLEMAP_RELEASES, or releases/ in
    the project folder (git-ignored: a release is published, not committed)."""
    configured = os.environ.get(RELEASES_ENV)
    if configured:
        return Path(configured).resolve()
    return (project or project_dir()) / "releases"


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
