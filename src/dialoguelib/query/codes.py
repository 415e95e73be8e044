"""The fast path: integer codes of the whole data, built on first use, with which selections are
filtered, searched and counted in numpy.

This is the one place where speed tricks live. Each method's docstring gives its plain
pandas meaning; the tests compare the two (``tests/test_queries.py``) and ``benchmarks/``
guards the speed. A :class:`Codes` belongs to one whole :class:`~dialoguelib.Dataset`,
which never changes, so nothing here is ever invalidated; a selection is a boolean mask
over the whole data's commitment rows.
"""

from __future__ import annotations

import itertools
import re
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa

from ..package.schema import arrow_text, distinct, positions
from ..package.text import fold
from .search import term_pattern

__all__ = ["Codes", "isin_codes", "positions"]


def isin_codes(codes: np.ndarray, categories, ids) -> np.ndarray:
    """``values.isin(ids)`` for values given as ``codes`` into ``categories`` (code -1, missing, is in nothing).

    Parameters
    ----------
    codes : ndarray of int
        Each value's position in ``categories`` (-1: missing).
    categories : sequence
        The distinct values.
    ids : list
        The values wanted.

    Returns
    -------
    ndarray of bool

    >>> isin_codes(np.array([0, 2, -1, 1]), ["a", "b", "c"], ["c", "a", "z"]).tolist()
    [True, True, False, False]
    """
    categories = pd.Index(categories)
    wanted = categories.get_indexer(ids)
    table = np.zeros(len(categories) + 1, dtype=bool)  # one entry per code; the last one, for -1, stays False
    table[wanted[wanted >= 0]] = True
    return table[codes]


class Codes:
    """Integer codes of one whole dataset (``ds``: its commitments, links and actors)."""

    def __init__(self, ds):
        self._ds = ds

    # ------------------------------------------------------------ positions
    @cached_property
    def row_of_id(self) -> dict:
        """``{commitment_id: row}``: ``pd.Series(range(n), index=commitments.commitment_id)`` as a dict."""
        ids = self._ds.commitments["commitment_id"].to_numpy(dtype=object).tolist()
        return dict(zip(ids, itertools.count()))

    @cached_property
    def link_row(self) -> np.ndarray:
        """For each link: the row of its commitment (``commitments.commitment_id`` position of ``links.commitment_id``)."""
        return self._rows_of("commitment_actors", "commitment_id")

    @cached_property
    def status_row(self) -> np.ndarray:
        """For each status update: the row of its commitment (as ``link_row`` for the ledger)."""
        return self._rows_of("status_updates", "commitment_id")

    @cached_property
    def later_row(self) -> np.ndarray:
        """For each lineage link: the row of its later commitment."""
        return self._rows_of("commitment_links", "later_id")

    @cached_property
    def earlier_row(self) -> np.ndarray:
        """For each lineage link: the row of its earlier commitment."""
        return self._rows_of("commitment_links", "earlier_id")

    @cached_property
    def _ids(self) -> pa.Array:
        return arrow_text(self._ds.commitments["commitment_id"])

    def _rows_of(self, table: str, field: str, keys=None) -> np.ndarray:
        """The row each row of ``table`` points to through ``field`` (among ``keys``, default the commitments' ids):
        the one validation found when it checked the foreign key (:attr:`Tables.references`), or looked up."""
        known = self._ds.tables.references.get((table, field))  # -1 nowhere: validation refused a dangling key
        if known is not None:
            return known
        return positions(getattr(self._ds, table)[field], self._ids if keys is None else keys)

    @cached_property
    def long_row(self) -> np.ndarray:
        """For each row of ``long``: the row of its commitment."""
        return positions(self._ds.long["commitment_id"], self._ids)

    @cached_property
    def links(self) -> dict:
        """Per link: ``row`` of its commitment, ``actor`` (position in ``actors``), the commitment's
        ``goal`` and the link's ``role`` (category codes), and ``country`` (the actor is a country):
        the columns of ``long`` as integers."""
        ds = self._ds
        links = ds.commitment_actors
        actor = self._rows_of("commitment_actors", "actor_id", ds.actors["actor_id"])
        return {
            "row": self.link_row,
            "actor": actor,
            "goal": ds.commitments["goal_id"].cat.codes.to_numpy()[self.link_row],
            "role": links["role"].cat.codes.to_numpy(),
            "country": (ds.actors["type"] == "country").to_numpy(dtype=bool)[actor],
        }

    @cached_property
    def actor_names(self) -> tuple[np.ndarray, pd.Index]:
        """Per actor (position in ``actors``), the code of its name among the sorted distinct names; the names:
        ``pd.factorize(actors.name, sort=True)``."""
        return pd.factorize(self._ds.actors["name"], sort=True)

    @cached_property
    def _items_of(self) -> dict:
        return {}

    def items(self, column: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The items of a list column (``tags``, ``instruments``), one per (row, item) in row then list order,
        as ``commitments[column].explode()`` lists them: (row of each item, code of each item, the distinct items)."""
        if column not in self._items_of:
            lists = self._ds.commitments[column].to_numpy()
            lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
            flat = np.fromiter(itertools.chain.from_iterable(lists), dtype=object, count=int(lengths.sum()))
            codes, names = distinct(flat)
            self._items_of[column] = (np.repeat(np.arange(len(lists)), lengths), codes, names)
        return self._items_of[column]

    # ------------------------------------------------------------ masks
    def mask(self, field: str, ids: list[str], roles: list[str] | None = None) -> np.ndarray:
        """Rows whose ``field`` is one of ``ids``.

        In plain pandas: ``tidy[column].isin(ids)``; for a list column
        ``tidy[column].map(lambda v: bool(set(v) & set(ids)))``; for ``actor`` (and ``role``) the
        commitments with a link to one of ``ids`` (in one of ``roles``).

        Parameters
        ----------
        field : str
            goal, area, document, modality, party, kind, tag, instrument, actor or role.
        ids : list of str
            Resolved ids.
        roles : list of str, optional
            For ``actor``: only links in these roles.

        Returns
        -------
        ndarray of bool
            One entry per commitment row of the whole data.
        """
        com = self._ds.commitments
        n = len(com)
        if field in ("goal", "area", "document", "modality", "party", "kind"):
            column = com[{"goal": "goal_id", "area": "area_id", "document": "document_id"}.get(field, field)]
            return isin_codes(column.cat.codes.to_numpy(), column.cat.categories, ids)
        cond = np.zeros(n, dtype=bool)
        if field in ("tag", "instrument"):
            rows, codes, names = self.items("tags" if field == "tag" else "instruments")
            cond[rows[isin_codes(codes, names, ids)]] = True
            return cond
        if field in ("actor", "role"):
            links = self.links
            role_categories = self._ds.commitment_actors["role"].cat.categories
            if field == "actor":
                sel = isin_codes(links["actor"], self._ds.actors["actor_id"], ids)
            else:
                sel = isin_codes(links["role"], role_categories, ids)
            if roles is not None:
                sel &= isin_codes(links["role"], role_categories, roles)
            cond[links["row"][sel]] = True
            return cond
        raise ValueError(f"no codes for field {field!r}")

    @cached_property
    def quote_norm(self) -> np.ndarray:
        """Quotes folded for search (:func:`dialoguelib.query.search.fold`) with whitespace collapsed."""
        return np.array([" ".join(fold(q).split()) for q in self._ds.commitments["quote"].to_numpy(dtype=object)], dtype=object)

    @cached_property
    def _quote_lines(self) -> tuple[str, np.ndarray]:
        """The folded quotes as one text, a quote per line, and the line ends.

        A folded quote holds no newline, and a term none either, so a term found in the text lies
        within one line.
        """
        text = "\n".join(self.quote_norm.tolist())
        ends = np.array([m.start() for m in re.finditer("\n", text)] + [len(text)], dtype=np.int64)
        return text, ends

    def _quotes_with(self, term: str) -> np.ndarray:
        """Rows whose folded quote holds ``term`` as a whole word or phrase: one scan of all quotes joined."""
        text, ends = self._quote_lines
        # a match runs on to the end of its line, so each line matches at most once
        rx = re.compile(term_pattern(term).pattern + "[^\n]*")
        starts = np.fromiter(map(re.Match.start, rx.finditer(text)), dtype=np.int64)
        mask = np.zeros(len(ends), dtype=bool)
        mask[np.searchsorted(ends, starts)] = True  # the line whose end comes first at or after the match
        return mask

    def text_mask(self, words: list[str], base: np.ndarray) -> np.ndarray:
        """Rows of ``base`` whose quote holds every term (folded words or phrases, whole words only).

        In plain pandas: ``base & quote_norm.map(lambda q: search.matches_all(q, words))``.

        Parameters
        ----------
        words : list of str
            Terms as :func:`dialoguelib.query.search.terms` returns them.
        base : ndarray of bool
            The rows to search among (a selection's mask).

        Returns
        -------
        ndarray of bool
        """
        quotes = self.quote_norm
        rows = np.flatnonzero(base)  # candidates, narrowed term by term
        # Longest terms first: usually the rarest, so the candidates shrink fastest. One scan of all
        # quotes joined (the pattern's first word found as a literal) beats testing the candidates'
        # quotes one by one once they are more than about a tenth of all.
        for w in sorted(set(words), key=lambda w: (-len(w), w)):
            if 10 * len(rows) > len(base):
                rows = rows[self._quotes_with(w)[rows]]
            else:
                rx = term_pattern(w)
                rows = rows[np.fromiter((rx.search(q) is not None for q in quotes[rows]), dtype=bool, count=len(rows))]
        mask = np.zeros(len(base), dtype=bool)
        mask[rows] = True
        return mask
