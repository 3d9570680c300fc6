"""Benchmark: a new user's wait, from a clean clone to a served explorer, with `make run`.

Clones the repository (its committed HEAD) into a temporary folder and runs `make run` there, as the README
tells a new user to, in its own process group; polls the explorer's /_stcore/health until it answers `ok`, prints
the seconds to each stage (installed, warehouse built, explorer served), then stops the whole group. Goal (issue
22): under 3 minutes to a served explorer on a fresh machine.

A fresh machine has no pip cache: pip runs with PIP_NO_CACHE_DIR=1, so every package is downloaded (the network
is part of the wait) unless --pip-cache. With --no-install the clone uses this Python's venv instead of
installing one (no network; the smallest size, which CI runs): it times the clone, the build and the start.

    .venv/bin/python bench/setup_time.py [--no-install] [--pip-cache] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENV = Path(sys.executable).parent.parent
GOAL_S = 180.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as answer:
            return answer.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def stop_group(process: subprocess.Popen) -> None:
    """SIGTERM to make's whole process group (make, battlemap, Streamlit), SIGKILL after 10 s."""
    for signum, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=REPO, help="the repository to clone (default: this one)")
    parser.add_argument("--no-install", action="store_true", help=f"use this Python's venv ({VENV}) instead of installing one")
    parser.add_argument("--pip-cache", action="store_true", help="let pip use its cache (not a fresh machine)")
    parser.add_argument("--timeout", type=float, default=1200, help="give up after this many seconds")
    parser.add_argument("--keep", action="store_true", help="keep the clone (its path is printed)")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="battlemap-setup-"))
    clone = scratch / "battlemap"
    port = free_port()
    log_path = scratch / "make-run.log"
    started = time.perf_counter()
    subprocess.run(["git", "clone", "--quiet", "--no-local", str(args.source), str(clone)], check=True)
    cloned = time.perf_counter() - started

    env = {key: value for key, value in os.environ.items() if not key.startswith(("BATTLEMAP_", "STREAMLIT_", "VIRTUAL_ENV"))}
    make = ["make", "run", f"PORT={port}"]
    if args.no_install:
        # This venv, and a stamp newer than the clone's pins, so make installs nothing; the clone's own code.
        stamp = scratch / "installed.stamp"
        stamp.touch()
        make += [f"VENV={VENV}", f"STAMP={stamp}"]
        env["PYTHONPATH"] = str(clone / "src")
    if not args.pip_cache:
        env["PIP_NO_CACHE_DIR"] = "1"
    stamp_path = Path(VENV / ".installed") if args.no_install else clone / ".venv" / ".installed"
    warehouse = clone / "warehouse" / "battlemap.duckdb"

    marks: dict[str, float] = {}
    with log_path.open("w") as log:
        process = subprocess.Popen(make, cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            while True:
                now = time.perf_counter() - started
                if "installed" not in marks and (args.no_install or stamp_path.exists()):
                    marks["installed"] = now
                if "built" not in marks and warehouse.exists():
                    marks["built"] = now
                if healthy(port):
                    marks["served"] = time.perf_counter() - started
                    break
                if process.poll() is not None:
                    tail = log_path.read_text(errors="replace")[-3000:]
                    sys.exit(f"`make run` ended (exit {process.returncode}) before the explorer answered:\n{tail}")
                if now > args.timeout:
                    stop_group(process)
                    sys.exit(f"no explorer after {args.timeout:.0f} s; log in {log_path}")
                threading.Event().wait(0.25)
        finally:
            stop_group(process)

    mode = "this venv, no install" if args.no_install else ("pip cache allowed" if args.pip_cache else "no pip cache (fresh machine)")
    print(f"battlemap setup benchmark: clean clone of {args.source} -> `make run` -> /_stcore/health ok ({mode})")
    print(f"  cloned                {cloned:7.1f} s")
    print(f"  installed             {marks.get('installed', float('nan')):7.1f} s")
    print(f"  warehouse built       {marks.get('built', float('nan')):7.1f} s")
    print(f"  explorer served       {marks['served']:7.1f} s (goal < {GOAL_S:.0f} s on a fresh machine)")
    load = os.getloadavg()
    print(f"  load average          {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1/5/15 min, at the end)")
    if args.keep:
        print(f"  clone kept in {clone}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
