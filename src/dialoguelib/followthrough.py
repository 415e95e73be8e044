"""What became of the commitments of a selection: status, its history, lineage, silence.

Each function takes a dataset or a selection (``sel``; for a past day, ``ds.as_of(day)``)
and returns a small DataFrame. A commitment's *status* is the latest row of the ledger
(``status_updates``) for it: the latest ``as_of`` date, and among rows of the same date the
latest ``recorded`` (a correction), then the highest ``update_id``. A commitment with no row
is ``not_assessed``, which is not a status of the scale and has no compliance score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import UnknownValueError

__all__ = ["NOT_ASSESSED", "NOT_ASSESSED_LABEL", "status_scale", "latest_status", "status_counts", "compliance",
           "status_history", "lineage", "unmentioned", "status_over_time", "status_text", "resolve_commitment"]  # fmt: skip

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
    body = pd.DataFrame({"status_id": st["status_id"].astype(str), "label": st["label"].astype(str),
                         "g20_score": st["g20_score"]})  # fmt: skip
    return pd.concat([head, body], ignore_index=True).astype({"g20_score": "Int64"})


def _latest(su: pd.DataFrame) -> pd.DataFrame:
    """The last ledger row of each commitment (by as_of, recorded, update_id)."""
    if su.empty:
        return su
    order = su.sort_values(["commitment_id", "as_of", "recorded", "update_id"], kind="stable")
    return order.drop_duplicates("commitment_id", keep="last")


def latest_status(sel) -> pd.DataFrame:
    """One row per commitment of ``sel``: its current status, as recorded by the selection's as-of day.

    Parameters
    ----------
    sel : Dataset or Selection

    Returns
    -------
    DataFrame
        ``commitment_id, status`` (an ordered categorical led by ``not_assessed``), ``label``,
        ``g20_score``, ``as_of``, ``recorded``, ``update_id`` and the evidence fields
        (``evidence_document``, ``evidence_start``, ``evidence_end``, ``evidence_quote``,
        ``evidence_url``, ``evidence_note``); in the selection's order.

    >>> import dialoguelib
    >>> s = latest_status(dialoguelib.load())
    >>> len(s), set(s.status)
    (96, {'not_assessed'})
    """
    scale = status_scale(sel)
    cat = pd.CategoricalDtype(list(scale["status_id"]), ordered=True)
    ids = sel.commitments["commitment_id"].astype(str).reset_index(drop=True)
    last = _latest(sel.status_updates)
    last = last.assign(commitment_id=last["commitment_id"].astype(str)).set_index("commitment_id")
    out = pd.DataFrame({"commitment_id": ids})
    cols = ["as_of", "recorded", "update_id", "evidence_document", "evidence_start", "evidence_end", "evidence_quote",
            "evidence_url", "evidence_note"]  # fmt: skip
    joined = last.reindex(ids)
    status = joined["status"].astype(object).where(joined["status"].notna(), NOT_ASSESSED)
    out["status"] = pd.Categorical(status.to_numpy(), dtype=cat)
    labels = dict(zip(scale["status_id"], scale["label"]))
    scores = dict(zip(scale["status_id"], scale["g20_score"]))
    out["label"] = out["status"].map(labels).astype(str)
    out["g20_score"] = pd.array([scores[s] for s in out["status"].astype(str)], dtype="Int64")
    for c in cols:
        out[c] = joined[c].to_numpy()
    return out


NO_AREA = "(no area)"


def _by_values(sel, by: str) -> pd.Series:
    """The group of each commitment of ``sel``, as a categorical: every goal and area of the
    framework (and ``(no area)``) in framework order; other fields with the values present."""
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
    st = latest_status(sel)
    labels = list(status_scale(sel)["label"])
    frame = pd.DataFrame({by: _by_values(sel, by), "status": pd.Categorical(st["label"], categories=labels, ordered=True)})
    table = frame.groupby([by, "status"], observed=False).size().unstack("status", fill_value=0)
    return table.reindex(columns=labels, fill_value=0).astype(int)


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
    st = latest_status(sel)
    frame = pd.DataFrame({by: _by_values(sel, by), "score": st["g20_score"].astype("Float64")})
    out = frame.groupby(by, observed=False).agg(commitments=("score", "size"), scored=("score", "count"), score=("score", "mean"))
    return out


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
    ids = sel.whole.commitments["commitment_id"].astype(str)
    cid = str(commitment_id).strip().upper()
    if cid not in set(ids):
        import difflib

        raise UnknownValueError("commitment", commitment_id, ids.tolist(), difflib.get_close_matches(cid, ids.tolist(), n=3))
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
    su = sel.whole.status_updates
    rows = su[(su["commitment_id"].astype(str) == cid).to_numpy()].sort_values(["as_of", "recorded", "update_id"], kind="stable")
    rows = rows.reset_index(drop=True)
    labels = dict(zip(status_scale(sel)["status_id"], status_scale(sel)["label"]))
    rows["label"] = rows["status"].astype(str).map(labels)
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
    links = sel.whole.commitment_links
    later, earlier = links["later_id"].astype(str).to_numpy(), links["earlier_id"].astype(str).to_numpy()
    group, frontier = {cid}, {cid}
    while frontier:  # breadth-first over links in both directions
        hit = np.isin(later, list(frontier)) | np.isin(earlier, list(frontier))
        reached = set(later[hit]) | set(earlier[hit])
        frontier = reached - group
        group |= reached
    rows = links[np.isin(later, list(group))].reset_index(drop=True)
    com = sel.whole.commitments.set_index(sel.whole.commitments["commitment_id"].astype(str))
    dates = sel.whole.documents.set_index(sel.whole.documents["document_id"].astype(str))["date"]
    for end in ("later", "earlier"):
        ids = rows[f"{end}_id"].astype(str)
        docs = com["document_id"].astype(str).reindex(ids).to_numpy()
        rows[f"{end}_document"] = docs
        rows[f"{end}_date"] = dates.reindex(docs).to_numpy()
        rows[f"{end}_quote"] = com["quote"].reindex(ids).to_numpy()
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
    taken_up = set(whole.commitment_links["earlier_id"].astype(str)) | set(whole.status_updates["commitment_id"].astype(str))
    tidy = sel.tidy
    return tidy[~tidy["commitment_id"].astype(str).isin(taken_up).to_numpy()]


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
    if dates is None:
        dates = sorted(set(whole.milestones["date"]) | set(whole.status_updates["as_of"]))
    dates = [pd.Timestamp(d) for d in dates]
    tidy = sel.tidy.reset_index(drop=True)
    groups = _by_values(sel, by).to_numpy()
    doc_date = tidy["date"].to_numpy()
    su = whole.status_updates
    ids = tidy["commitment_id"].astype(str)
    labels = dict(zip(status_scale(sel)["status_id"], status_scale(sel)["label"]))
    frames = []
    for day in dates:
        known = su[(su["recorded"] <= day).to_numpy()]
        last = _latest(known)
        current = pd.Series(last["status"].astype(str).to_numpy(), index=last["commitment_id"].astype(str).to_numpy())
        status = current.reindex(ids).fillna(NOT_ASSESSED).map(labels).to_numpy()
        live = doc_date <= np.datetime64(day)
        f = pd.DataFrame({"date": day, by: groups[live], "status": status[live]})
        frames.append(f.groupby(["date", by, "status"], observed=True, sort=False).size().rename("n").reset_index())
    if not frames:
        return pd.DataFrame(columns=["date", by, "status", "n"])
    return pd.concat(frames, ignore_index=True)


def status_text(sel, commitment_id: str) -> str:
    """What became of one commitment, as plain text: the quote, its status now, the history with evidence, the lineage.

    Parameters
    ----------
    sel : Dataset or Selection
        The record (for a past day: ``ds.as_of(day)``).
    commitment_id : str
        A commitment of the data.

    Returns
    -------
    str
    """
    cid = resolve_commitment(sel, commitment_id)
    row = sel.whole.tidy.set_index(sel.whole.tidy["commitment_id"].astype(str)).loc[cid]
    day = sel.as_of_date
    lines = [f"{cid} ({row['document_title']}, {row['date']:%Y-%m-%d}): “{' '.join(str(row['quote']).split())}”"]
    hist = status_history(sel, cid)
    if hist.empty:
        lines.append(f"Status{f' as of {day:%Y-%m-%d}' if day is not None else ''}: {NOT_ASSESSED_LABEL} (no status recorded).")
    else:
        cur = hist.iloc[-1]
        lines.append(
            f"Status{f' as of {day:%Y-%m-%d}' if day is not None else ''}: {cur['label']} (as of {cur['as_of']:%Y-%m-%d})."
        )
        lines.append("History:")
        for h in hist.itertuples(index=False):
            if isinstance(h.evidence_quote, str):
                evidence = f"“{' '.join(h.evidence_quote.split())}” ({h.evidence_document}, {h.evidence_start}:{h.evidence_end})"
            else:
                evidence = f"{h.evidence_note} <{h.evidence_url}>"
            mark = "" if h.current else f" [superseded by {h.superseded_by}]"
            lines.append(
                f"  {h.update_id} {h.as_of:%Y-%m-%d} {h.label}, by {h.assessed_by}, recorded {h.recorded:%Y-%m-%d}{mark}: {evidence}"
            )
    links = lineage(sel, cid)
    if links.empty:
        lines.append("Lineage: no later commitment restates, extends, implements, narrows or supersedes it.")
    else:
        lines.append("Lineage:")
        for r in links.itertuples(index=False):
            lines.append(f"  {r.later_id} ({r.later_date:%Y-%m-%d}) {r.relation} {r.earlier_id} ({r.earlier_date:%Y-%m-%d})")
    return "\n".join(lines)
