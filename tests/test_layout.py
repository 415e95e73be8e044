"""Every page of the report set as a reader sees it: on a phone (390 px), on a laptop (1366 px) and on paper
(the framework report's PDF), measured in Chromium element by element (tests/layout_audit.js): no chart
text outside its figure or on top of another, no legend over a plot, no table cell overflowing, no page
scrolling sideways, no link in the PDF to a file of the machine that printed it, no near-empty PDF page.
The audit is also shown to reach what it must measure: every report's "How concrete" section (its two charts'
titles, tick labels and legends, its tables' cells, the badges in the commitments table) and the index's chart of
how concrete each goal is."""

import io
from pathlib import Path

import pytest

from dialoguelib import cli

pytestmark = [pytest.mark.notebooks, pytest.mark.browser]

AUDIT = Path(__file__).with_name("layout_audit.js").read_text(encoding="utf-8")
# what the audit measures on a page, counted with its own selectors (visible elements only): the chart texts of
# each drawn chart (by its div's id, and by title), the cells of the "How concrete" tables and the badge cells
REACHED = """() => {
  const visible = e => e.offsetParent !== null;
  const TEXT = ".gtitle, .gtitle-subtitle, .g-xtitle text, .g-ytitle text, .xtick text, .ytick text, .legendtext";
  const plots = {}, titles = {};
  document.querySelectorAll(".js-plotly-plot").forEach(p => {
    if (!visible(p)) { return; }
    const n = [...p.querySelectorAll(TEXT)].filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0).length;
    plots[p.id] = n;
    titles[(p.querySelector(".gtitle") || {}).textContent || ""] = n;
  });
  const cells = sel => [...document.querySelectorAll(sel)].filter(visible).length;
  return {
    section: !!document.getElementById("How-concrete"),
    plots, titles,
    profile: cells(".dlx-profile-table td, .dlx-profile-table th"),
    overdue: cells(".dlx-overdue-table td, .dlx-overdue-table th"),
    badges: cells("td .dlx-criteria"),
    cards: cells(".dlx-commitment .dlx-criteria"),
  };
}"""


@pytest.fixture(scope="module")
def report_set(tmp_path_factory):
    out = tmp_path_factory.mktemp("report-set")
    assert cli.main(["report", "--all", "--out", str(out), "--quiet"]) == 0
    return out


def _pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html"))


def _browser():
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser

    return _require_browser(), CHROMIUM, CHROMIUM_ARGS


def _audit(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    # every chart drawn, and laid out for this width (the page's script applies the layout after drawing)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg') && p.dlxClass)",
        timeout=60_000,
    )
    page.wait_for_timeout(300)  # Plotly.update's redraw is asynchronous
    return page.evaluate(AUDIT)


def _assert_how_concrete_measured(name: str, html: str, reached: dict, paper: bool = False) -> None:
    """A report page's "How concrete" section is among what the audit measured: both charts drawn with their
    texts, the criteria table's 18 cells, the overdue table's cells when the page has one, the badge cells (on
    paper the commitments print as cards, each with its badge line, not as the interactive table)."""
    assert reached["section"], name
    for div in ("dlx-figure-concrete-1", "dlx-figure-concrete-2"):
        assert reached["plots"].get(div, 0) >= 4, (name, div, reached["plots"])  # a title, tick labels, a legend
    assert reached["profile"] == 18, (name, reached)  # 3 columns x (a header and 5 criteria)
    if "dlx-overdue-table" in html:
        assert reached["overdue"] >= 10, (name, reached)  # a header and at least one overdue commitment
    assert reached["cards" if paper else "badges"] > 0, (name, reached)


@pytest.mark.parametrize("width", [390, 1366])
def test_every_page_of_the_report_set_is_laid_out_for_the_screen(report_set, width):
    sync_api, chromium, args = _browser()
    pages = _pages(report_set)
    assert len(pages) == 41  # 38 reports, the index and a reader page per document
    faults, reached = {}, {}
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=args)
        context = browser.new_context(offline=True, viewport={"width": width, "height": 900}, has_touch=width < 600)
        page = context.new_page()
        for path in pages:
            found = _audit(page, path.as_uri())
            if found:
                faults[path.name] = found
            reached[path.name] = page.evaluate(REACHED)
        browser.close()
    assert faults == {}
    reports = [p for p in pages if p.name != "index.html" and not p.name.startswith("source-")]
    assert len(reports) == 38
    for path in reports:
        _assert_how_concrete_measured(path.name, path.read_text(encoding="utf-8"), reached[path.name])
    assert sum(reached[p.name]["overdue"] > 0 for p in reports) >= 1  # the overdue table measured somewhere
    index = reached["index.html"]["titles"]
    assert [n for title, n in index.items() if title.startswith("How concrete each goal is") and n >= 4], index


def test_the_framework_report_prints_to_pdf_laid_out_for_paper(report_set):
    from pypdf import PdfReader

    from dialoguelib.reports.pdf import print_pdfs

    sync_api, chromium, args = _browser()
    page_path = report_set / "framework.html"
    # the charts as they print: A4 less its margins (680 px), print styles on
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=args)
        page = browser.new_context(offline=True, viewport={"width": 680, "height": 1000}).new_page()
        page.goto(page_path.as_uri())
        page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')].every(p => p.dlxClass)", timeout=60_000)
        page.emulate_media(media="print")
        page.evaluate("window.dlxPrintLayout()")
        page.wait_for_timeout(500)
        assert page.evaluate(AUDIT) == []
        assert page.evaluate("[...document.querySelectorAll('.js-plotly-plot')].every(p => p.dlxClass === 'print')")
        _assert_how_concrete_measured(
            "framework.html (print)", page_path.read_text(encoding="utf-8"), page.evaluate(REACHED), paper=True
        )
        browser.close()
    [(pdf, n)] = print_pdfs([page_path])
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert n == len(reader.pages) > 3
    links = [
        str(a.get_object()["/A"].get_object().get("/URI", ""))
        for p in reader.pages
        for a in p.get("/Annots") or []
        if a.get_object().get("/A") is not None
    ]
    assert links and not [u for u in links if u.startswith("file:")]
    assert any(u.startswith("source-") for u in links) and all(u.startswith(("source-", "http", "index")) for u in links)
    texts = [len(p.extract_text().strip()) for p in reader.pages]
    assert [i for i, k in enumerate(texts[:-1]) if k < 200] == [], texts  # no near-empty page before the last
