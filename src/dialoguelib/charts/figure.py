"""The house style of every chart, and the figure class that displays itself as Plotly's own MIME bundle.

Builders assemble plain trace and layout dicts and make one validated :class:`Figure` at the
end with :func:`_figure` (the fast path: Plotly's step-by-step API re-validates the whole
figure on every call).
"""

from __future__ import annotations

import functools
import math
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from ..render.markup import esc
from ..render.styles import goal_colours
from .fit import fit

__all__ = ["PLOTLY_MIME", "Figure", "KIND_PATTERNS", "MAX_POINTS", "FONT", "TEMPLATE", "Safe", "flag_illustrative"]

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
        what an exported report page keeps (it loads plotly.js once). Returns the figure.

        Parameters
        ----------
        div_id : str
            The ``id`` of the ``div`` in the ``text/html`` part of :meth:`mime_bundle`.

        Returns
        -------
        Figure
            This figure itself (changed in place), so calls can be chained.
        """
        self._div_id = div_id
        return self

    def mime_bundle(self) -> dict:
        """The display data: Plotly's JSON spec (with config), a text fallback, and the page div if asked for.

        Returns
        -------
        dict
            MIME type -> data: ``application/vnd.plotly.v1+json`` (the figure's JSON with a ``config``),
            ``text/plain`` (``<Plotly figure: title>``) and, after :meth:`in_page`, ``text/html`` (a ``div``
            with that id, which needs ``window.Plotly``).
        """
        import json

        config = {"displaylogo": False, "responsive": True}
        spec = json.loads(self.to_json())
        spec["config"] = config
        bundle = {PLOTLY_MIME: spec, "text/plain": f"<Plotly figure: {self.layout.title.text or ''}>"}
        if self._div_id:
            html = self.to_html(full_html=False, include_plotlyjs=False, div_id=self._div_id, config=config)
            # no fixed height on the divs: the page lays the chart out for its width (fit.py), which can make it
            # taller (a wrapped title, a legend below); the divs then grow with it instead of letting it overlap
            # what follows
            bundle["text/html"] = re.sub(r'style="height:[^;"]*; width:100%;"', 'style="width:100%;"', html, count=2)
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


class Safe(str):
    """Chart text that holds its own markup (data escaped, with ``<br>`` or ``<b>``): shown as it is.

    Plotly draws a subset of HTML in every text of a chart (tick labels, legend entries, sunburst
    labels, hover), so every other text from the data is escaped by :func:`_figure`.
    """


def _text(value):
    """A text of a chart made safe: escaped unless it is :class:`Safe`; numbers, dates and None unchanged."""
    if isinstance(value, Safe) or not isinstance(value, str):
        return value
    return esc(value)


# the trace attributes whose strings plotly draws as text (hovertext is composed, and escaped, by each builder)
_TEXT_KEYS = ("x", "y", "labels", "parents", "ids", "text", "name")


def _escaped(trace: dict) -> dict:
    out = dict(trace)
    for key in _TEXT_KEYS:
        value = out.get(key)
        if isinstance(value, (list, tuple)):
            out[key] = [_text(v) for v in value]
        elif isinstance(value, str):
            out[key] = _text(value)
    return out


def _wrap(text, width: int = 70) -> Safe:
    """Escape text for hover labels and wrap it with <br>."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return Safe("")
    return _wrap_str(str(text), width)


@functools.lru_cache(maxsize=50_000)
def _wrap_str(text: str, width: int) -> Safe:
    # cached: explorers re-draw the same quotes on every change, and textwrap is slow
    text = " ".join(text.split())
    return Safe("<br>".join(esc(line) for line in textwrap.wrap(text, width)) or "")


def _apply(spec: dict, patch: dict) -> None:
    """Set ``patch``'s dotted keys (``"legend.y"``) in the nested ``spec``."""
    for key, value in patch.items():
        node = spec
        *path, last = key.split(".")
        for part in path:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[last] = value


def _figure(traces: list[dict], title: str, height: int = 420, **layout) -> Figure:
    """The figure of ``traces`` (plain trace dicts) with the house style and ``layout`` on top.

    Every text from the data is escaped here (:class:`Safe` texts excepted), and the layout for
    each width is decided here (:mod:`dialoguelib.charts.fit`): the figure itself has the wide one.
    Builders assemble plain dicts and make one validated ``Figure`` at the end: Plotly's
    incremental API (``add_trace``, ``update_layout``, ``update_xaxes``) re-validates the
    whole figure on every call and cost ~30 ms per chart, which widgets pay on every change.
    """
    spec = dict(
        title=dict(text=title, x=0.01, xanchor="left", font=dict(size=16)),
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=60, b=10),
        template=TEMPLATE,
        hoverlabel=dict(align="left"),
        legend=dict(title=dict(text=None), traceorder="normal"),
    )
    spec.update(layout)
    largest = {axis: spec[axis].pop("_largest") for axis in ("xaxis", "yaxis") if "_largest" in spec.get(axis, {})}
    for axis in ("xaxis", "yaxis"):
        if "categoryarray" in spec.get(axis, {}):
            spec[axis] = {**spec[axis], "categoryarray": [_text(c) for c in spec[axis]["categoryarray"]]}
    patches = fit(traces, spec, largest, escape=_text)
    traces = [_escaped(t) for t in traces]
    wide = patches["wide"]
    _apply(spec, wide["layout"])
    for attribute, values in wide["data"].items():
        for i, value in zip(wide["traces"], values):
            traces[i] = {**traces[i], attribute: value}
    spec["meta"] = {"dlx": patches}
    return Figure(dict(data=traces, layout=spec))


def flag_illustrative(fig: Figure, what: str) -> Figure:
    """Say under the figure's title that its data holds illustrative material (``what``, e.g. "1 illustrative
    document"); the figure unchanged when ``what`` is empty.

    Parameters
    ----------
    fig : Figure
        A figure of :func:`_figure`.
    what : str
        What of the record is illustrative (``Dataset.illustrative``).

    Returns
    -------
    Figure
        The same figure, with a subtitle and room for it at every width.
    """
    if not what:
        return fig
    note = esc(f"Illustrative data: {what}, not real ones")
    fig.layout.title.subtitle.text = note
    fig.layout.title.subtitle.font = dict(size=12, color="#8a4b00")
    patches = fig.layout.meta["dlx"] if fig.layout.meta else {}
    for patch in patches.values():
        patch["layout"]["margin.t"] = patch["layout"].get("margin.t", 60) + 22
        patch["layout"]["height"] = patch["layout"].get("height", 420) + 22
        patch["layout"]["title.subtitle.text"] = note
    fig.layout.margin.t = (fig.layout.margin.t or 60) + 22
    fig.layout.height = (fig.layout.height or 420) + 22
    if patches:
        fig.layout.meta = {"dlx": patches}
    return fig


def _axis_title(text: str, **axis) -> dict:
    return dict(title=dict(text=text), **axis)


def _count_axis(text: str | None, largest: float, **axis) -> dict:
    """An axis of counts from 0: whole-number ticks at a round step, as many as the width holds (:mod:`.fit`).

    >>> _count_axis("Commitments", 3)["_largest"]
    3
    """
    return dict(title=dict(text=text), rangemode="tozero", tickformat="d", _largest=largest, **axis)


def _empty(title: str, message: str = "No commitments match this selection.") -> go.Figure:
    note = dict(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=15, color="#555"))
    return _figure([], title, height=260, annotations=[note], xaxis=dict(visible=False), yaxis=dict(visible=False))


def _stacked_by_goal(
    ds, counts: pd.DataFrame, category: str, title: str, xlabel: str, ylabel: str, horizontal: bool = False, height: int = 420
) -> go.Figure:
    colours = goal_colours(ds.goals)
    order = list(dict.fromkeys(counts[category]))
    # (goal, category) -> (count, hover): a few dozen rows, read once in Python rather than cut per goal in pandas
    hovers = counts["hover"].tolist() if "hover" in counts else [""] * len(counts)
    cells = {
        (str(g), c): (int(v), h)
        for g, c, v, h in zip(counts["goal"].tolist(), counts[category].tolist(), counts["n"].tolist(), hovers)
    }
    traces = []
    for goal in ds.goals["name"]:
        got = [cells.get((goal, c), (0, "")) for c in order]
        n = [v for v, _ in got]
        if sum(n) == 0:
            continue
        hover = [
            f"<b>{esc(str(c))}</b><br>{esc(goal)}: {v}" + (f"<br>{h}" if isinstance(h, str) and h else "")
            for c, (v, h) in zip(order, got)
        ]
        kw = dict(y=order, x=n, orientation="h") if horizontal else dict(x=order, y=n)
        traces.append(dict(type="bar", name=goal, marker=dict(color=colours[goal]), hovertext=hover, hoverinfo="text", **kw))
    largest = counts.groupby(category, sort=False)["n"].sum().max() if len(counts) else 0
    if horizontal:
        xaxis, yaxis = _count_axis(xlabel, largest), _axis_title(ylabel, autorange="reversed")
    else:
        xaxis, yaxis = _axis_title(xlabel), _count_axis(ylabel, largest)
    return _figure(traces, title, height=height, barmode="stack", xaxis=xaxis, yaxis=yaxis)


def _count_heatmap(m, x: list, y: list, title: str, ylabel: str, height: int, hover: str) -> Figure:
    """A heatmap of counts with the counts written in the cells, rows top to bottom, columns on top."""
    trace = dict(
        type="heatmap",
        z=m.to_numpy(),
        x=x,
        y=y,
        colorscale="Blues",
        text=m.to_numpy(),
        texttemplate="%{text}",
        colorbar=dict(title=dict(text="Commitments")),
        hovertemplate=hover,
        xgap=2,
        ygap=2,
    )
    return _figure([trace], title, height=height, yaxis=_axis_title(ylabel, autorange="reversed"), xaxis=dict(side="top"))


def _stacked_over_time(table: pd.DataFrame, series: list[tuple[str, str]], title: str) -> go.Figure:
    """Counts over time as stacked areas on a date axis, each count holding until the next date.

    ``table`` has one row per date (its index) and one column per series; ``series`` lists
    ``(column, colour)`` in stacking order (a column absent or always 0 is left out).
    """
    dates = [f"{d:%Y-%m-%d}" for d in table.index]
    traces = []
    for column, colour in series:
        if column not in table.columns or table[column].sum() == 0:
            continue
        n = table[column].astype(int).tolist()
        traces.append(
            dict(
                type="scatter",
                mode="lines",
                stackgroup="over-time",
                line=dict(shape="hv", width=0.5, color="#666"),
                fillcolor=colour,
                name=column,
                x=dates,
                y=n,
                hovertext=[f"<b>{d}</b><br>{esc(column)}: {v}" for d, v in zip(dates, n)],
                hoverinfo="text",
            )
        )
    # a time axis: dates a week apart stand a week apart, years apart stand years apart
    return _figure(
        traces,
        title,
        height=400,
        xaxis=dict(type="date", title=dict(text=None)),
        yaxis=_count_axis("Commitments", int(table.sum(axis=1).max())),
        legend=dict(orientation="h", yanchor="top", y=-0.22, x=0),
    )
