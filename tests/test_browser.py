"""A real browser: JupyterLab on loopback, headless Chromium through Playwright.

Opens the goal explorer, runs all cells, changes the goal control and checks that the
figures and the table followed. Fails (does not skip) in CI when Chromium is missing.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import dialoguelib
from dialoguelib.runs import notebooks

pytestmark = pytest.mark.browser
_ds = dialoguelib.load()

CHROMIUM = os.environ.get("DIALOGUELIB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium package")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed; `pip install -e '.[test]'` installs it")
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    return sync_api


LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


def loopback_context(browser, blocked: list | None = None, **options):
    """A browser context in which nothing leaves the machine: every request not to 127.0.0.1 (or data:,
    blob:) is aborted, and its address appended to ``blocked`` when one is given."""
    context = browser.new_context(**options)

    def route(r):
        if r.request.url.startswith(LOCAL):
            return r.continue_()
        if blocked is not None:
            blocked.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    return context


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    for nb in notebooks.notebook_dir().glob("*.ipynb"):
        shutil.copy(nb, root / nb.name)
    port = _free_port()
    log = open(root / "lab.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--allow-root",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            f"--ServerApp.root_dir={root}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=root,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError((root / "lab.log").read_text()) from None
            time.sleep(0.5)
    else:
        proc.terminate()
        raise RuntimeError("JupyterLab did not start in 90 s:\n" + (root / "lab.log").read_text())
    yield url, root
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def page(lab):
    sync_api = _require_browser()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = loopback_context(browser, viewport={"width": 1400, "height": 1000}).new_page()
        errors = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.errors = errors
        yield pg
        browser.close()


def _run_all(page, url, name):
    page.goto(f"{url}/lab/tree/{name}")
    # The toolbar says idle before the kernel is connected; wait for the status bar instead.
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=90_000)
    page.locator(".jp-Notebook").first.click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def test_changing_the_goal_updates_the_figures_and_the_table(lab, page, tmp_path):
    url, _ = lab
    _run_all(page, url, "02-by-goal.ipynb")
    panel = page.locator(".widget-vbox").first
    panel.wait_for(timeout=120_000)
    titles = panel.locator(".js-plotly-plot .gtitle")
    titles.first.wait_for(timeout=60_000)
    assert titles.first.text_content().startswith("Protect our people")
    info = panel.locator(".dt-info")  # the interactive table (itables' widget): every commitment of the goal
    info.first.wait_for(timeout=60_000)
    assert f"of {len(_ds.by_goal('protect'))} entries" in info.first.inner_text()
    # the live panel is set apart from the narrative above it, and has a reset
    live = page.locator(".dlx-live-panel").first
    assert "Live panel" in live.locator(".dlx-live-note").inner_text() and live.locator("button", has_text="Reset").count() == 1
    page.screenshot(path=str(tmp_path / "before.png"))

    panel.locator(".widget-dropdown select").first.select_option(label="Pursue criminal networks")
    # The figures and the table are separate widget messages: wait for both, not only the first.
    page.wait_for_function(
        """n => { const t = document.querySelector('.widget-vbox .js-plotly-plot .gtitle');
                  const info = document.querySelector('.widget-vbox .dt-info');
                  return t && t.textContent.startsWith('Pursue criminal networks')
                      && info && info.innerText.includes('of ' + n + ' entries'); }""",
        arg=len(_ds.by_goal("pursue")),
        timeout=30_000,
    )
    # the table's own search box finds a commitment of the new goal, not one of the old
    panel.locator(".dt-search input").first.fill("JS-47")
    page.wait_for_function("() => document.querySelector('.widget-vbox .dt-info').innerText.includes('1 to 1 of 1 entry')")
    assert "JS-47" in panel.locator("table.dataTable tbody").first.inner_text()
    assert all(t.startswith("Pursue criminal networks") for t in titles.all_text_contents())
    panel.locator(".widget-dropdown").first.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "after.png"))
    assert page.errors == []
