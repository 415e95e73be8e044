"""`make dashboard`: the explorers served by Voila, driven in real Chromium (code hidden, widgets live, offline)."""

import csv
import re
import shutil
import subprocess
import time
import urllib.request

import pytest

import dialoguelib
from conftest import PACKAGE_DATA, read_table, write_table
from dialoguelib import widgets
from dialoguelib.runs import dashboard

pytestmark = pytest.mark.browser


def test_the_dashboard_builds_each_tab_when_first_opened():
    ds = dialoguelib.load()
    app = widgets.dashboard(ds)
    assert list(app.explorers) == ["Overview"] and len(app.children) == len(widgets.explorers.DASHBOARD_TABS)
    app.selected_index = 3
    # the tab holds the explorer's panel, after the style rule that lets the tab labels wrap
    assert list(app.explorers) == ["Overview", "By area"] and app.children[3].children[-1] is app.explorers["By area"].widget
    assert "dlx-tabs" in app.children[3].children[0].value and "dlx-tabs" in app._dom_classes
    assert app.explorers["By area"].note.layout.display == "none"  # no "charts above" in the app


def test_voila_is_asked_for_loopback_without_a_browser_and_with_the_projects_template():
    cmd = dashboard.voila_command(9999)
    assert cmd[1:3] == ["-m", "voila"] and cmd[3].endswith("dashboard.ipynb")
    assert "--Voila.ip=127.0.0.1" in cmd and "--no-browser" in cmd and "--template=dialoguelib" in cmd
    env = dashboard.voila_environment({"JUPYTER_PATH": "/elsewhere"})
    first, rest = env["JUPYTER_PATH"].split(":", 1)
    assert first.endswith("templates/jupyter") and rest == "/elsewhere"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    pytest.importorskip("voila", reason="Voila is the optional 'dashboard' extra")
    from test_browser import _free_port

    port = _free_port()
    log = open(tmp_path_factory.mktemp("voila") / "voila.log", "w+")
    proc = subprocess.Popen(
        dashboard.voila_command(port), env=dashboard.voila_environment(), stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180  # a bound against a hang: a loaded machine starts servers slowly
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "voila/static/voila.js", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(log.read()) from None
            time.sleep(0.5)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def current_tab(page):
    """The dashboard's tab that is shown: the others stay in the page, hidden, once they were built."""
    return page.locator(".widget-tab-contents > .widget-box:not(.lm-mod-hidden)")


def _starts(text: str):
    return re.compile("^" + re.escape(text))


def test_the_dashboard_runs_in_chromium_with_live_controls_and_nothing_from_the_network(served, tmp_path):
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser, expect, loopback_context

    sync_api = _require_browser()
    ds = dialoguelib.load()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        outside = []
        context = loopback_context(browser, outside, viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(served, timeout=120_000)
        tab = current_tab(page)
        headline = tab.locator(".dlx-headline")
        expect(headline).to_have_count(1, timeout=180_000)
        assert page.locator("h1", has_text="Dashboard").count() == 1  # the narrative is shown, the code is not
        assert page.locator("text=import dialoguelib").count() == 0 and page.locator(".jp-InputArea-editor:visible").count() == 0
        expect(headline).to_contain_text(f"{len(ds)} commitments", timeout=60_000)
        # a tick in the Modality box (no Ctrl-click) redraws the tab's headline and table
        pledge = tab.locator(".dlx-checkbox-group").nth(1).get_by_label("pledge", exact=True)
        pledge.check()
        n = len(ds.filter(modality=["pledge"]))
        expect(headline).to_have_text(_starts(f"{n} commitments"), timeout=60_000)
        expect(tab.locator(".dt-info")).to_contain_text(f"of {n} entries", timeout=60_000)
        pledge.uncheck()
        expect(headline).to_have_text(_starts(f"{len(ds)} commitments"), timeout=60_000)
        # search by whole words: "arms" finds arms, not harms, and the matched words are highlighted in the table
        search = tab.get_by_placeholder("words in the quote")
        search.fill("arms")
        search.press("Enter")
        n = len(ds.filter(text="arms"))
        expect(headline).to_have_text(_starts(f"{n} commitment"), timeout=60_000)
        # a table that fits one page has no "of N entries" line: count its rows
        expect(tab.locator("table.dataTable tbody tr")).to_have_count(min(n, 10), timeout=60_000)
        hits = tab.locator("table.dataTable mark.dlx-hit")
        assert hits.count() >= min(n, 10) and {h.lower() for h in hits.all_inner_texts()} == {"arms"}
        assert hits.first.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 213, 74)"
        # the table's CSV export holds exactly what the library selects, as text
        with page.expect_download() as download:
            tab.locator("button.buttons-csv").click()
        with open(download.value.path(), newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        assert [r["id"] for r in rows] == list(ds.filter(text="arms").tidy.commitment_id)
        assert all("<" not in r["quote"] for r in rows) and any(" arms " in f" {r['quote']} " for r in rows)
        # another tab: its explorer is built on first opening and its controls redraw its charts
        page.locator(".lm-TabBar-tab", has_text="By goal").click()
        select = tab.locator(".widget-dropdown select")  # `tab` is now the By goal tab, built on opening
        expect(select).to_have_count(1, timeout=120_000)
        select.select_option(label="Pursue criminal networks")
        pursue = tab.locator(".js-plotly-plot .gtitle").filter(has_text=_starts("Pursue criminal networks"))
        expect(pursue).not_to_have_count(0, timeout=60_000)
        page.screenshot(path=str(tmp_path / "dashboard.png"))
        browser.close()
    assert outside == [] and errors == []


def test_a_taken_or_impossible_port_is_refused_with_one_line(capsys):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert dashboard.main(["--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: port {port} on 127.0.0.1 is in use") and "DASHBOARD_PORT=" in err
    for bad in ("99999", "abc", "0"):
        with pytest.raises(SystemExit) as stop:
            dashboard.main(["--port", bad])
        assert stop.value.code == 2 and "expected a port number from 1 to 65535" in capsys.readouterr().err


# ------------------------------------------------------------------ kernels, Host, typesetting
MONEY = "grants of $5 million and $6 million"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Voila with the project's template and configuration serving a small notebook (a slider, a chart whose
    title holds two dollar amounts): a kernel is shut down 1 s after its page goes, at most 3 at once."""
    pytest.importorskip("voila", reason="Voila is the optional 'dashboard' extra")
    import nbformat
    import psutil
    from test_browser import _free_port

    root = tmp_path_factory.mktemp("small")
    data = root / "data"  # a goal named with two dollar amounts, shown in its explorer's headline
    shutil.copytree(PACKAGE_DATA.resolve(), data)
    goals = read_table(data, "goals")
    goals.loc[goals.goal_id == "protect", "name"] = f"Protect {MONEY}"
    write_table(data, "goals", goals)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(description='live')"),
        nbformat.v4.new_code_cell(
            f"import plotly.graph_objects as go\ngo.Figure(go.Bar(x=[{MONEY!r}], y=[1]), layout_title_text={MONEY!r})"
        ),
        nbformat.v4.new_code_cell(
            f"import dialoguelib\nfrom dialoguelib import widgets\nwidgets.goal_explorer(dialoguelib.load({str(data)!r}), goal='protect')"
        ),
    ]
    nbformat.write(nb, root / "small.ipynb")
    port = _free_port()
    log = open(root / "voila.log", "w+")
    cmd = dashboard.voila_command(
        port, root / "small.ipynb", max_kernels=3, options=("--DashboardKernelManager.release_after=1",)
    )
    proc = subprocess.Popen(cmd, env=dashboard.voila_environment(), stdout=log, stderr=subprocess.STDOUT, cwd=root)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180  # a bound against a hang on a loaded machine
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "voila/static/voila.js", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(log.read()) from None
            time.sleep(0.5)

    def kernels() -> int:
        """Kernel processes alive under the server (one that ended but is not yet reaped does not count)."""
        alive = 0
        for child in psutil.Process(proc.pid).children(recursive=True):
            try:
                alive += child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline())
            except psutil.Error:  # gone meanwhile
                pass
        return alive

    yield url, port, kernels
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def _until(condition, seconds: float = 120) -> bool:
    """Poll until ``condition()`` holds (a generous bound for a loaded machine, not a speed requirement)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return condition()


def _open(context, url):
    """A page of ``url`` whose kernel is connected: its websocket to the kernel has answered (waiting on the
    connection, not on a widget drawn, which a loaded machine may delay past any bound)."""
    page = context.new_page()
    with page.expect_websocket(lambda ws: "/channels" in ws.url, timeout=180_000) as opened:
        page.goto(url, timeout=180_000)
    opened.value.wait_for_event("framereceived", timeout=180_000)
    return page


def test_ten_page_loads_leave_no_kernel_and_a_page_beyond_the_limit_is_refused(small):
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser, loopback_context

    url, _, kernels = small
    sync_api = _require_browser()
    seen = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = loopback_context(browser)
        for _ in range(10):  # one page at a time: each opened, its kernel connected, closed
            page = _open(context, url)
            seen.append(kernels())
            page.close()
        assert _until(lambda: kernels() == 0, 300), f"{kernels()} kernels left after 10 page loads"
        assert 1 <= max(seen) <= 3, seen
        # three pages open at once hold three kernels; a fourth page is refused while they stay
        pages = [_open(loopback_context(browser), url) for _ in range(3)]
        assert kernels() == 3
        fourth = context.new_page()
        response = fourth.goto(url, timeout=180_000)
        assert response.status == 503 and kernels() == 3
        for page in [*pages, fourth]:
            page.close()
        assert _until(lambda: kernels() == 0, 300), f"{kernels()} kernels left once every page closed"
        browser.close()


def test_a_request_naming_another_host_gets_no_page_and_no_kernel(small):
    import http.client

    url, port, kernels = small
    assert _until(lambda: kernels() == 0)
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example"):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", "/", headers={"Host": host})
        response = conn.getresponse()
        assert response.status == 403, (host, response.status)
        conn.close()
    assert kernels() == 0
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):  # the server's own names are served
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=180)
        conn.request("GET", "/voila/static/voila.js", headers={"Host": host})
        assert conn.getresponse().status == 200
        conn.close()


def test_chart_and_explorer_text_with_two_dollar_amounts_is_shown_as_written_not_typeset(small):
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser, expect, loopback_context

    url, _, _ = small
    sync_api = _require_browser()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = loopback_context(browser).new_page()
        page.goto(url, timeout=180_000)
        title = page.locator(".js-plotly-plot .gtitle").first
        expect(title).to_have_text(MONEY, timeout=180_000)
        assert page.locator(".js-plotly-plot .math-group").count() == 0  # no LaTeX typesetting
        assert page.evaluate("() => window.Plotly && window.Plotly.setPlotConfig !== undefined")
        # an explorer's headline (HTML in an Output widget, which MathJax typesets) names the goal as written
        headline = page.locator(".dlx-live-panel .dlx-headline").first
        expect(headline).to_contain_text(f"Protect {MONEY}", timeout=180_000)
        assert page.locator(".dlx-live-panel mjx-container, .dlx-live-panel .MathJax").count() == 0
        page.close()
        browser.close()
