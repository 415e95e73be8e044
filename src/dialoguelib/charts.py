"""Plotly figure builders.

Every builder takes a :class:`~dialoguelib.Dataset` (the whole data or a selection)
and options, aggregates first, and returns a ``plotly.graph_objects.Figure`` with a
title, axis labels and hover text. One colour per goal, the same everywhere
(Okabe-Ito, colour-blind safe): see :mod:`dialoguelib.styles`. Text from the data is
escaped (Plotly draws a subset of HTML in labels).
"""

from __future__ import annotations

import functools
import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .markup import esc
from .styles import KIND_LABELS, goal_colours

__all__ = [
    "Figure",
    "PLOTLY_MIME",
    "document_coverage",
    "framework_sunburst",
    "by_document",
    "modality_mix",
    "top_actors",
    "instruments",
    "area_breakdown",
    "actor_goal_heatmap",
    "actor_network",
    "area_coverage",
    "commitment_map",
    "partners",
]

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class Figure(go.Figure):
    """A Plotly figure that shows itself in Jupyter as Plotly's own MIME bundle.

    It behaves like ``go.Figure`` in every way except display: a notebook cell ending in
    it publishes the ``application/vnd.plotly.v1+json`` bundle directly (JupyterLab, Voila
    and VS Code draw it), instead of going through ``plotly.io``'s renderer machinery,
    whose first use imports nbformat and jsonschema and costs over a second per kernel.
    ``fig.show()`` still uses Plotly's renderers.
    """

    _div_id = None  # set by in_page(): the figure also carries an HTML div for exported pages

    def in_page(self, div_id: str) -> Figure:
        """Also display as an HTML ``div`` with this (fixed, so deterministic) id, which needs ``window.Plotly``:
        what an exported report page keeps (it loads plotly.js once). Returns the figure."""
        self._div_id = div_id
        return self

    def mime_bundle(self) -> dict:
        """The display data: Plotly's JSON spec (with config), a text fallback, and the page div if asked for."""
        import json

        config = {"displaylogo": False, "responsive": True}
        spec = json.loads(self.to_json())
        spec["config"] = config
        bundle = {PLOTLY_MIME: spec, "text/plain": f"<Plotly figure: {self.layout.title.text or ''}>"}
        if self._div_id:
            bundle["text/html"] = self.to_html(full_html=False, include_plotlyjs=False, div_id=self._div_id, config=config)
        return bundle

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        return self.mime_bundle()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.mime_bundle(), raw=True)


KIND_PATTERNS = {"action": "", "objective": "/", "principle": "."}

FONT = dict(family="Arial, Helvetica, sans-serif", size=13)
# A small white template: plotly's own "plotly_white" costs ~15 ms per figure to apply.
_AXIS = dict(
    gridcolor="#EBEBEB",
    linecolor="#BBBBBB",
    zerolinecolor="#DDDDDD",
    zerolinewidth=2,
    automargin=True,
    ticks="",
    title=dict(standoff=15),
)
TEMPLATE = dict(
    layout=dict(
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=_AXIS,
        yaxis=_AXIS,
        font=dict(color="#2a3f5f"),
        hovermode="closest",
        autotypenumbers="strict",
        coloraxis=dict(colorbar=dict(outlinewidth=0, ticks="")),
        colorway=["#0072B2", "#E69F00", "#009E73", "#999999", "#CC79A7", "#56B4E9", "#D55E00"],
    )
)
MAX_POINTS = 2000  # commitment_map draws at most this many points


def _wrap(text, width: int = 70) -> str:
    """Escape text for hover labels and wrap it with <br>."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return _wrap_str(str(text), width)


@functools.lru_cache(maxsize=50_000)
def _wrap_str(text: str, width: int) -> str:
    # cached: explorers re-draw the same quotes on every change, and textwrap is slow
    text = " ".join(text.split())
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width)) or ""


def _figure(traces: list[dict], title: str, height: int = 420, **layout) -> Figure:
    """The figure of ``traces`` (plain trace dicts) with the house style and ``layout`` on top.

    Builders assemble plain dicts and make one validated ``Figure`` at the end: Plotly's
    incremental API (``add_trace``, ``update_layout``, ``update_xaxes``) re-validates the
    whole figure on every call and cost ~30 ms per chart, which widgets pay on every change.
    """
    spec = dict(
        title=dict(text=esc(title), x=0.01, xanchor="left"),
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=60, b=10),
        template=TEMPLATE,
        hoverlabel=dict(align="left"),
        legend=dict(title=dict(text=None), traceorder="normal"),
    )
    spec.update(layout)
    return Figure(dict(data=traces, layout=spec))


def _axis_title(text: str, **axis) -> dict:
    return dict(title=dict(text=text), **axis)


def _empty(title: str, message: str = "No commitments match this selection.") -> go.Figure:
    note = dict(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=15, color="#555"))
    return _figure([], title, height=260, annotations=[note], xaxis=dict(visible=False), yaxis=dict(visible=False))


def framework_sunburst(ds, title: str = "The framework at a glance: goals, areas and their commitments") -> go.Figure:
    """Sunburst: goal -> area -> number of commitments (area-less rows as 'Goal level')."""
    t = ds.tidy
    if t.empty:
        return _empty(title)
    colours = goal_colours(ds.goals)
    ids, labels, parents, values, colors, hovers = [], [], [], [], [], []
    goal_n = t.groupby("goal", observed=False).size()
    for goal in ds.goals.itertuples(index=False):
        n = int(goal_n.get(goal.name, 0))
        if n == 0:
            continue
        ids.append(goal.name)
        labels.append(goal.name)
        parents.append("")
        values.append(n)
        colors.append(colours[goal.name])
        hovers.append(f"<b>{esc(goal.name)}</b><br>{n} commitments<br><i>{_wrap(goal.description)}</i>")
        g = t[t["goal"] == goal.name]
        area_n = g.groupby("area", observed=True).size()
        for area in ds.areas[ds.areas["goal_id"] == goal.goal_id].itertuples(index=False):
            k = int(area_n.get(area.name, 0))
            if k:
                ids.append(f"{goal.name}/{area.name}")
                labels.append(_wrap(area.name, 28))
                parents.append(goal.name)
                values.append(k)
                colors.append(colours[goal.name])
                hovers.append(f"<b>{esc(area.name)}</b><br>{k} commitments<br><i>{_wrap(area.description)}</i>")
        rest = int(g["area"].isna().sum())
        if rest:
            ids.append(f"{goal.name}/-")
            labels.append("Goal level")
            parents.append(goal.name)
            values.append(rest)
            colors.append(colours[goal.name])
            hovers.append(f"<b>{esc(goal.name)}</b>: {rest} commitments with no single area")
    trace = dict(
        type="sunburst",
        ids=ids,
        labels=labels,
        parents=parents,
        values=values,
        branchvalues="total",
        marker=dict(colors=colors, line=dict(color="white", width=1)),
        hovertext=hovers,
        hoverinfo="text",
        insidetextorientation="radial",
    )
    return _figure([trace], title, height=560)


def _stacked_by_goal(
    ds, counts: pd.DataFrame, category: str, title: str, xlabel: str, ylabel: str, horizontal: bool = False, height: int = 420
) -> go.Figure:
    colours = goal_colours(ds.goals)
    order = list(dict.fromkeys(counts[category]))
    traces = []
    for goal in ds.goals["name"]:
        part = counts[counts["goal"] == goal].set_index(category).reindex(order)
        n = part["n"].fillna(0).astype(int)
        if n.sum() == 0:
            continue
        hover = [
            f"<b>{esc(str(c))}</b><br>{esc(goal)}: {v}" + (f"<br>{h}" if isinstance(h, str) and h else "")
            for c, v, h in zip(order, n, part.get("hover", pd.Series([""] * len(order), index=part.index)))
        ]
        kw = dict(y=order, x=n.tolist(), orientation="h") if horizontal else dict(x=order, y=n.tolist())
        traces.append(dict(type="bar", name=goal, marker=dict(color=colours[goal]), hovertext=hover, hoverinfo="text", **kw))
    yaxis = _axis_title(ylabel, autorange="reversed") if horizontal else _axis_title(ylabel)
    return _figure(traces, title, height=height, barmode="stack", xaxis=_axis_title(xlabel), yaxis=yaxis)


def by_document(ds, title: str = "Commitments per document, by goal", max_documents: int = 30) -> go.Figure:
    """Stacked bars: commitments of each document, coloured by goal (the latest ``max_documents``)."""
    t = ds.tidy
    if t.empty:
        return _empty(title)
    c = t.groupby(["document_id", "goal"], observed=True).size().rename("n").reset_index()
    present = set(c["document_id"].astype(str))
    docs = ds.documents[ds.documents["document_id"].isin(present)]
    if len(docs) > max_documents:
        docs = docs.iloc[-max_documents:]
        title = f"{title} (the latest {max_documents} of {len(present):,} documents)"
    names = dict(zip(docs["document_id"], docs["title"]))
    c = c[c["document_id"].astype(str).isin(names)]
    c["document"] = pd.Categorical(c["document_id"].astype(str).map(names), list(names.values()), ordered=True)
    c = c.sort_values("document")
    c["document"] = c["document"].astype(str)
    return _stacked_by_goal(
        ds,
        c[["document", "goal", "n"]],
        "document",
        title,
        "Commitments",
        "",
        horizontal=True,
        height=max(300, 80 + 40 * len(names)),
    )


def modality_mix(ds, title: str = "How commitments are made: the verb of each (modality)") -> go.Figure:
    """Stacked bars: commitments per modality (pledge, intend, affirm, ...), coloured by goal."""
    t = ds.tidy
    if t.empty:
        return _empty(title)
    c = t.groupby(["modality", "goal"], observed=True).size().rename("n").reset_index()
    total = c.groupby("modality", observed=True)["n"].sum().sort_values(ascending=False)
    c["modality"] = c["modality"].astype(str)
    c = c.set_index("modality").loc[[str(m) for m in total.index]].reset_index()
    return _stacked_by_goal(ds, c, "modality", title, "Modality", "Commitments")


def top_actors(
    ds, n: int = 15, exclude_countries: bool = True, title: str = "Most involved actors (number of commitments)"
) -> go.Figure:
    """Horizontal stacked bars: the ``n`` actors in most commitments, coloured by goal."""
    long = ds.long
    if exclude_countries:
        long = long[long["actor_type"] != "country"]
    if long.empty:
        return _empty(title, "No actors other than the two governments in this selection.")
    totals = long.groupby("actor", observed=True)["commitment_id"].nunique().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:n])
    sub = long[long["actor"].isin(keep)]
    c = sub.groupby(["actor", "goal"], observed=True)["commitment_id"].nunique().rename("n").reset_index()
    roles = sub.groupby("actor", observed=True)["role"].agg(lambda r: ", ".join(sorted(set(map(str, r)))))
    c["hover"] = ["roles: " + esc(str(roles.get(a, ""))) for a in c["actor"].astype(str)]
    c["actor"] = pd.Categorical(c["actor"], keep, ordered=True)
    c = c.sort_values("actor")
    c["actor"] = c["actor"].astype(str)
    return _stacked_by_goal(ds, c, "actor", title, "Commitments", "", horizontal=True, height=max(300, 60 + 28 * len(keep)))


def instruments(ds, title: str = "Instruments created or used") -> go.Figure:
    """Horizontal bars: commitments per instrument (MoU, network, working group, lab, grant, ...)."""
    t = ds.tidy[["commitment_id", "goal", "instruments", "quote"]].explode("instruments").dropna(subset=["instruments"])
    if t.empty:
        return _empty(title, "No instruments in this selection.")
    c = (
        t.groupby(["instruments", "goal"], observed=True)
        .agg(n=("commitment_id", "size"), hover=("quote", lambda q: "<br>".join("• " + _wrap(x, 80)[:300] for x in list(q)[:4])))
        .reset_index()
        .rename(columns={"instruments": "instrument"})
    )
    order = c.groupby("instrument")["n"].sum().sort_values(ascending=False).index
    c["instrument"] = pd.Categorical(c["instrument"], list(order), ordered=True)
    c = c.sort_values("instrument")
    c["instrument"] = c["instrument"].astype(str)
    return _stacked_by_goal(ds, c, "instrument", title, "Commitments", "", horizontal=True, height=max(280, 60 + 32 * len(order)))


def area_breakdown(ds, goal=None, title: str | None = None) -> go.Figure:
    """Bars per area: every area of ``goal`` (zeros included), or else the areas the selection touches;
    concrete actions vs objectives vs principles."""
    areas = ds.areas
    t = ds.tidy
    if goal is not None:
        gid = ds.resolve("goal", goal)
        areas = areas[areas["goal_id"] == gid]
    else:
        areas = areas[areas["name"].isin(set(t["area"].dropna()))]
    names = list(areas["name"])
    title = title or "Commitments per area, by kind"
    if t.empty:
        return _empty(title)
    colours = goal_colours(ds.goals, by="id")
    area_goal = dict(zip(areas["name"], areas["goal_id"].astype(str)))
    labels = [_wrap(a, 45) for a in names] + (["Goal level (no single area)"] if t["area"].isna().any() else [])
    keys = names + ([None] if len(labels) > len(names) else [])
    traces = []
    for kind, label in KIND_LABELS.items():
        sub = t[t["kind"] == kind]
        counts = [int((sub["area"] == k).sum()) if k is not None else int(sub["area"].isna().sum()) for k in keys]
        if sum(counts) == 0:
            continue
        goals_in = t["goal_id"].astype(str).unique()
        level = colours.get(goals_in[0], "#777777") if len(goals_in) == 1 else "#777777"
        colors = [colours.get(area_goal.get(k, ""), "#777777") if k is not None else level for k in keys]
        traces.append(
            dict(
                type="bar",
                name=label,
                y=labels,
                x=counts,
                orientation="h",
                marker=dict(color=colors, pattern=dict(shape=KIND_PATTERNS[kind]), line=dict(color="white", width=1)),
                hovertemplate="%{y}<br>" + label + ": %{x}<extra></extra>",
            )
        )
    return _figure(
        traces,
        title,
        height=max(260, 80 + 42 * len(labels)),
        barmode="stack",
        yaxis=dict(autorange="reversed"),
        xaxis=_axis_title("Commitments (solid: concrete actions, /: objectives, .: principles)"),
    )


def actor_goal_heatmap(
    ds, exclude_countries: bool = True, highlight: str | None = None, title: str = "Which actors take part in which goal"
) -> go.Figure:
    """Heatmap: actors (rows) x goals (columns), cells = number of commitments."""
    m = ds.actor_goal_matrix(exclude_countries=exclude_countries)
    if m.empty:
        return _empty(title, "No actors other than the two governments in this selection.")
    m = m.iloc[:40]
    rows = [str(a) for a in m.index]
    if highlight is not None:
        name = ds.name("actor", highlight)
        rows = [f"<b>▶ {esc(r)}</b>" if r == name else esc(r) for r in rows]
    else:
        rows = [esc(r) for r in rows]
    trace = dict(
        type="heatmap",
        z=m.to_numpy(),
        x=[str(c) for c in m.columns],
        y=rows,
        colorscale="Blues",
        text=m.to_numpy(),
        texttemplate="%{text}",
        colorbar=dict(title=dict(text="Commitments")),
        hovertemplate="%{y}<br>%{x}: %{z} commitments<extra></extra>",
        xgap=2,
        ygap=2,
    )
    return _figure(
        [trace],
        title,
        height=max(320, 90 + 26 * len(rows)),
        yaxis=_axis_title("Actor", autorange="reversed"),
        xaxis=dict(side="top"),
    )


def _network_edges(long: pd.DataFrame):
    pairs = long[["commitment_id", "actor"]].drop_duplicates()
    merged = pairs.merge(pairs, on="commitment_id")
    merged = merged[merged["actor_x"] < merged["actor_y"]]
    return merged.groupby(["actor_x", "actor_y"]).size().rename("shared").reset_index()


def _network_parts(ds, exclude_countries: bool):
    """The network's nodes (the 40 actors in most commitments, with their counts), its edges
    (pairs of those actors and their shared commitments) and each actor's most frequent goal."""
    long = ds.long
    if exclude_countries:
        long = long[long["actor_type"] != "country"]
    size = long.groupby("actor", observed=True)["commitment_id"].nunique().sort_values(ascending=False, kind="stable")
    size = size.iloc[:40]
    long = long[long["actor"].isin(size.index)]
    main_goal = long.groupby("actor", observed=True)["goal"].agg(lambda g: g.value_counts().index[0]) if len(long) else None
    return size, _network_edges(long), main_goal


def actor_network(
    ds, focus: str | None = None, exclude_countries: bool = True, title: str = "Actors linked by shared commitments"
) -> go.Figure:
    """Network: actors as nodes (size = commitments), linked when they share a commitment.

    The two governments take part in nearly every commitment, so they are left out by default.
    Nodes sit on a circle in order of involvement; ``focus`` puts one actor in the middle.
    """
    size, edges, main_goal = ds.memo(("actor_network", exclude_countries), lambda: _network_parts(ds, exclude_countries))
    if size.empty:
        return _empty(title, "No actors other than the two governments in this selection.")
    focus_name = None
    if focus is not None:
        focus_name = ds.name("actor", focus)
    names = list(size.index)
    ring = [a for a in names if a != focus_name]
    pos = {
        a: (math.cos(2 * math.pi * i / max(1, len(ring))), math.sin(2 * math.pi * i / max(1, len(ring))))
        for i, a in enumerate(ring)
    }
    if focus_name in size.index:
        pos[focus_name] = (0.0, 0.0)
    traces = []
    for e in edges.itertuples(index=False):
        (x0, y0), (x1, y1) = pos[e.actor_x], pos[e.actor_y]
        hot = focus_name in (e.actor_x, e.actor_y)
        traces.append(
            dict(
                type="scatter",
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line=dict(width=1 + 1.5 * math.log1p(e.shared), color="#D55E00" if hot else "#BBBBBB"),
            )
        )
    types = ds.actors.set_index("name")["type"].astype(str)
    short = {
        r.name: (r.acronym if isinstance(r.acronym, str) else (r.name if len(r.name) <= 28 else r.name[:26] + "…"))
        for r in ds.actors.itertuples(index=False)
    }
    colours = goal_colours(ds.goals)
    traces.append(
        dict(
            type="scatter",
            x=[pos[a][0] for a in names],
            y=[pos[a][1] for a in names],
            mode="markers+text",
            text=[esc(short.get(a, a)) for a in names],
            textposition="top center",
            showlegend=False,
            marker=dict(
                size=[10 + 6 * math.sqrt(size[a]) for a in names],
                color=[colours[str(main_goal[a])] for a in names],
                line=dict(color="#333", width=[3 if a == focus_name else 0.5 for a in names]),
            ),
            hovertext=[
                f"<b>{esc(a)}</b> ({esc(types.get(a, ''))})<br>{size[a]} commitments; mostly {esc(str(main_goal[a]))}"
                for a in names
            ],
            hoverinfo="text",
        )
    )
    return _figure(
        traces,
        title,
        height=560,
        xaxis=dict(visible=False, range=[-1.5, 1.5]),
        yaxis=dict(visible=False, range=[-1.3, 1.35], scaleanchor="x"),
    )


def partners(ds, actor, title: str | None = None) -> go.Figure:
    """Bars: the actors that share commitments with ``actor``, and how many."""
    aid = ds.resolve("actor", actor)
    name = ds.name("actor", aid)
    title = title or f"Who {name} works with (shared commitments)"
    long = ds.long
    mine = set(long.loc[long["actor_id"] == aid, "commitment_id"])
    others = long[long["commitment_id"].isin(mine) & (long["actor_id"] != aid)]
    if others.empty:
        return _empty(title, f"{name} shares no commitment with another actor in this selection.")
    c = others.groupby(["actor", "goal"], observed=True)["commitment_id"].nunique().rename("n").reset_index()
    order = c.groupby("actor")["n"].sum().sort_values(ascending=False, kind="stable").index
    c["actor"] = pd.Categorical(c["actor"], list(order), ordered=True)
    c = c.sort_values("actor")
    c["actor"] = c["actor"].astype(str)
    return _stacked_by_goal(
        ds, c, "actor", title, "Shared commitments", "", horizontal=True, height=max(260, 60 + 28 * len(order))
    )


def area_coverage(
    ds, highlight: str | None = None, title: str = "Coverage: concrete joint-statement actions per area"
) -> go.Figure:
    """Horizontal bars for every area: concrete actions (from any document other than the fact sheet's
    objectives) vs the objectives that name it. Areas with no concrete action are flagged."""
    colours = goal_colours(ds.goals, by="id")
    c = ds.area_coverage()
    c["goal_id"] = ds.areas["goal_id"].astype(str).to_numpy()
    hl = ds.resolve("area", highlight) if highlight is not None else None
    hl_name = ds.name("area", hl) if hl else None
    labels = [
        (f"<b>▶ {_wrap(a, 45)}</b>" if a == hl_name else _wrap(a, 45)) + ("  ⚠ no concrete action" if n == 0 else "")
        for a, n in zip(c["area"], c["actions"])
    ]
    traces = [
        dict(
            type="bar",
            name="Concrete actions",
            y=labels,
            x=c["actions"].tolist(),
            orientation="h",
            marker=dict(color=[colours[g] for g in c["goal_id"]]),
            hovertemplate="%{y}<br>concrete actions: %{x}<extra></extra>",
        ),
        dict(
            type="bar",
            name="Objectives",
            y=labels,
            x=c["objectives"].tolist(),
            orientation="h",
            marker=dict(color=[colours[g] for g in c["goal_id"]], opacity=0.35, pattern=dict(shape="/")),
            hovertemplate="%{y}<br>objectives: %{x}<extra></extra>",
        ),
    ]
    return _figure(
        traces,
        title,
        height=560,
        barmode="group",
        yaxis=_axis_title("", autorange="reversed"),
        xaxis=_axis_title("Commitments", dtick=1),
    )


def commitment_map(ds, title: str = "Every commitment, where it sits in its document") -> go.Figure:
    """One dot per commitment: x = position in the document (paragraph), y = document; hover shows the quote.

    Draws at most ``MAX_POINTS`` dots (a sample, with a note) so large selections stay responsive.
    """
    t = ds.tidy
    if t.empty:
        return _empty(title)
    note = ""
    if len(t) > MAX_POINTS:
        t = t.sample(MAX_POINTS, random_state=0).sort_index()
        note = f" (a sample of {MAX_POINTS:,} of {len(ds):,})"
    colours = goal_colours(ds.goals)
    present = set(t["document_code"].astype(str))
    docs = [d for d in ds.documents["code"] if d in present]
    traces = []
    rng = np.random.default_rng(0)
    for goal in ds.goals["name"]:
        g = t[t["goal"] == goal]
        if g.empty:
            continue
        y = g["document_code"].astype(str).map({d: i for i, d in enumerate(docs)}).to_numpy() + rng.uniform(-0.25, 0.25, len(g))
        hover = [
            f"<b>{cid}</b> · {esc(str(goal))}"
            + (f" · {esc(str(area))}" if isinstance(area, str) else "")
            + f"<br>{esc(str(mod))}, {esc(str(party))} · ¶{para}<br>{_wrap(q)}"
            + (f"<br><i>actors: {esc(', '.join(a))}</i>" if a else "")
            for cid, area, mod, party, para, q, a in zip(
                g["commitment_id"], g["area"].astype(object), g["modality"], g["party"], g["paragraph"], g["quote"], g["actors"]
            )
        ]
        traces.append(
            dict(
                type="scatter",
                x=g["paragraph"].to_numpy(),
                y=y,
                mode="markers",
                name=goal,
                marker=dict(color=colours[goal], size=10, line=dict(color="white", width=1)),
                hovertext=hover,
                hoverinfo="text",
            )
        )
    yaxis = _axis_title("Document", tickvals=list(range(len(docs))), ticktext=docs, range=[-0.6, len(docs) - 0.4])
    return _figure(traces, title + note, height=max(260, 140 + 70 * len(docs)), yaxis=yaxis, xaxis=_axis_title("Paragraph"))


def document_coverage(ds, by: str = "goal", title: str | None = None) -> go.Figure:
    """Heatmap: documents (rows, by date) x goals or areas (columns): which statement addresses what."""
    t = ds.tidy
    title = title or f"Which {by}s each document addresses (number of commitments)"
    if t.empty:
        return _empty(title)
    column = "goal" if by == "goal" else "area"
    names = list(ds.goals["name"]) if by == "goal" else list(ds.areas["name"])
    label = t["document_code"].astype(str) + " · " + t["date"].dt.strftime("%Y-%m-%d")
    m = pd.crosstab(label, t[column].astype(object)).reindex(columns=names, fill_value=0)
    m = m.loc[sorted(m.index, key=lambda s: s.split(" · ")[1])]
    trace = dict(
        type="heatmap",
        z=m.to_numpy(),
        x=[_wrap(c, 22) for c in m.columns],
        y=list(m.index),
        colorscale="Blues",
        text=m.to_numpy(),
        texttemplate="%{text}",
        colorbar=dict(title=dict(text="Commitments")),
        hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>",
        xgap=2,
        ygap=2,
    )
    return _figure(
        [trace],
        title,
        height=max(260, 160 + 40 * len(m)),
        yaxis=_axis_title("Document", autorange="reversed"),
        xaxis=dict(side="top"),
    )
