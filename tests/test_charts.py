"""Figure builders: titles, labels, one colour per goal, escaped hover text, empty selections."""

import re

import plotly.graph_objects as go
import pytest

import dialoguelib
from conftest import read_table, write_table
from dialoguelib import charts
from dialoguelib.render import styles

BUILDERS = {
    "framework_sunburst": lambda ds: charts.framework_sunburst(ds),
    "by_document": lambda ds: charts.by_document(ds),
    "modality_mix": lambda ds: charts.modality_mix(ds),
    "top_actors": lambda ds: charts.top_actors(ds),
    "instruments": lambda ds: charts.instruments(ds),
    "area_breakdown": lambda ds: charts.area_breakdown(ds),
    "actor_goal_heatmap": lambda ds: charts.actor_goal_heatmap(ds),
    "actor_network": lambda ds: charts.actor_network(ds, focus="DEA"),
    "area_coverage": lambda ds: charts.area_coverage(ds, highlight="extraditions"),
    "commitment_map": lambda ds: charts.commitment_map(ds),
    "partners": lambda ds: charts.partners(ds, "OFAC"),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_builder_returns_a_titled_figure(ds, name):
    fig = BUILDERS[name](ds)
    assert isinstance(fig, go.Figure) and len(fig.data) >= 1
    assert fig.layout.title.text


@pytest.mark.parametrize("name", ["by_document", "modality_mix", "top_actors", "instruments", "commitment_map"])
def test_goal_colours_are_the_same_in_every_chart(ds, name):
    fig = BUILDERS[name](ds)
    colours = styles.goal_colours(ds.goals)
    for trace in fig.data:
        assert trace.marker.color == colours[trace.name]
    assert colours["Protect our people"] == styles.GOAL_COLOURS["protect"]


def test_bar_charts_have_axis_labels(ds):
    for fig in [charts.modality_mix(ds), charts.top_actors(ds), charts.area_breakdown(ds), charts.instruments(ds)]:
        assert fig.layout.xaxis.title.text or fig.layout.yaxis.title.text


def test_counts_in_charts_equal_the_library(ds):
    fig = charts.modality_mix(ds)
    total = {}
    for trace in fig.data:
        for x, y in zip(trace.x, trace.y):
            total[x] = total.get(x, 0) + y
    assert total == dict(zip(ds.counts("modality")["modality"].astype(str), ds.counts("modality")["n"]))
    sun = charts.framework_sunburst(ds).data[0]
    goals = {i: v for i, v, p in zip(sun.ids, sun.values, sun.parents) if p == ""}
    assert goals == dict(zip(ds.counts("goal")["goal"].astype(str), ds.counts("goal")["n"]))


def test_hover_shows_the_quote_and_the_actors(ds):
    fig = charts.commitment_map(ds.by_actor("DEA"))
    hover = " ".join(t for trace in fig.data for t in trace.hovertext)
    assert "JS-47" in hover and "Drug Enforcement Administration" in hover and "Cartel de Jalisco" in hover


@pytest.mark.parametrize(
    "name", [n for n in BUILDERS if n not in ("actor_network", "partners", "area_coverage", "actor_goal_heatmap")]
)
def test_empty_selection_gives_a_message_not_an_error(ds, name):
    empty = ds.search("no such words anywhere")
    fig = BUILDERS[name](empty)
    assert len(empty) == 0 and fig.layout.title.text


def test_data_text_is_escaped_in_hover_labels(data_copy):
    df = read_table(data_copy, "actors")
    df.loc[df.actor_id == "dea", "name"] = "<script>alert(1)</script> Agency"
    write_table(data_copy, "actors", df)
    ds = dialoguelib.load(data_copy)
    fig_json = charts.commitment_map(ds.by_actor("dea")).to_json() + charts.top_actors(ds).to_json()
    assert "<script>" not in fig_json and "&lt;script&gt;" in fig_json


def test_area_breakdown_lists_every_area_of_a_goal_but_only_the_touched_areas_otherwise(ds):
    labels = lambda fig: [y for trace in fig.data for y in trace.y]  # noqa: E731
    assert set(labels(charts.area_breakdown(ds.by_actor("cyber-working-group")))) == {"Goal level (no single area)"}
    pursue = set(labels(charts.area_breakdown(ds.by_actor("DEA"), goal="pursue")))
    assert {"Increase Cooperation on Extraditions", "Disrupt Illicit Financiers"} <= pursue


def test_follow_through_charts_count_every_commitment_in_status_colours(tmp_path):
    from dialoguelib.curate.illustrative import illustrative_record
    from dialoguelib.render.styles import STATUS_COLOURS

    ill = dialoguelib.load(illustrative_record(tmp_path / "data"))
    fig = charts.status_by_goal(ill)
    assert sum(sum(t.x) for t in fig.data) == len(ill) and fig.layout.xaxis.tickformat == "d"
    assert {t.name: t.marker.color for t in fig.data}["Not assessed"] == STATUS_COLOURS["not_assessed"]
    assert {t.name for t in fig.data} == {"Not assessed", "In progress", "Partly done", "Stalled"}
    past = charts.status_by_goal(ill.as_of("2022-06-30"))
    assert "as of 30 Jun 2022" in past.layout.title.text and {t.name for t in past.data} == {"Not assessed", "In progress"}
    over = charts.status_over_time(ill)
    assert over.layout.yaxis.tickformat == "d" and len(over.data[0].x) == len(
        set(ill.milestones["date"]) | set(ill.status_updates["as_of"])
    )
    line = charts.timeline(ill)
    hollow = [t for t in line.data if t.marker.symbol == "circle-open"]
    assert len(hollow[0].x) == int((~ill.milestones["confirmed"]).sum())
    assert list(line.data[-1].text) == list(ill.documents["code"])


def test_count_axes_have_whole_number_ticks_even_for_a_handful(ds):
    small = ds.by_area("extraditions")  # 2 commitments: Plotly alone would tick 0, 0.5, 1, ...
    for fig in (
        charts.modality_mix(small),
        charts.area_breakdown(small),
        charts.top_actors(small),
        charts.by_document(small),
        charts.instruments(small),
        charts.area_coverage(ds),
    ):
        if not fig.data:  # a note instead of a chart (no instrument in this selection)
            continue
        axes = [fig.layout.xaxis, fig.layout.yaxis]
        counts = [a for a in axes if a.tickformat == "d"]
        assert counts, fig.layout.title.text
        for a in counts:
            assert a.dtick in (None, 1) and a.rangemode == "tozero"


def test_the_actor_network_labels_the_most_involved_and_has_a_legend_for_its_colours(ds):
    fig = charts.actor_network(ds, focus="DEA")
    nodes = [t for t in fig.data if t.mode == "markers+text"][0]
    labelled = [t for t in nodes.text if t]
    assert len(labelled) <= charts.actors.NETWORK_LABELS + 1 and "DEA" in labelled
    assert len(nodes.hovertext) == len(nodes.x) > len(labelled)  # every node named on hover
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert legend and all(n.startswith("Mostly: ") for n in legend)
    assert set(n.removeprefix("Mostly: ") for n in legend) <= set(ds.goals["name"])


def test_commitments_of_one_paragraph_do_not_hide_each_other_on_the_map(ds):
    fig = charts.commitment_map(ds)
    points = [(float(x), float(y)) for trace in fig.data for x, y in zip(trace.x, trace.y)]
    assert len(points) == len(ds) and len(set(points)) == len(ds)  # no dot on top of another
    by_paragraph = ds.tidy.groupby(["document_code", "paragraph"], observed=True).size()
    doc, para = by_paragraph.idxmax()
    assert by_paragraph.max() >= 5  # the joint statement's busiest paragraph
    heights = sorted(y for x, y in points if x == para and round(y) == list(ds.documents["code"]).index(doc))
    gap = min(b - a for a, b in zip(heights, heights[1:]))
    assert len(heights) == by_paragraph.max() and max(heights) - min(heights) <= 0.61  # within the document's row
    margin = fig.layout.margin
    plot_px = fig.layout.height - (margin.t if margin.t is not None else 100) - (margin.b if margin.b is not None else 80)
    rows = fig.layout.yaxis.range[1] - fig.layout.yaxis.range[0]
    assert gap * plot_px / rows >= fig.data[0].marker.size, (gap, plot_px, rows)  # at least a dot apart, on screen


# ------------------------------------------------------------------ markup from the data never reaches a chart as markup
LIVE = '<a href="https://evil.example/">link</a><span style="color:red;font-size:80px">big</span><i>x</i>'
PLOTLY_TAGS = re.compile(r"</?(a|span|b|i|em|sup|sub|br|s|u)\b[^>]*>", re.IGNORECASE)  # what plotly draws as markup
OWN_MARKUP = {"<br>", "<b>", "</b>", "<i>", "</i>"}  # the charts' own line breaks, bold and italics, around escaped data


def _strings(node, path=""):
    """Every string of a figure's JSON with its path (data, layout and the layouts for other widths in meta)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{path}[{i}]")


def _hostile_names(folder) -> None:
    """LIVE in every name the charts show (goals, areas, actors, documents) and in every note (instruments and tags
    are codes of a pattern)."""
    for table, columns in {
        "goals": ["name"],
        "areas": ["name"],
        "actors": ["name", "acronym"],
        "documents": ["title", "publisher"],
    }.items():
        df = read_table(folder, table)
        for column in columns:
            df[column] = [f"{v} {LIVE} {i}" for i, v in enumerate(df[column])]
        write_table(folder, table, df)
    com = read_table(folder, "commitments")
    com["notes"] = LIVE
    write_table(folder, "commitments", com)


def test_no_text_from_the_data_is_plotly_markup_in_any_chart(data_copy, tmp_path):
    """Tick labels, legends, hover, sunburst labels and the phone and print layouts: an <a href> or a
    <span style> written in a name is shown as text (escaped), never drawn as a link or a style."""
    import json

    from dialoguelib.curate.illustrative import illustrative_record

    _hostile_names(data_copy)
    ds = dialoguelib.load(data_copy)
    figures = {name: build(ds) for name, build in BUILDERS.items() if name not in ("actor_network", "partners")}
    figures.update(
        actor_network=charts.actor_network(ds, focus="dea"),
        partners=charts.partners(ds, "ofac"),
        area_breakdown_goal=charts.area_breakdown(ds, goal="pursue"),
        specificity_profile=charts.specificity_profile(ds),
        document_coverage=charts.document_coverage(ds),
    )
    ill = dialoguelib.load(illustrative_record(tmp_path / "ill", data_dir=data_copy))
    for name in ("status_by_goal", "status_over_time", "timeline", "overdue_over_time"):
        figures[name] = getattr(charts, name)(ill)
    shown = 0
    for name, fig in figures.items():
        spec = json.loads(fig.to_json())
        for path, text in _strings(spec):
            tags = [m.group(0) for m in PLOTLY_TAGS.finditer(text) if m.group(0).lower() not in OWN_MARKUP]
            assert not tags, (name, path, text)
        whole = json.dumps(spec)
        assert "&amp;lt;" not in whole and "&amp;quot;" not in whole, name  # escaped once, shown as written
        assert not re.search(r"&[a-z]*<br>", whole), name  # never a line break inside an entity
        shown += "evil.example" in whole
    assert shown >= len(figures) - 2, shown  # the payload reached (escaped) nearly every chart: the audit saw it
