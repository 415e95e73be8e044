"""The reference tables and names of a dataset (:class:`Reference`), as the whole data and every
selection offer them: documents, goals, areas, actors, statuses, raw texts, the descriptor and
release, and names resolved to ids (:mod:`dialoguelib.query.names`)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..package.citation import release

__all__ = ["Reference"]


class Reference:
    """The reference tables and the names of a dataset, the same for the whole data and every selection.

    A subclass provides ``whole`` (the whole :class:`~dialoguelib.Dataset`) and ``mask``.
    """

    whole: Reference
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
        """The data's release (version, date, content digest): see :mod:`dialoguelib.package.citation`."""
        return self.whole.memo("release", lambda: release(self.whole.tables))

    @property
    def illustrative(self) -> str:
        """What of the record is the team's illustrative material, in a phrase such as "1 document and 5 status
        updates written by the team as examples" ("" for none, as in the shipped data).

        A document whose title or publisher, or a status update whose assessor or evidence note, says
        *illustrative* (as ``make illustrative`` and the tutorial's record do) is not a real one: every
        page, chart and export built from such a record says so.

        >>> import dialoguelib
        >>> dialoguelib.load().illustrative
        ''
        """
        return self.whole.memo("illustrative", lambda: _illustrative(self.whole.tables))

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


_ILLUSTRATIVE = re.compile(r"\billustrative\b", re.IGNORECASE)


def _illustrative(tables) -> str:
    docs, su = tables.documents, tables.status_updates
    n_docs = sum(bool(_ILLUSTRATIVE.search(f"{t} {p}")) for t, p in zip(docs["title"].astype(str), docs["publisher"].astype(str)))
    n_statuses = sum(
        bool(_ILLUSTRATIVE.search(f"{a} {n}"))
        for a, n in zip(su["assessed_by"].astype(str), su["evidence_note"].astype(object).fillna("").astype(str))
    )
    parts = [f"{n_docs} document{'s' if n_docs != 1 else ''}"] if n_docs else []
    parts += [f"{n_statuses} status update{'s' if n_statuses != 1 else ''}"] if n_statuses else []
    return " and ".join(parts) + " written by the team as examples" if parts else ""
