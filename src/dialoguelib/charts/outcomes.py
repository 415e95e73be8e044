"""Charts of what became of the commitments: the framework's timeline, status by goal, status over time.

Statuses are coloured from :data:`dialoguelib.render.styles.STATUS_COLOURS` ("not assessed" pale grey);
counts are whole numbers on their axes.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..query import followthrough as ft
from ..render.markup import esc
from ..render.styles import STATUS_COLOURS
from .figure import _axis_title, _count_axis, _empty, _figure, _stacked_over_time, _wrap

__all__ = ["timeline", "status_by_goal", "status_over_time"]

_KIND_ROWS = {"dialogue": "High-Level Dialogue", "action_plan": "Action Plan", "implementation": "Implementation"}


def timeline(ds, title: str = "Timeline of the framework: milestones and the documents in the data") -> go.Figure:
    """Milestones by kind on a time axis (hollow markers where not confirmed), and the documents of the data below them.

    Parameters
    ----------
    ds : Dataset or Selection
        The record (as of a day: the milestones and documents up to it).
    title : str
        The chart title.

    Returns
    -------
    Figure
    """
    m = ds.milestones
    traces = []
    for confirmed, symbol, name in ((True, "circle", "Milestone"), (False, "circle-open", "Milestone, not confirmed")):
        part = m[m["confirmed"] == confirmed]
        if part.empty:
            continue
        hover = [
            f"<b>{r.date:%d %B %Y}</b><br>{_wrap(r.event, 60)}"
            + ("" if r.confirmed else f"<br><i>Not confirmed: {_wrap(r.notes, 60)}</i>")
            for r in part.itertuples(index=False)
        ]
        traces.append(
            dict(
                type="scatter",
                mode="markers",
                name=name,
                x=part["date"].dt.strftime("%Y-%m-%d").tolist(),
                y=[_KIND_ROWS.get(str(k), str(k)) for k in part["kind"]],
                hovertext=hover,
                hoverinfo="text",
                marker=dict(symbol=symbol, size=13, color="#0072B2", line=dict(width=2, color="#0072B2")),
            )
        )
    docs = ds.documents
    counts = ds.whole.commitments["document_id"].astype(str).value_counts()
    hover = [
        f"<b>{esc(r.code)}</b> {r.date:%d %B %Y}<br>{_wrap(r.title, 60)}<br>{int(counts.get(r.document_id, 0))} commitments"
        for r in docs.itertuples(index=False)
    ]
    traces.append(
        dict(
            type="scatter",
            mode="markers+text",
            name="Document in the data",
            x=docs["date"].dt.strftime("%Y-%m-%d").tolist(),
            y=["Documents in the data"] * len(docs),
            text=[str(c) for c in docs["code"]],
            textposition="top center",
            hovertext=hover,
            hoverinfo="text",
            marker=dict(symbol="square", size=11, color="#E69F00"),
        )
    )
    rows = [*_KIND_ROWS.values(), "Documents in the data"]
    return _figure(
        traces,
        title,
        height=340,
        xaxis=_axis_title("Date", type="date"),
        yaxis=dict(categoryorder="array", categoryarray=rows[::-1], title=dict(text=None)),
        legend=dict(orientation="h", y=-0.25),
    )


def _status_traces(counts: pd.DataFrame, scale: pd.DataFrame, horizontal: bool) -> list[dict]:
    traces = []
    for sid, label in zip(scale["status_id"], scale["label"]):
        if label not in counts.columns or counts[label].sum() == 0:
            continue
        n = counts[label].astype(int)
        hover = [f"<b>{esc(str(g))}</b><br>{esc(label)}: {v}" for g, v in zip(counts.index, n)]
        kw = (
            dict(y=[_wrap(str(i), 24) for i in counts.index], x=n.tolist(), orientation="h")  # wrapped to fit a phone
            if horizontal
            else dict(x=list(counts.index), y=n.tolist())
        )
        traces.append(
            dict(
                type="bar",
                name=label,
                marker=dict(color=STATUS_COLOURS.get(sid, "#777"), line=dict(width=0.5, color="#666")),
                hovertext=hover,
                hoverinfo="text",
                **kw,
            )
        )
    return traces


def status_by_goal(ds, by: str = "goal", title: str | None = None) -> go.Figure:
    """Stacked bars: the commitments of each goal (or area, document, ...) by current status, "not assessed" included.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments (as of a day: the statuses recorded by then).
    by : str
        goal, area, document, party, kind or modality.
    title : str, optional
        The chart title (default: says the day).

    Returns
    -------
    Figure
    """
    day = ds.as_of_date
    title = (
        title or f"Status by {by}, {'as of ' + format(day, '%d %b %Y') if day is not None else 'as recorded'}"
    )  # short: fits a phone
    if len(ds) == 0:
        return _empty(title)
    counts = ft.status_counts(ds, by)
    counts = counts[counts.sum(axis=1) > 0]
    traces = _status_traces(counts, ft.status_scale(ds), horizontal=True)
    return _figure(
        traces,
        title,
        height=max(300, 110 + 46 * len(counts)),
        barmode="stack",
        xaxis=_count_axis(None, int(counts.sum(axis=1).max())),
        yaxis=dict(autorange="reversed", title=dict(text=None), automargin=True),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, traceorder="normal"),
    )


def status_over_time(ds, title: str | None = None) -> go.Figure:
    """Stacked areas over time (each milestone and each as-of date of the ledger, on a time axis): how many
    commitments stood at each status, each count holding until the next date.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments (a selection of one goal shows that goal's).
    title : str, optional
        The chart title.

    Returns
    -------
    Figure
    """
    title = title or "Status over time, at each milestone and assessment"
    if len(ds) == 0:
        return _empty(title)
    over = ft.status_over_time(ds)
    if over.empty:
        return _empty(title, "No milestone or assessment date in this record.")
    table = over.groupby(["date", "status"], observed=True)["n"].sum().unstack("status", fill_value=0)
    scale = ft.status_scale(ds)
    series = [(label, STATUS_COLOURS.get(sid, "#777")) for sid, label in zip(scale["status_id"], scale["label"])]
    return _stacked_over_time(table, series, title)
