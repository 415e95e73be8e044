"""The questions a dataset answers, the same for the whole data and for a selection.

:class:`~dialoguelib.query.reference.Reference` gives the reference tables and names; :class:`Queries`
the filters (each returns a :class:`Selection`) and the summaries (see
:mod:`dialoguelib.query.summaries`). The speed comes from the whole data's integer codes
(:mod:`dialoguelib.query.codes`), reached through ``whole``.
"""

from __future__ import annotations

import difflib
from functools import cached_property

import numpy as np
import pandas as pd

from ..errors import DateParameterError, UnknownValueError
from . import followthrough, profile, search, summaries
from .names import FILTER_FIELDS
from .reference import Reference

__all__ = ["Queries", "Selection"]


class Queries(Reference):
    """The questions that the whole dataset and a selection both answer.

    A subclass provides ``whole`` (the whole :class:`~dialoguelib.Dataset`), ``mask`` (its rows
    in the selection), ``filters`` (how the selection was made) and the views ``tidy``,
    ``long``, ``commitments`` and ``commitment_actors``. Reference tables always stay whole,
    so filters compose:

    >>> import dialoguelib
    >>> ds = dialoguelib.load()
    >>> sel = ds.by_goal("pursue").by_actor("ofac")
    >>> list(sel.tidy.commitment_id)
    ['JS-47']
    """

    filters: tuple
    terms: tuple = ()  # search terms (dialoguelib.query.search.terms) the selection was made with

    # ------------------------------------------------------------------ queries
    def filter(self, **criteria) -> Selection:
        """Commitments matching all the given criteria.

        Parameters
        ----------
        goal, area, actor, document, modality, party, kind, tag, instrument, role : str or list of str, optional
            Names, ids, acronyms or aliases (case-insensitive). A list matches any of
            its values. ``role`` narrows ``actor`` to that role in the commitment.
        meets : str or list of str, optional
            Criteria of the specificity profile (who, instrument, target, deadline, output; or their labels):
            the commitments that meet *every* one given (:func:`dialoguelib.query.profile.specificity`).
        text : str, optional
            Words (and "quoted phrases") that must all appear in the quote as whole words,
            regardless of case and accents: ``arms`` does not find "harms" (:mod:`dialoguelib.query.search`).

        Returns
        -------
        Selection
            The selection; reference tables stay whole.

        Examples
        --------
        >>> import dialoguelib
        >>> ds = dialoguelib.load()
        >>> len(ds.filter(goal="protect", document="JS", modality=["intend", "plan"]))
        4
        >>> list(ds.filter(text="ballistics labs").tidy.commitment_id)
        ['JS-43']
        >>> len(ds.filter(text="arms")) == len(ds.filter(text="ARMS")), "harms" in " ".join(ds.filter(text="arms").tidy.quote)
        (True, False)
        """
        unknown = [k for k in criteria if k not in FILTER_FIELDS]
        if unknown:
            raise UnknownValueError(
                "filter", unknown[0], FILTER_FIELDS, difflib.get_close_matches(unknown[0], FILTER_FIELDS, n=3)
            )
        role = criteria.pop("role", None)
        mask, labels, found = self.mask, list(self.filters), list(self.terms)
        for field, value in criteria.items():
            if value is None or (isinstance(value, (list, tuple, set)) and len(value) == 0):
                continue
            values = [value] if isinstance(value, (str, int)) else list(value)
            if field == "meets":
                criteria = [profile.resolve_criterion(v) for v in values]
                mask = mask & profile.criteria_mask(self, criteria)
                labels.append(f"meets={'&'.join(criteria)}")
                continue
            if field == "text":
                words = search.terms(" ".join(str(v) for v in values))
                mask = self.whole.codes.text_mask(words, mask)
                found += words
                labels.append(f"text={' '.join(repr(w) if ' ' in w else w for w in words)!r}")
                continue
            ids = [self.resolve(field, v) for v in values]
            roles = self._roles(role) if field == "actor" and role is not None else None
            mask = mask & self.whole.codes.mask(field, ids, roles)
            labels.append(f"{field}={'|'.join(ids)}")
        if role is not None and criteria.get("actor") is None:
            roles = self._roles(role)
            mask = mask & self.whole.codes.mask("role", roles)
            labels.append(f"role={'|'.join(roles)}")
        return Selection(self.whole, mask, tuple(labels), tuple(dict.fromkeys(found)))

    def _roles(self, role) -> list[str]:
        return [self.resolve("role", r) for r in ([role] if isinstance(role, str) else role)]

    def by_goal(self, goal) -> Selection:
        """Commitments serving a goal (id, name or number)."""
        return self.filter(goal=goal)

    def by_area(self, area) -> Selection:
        """Commitments serving an area (id, name or number)."""
        return self.filter(area=area)

    def by_actor(self, actor, role=None) -> Selection:
        """Commitments an actor takes part in, optionally in one role.

        Parameters
        ----------
        actor : str or list of str
            Ids, names, acronyms or aliases.
        role : str or list of str, optional
            lead, partner, target, beneficiary or mentioned.

        Returns
        -------
        Selection
        """
        return self.filter(actor=actor, role=role)

    def by_document(self, document) -> Selection:
        """Commitments of a document (id, code or title)."""
        return self.filter(document=document)

    def by_modality(self, modality) -> Selection:
        """Commitments made with a verb (pledge, intend, ...)."""
        return self.filter(modality=modality)

    def by_party(self, party) -> Selection:
        """Commitments made by US, MX or both."""
        return self.filter(party=party)

    def by_tag(self, tag) -> Selection:
        """Commitments with a topic tag."""
        return self.filter(tag=tag)

    def search(self, text: str) -> Selection:
        """Commitments whose quote holds every word of ``text`` (case-insensitive).

        >>> import dialoguelib
        >>> list(dialoguelib.load().search("memorandum").tidy.commitment_id)
        ['JS-32', 'JS-37']
        """
        return self.filter(text=text)

    # ------------------------------------------------------------------ summaries: the functions, as methods
    counts = summaries.counts
    n_actors = summaries.n_actors
    actor_goal_matrix = summaries.actor_goal_matrix
    area_coverage = summaries.area_coverage
    context = summaries.context
    paragraph_text = summaries.paragraph_text
    status = followthrough.latest_status
    status_counts = followthrough.status_counts
    compliance = followthrough.compliance
    status_history = followthrough.status_history
    lineage = followthrough.lineage
    status_over_time = followthrough.status_over_time
    unmentioned = followthrough.unmentioned
    specificity = profile.specificity
    specificity_shares = profile.specificity_shares
    overdue = profile.overdue
    overdue_over_time = profile.overdue_over_time

    # ------------------------------------------------------------------ follow-through (see dialoguelib.query.followthrough)
    def as_of(self, day) -> Queries:
        """The record as it stood at the end of ``day``: documents published by then, statuses recorded by then.

        Parameters
        ----------
        day : str, datetime.date or Timestamp
            ``YYYY-MM-DD``, not before the first document.

        Returns
        -------
        Dataset or Selection
            The same kind as this one (a selection keeps its filters), on the record of that day.

        Raises
        ------
        DateParameterError
            Malformed, or before the first document.

        >>> import dialoguelib
        >>> len(dialoguelib.load().by_goal("pursue").as_of("2021-10-08"))
        21
        """
        whole = self.whole._as_of(day)
        if self is self.whole:
            return whole
        # commitments run by document and documents by date: the record of a day is a prefix of a later one's
        n = len(whole.commitments)
        if n > len(self.mask):
            raise DateParameterError(
                "as_of",
                str(day),
                f"after the day this selection stands as of ({self.as_of_date:%Y-%m-%d})",
                "a day no later than that, or take as_of of the whole record before selecting",
            )
        filters = tuple(f for f in self.filters if not f.startswith("as of ")) + whole.filters
        return Selection(whole, self.mask[:n], filters, self.terms)

    def head(self, n: int = 5) -> Selection:
        """The first ``n`` commitments of this selection, in the data's order (all of them when it has fewer).

        Parameters
        ----------
        n : int
            How many (default 5), 0 or more.

        Returns
        -------
        Selection
            Those commitments, with this selection's filters and search terms, and ``first n`` among its filters
            when it cut any.

        Raises
        ------
        ValueError
            ``n`` is not a whole number of 0 or more.

        >>> import dialoguelib
        >>> list(dialoguelib.load().by_goal("pursue").head(2).tidy.commitment_id)
        ['FS-03', 'FS-33']
        """
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
            raise ValueError(f"head: n must be a whole number of 0 or more, got {n!r}")
        rows = np.flatnonzero(self.mask)
        if len(rows) <= n:
            return Selection(self.whole, self.mask, self.filters, self.terms)
        mask = np.zeros(len(self.mask), dtype=bool)
        mask[rows[:n]] = True
        return Selection(self.whole, mask, (*self.filters, f"first {n:,}"), self.terms)

    def export(self, fmt: str, out, force: bool = False):
        """Write these commitments (and the whole reference tables) as ``xlsx``, ``csv``, ``parquet``, ``sqlite`` or ``json``.

        Parameters
        ----------
        fmt : str
            The format.
        out : path-like
            The file (a folder for parquet) to write.
        force : bool
            Replace an existing output.

        Returns
        -------
        ExportResult
            See :func:`dialoguelib.exports.export`.
        """
        from ..exports import export

        return export(self, fmt, out, force=force)

    def __len__(self) -> int:
        return int(self.mask.sum())

    def __repr__(self) -> str:
        scope = " & ".join(self.filters) if self.filters else "all"
        n = len(self)
        return (
            f"<{type(self).__name__} {self.version}: {n} commitment{'' if n == 1 else 's'} ({scope}), "
            f"{len(self.documents)} documents, {len(self.actors)} actors>"
        )


def _cut(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """``frame[rows]``; when every row is kept, a shallow copy (copy-on-write: nothing is copied until changed), since a
    selection of everything is common (an explorer with no filter) and cutting 100,000 rows costs tens of ms."""
    return frame.copy(deep=False) if rows.all() else frame[rows]


class Selection(Queries):
    """Some commitments of a dataset: the whole dataset and a boolean mask over its rows.

    Cheap to make (filters compose without copying tables); its views are cut from the
    whole data's when first used.
    """

    def __init__(self, whole: Queries, mask: np.ndarray, filters: tuple = (), terms: tuple = ()):
        self.whole = whole
        self.mask = mask
        self.filters = tuple(filters)
        self.terms = tuple(terms)  # the search terms of its text filters: what tables and the source reader highlight
        self._memo = {}

    @cached_property
    def commitments(self) -> pd.DataFrame:
        """The commitments table, restricted to the selection."""
        return _cut(self.whole.commitments, self.mask)

    @cached_property
    def commitment_actors(self) -> pd.DataFrame:
        """The links table (commitment, actor, role), restricted to the selection."""
        return _cut(self.whole.commitment_actors, self.mask[self.whole.codes.link_row])

    @cached_property
    def commitment_links(self) -> pd.DataFrame:
        """The lineage links between commitments of the selection (both ends in it, so that the
        selection's tables hold together; :meth:`lineage` follows links out of it)."""
        codes = self.whole.codes
        return _cut(self.whole.commitment_links, self.mask[codes.later_row] & self.mask[codes.earlier_row])

    @cached_property
    def status_updates(self) -> pd.DataFrame:
        """The ledger rows of the selection's commitments."""
        return _cut(self.whole.status_updates, self.mask[self.whole.codes.status_row])

    @cached_property
    def tidy(self) -> pd.DataFrame:
        """The whole data's ``tidy``, restricted to the selection."""
        return _cut(self.whole.tidy, self.mask)

    @cached_property
    def long(self) -> pd.DataFrame:
        """The whole data's ``long``, restricted to the selection."""
        return _cut(self.whole.long, self.mask[self.whole.codes.long_row])
