"""The data as the library serves it: :func:`load`, the whole :class:`Dataset` and a :class:`Selection` of it.

Both answer the same questions (filters, counts, names, views), from
:class:`~dialoguelib.query.queries.Queries`. The
whole dataset owns the typed tables and everything computed once from them: the tidy and
long views, the name index (:mod:`dialoguelib.query.names`) and the integer codes of the fast
path (:mod:`dialoguelib.query.codes`). A selection is the whole dataset and a boolean mask over
its commitment rows; it reaches whole-data structures one way, through ``whole``.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DATA_ENV_VAR, PACKAGE_DATA, default_data_dir, resolve_data_dir
from ..errors import DataValidationError
from ..package.tables import Tables, long_view, tidy_view, typed_tables
from ..package.validation import read_package
from .asof import as_of_tables, parse_as_of
from .codes import Codes
from .names import FILTER_FIELDS, Names
from .queries import Queries, Selection
from .summaries import COUNT_FIELDS, Passage

__all__ = [
    "Dataset",
    "Selection",
    "Queries",
    "Passage",
    "load",
    "default_data_dir",
    "DATA_ENV_VAR",
    "PACKAGE_DATA",
    "FILTER_FIELDS",
    "COUNT_FIELDS",
]


def load(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Load and validate the commitments data.

    Every load reads and checks every file (its time on the real data is in
    ``benchmarks/RESULTS.md``), so what it returns always matches the files. A change that
    was interrupted (a ``merge`` killed mid-way) is first finished or undone, see
    :mod:`dialoguelib.package.store`.

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
    from ..package import store

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


class Dataset(Queries):
    """The whole data: typed tables, views, names and codes. Made by :func:`load`, not directly."""

    filters = ()

    def __init__(self, tables: Tables, data_dir):
        self.tables = tables
        self._data_dir = Path(data_dir)
        self.commitments = tables.commitments
        self.commitment_actors = tables.commitment_actors
        self.commitment_links = tables.commitment_links
        self.status_updates = tables.status_updates
        self._memo = {}
        self._full = self  # the record as it is now: what as_of() cuts from

    def _as_of(self, day) -> Dataset:
        """The whole record as it stood at the end of ``day``: see :func:`dialoguelib.query.asof.as_of_tables`."""
        full = self._full
        first = full.tables.documents["date"].min()
        day = parse_as_of(day, first=first)

        def make():
            ds = Dataset(as_of_tables(full.tables, day, full.codes), full._data_dir)
            ds._full = full
            ds.filters = (f"as of {day:%Y-%m-%d}",)
            ds._memo["release"] = full.release  # the release cited is the one the record was cut from
            return ds

        return full.memo(("as_of", day), make)

    @property
    def whole(self) -> Dataset:
        """The whole data: this dataset itself."""
        return self

    @cached_property
    def mask(self) -> np.ndarray:
        """Every row."""
        return np.ones(len(self.commitments), dtype=bool)

    @cached_property
    def names(self) -> Names:
        """The name index (see :mod:`dialoguelib.query.names`)."""
        _, _, tags = self.codes.items("tags")
        return Names(self.tables, tags.tolist())

    @cached_property
    def codes(self) -> Codes:
        """The integer codes of the fast path (see :mod:`dialoguelib.query.codes`)."""
        return Codes(self)

    @cached_property
    def tidy(self) -> pd.DataFrame:
        """One row per commitment with names joined in: see :func:`dialoguelib.package.tables.tidy_view`."""
        return tidy_view(self.tables)

    @cached_property
    def long(self) -> pd.DataFrame:
        """One row per commitment and actor: see :func:`dialoguelib.package.tables.long_view`."""
        return long_view(self.tables, self.tidy)
