"""Child processes that cannot outlive battlemap: dbt under `battlemap build`, the app and Jupyter servers.

`subprocess.Popen` children do not die with their parent (../shared/PITFALLS.md). Every long-lived
child here runs in its own process group (so one signal reaches it and whatever it starts, and a
Ctrl-C in the terminal reaches only battlemap, which decides what to do), and on Linux asks the
kernel to SIGKILL it when battlemap dies, even by `kill -9`, which no handler can catch.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Interrupted(Exception):
    """battlemap got a stop signal (SIGTERM, SIGHUP; SIGINT arrives as KeyboardInterrupt)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_code_for(signum: int) -> int:
    """The shell's convention: 128 + the signal number (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + signum


def _die_with(parent_pid: int) -> Callable[[], None]:
    def preexec() -> None:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # not Linux: the signal handlers still stop the child
            return
        if os.getppid() != parent_pid:  # the parent died before prctl took effect
            os._exit(1)

    return preexec


def start_child(command: list[str], **popen_options) -> subprocess.Popen:
    """Popen in a new session (own process group) that the kernel kills when this process dies."""
    return subprocess.Popen(command, start_new_session=True, preexec_fn=_die_with(os.getpid()), **popen_options)


def start_reading_child(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen:
    """start_child whose output (stderr merged into stdout) is read line by line as text, undecodable bytes replaced."""
    return start_child(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace"
    )


def follow_child(
    process: subprocess.Popen, on_line: Callable[[str], None], on_start: Callable[[], None] | None = None
) -> list[str]:
    """Every output line of a start_reading_child process, each passed to `on_line` as it comes, once it has exited.
    Any exception here (Ctrl-C, a stop signal, a page that stopped waiting) kills the child's whole group before it
    propagates, so the child never outlives its reader. `on_start` runs first, under the same guard."""
    lines: list[str] = []
    try:
        if on_start is not None:
            on_start()
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.rstrip("\n")
            lines.append(line)
            on_line(line)
        process.wait()
    except BaseException:
        kill_group(process.pid)
        process.wait()
        raise
    finally:
        if process.stdout is not None:
            process.stdout.close()
    return lines


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def kill_group(pgid: int, wait_seconds: float = 10.0) -> None:
    """SIGKILL a whole process group and wait until it is gone (its file locks with it)."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + wait_seconds
    while group_alive(pgid) and time.monotonic() < deadline:
        time.sleep(0.02)


def stop_child(process: subprocess.Popen, stop_signal: int, grace_seconds: float) -> None:
    """Send the child's group `stop_signal`, give it `grace_seconds` to shut down, then kill the group."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, stop_signal)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            pass
    kill_group(process.pid)  # whatever the child started and left behind
    process.wait()


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise Interrupted (as SIGINT raises KeyboardInterrupt), so
    `finally` clauses run and children are stopped. Only the main thread can set handlers; elsewhere a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, handler) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def serve_until_interrupted(command: list[str], env: dict[str, str], stop_signal: int, grace_seconds: float, cwd=None) -> int:
    """Run a server in the foreground; on Ctrl-C, SIGTERM or SIGHUP send it `stop_signal`, give it
    `grace_seconds` to shut down, then kill its process group.

    Returns the child's exit code, or 0 when a person stopped it with Ctrl-C, 128 + signal otherwise.
    """
    process = start_child(command, env=env, cwd=cwd)
    try:
        with stop_signals_raise():
            return process.wait()
    except KeyboardInterrupt:
        stop_child(process, stop_signal, grace_seconds)
        return 0
    except Interrupted as interrupted:
        stop_child(process, stop_signal, grace_seconds)
        return exit_code_for(interrupted.signum)
    finally:
        if process.poll() is None:
            stop_child(process, stop_signal, grace_seconds)
