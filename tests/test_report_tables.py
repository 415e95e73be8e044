"""Reports for readers: the interactive commitments table (itables) and the reader page per document.

The table is searched, filtered and exported in real Chromium, and its CSV download is compared
with the library's own selection; a commitment's link is followed to its place in the source.
"""

import csv
import html
import re

import pytest

import dialoguelib
from dialoguelib import reports
from dialoguelib.render.datatable import commitments_datatable, datatables_script, source_href, source_page


@pytest.fixture(scope="module")
def ds():
    return dialoguelib.load()


def test_the_bundle_becomes_a_classic_script_that_hands_itables_its_module(ds):
    import itables
    from itables.javascript import _itables_underscore_version

    js = datatables_script()
    assert not re.search(r"export\s*\{", js)  # a classic script: no module syntax left
    assert js.startswith('(function () { "use strict";') and js.rstrip().endswith("})();")
    assignment = re.search(rf"window\.{_itables_underscore_version()}=Promise\.resolve\(\{{([^}}]*)\}}\);", js)
    assert assignment and "'ITable':" in assignment.group(1) and "'jQuery':" in assignment.group(1)
    assert f'new Event("itables-{itables.__version__}-ready")' in js


def test_the_table_escapes_every_value_and_links_only_when_asked(ds):
    sel = ds.by_goal("pursue")
    plain = commitments_datatable(sel)
    linked = commitments_datatable(sel, source_links=True, filename="goal-pursue")
    assert "source-" not in plain
    for cid, doc in zip(sel.tidy.commitment_id, sel.tidy.document_id):
        assert html.escape(source_href(doc, cid)) in linked.replace("\\u00b6", "¶")
    assert '"filename": "goal-pursue"' in linked and "csvHtml5" in linked and "excelHtml5" in linked
    assert len(re.findall(r"Read it in the source", linked)) == len(sel)
    assert (
        commitments_datatable(ds.by_goal("pursue").search("zzzz nothing")) == "<p><i>No commitments match this selection.</i></p>"
    )


def test_hostile_text_stays_text_in_the_table(ds):
    class Hostile:  # a selection whose text tries to run script
        tidy = ds.by_actor("DEA").tidy.assign(
            quote='<img src=x onerror="alert(1)"> pledge', document_code="<b>X</b>", actors=[["<script>alert(2)</script>"]]
        )

        def __len__(self):
            return len(self.tidy)

        def specificity(self):  # the words that decided a criterion come from the data too
            return ds.by_actor("DEA").specificity().assign(who_words="<script>alert(3)</script>")

    out = commitments_datatable(Hostile())
    assert "<img" not in out and "<script>alert(2)" not in out and "<b>X" not in out and "<script>alert(3)" not in out
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out and "&lt;script&gt;alert(2)&lt;/script&gt;" in out
    assert "Who acts: &lt;script&gt;alert(3)&lt;/script&gt;" in out  # in the badge's tooltip, escaped once


@pytest.fixture(scope="module")
def built(tmp_path_factory, ds):
    out = tmp_path_factory.mktemp("reader-reports")
    jobs = reports.plan(ds, goals=["pursue"], framework=True)
    results = reports.build(ds, jobs, out, workers=1)
    assert [r.error for r in results] == [None] * len(results)
    return out


@pytest.mark.notebooks
def test_every_commitment_links_to_its_anchored_place_in_a_reader_page(built, ds):
    page = (built / "goal-pursue.html").read_text(encoding="utf-8")
    sel = ds.by_goal("pursue")
    links = set(re.findall(r'href="(source-[^"#]+\.html)#c-([^"]+)"', page))
    assert {(source_page(d), c) for d, c in zip(sel.tidy.document_id, sel.tidy.commitment_id)} <= links
    for file, cid in links:
        reader = (built / file).read_text(encoding="utf-8")
        assert f'<mark id="c-{cid}" data-id="{cid}"' in reader, (file, cid)
    assert page.count('class="dlx-source-link"') == len(sel)  # every card, too
    assert '<table id="dlx-commitments"' in page and 'src="datatables.js"' in page


@pytest.mark.notebooks
def test_each_reader_page_anchors_all_its_commitments_and_links_home(built, ds):
    index = (built / "index.html").read_text(encoding="utf-8")
    for doc in ds.documents.itertuples(index=False):
        reader = (built / source_page(doc.document_id)).read_text(encoding="utf-8")
        anchored = re.findall(r'<mark id="c-([^"]+)"', reader)
        assert sorted(anchored) == sorted(ds.commitments.loc[ds.commitments.document_id == doc.document_id, "commitment_id"])
        assert '<nav class="dlx-nav"><a href="index.html">' in reader
        if isinstance(doc.source_url, str) and doc.source_url:  # the source address, where there is one, is a link
            assert f'<a href="{html.escape(doc.source_url)}" rel="noopener noreferrer">' in reader
        assert doc.sha256 in reader and f"<h1>{html.escape(doc.title)}</h1>" in reader
        assert f'<a href="{source_page(doc.document_id)}">' in index


def _browser():
    from test_browser import _require_browser

    return _require_browser()


def _csv_rows(download):
    with open(download.path(), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


@pytest.mark.notebooks
@pytest.mark.browser
def test_table_search_filter_and_csv_export_equal_the_librarys_selection(built, ds, tmp_path):
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    sync_api = _browser()
    sel = ds.by_goal("pursue")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(offline=True, accept_downloads=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((built / "goal-pursue.html").as_uri())
        table = page.locator(".dt-container").first
        table.wait_for(timeout=20_000)
        assert f"of {len(sel)} entries" in table.locator(".dt-info").inner_text()
        with page.expect_download() as download:
            table.locator("button.buttons-csv").click()
        rows = _csv_rows(download.value)
        assert download.value.suggested_filename == f"goal-pursue-data-{ds.release.version}.csv"  # the data's release in its name
        assert open(download.value.path(), "rb").read(3) == b"\xef\xbb\xbf"  # a BOM: Excel reads it as UTF-8
        assert [r["id"] for r in rows] == list(sel.tidy.commitment_id)  # every row, not one page
        assert rows[0]["quote"] == " ".join(sel.tidy.quote.iloc[0].split())  # text, without the markup around it
        # a column filter narrows the rows the way the library's own filter does
        area = ds.name("area", "extraditions")
        area_filter = table.locator("tfoot input[placeholder=area]")  # (a goal report shows no goal column)
        area_filter.fill(area)
        area_filter.press("Enter")  # the column filters listen to keyup and change
        expected = sel.by_area("extraditions")
        page.wait_for_function(f"() => document.querySelector('.dt-info').innerText.includes('of {len(expected)} entries')")
        with page.expect_download() as download:
            table.locator("button.buttons-csv").click()
        assert [r["id"] for r in _csv_rows(download.value)] == list(expected.tidy.commitment_id)
        # the table's search box answers as the library's search does: whole words of the quote, matches marked
        area_filter.fill("")
        area_filter.press("Enter")
        table.locator("input[type=search]").fill("Illicit")
        want = sel.search("Illicit")
        page.wait_for_function(f"() => document.querySelector('.dt-info').innerText.includes('of {len(want)} entr')")
        assert table.locator("mark.dlx-hit").count() >= len(want) > 0
        page.screenshot(path=str(tmp_path / "table.png"))
        browser.close()
    assert errors == []


@pytest.mark.notebooks
@pytest.mark.browser
def test_the_how_concrete_badges_are_searchable_and_exported(built, ds, tmp_path):
    """The framework report's table: the "how concrete" column's filter keeps the commitments meeting a criterion
    (as ds.filter(meets=...)) and the CSV download holds the badges as text."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    sync_api = _browser()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(offline=True, accept_downloads=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto((built / "framework.html").as_uri())
        table = page.locator(".dt-container").first
        table.wait_for(timeout=30_000)
        box = table.locator('tfoot input[placeholder="how concrete"]')
        for label, criteria in (("Verifiable output", ["output"]), ("Who acts", ["who"]), ("Measurable target", ["target"])):
            box.fill(label)
            box.press("Enter")
            want = ds.filter(meets=criteria)
            page.wait_for_function(f"() => document.querySelector('.dt-info').innerText.includes('of {len(want)} entr')")
            with page.expect_download() as download:
                table.locator("button.buttons-csv").click()
            rows = _csv_rows(download.value)
            assert [r["id"] for r in rows] == list(want.tidy.commitment_id), label
            assert all(label in r["how concrete"] for r in rows)
        browser.close()
    assert {r["id"]: r["how concrete"] for r in rows}["JS-43"] == "Instrument; Measurable target; Verifiable output"


@pytest.mark.notebooks
@pytest.mark.browser
def test_a_commitment_link_lands_on_its_highlighted_place_in_the_source(built, ds):
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    sync_api = _browser()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(offline=True, viewport={"width": 1280, "height": 900}).new_page()
        page.goto((built / "goal-pursue.html").as_uri())
        page.locator('.dlx-commitment[data-id="JS-47"] a.dlx-source-link').click()
        page.wait_for_load_state("load")
        assert page.url.endswith(source_href("joint-statement-2021-10-08", "JS-47"))
        mark = page.locator("mark#c-JS-47")
        assert mark.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # :target, outlined
        box = mark.bounding_box()
        assert box is not None and 0 <= box["y"] <= 900  # scrolled into view
        quote = ds.commitments.set_index("commitment_id").loc["JS-47", "quote"]
        assert " ".join(mark.inner_text().split()).startswith(" ".join(quote.split())[:40])
        page.locator("nav.dlx-nav a").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/index.html")
        browser.close()


@pytest.mark.notebooks
@pytest.mark.browser
def test_a_report_sent_alone_says_its_table_needs_datatables_js(built, tmp_path):
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    sync_api = _browser()
    (tmp_path / "goal-pursue.html").write_bytes((built / "goal-pursue.html").read_bytes())
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(offline=True).new_page()
        page.goto((tmp_path / "goal-pursue.html").as_uri())
        note = page.locator(".dlx-missing-datatables")
        note.wait_for(timeout=10_000)
        assert "datatables.js" in note.inner_text() and "comes with the set of reports" in note.inner_text()
        assert page.locator(".dlx-commitment").count() == len(dialoguelib.load().by_goal("pursue"))  # the cards remain
        browser.close()


@pytest.mark.notebooks
@pytest.mark.browser
def test_a_self_contained_report_has_a_live_table_and_charts_with_nothing_beside_it(tmp_path, capsys):
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    from dialoguelib import cli

    sync_api = _browser()
    assert cli.main(["report", "--actor", "DEA", "--out", str(tmp_path / "set"), "--self-contained", "--quiet"]) == 0
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "actor-dea.html").write_bytes((tmp_path / "set" / "actor-dea.html").read_bytes())
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(offline=True).new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((alone / "actor-dea.html").as_uri())
        page.locator(".dt-container table.dataTable").first.wait_for(timeout=20_000)
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=20_000)
        assert page.locator(".dlx-missing-datatables, .dlx-missing-plotly").count() == 0
        browser.close()
    assert errors == []


def test_a_reader_page_names_its_source_and_links_only_a_real_address(ds):
    from dialoguelib.reports.pages import source_page_html

    fact_sheet = source_page_html(ds, "fact-sheet-2021-10-08", "2026-12-03")
    subtitle = re.search(r'<p class="dlx-subtitle"><i>(.*?)</i></p>', fact_sheet).group(1)
    assert subtitle == "08 October 2021 · The White House (text as archived by The American Presidency Project) · in English"
    assert '(source: <a href="https://www.presidency.ucsb.edu/' in fact_sheet  # the archive its text was taken from
    statement = source_page_html(ds, "joint-statement-2021-10-08", "2026-12-03")
    assert '(source: <a href="https://www.whitehouse.gov/' in statement


def test_report_set_takes_only_true_or_false(ds):
    from dialoguelib.errors import DialogueError
    from dialoguelib.runs.notebooks import check_parameters

    assert check_parameters(ds, report_set=True).report_set is True
    with pytest.raises(DialogueError, match="parameter report_set: expected True or False, got 'yes'"):
        check_parameters(ds, report_set="yes")


# ------------------------------------------------------------------ one search, every surface
# Words, words inside other words, phrases, case, accents, curly quotes, plurals, acronyms, numbers,
# Spanish and words no quote holds: each surface must answer with the ids ds.search gives.
SEARCHES = [
    "arms",
    "harms",
    "firearms",
    "ARMS",
    "Arms trafficking",
    '"arms trafficking"',
    '"working group"',
    "working group",
    '"law enforcement"',
    "México",
    "mexico",
    "Mexico’s",
    "precursor",
    "precursors",
    "TCOs",
    "fentanyl",
    "ballistics labs",
    "drug",
    "drugs",
    "seguridad",
    "salud pública",
    "2021",
    "OFAC",
    "extradition",
    "human smuggling",
    '"human smuggling" trafficking',
    "zzz",
]


def _ids(html_cells) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in html_cells]


@pytest.mark.notebooks
@pytest.mark.browser
def test_every_surface_answers_a_search_with_the_ids_of_ds_search(built, ds, tmp_path):
    """The report table, the explorers (and the dashboard, which shows them), and the SQLite export's
    full-text index find exactly what ds.search finds, for each of the queries above."""
    import sqlite3

    from test_browser import CHROMIUM, CHROMIUM_ARGS

    from dialoguelib import widgets
    from dialoguelib.query.search import fts_query

    want = {q: sorted(ds.search(q).tidy.commitment_id) for q in SEARCHES}
    assert sum(1 for ids in want.values() if ids) >= 15 and any(not ids for ids in want.values())
    # the SQLite export's full-text index
    db = tmp_path / "data.db"
    ds.export("sqlite", db)
    con = sqlite3.connect(db)
    sql = "SELECT c.commitment_id FROM commitments_fts f JOIN commitments c ON c.rowid = f.rowid WHERE commitments_fts MATCH ?"
    for q in SEARCHES:
        assert sorted(r[0] for r in con.execute(sql, (fts_query(q),))) == want[q], q
    con.close()
    # the explorers, as the notebooks and the dashboard show them
    overview = widgets.overview_explorer(ds)
    tabs = widgets.dashboard(ds)
    tabs.selected_index = 0
    for q in SEARCHES:
        overview.set(text=q)
        assert sorted(overview.selection.tidy.commitment_id) == want[q], q
        dash = next(iter(tabs.explorers.values()))
        dash.set(text=q)
        assert sorted(dash.selection.tidy.commitment_id) == want[q], q
    # the report's own table, in a browser
    sync_api = _browser()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(offline=True, viewport={"width": 1280, "height": 900}).new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((built / "framework.html").as_uri())
        box = page.locator(".dt-container input[type=search]").first
        box.wait_for(timeout=30_000)
        for q in SEARCHES:
            box.fill(q)
            cells = page.evaluate(
                "() => $('table.dlx-datatable').DataTable().rows({search: 'applied'}).data().toArray().map(r => r[0])"
            )
            assert sorted(_ids(cells)) == want[q], q
            if want[q]:  # the matches are marked in the quotes shown
                page.locator("table.dlx-datatable mark.dlx-hit").first.wait_for(timeout=10_000)
        browser.close()
    assert errors == []


def test_the_csv_and_excel_buttons_write_a_formula_like_cell_as_text():
    """The reports' table export (DataTables' CSV and Excel buttons) puts an apostrophe before a cell that a
    spreadsheet would run (=, +, -, @, a tab or carriage return first), as the CSV zip does; other cells as shown."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    from dialoguelib.render.datatable import _EXPORT_CELL

    sync_api = _browser()
    cells = {
        '=HYPERLINK("http://evil.example","click")': '\'=HYPERLINK("http://evil.example","click")',
        "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
        "-2+3": "'-2+3",
        "@SUM(A1:A2)": "'@SUM(A1:A2)",
        "<b>=1+1</b>": "'=1+1",  # the tags a cell is drawn with are dropped first
        "&#61;1+1": "'=1+1",  # and its entities decoded
        "Arms trafficking (=ATF)": "Arms trafficking (=ATF)",
        "JS-46": "JS-46",
    }
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(offline=True).new_page()
        out = page.evaluate(f"(cells) => cells.map({_EXPORT_CELL})", list(cells))
        browser.close()
    assert dict(zip(cells, out)) == cells
