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


def test_plain_dbt_build_names_a_place_the_gazetteer_does_not_know(project_copy: Path, tmp_path: Path):
    # Without battlemap's input pass, the place model itself stops the build and names the row.
    cities = project_copy / "seeds" / "cities.csv"
    cities.write_text(cities.read_text(encoding="utf-8").replace("leling,371481", "leling,371499"), encoding="utf-8")
    env = {**os.environ, "BATTLEMAP_WAREHOUSE": str(tmp_path / "battlemap.duckdb")}
    env.pop("BATTLEMAP_BUILD_PATH", None)
    build = subprocess.run(
        [DBT, "build", "--select", "+int_places_resolved"], cwd=project_copy, env=env, capture_output=True, text=True
    )
    assert build.returncode == 1
    assert "seeds/cities.csv, city leling: admin_code '371499' is not in the national gazetteer (jionlp 1.5.31)" in build.stdout
