"""`battlemap app` and `battlemap notebooks` stop their servers on SIGTERM, and the app follows Streamlit's settings (issue 10, case 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from battlemap.testing.browser import battlemap_command, free_port, healthy


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def start(arguments: list[str], tmp_path: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    log = open(tmp_path / "server.log", "w", encoding="utf-8")
    try:
        return subprocess.Popen([*battlemap_command(), *arguments], stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    finally:
        log.close()


def stop_everything(launcher: subprocess.Popen, servers: list[int]) -> None:
    for pid in [launcher.pid, *servers]:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    launcher.wait(timeout=10)


def test_sigterm_to_battlemap_app_stops_streamlit(built_warehouse: Path, tmp_path: Path):
    port = free_port()
    launcher = start(["app", "--port", str(port), "--warehouse", str(built_warehouse)], tmp_path)
    servers: list[int] = []
    try:
        assert wait_for(lambda: healthy(f"http://127.0.0.1:{port}"), 60), (tmp_path / "server.log").read_text()
        servers = children_of(launcher.pid)
        assert servers, "no Streamlit child found"
        launcher.send_signal(signal.SIGTERM)  # the launcher only, as a service manager or `kill` does
        assert launcher.wait(timeout=20) == 128 + signal.SIGTERM
        assert wait_for(lambda: not any(alive(pid) for pid in servers), 15), "Streamlit outlived battlemap app"
        assert not healthy(f"http://127.0.0.1:{port}")
    finally:
        stop_everything(launcher, servers)


def test_battlemap_app_follows_streamlit_settings_for_the_port(built_warehouse: Path, tmp_path: Path):
    port = free_port()
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port)}
    launcher = start(["app", "--warehouse", str(built_warehouse)], tmp_path, env)
    servers: list[int] = []
    try:
        assert wait_for(lambda: healthy(f"http://127.0.0.1:{port}"), 60), (tmp_path / "server.log").read_text()
        servers = children_of(launcher.pid)
        assert f"battlemap explorer: http://127.0.0.1:{port}" in (tmp_path / "server.log").read_text()
    finally:
        launcher.send_signal(signal.SIGTERM)
        stop_everything(launcher, servers)


def test_sigterm_to_battlemap_notebooks_stops_jupyter(tmp_path: Path):
    pytest.importorskip("jupyterlab")
    port = free_port()
    launcher = start(["notebooks", "--port", str(port)], tmp_path)
    servers: list[int] = []

    def answers() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    try:
        assert wait_for(answers, 90), (tmp_path / "server.log").read_text()
        servers = children_of(launcher.pid)
        assert servers, "no Jupyter child found"
        launcher.send_signal(signal.SIGTERM)
        assert launcher.wait(timeout=40) == 128 + signal.SIGTERM
        assert wait_for(lambda: not any(alive(pid) for pid in servers), 15), "Jupyter outlived battlemap notebooks"
        assert not answers()
    finally:
        stop_everything(launcher, servers)
