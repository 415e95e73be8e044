"""ipywidgets control panels that update Plotly figures and a commitments table in place.

Each explorer is an :class:`Explorer`: a row of controls, a headline, figure panels and a
table. Changing a control recomputes the selection with :meth:`Dataset.filter` and
replaces each panel's figure. Figures are Plotly figures shown in ``Output`` widgets as
Plotly's own MIME bundle (drawn by JupyterLab and Voila), so no ``FigureWidget`` is
needed: no extra package, and no multi-megabyte widget state saved in notebooks.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import ipywidgets as W

from . import charts, render
from .charts import PLOTLY_MIME
from .markup import esc

__all__ = ["Explorer", "goal_explorer", "actor_explorer", "area_explorer", "source_reader", "overview_explorer", "figure_bundle"]


def figure_bundle(fig) -> dict:
    """A notebook ``display_data`` output holding a Plotly figure (what ``fig.show()`` emits in JupyterLab)."""
    data = fig.mime_bundle() if isinstance(fig, charts.Figure) else charts.Figure(fig).mime_bundle()
    return {"output_type": "display_data", "metadata": {}, "data": data}


def _html_bundle(markup: str) -> dict:
    import html
    import re

    plain = html.unescape(re.sub(r"<[^>]+>", "", markup))
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": markup, "text/plain": plain}}


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
        self.table = W.HTML() if table else None
        self.last_update_ms = None
        self.selection = None
        for c in controls.values():
            c.observe(self._on_change, names="value")
        box = W.HBox(list(controls.values()), layout=W.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="8px"))
        children = [box, self.status, self.headline, *self.panels, self.extra]
        if self.table is not None:
            children.append(self.table)
        self.widget = W.VBox(children, layout=W.Layout(width="100%"))
        self.update()

    def values(self) -> dict:
        """The controls' current values, by filter name."""
        return {k: c.value for k, c in self.controls.items()}

    def set(self, **values) -> None:
        """Set controls programmatically (as a user would), updating once at the end."""
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
        self.update()

    def update(self) -> None:
        """Recompute the selection and replace every figure and the table."""
        t0 = time.perf_counter()
        values = self.values()
        try:
            sel = self.ds.filter(**{k: v for k, v in self.to_filter(values).items() if v not in (None, "", ())})
        except ValueError as exc:  # e.g. an actor typed in the combobox that matches nothing
            self.status.value = f'<span style="color:#b00">{esc(exc)}</span>'
            return
        self.status.value = ""
        self.selection = sel
        self.headline.outputs = (_html_bundle(render.headline(sel, self.scope(values))),)
        for out, fn in zip(self.panels, self.panel_fns):
            out.outputs = (figure_bundle(fn(sel, values)),)
        if self.extra_fn is not None:
            self.extra.value = self.extra_fn(sel, values)
        if self.table is not None:
            self.table.value = render.commitments_table_html(sel)
        self.last_update_ms = (time.perf_counter() - t0) * 1000

    def figures(self) -> list[dict]:
        """The Plotly specs currently shown, one per panel."""
        return [out.outputs[0]["data"][PLOTLY_MIME] for out in self.panels]

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _document_options(ds) -> list[tuple[str, str]]:
    """Short labels that fit a control: "JS · joint statement · 08 Oct 2021" -> document id."""
    return [
        (f"{r.code} · {str(r.kind).replace('_', ' ')} · {r.date:%d %b %Y}", r.document_id)
        for r in ds.documents.itertuples(index=False)
    ]


def _common_filters(ds, document=None, modality=None) -> dict:
    docs = _document_options(ds)
    mods = [(m, m) for m in ds.choices("modality") if (ds.commitments["modality"] == m).any()]
    return {
        "document": W.SelectMultiple(
            options=docs,
            value=tuple(ds.resolve("document", d) for d in (document or [])),
            rows=min(4, len(docs)),
            description="Document",
            layout=W.Layout(width="330px"),
        ),
        "modality": W.SelectMultiple(
            options=mods, value=tuple(modality or ()), rows=4, description="Modality", layout=W.Layout(width="240px")
        ),
        "text": W.Text(
            value="",
            placeholder="words in the quote",
            description="Search",
            continuous_update=False,
            layout=W.Layout(width="260px"),
        ),
    }


def overview_explorer(ds, document=None) -> Explorer:
    """The framework at a glance, filterable by document, modality and text."""
    controls = _common_filters(ds, document=document)
    return Explorer(
        ds,
        controls,
        [
            lambda s, v: charts.framework_sunburst(s),
            lambda s, v: charts.modality_mix(s),
            lambda s, v: charts.top_actors(s),
            lambda s, v: charts.instruments(s),
        ],
        scope=lambda v: "all goals",
        table=False,
    )


def goal_explorer(ds, goal="protect", document=None, modality=None) -> Explorer:
    """Pick a goal: its areas, modality mix, actors and commitments with their quotes."""
    goals = [(r.name, str(r.goal_id)) for r in ds.goals.itertuples(index=False)]
    controls = {
        "goal": W.Dropdown(options=goals, value=ds.resolve("goal", goal), description="Goal", layout=W.Layout(width="360px"))
    }
    controls.update(_common_filters(ds, document=document, modality=modality))
    names = dict((v, k) for k, v in goals)
    return Explorer(
        ds,
        controls,
        [
            lambda s, v: charts.area_breakdown(s, goal=v["goal"], title=f"{names[v['goal']]}: commitments per area"),
            lambda s, v: charts.modality_mix(s, title=f"{names[v['goal']]}: how commitments are made"),
            lambda s, v: charts.top_actors(s, title=f"{names[v['goal']]}: actors involved"),
        ],
        scope=lambda v: names[v["goal"]],
    )


def _actor_options(ds) -> list[str]:
    opts = []
    for r in ds.actors.itertuples(index=False):
        opts.append(r.name)
        if isinstance(r.acronym, str):
            opts.append(r.acronym)
    return sorted(set(opts), key=str.casefold)


def actor_explorer(ds, actor="DEA", document=None, modality=None) -> Explorer:
    """Pick an actor (type a name or an acronym): its commitments, roles, partners and network."""
    ds.resolve("actor", actor)
    controls = {
        "actor": W.Combobox(
            options=_actor_options(ds),
            value=actor,
            placeholder="name or acronym",
            description="Actor",
            ensure_option=False,
            continuous_update=False,
            layout=W.Layout(width="420px"),
        ),
        "role": W.SelectMultiple(
            options=ds.choices("role"), value=(), rows=5, description="Role", layout=W.Layout(width="220px")
        ),
    }
    controls.update(_common_filters(ds, document=document, modality=modality))

    def name(v):
        return ds.name("actor", v["actor"])

    def roles_html(sel, v):
        aid = ds.resolve("actor", v["actor"])
        r = sel.long[sel.long["actor_id"] == aid]["role"].value_counts()
        r = r[r > 0]
        return "<p><b>Roles:</b> " + (", ".join(f"{esc(k)} {n}" for k, n in r.items()) or "none") + "</p>"

    return Explorer(
        ds,
        controls,
        [
            lambda s, v: charts.area_breakdown(s, title=f"{name(v)}: commitments per area"),
            lambda s, v: charts.partners(s, v["actor"]),
            lambda s, v: charts.actor_goal_heatmap(ds, highlight=v["actor"]),
            lambda s, v: charts.actor_network(ds, focus=v["actor"]),
        ],
        scope=name,
        extra=roles_html,
    )


def area_explorer(ds, area="public-health", document=None, modality=None) -> Explorer:
    """Pick an area: the fact sheet's objective, the concrete commitments that serve it, the coverage gap."""
    areas = [(f"{r.position}. {r.name}", str(r.area_id)) for r in ds.areas.itertuples(index=False)]
    controls = {
        "area": W.Dropdown(options=areas, value=ds.resolve("area", area), description="Area", layout=W.Layout(width="520px"))
    }
    controls.update(_common_filters(ds, document=document, modality=modality))

    def objective(sel, v):
        r = ds.row("area", v["area"])
        goal = ds.name("goal", str(r["goal_id"]))
        return f"<p><b>The fact sheet's objective for {esc(r['name'])}</b> (goal: {esc(goal)}):</p>" + render.blockquote(
            r["description"]
        )

    return Explorer(
        ds,
        controls,
        [
            lambda s, v: charts.commitment_map(s, title=f"{ds.name('area', v['area'])}: where its commitments sit"),
            lambda s, v: charts.area_coverage(ds, highlight=v["area"]),
        ],
        scope=lambda v: ds.name("area", v["area"]),
        extra=objective,
    )


def source_reader(ds, document="JS", goal=None, modality=None) -> Explorer:
    """A document with every commitment highlighted in place; the controls pick what is highlighted."""
    docs = _document_options(ds)
    goals = [(r.name, str(r.goal_id)) for r in ds.goals.itertuples(index=False)]
    controls = {
        "source": W.Dropdown(
            options=docs, value=ds.resolve("document", document), description="Document", layout=W.Layout(width="380px")
        ),
        "goal": W.SelectMultiple(
            options=goals,
            value=tuple(ds.resolve("goal", g) for g in (goal or [])),
            rows=4,
            description="Goal",
            layout=W.Layout(width="300px"),
        ),
        "modality": _common_filters(ds)["modality"],
        "text": _common_filters(ds)["text"],
    }
    if modality:
        controls["modality"].value = tuple(modality)

    def to_filter(v):
        return {"document": v["source"], "goal": v["goal"], "modality": v["modality"], "text": v["text"]}

    return Explorer(
        ds,
        controls,
        [lambda s, v: charts.commitment_map(s, title="Highlighted commitments in this document")],
        scope=lambda v: ds.name("document", v["source"]),
        extra=lambda s, v: render.source_html(ds, v["source"], selection=s),
        table=False,
        to_filter=to_filter,
    )
