"""A data folder whose every free-text field carries markup: reports and notebook outputs show it as
text (escaped, never rendered as Markdown), links go only to http(s) addresses, and reports are built
from that folder, not from the shipped data."""

import hashlib
import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import dialoguelib
from conftest import read_table, write_table
from dialoguelib import cli
from dialoguelib.charts import PLOTLY_MIME
from dialoguelib.runs import notebooks

pytestmark = pytest.mark.notebooks

PAYLOAD = (
    "<script>alert('x')</script><img src=x onerror=alert(2)>[click](javascript:alert(3)) **bold**"
    ' <a href="https://evil.example/">link</a><span style="color:red">red</span>'  # what plotly draws in chart text
)
PLOTLY_TAGS = re.compile(r"</?(a|span|b|i|em|sup|sub|br|s|u)\b[^>]*>", re.IGNORECASE)
OWN_MARKUP = {"<br>", "<b>", "</b>", "<i>", "</i>"}  # the charts' own line breaks, bold and italics
BEFORE = "We pledge, in the text itself: "
RAW = f"Hostile statement\n\n{BEFORE}{PAYLOAD} and more.\n"


def _hostile(folder: Path) -> None:
    """Put PAYLOAD in every free-text field of every table (verbatim quotes through a raw text that holds it)."""
    (folder / "raw" / "hostile.txt").write_text(RAW, encoding="utf-8")
    start = RAW.index(BEFORE)
    end = start + len(BEFORE) + len(PAYLOAD)
    docs = read_table(folder, "documents")
    docs.loc[len(docs)] = [
        "hostile-doc",
        "HX",
        f"Title {PAYLOAD}",
        "2022-01-01",
        "statement",
        f"Publisher {PAYLOAD}",
        "javascript:alert(4)",
        "raw/hostile.txt",
        hashlib.sha256(RAW.encode()).hexdigest(),
        "en",
        "",
        "",
        "",
    ]
    write_table(folder, "documents", docs)
    goals = read_table(folder, "goals")
    goals.loc[0, ["name", "description", "document_id", "start", "end"]] = [
        f"Protect {PAYLOAD}",
        RAW[start:end],
        "hostile-doc",
        str(start),
        str(end),
    ]
    write_table(folder, "goals", goals)
    areas = read_table(folder, "areas")
    areas.loc[0, ["name", "description", "document_id", "start", "end"]] = [
        f"Health {PAYLOAD}",
        RAW[start:end],
        "hostile-doc",
        str(start),
        str(end),
    ]
    write_table(folder, "areas", areas)
    actors = read_table(folder, "actors")
    actors.loc[len(actors)] = ["hostile-actor", f"Actor {PAYLOAD}", "<i>HA</i>", "[a](javascript:alert(5))", "agency", "MX"]
    write_table(folder, "actors", actors)
    com = read_table(folder, "commitments")
    com.loc[len(com)] = {
        **{c: "" for c in com.columns},
        "commitment_id": "HX-01",
        "document_id": "hostile-doc",
        "start": str(start),
        "end": str(end),
        "quote": RAW[start:end],
        "goal_id": "protect",
        "area_id": "public-health",
        "kind": "action",
        "modality": "pledge",
        "party": "both",
        "tags": "cooperation",
        "timing": f"timing {PAYLOAD}",
        "notes": f"note {PAYLOAD}",
    }
    write_table(folder, "commitments", com)
    links = read_table(folder, "commitment_actors")
    links.loc[len(links)] = ["HX-01", "hostile-actor", "lead"]
    links.loc[len(links)] = ["HX-01", "mexico", "lead"]
    write_table(folder, "commitment_actors", links)
    # follow-through: a milestone, a link and two status updates, every free text hostile
    ms = read_table(folder, "milestones")
    ms.loc[0, ["event", "place", "source_title", "notes"]] = [
        f"Event {PAYLOAD}",
        f"Place {PAYLOAD}",
        f"Source {PAYLOAD}",
        f"Notes {PAYLOAD}",
    ]
    ms.loc[0, "source_address"] = "https://example.org/ok"
    write_table(folder, "milestones", ms)
    write_table(
        folder,
        "commitment_links",
        pd.DataFrame([{"later_id": "HX-01", "earlier_id": "JS-35", "relation": "extends", "reason": f"reason {PAYLOAD}"}]),
    )
    su = read_table(folder, "status_updates")
    su.loc[0] = {
        **{c: "" for c in su.columns},
        "update_id": "SU-0001",
        "commitment_id": "JS-35",
        "as_of": "2022-01-01",
        "status": "in_progress",
        "evidence_document": "hostile-doc",
        "evidence_start": str(start),
        "evidence_end": str(end),
        "evidence_quote": RAW[start:end],
        "assessed_by": f"by {PAYLOAD}",
        "recorded": "2022-01-02",
    }
    su.loc[1] = {
        **{c: "" for c in su.columns},
        "update_id": "SU-0002",
        "commitment_id": "JS-36",
        "as_of": "2022-01-01",
        "status": "stalled",
        "evidence_url": "https://example.org/x",
        "evidence_note": f"note {PAYLOAD}",
        "assessed_by": f"by {PAYLOAD}",
        "recorded": "2022-01-02",
    }
    write_table(folder, "status_updates", su)


class _Audit(HTMLParser):
    """Collects what would run or navigate: script bodies, event-handler attributes, link targets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers, self.links, self.scripts, self.tags = [], [], [], []
        self.figures = self.payload_texts = 0  # charts in the page's scripts, and those holding the payload as text
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append((tag, name, value))
            if name.lower() in ("href", "src", "action", "formaction") and value:
                self.links.append((tag, value))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _chart_markup(node) -> list[str]:
    """The markup plotly would draw in a figure's texts (any string of its JSON), the charts' own excepted."""
    if isinstance(node, str):
        return [m.group(0) for m in PLOTLY_TAGS.finditer(node) if m.group(0).lower() not in OWN_MARKUP]
    items = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    return [tag for item in items for tag in _chart_markup(item)]


def _page_figures(script: str):
    """Each figure a page's script draws with ``Plotly.newPlot(id, data, layout, ...)``, its JSON decoded."""
    decoder = json.JSONDecoder()
    for m in re.finditer(r'Plotly\.newPlot\(\s*"[^"]*",\s*', script):
        data, end = decoder.raw_decode(script, m.end())
        layout, _ = decoder.raw_decode(script, re.compile(r",\s*").match(script, end).end())
        yield {"data": data, "layout": layout}


def _audit(page: str) -> _Audit:
    audit = _Audit()
    audit.feed(page)
    assert audit.handlers == [], audit.handlers
    assert not any("evil.example" in target for _, target in audit.links)  # the payload's link is text
    for tag, target in audit.links:
        scheme = re.match(r"\s*([a-zA-Z][\w+.-]*):", target)
        assert scheme is None or scheme.group(1).lower() in ("http", "https"), (tag, target)
    for body in audit.scripts:
        assert not body.strip().startswith("alert("), body[:200]  # the payload's own <script> element
        assert "<script>alert" not in body and "</script><img" not in body
        # a chart's JSON in the page, decoded as plotly reads it ("\\u003ca" is "<a"): no markup from the data
        for figure in _page_figures(body):
            audit.figures += 1
            audit.payload_texts += "&lt;a href=" in json.dumps(figure)
            assert _chart_markup(figure) == [], _chart_markup(figure)[:5]
    assert "img" not in audit.tags or all(src != "x" for tag, src in audit.links if tag == "img")
    return audit


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(dialoguelib.load().data_dir.resolve(), folder)
    _hostile(folder)
    ds = dialoguelib.load(folder)
    assert "hostile-actor" in ds.choices("actor") and len(ds) == 97
    return folder


@pytest.fixture(scope="module")
def reports(hostile, tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile-reports")
    argv = [
        "--data-dir",
        str(hostile),
        "report",
        "--framework",
        "--goal",
        "protect",
        "--area",
        "public-health",
        "--actor",
        "hostile-actor",
        "--out",
        str(out),
        "--quiet",
    ]
    assert cli.main(argv) == 0
    return out


def test_reports_come_from_the_data_folder_they_were_given(reports, hostile):
    ds = dialoguelib.load(hostile)
    page = (reports / "goal-protect.html").read_text(encoding="utf-8")
    index = (reports / "index.html").read_text(encoding="utf-8")
    escaped_name = "Protect &lt;script&gt;alert("
    assert '<h1 class="dlx-title">' + escaped_name in page  # the copy's goal name, not the shipped one
    assert "<title>" + escaped_name in page
    assert escaped_name in index
    assert f"Data version <b>{html.escape(ds.release.label)}</b>" in page and ds.release.label != dialoguelib.load().release.label
    assert "+changes" in ds.release.label  # the copy differs from its recorded release
    # the follow-through section shows the hostile evidence, assessor and note, escaped
    section = page[page.index("What became of it") :]
    assert "note &lt;script&gt;alert(" in section
    assert 'data-status="stalled"' in section and "https://example.org/x" in section
    actor = (reports / "actor-hostile-actor.html").read_text(encoding="utf-8")  # an actor that only the copy has
    assert 'data-id="HX-01"' in actor
    assert dict(re.findall(r'data-name="([^"]+)"[^>]*>(\d+)<', actor))["commitments"] == "1"


@pytest.mark.parametrize("slug", ["framework", "goal-protect", "area-public-health", "actor-hostile-actor", "index"])
def test_no_data_text_runs_or_links_in_reports(reports, slug):
    page = (reports / f"{slug}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page  # the payload is there, as text
    audit = _audit(page)
    assert not any("javascript" in target.lower() for _, target in audit.links)
    if slug != "index":  # every report draws charts, and the framework's names the hostile actor in some
        assert audit.figures >= 3, audit.figures
    if slug in ("framework", "actor-hostile-actor"):
        assert audit.payload_texts > 0  # the payload reached the charts, as text


@pytest.fixture(scope="module")
def executed(hostile, tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile-notebooks")
    nb_dir = notebooks.notebook_dir()
    jobs = [
        ("01-overview.ipynb", {}),
        ("02-by-goal.ipynb", {"goal": "protect"}),
        ("03-by-actor.ipynb", {"actor": "hostile-actor"}),
        ("04-by-area.ipynb", {"area": "public-health"}),
        ("05-source-reader.ipynb", {"document": "HX"}),
        ("08-follow-through.ipynb", {"commitment": "JS-35"}),
    ]
    batch = [
        {"notebook": str(nb_dir / name), "output": str(out / name), "parameters": params, "data_dir": str(hostile)}
        for name, params in jobs
    ]
    results = notebooks.run_batch(batch)
    for r in results:
        assert r["error"] is None, r["error"]
    return [Path(r["output"]) for r in results]


def test_no_data_text_runs_or_links_in_notebook_outputs(executed):
    seen = charts = 0
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                assert "text/markdown" not in data or "javascript" not in data["text/markdown"], path.name
                if PLOTLY_MIME in data:  # a chart: its every text (ticks, legend, hover, sunburst labels) escaped
                    spec = data[PLOTLY_MIME]
                    assert _chart_markup(spec) == [], (path.name, _chart_markup(spec)[:5])
                    charts += "&lt;a href=" in json.dumps(spec)
                for mime in ("text/html",):
                    if mime in data:
                        html = data[mime] if isinstance(data[mime], str) else "".join(data[mime])
                        seen += "&lt;script&gt;alert(" in html
                        _audit(html)
    assert seen >= 5  # every explorer showed the payload somewhere, escaped
    assert charts >= 5  # and in its charts, escaped


@pytest.mark.parametrize("page", [f"<p>{PAYLOAD}</p>", '<a href="javascript:alert(3)">x</a>', "<img src=x onerror=alert(2)>"])
def test_the_audit_catches_markup_that_runs(page):
    with pytest.raises(AssertionError):
        _audit(page)
