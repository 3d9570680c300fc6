"""Run the explorer as a real server (`battlemap app`) and drive it with headless Chromium (Playwright).

Shared by the browser tests and bench/app_bench.py. Nothing here downloads a browser: Playwright uses
Debian's /usr/bin/chromium. Every process started here is stopped by its own process group.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def battlemap_command() -> list[str]:
    """The `battlemap` CLI of this interpreter's environment."""
    beside = Path(sys.executable).with_name("battlemap")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "battlemap.cli"]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


class App:
    """A running `battlemap app` on a free localhost port."""

    def __init__(self, warehouse: Path, log_path: Path, port: int | None = None):
        self.warehouse = Path(warehouse)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self) -> App:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "w", encoding="utf-8")
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            [*battlemap_command(), "app", "--port", str(self.port), "--warehouse", str(self.warehouse)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() reaches Streamlit too
        )
        log.close()
        return self

    def wait_healthy(self, timeout: float = 30.0) -> float:
        """Seconds from start until /_stcore/health answers ok."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}:\n{self.log()}")
            if healthy(self.url):
                return time.perf_counter() - self.started_at
            time.sleep(0.05)
        raise TimeoutError(f"the app did not answer on {self.url} within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        os.killpg(group, signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait(timeout=10)
        # Streamlit may outlive the CLI by a moment; make sure nothing of the group is left.
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass


@contextmanager
def running_app(warehouse: Path, log_path: Path) -> Iterator[App]:
    app = App(warehouse, log_path).start()
    try:
        app.wait_healthy()
        yield app
    finally:
        app.stop()


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser (Playwright's sync API) on the system's chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def checked_page(browser, viewport: dict[str, int]) -> Iterator[object]:
    """A page in a fresh context (English locale) that fails the test on any JavaScript error it raised."""
    context = browser.new_context(viewport=viewport, locale="en-GB")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


# --- waiting for Streamlit in the page ---------------------------------------------------------
WATCH_RUNS = """
() => {
  if (window.__bmRuns !== undefined) return;
  window.__bmRuns = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  let busy = false;
  new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state !== 'notRunning') { busy = true; }
    else if (busy) { busy = false; window.__bmRuns += 1; }
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}
"""


def settle(page, timeout: float = 20_000) -> None:
    """Wait until the script run is over and two frames have been painted."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def charts_drawn(page, count: int, timeout: float = 20_000) -> None:
    """Wait until `count` Vega-Lite charts have drawn their canvas or svg."""
    page.wait_for_function(
        """(n) => {
             const charts = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
             return charts.length >= n && [...charts].every(c => c.querySelector('canvas, svg'));
           }""",
        arg=count,
        timeout=timeout,
    )


def watch_runs(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]')
    page.evaluate(WATCH_RUNS)


def runs_done(page) -> int:
    return page.evaluate("() => window.__bmRuns")


def wait_for_run_after(page, before: int, until: str | None = None, timeout: float = 20_000) -> None:
    """Wait until a script run that started after `before` runs were counted has finished, or, for a run
    too quick to be seen running, until the JavaScript condition `until` holds; then let the page paint."""
    condition = f"(n) => window.__bmRuns > n || Boolean({until})" if until else "(n) => window.__bmRuns > n"
    page.wait_for_function(condition, arg=before, timeout=timeout)
    settle(page, timeout)


# --- timing one interaction inside the page -----------------------------------------------------
# Finds the element to click (a JavaScript function of the label): a widget by its label — a switch (react-aria)
# reacts to its input's click, a radio (baseweb) to its label's — or an expander by words of its title.
FIND_WIDGET = """label => {
  const labels = [...document.querySelectorAll('label')].filter(l => l.textContent.trim() === label);
  if (labels.length !== 1) throw new Error(`${labels.length} labels read ${label}`);
  const input = labels[0].querySelector('input');
  return input && input.type === 'checkbox' ? input : labels[0];
}"""
FIND_SECTION = """text => {
  const found = [...document.querySelectorAll('[data-testid="stExpander"] summary')].filter(s => s.textContent.includes(text));
  if (found.length !== 1) throw new Error(`${found.length} sections read ${text}`);
  return found[0];
}"""
TIMED_CLICK = """
async ([find, label, done, limit]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const target = new Function(`return (${find});`)()(label);
  const finished = new Function(`return (${done});`);
  const settled = new Promise(resolve => {
    const check = () => {
      if (app.getAttribute('data-test-script-state') === 'notRunning' && finished()) {
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(resolve));
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(app, {attributes: true, childList: true, subtree: true, characterData: true});
  });
  const started = performance.now();
  target.click();
  const timedOut = await Promise.race([settled.then(() => false), new Promise(r => setTimeout(() => r(true), limit))]);
  if (timedOut) throw new Error(`the page did not settle after clicking ${label}`);
  return performance.now() - started;
}
"""


def timed_click(page, label: str, done: str, find: str = FIND_WIDGET, limit_ms: int = 15000) -> float:
    """Seconds from clicking the widget labelled `label` (or, with find=FIND_SECTION, the expander whose title holds
    it), in the page with no automation overhead, until the script run is over, the JavaScript condition `done`
    holds (the new content is there) and the page has painted twice."""
    page.wait_for_selector(IDLE)
    return page.evaluate(TIMED_CLICK, [find, label, done, limit_ms]) / 1000
