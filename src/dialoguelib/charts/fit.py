"""How a chart is laid out for the width it is read at: the one place that decides it.

Every figure carries, in ``layout.meta.dlx``, one patch per width class: ``wide`` (a desktop
page: the figure's own layout), ``narrow`` (a phone, about 360 px of chart) and ``print`` (A4 less
its margins, 680 px). A patch sets the same keys in every class, so that going back to ``wide``
undoes ``narrow``: the title wrapped to the width, the legend below the plot on narrow widths
and on paper, long category labels shortened (their full text stays in the hover), whole-number
count ticks spaced so that they never collide, and point labels that would collide left to the
hover on a phone. The report page applies the patch of its width when it loads, when it is
resized and before it prints (``templates/dialoguelib_report``); the explorers draw the wide one.

>>> p = fit([dict(type="bar", orientation="h", y=["A long area name of the framework"], x=[3])],
...         dict(title=dict(text="Commitments per area"), xaxis=dict(tickformat="d")), largest={"xaxis": 3})
>>> p["narrow"]["layout"]["yaxis.ticktext"], p["narrow"]["layout"]["xaxis.tickvals"]
(['A long area name of…'], [0, 1, 2, 3])
"""

from __future__ import annotations

import html
import math
import re
import textwrap

__all__ = ["WIDTHS", "fit", "shorten", "count_ticks"]

#: The width classes: the chart's width in CSS pixels that each patch is laid out for.
WIDTHS = {"wide": 1000, "narrow": 360, "print": 680}
NARROW_BELOW = 600  # a page narrower than this shows the narrow layout (used by the report page's script)
_TITLE_PX = 9.0  # the mean width of a character of the 16 px title font
_TICK_PX = 7.0  # and of the 12-13 px tick labels
_MAX_TICKS = {"wide": 10, "narrow": 5, "print": 8}
_LABEL_SHARE = {"wide": 0.4, "narrow": 0.42, "print": 0.4}  # of the width that horizontal bars' labels may take
_CATEGORY_TYPES = {"bar", "heatmap", "box", "violin", "histogram"}


def shorten(text: str, chars: int) -> str:
    """``text`` cut at a word to at most ``chars`` characters, with an ellipsis when cut.

    Parameters
    ----------
    text : str
        A label.
    chars : int
        The most characters it may take.

    Returns
    -------
    str

    >>> shorten("Reduce Human Smuggling and Trafficking", 20), shorten("Short", 20)
    ('Reduce Human…', 'Short')
    """
    text = " ".join(str(text).split())
    if len(text) <= chars:
        return text
    cut = text[: chars - 1].rsplit(" ", 1)[0] if " " in text[: chars - 1] else text[: chars - 1]
    return cut.rstrip(" ,;:–-") + "…"


def _plain(label: str) -> str:
    """A label's text without the markup a builder put in it (line breaks, bold), entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", " ", str(label)))


def count_ticks(largest: float, max_ticks: int) -> list[int]:
    """Whole-number ticks from 0 to at least ``largest``, at most ``max_ticks`` of them, at a round step.

    Parameters
    ----------
    largest : float
        The largest count the axis shows.
    max_ticks : int
        The most ticks the width holds without their labels touching.

    Returns
    -------
    list of int

    >>> count_ticks(3, 5), count_ticks(27, 5), count_ticks(27, 10)
    ([0, 1, 2, 3], [0, 10, 20, 30], [0, 5, 10, 15, 20, 25, 30])
    """
    largest = max(1, math.ceil(largest))
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000):
        if math.ceil(largest / step) + 1 <= max_ticks:
            break
    top = math.ceil(largest / step) * step
    return list(range(0, top + 1, step))


def _same(text: str) -> str:
    return text


def _wrap(text: str, chars: int, escape=_same) -> str:
    """Text wrapped at words to lines of at most ``chars`` characters, each line through ``escape``, joined by ``<br>``."""
    lines = textwrap.wrap(" ".join(str(text).split()), max(chars, 12), break_on_hyphens=False, break_long_words=False)
    return "<br>".join(escape(line) for line in lines)


def _categories(traces: list[dict], axis: str) -> list[str]:
    """The string categories shown along ``xaxis`` or ``yaxis`` by bar-like traces, in order of first appearance."""
    letter = axis[0]
    seen: dict = {}
    for t in traces:
        if t.get("type", "scatter") not in _CATEGORY_TYPES:
            continue
        values = t.get(letter)
        if isinstance(values, (list, tuple)):
            for v in values:
                if isinstance(v, str):
                    seen.setdefault(v, None)
    return list(seen)


def _category_patch(traces: list[dict], layout: dict, cls: str, escape) -> dict:
    """Shortened tick labels for each categorical axis (the full labels stay in the data and the hover)."""
    out = {}
    width = WIDTHS[cls]
    for axis in ("xaxis", "yaxis"):
        cats = _categories(traces, axis)
        if not cats:
            continue
        if axis == "yaxis" or layout.get(axis, {}).get("side") == "top":
            chars = int(width * _LABEL_SHARE[cls] / _TICK_PX)  # labels beside the bars, or a heatmap's columns
            if axis == "xaxis":
                chars = max(8, int(width / max(len(cats), 1) / _TICK_PX))
        else:
            room = width / max(len(cats), 1)  # below vertical bars: upright when they fit, else turned
            chars = 18 if cls == "narrow" else 28
            longest = max(len(c) for c in cats)
            out[f"{axis}.tickangle"] = 0 if longest * _TICK_PX <= room else (-45 if cls == "wide" else -90)
        out[f"{axis}.tickmode"] = "array"
        out[f"{axis}.tickvals"] = [escape(c) for c in cats]
        out[f"{axis}.ticktext"] = [escape(shorten(_plain(c), chars)) for c in cats]
    return out


def _has_legend(traces: list[dict]) -> bool:
    shown = [t for t in traces if t.get("showlegend", True) and t.get("name")]
    return len(shown) > 1 or any(t.get("showlegend") is True for t in traces)


def _layout_patch(traces: list[dict], layout: dict, largest: dict, cls: str, escape) -> dict:
    width = WIDTHS[cls]
    title = layout.get("title", {}).get("text") or ""
    patch = {"title.text": _wrap(title, int(width / _TITLE_PX), escape)}
    lines = patch["title.text"].count("<br>") + 1
    patch["margin.t"] = 40 + 24 * lines
    patch["margin.l"] = 10 if cls == "wide" else 4
    patch["margin.r"] = 10 if cls == "wide" else 4
    grown = 24 * (lines - 1)  # the plot keeps its own height: the figure grows by what is added around it
    labels_beside = width * _LABEL_SHARE[cls] if _categories(traces, "yaxis") else 0  # a bar chart's labels on the left
    for axis in ("xaxis", "yaxis"):
        axis_title = ((layout.get(axis) or {}).get("title") or {}).get("text")
        if axis_title:
            room = (width - labels_beside) if axis == "xaxis" else (layout.get("height") or 420) - 120
            patch[f"{axis}.title.text"] = _wrap(axis_title, int(room / _TITLE_PX), escape)
            grown += 18 * patch[f"{axis}.title.text"].count("<br>") if axis == "xaxis" else 0
        if axis in largest:
            patch[f"{axis}.tickmode"] = "array"
            patch[f"{axis}.tickvals"] = count_ticks(largest[axis], _MAX_TICKS[cls])
    if _has_legend(traces):
        legend = dict(layout.get("legend") or {})
        below = cls != "wide" or legend.get("orientation") == "h"
        patch["legend.orientation"] = "h" if below else legend.get("orientation", "v")
        patch["legend.x"] = 0 if below else legend.get("x", 1.02)
        patch["legend.xanchor"] = "left"
        patch["legend.yref"] = "container" if below else "paper"
        patch["legend.y"] = 0 if below else legend.get("y", 1)
        patch["legend.yanchor"] = "bottom" if below else "top"
        patch["margin.b"] = 10 + (24 * _legend_rows(traces, width) if below else 0)
        grown += patch["margin.b"] - 10
    patch["height"] = (layout.get("height") or 420) + grown
    patch.update(_category_patch(traces, layout, cls, escape))
    return patch


def _legend_rows(traces: list[dict], width: int) -> int:
    """How many rows a horizontal legend of these traces takes at this width (for the bottom margin)."""
    names = [str(t.get("name", "")) for t in traces if t.get("showlegend", True) and t.get("name")]
    used, rows = 0, 1
    for n in names:
        item = 40 + _TICK_PX * len(n)
        if used and used + item > width:
            rows, used = rows + 1, 0
        used += item
    return rows


def _trace_patch(traces: list[dict], cls: str) -> tuple[dict, list[int]]:
    """Point labels (a network's names, a timeline's codes) left to the hover on a phone, where they collide."""
    labelled = [i for i, t in enumerate(traces) if "text" in str(t.get("mode", "")) and t.get("type", "scatter") == "scatter"]
    if not labelled:
        return {}, []
    modes = [str(traces[i]["mode"]) for i in labelled]
    if cls == "narrow":
        modes = [m.replace("+text", "").replace("text+", "") or "markers" for m in modes]
    return {"mode": modes}, labelled


def fit(traces: list[dict], layout: dict, largest: dict | None = None, escape=_same) -> dict:
    """The layout patch of each width class (see the module's docstring).

    Parameters
    ----------
    traces : list of dict
        The figure's traces, as plain dicts.
    layout : dict
        Its layout (the wide one).
    largest : dict, optional
        The largest count along each count axis (``{"xaxis": 27}``), whose ticks are spaced here.
    escape : callable
        Makes a text from the data safe to show (titles, labels): the charts pass their escaping; default none.

    Returns
    -------
    dict
        ``{class: {"layout": {key: value}, "data": {attribute: [values]}, "traces": [indices]}}`` for
        ``wide``, ``narrow`` and ``print``, ready for ``Plotly.update(plot, data, layout, traces)``.
    """
    largest = largest or {}
    out = {}
    for cls in WIDTHS:
        data, indices = _trace_patch(traces, cls)
        out[cls] = {"layout": _layout_patch(traces, layout, largest, cls, escape), "data": data, "traces": indices}
    return out
