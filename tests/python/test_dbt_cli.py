"""Analysts' route: plain `dbt build` and `dbt docs generate` from the project folder work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DBT = str(Path(sys.executable).with_name("dbt"))


def test_plain_dbt_build_and_docs_generate(project_copy: Path, tmp_path: Path):
    warehouse = tmp_path / "analyst" / "battlemap.duckdb"
    warehouse.parent.mkdir()
    env = {**os.environ, "BATTLEMAP_WAREHOUSE": str(warehouse)}
    env.pop("BATTLEMAP_BUILD_PATH", None)

    build = subprocess.run([DBT, "build"], cwd=project_copy, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:]
    assert "Completed successfully" in build.stdout
    assert warehouse.is_file()

    docs = subprocess.run([DBT, "docs", "generate"], cwd=project_copy, env=env, capture_output=True, text=True)
    assert docs.returncode == 0, docs.stdout[-3000:]
    catalog = json.loads((project_copy / "target" / "catalog.json").read_text(encoding="utf-8"))
    assert "model.battlemap.fct_observation" in catalog["nodes"]
    assert (project_copy / "target" / "index.html").is_file()
