"""The record as it stood on a day: :func:`as_of_tables` keeps what was known by then.

Documents dated on or before the day (and their commitments, actor links and raw texts),
the milestones up to it, the links between commitments that remain, and the status updates
*recorded* by then, so that a report built as of a past day today is the report that could
have been built on that day. Goals, areas, actors and the status scale stay whole.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace

import numpy as np
import pandas as pd

from ..errors import DateParameterError
from ..package.tables import Tables

__all__ = ["parse_as_of", "as_of_tables"]

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_as_of(value, first: pd.Timestamp | None = None, parameter: str = "as_of") -> pd.Timestamp:
    """An as-of date given as ``YYYY-MM-DD`` text, a ``datetime.date`` or a Timestamp, checked.

    Parameters
    ----------
    value : str, datetime.date or Timestamp
        The day.
    first : Timestamp, optional
        The date of the first document: a day before it is refused (the record held nothing then).
    parameter : str
        The parameter's name in errors (``as_of``, ``--as-of``).

    Returns
    -------
    Timestamp
        Midnight of that day.

    Raises
    ------
    DateParameterError
        Not an ISO date, not a real day, or before the first document.

    >>> parse_as_of("2022-12-31")
    Timestamp('2022-12-31 00:00:00')
    >>> parse_as_of("31/12/2022")
    Traceback (most recent call last):
    ...
    dialoguelib.errors.DateParameterError: as_of '31/12/2022': not a date in the form YYYY-MM-DD; expected a day such as '2022-12-31'
    """
    if isinstance(value, pd.Timestamp):
        day = value.normalize()
    elif isinstance(value, _dt.date):
        day = pd.Timestamp(value.year, value.month, value.day)
    elif isinstance(value, str) and _ISO.fullmatch(value.strip()):
        try:
            day = pd.Timestamp(_dt.date.fromisoformat(value.strip()))
        except ValueError:
            raise DateParameterError(parameter, value, "no such day", "a real day such as '2022-12-31'") from None
    else:
        raise DateParameterError(parameter, value, "not a date in the form YYYY-MM-DD", "a day such as '2022-12-31'")
    if first is not None and day < first:
        raise DateParameterError(
            parameter, value, f"before the first document of the record ({first:%Y-%m-%d})", f"{first:%Y-%m-%d} or later"
        )
    return day


def as_of_tables(tables: Tables, day: pd.Timestamp, codes=None) -> Tables:
    """``tables`` as they stood at the end of ``day`` (see the module's docstring).

    Parameters
    ----------
    tables : Tables
        The whole record, typed.
    day : Timestamp
        A day checked by :func:`parse_as_of`.
    codes : Codes, optional
        The whole record's integer codes (:mod:`dialoguelib.query.codes`): with them, the rows kept are
        found by position rather than by id.

    Returns
    -------
    Tables
        The same dtypes; the document categories are the documents kept; ``as_of`` is ``day``.
    """
    docs = tables.documents[(tables.documents["date"] <= day).to_numpy()]
    kept_docs = list(docs["document_id"].astype(str))
    com = tables.commitments
    # documents run by date and the commitments' document categories follow them: the documents
    # kept are the first categories, and dropping the rest leaves every kept row's code as it was
    n = int((com["document_id"].cat.codes.to_numpy() < len(docs)).sum())
    commitments = com.iloc[:n].copy(deep=False)  # commitments run by document: those kept are the first n rows
    commitments["document_id"] = commitments["document_id"].cat.set_categories(kept_docs)
    su, links, lineage = tables.status_updates, tables.commitment_actors, tables.commitment_links
    if codes is None:
        kept_ids = pd.Index(commitments["commitment_id"].to_numpy(dtype=object))

        def rows(s):
            return np.where(kept_ids.get_indexer(s.to_numpy(dtype=object)) >= 0, 0, n)

        link_row, status_row, later_row, earlier_row = (
            rows(links["commitment_id"]),
            rows(su["commitment_id"]),
            rows(lineage["later_id"]),
            rows(lineage["earlier_id"]),
        )
    else:
        link_row, status_row, later_row, earlier_row = codes.link_row, codes.status_row, codes.later_row, codes.earlier_row
    actor_links = links[link_row < n] if n < len(com) else links
    lineage = lineage[(later_row < n) & (earlier_row < n)]
    su = su[(su["recorded"] <= day).to_numpy() & (status_row < n)].copy(deep=False)
    su["evidence_document"] = su["evidence_document"].cat.set_categories(kept_docs)
    return replace(
        tables,
        documents=docs,
        commitments=commitments,
        commitment_actors=actor_links,
        milestones=tables.milestones[tables.milestones["date"] <= day],
        commitment_links=lineage,
        status_updates=su,
        raw_texts={k: tables.raw_texts[k] for k in kept_docs},
        as_of=day,
        references={},  # its own codes are looked up (rows were dropped)
    )
