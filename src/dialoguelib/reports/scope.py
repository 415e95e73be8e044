"""What one report covers (a goal, an area, an actor or the whole framework) and its sections.

``notebooks/06-report.ipynb`` calls these; ``dialoguelib report`` runs that notebook
with papermill and exports it to HTML. All data text is HTML-escaped here, and no section
is Markdown: a name such as ``[x](javascript:...)`` stays text.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .. import charts, render
from .._version import __version__ as _lib_version
from ..render.datatable import commitments_datatable

__all__ = ["Scope", "slug"]


def _as_of_note(ds) -> str:
    return f" · as of {ds.as_of_date:%d %B %Y}" if ds.as_of_date is not None else ""


def slug(kind: str, key: str | None) -> str:
    """The file name stem of a report: ``framework``, or kind and key (``goal-protect``).

    Parameters
    ----------
    kind : str
        ``"goal"``, ``"area"``, ``"actor"`` or ``"framework"``.
    key : str or None
        The goal, area or actor id (ignored for the framework).

    Returns
    -------
    str
        ``"framework"``, or ``"KIND-KEY"``.

    Examples
    --------
    >>> slug("goal", "protect"), slug("framework", None)
    ('goal-protect', 'framework')
    """
    return "framework" if kind == "framework" else f"{kind}-{key}"


@dataclass
class Scope:
    """What a report covers: a selection of the data and how to name it."""

    ds: object
    selection: object
    kind: str  # "goal", "area", "actor" or "framework"
    key: str | None
    title: str
    subtitle: str

    @classmethod
    def from_parameters(cls, ds, goal=None, area=None, actor=None, document=None, as_of=None) -> Scope:
        """Build the scope from report parameters: at most one of goal, area, actor.

        Parameters
        ----------
        ds : Dataset
            The data.
        goal : str, optional
            The goal to report on, by id, name or number (default None).
        area : str, optional
            The area to report on, by id, name or number (default None).
        actor : str, optional
            The actor to report on, by id, name, acronym or alias (default None).
        document : str or list of str, optional
            Limit the scope to this document or these documents, by id, code or title (default None: all documents).
        as_of : str, optional
            Report the record as it stood on this day, ``YYYY-MM-DD`` (default None: as it is now).

        Returns
        -------
        Scope
            The scope of the one goal, area or actor given, or of the whole framework when none is.

        Raises
        ------
        ValueError
            More than one of goal, area and actor is given.

        Examples
        --------
        >>> import dialoguelib
        >>> s = Scope.from_parameters(dialoguelib.load(), area="extraditions")
        >>> s.title, len(s.selection)
        ('Increase Cooperation on Extraditions', 2)
        """
        given = {k: v for k, v in {"goal": goal, "area": area, "actor": actor}.items() if v}
        if len(given) > 1:
            raise ValueError(f"set at most one of goal, area, actor; got {sorted(given)}")
        if as_of:
            ds = ds.as_of(as_of)
        docs = [ds.resolve("document", d) for d in ([document] if isinstance(document, str) else (document or []))]
        base = ds.filter(document=docs) if docs else ds
        doc_note = ""
        if docs:
            doc_note = " · documents: " + ", ".join(ds.row("document", d)["code"] for d in docs)
        if not given:
            return cls(
                ds,
                base,
                "framework",
                None,
                "The Bicentennial Framework: all commitments",
                "U.S.-Mexico High-Level Security Dialogue, 8 October 2021" + doc_note + _as_of_note(ds),
            )
        kind, value = next(iter(given.items()))
        key = ds.resolve(kind, value)
        if kind == "goal":
            return cls(
                ds,
                base.filter(goal=key),
                kind,
                key,
                ds.name("goal", key),
                "Goal of the Bicentennial Framework" + doc_note + _as_of_note(ds),
            )
        if kind == "area":
            row = ds.row("area", key)
            goal = ds.name("goal", str(row["goal_id"]))
            return cls(
                ds, base.filter(area=key), kind, key, row["name"], f"Area under the goal “{goal}”" + doc_note + _as_of_note(ds)
            )
        row = ds.row("actor", key)
        acr = f" ({row['acronym']})" if isinstance(row["acronym"], str) else ""
        return cls(
            ds,
            base.filter(actor=key),
            kind,
            key,
            f"{row['name']}{acr}",
            f"Actor · {str(row['type']).replace('_', ' ')} · {row['country']}" + doc_note + _as_of_note(ds),
        )

    @property
    def slug(self) -> str:
        """File name stem for this report, e.g. ``goal-protect``."""
        return slug(self.kind, self.key)

    # ------------------------------------------------------------- sections
    def header_html(self) -> str:
        """The report's title (``<h1>``) and subtitle; a banner when the record holds illustrative material."""
        return render.title(self.title, self.subtitle) + render.illustrative_banner(self.selection)

    #: The report's sections, as the notebook's headings name them (nbconvert makes each an anchor).
    SECTIONS = (
        "Charts",
        "Every commitment in scope",
        "How concrete",
        "What became of it",
        "Actors involved",
        "About this report",
    )

    def contents_html(self) -> str:
        """A table of contents: a link to each section of the report page."""
        return render.contents(self.SECTIONS)

    def headline_html(self) -> str:
        """One paragraph: how many commitments, of which kinds, from which documents, with how many actors."""
        return render.headline(self.selection, self.title)

    def description_html(self) -> str:
        """The fact sheet's description of the goal or area, as a blockquote (empty for an actor or the framework)."""
        if self.kind == "goal":
            text = self.ds.row("goal", self.key)["description"]
        elif self.kind == "area":
            text = self.ds.row("area", self.key)["description"]
        else:
            return ""
        return render.blockquote(text, lead="The fact sheet")

    def counts(self) -> dict:
        """Headline counts: commitments, actions, objectives, principles, documents, actors."""
        t = self.selection.tidy
        return {
            "commitments": len(t),
            "concrete actions": int((t["kind"] == "action").sum()),
            "objectives": int((t["kind"] == "objective").sum()),
            "principles": int((t["kind"] == "principle").sum()),
            "documents": int(t["document_id"].nunique()),
            "actors (besides the two governments)": self.selection.n_actors(),
        }

    def counts_html(self) -> str:
        """The description (:meth:`description_html`) followed by the headline counts (:meth:`counts`) as boxes."""
        return self.description_html() + render.count_boxes(self.counts())

    def figures(self) -> list:
        """The report's charts (Plotly figures), chosen for the scope."""
        sel, ds = self.selection, self.ds
        if len(sel) == 0:
            return [charts._empty(self.title)]
        if self.kind == "framework":
            return [
                charts.framework_sunburst(sel),
                charts.by_document(sel),
                charts.modality_mix(sel),
                charts.top_actors(sel),
                charts.area_coverage(sel),
            ]
        if self.kind == "goal":
            return [
                charts.area_breakdown(sel, goal=self.key, title=f"{self.title}: commitments per area"),
                charts.modality_mix(sel, title=f"{self.title}: how commitments are made"),
                charts.top_actors(sel, title=f"{self.title}: actors involved"),
            ]
        if self.kind == "area":
            return [
                charts.commitment_map(sel, title=f"{self.title}: where its commitments sit"),
                charts.modality_mix(sel, title=f"{self.title}: how commitments are made"),
                charts.area_coverage(ds, highlight=self.key),
            ]
        return [
            charts.area_breakdown(sel, title=f"{self.title}: commitments per area"),
            charts.partners(sel, self.key),
            charts.actor_network(ds, focus=self.key),
        ]

    def specificity_figures(self) -> list:
        """The "How concrete" charts: the share of commitments meeting each criterion (by area for a goal or an
        area, by goal otherwise) and the overdue, stale and not assessed commitments over time; each carrying
        its page div (fixed ids)."""
        if len(self.selection) == 0:
            return []
        by = "area" if self.kind in ("goal", "area") else "goal"
        figures = [
            charts.specificity_profile(self.selection, by=by, title=f"{self.title}: share meeting each criterion, by {by}"),
            charts.overdue_over_time(self.selection),
        ]
        return [fig.in_page(f"dlx-figure-concrete-{i + 1}") for i, fig in enumerate(figures)]

    def specificity_html(self) -> str:
        """How concrete, how new, how late: the criteria, how many commitments meet each, novelty, and the
        overdue and stale commitments on the record's day (:func:`dialoguelib.render.specificity_section`)."""
        return render.specificity_section(self.selection)

    def status_line(self) -> str:
        """How many commitments in scope are assessed, and at which status (for the index): plain text."""
        st = self.selection.status()
        assessed = st[st["status"] != "not_assessed"]
        if assessed.empty:
            return f"none of {len(st)} assessed"
        parts = ", ".join(f"{label} {n}" for label, n in assessed["label"].value_counts().sort_index().items() if n)
        return f"{len(assessed)} of {len(st)} assessed: {parts}"

    def followthrough_html(self) -> str:
        """What became of it: status as of the record's day, evidence quotes with their documents, lineage."""
        return render.followthrough_section(self.selection)

    def followthrough_figures(self) -> list:
        """A chart of the statuses in scope, when any commitment is assessed (none otherwise)."""
        st = self.selection.status()
        if (st["status"] == "not_assessed").all():
            return []
        by = "area" if self.kind in ("goal", "area") else "goal"
        fig = charts.status_by_goal(self.selection, by=by)
        n = len(self.figures())
        return [fig.in_page(f"dlx-figure-{n + 1}")]

    def figure_outputs(self) -> list:
        """The figures, each also carrying the HTML div (with a fixed id) that the exported page keeps."""
        return [fig.in_page(f"dlx-figure-{i + 1}") for i, fig in enumerate(self.figures())]

    def commitments_html(self, report_set: bool = False) -> str:
        """Every commitment in scope: quote, where it comes from, goal, area, modality, actors.

        Parameters
        ----------
        report_set : bool
            The page is part of a report set (default False: a notebook): an interactive table
            (search, column filters, copy / CSV / Excel export; ``datatables.js`` beside the page)
            comes first, and every commitment links to its place in its document's reader page.

        Returns
        -------
        str
            HTML: the table (in a report set) and a card per commitment.
        """
        cards = render.commitment_cards(self.selection, source_links=report_set)
        if not report_set:
            return cards
        same = {"goal": ("goal",), "area": ("goal", "area")}.get(self.kind, ())  # every row holds the scope's own
        table = commitments_datatable(
            self.selection, source_links=True, filename=self.slug, version=self.selection.release.version, hidden=same
        )
        return f'<div class="dlx-table-block">{table}</div><h3>Each commitment in full</h3>{cards}'

    def actors_html(self) -> str:
        """A table of the actors in scope: type, country, number of commitments and roles; most commitments first."""
        return render.actors_table(self.selection)

    def provenance_html(self, built: _dt.date | None = None) -> str:
        """Where the report comes from: the data version and folder, the library, the sources: see :func:`render.provenance`."""
        return render.provenance(self.ds, _lib_version, built or _dt.date.today())
