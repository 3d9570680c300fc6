"""Helpers shared by the explorer app's tests (test_app_*.py): paths, AppTest set-up, warehouse edits."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
APP_DIR = REPO / "app"
APP_MAIN = APP_DIR / "main.py"
EXPLORER_DIR = REPO / "src" / "battlemap" / "serve" / "explorer"  # the pages' helpers (battlemap.serve.explorer)
ARTIFACTS = REPO / "test-artifacts"

CITY_NAMES_EN = ("Quanzhou", "Fuzhou", "Zhumadian", "Leling", "Qingtian")
CITY_NAMES_ZH = ("泉州市", "福州市", "驻马店市", "乐陵市", "青田县")


def edit_warehouse(path: Path, *statements: str) -> None:
    """Run SQL on a warehouse file that no one else has open (a test's private copy)."""
    connection = duckdb.connect(str(path))
    try:
        for statement in statements:
            connection.execute(statement)
        connection.execute("checkpoint")
    finally:
        connection.close()


def swap_in_edited_copy(path: Path, *statements: str) -> None:
    """What `battlemap build` does to the served file: write a new file, then os.replace it over the old one."""
    staging = path.parent / f".swap-{os.getpid()}" / path.name
    staging.parent.mkdir(exist_ok=True)
    shutil.copy2(path, staging)
    edit_warehouse(staging, *statements)
    os.replace(staging, path)
    staging.parent.rmdir()
