"""A real browser: JupyterLab on loopback, headless Chromium through Playwright.

Opens the goal explorer, runs all cells, changes the goal control and checks that the
figures and the table followed. Fails (does not skip) in CI when Chromium is missing.
"""

import os
import re
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


def expect(target):
    """Playwright's ``expect`` (imported on use, so that a machine without Playwright skips rather than errs)."""
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=60_000)  # a bound on waiting for the state asked for, as for actions
    return playwright_expect(target)


LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


def loopback_context(browser, blocked: list | None = None, **options):
    """A browser context in which nothing leaves the machine: every request not to 127.0.0.1 (or data:,
    blob:) is aborted, and its address appended to ``blocked`` when one is given."""
    context = browser.new_context(**options)
    # Every action and wait is for an explicit state; this only bounds it, generously for a busy machine.
    context.set_default_timeout(60_000)

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
            # A workspace and settings of its own: the user's default workspace (written by any other
            # JupyterLab, or another test run at the same time) would reopen its notebooks beside ours.
            f"--LabApp.workspaces_dir={root / '.workspaces'}",
            f"--LabApp.user_settings_dir={root / '.settings'}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=root,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180  # a bound against a hang: a loaded machine starts servers slowly
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
        raise RuntimeError("JupyterLab did not start in 180 s:\n" + (root / "lab.log").read_text())
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


def notebook_panel(page, name: str):
    """The panel of notebook ``name`` once its tab is the current one: found through the tab's
    ``data-id``, never by position (a panel hidden behind the current tab is in the page too)."""
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current").filter(
        has=page.locator(".lm-TabBar-tabLabel", has_text=re.compile(rf"^{re.escape(name)}$"))
    )
    tab.wait_for(timeout=90_000)
    return page.locator(f"[id='{tab.get_attribute('data-id')}']")


def _run_all(page, url, name):
    page.goto(f"{url}/lab/tree/{name}")
    panel = notebook_panel(page, name)
    # The toolbar says idle before the kernel is connected; wait for the status bar instead.
    expect(page.locator(".jp-StatusBar-TextItem", has_text="Idle")).to_have_count(1, timeout=90_000)
    panel.locator(".jp-Notebook").click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    return panel


def test_changing_the_goal_updates_the_figures_and_the_table(lab, page, tmp_path):
    url, _ = lab
    notebook = _run_all(page, url, "02-by-goal.ipynb")
    # the live panel: set apart from the narrative above it, with a reset; every locator below is inside it
    live = notebook.locator(".dlx-live-panel")
    expect(live).to_have_count(1, timeout=180_000)
    assert "Live panel" in live.locator(".dlx-live-note").inner_text() and live.locator("button", has_text="Reset").count() == 1
    titles = live.locator(".js-plotly-plot .gtitle")
    info = live.locator(".dt-info")  # the interactive table (itables' widget): every commitment of the goal
    expect(titles.first).to_have_text(re.compile("^Protect our people"), timeout=90_000)
    expect(info).to_contain_text(f"of {len(_ds.by_goal('protect'))} entries", timeout=90_000)
    page.screenshot(path=str(tmp_path / "before.png"))

    live.locator(".widget-dropdown select").first.select_option(label="Pursue criminal networks")
    # The figures and the table are separate widget messages: wait for both, not only the first.
    expect(info).to_contain_text(f"of {len(_ds.by_goal('pursue'))} entries", timeout=60_000)
    for i in range(titles.count()):
        expect(titles.nth(i)).to_have_text(re.compile("^Pursue criminal networks"), timeout=60_000)
    # the table's own search box (whole words of the quote, as ds.search) finds a commitment of the new goal
    assert list(_ds.by_goal("pursue").search("Manzanillo").tidy.commitment_id) == ["JS-47"]
    live.locator(".dt-search input").fill("Manzanillo")
    expect(info).to_contain_text("1 to 1 of 1 entry", timeout=60_000)
    expect(live.locator("table.dataTable tbody")).to_contain_text("JS-47")
    assert all(t.startswith("Pursue criminal networks") for t in titles.all_text_contents())
    live.locator(".widget-dropdown").first.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "after.png"))
    assert page.errors == []
