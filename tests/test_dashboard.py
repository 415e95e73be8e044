"""`make dashboard`: the explorers served by Voila, driven in real Chromium (code hidden, widgets live, offline)."""

import csv
import re
import subprocess
import time
import urllib.request

import pytest

import dialoguelib
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
