"""`dialoguelib report`: content, failures, escaping, bad input; one report opened offline in Chromium."""

import hashlib
import html
import os
import re
from pathlib import Path

import pytest

import dialoguelib
from conftest import read_table, write_table
from dialoguelib import cli, reports
from dialoguelib.runs import batch

pytestmark = pytest.mark.notebooks


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    ds = dialoguelib.load()
    jobs = reports.plan(ds, goals=["pursue"], areas=["Increase Cooperation on Extraditions"], actors=["CJNG"])
    bad = reports.ReportJob("goal", "nope", "A goal that does not exist", jobs[0].counts, {"goal": "nope", "document": []})
    results = reports.build(ds, jobs + [bad], out, workers=2)
    return ds, out, {r.slug: r for r in results}


def _html(out, slug):
    return (out / f"{slug}.html").read_text(encoding="utf-8")


def test_reports_are_built_with_their_notebooks(built):
    ds, out, results = built
    for slug in ["goal-pursue", "area-extraditions", "actor-cjng"]:
        assert results[slug].error is None, results[slug].error
        assert (out / f"{slug}.html").stat().st_size > 10_000
        assert (out / "notebooks" / f"{slug}.ipynb").exists()
    assert (out / reports.PLOTLY_JS_NAME).stat().st_size > 1_000_000


def test_report_content_title_counts_and_every_quote(built):
    ds, out, _ = built
    page = _html(out, "goal-pursue")
    assert "<title>Pursue criminal networks · U.S.-Mexico High-Level Security Dialogue 2021</title>" in page
    assert re.search(r"<h1[^>]*>Pursue criminal networks", page)
    sel = ds.by_goal("pursue")
    counts = dict(re.findall(r'data-name="([^"]+)"[^>]*>(\d+)<', page))
    assert counts["commitments"] == str(len(sel))
    assert counts["concrete actions"] == str(int((sel.tidy.kind == "action").sum()))
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))  # the page's text, as a reader sees it
    for cid, quote in zip(sel.tidy.commitment_id, sel.tidy.quote):
        assert f'data-id="{cid}"' in page
        visible = re.sub(r"\*\*(.+?)\*\*", r"\1", " ".join(quote.split()))  # bold markup is shown as bold
        assert visible[:40] in shown, cid
    assert "paragraph 16" in page  # JS-47's paragraph
    assert html.escape(ds.release.label) in page and "8 October 2021" in page  # the release and its digest
    assert f'<p class="dlx-citation">Cite as: {html.escape(ds.citation, quote=True)}</p>' in page
    assert "What was committed within one goal" not in page  # the notebook's own intro is hidden
    assert page.count('class="js-plotly-plot"') + page.count("Plotly.newPlot") >= 3


def test_every_built_report_has_the_how_concrete_section(built):
    ds, out, _ = built
    for slug, sel in [
        ("goal-pursue", ds.by_goal("pursue")),
        ("area-extraditions", ds.by_area("extraditions")),
        ("actor-cjng", ds.by_actor("CJNG")),
    ]:
        page = _html(out, slug)
        assert 'id="How-concrete"' in page and '<a href="#How-concrete">How concrete</a>' in page, slug
        assert 'id="dlx-figure-concrete-1"' in page and 'id="dlx-figure-concrete-2"' in page, slug
        assert "dlx-profile-table" in page and 'class="dlx-criteria"' in page, slug  # the criteria table, the badges
        counts = dict(re.findall(r'data-name="([^"]+)"[^>]*>(\d+)<', page))
        assert counts["concrete (a verifiable output)"] == str(int(sel.specificity().meets_output.sum())), slug


def test_a_report_built_as_of_a_day_before_a_deadline_shows_no_overdue(tmp_path):
    from dialoguelib.curate.illustrative import illustrative_record

    data = illustrative_record(tmp_path / "data")
    pages = {}
    for day in ("2022-12-31", "2023-01-02"):  # JS-46 ("by 2022", in progress, never completed) is due on 2022-12-31
        args = ["--data-dir", str(data), "report", "--goal", "prevent", "--as-of", day, "--out", str(tmp_path / day)]
        assert cli.main([*args, "--jobs", "1", "--quiet"]) == 0
        pages[day] = (tmp_path / day / "goal-prevent.html").read_text(encoding="utf-8")
    before, after = pages["2022-12-31"], pages["2023-01-02"]
    assert "No commitment is overdue as of 31 December 2022" in before and "dlx-overdue-table" not in before
    assert 'data-name="overdue">0<' in before
    assert 'data-name="overdue">1<' in after and "dlx-overdue-table" in after
    assert "<td>JS-46</td><td>2022-12-31</td><td>by 2022</td><td>In progress</td>" in after


def test_reports_do_not_reference_any_network_resource(built):
    _, out, _ = built
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        # links to the sources are fine; nothing may be loaded from the network
        assert not re.search(r'src="https?://|<link[^>]+href="https?://|@import', text), page.name
        assert "cdn.plot.ly" not in text and "cdnjs" not in text and "unpkg" not in text
        assert "jupyter-widgets" not in text


def test_every_report_links_back_to_the_index(built):
    _, out, results = built
    for slug, r in results.items():
        if r.error is None:
            assert '<nav class="dlx-nav"><a href="index.html">' in _html(out, slug)


def test_every_report_has_a_table_of_contents_whose_links_land(built):
    _, out, results = built
    for slug, r in results.items():
        if r.error is None:
            page = _html(out, slug)
            targets = re.findall(r'<nav class="dlx-contents">.*?</nav>', page, re.S)[0]
            anchors = re.findall(r'href="#([^"]+)"', targets)
            assert len(anchors) == len(reports.Scope.SECTIONS)
            for a in anchors:
                assert f'id="{a}"' in page, (slug, a)


def test_no_code_cells_in_reports(built):
    _, out, _ = built
    page = _html(out, "actor-cjng")
    assert "check_parameters" not in page and "import dialoguelib" not in page


def test_index_lists_reports_with_counts_and_failures(built):
    ds, out, _ = built
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="area-extraditions.html">Increase Cooperation on Extraditions</a></td><td>2</td><td>1</td>' in index
    assert "A goal that does not exist" in index and "failed:" in index
    # the stylesheet reaches both pages as CSS, not HTML-escaped text
    for page in (index, _html(out, "goal-pursue")):
        style = page[page.index(".dlx-table {") - 400 : page.index(".dlx-table {") + 400]
        assert '"Segoe UI"' in page and "&#34;" not in style and "&quot;" not in style


def test_one_failing_report_does_not_stop_the_others_and_leaves_nothing_behind(built):
    _, out, results = built
    assert "unknown goal 'nope'" in results["goal-nope"].error
    assert not (out / "goal-nope.html").exists() and not (out / "notebooks" / "goal-nope.ipynb").exists()
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(".*.ipynb"))


def test_cli_builds_and_rebuilds_cleanly(tmp_path, capsys):
    args = ["report", "--area", "extraditions", "--out", str(tmp_path), "--quiet", "--jobs", "1"]
    assert cli.main(args) == 0
    first = (tmp_path / "area-extraditions.html").read_text(encoding="utf-8")
    assert cli.main(args) == 0
    assert (tmp_path / "area-extraditions.html").read_text(encoding="utf-8").count("dlx-commitment") == first.count(
        "dlx-commitment"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "area-extraditions.html",
        "datatables.css",
        "datatables.js",
        "index.html",
        "notebooks",
        "plotly.min.js",
        "source-fact-sheet-2021-10-08.html",
        "source-joint-statement-2021-10-08.html",
    ]
    assert "1 of 1 report(s) built" in capsys.readouterr().out
    # each reader page names the document's source address (both 2021 documents have one)
    for doc in dialoguelib.load().documents.itertuples():
        page = (tmp_path / f"source-{doc.document_id}.html").read_text(encoding="utf-8")
        assert doc.source_url.startswith("https://") and f'href="{html.escape(doc.source_url)}"' in page, doc.code


def test_cli_exits_non_zero_when_a_report_fails(tmp_path, monkeypatch, capsys):
    real = reports.plan

    def with_a_bad_job(ds, **kw):
        jobs = real(ds, **kw)
        return jobs + [reports.ReportJob("actor", "ghost", "Ghost", jobs[0].counts, {"actor": "ghost", "document": []})]

    monkeypatch.setattr(reports, "plan", with_a_bad_job)
    assert cli.main(["report", "--goal", "protect", "--out", str(tmp_path), "--quiet", "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "1 of 2 report(s) built" in out and "failed: actor-ghost" in out


@pytest.mark.parametrize(
    "flag,value,expected",
    [
        ("--goal", "protekt", "unknown goal 'protekt'. Did you mean: 'Protect our people [protect]'"),
        ("--area", "extradition", "Increase Cooperation on Extraditions [extraditions]"),
        ("--actor", "SAMSHA", "(SAMHSA) [samhsa]"),
    ],
)
def test_unknown_scope_is_rejected_before_any_kernel_starts(tmp_path, capsys, flag, value, expected):
    out = tmp_path / "r"
    assert cli.main(["report", flag, value, "--out", str(out)]) == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_unwritable_output_dir_gets_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert cli.main(["report", "--goal", "protect", "--out", str(blocker / "reports")]) == 2
    err = capsys.readouterr().err
    assert "cannot write reports to" in err and "--out" in err


def test_data_text_is_escaped_in_reports(data_copy, tmp_path, monkeypatch):
    raw = "We pledge to <script>document.title='pwned'</script> cooperate & share.\n"
    (data_copy / "raw" / "test.txt").write_text(raw, encoding="utf-8")
    docs = read_table(data_copy, "documents")
    docs.loc[len(docs)] = [
        "test-doc",
        "TEST",
        "A <b>test</b> statement",
        "2022-01-01",
        "statement",
        "Nobody",
        "",
        "raw/test.txt",
        hashlib.sha256(raw.encode()).hexdigest(),
        "en",
        "",
        "",
        "",
    ]
    write_table(data_copy, "documents", docs)
    com = read_table(data_copy, "commitments")
    quote = raw.strip()
    com.loc[len(com)] = {
        **{c: "" for c in com.columns},
        "commitment_id": "TEST-01",
        "document_id": "test-doc",
        "start": "0",
        "end": str(len(quote)),
        "quote": quote,
        "goal_id": "cross-cutting",
        "kind": "principle",
        "modality": "pledge",
        "party": "both",
        "tags": "cooperation",
    }
    write_table(data_copy, "commitments", com)
    links = read_table(data_copy, "commitment_actors")
    links.loc[len(links)] = ["TEST-01", "mexico", "lead"]
    write_table(data_copy, "commitment_actors", links)
    monkeypatch.setenv("DIALOGUELIB_DATA", str(data_copy))
    assert cli.main(["report", "--document", "TEST", "--out", str(tmp_path), "--quiet", "--jobs", "1"]) == 0
    page = (tmp_path / "framework.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=" in page
    assert "<script>document.title" not in page
    assert "A &lt;b&gt;test&lt;/b&gt; statement" in page


@pytest.mark.browser
def test_report_opens_offline_with_live_charts_and_no_console_errors(built, tmp_path):
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser

    sync_api = _require_browser()
    _, out, _ = built
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
        blocked = []
        context.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else (blocked.append(r.request.url), r.abort())
        )
        page = context.new_page()
        console = []
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        page.goto((out / "goal-pursue.html").as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20_000)
        plots = page.locator(".js-plotly-plot")
        assert plots.count() == 5  # the three charts, and the two of "How concrete"
        for i in range(5):
            assert plots.nth(i).locator(".main-svg").count() >= 1
        assert page.locator(".js-plotly-plot .gtitle").first.text_content().startswith("Pursue criminal networks")
        box = plots.nth(0).locator(".bars path").first.bounding_box()  # charts stay interactive: hover shows a label
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
        assert page.eval_on_selector("table.dlx-table td", "e => getComputedStyle(e).textAlign") == "left"
        assert page.locator(".dlx-missing-plotly").count() == 0
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        # the same page sent alone, without plotly.min.js beside it, says so where each chart would be
        alone = tmp_path / "alone"
        alone.mkdir()
        (alone / "goal-pursue.html").write_bytes((out / "goal-pursue.html").read_bytes())
        page = context.new_page()
        page.goto((alone / "goal-pursue.html").as_uri())
        notes = page.locator(".dlx-missing-plotly")
        notes.first.wait_for(timeout=10_000)
        assert (
            notes.count() == 5
            and "plotly.min.js" in notes.first.text_content()
            and "comes with the set of reports" in notes.first.text_content()
            and "--self-contained" not in notes.first.text_content()  # words for a reader, not a developer
        )
        # and the charts' empty boxes are gone: no blank space where a chart would be
        assert page.evaluate("() => [...document.querySelectorAll('div[id^=\"dlx-figure-\"]')].every(d => d.offsetHeight === 0)")
        browser.close()
    assert blocked == [] and [c for c in console if c.startswith(("error", "pageerror"))] == []


def test_a_kernel_start_failure_is_retried_once():
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        return "done"

    assert batch.with_retry(flaky) == ("done", 2) and len(calls) == 2


def test_other_failures_are_not_retried():
    calls = []

    def broken():
        calls.append(1)
        raise ValueError("a cell failed")

    with pytest.raises(ValueError, match="a cell failed"):
        batch.with_retry(broken)
    assert len(calls) == 1


# ---------------------------------------------------------------- batches that stop when asked
def _descendants(pid: int) -> set[int]:
    from dialoguelib.runs.batch import _children

    found, todo = set(), [pid]
    while todo:
        for child in _children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pids) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _cmdline(pid: int) -> bytes:
    """A process's command line; empty when it has ended since it was listed (a helper that came and went)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return b""


def _start_batch(out: Path):
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "dialoguelib"), "report", "--all", "--jobs", "2", "--out", str(out), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    # A report page means the pool's workers are up; the reader pages (source-*.html) are written before they start.
    while not [p for p in out.glob("*.html") if p.name != "index.html" and not p.name.startswith("source-")]:
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.2)
    kernels = [p for p in _descendants(proc.pid) if b"ipykernel" in _cmdline(p)]
    return proc, _descendants(proc.pid), kernels


def _wait_gone(pids, seconds=60.0) -> set[int]:
    """The processes of ``pids`` still running after at most ``seconds`` (a bound against a hang, not a speed
    claim: the batch kills its workers ``grace`` seconds after asking them to stop)."""
    import time

    deadline = time.monotonic() + seconds
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return _alive(pids)


def _temporary_files(out: Path) -> list[str]:
    return [p.name for p in out.rglob(".*")]


@pytest.mark.parametrize("signum,status", [(2, 130), (15, 143)])
def test_a_batch_stops_when_asked(tmp_path, signum, status):
    import signal

    proc, family, kernels = _start_batch(tmp_path)
    assert family and kernels is not None
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=120)  # against a hang; how soon it stops is the batch's `grace`, not timed here
    assert proc.returncode == status, err
    assert "Traceback" not in err and f"interrupted by {signal.Signals(signum).name}" in err
    assert _wait_gone(family) == set(), "workers or kernels left running"
    assert _temporary_files(tmp_path) == []
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    built = [p.stem for p in tmp_path.glob("*.html") if p.name != "index.html"]
    assert built and all(f'href="{slug}.html"' in index for slug in built)
    assert "not built: the batch was interrupted" in index


def test_workers_and_kernels_end_when_the_batch_is_killed(tmp_path):
    proc, family, kernels = _start_batch(tmp_path)
    proc.kill()
    proc.communicate(timeout=120)
    assert _wait_gone(family) == set(), "workers or kernels outlived a killed parent"
    assert _temporary_files(tmp_path) == []


def test_jobs_are_capped_at_the_number_of_reports_with_a_warning(tmp_path, capsys, monkeypatch):
    seen = {}

    def fake_build(ds, jobs, out, workers=None, **kw):
        seen["workers"] = workers
        return [reports.ReportResult(j.slug, None) for j in jobs]

    monkeypatch.setattr(reports, "build", fake_build)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert (
        cli.main(
            [
                "report",
                "--goal",
                "protect",
                "--goal",
                "prevent",
                "--goal",
                "pursue",
                "--jobs",
                "999",
                "--out",
                str(tmp_path),
                "--quiet",
            ]
        )
        == 0
    )
    assert seen["workers"] == 3
    assert "warning: 3 workers on 2 cores" in capsys.readouterr().err


@pytest.mark.browser
def test_the_framework_report_prints_to_pdf_with_whole_charts(tmp_path, capsys):
    import shutil
    import subprocess

    from test_browser import _require_browser

    _require_browser()
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext not found; .ci/run installs Debian's poppler-utils package")
        pytest.skip("pdftotext (poppler-utils) is not installed (apt-get install poppler-utils)")
    assert cli.main(["report", "--framework", "--out", str(tmp_path), "--pdf", "--quiet"]) == 0
    out = capsys.readouterr().out
    pdf = tmp_path / "framework.pdf"
    assert f"Wrote {pdf} (" in out and pdf.read_bytes().startswith(b"%PDF")
    from dialoguelib.reports.pdf import page_count

    pages = page_count(pdf.read_bytes())
    assert 8 <= pages <= 60, pages
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = text.split()
    # every chart's axis titles whole: the count axes ("Commitments"), the modality axis, the sunburst's goal names
    assert words.count("Commitments") >= 3 and "nmitments" not in [
        w for w in words if w != "Commitments" and w.endswith("nmitments")
    ]
    assert "Modality" in words and "Protect our people" in text and "Cross-cutting" in text
    assert "dlx-missing-plotly" not in text and "This chart needs" not in text
    assert "<https://www.whitehouse.gov/" in text.replace("\n", "")  # links printed as addresses


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_no_page_scrolls_sideways_on_a_phone_or_a_laptop(built, width):
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser

    sync_api = _require_browser()
    _, out, results = built
    pages = ["index"] + [slug for slug, r in results.items() if r.error is None] + [p.stem for p in out.glob("source-*.html")]
    assert len(pages) >= 6  # the index, three reports and a reader page per document
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(offline=True, viewport={"width": width, "height": 900}).new_page()
        for slug in pages:
            page.goto((out / f"{slug}.html").as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, slug
        browser.close()
