"""Charts of how concrete the commitments are and how late: the specificity profile by goal or area, and
the overdue, stale and not assessed commitments over time (see the codebook, "How concrete")."""

from __future__ import annotations

import plotly.graph_objects as go

from ..query import profile as pf
from ..render.markup import esc
from ..render.styles import CRITERION_COLOURS, STATE_COLOURS
from .figure import _empty, _figure, _stacked_over_time

__all__ = ["specificity_profile", "overdue_over_time"]

#: The criteria as a chart's columns: short enough to stay whole on a phone (the hover gives the full label).
SHORT = {"who": "Who acts", "instrument": "Instrument", "target": "Target", "deadline": "Deadline", "output": "Output"}


def specificity_profile(ds, by: str = "goal", title: str | None = None) -> go.Figure:
    """Grouped bars: for each goal (or area), and for all the commitments in scope, the share of its commitments
    that meets each criterion; a commitment is *concrete* when it has a verifiable output.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments.
    by : {"goal", "area"}
        The groups down the chart (default ``"goal"``).
    title : str, optional
        The chart title (default: says what the chart shows).

    Returns
    -------
    Figure
        Horizontal bars, one per criterion (in :data:`dialoguelib.query.profile.CRITERIA` order, a colour
        each) in each group (framework order, then "All in scope"); shares from 0 to 100%; the hover gives
        the counts ("3 of 27 commitments").
    """
    title = title or f"How concrete: the share of commitments meeting each criterion, by {by}"
    if len(ds) == 0:
        return _empty(title)
    shares = pf.specificity_shares(ds, by)
    groups = [str(g) for g in shares.index] + ["All in scope"]
    n = [int(k) for k in shares["commitments"]] + [int(shares["commitments"].sum())]
    traces = []
    for c in pf.CRITERIA:
        met = [int(k) for k in shares[c]] + [int(shares[c].sum())]
        traces.append(
            dict(
                type="bar",
                orientation="h",
                name=SHORT[c],
                y=groups,
                x=[m / t for m, t in zip(met, n)],
                marker=dict(color=CRITERION_COLOURS[c]),
                hovertext=[
                    f"<b>{esc(g)}</b><br>{esc(pf.CRITERION_LABELS[c])}: {m} of {t} commitments ({100 * m / t:.0f}%)"
                    for g, m, t in zip(groups, met, n)
                ],
                hoverinfo="text",
            )
        )
    return _figure(
        traces,
        title,
        height=140 + 62 * len(groups),
        barmode="group",
        bargap=0.25,
        xaxis=dict(title=dict(text=None), range=[0, 1], tickformat=".0%"),
        yaxis=dict(autorange="reversed", title=dict(text=None)),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, traceorder="normal"),
    )


def overdue_over_time(ds, months: int = 12, title: str | None = None) -> go.Figure:
    """Stacked areas over time: how many commitments were overdue, stale, not assessed, up to date, completed,
    or dropped or superseded on each day (the end of each quarter, the milestones, the day after each deadline).

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments (as of a day: up to it).
    months : int
        How long without status evidence makes a commitment stale (default 12).
    title : str, optional
        The chart title.

    Returns
    -------
    Figure
        One filled area per state present, in :data:`dialoguelib.query.profile.STATES` order, on a time axis;
        each count holds until the next date.
    """
    title = title or "Overdue, stale and not assessed over time"
    if len(ds) == 0:
        return _empty(title)
    over = pf.overdue_over_time(ds, months=months)
    table = over.pivot(index="date", columns="state", values="n")
    return _stacked_over_time(table, [(state, STATE_COLOURS[state]) for state in pf.STATES], title)
