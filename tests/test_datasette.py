"""The SQLite export in Datasette, as a journalist uses it: open the commitments, facet, search, download CSV.

Datasette serves the export (with its metadata) on loopback, as `make datasette` does;
headless Chromium drives it. Fails (does not skip) in CI when a piece is missing.
"""

import csv
import io
import os
import subprocess
import sys
import time
import urllib.request

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, _free_port, _require_browser, loopback_context

import dialoguelib

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    try:
        import datasette  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("datasette is not installed; `pip install -e '.[test]'` installs it")
        pytest.skip("datasette is not installed (pip install -e '.[datasette]')")
    root = tmp_path_factory.mktemp("datasette")
    result = dialoguelib.load().export("sqlite", root / "dialogue.db")
    port = _free_port()
    log = open(root / "datasette.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(result.path),
            "-m",
            str(result.extra[0]),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180  # a bound against a hang: a loaded machine starts servers slowly
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/-/versions.json", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError((root / "datasette.log").read_text()) from None
            time.sleep(0.3)
    else:
        proc.terminate()
        raise RuntimeError("Datasette did not start in 180 s:\n" + (root / "datasette.log").read_text())
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_open_commitments_facet_search_and_download_csv(datasette, tmp_path):
    sync_api = _require_browser()
    ds = dialoguelib.load()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = loopback_context(browser, viewport={"width": 1366, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.goto(f"{datasette}/dialogue/commitments")
        assert page.locator("h1").first.text_content().strip() == "Commitments"
        assert page.get_by_text(f"{len(ds)} rows").count() >= 1
        # facet by goal: the labels come from goals.name; click "Pursue criminal networks"
        facet = page.locator(".facet-info[data-column='goal_id']")
        facet.get_by_role("link", name="Pursue criminal networks").click()
        page.wait_for_url("**goal_id=pursue**")
        n_pursue = len(ds.by_goal("pursue"))
        assert page.get_by_text(f"{n_pursue} rows where goal_id = ").count() >= 1
        # full-text search within the facet
        page.locator("input#_search").fill("financiers")
        page.locator("input#_search").press("Enter")
        page.wait_for_url("**_search=financiers**")
        ids = sorted(page.locator("td.col-commitment_id").all_text_contents())
        want = sorted(ds.filter(goal="pursue", text="financiers").commitments["commitment_id"])
        assert [i.strip() for i in ids] == want and want
        # the "Advanced export" form: CSV of this filtered, searched table, as a file
        page.get_by_label("download file").check()
        with page.expect_download() as info:
            page.locator("input[type=submit][value='Export CSV']").click()
        path = tmp_path / "download.csv"
        info.value.save_as(path)
        browser.close()
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert sorted(r["commitment_id"] for r in rows) == want
    assert all(r["quote"] in ds.raw_texts[r["document_id"]] for r in rows)
