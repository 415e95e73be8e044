"""The explorers of the notebooks: the framework, a goal, an actor, an area, a document's text."""

from __future__ import annotations

import ipywidgets as W

from .. import charts, render
from ..query.profile import CRITERION_LABELS
from ..render.styles import TAB_CSS, style_tag
from .controls import CheckboxGroup
from .explorer import Explorer

__all__ = ["overview_explorer", "goal_explorer", "actor_explorer", "area_explorer", "source_reader"]


def _document_options(ds) -> list[tuple[str, str]]:
    """Short labels that fit a control: "JS · joint statement · 08 Oct 2021 · EN" -> document id (with its language)."""
    return [
        (
            f"{r.code} · {str(r.kind).replace('_', ' ')} · {r.date:%d %b %Y} · {str(getattr(r, 'language', '') or '').upper()}",
            r.document_id,
        )
        for r in ds.documents.itertuples(index=False)
    ]


def _common_filters(ds, document=None, modality=None) -> dict:
    docs = _document_options(ds)
    mods = [(m, m) for m in ds.choices("modality") if (ds.commitments["modality"] == m).any()]
    return {
        "document": CheckboxGroup(
            docs,
            value=tuple(ds.resolve("document", d) for d in (document or [])),
            description="Document (none ticked: all)",
            columns=1,
            width="340px",
        ),
        "modality": CheckboxGroup(
            mods, value=tuple(modality or ()), description="Modality (none ticked: all)", columns=3, width="360px"
        ),
        "meets": CheckboxGroup(
            [(label, c) for c, label in CRITERION_LABELS.items()],
            description="How concrete: meets every criterion ticked (none ticked: all)",
            columns=2,
            width="360px",
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
    """The framework at a glance, filterable by document, modality, criterion of the specificity profile and text.

    Parameters
    ----------
    ds : Dataset or Selection
        The data to explore; the controls filter it with :meth:`Dataset.filter`.
    document : list of str, optional
        Documents selected at first in the Document control: ids, codes or titles, resolved with
        :meth:`Dataset.resolve`; default None, none selected (all documents).

    Returns
    -------
    Explorer
        Document, modality, criterion (how concrete) and search controls over four panels (framework sunburst, modality mix,
        most involved actors, instruments), a headline and the table of the commitments that match
        (search words highlighted).
    """
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
    )


def goal_explorer(ds, goal="protect", document=None, modality=None) -> Explorer:
    """Pick a goal: its areas, modality mix, actors and commitments with their quotes.

    Parameters
    ----------
    ds : Dataset or Selection
        The data to explore; the controls filter it with :meth:`Dataset.filter`.
    goal : str or int
        The goal shown at first: id, name or number, resolved with :meth:`Dataset.resolve`; default ``"protect"``.
    document : list of str, optional
        Documents selected at first in the Document control: ids, codes or titles, resolved with
        :meth:`Dataset.resolve`; default None, none selected (all documents).
    modality : list of str, optional
        Modalities selected at first in the Modality control, as in ``ds.choices("modality")``
        (e.g. ``"pledge"``); default None, none selected (all modalities).

    Returns
    -------
    Explorer
        A goal dropdown plus document, modality, criterion (how concrete) and search controls over three panels (areas by kind,
        modality mix, most involved actors), a headline and the commitments table.
    """
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
    """Pick an actor (type a name or an acronym): its commitments, roles, partners and network.

    Parameters
    ----------
    ds : Dataset or Selection
        The data to explore; the controls filter it with :meth:`Dataset.filter`.
    actor : str
        The actor shown at first: id, name, acronym or alias (checked with :meth:`Dataset.resolve`, which
        raises if it names no actor), shown as written in the combobox; default ``"DEA"``.
    document : list of str, optional
        Documents selected at first in the Document control: ids, codes or titles, resolved with
        :meth:`Dataset.resolve`; default None, none selected (all documents).
    modality : list of str, optional
        Modalities selected at first in the Modality control, as in ``ds.choices("modality")``
        (e.g. ``"pledge"``); default None, none selected (all modalities).

    Returns
    -------
    Explorer
        An actor combobox plus role, document, modality, criterion (how concrete) and search controls over four panels (the actor's
        areas by kind, its partners, and the actor x goal heatmap and network of all of ``ds`` with the actor
        marked), its roles, a headline and the commitments table.
    """
    ds.resolve("actor", actor)
    controls = {
        "actor": W.Combobox(
            options=_actor_options(ds),
            value=actor,
            placeholder="name or acronym",
            description="Actor",
            ensure_option=False,
            continuous_update=True,  # a name picked from the list applies at once; a half-typed one waits (explorer.py)
            layout=W.Layout(width="min(420px, 100%)"),
        ),
        "role": CheckboxGroup(ds.choices("role"), description="Role (none ticked: all)", columns=2, width="240px"),
    }
    controls.update(_common_filters(ds, document=document, modality=modality))

    def name(v):
        return ds.name("actor", v["actor"])

    def roles_html(sel, v):
        aid = ds.resolve("actor", v["actor"])
        r = sel.long[sel.long["actor_id"] == aid]["role"].value_counts()
        r = r[r > 0]
        return render.roles_line(r)

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
    """Pick an area: the fact sheet's objective, the concrete commitments that serve it, the coverage gap.

    Parameters
    ----------
    ds : Dataset or Selection
        The data to explore; the controls filter it with :meth:`Dataset.filter`.
    area : str or int
        The area shown at first: id, name or number, resolved with :meth:`Dataset.resolve`;
        default ``"public-health"``.
    document : list of str, optional
        Documents selected at first in the Document control: ids, codes or titles, resolved with
        :meth:`Dataset.resolve`; default None, none selected (all documents).
    modality : list of str, optional
        Modalities selected at first in the Modality control, as in ``ds.choices("modality")``
        (e.g. ``"pledge"``); default None, none selected (all modalities).

    Returns
    -------
    Explorer
        An area dropdown plus document, modality, criterion (how concrete) and search controls over two panels (where the area's
        commitments sit, and the coverage of every area in ``ds`` with this one marked), the area's objective
        (escaped), a headline and the commitments table.
    """
    areas = [(f"{r.position}. {r.name}", str(r.area_id)) for r in ds.areas.itertuples(index=False)]
    controls = {
        "area": W.Dropdown(options=areas, value=ds.resolve("area", area), description="Area", layout=W.Layout(width="520px"))
    }
    controls.update(_common_filters(ds, document=document, modality=modality))

    def objective(sel, v):
        r = ds.row("area", v["area"])
        goal = ds.name("goal", str(r["goal_id"]))
        return render.blockquote(r["description"], lead=f"The fact sheet's objective for {r['name']} (goal: {goal})")

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
    """A document with every commitment highlighted in place; the controls pick what is highlighted.

    Parameters
    ----------
    ds : Dataset or Selection
        The data to read; the controls filter it with :meth:`Dataset.filter`.
    document : str
        The document shown at first: id, code or title, resolved with :meth:`Dataset.resolve`; default ``"JS"``.
    goal : list of str or int, optional
        Goals selected at first: ids, names or numbers, resolved with :meth:`Dataset.resolve`;
        default None, none selected (all goals).
    modality : list of str, optional
        Modalities selected at first in the Modality control, as in ``ds.choices("modality")``
        (e.g. ``"pledge"``); default None, none selected (all modalities).

    Returns
    -------
    Explorer
        Document, goal, modality and search controls over a map of the highlighted commitments, a headline
        and the document's text with the selected commitments highlighted (:func:`dialoguelib.render.source_html`);
        no table.
    """
    docs = _document_options(ds)
    goals = [(r.name, str(r.goal_id)) for r in ds.goals.itertuples(index=False)]
    controls = {
        "source": W.Dropdown(
            options=docs, value=ds.resolve("document", document), description="Document", layout=W.Layout(width="380px")
        ),
        "goal": CheckboxGroup(
            goals,
            value=tuple(ds.resolve("goal", g) for g in (goal or [])),
            description="Goal (none ticked: all)",
            columns=1,
            width="300px",
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


DASHBOARD_TABS = [
    ("Overview", overview_explorer),
    ("By goal", goal_explorer),
    ("By actor", actor_explorer),
    ("By area", area_explorer),
    ("Source reader", source_reader),
]


def dashboard(ds):
    """Every explorer in one app: a tab each (overview, goal, actor, area, source reader).

    This is what ``make dashboard`` serves with Voila (code hidden, widgets live). Each tab's
    explorer is built the first time the tab is opened, so the app starts with one.

    Parameters
    ----------
    ds : Dataset or Selection
        The data every explorer filters.

    Returns
    -------
    ipywidgets.Tab
        The tabs, each holding its explorer's panel; ``tab.explorers`` maps a tab's title to its
        :class:`Explorer` once built.
    """
    tab = W.Tab(children=[W.VBox() for _ in DASHBOARD_TABS], titles=[title for title, _ in DASHBOARD_TABS])
    tab.add_class("dlx-tabs")
    tab.explorers = {}

    def build(index):
        title, make = DASHBOARD_TABS[index]
        if title not in tab.explorers:
            tab.explorers[title] = make(ds)
            tab.explorers[title].note.layout.display = "none"  # no narrative above it here: every chart is live
            tab.children[index].children = (W.HTML(style_tag(TAB_CSS)), tab.explorers[title].widget)

    tab.observe(lambda change: build(change["new"]) if change["new"] is not None else None, names="selected_index")
    tab.selected_index = 0
    build(0)
    return tab
