"""The data as the library serves it: :func:`load`, the whole :class:`Dataset` and a :class:`Selection` of it.

Both answer the same questions (filters, counts, names, views), from :class:`Queries`. The
whole dataset owns the typed tables and everything computed once from them: the tidy and
long views, the name index (:mod:`dialoguelib.names`) and the integer codes of the fast
path (:mod:`dialoguelib.codes`). A selection is the whole dataset and a boolean mask over
its commitment rows; it reaches whole-data structures one way, through ``whole``.
"""

from __future__ import annotations

import difflib
import os
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from . import summaries
from .codes import Codes
from .config import DATA_ENV_VAR, PACKAGE_DATA, default_data_dir, resolve_data_dir
from .errors import DataValidationError, UnknownValueError
from .names import FILTER_FIELDS, Names
from .summaries import COUNT_FIELDS, Passage
from .tables import Tables, long_view, tidy_view, typed_tables
from .validation import read_package

__all__ = ["Dataset", "Selection", "Queries", "Passage", "load", "default_data_dir", "DATA_ENV_VAR", "PACKAGE_DATA",
           "FILTER_FIELDS", "COUNT_FIELDS"]  # fmt: skip


def load(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Load and validate the commitments data.

    Every load reads and checks every file (the real data in about 20 ms; see
    ``benchmarks/RESULTS.md``), so what it returns always matches the files. A change that
    was interrupted (a ``merge`` killed mid-way) is first finished or undone, see
    :mod:`dialoguelib.store`.

    Parameters
    ----------
    data_dir : path-like, optional
        A folder holding ``datapackage.json``, the CSV tables and ``raw/``.
        Defaults to ``$DIALOGUELIB_DATA``, else the data shipped with the package.

    Returns
    -------
    Dataset
        The typed tables (``documents``, ``goals``, ``areas``, ``actors``,
        ``commitments``, ``commitment_actors``) and the views ``tidy`` (one row
        per commitment) and ``long`` (one row per commitment and actor).

    Raises
    ------
    DataValidationError
        If any file is missing or does not match its schema or its source text.

    Examples
    --------
    >>> import dialoguelib
    >>> ds = dialoguelib.load()
    >>> len(ds.goals[ds.goals.is_framework_goal]), len(ds.areas)
    (3, 10)
    >>> list(ds.goals.goal_id)
    ['protect', 'prevent', 'pursue', 'cross-cutting']
    """
    from . import store

    data_dir = resolve_data_dir(data_dir)
    if not data_dir.is_dir():
        raise DataValidationError(
            data_dir,
            "data folder not found",
            expected=f"a folder with datapackage.json and the CSV tables (pass data_dir= or set {DATA_ENV_VAR})",
        )
    if store.needs_recovery(data_dir):
        store.recover(data_dir)
    return Dataset(typed_tables(read_package(data_dir)), data_dir)


class Queries:
    """The questions that the whole dataset and a selection both answer.

    A subclass provides ``whole`` (the whole :class:`Dataset`), ``mask`` (its rows in the
    selection), ``filters`` (how the selection was made) and the views ``tidy``, ``long``,
    ``commitments`` and ``commitment_actors``. Reference tables always stay whole, so
    filters compose:

    >>> import dialoguelib
    >>> ds = dialoguelib.load()
    >>> sel = ds.by_goal("pursue").by_actor("ofac")
    >>> list(sel.tidy.commitment_id)
    ['JS-47']
    """

    whole: Dataset
    mask: np.ndarray
    filters: tuple
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
        if parameter == "tag":
            rows, codes, names = self.whole.codes.items("tags")
            return sorted(names[np.unique(codes[self.mask[rows]])].tolist())
        return self.whole.names.choices(parameter)

    def resolve(self, parameter: str, value) -> str:
        """Map a user's name for a goal, area, actor, document, ... to its id.

        Case-insensitive; accepts ids, names, numbers, acronyms and aliases as written.

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
        tags = self.choices("tag") if parameter == "tag" else None
        return self.whole.names.resolve(parameter, value, tags=tags)

    def name(self, kind: str, key) -> str:
        """The name of a goal, area or actor, or the title of a document, given any of its names.

        >>> import dialoguelib
        >>> dialoguelib.load().name("actor", "DEA")
        'Drug Enforcement Administration'
        """
        return self.whole.names.name(kind, key)

    def row(self, kind: str, key) -> pd.Series:
        """The row of a goal, area, actor or document in its table, given any of its names.

        >>> import dialoguelib
        >>> dialoguelib.load().row("area", "extraditions")["goal_id"]
        'pursue'
        """
        return self.whole.names.row(kind, key)

    # ------------------------------------------------------------------ queries
    def filter(self, **criteria) -> Selection:
        """Commitments matching all the given criteria.

        Parameters
        ----------
        goal, area, actor, document, modality, party, kind, tag, instrument, role : str or list of str, optional
            Names, ids, acronyms or aliases (case-insensitive). A list matches any of
            its values. ``role`` narrows ``actor`` to that role in the commitment.
        text : str, optional
            Case-insensitive words that must all appear in the quote.

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
        """
        unknown = [k for k in criteria if k not in FILTER_FIELDS]
        if unknown:
            raise UnknownValueError(
                "filter", unknown[0], FILTER_FIELDS, difflib.get_close_matches(unknown[0], FILTER_FIELDS, n=3)
            )
        role = criteria.pop("role", None)
        mask, labels = self.mask, list(self.filters)
        for field, value in criteria.items():
            if value is None or (isinstance(value, (list, tuple, set)) and len(value) == 0):
                continue
            values = [value] if isinstance(value, (str, int)) else list(value)
            if field == "text":
                words = [w.casefold() for v in values for w in str(v).split()]
                mask = self.whole.codes.text_mask(words, mask)
                labels.append(f"text={' '.join(words)!r}")
                continue
            ids = [self.resolve(field, v) for v in values]
            roles = self._roles(role) if field == "actor" and role is not None else None
            mask = mask & self.whole.codes.mask(field, ids, roles)
            labels.append(f"{field}={'|'.join(ids)}")
        if role is not None and criteria.get("actor") is None:
            roles = self._roles(role)
            mask = mask & self.whole.codes.mask("role", roles)
            labels.append(f"role={'|'.join(roles)}")
        return Selection(self.whole, mask, tuple(labels))

    def _roles(self, role) -> list[str]:
        return [self.resolve("role", r) for r in ([role] if isinstance(role, str) else role)]

    def by_goal(self, goal) -> Selection:
        """Commitments serving a goal (id, name or number)."""
        return self.filter(goal=goal)

    def by_area(self, area) -> Selection:
        """Commitments serving an area (id, name or number)."""
        return self.filter(area=area)

    def by_actor(self, actor, role=None) -> Selection:
        """Commitments an actor takes part in (id, name, acronym or alias), optionally in one role."""
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

    # ------------------------------------------------------------------ summaries (see dialoguelib.summaries)
    def counts(self, by: str, *, exclude_countries: bool = False) -> pd.DataFrame:
        """Number of commitments by goal, area, actor, ...: see :func:`dialoguelib.summaries.counts`."""
        return summaries.counts(self, by, exclude_countries=exclude_countries)

    def n_actors(self, *, exclude_countries: bool = True) -> int:
        """Distinct actors taking part (by default besides the two governments): :func:`dialoguelib.summaries.n_actors`."""
        return summaries.n_actors(self, exclude_countries=exclude_countries)

    def actor_goal_matrix(self, *, roles=None, exclude_countries: bool = False) -> pd.DataFrame:
        """Commitments per actor and goal: see :func:`dialoguelib.summaries.actor_goal_matrix`."""
        return summaries.actor_goal_matrix(self, roles=roles, exclude_countries=exclude_countries)

    def area_coverage(self) -> pd.DataFrame:
        """Objectives and concrete actions per area: see :func:`dialoguelib.summaries.area_coverage`."""
        return summaries.area_coverage(self)

    def context(self, commitment_id: str, chars: int = 200) -> Passage:
        """The source text around a commitment: see :func:`dialoguelib.summaries.context`."""
        return summaries.context(self, commitment_id, chars)

    def paragraph_text(self, document_id: str, paragraph: int) -> str:
        """The text of a paragraph (1-based, as in ``tidy.paragraph``) of a document."""
        return summaries.paragraph_text(self, document_id, paragraph)

    def memo(self, key, compute):
        """``compute()`` the first time ``key`` is asked for, then the same value: for aggregates that
        charts and explorers redraw often. A dataset or selection never changes, so nothing expires."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def __len__(self) -> int:
        return int(self.mask.sum())

    def __repr__(self) -> str:
        scope = " & ".join(self.filters) if self.filters else "all"
        return (f"<{type(self).__name__} {self.version}: {len(self)} commitments ({scope}), {len(self.documents)} documents, "
                f"{len(self.actors)} actors>")  # fmt: skip


class Dataset(Queries):
    """The whole data: typed tables, views, names and codes. Made by :func:`load`, not directly."""

    filters = ()

    def __init__(self, tables: Tables, data_dir):
        self.tables = tables
        self._data_dir = Path(data_dir)
        self.commitments = tables.commitments
        self.commitment_actors = tables.commitment_actors
        self._memo = {}

    @property
    def whole(self) -> Dataset:
        return self

    @cached_property
    def mask(self) -> np.ndarray:
        """Every row."""
        return np.ones(len(self.commitments), dtype=bool)

    @cached_property
    def names(self) -> Names:
        """The name index (see :mod:`dialoguelib.names`)."""
        _, _, tags = self.codes.items("tags")
        return Names(self.tables, tags.tolist())

    @cached_property
    def codes(self) -> Codes:
        """The integer codes of the fast path (see :mod:`dialoguelib.codes`)."""
        return Codes(self)

    @cached_property
    def tidy(self) -> pd.DataFrame:
        """One row per commitment with names joined in: see :func:`dialoguelib.tables.tidy_view`."""
        return tidy_view(self.tables)

    @cached_property
    def long(self) -> pd.DataFrame:
        """One row per commitment and actor: see :func:`dialoguelib.tables.long_view`."""
        return long_view(self.tables, self.tidy)


class Selection(Queries):
    """Some commitments of a dataset: the whole dataset and a boolean mask over its rows.

    Cheap to make (filters compose without copying tables); its views are cut from the
    whole data's when first used.
    """

    def __init__(self, whole: Dataset, mask: np.ndarray, filters: tuple = ()):
        self.whole = whole
        self.mask = mask
        self.filters = tuple(filters)
        self._memo = {}

    @cached_property
    def commitments(self) -> pd.DataFrame:
        """The commitments table, restricted to the selection."""
        return self.whole.commitments[self.mask]

    @cached_property
    def commitment_actors(self) -> pd.DataFrame:
        """The links table (commitment, actor, role), restricted to the selection."""
        return self.whole.commitment_actors[self.mask[self.whole.codes.link_row]]

    @cached_property
    def tidy(self) -> pd.DataFrame:
        """The whole data's ``tidy``, restricted to the selection."""
        return self.whole.tidy[self.mask]

    @cached_property
    def long(self) -> pd.DataFrame:
        """The whole data's ``long``, restricted to the selection."""
        return self.whole.long[self.mask[self.whole.codes.long_row]]
