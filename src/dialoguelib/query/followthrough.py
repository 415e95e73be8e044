"""What became of the commitments of a selection: status, its history, lineage, silence.

Each function takes a dataset or a selection (``sel``; for a past day, ``ds.as_of(day)``)
and returns a small DataFrame; each is also a method of every dataset and selection
(:class:`~dialoguelib.query.queries.Queries`): ``ds.status_counts("goal")`` is ``status_counts(ds, "goal")``. A commitment's *status* is the latest row of the ledger
(``status_updates``) for it: the latest ``as_of`` date, and among rows of the same date the
latest ``recorded`` (a correction), then the highest ``update_id``. A commitment with no row
is ``not_assessed``, which is not a status of the scale and has no compliance score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import UnknownValueError

__all__ = [
    "NOT_ASSESSED",
    "NOT_ASSESSED_LABEL",
    "status_scale",
    "latest_status",
    "status_counts",
    "compliance",
    "status_history",
    "lineage",
    "unmentioned",
    "status_over_time",
    "resolve_commitment",
]

NOT_ASSESSED = "not_assessed"
NOT_ASSESSED_LABEL = "Not assessed"
_BY = {"goal": "goal", "area": "area", "document": "document_title", "party": "party", "kind": "kind", "modality": "modality"}


def status_scale(sel) -> pd.DataFrame:
    """The statuses in scale order, led by ``not_assessed``: ``status_id, label, g20_score``.

    >>> import dialoguelib
    >>> list(status_scale(dialoguelib.load()).status_id)[:3]
    ['not_assessed', 'not_started', 'in_progress']
    """
    st = sel.statuses
    head = pd.DataFrame({"status_id": [NOT_ASSESSED], "label": [NOT_ASSESSED_LABEL], "g20_score": [pd.NA]})
    body = pd.DataFrame(
        {"status_id": st["status_id"].astype(str), "label": st["label"].astype(str), "g20_score": st["g20_score"]}
    )
    return pd.concat([head, body], ignore_index=True).astype({"g20_score": "Int64"})


def _latest_of_rows(whole) -> np.ndarray:
    """For each commitment row of the whole record, the ledger row of its current status (-1: not assessed).

    The latest ``as_of``, then the latest ``recorded``, then the row written last (the ledger is
    append-only, so that is the highest ``update_id``); computed once per record, on integer codes.
    """

    def compute():
        current = np.full(len(whole.commitments), -1, dtype=np.int64)
        if whole.status_updates.empty:
            return current
        crow = whole.codes.status_row
        order = _ledger_order(whole)
        c = crow[order]
        last = order[np.r_[c[1:] != c[:-1], True]]
        current[crow[last]] = last
        return current

    return whole.memo("followthrough.latest", compute)


def _status_rows_on(whole, day) -> np.ndarray:
    """For each commitment row of the whole record, the ledger row of its status as recorded by ``day`` (-1:
    none yet): :func:`_latest_of_rows` as the ledger stood that day.

    Each ledger row is a commitment's status from the day it was recorded until a row after it (in
    :func:`_ledger_order`) is recorded; those spans are computed once per record, so a day costs two
    comparisons per ledger row (the charts over time ask for dozens of days)."""
    spans = _status_spans(whole)
    current = np.full(len(whole.commitments), -1, dtype=np.int64)
    if not len(spans["known"]):
        return current
    day_rank = np.searchsorted(spans["known"], np.datetime64(pd.Timestamp(day)).astype(spans["known"].dtype), side="right")
    on_day = np.flatnonzero((spans["since"] < day_rank) & (spans["until"] >= day_rank))
    current[whole.codes.status_row[on_day]] = on_day
    return current


def _status_spans(whole) -> dict:
    """Per ledger row, the recorded days (as ranks into ``known``, the distinct recorded days) from which it is
    its commitment's status (``since``) and until which (``until``, exclusive; ``len(known)``: still is)."""

    def compute():
        su = whole.status_updates
        known, since = np.unique(su["recorded"].to_numpy(), return_inverse=True)
        order = _ledger_order(whole)
        group = whole.codes.status_row[order].astype(np.int64)
        width = len(known) + 1
        keyed = group * width + since[order]  # a later commitment's keys are all larger: no min crosses a commitment
        after = np.minimum.accumulate(keyed[::-1])[::-1]  # the least key from each position to the end of its commitment
        same = np.r_[group[1:] == group[:-1], False]
        until = np.empty(len(su), dtype=np.int64)
        until[order] = np.where(same, np.r_[after[1:], 0] - group * width, len(known))
        return {"known": known, "since": since.astype(np.int64), "until": until}

    return whole.memo("followthrough.spans", compute)


def _ledger_order(whole) -> np.ndarray:
    """The ledger's rows by commitment, then ``as_of``, then ``recorded``, then row (computed once per record):
    the last of a commitment's rows is its status; the last of those recorded by a day, its status that day."""

    def compute():
        su = whole.status_updates
        keys = [whole.codes.status_row.astype(np.int64)]
        for column in ("as_of", "recorded"):
            days = su[column].to_numpy().astype("datetime64[D]")
            keys.append(days.astype(np.int64) if (days == su[column].to_numpy()).all() else None)
        if len(su) and all(k is not None for k in keys):  # whole days (as the ledger holds): one key, one stable sort
            key, width = np.zeros(len(su), dtype=np.int64), 1
            for k in reversed(keys):
                key += (k - k.min()) * width
                width *= int(k.max() - k.min()) + 1
            if width < 2**62:
                return np.argsort(key, kind="stable")
        return np.lexsort((su["recorded"].to_numpy(), su["as_of"].to_numpy(), whole.codes.status_row))  # stable: then row

    return whole.memo("followthrough.ledger_order", compute)


def _status_codes(sel) -> tuple[np.ndarray, np.ndarray]:
    """(ledger row or -1, status code in :func:`status_scale` order) of each commitment of ``sel``."""
    rows = _latest_of_rows(sel.whole)[sel.mask]
    su = sel.whole.status_updates
    codes = np.zeros(len(rows), dtype=np.int64)  # 0: not assessed
    hit = rows >= 0
    codes[hit] = su["status"].cat.codes.to_numpy()[rows[hit]] + 1
    return rows, codes


def latest_status(sel) -> pd.DataFrame:
    """One row per commitment of ``sel``: its current status, as recorded by the selection's as-of day.

    Parameters
    ----------
    sel : Dataset or Selection

    Returns
    -------
    DataFrame
        ``commitment_id, status`` (an ordered categorical led by ``not_assessed``), ``label`` (its label, likewise),
        ``g20_score``, ``as_of``, ``recorded``, ``update_id`` and the evidence fields
        (``evidence_document``, ``evidence_start``, ``evidence_end``, ``evidence_quote``,
        ``evidence_url``, ``evidence_note``); in the selection's order.

    >>> import dialoguelib
    >>> s = latest_status(dialoguelib.load())
    >>> len(s), set(s.status)
    (96, {'not_assessed'})
    """
    scale = status_scale(sel)
    rows, codes = _status_codes(sel)
    out = pd.DataFrame({"commitment_id": sel.commitments["commitment_id"].array})
    out["status"] = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(list(scale["status_id"]), ordered=True))
    out["label"] = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(list(scale["label"]), ordered=True))
    out["g20_score"] = scale["g20_score"].array.take(codes)
    su = sel.whole.status_updates
    for c in [
        "as_of",
        "recorded",
        "update_id",
        "evidence_document",
        "evidence_start",
        "evidence_end",
        "evidence_quote",
        "evidence_url",
        "evidence_note",
    ]:
        out[c] = su[c].array.take(rows, allow_fill=True)
    return out


NO_AREA = "Goal level (no single area)"  # the commitments of a goal that name no area: one label everywhere


def _by_values(sel, by: str) -> pd.Series:
    """The group of each commitment of ``sel``, as a categorical: every goal and area of the
    framework (and :data:`NO_AREA`) in framework order; other fields with the values present."""
    if by not in _BY:
        raise UnknownValueError("status grouping", by, list(_BY))
    values = sel.tidy[_BY[by]].reset_index(drop=True)
    if not isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(str).astype("category")
    elif by == "area":
        values = values.cat.add_categories([NO_AREA]).fillna(NO_AREA)
    elif by != "goal":
        values = values.cat.remove_unused_categories()
    return values


def status_counts(sel, by: str = "goal") -> pd.DataFrame:
    """Commitments per group and status: rows the groups (framework order for goals and areas),
    columns the status labels in scale order (``Not assessed`` first), every status listed.

    Parameters
    ----------
    sel : Dataset or Selection
    by : str
        goal, area, document, party, kind or modality.

    Returns
    -------
    DataFrame
        Counts; the index is named ``by``. As ``pd.crosstab(tidy[by], latest_status(sel).label)``.

    >>> import dialoguelib
    >>> c = status_counts(dialoguelib.load())
    >>> int(c.loc["Protect our people", "Not assessed"]), int(c.values.sum())
    (27, 96)
    """
    labels = list(status_scale(sel)["label"])
    groups = _by_values(sel, by)
    _, codes = _status_codes(sel)
    n = np.bincount(groups.cat.codes.to_numpy() * len(labels) + codes, minlength=len(groups.cat.categories) * len(labels))
    table = pd.DataFrame(
        n.reshape(-1, len(labels)), index=pd.Index(groups.cat.categories, name=by), columns=pd.Index(labels, name="status")
    )
    return table.astype(int)


def compliance(sel, by: str = "goal") -> pd.DataFrame:
    """The G20-style compliance of each group: the mean score (-1 .. +1) of its assessed, scored
    commitments, and how many of its commitments that is.

    Parameters
    ----------
    sel : Dataset or Selection
    by : str
        As :func:`status_counts`.

    Returns
    -------
    DataFrame
        Index ``by``; columns ``commitments``, ``scored`` and ``score`` (NA where none is scored).
    """
    _, codes = _status_codes(sel)
    scores = status_scale(sel)["g20_score"].astype("Float64").array.take(codes)
    frame = pd.DataFrame({by: _by_values(sel, by), "score": scores})
    return frame.groupby(by, observed=False).agg(
        commitments=("score", "size"), scored=("score", "count"), score=("score", "mean")
    )


def resolve_commitment(sel, commitment_id: str) -> str:
    """A commitment id as the data writes it (``js-32`` -> ``JS-32``); an unknown one is refused with close matches.

    Parameters
    ----------
    sel : Dataset or Selection
    commitment_id : str

    Returns
    -------
    str
    """
    cid = str(commitment_id).strip().upper()
    row_of = sel.whole.codes.row_of_id
    if cid not in row_of:
        import difflib

        ids = list(row_of)
        exc = UnknownValueError("commitment", commitment_id, ids, difflib.get_close_matches(cid, ids, n=3))
        close = f" Did you mean: {', '.join(map(repr, exc.suggestions))}?" if exc.suggestions else ""
        exc.args = (
            f"unknown commitment {commitment_id!r}.{close} Ids are a document code and a number, such as "
            f"{ids[0]!r} (all of them: ds.commitments.commitment_id).",
        )
        raise exc
    return cid


def status_history(sel, commitment_id: str) -> pd.DataFrame:
    """Every ledger row of one commitment, oldest first, each marked ``current`` or ``superseded_by`` the next.

    Parameters
    ----------
    sel : Dataset or Selection
    commitment_id : str
        A commitment of the data (case-insensitive).

    Returns
    -------
    DataFrame
        The ledger's columns plus ``label``, ``current`` (bool) and ``superseded_by`` (the
        update that replaced it; NA for the current one). Empty when it was never assessed.
    """
    cid = resolve_commitment(sel, commitment_id)
    whole = sel.whole
    su = whole.status_updates
    mine = np.flatnonzero(whole.codes.status_row == whole.codes.row_of_id[cid])
    rows = su.iloc[mine[np.lexsort((mine, su["recorded"].to_numpy()[mine], su["as_of"].to_numpy()[mine]))]].reset_index(drop=True)
    scale = status_scale(sel)
    rows["label"] = rows["status"].astype(str).map(dict(zip(scale["status_id"], scale["label"])))
    nxt = rows["update_id"].shift(-1)
    rows["superseded_by"] = nxt.astype("string")
    rows["current"] = nxt.isna().to_numpy()
    return rows


def lineage(sel, commitment_id: str) -> pd.DataFrame:
    """The links that connect one commitment to others, directly or through other links, oldest first.

    Parameters
    ----------
    sel : Dataset or Selection
    commitment_id : str
        A commitment of the data.

    Returns
    -------
    DataFrame
        ``later_id, earlier_id, relation, reason`` with each end's ``*_document``, ``*_date`` and
        ``*_quote``; one row per link of the connected group, by the later end's date.
    """
    cid = resolve_commitment(sel, commitment_id)
    whole = sel.whole
    links = whole.commitment_links
    later, earlier = whole.codes.later_row, whole.codes.earlier_row
    group = np.zeros(len(whole.commitments), dtype=bool)
    group[whole.codes.row_of_id[cid]] = True
    size = 0
    while group.sum() > size:  # breadth-first over links in both directions, on row numbers
        size = int(group.sum())
        hit = group[later] | group[earlier]
        group[later[hit]] = True
        group[earlier[hit]] = True
    picked = np.flatnonzero(group[later])
    rows = links.iloc[picked].reset_index(drop=True)
    com = whole.commitments
    dates = whole.documents.set_index(whole.documents["document_id"].astype(str))["date"]
    for end, at in (("later", later[picked]), ("earlier", earlier[picked])):
        docs = com["document_id"].iloc[at].astype(str).to_numpy()
        rows[f"{end}_document"] = docs
        rows[f"{end}_date"] = dates.reindex(docs).to_numpy()
        rows[f"{end}_quote"] = com["quote"].iloc[at].to_numpy()
    return rows.sort_values(["later_date", "later_id", "earlier_id"], kind="stable").reset_index(drop=True)


def unmentioned(sel) -> pd.DataFrame:
    """Commitments of ``sel`` that nothing later took up: no later commitment links to them and no
    status was recorded for them (as of the selection's day).

    Returns
    -------
    DataFrame
        Rows of ``sel.tidy``, in its order.
    """
    whole = sel.whole
    taken_up = np.zeros(len(whole.commitments), dtype=bool)
    taken_up[whole.codes.earlier_row] = True
    taken_up[whole.codes.status_row] = True
    return whole.tidy[sel.mask & ~taken_up]


def status_over_time(sel, by: str = "goal", dates=None) -> pd.DataFrame:
    """How many commitments of each group stood at each status on each of ``dates``.

    Parameters
    ----------
    sel : Dataset or Selection
    by : str
        As :func:`status_counts`.
    dates : list of day, optional
        Default: the milestones' dates and the ledger's as-of dates up to the selection's day.

    Returns
    -------
    DataFrame
        Long form: ``date, <by>, status, n``; a commitment counts from its document's date on,
        at the status recorded by that day (``Not assessed`` before any).
    """
    whole = sel.whole
    su = whole.status_updates
    if dates is None:
        dates = sorted(set(whole.milestones["date"]) | set(su["as_of"]))
        if len(dates) > 40:  # a large ledger: the milestones and the end of each quarter it spans
            quarters = pd.date_range(su["as_of"].min(), su["as_of"].max() + pd.offsets.QuarterEnd(0), freq="QE")
            dates = sorted(set(whole.milestones["date"]) | set(quarters))
    dates = [pd.Timestamp(d) for d in dates]
    groups = _by_values(sel, by)
    doc_date = sel.tidy["date"].to_numpy()
    labels = status_scale(sel)["label"].to_numpy()
    status_codes = np.r_[su["status"].cat.codes.to_numpy() + 1, 0]  # the last: not assessed (ledger row -1)
    frames = []
    for day in dates:
        codes = status_codes[_status_rows_on(whole, day)[sel.mask]]
        live = doc_date <= np.datetime64(day)
        f = pd.DataFrame({"date": day, by: groups[live], "status": labels[codes[live]]})
        frames.append(f.groupby(["date", by, "status"], observed=True, sort=False).size().rename("n").reset_index())
    if not frames:
        return pd.DataFrame(columns=["date", by, "status", "n"])
    return pd.concat(frames, ignore_index=True)
