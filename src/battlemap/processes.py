"""Run a long-lived child server (Streamlit, JupyterLab) in the foreground until Ctrl-C."""

from __future__ import annotations

import signal
import subprocess


def serve_until_interrupted(command: list[str], env: dict[str, str], stop_signal: int, grace_seconds: float) -> int:
    """Start `command`; on Ctrl-C send it `stop_signal`, give it `grace_seconds` to shut down, then kill it.

    Returns the child's exit code, or 0 when the person stopped it.
    """
    process = subprocess.Popen(command, env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(stop_signal)
        try:
            process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 0
