"""Names: what a user may call a goal, area, actor, document, modality, ... and the id it means;
and :class:`Reference`, the reference tables and names as a dataset or selection offers them.

:class:`Names` is built once per dataset from its reference tables. It resolves a name (an id,
a name, a number, an acronym, an alias, any case) to an id, lists the valid choices, and
gives back the row or the display name of an id. An unknown name raises
:class:`~dialoguelib.errors.UnknownValueError` with the close matches.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .citation import release
from .errors import UnknownValueError
from .schema import schema_field

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["Names", "Reference", "FILTER_FIELDS", "KINDS"]

FILTER_FIELDS = ("goal", "area", "actor", "document", "modality", "party", "kind", "tag", "instrument", "role", "text")
#: The reference tables that have a row per id, and the column that names a row.
KINDS = {"goal": ("goals", "goal_id", "name"), "area": ("areas", "area_id", "name"),
         "actor": ("actors", "actor_id", "name"), "document": ("documents", "document_id", "title")}  # fmt: skip


def _norm(s) -> str:
    return re.sub(r"\s+", " ", str(s)).strip().casefold()


class Names:
    """Resolution of names to ids for one dataset's reference tables.

    Parameters
    ----------
    tables : Tables
        The typed tables (see :mod:`dialoguelib.tables`).
    tags : list of str
        Every tag of the data.
    """

    def __init__(self, tables, tags):
        self._tables = tables
        self._rows = {kind: {str(k): i for i, k in enumerate(getattr(tables, t)[col])} for kind, (t, col, _) in KINDS.items()}
        self._choices = {kind: list(self._rows[kind]) for kind in KINDS}
        com, links = tables.commitments, tables.commitment_actors
        for name in ("modality", "party", "kind"):
            self._choices[name] = list(com[name].cat.categories)
        self._choices["role"] = list(links["role"].cat.categories)
        self._choices["instrument"] = list(schema_field(tables.descriptor, "commitments", "instruments")["dialoguelib:itemEnum"])
        self._choices["tag"] = sorted(tags)
        self._lookup = self._build_lookup()

    def _build_lookup(self) -> dict:
        t = self._tables
        table = {"goal": {}, "area": {}, "actor": {}, "document": {}}
        for row in t.goals.itertuples(index=False):
            for key in (row.goal_id, row.name, str(row.position), f"goal {row.position}"):
                table["goal"][_norm(key)] = str(row.goal_id)
        for row in t.areas.itertuples(index=False):
            for key in (row.area_id, row.name, str(row.position)):
                table["area"][_norm(key)] = str(row.area_id)
        for row in t.actors.itertuples(index=False):
            keys = [row.actor_id, row.name, *row.aliases] + ([row.acronym] if isinstance(row.acronym, str) else [])
            for key in keys:
                table["actor"].setdefault(_norm(key), row.actor_id)
        for row in t.documents.itertuples(index=False):
            for key in (row.document_id, row.code, row.title):
                table["document"][_norm(key)] = row.document_id
        for name in ("modality", "party", "kind", "role", "tag", "instrument"):
            table[name] = {_norm(v): v for v in self._choices[name]}
        table["party"].update({"united states": "US", "u.s.": "US", "mexico": "MX"})
        return table

    def choices(self, parameter: str) -> list[str]:
        """The valid ids of a parameter, in the data's order."""
        if parameter not in self._choices:
            raise UnknownValueError("parameter", parameter, [p for p in FILTER_FIELDS if p != "text"])
        return list(self._choices[parameter])

    def resolve(self, parameter: str, value, tags: list[str] | None = None) -> str:
        """The id that ``value`` names.

        Parameters
        ----------
        parameter : str
            goal, area, actor, document, modality, party, kind, tag, instrument or role.
        value : str or int
            An id, name, number, acronym or alias, in any case.
        tags : list of str, optional
            For ``tag``: resolve among these only (a selection's tags).

        Returns
        -------
        str
            The id.

        Raises
        ------
        UnknownValueError
            Listing close matches (and all valid values when there are few).
        """
        if parameter == "tag" and tags is not None:
            lookup = {_norm(v): v for v in tags}
        else:
            lookup = self._lookup.get(parameter)
        if lookup is None:
            raise UnknownValueError("parameter", parameter, [p for p in FILTER_FIELDS if p != "text"])
        key = _norm(value)
        if key in lookup:
            return lookup[key]
        valid = sorted(tags) if parameter == "tag" and tags is not None else self.choices(parameter)
        display = self._display_names(parameter)
        close = difflib.get_close_matches(key, list(lookup), n=8, cutoff=0.6)
        contains = [k for k in lookup if key and (key in k)]
        ids = list(dict.fromkeys(lookup[k] for k in contains + close))
        raise UnknownValueError(parameter, value, valid, [display.get(i, i) for i in ids[:5]])

    def row(self, kind: str, key) -> pd.Series:
        """The row of a goal, area, actor or document, given any of its names.

        Parameters
        ----------
        kind : {"goal", "area", "actor", "document"}
        key : str
            An id, name, number, acronym or alias.

        Returns
        -------
        Series
        """
        table, _, _ = self._kind(kind)
        return getattr(self._tables, table).iloc[self._rows[kind][self.resolve(kind, key)]]

    def name(self, kind: str, key) -> str:
        """The name of a goal, area or actor, or the title of a document, given any of its names.

        Parameters
        ----------
        kind : {"goal", "area", "actor", "document"}
        key : str
            An id, name, number, acronym or alias.

        Returns
        -------
        str
        """
        _, _, column = self._kind(kind)
        return str(self.row(kind, key)[column])

    def _kind(self, kind: str):
        if kind not in KINDS:
            raise UnknownValueError("kind of name", kind, list(KINDS))
        return KINDS[kind]

    def _display_names(self, parameter: str) -> dict:
        t = self._tables
        if parameter == "actor":
            return {
                r.actor_id: (f"{r.name} ({r.acronym})" if isinstance(r.acronym, str) else r.name) + f" [{r.actor_id}]"
                for r in t.actors.itertuples(index=False)
            }
        if parameter == "goal":
            return {str(r.goal_id): f"{r.name} [{r.goal_id}]" for r in t.goals.itertuples(index=False)}
        if parameter == "area":
            return {str(r.area_id): f"{r.name} [{r.area_id}]" for r in t.areas.itertuples(index=False)}
        return {}


class Reference:
    """The reference tables and the names of a dataset, the same for the whole data and every selection.

    A subclass provides ``whole`` (the whole :class:`~dialoguelib.Dataset`) and ``mask``.
    """

    whole: Dataset
    mask: np.ndarray
    _memo: dict

    # ------------------------------------------------------------------ reference tables (always whole)
    @property
    def documents(self) -> pd.DataFrame:
        """The documents table, by date."""
        return self.whole.tables.documents

    @property
    def goals(self) -> pd.DataFrame:
        """The goals table, in framework order."""
        return self.whole.tables.goals

    @property
    def areas(self) -> pd.DataFrame:
        """The areas table, in framework order."""
        return self.whole.tables.areas

    @property
    def actors(self) -> pd.DataFrame:
        """The actors table."""
        return self.whole.tables.actors

    @property
    def milestones(self) -> pd.DataFrame:
        """The framework's timeline (``milestones.csv``), by date."""
        return self.whole.tables.milestones

    @property
    def statuses(self) -> pd.DataFrame:
        """The status scale, in order, with each status's G20 compliance score."""
        return self.whole.tables.statuses

    @property
    def as_of_date(self):
        """The day this record stands as of (a Timestamp), or None for the record as it is now."""
        return self.whole.tables.as_of

    @property
    def raw_texts(self) -> dict:
        """``{document_id: raw text}``."""
        return self.whole.tables.raw_texts

    @property
    def descriptor(self) -> dict:
        """The data package descriptor (``datapackage.json``)."""
        return self.whole.tables.descriptor

    @property
    def version(self) -> str:
        """The data's version: the descriptor's, plus 8 hex digits of the tables' sha256."""
        return self.whole.tables.version

    @property
    def release(self):
        """The data's release (version, date, content digest): see :mod:`dialoguelib.citation`."""
        return self.whole.memo("release", lambda: release(self.whole.tables))

    @property
    def citation(self) -> str:
        """How to cite this data: authors, title, version and date, content digest."""
        return self.release.citation()

    @property
    def data_dir(self) -> Path:
        """The folder the data was loaded from (absolute)."""
        return self.whole._data_dir

    # ------------------------------------------------------------------ names
    def choices(self, parameter: str) -> list[str]:
        """The valid values of a filter, as shown to users (``tag``: the tags of this selection).

        >>> import dialoguelib
        >>> dialoguelib.load().choices("goal")
        ['protect', 'prevent', 'pursue', 'cross-cutting']
        """
        if parameter == "tag" and self is not self.whole:  # a selection's own tags, found once
            return list(self.memo("tags", self._selection_tags))
        return self.whole.names.choices(parameter)

    def _selection_tags(self) -> list[str]:
        rows, codes, names = self.whole.codes.items("tags")
        return sorted(names[np.unique(codes[self.mask[rows]])].tolist())

    def resolve(self, parameter: str, value) -> str:
        """Map a user's name for a goal, area, actor, document, ... to its id.

        Case-insensitive; accepts ids, names, numbers, acronyms and aliases as written.

        Parameters
        ----------
        parameter : str
            What is named: goal, area, actor, document, modality, party, kind, tag, instrument or role.
        value : str or int
            The name as the user wrote it (a tag among this selection's tags).

        Returns
        -------
        str
            The id.

        Raises
        ------
        UnknownValueError
            Listing close matches (and all valid values when there are few).

        Examples
        --------
        >>> import dialoguelib
        >>> ds = dialoguelib.load()
        >>> ds.resolve("actor", "Mexico’s Financial Intelligence Unit"), ds.resolve("actor", "dea")
        ('uif', 'dea')
        >>> ds.resolve("goal", "Pursue criminal networks")
        'pursue'
        """
        tags = self.choices("tag") if parameter == "tag" and self is not self.whole else None  # a selection's own tags
        return self.whole.names.resolve(parameter, value, tags=tags)

    def name(self, kind: str, key) -> str:
        """The name of a goal, area or actor, or the title of a document, given any of its names.

        Parameters
        ----------
        kind : {"goal", "area", "actor", "document"}
        key : str
            An id, name, number, acronym or alias (see :meth:`resolve`).

        Returns
        -------
        str

        >>> import dialoguelib
        >>> dialoguelib.load().name("actor", "DEA")
        'Drug Enforcement Administration'
        """
        return self.whole.names.name(kind, key)

    def row(self, kind: str, key) -> pd.Series:
        """The row of a goal, area, actor or document in its table, given any of its names.

        Parameters
        ----------
        kind : {"goal", "area", "actor", "document"}
        key : str
            An id, name, number, acronym or alias (see :meth:`resolve`).

        Returns
        -------
        Series
            The row of ``goals``, ``areas``, ``actors`` or ``documents``.

        >>> import dialoguelib
        >>> dialoguelib.load().row("area", "extraditions")["goal_id"]
        'pursue'
        """
        return self.whole.names.row(kind, key)

    def memo(self, key, compute):
        """``compute()`` the first time ``key`` is asked for, then the same value.

        For aggregates that charts and explorers redraw often. A dataset or selection never
        changes, so nothing expires.

        Parameters
        ----------
        key : hashable
            What the value is (e.g. ``("actor_network", True)``).
        compute : callable
            Makes the value, with no arguments.

        Returns
        -------
        object
            What ``compute()`` returned, the first time.
        """
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]
