"""Charts of where commitments sit in their documents."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..render.markup import esc
from ..render.styles import goal_colours
from .figure import MAX_POINTS, _axis_title, _empty, _figure, _wrap

__all__ = ["commitment_map"]


_DOT_GAP_PX = 12  # between the centres of stacked dots (10 px across)


def _stacked_rows(t, row_of: dict) -> np.ndarray:
    """Each commitment's height on the map: its document's row, and commitments that share a paragraph
    stacked in text order, evenly spaced so that none hides another (at most 0.6 of a row in all)."""
    key = t["document_code"].astype(str) + "\x00" + t["paragraph"].astype(str)
    order = t.assign(_key=key.to_numpy()).sort_values(["_key", "start"], kind="stable")
    rank = order.groupby("_key", sort=False).cumcount().reindex(t.index).to_numpy()
    n = key.map(key.value_counts()).to_numpy()
    step = np.minimum(0.15, 0.6 / np.maximum(n - 1, 1))  # the figure's rows grow to keep these steps 12 px apart
    return t["document_code"].astype(str).map(row_of).to_numpy() + (rank - (n - 1) / 2) * step


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
        One dot per commitment, coloured by goal: x its paragraph, y its document (by code; the commitments
        of one paragraph stacked in text order, so none hides another),
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
    y_all = _stacked_rows(t, {d: i for i, d in enumerate(docs)})
    for goal in ds.goals["name"]:
        mask = (t["goal"] == goal).to_numpy()
        g = t[mask]
        if g.empty:
            continue
        y = y_all[mask]
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
    crowd = int(t.groupby(["document_code", "paragraph"], observed=True).size().max())
    row = max(70, int(np.ceil(_DOT_GAP_PX * (crowd - 1) / 0.6)))  # a row tall enough to keep its busiest paragraph apart
    return _figure(traces, title + note, height=max(260, 140 + row * len(docs)), yaxis=yaxis, xaxis=_axis_title("Paragraph"))
