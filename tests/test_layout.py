"""Every page of the report set as a reader sees it: on a phone (390 px), on a laptop (1366 px) and on paper
(the framework report's PDF), measured in Chromium element by element (tests/layout_audit.js): no chart
text outside its figure or on top of another, no legend over a plot, no table cell overflowing, no page
scrolling sideways, no link in the PDF to a file of the machine that printed it, no near-empty PDF page."""

import io
from pathlib import Path

import pytest

from dialoguelib import cli

pytestmark = [pytest.mark.notebooks, pytest.mark.browser]

AUDIT = Path(__file__).with_name("layout_audit.js").read_text(encoding="utf-8")


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


@pytest.mark.parametrize("width", [390, 1366])
def test_every_page_of_the_report_set_is_laid_out_for_the_screen(report_set, width):
    sync_api, chromium, args = _browser()
    pages = _pages(report_set)
    assert len(pages) == 41  # 38 reports, the index and a reader page per document
    faults = {}
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=args)
        context = browser.new_context(offline=True, viewport={"width": width, "height": 900}, has_touch=width < 600)
        page = context.new_page()
        for path in pages:
            found = _audit(page, path.as_uri())
            if found:
                faults[path.name] = found
        browser.close()
    assert faults == {}


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
