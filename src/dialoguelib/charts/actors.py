"""Charts of who takes part: the most involved actors, the actor x goal heatmap, the network, partners."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ..render.markup import esc
from ..render.styles import goal_colours
from .figure import Safe, _count_heatmap, _empty, _figure, _stacked_by_goal

__all__ = ["top_actors", "actor_goal_heatmap", "actor_network", "partners"]


def top_actors(
    ds, n: int = 15, exclude_countries: bool = True, title: str = "Most involved actors (number of commitments)"
) -> go.Figure:
    """Horizontal stacked bars: the ``n`` actors in most commitments, coloured by goal.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to count.
    n : int
        How many actors to show, most involved first; default 15.
    exclude_countries : bool
        Leave out the two governments (actors of type ``country``); default True.
    title : str
        The chart title; default ``"Most involved actors (number of commitments)"``.

    Returns
    -------
    Figure
        One bar per actor (number of distinct commitments), stacked by goal, with the actor's roles
        in the hover text; a note instead when the selection has no actors other than the governments.
    """
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


def actor_goal_heatmap(
    ds, exclude_countries: bool = True, highlight: str | None = None, title: str = "Which actors take part in which goal"
) -> go.Figure:
    """Heatmap: actors (rows) x goals (columns), cells = number of commitments.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to count.
    exclude_countries : bool
        Leave out the two governments; default True.
    highlight : str, optional
        An actor to mark in bold with ``▶``: id, name, acronym or alias (see :meth:`Dataset.name`);
        default None, no actor marked.
    title : str
        The chart title; default ``"Which actors take part in which goal"``.

    Returns
    -------
    Figure
        The 40 most involved actors (rows, most first) by goals (columns, framework order), each cell
        the number of commitments; a note instead when the selection has no actors other than the governments.
    """
    m = ds.actor_goal_matrix(exclude_countries=exclude_countries)
    if m.empty:
        return _empty(title, "No actors other than the two governments in this selection.")
    m = m.iloc[:40]
    rows = [str(a) for a in m.index]
    if highlight is not None:
        name = ds.name("actor", highlight)
        rows = [Safe(f"<b>▶ {esc(r)}</b>") if r == name else r for r in rows]
    return _count_heatmap(
        m,
        [str(c) for c in m.columns],
        rows,
        title,
        "Actor",
        height=max(320, 90 + 26 * len(rows)),
        hover="%{y}<br>%{x}: %{z} commitments<extra></extra>",
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


NETWORK_LABELS = 12  # nodes labelled on the chart; the rest are named on hover


def actor_network(
    ds, focus: str | None = None, exclude_countries: bool = True, title: str = "Actors linked by shared commitments"
) -> go.Figure:
    """Network: actors as nodes (size = commitments), linked when they share a commitment.

    The two governments take part in nearly every commitment, so they are left out by default.
    Nodes sit on a circle in order of involvement; ``focus`` puts one actor in the middle.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments whose actors are drawn.
    focus : str, optional
        An actor to put in the middle, outlined, with its links in orange: id, name, acronym or alias
        (see :meth:`Dataset.name`); default None, every node on the circle.
    exclude_countries : bool
        Leave out the two governments; default True.
    title : str
        The chart title; default ``"Actors linked by shared commitments"``.

    Returns
    -------
    Figure
        The 40 most involved actors as nodes (sized by commitments, coloured by their most frequent goal),
        lines between actors sharing commitments (thicker for more); a note instead when there are no actors
        other than the governments.
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
            # labels on the most involved only (they collide beyond a dozen); every node has its name on hover
            text=[short.get(a, a) if i < NETWORK_LABELS or a == focus_name else "" for i, a in enumerate(names)],
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
    # a legend for the node colours: the goal each actor's commitments mostly serve
    for goal in [g for g in ds.goals["name"] if g in set(map(str, main_goal[names]))]:
        traces.append(
            dict(
                type="scatter",
                x=[None],
                y=[None],
                mode="markers",
                name=f"Mostly: {goal}",
                marker=dict(size=12, color=colours[goal]),
                hoverinfo="skip",
            )
        )
    return _figure(
        traces,
        title,
        height=560,
        legend=dict(orientation="h", yanchor="top", y=0.0, x=0),
        xaxis=dict(visible=False, range=[-1.5, 1.5]),
        yaxis=dict(visible=False, range=[-1.3, 1.35], scaleanchor="x"),
    )


def partners(ds, actor, title: str | None = None) -> go.Figure:
    """Bars: the actors that share commitments with ``actor``, and how many.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to look in.
    actor : str
        The actor: id, name, acronym or alias, resolved with :meth:`Dataset.resolve`.
    title : str, optional
        The chart title; default None, ``"Who <actor's name> works with (shared commitments)"``.

    Returns
    -------
    Figure
        One horizontal bar per partner (number of commitments shared with ``actor``, most first), stacked by
        goal; a note instead when ``actor`` shares no commitment with another actor in ``ds``.
    """
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
