"""Checks of the follow-through tables that a schema cannot say: lineage and the status ledger.

``commitment_links``: no self links, no pair linked both ways, the later end's document not
older than the earlier end's, no cycle of ``supersedes``. ``status_updates``: a status not
dated before its commitment's document nor after it was recorded; evidence that is either a
verbatim span of a document in the data (checked against the raw text like every quote,
and published by the time it was recorded) or an http(s) address with a note; no two rows
for one commitment, as-of date and recording date that disagree. Append-only (no row
changed or removed) is a rule between two versions of the ledger: :func:`check_appended`, and
between the ledger and its last release: :mod:`dialoguelib.package.history`. No row is a copy of another.

The first fault raises :class:`~dialoguelib.errors.DataValidationError` naming the file,
row, field and what was expected.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataValidationError
from .text import describe_mismatch

__all__ = ["check_followup", "check_appended", "supersession_cycle"]


def _fail(path: Path, df: pd.DataFrame, i: int, key_fields: list[str], field: str, message: str, expected: str):
    key = ", ".join(f"{k}={df[k].iloc[i]!r}" for k in key_fields)
    raise DataValidationError(path, message, row=i + 1, field=field, key=key, expected=expected)


def _first(mask) -> int | None:
    hits = np.flatnonzero(np.asarray(mask, dtype=bool))
    return int(hits[0]) if len(hits) else None


def _doc_dates(tables: dict) -> pd.Series:
    """Commitment id -> the date of its document."""
    docs = tables["documents"].set_index("document_id")["date"]
    com = tables["commitments"]
    return pd.Series(docs.reindex(com["document_id"].astype(object)).to_numpy(), index=com["commitment_id"].astype(object))


def supersession_cycle(edges: list[tuple[str, str]]) -> list[str]:
    """A cycle among ``(later, earlier)`` supersession edges, as the ids along it, or ``[]``.

    Parameters
    ----------
    edges : list of (str, str)
        Each a later commitment and the earlier one it supersedes.

    Returns
    -------
    list of str
        ``[a, b, ..., a]`` for the first cycle found; empty when there is none.

    >>> supersession_cycle([("B", "A"), ("C", "B")])
    []
    >>> supersession_cycle([("B", "A"), ("A", "B")])
    ['B', 'A', 'B']
    """
    graph: dict[str, list[str]] = {}
    for later, earlier in edges:
        graph.setdefault(later, []).append(earlier)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in graph:
        if state.get(start):
            continue
        path, stack = [start], [iter(graph.get(start, ()))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(graph.get(nxt, ())))
    return []


def _check_links(data_dir: Path, tables: dict, dates: pd.Series) -> None:
    links = tables["commitment_links"]
    if links.empty:
        return
    path = data_dir / "commitment_links.csv"
    pk = ["later_id", "earlier_id"]
    later, earlier = links["later_id"].astype(object), links["earlier_id"].astype(object)
    i = _first(later.to_numpy() == earlier.to_numpy())
    if i is not None:
        _fail(path, links, i, pk, "earlier_id", "a commitment linked to itself", "two different commitments")
    later_date = dates.reindex(later).to_numpy()
    earlier_date = dates.reindex(earlier).to_numpy()
    i = _first(later_date < earlier_date)
    if i is not None:
        _fail(
            path,
            links,
            i,
            pk,
            "later_id",
            f"{later.iloc[i]!r} is from a document of {pd.Timestamp(later_date[i]):%Y-%m-%d}, "
            f"older than {earlier.iloc[i]!r} ({pd.Timestamp(earlier_date[i]):%Y-%m-%d}): the link points forward in time",
            "later_id from a document dated on or after earlier_id's (swap them?)",
        )
    seen: set = set()
    for i, pair in enumerate(zip(later, earlier)):
        if pair[::-1] in seen:  # the second of the two rows is the one at fault
            _fail(
                path,
                links,
                i,
                pk,
                "earlier_id",
                f"{pair[0]!r} and {pair[1]!r} are linked both ways",
                "one link per pair, from the later commitment to the earlier",
            )
        seen.add(pair)
    sup = links["relation"].astype(object).to_numpy() == "supersedes"
    cycle = supersession_cycle(list(zip(later[sup], earlier[sup])))
    if cycle:
        in_cycle = np.zeros(len(links), dtype=bool)
        for a, b in zip(cycle, cycle[1:]):
            in_cycle |= sup & (later.to_numpy() == a) & (earlier.to_numpy() == b)
        i = int(np.flatnonzero(in_cycle)[-1])  # the last row of the circle: the one that closed it
        _fail(
            path,
            links,
            i,
            pk,
            "relation",
            "supersession runs in a circle: " + " supersedes ".join(cycle),
            "a commitment never superseded, even indirectly, by one it supersedes",
        )


def _check_evidence(data_dir: Path, tables: dict, texts: dict) -> None:
    su = tables["status_updates"]
    path = data_dir / "status_updates.csv"
    pk = ["update_id"]
    doc = su["evidence_document"].fillna("").astype(object).to_numpy()
    has_doc = doc != ""
    span = {
        f: su[f].notna().to_numpy() & (su[f].astype(object).fillna("") != "").to_numpy()
        for f in ("evidence_start", "evidence_end", "evidence_quote")
    }
    for field, present in span.items():
        i = _first(has_doc != present)
        if i is not None:
            _fail(
                path,
                su,
                i,
                pk,
                field,
                "evidence_document, evidence_start, evidence_end and evidence_quote go together: "
                + (f"{field} is empty" if has_doc[i] else f"{field} is given without a document"),
                "all four (a span of a document in the data) or none",
            )
    url = su["evidence_url"].fillna("").astype(object).to_numpy() != ""
    i = _first(~has_doc & ~url)
    if i is not None:
        _fail(
            path,
            su,
            i,
            pk,
            "evidence_document",
            "no evidence",
            "a span of a document in the data (evidence_document, evidence_start, evidence_end, evidence_quote) "
            "or an evidence_url with an evidence_note",
        )
    note = su["evidence_note"].fillna("").astype(object).str.strip().to_numpy() != ""
    i = _first(url & ~note)
    if i is not None:
        _fail(path, su, i, pk, "evidence_note", "an evidence_url without a note", "one line on what the page says")
    rows = np.flatnonzero(has_doc)
    if not len(rows):
        return
    # as for every quote (validation._check_sources): within bounds, source[start:end] == quote exactly when the
    # quote is end - start characters long and the source has it at start (str.startswith, mapped in C)
    docs = doc[rows]
    starts = su["evidence_start"].to_numpy(dtype=np.int64, na_value=-1)[rows]
    ends = su["evidence_end"].to_numpy(dtype=np.int64, na_value=-1)[rows]
    quotes = su["evidence_quote"].to_numpy(dtype=object)[rows]
    sources = np.array([texts[d] for d in docs], dtype=object)
    lengths = np.fromiter(map(len, sources), dtype=np.int64, count=len(rows))
    in_bounds = (0 <= starts) & (starts < ends) & (ends <= lengths)
    same = (np.fromiter(map(len, quotes), dtype=np.int64, count=len(rows)) == ends - starts) & np.fromiter(
        map(str.startswith, sources, quotes, starts.tolist()), dtype=bool, count=len(rows)
    )
    k = _first(~in_bounds)
    if k is not None:
        _fail(
            path,
            su,
            int(rows[k]),
            pk,
            "evidence_start",
            f"offsets {starts[k]}:{ends[k]} fall outside {docs[k]} ({lengths[k]} characters)",
            "0 <= evidence_start < evidence_end <= length of the raw text",
        )
    k = _first(~same)
    if k is not None:
        found = sources[k][starts[k] : ends[k]]
        _fail(
            path,
            su,
            int(rows[k]),
            pk,
            "evidence_quote",
            f"the quote does not match the raw text at {starts[k]}:{ends[k]}; {describe_mismatch(found, quotes[k])}",
            "the exact words of the document at those offsets",
        )
    doc_dates = tables["documents"].set_index("document_id")["date"]
    published = doc_dates.reindex(docs).to_numpy()
    recorded = su["recorded"].to_numpy()[rows]
    k = _first(published > recorded)
    if k is not None:
        _fail(
            path,
            su,
            int(rows[k]),
            pk,
            "evidence_document",
            f"{docs[k]!r} is dated {pd.Timestamp(published[k]):%Y-%m-%d}, after the row was recorded "
            f"({pd.Timestamp(recorded[k]):%Y-%m-%d})",
            "evidence published on or before the recording date",
        )


def _check_statuses(data_dir: Path, tables: dict, texts: dict, dates: pd.Series) -> None:
    su = tables["status_updates"]
    if su.empty:
        return
    path = data_dir / "status_updates.csv"
    pk = ["update_id"]
    cid = su["commitment_id"].astype(object)
    promised = dates.reindex(cid).to_numpy()
    i = _first(su["as_of"].to_numpy() < promised)
    if i is not None:
        _fail(
            path,
            su,
            i,
            pk,
            "as_of",
            f"{su['as_of'].iloc[i]:%Y-%m-%d} is before {cid.iloc[i]!r} was published ({pd.Timestamp(promised[i]):%Y-%m-%d})",
            "a date on or after the commitment's document",
        )
    i = _first(su["as_of"].to_numpy() > su["recorded"].to_numpy())
    if i is not None:
        _fail(
            path,
            su,
            i,
            pk,
            "as_of",
            f"{su['as_of'].iloc[i]:%Y-%m-%d} is after the row was recorded ({su['recorded'].iloc[i]:%Y-%m-%d})",
            "an as_of date on or before recorded (a status cannot describe a day still to come)",
        )
    _check_evidence(data_dir, tables, texts)
    keyed = pd.DataFrame(
        {
            "c": cid.to_numpy(),
            "a": su["as_of"].to_numpy(),
            "r": su["recorded"].to_numpy(),
            "s": su["status"].astype(object).to_numpy(),
        }
    )
    _check_copies(path, su, pk)
    first = keyed.groupby(["c", "a", "r"], sort=False)["s"].transform("first")
    i = _first(first.to_numpy() != keyed["s"].to_numpy())
    if i is not None:
        _fail(
            path,
            su,
            i,
            pk,
            "status",
            f"{cid.iloc[i]!r} as of {su['as_of'].iloc[i]:%Y-%m-%d}, recorded {su['recorded'].iloc[i]:%Y-%m-%d}, is "
            f"{keyed['s'].iloc[i]!r} here and {first.iloc[i]!r} in an earlier row",
            "one status per commitment, as-of date and recording date (a correction is a new row recorded later)",
        )


def _check_copies(path: Path, su: pd.DataFrame, pk: list[str]) -> None:
    """No status update twice: a row equal to an earlier one in everything but its id adds nothing but weight."""
    fields = [c for c in su.columns if c not in pk]
    cols = [su[c].astype(object).where(su[c].notna(), None).tolist() for c in fields]
    rows = list(zip(*cols))
    i = _first(pd.Series(rows, dtype=object).duplicated(keep="first").to_numpy()) if rows else None
    if i is not None:
        j = rows.index(rows[i])
        _fail(
            path,
            su,
            i,
            pk,
            "update_id",
            f"a copy of {su['update_id'].iloc[j]!r} (the same commitment, status, dates, evidence and assessor)",
            "each status update once (a second assessment differs in its evidence, assessor or dates)",
        )


def check_followup(data_dir: Path, tables: dict, texts: dict) -> None:
    """Check lineage and the status ledger against the commitments, their documents and texts.

    Parameters
    ----------
    data_dir : Path
        The data folder, named in errors.
    tables : dict
        The tables as :func:`dialoguelib.package.schema.check_table` typed them (keys and schema checked).
    texts : dict
        Document id -> its raw text.

    Raises
    ------
    DataValidationError
        The first fault, naming the file, row, field and what was expected.
    """
    dates = _doc_dates(tables)
    _check_links(data_dir, tables, dates)
    _check_statuses(data_dir, tables, texts, dates)


def check_appended(path, old: pd.DataFrame, new: pd.DataFrame) -> None:
    """The ledger ``new`` keeps every row of ``old`` unchanged (rows are only ever added).

    Parameters
    ----------
    path : path-like
        The ledger's file, named in errors.
    old, new : DataFrame
        The ledger before and after a change, as read (text cells).

    Raises
    ------
    DataValidationError
        A row of ``old`` is missing from ``new`` or changed in it.
    """
    by_id = new.set_index("update_id")
    for i, row in enumerate(old.to_dict("records")):
        uid = row["update_id"]
        if uid not in by_id.index:
            raise DataValidationError(
                path,
                f"status update {uid!r} was removed",
                row=i + 1,
                field="update_id",
                expected="the ledger is append-only: supersede a status with a new row, never delete one",
            )
        now = by_id.loc[uid]
        for field, value in row.items():
            if field != "update_id" and str(now[field]) != str(value):
                raise DataValidationError(
                    path,
                    f"status update {uid!r} was changed ({field}: {value!r} -> {now[field]!r})",
                    row=i + 1,
                    field=field,
                    expected="the ledger is append-only: add a row recorded later instead of editing one",
                )
