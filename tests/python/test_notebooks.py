"""The analysis notebooks run top to bottom against a fresh warehouse, are stored without outputs, and
`battlemap notebooks` serves them on localhost."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell

from battlemap.serve import notebooks
from battlemap.shared.paths import WAREHOUSE_ENV, project_dir

PROJECT = project_dir()
NOTEBOOK_DIR = PROJECT / "analyses" / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
EXPECTED = {"01_cross_city_comparison", "02_provenance_walkthrough", "03_adding_a_document"}


def execute(notebook: Path, warehouse: Path, tmp_path: Path) -> nbformat.NotebookNode:
    """Run the notebook with nbclient in this venv's python3 kernel, reading `warehouse`.

    A first cell is prepended that fails unless the kernel is this interpreter's environment and sees the
    warehouse it was given; TMPDIR keeps whatever the notebook creates under pytest's tmp_path."""
    nb = nbformat.read(notebook, as_version=4)
    probe = (
        "import os, sys\n"
        f"assert sys.prefix == {sys.prefix!r}, f'kernel runs {{sys.executable}}, not the project venv'\n"
        f"assert os.environ[{WAREHOUSE_ENV!r}] == {str(warehouse)!r}\n"
    )
    nb.cells.insert(0, new_code_cell(probe))
    environment = {**os.environ, WAREHOUSE_ENV: str(warehouse), "TMPDIR": str(tmp_path)}
    environment.pop("BATTLEMAP_BUILD_PATH", None)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(notebook.parent)}}
    )
    client.execute(env=environment)
    return nb


def outputs_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(str(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def output_bundles(nb: nbformat.NotebookNode) -> list[dict]:
    """The mime bundles (`data`) of every display and result output."""
    return [output.get("data", {}) for cell in nb.cells for output in cell.get("outputs", []) if "data" in output]


def test_the_three_notebooks_exist():
    assert {path.stem for path in NOTEBOOKS} == EXPECTED


# What each notebook must print when it runs against the real project's warehouse ({warehouse}: its path).
EXPECTED_OUTPUT = {
    "01_cross_city_comparison": [
        "Reading {warehouse}",
        "Quanzhou: 199亿元 of 555亿元 = 35.9% by 2022-05-31, when 41.4% of 2022 had gone: pace 0.87",
        "Zhumadian: 30.4亿元 of 204亿元 = 14.9% by 2017-05-15",
    ],
    "02_provenance_walkthrough": [
        "Warehouse: {warehouse}",
        "【第一批项目完成投资⟦199亿元⟧】",
        "【第一批項(xiàng)目完成投資199億元】",
        "199亿元 → 199 × 100,000,000 ÷ 1 = 19,900,000,000 CNY",
        "quote, raw quote, offsets and unit conversion check out",
    ],
    "03_adding_a_document": [
        "is not in the normalised text of document 'quanzhou_2023_demo'",
        "5 figures added; the input check finds no problem.",
        "Completion 55.0% of the annual plan by 2023-06-30, pace 1.11",
        "The real seeds and articles are exactly as they were.",
    ],
}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs_top_to_bottom(notebook: Path, built_warehouse: Path, tmp_path: Path):
    nb = execute(notebook, built_warehouse, tmp_path)
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code_cells), "a code cell did not run"
    assert not [o for cell in code_cells for o in cell.outputs if o.output_type == "error"]
    text = outputs_text(nb)
    for expected in EXPECTED_OUTPUT[notebook.stem]:
        assert expected.format(warehouse=built_warehouse) in text
    assert not list(tmp_path.glob("battlemap-*")), "the notebook left temporary folders behind"
    check_charts_render_offline(notebook.stem, nb)


# Notebooks that draw Altair charts, with an axis title that must appear in a static rendering.
CHART_NOTEBOOKS = {"01_cross_city_comparison": "As-of date of the figures"}
STATIC_CHART_TYPES = ("image/svg+xml", "image/png")


def check_charts_render_offline(stem: str, nb: nbformat.NotebookNode) -> None:
    """Charts arrive as static images drawn in the kernel (vl-convert), never as HTML or Vega-Lite JSON that
    needs Vega from the jsDelivr CDN (unreachable offline; JupyterLab 4.6 cannot render Vega-Lite v6 itself)."""
    bundles = output_bundles(nb)
    everything = json.dumps(bundles) + outputs_text(nb)
    assert "cdn.jsdelivr.net" not in everything, f"{stem}: an output loads from the jsDelivr CDN"
    assert not [kind for bundle in bundles for kind in bundle if kind.startswith("application/vnd.vegalite")], (
        f"{stem}: a chart was displayed as Vega-Lite JSON, which JupyterLab cannot draw offline"
    )
    if stem not in CHART_NOTEBOOKS:
        return
    images = [bundle[kind] for bundle in bundles for kind in STATIC_CHART_TYPES if kind in bundle]
    assert images, f"{stem}: no chart was rendered as a static image (is an offline Altair renderer enabled?)"
    svgs = [image for bundle in bundles for kind, image in bundle.items() if kind == "image/svg+xml"]
    if svgs:  # PNG has no text to look into
        assert any(CHART_NOTEBOOKS[stem] in svg for svg in svgs), f"{stem}: the timeline chart is not among the SVGs"


def test_notebooks_that_chart_enable_an_offline_renderer():
    """Static check (no kernel): a notebook that imports altair enables the svg or png renderer before charting,
    and the chart notebooks listed above are exactly the ones that import altair."""
    charting = set()
    for path in NOTEBOOKS:
        sources = [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
        imports = [i for i, source in enumerate(sources) if re.search(r"^\s*import altair as alt\b", source, re.M)]
        if not imports:
            continue
        charting.add(path.stem)
        enables = [i for i, source in enumerate(sources) if re.search(r"alt\.renderers\.enable\(\"(svg|png)\"\)", source)]
        charts = [i for i, source in enumerate(sources) if "alt.Chart(" in source]
        assert enables, f"{path.name}: imports altair but enables no offline renderer"
        assert not charts or enables[0] <= charts[0], f"{path.name}: a chart is drawn before the renderer is enabled"
    assert charting == set(CHART_NOTEBOOKS)


def test_notebooks_check_their_own_results():
    """Key cells assert what they show: each notebook has several checking cells."""
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        checking = [cell for cell in nb.cells if cell.cell_type == "code" and re.search(r"^\s*assert ", cell.source, re.M)]
        assert len(checking) >= 3, f"{path.name}: only {len(checking)} cells assert their results"


def test_comparison_notebook_fails_when_the_warehouse_disagrees(warehouse_copy: Path, tmp_path: Path):
    """The notebook reads the warehouse it is given, and its checks bite: change Quanzhou's rate and it stops."""
    connection = duckdb.connect(str(warehouse_copy))
    try:
        connection.execute("update main.mart_city_comparison set investment_completion_rate = 0.5 where city_id = 'quanzhou'")
    finally:
        connection.close()
    with pytest.raises(CellExecutionError, match="investment_completion_rate"):
        execute(NOTEBOOK_DIR / "01_cross_city_comparison.ipynb", warehouse_copy, tmp_path)



# --- stored without outputs -------------------------------------------------------------------------


def _tracked_notebooks() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "--", "analyses/notebooks/*.ipynb"], cwd=PROJECT, capture_output=True, text=True
    )
    if listing.returncode != 0:
        pytest.skip("not a git checkout")
    return listing.stdout.split()


def _assert_clean(nb: nbformat.NotebookNode, name: str) -> None:
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", name
    assert "widgets" not in nb.metadata, f"{name}: widget state stored"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name} cell {index} has outputs: clear them before committing"
            assert cell.execution_count is None, f"{name} cell {index} has an execution count"


def test_notebooks_in_git_have_no_outputs():
    tracked = _tracked_notebooks()
    assert {Path(path).stem for path in tracked} >= EXPECTED, "the notebooks are not committed"
    for path in tracked:
        staged = subprocess.run(["git", "show", f":{path}"], cwd=PROJECT, capture_output=True, check=True).stdout
        _assert_clean(nbformat.reads(staged.decode("utf-8"), as_version=4), f"{path} (git index)")


def test_notebooks_on_disk_have_no_outputs():
    for path in NOTEBOOKS:
        _assert_clean(nbformat.read(path, as_version=4), path.name)


def test_the_output_check_catches_an_executed_notebook():
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="hello")]
    nb.cells[1].execution_count = 1
    with pytest.raises(AssertionError, match="has outputs"):
        _assert_clean(nb, "executed")


# --- battlemap notebooks (JupyterLab) ---------------------------------------------------------------


def test_lab_command_listens_on_localhost_only_on_the_notebooks_folder():
    command = notebooks.lab_command(8899, NOTEBOOK_DIR, open_browser=False)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--ServerApp.port=8899" in command
    assert "--ServerApp.port_retries=0" in command
    assert f"--ServerApp.root_dir={NOTEBOOK_DIR}" in command
    assert "--ServerApp.open_browser=False" in command
    assert not any("token" in part.lower() for part in command), "the token belongs in the environment, not argv"
    assert ("--ServerApp.allow_root=True" in command) == (os.geteuid() == 0)


@pytest.mark.parametrize(
    ("environment", "platform", "headless"),
    [
        ({"CI": "true", "DISPLAY": ":0"}, "linux", True),
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({}, "darwin", False),
    ],
)
def test_headless_detection(monkeypatch, environment: dict[str, str], platform: str, headless: bool):
    for name in ("CI", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(notebooks.sys, "platform", platform)
    assert notebooks.is_headless() is headless


def test_launch_without_jupyterlab_says_how_to_install_it(monkeypatch, capsys):
    real_find_spec = notebooks.importlib.util.find_spec
    monkeypatch.setattr(
        notebooks.importlib.util, "find_spec", lambda name, *a: None if name == "jupyterlab" else real_find_spec(name, *a)
    )
    monkeypatch.setattr(notebooks.subprocess, "Popen", lambda *a, **k: pytest.fail("nothing should be started"))
    assert notebooks.launch(port=8899) == 2
    assert "pip install" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, token: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_launch_serves_the_notebooks_on_localhost_with_a_token(tmp_path: Path):
    port = _free_port()
    environment = {
        **os.environ,
        "CI": "true",  # headless: no browser
        WAREHOUSE_ENV: str(tmp_path / "battlemap.duckdb"),  # none there: launch notes it and serves anyway
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", f"import sys; from battlemap.serve.notebooks import launch; sys.exit(launch(port={port}))"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group, so the server is stopped with it
    )
    try:
        assert process.stdout is not None
        url = None
        for line in process.stdout:
            if line.startswith("Open JupyterLab at: "):
                url = line.split(": ", 1)[1].strip()
                break
        assert url is not None, "launch printed no URL"
        match = re.fullmatch(rf"http://127\.0\.0\.1:{port}/lab\?token=([0-9a-f]{{48}})", url)
        assert match, url
        token = match.group(1)

        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/api/contents", token)
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert process.poll() is None, "JupyterLab exited early"
            time.sleep(0.5)
        assert status == 200, f"JupyterLab did not answer on port {port}"
        listing = {entry["name"] for entry in json.loads(body)["content"]}
        assert {f"{stem}.ipynb" for stem in EXPECTED} <= listing  # rooted at analyses/notebooks/
        assert _get(f"http://127.0.0.1:{port}/api/contents")[0] == 403  # no token, no access
        assert _get(f"http://127.0.0.1:{port}/lab", token)[0] == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
