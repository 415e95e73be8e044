"""An explorer: a row of ipywidgets controls bound to figure panels, a headline and a table."""

from __future__ import annotations

import time
from collections.abc import Callable

import ipywidgets as W

from .. import charts, render
from ..charts import PLOTLY_MIME
from ..render.datatable import commitment_cells, commitment_cells_empty, table_options
from ..render.markup import esc, not_typeset
from ..render.styles import DATATABLE_CSS

__all__ = ["Explorer", "figure_bundle"]


def figure_bundle(fig) -> dict:
    """A notebook ``display_data`` output holding a Plotly figure (what ``fig.show()`` emits in JupyterLab).

    Parameters
    ----------
    fig : Figure, plotly.graph_objects.Figure or dict
        The figure; anything else than a :class:`~dialoguelib.charts.Figure` is converted to one.

    Returns
    -------
    dict
        ``{"output_type": "display_data", "metadata": {}, "data": ...}`` with the figure's
        :meth:`~dialoguelib.charts.Figure.mime_bundle` as ``data``.
    """
    data = fig.mime_bundle() if isinstance(fig, charts.Figure) else charts.Figure(fig).mime_bundle()
    return {"output_type": "display_data", "metadata": {}, "data": data}


def _html_bundle(markup: str) -> dict:
    import html
    import re

    plain = html.unescape(re.sub(r"<[^>]+>", "", markup))
    data = {"text/html": not_typeset(markup), "text/plain": plain}  # "$5 million and $6 million" as written
    return {"output_type": "display_data", "metadata": {}, "data": data}


def _compact(exc: Exception) -> str:
    """A one-line message for the panel: an unknown name with its close matches, not every valid value.

    >>> from dialoguelib.errors import UnknownValueError
    >>> _compact(UnknownValueError("actor", "SAMSHA", ["a"] * 40, ["Substance Abuse and Mental Health Services Administration (SAMHSA)"]))
    "No actor matches 'SAMSHA'. Did you mean Substance Abuse and Mental Health Services Administration (SAMHSA)?"
    """
    from ..errors import UnknownValueError

    if isinstance(exc, UnknownValueError):
        hint = f" Did you mean {' or '.join(map(str, exc.suggestions[:2]))}?" if exc.suggestions else " Check the spelling."
        return f"No {exc.parameter} matches {exc.value!r}.{hint}"
    return str(exc)


#: The most rows an explorer's table holds: a larger selection shows its first rows, with a note saying so
#: (the cells are built only for the rows shown, so a change stays quick at any size).
TABLE_MAX_ROWS = 1_000


def _table_options(ds) -> dict:
    """The explorer table's options: a report table's (its CSV and Excel files named with the data's release, as
    ``commitments-data-1.3.0.csv``)."""
    return table_options("commitments", ds.release.version)


def _table_rows(sel, criteria: dict) -> tuple:
    """The rows an explorer's table shows, and the note above it: the whole selection (no note), or its first
    :data:`TABLE_MAX_ROWS` commitments and a note that says so and how to get them all.

    Parameters
    ----------
    sel : Selection
        The explorer's selection.
    criteria : dict
        The :meth:`Dataset.filter` keywords it was made with (the note's line of code).

    Returns
    -------
    tuple
        The rows (a Selection) and the note (HTML, escaped; empty when every row is shown).

    >>> import dialoguelib
    >>> _table_rows(dialoguelib.load().by_goal("pursue"), {"goal": "pursue"})[1]
    ''
    """
    if len(sel) <= TABLE_MAX_ROWS:
        return sel, ""
    call = f'ds.filter({", ".join(f"{k}={v!r}" for k, v in criteria.items())}).export("csv", "commitments.zip")'
    note = (
        '<div class="dlx-table-note">'
        f"The first {TABLE_MAX_ROWS:,} of {len(sel):,} commitments, in the data's order. The table's search, filters "
        "and files cover these rows: narrow the selection with the controls above to see the others here, or save "
        f"them all from Python with <code>{esc(call)}</code>.</div>"
    )
    return sel.head(TABLE_MAX_ROWS), note


def _table(options: dict):
    """The interactive commitments table of an explorer: itables' widget (search, a filter per column, export),
    with the project's table rules added to the widget's own stylesheet."""
    from pathlib import Path

    import itables.widget

    class Table(itables.widget.ITable):
        _css = (Path(itables.widget.__file__).parent / "static" / "widget.css").read_text(encoding="utf-8") + DATATABLE_CSS

    return Table(commitment_cells_empty(), **options)


def _half_typed(value: str, options) -> bool:
    """Whether a combobox's text is the start of one of its options, but not yet one (the user is typing)."""
    low = str(value).strip().lower()
    return bool(low) and value not in options and any(str(o).lower().startswith(low) for o in options)


class Explorer:
    """Controls bound to figure panels, a headline and a table.

    Parameters
    ----------
    ds : Dataset
        The whole data.
    controls : dict of str -> ipywidgets.ValueWidget
        Filter name (a :meth:`Dataset.filter` keyword) -> its control.
    panels : list of callables
        Each takes ``(selection, values)`` and returns a Plotly figure.
    scope : callable
        Takes ``values`` and returns the text that names the selection.
    extra : callable, optional
        Takes ``(selection, values)`` and returns HTML shown above the table.
    table : bool
        Show the commitments table below the panels; default True.
    to_filter : callable, optional
        Takes ``values`` and returns the :meth:`Dataset.filter` keywords; default None, the values as they are.
    """

    def __init__(
        self,
        ds,
        controls: dict,
        panels: list[Callable],
        scope: Callable,
        extra: Callable | None = None,
        table: bool = True,
        to_filter: Callable | None = None,
    ):
        self.ds = ds
        self.controls = controls
        self.panel_fns = panels
        self.scope = scope
        self.extra_fn = extra
        self.to_filter = to_filter or (lambda values: values)
        self.headline = W.Output(layout=W.Layout(margin="4px 0"))
        self.status = W.HTML()
        self.panels = [W.Output(layout=W.Layout(width="100%")) for _ in panels]
        self.extra = W.HTML()
        self.table_note = W.HTML()  # what the table leaves out of a large selection
        self.table_options = _table_options(ds)
        self.table = _table(self.table_options) if table else None
        self.last_update_ms = None
        self.selection = None
        for c in controls.values():
            c.observe(self._on_change, names="value")
        self.initial = self.values()
        self.reset_button = W.Button(
            description="Reset", tooltip="Back to the notebook's parameters", layout=W.Layout(width="90px")
        )
        self.reset_button.on_click(lambda _: self.reset())
        box = W.HBox(
            [*controls.values(), self.reset_button],
            layout=W.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="8px"),
        )
        # a clear boundary: the charts above this panel are the notebook's narrative, drawn once for its parameters
        self.note = note = W.HTML(
            '<div class="dlx-live-note"><b>Live panel.</b> These controls redraw the charts and the table '
            "inside this box; the charts above it show the notebook's parameters.</div>"
        )
        children = [note, box, self.status, self.headline, *self.panels, self.extra]
        if self.table is not None:
            children += [self.table_note, self.table]
        self.widget = W.VBox(children, layout=W.Layout(width="100%", border="2px solid #0072B2", padding="6px 10px"))
        self.widget.add_class("dlx-live-panel")
        self.update()

    def reset(self) -> None:
        """Put every control back to its first value (the notebook's parameters), updating once.

        Returns
        -------
        None
        """
        self.set(**self.initial)

    def values(self) -> dict:
        """The controls' current values, by filter name.

        Returns
        -------
        dict
            Control name -> its current value.
        """
        return {k: c.value for k, c in self.controls.items()}

    def set(self, **values) -> None:
        """Set controls programmatically (as a user would), updating once at the end.

        Parameters
        ----------
        **values
            Control name -> the value to give it (a value the control accepts, e.g. one of its options).

        Returns
        -------
        None
        """
        self._hold = True
        try:
            for k, v in values.items():
                self.controls[k].value = v
        finally:
            self._hold = False
        self.update()

    def _on_change(self, change) -> None:
        if getattr(self, "_hold", False):
            return
        owner = change.get("owner") if isinstance(change, dict) else getattr(change, "owner", None)
        if isinstance(owner, W.Combobox) and _half_typed(owner.value, owner.options):
            return  # a name still being typed: the explorer changes once it is a name, or can be none
        self.update()

    def update(self) -> None:
        """Recompute the selection and replace every figure and the table.

        When the filter fails (``ValueError``, e.g. an unknown actor typed in), the error is shown,
        escaped, in the status line and the panels keep their figures.

        Returns
        -------
        None
        """
        t0 = time.perf_counter()
        values = self.values()
        criteria = {k: v for k, v in self.to_filter(values).items() if v not in (None, "", ())}
        try:
            sel = self.ds.filter(**criteria)
        except ValueError as exc:  # e.g. an actor typed in the combobox that matches nothing
            self.status.value = f'<span style="color:#b00">{esc(_compact(exc))}</span>'
            return
        self.status.value = ""
        self.selection = sel
        self.headline.outputs = (_html_bundle(render.headline(sel, self.scope(values))),)
        for out, fn in zip(self.panels, self.panel_fns):
            out.outputs = (figure_bundle(fn(sel, values)),)
        if self.extra_fn is not None:
            self.extra.value = self.extra_fn(sel, values)
        if self.table is not None:
            rows, self.table_note.value = _table_rows(sel, criteria)
            # every option again: update() recomputes them all
            self.table.update(commitment_cells(rows), **self.table_options)
        self.last_update_ms = (time.perf_counter() - t0) * 1000

    def figures(self) -> list[dict]:
        """The Plotly specs currently shown, one per panel.

        Returns
        -------
        list of dict
            Each panel's Plotly JSON spec (``data``, ``layout`` and ``config``), in panel order.
        """
        return [out.outputs[0]["data"][PLOTLY_MIME] for out in self.panels]

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
