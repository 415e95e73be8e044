"""Charts of the framework: goals and areas, documents, modalities, instruments, coverage."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..query.followthrough import NO_AREA
from ..render.markup import esc
from ..render.styles import KIND_LABELS, goal_colours
from .figure import KIND_PATTERNS, Safe, _axis_title, _count_axis, _count_heatmap, _empty, _figure, _stacked_by_goal, _wrap

__all__ = [
    "framework_sunburst",
    "by_document",
    "modality_mix",
    "instruments",
    "area_breakdown",
    "area_coverage",
    "document_coverage",
]


def framework_sunburst(ds, title: str = "The framework at a glance: goals, areas and their commitments") -> go.Figure:
    """Sunburst: goal -> area -> number of commitments (area-less rows as 'Goal level').

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to count.
    title : str
        The chart title; default ``"The framework at a glance: goals, areas and their commitments"``.

    Returns
    -------
    Figure
        Goals in the inner ring and their areas (plus a 'Goal level' slice for commitments with no single
        area) in the outer ring, sized by commitments and coloured by goal, with the descriptions in the
        hover text; a note instead when no commitment matches.
    """
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


def by_document(ds, title: str = "Commitments per document, by goal", max_documents: int = 30) -> go.Figure:
    """Stacked bars: commitments of each document, coloured by goal (the latest ``max_documents``).

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to count.
    title : str
        The chart title; default ``"Commitments per document, by goal"``. When documents are left out,
        the title says how many are shown.
    max_documents : int
        At most this many documents, the last ones of the documents table (the latest); default 30.

    Returns
    -------
    Figure
        One horizontal bar per document with commitments (labelled by its title), stacked by goal;
        a note instead when no commitment matches.
    """
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
    """Stacked bars: commitments per modality (pledge, intend, affirm, ...), coloured by goal.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to count.
    title : str
        The chart title; default ``"How commitments are made: the verb of each (modality)"``.

    Returns
    -------
    Figure
        One vertical bar per modality in use, most frequent first, stacked by goal; a note instead
        when no commitment matches.
    """
    t = ds.tidy
    if t.empty:
        return _empty(title)
    c = t.groupby(["modality", "goal"], observed=True).size().rename("n").reset_index()
    total = c.groupby("modality", observed=True)["n"].sum().sort_values(ascending=False)
    c["modality"] = c["modality"].astype(str)
    c = c.set_index("modality").loc[[str(m) for m in total.index]].reset_index()
    return _stacked_by_goal(ds, c, "modality", title, "Modality", "Commitments")


def instruments(ds, title: str = "Instruments created or used") -> go.Figure:
    """Horizontal bars: commitments per instrument (MoU, network, working group, lab, grant, ...).

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to count.
    title : str
        The chart title; default ``"Instruments created or used"``.

    Returns
    -------
    Figure
        One bar per instrument, most used first, stacked by goal, with up to four of its quotes per goal
        in the hover text; a note instead when the selection names no instrument.
    """
    t = ds.tidy[["commitment_id", "goal", "instruments", "quote"]].explode("instruments").dropna(subset=["instruments"])
    if t.empty:
        return _empty(title, "No instruments in this selection.")
    c = (
        t.groupby(["instruments", "goal"], observed=True)
        .size()
        .rename("n")
        .reset_index()
        .rename(columns={"instruments": "instrument"})
    )
    quotes = {}  # (instrument, goal) -> its first four quotes, in the data's order (a Python loop: no call per group)
    for instrument, goal, quote in zip(t["instruments"].tolist(), t["goal"].astype(str).tolist(), t["quote"].tolist()):
        kept = quotes.setdefault((instrument, goal), [])
        if len(kept) < 4:
            kept.append(quote)
    c["hover"] = [
        "<br>".join("• " + _wrap(q, 80)[:300] for q in quotes[(i, g)]) for i, g in zip(c["instrument"], c["goal"].astype(str))
    ]
    order = c.groupby("instrument")["n"].sum().sort_values(ascending=False).index
    c["instrument"] = pd.Categorical(c["instrument"], list(order), ordered=True)
    c = c.sort_values("instrument")
    c["instrument"] = c["instrument"].astype(str)
    return _stacked_by_goal(ds, c, "instrument", title, "Commitments", "", horizontal=True, height=max(280, 60 + 32 * len(order)))


def area_breakdown(ds, goal=None, title: str | None = None) -> go.Figure:
    """Bars per area: every area of ``goal`` (zeros included), or else the areas the selection touches;
    concrete actions vs objectives vs principles.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to count.
    goal : str or int, optional
        Show every area of this goal: id, name or number, resolved with :meth:`Dataset.resolve`;
        default None, the areas that the selection's commitments serve.
    title : str, optional
        The chart title; default None, ``"Commitments per area, by kind"``.

    Returns
    -------
    Figure
        One horizontal bar per area (plus 'Goal level (no single area)' when some commitments have no area),
        stacked by kind (solid: concrete actions, ``/``: objectives, ``.``: principles) and coloured by the
        area's goal; a note instead when no commitment matches.
    """
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
    labels = [_wrap(a, 45) for a in names] + ([NO_AREA] if t["area"].isna().any() else [])
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
        xaxis=_count_axis(
            "Commitments (solid: concrete actions, /: objectives, .: principles)",
            max((sum(x) for x in zip(*[t["x"] for t in traces])), default=0),
        ),
    )


def area_coverage(
    ds, highlight: str | None = None, title: str = "Coverage: concrete joint-statement actions per area"
) -> go.Figure:
    """Horizontal bars for every area: concrete actions (from any document other than the fact sheet's
    objectives) vs the objectives that name it. Areas with no concrete action are flagged.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to count (every area of the framework is shown, zeros included).
    highlight : str or int, optional
        An area to mark in bold with ``▶``: id, name or number, resolved with :meth:`Dataset.resolve`;
        default None, no area marked.
    title : str
        The chart title; default ``"Coverage: concrete joint-statement actions per area"``.

    Returns
    -------
    Figure
        Two grouped horizontal bars per area in framework order, coloured by goal: concrete actions (solid)
        and objectives (faint, hatched); areas with no concrete action are labelled ``⚠ no concrete action``.
    """
    colours = goal_colours(ds.goals, by="id")
    c = ds.area_coverage()
    c["goal_id"] = ds.areas["goal_id"].astype(str).to_numpy()
    hl = ds.resolve("area", highlight) if highlight is not None else None
    hl_name = ds.name("area", hl) if hl else None
    labels = [  # Safe: the names are escaped by _wrap, the bold and the line breaks are the chart's own
        Safe((f"<b>▶ {_wrap(a, 45)}</b>" if a == hl_name else _wrap(a, 45)) + ("  ⚠ no concrete action" if n == 0 else ""))
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
        xaxis=_count_axis("Commitments", max((max(t["x"], default=0) for t in traces), default=0)),
    )


def document_coverage(ds, by: str = "goal", title: str | None = None) -> go.Figure:
    """Heatmap: documents (rows, by date) x goals or areas (columns): which statement addresses what.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to count.
    by : str
        ``"goal"`` for one column per goal; any other value (e.g. ``"area"``) for one column per area;
        default ``"goal"``.
    title : str, optional
        The chart title; default None, ``"Which <by>s each document addresses (number of commitments)"``.

    Returns
    -------
    Figure
        Documents with commitments (rows labelled ``code · date``, earliest first) by every goal or area
        (columns, framework order), each cell the number of commitments; a note instead when no commitment matches.
    """
    t = ds.tidy
    title = title or f"Which {by}s each document addresses (number of commitments)"
    if t.empty:
        return _empty(title)
    column = "goal" if by == "goal" else "area"
    names = list(ds.goals["name"]) if by == "goal" else list(ds.areas["name"])
    label = t["document_code"].astype(str) + " · " + t["date"].dt.strftime("%Y-%m-%d")
    m = pd.crosstab(label, t[column].astype(object)).reindex(columns=names, fill_value=0)
    m = m.loc[sorted(m.index, key=lambda s: s.split(" · ")[1])]
    return _count_heatmap(
        m,
        [_wrap(c, 22) for c in m.columns],
        list(m.index),
        title,
        "Document",
        height=max(260, 160 + 40 * len(m)),
        hover="%{y}<br>%{x}: %{z}<extra></extra>",
    )
