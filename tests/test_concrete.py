"""How concrete, where users see it: the charts of the profile and of overdue / stale over time, the badges in the
commitments table and on the cards, the report's "How concrete" section (under as_of), the index's share of
concrete commitments per goal, the explorers' criterion filter and the exports' profile columns."""

import html
import re

import nbformat
import pytest

import dialoguelib
from conftest import read_table, write_table
from dialoguelib import charts, render, widgets
from dialoguelib.query import profile
from dialoguelib.render.datatable import commitment_cells, table_options
from dialoguelib.render.styles import CRITERION_COLOURS, STATE_COLOURS
from dialoguelib.reports import Scope
from dialoguelib.runs import notebooks


@pytest.fixture(scope="module")
def ill(tmp_path_factory):
    from dialoguelib.curate.illustrative import illustrative_record

    return dialoguelib.load(illustrative_record(tmp_path_factory.mktemp("ill") / "data"))


def _text(cell: str) -> str:
    """A cell as a file or a column filter sees it: its text, tags dropped."""
    return html.unescape(re.sub(r"<[^>]+>", "", cell))


# ------------------------------------------------------------------ charts
def test_the_profile_chart_shows_each_criterion_share_by_goal_and_by_area(ds):
    fig = charts.specificity_profile(ds)
    shares = ds.specificity_shares("goal")
    assert [t.name for t in fig.data] == ["Who acts", "Instrument", "Target", "Deadline", "Output"]
    assert [t.marker.color for t in fig.data] == [CRITERION_COLOURS[c] for c in profile.CRITERIA]
    assert list(fig.data[0].y) == [*shares.index, "All in scope"]
    output = dict(zip(fig.data[4].y, fig.data[4].x))
    for goal in shares.index:
        assert output[goal] == pytest.approx(shares.loc[goal, "output_share"])
    assert output["All in scope"] == pytest.approx(10 / 96)  # the concrete commitments of the whole framework
    assert output["Pursue criminal networks"] == 0
    assert "3 of 27 commitments" in " ".join(fig.data[0].hovertext) and fig.layout.xaxis.tickformat == ".0%"
    by_area = charts.specificity_profile(ds.by_goal("protect"), by="area")
    assert (
        list(by_area.data[0].y)[-2:] == ["Goal level (no single area)", "All in scope"] and "by area" in by_area.layout.title.text
    )
    empty = charts.specificity_profile(ds.search("no such words anywhere"))
    assert not empty.data and empty.layout.annotations[0].text == "No commitments match this selection."


def test_the_overdue_chart_stacks_every_commitment_alive_on_each_day(ill):
    fig = charts.overdue_over_time(ill)
    assert {t.name for t in fig.data} <= set(STATE_COLOURS) and {"Overdue", "Stale", "Not assessed"} <= {t.name for t in fig.data}
    assert all(t.fillcolor == STATE_COLOURS[t.name] for t in fig.data)
    dates = list(fig.data[0].x)
    totals = [sum(t.y[i] for t in fig.data) for i in range(len(dates))]
    for day, total in zip(dates, totals):
        assert total == len(ill.overdue(as_of=day))
    overdue = dict(zip(dates, next(t for t in fig.data if t.name == "Overdue").y))
    assert overdue["2022-12-31"] == 0 and overdue["2023-01-01"] == 1  # the day after JS-46's deadline
    past = charts.overdue_over_time(ill.as_of("2022-06-30"))
    assert max(past.data[0].x) == "2022-06-30" and "Overdue" not in {t.name for t in past.data}


def test_chart_labels_from_the_data_are_escaped_once(data_copy):
    goals = read_table(data_copy, "goals")
    goals.loc[goals.goal_id == "protect", "name"] = "<b>Protect</b> & <script>x</script>"
    write_table(data_copy, "goals", goals)
    ds = dialoguelib.load(data_copy)
    fig = charts.specificity_profile(ds)
    assert "&lt;b&gt;Protect&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;" in fig.data[0].y
    assert "<script>" not in fig.to_json() and "&amp;amp;" not in fig.to_json()


# ------------------------------------------------------------------ badges
def test_the_table_carries_the_badges_before_the_quote_and_they_are_what_a_filter_finds(ds):
    cells = commitment_cells(ds)
    assert list(cells.columns)[-2:] == ["how concrete", "quote"]
    by_id = dict(zip(ds.tidy.commitment_id, cells["how concrete"]))
    assert _text(by_id["JS-43"]) == "Instrument; Measurable target; Verifiable output"
    assert 'title="Measurable target: 80,000 seized weapons"' in by_id["JS-43"]
    assert _text(by_id["JS-01"]) == "none met"
    concrete = [cid for cid, cell in by_id.items() if "Verifiable output" in _text(cell)]
    assert concrete == list(ds.filter(meets="output").tidy.commitment_id)
    quote = [d for d in table_options()["columnDefs"] if d.get("width") == "40%"]
    assert quote[0]["targets"] == [len(cells.columns) - 1]


def test_every_card_ends_in_its_profile_with_the_deciding_words(ds):
    cards = render.commitment_cards(ds.by_actor("SAMHSA"))
    profile_line = cards.split('<div class="dlx-profile">', 1)[1]
    assert "Who acts: SAMHSA (lead)" in profile_line and "Instrument: grants" in profile_line
    assert "Verifiable output: provide grants" in profile_line and "no measurable target" in profile_line
    assert 'data-novelty="new"' in profile_line


def test_badge_words_from_the_data_are_escaped(ds):
    row = {f"meets_{c}": True for c in profile.CRITERIA} | {
        f"{c}_words": '<img src=x onerror="alert(1)">' for c in profile.CRITERIA
    }
    for out in (render.criteria_badges(row), render.criteria_badges(row | {"novelty": "new", "novelty_words": "<b>x</b>"}, True)):
        assert "<img" not in out and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in out
    assert "&lt;b&gt;x&lt;/b&gt;" in render.criteria_badges(row | {"novelty": "new", "novelty_words": "<b>x</b>"}, True)


# ------------------------------------------------------------------ the report's section and the index
def test_a_report_as_of_a_day_before_a_deadline_shows_no_overdue(ill):
    before = Scope.from_parameters(ill, goal="prevent", as_of="2022-12-31")
    after = Scope.from_parameters(ill, goal="prevent", as_of="2023-01-02")
    text_before, text_after = before.specificity_html(), after.specificity_html()
    assert "No commitment is overdue as of 31 December 2022 (1 with a deadline)" in text_before
    assert "dlx-overdue-table" not in text_before and "JS-46" not in text_before
    assert "1 overdue" in text_after and "<td>JS-46</td><td>2022-12-31</td><td>by 2022</td><td>In progress</td>" in text_after
    assert 'data-name="overdue">0<' in text_before and 'data-name="overdue">1<' in text_after
    # novelty: the follow-up restates and extends 2021 commitments
    now = Scope.from_parameters(ill, goal="prevent").specificity_html()
    assert "ILLFU-02 restates JS-43" in now and "ILLFU-03 restates JS-50" in now


def test_every_report_has_the_section_its_charts_and_its_notebook_cell(ds):
    assert (
        "How concrete" in Scope.SECTIONS
        and '<a href="#How-concrete">How concrete</a>' in Scope.from_parameters(ds).contents_html()
    )
    for kw in ({}, {"goal": "protect"}, {"area": "extraditions"}, {"actor": "UNODC"}):
        scope = Scope.from_parameters(ds, **kw)
        figures = scope.specificity_figures()
        assert [f._div_id for f in figures] == ["dlx-figure-concrete-1", "dlx-figure-concrete-2"]
        if "goal" in kw:
            assert figures[0].layout.title.text.endswith("share meeting each criterion, by area")
        section = scope.specificity_html()
        assert f'data-name="concrete (a verifiable output)">{int(scope.selection.specificity().meets_output.sum())}<' in section
    nb = nbformat.read(notebooks.notebook_dir() / "06-report.ipynb", as_version=4)
    sources = [c.source for c in nb.cells]
    heading = sources.index(next(s for s in sources if s.startswith("## How concrete")))
    assert "scope.specificity_figures()" in sources[heading + 1] and "scope.specificity_html()" in sources[heading + 1]


def test_the_index_shows_the_share_of_concrete_commitments_per_goal(ds):
    from dialoguelib.reports.pages import at_a_glance

    glance = at_a_glance(ds)
    assert ("concrete commitments (a verifiable output)", 10) in glance["counts"]
    chart = next(f for f in glance["figures"] if "How concrete each goal is" in f)
    assert "Protect our people" in chart and "Verifiable output: 5 of 27 commitments (19%)" in chart


# ------------------------------------------------------------------ explorers and exports
def test_the_explorers_filter_by_criterion(ds):
    for make in (widgets.overview_explorer, widgets.goal_explorer, widgets.actor_explorer, widgets.area_explorer):
        e = make(ds)
        labels = [box.description for box in e.controls["meets"].boxes]
        assert labels == [profile.CRITERION_LABELS[c] for c in profile.CRITERIA], make.__name__
    e = widgets.goal_explorer(ds, goal="protect")
    e.set(meets=("output",))
    assert list(e.selection.tidy.commitment_id) == list(ds.filter(goal="protect", meets="output").tidy.commitment_id)
    assert len(e.table.df) == len(e.selection) == 5
    e.set(meets=("output", "who"))
    assert list(e.selection.tidy.commitment_id) == ["JS-33", "JS-34"]
    e.reset()
    assert len(e.selection) == len(ds.by_goal("protect"))


def test_exports_carry_the_profile_as_columns(ds, tmp_path):
    from dialoguelib.exports.files import records

    r = {x["commitment_id"]: x for x in records(ds.by_goal("prevent"))}
    assert r["JS-43"]["meets_target"] is True and r["JS-43"]["target_words"] == "80,000 seized weapons"
    assert r["JS-46"]["deadline_words"] == "by 2022" and r["JS-46"]["novelty"] == "new" and r["JS-46"]["criteria_met"] == 3
    pytest.importorskip("openpyxl")
    import pandas as pd

    ds.as_of("2021-10-08").export("xlsx", tmp_path / "x.xlsx")
    sheet = pd.read_excel(tmp_path / "x.xlsx", sheet_name="commitments")
    assert {f"meets_{c}" for c in profile.CRITERIA} <= set(sheet.columns) and int(sheet["meets_output"].sum()) == 10
