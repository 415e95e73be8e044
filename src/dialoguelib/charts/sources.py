"""Charts of where commitments sit in their documents."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..markup import esc
from ..styles import goal_colours
from .figure import MAX_POINTS, _axis_title, _empty, _figure, _wrap

__all__ = ["commitment_map"]


def commitment_map(ds, title: str = "Every commitment, where it sits in its document") -> go.Figure:
    """One dot per commitment: x = position in the document (paragraph), y = document; hover shows the quote.

    Draws at most ``MAX_POINTS`` dots (a sample, with a note) so large selections stay responsive.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to draw.
    title : str
        The chart title; default ``"Every commitment, where it sits in its document"``. A sample adds
        ``" (a sample of N of M)"``.

    Returns
    -------
    Figure
        One dot per commitment, coloured by goal: x its paragraph, y its document (by code, slightly jittered),
        with its id, goal, area, modality, party, quote and actors in the hover text; a note instead when no
        commitment matches.
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
