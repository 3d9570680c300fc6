"""Shared fixtures: a warehouse built once per test session, and disposable copies of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from battlemap.build.atomic_build import build_warehouse
from battlemap.shared.paths import copy_build_inputs

# Kept under this name for the tests that import it.
copy_project = copy_build_inputs


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from the real project once per session (read it, don't change it)."""
    target = tmp_path_factory.mktemp("warehouse") / "battlemap.duckdb"
    build_warehouse(target, quiet=True)
    return target


@pytest.fixture()
def warehouse_copy(built_warehouse: Path, tmp_path: Path) -> Path:
    """A private copy of the built warehouse, safe to change."""
    copy = tmp_path / "battlemap.duckdb"
    shutil.copy2(built_warehouse, copy)
    return copy


@pytest.fixture()
def existing_warehouse(built_warehouse: Path, tmp_path: Path) -> Path:
    """A warehouse already in place where the build under test writes."""
    target = tmp_path / "served" / "battlemap.duckdb"
    target.parent.mkdir()
    shutil.copy2(built_warehouse, target)
    return target


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    """A private copy of the project's build inputs, safe to change."""
    return copy_project(tmp_path / "project")
