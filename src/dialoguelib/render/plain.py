"""Plain text for the command line: the data at a glance (``dialoguelib summary``) and what became of
one commitment (``dialoguelib status``)."""

from __future__ import annotations

from .._version import __version__
from ..query import followthrough as ft

__all__ = ["summary_text", "status_text"]


def summary_text(ds) -> str:
    """A plain-text summary of the dataset: documents, goals and areas with their counts."""
    t = ds.tidy
    lines = [f"dialoguelib {__version__}, data {ds.version} ({ds.data_dir})", ""]
    lines.append(f"{len(ds)} commitments from {len(ds.documents)} documents, {len(ds.actors)} actors")
    for doc in ds.documents.itertuples(index=False):
        n = int((t["document_id"] == doc.document_id).sum())
        lines.append(f"  {doc.code:<4} {doc.date:%Y-%m-%d}  {n:>4}  {doc.title}")
    lines.append("")
    lines.append(f"{'goal / area':<78} {'all':>4} {'actions':>7}")
    for goal in ds.goals.itertuples(index=False):
        g = t[t["goal_id"] == goal.goal_id]
        lines.append(f"{goal.name:<78} {len(g):>4} {int((g['kind'] == 'action').sum()):>7}")
        for area in ds.areas[ds.areas["goal_id"] == goal.goal_id].itertuples(index=False):
            a = t[t["area_id"] == area.area_id]
            lines.append(f"  {area.name[:76]:<76} {len(a):>4} {int((a['kind'] == 'action').sum()):>7}")
    lines.append("")
    mod = ds.counts("modality")
    lines.append("modality: " + ", ".join(f"{m} {n}" for m, n in zip(mod["modality"], mod["n"])))
    return "\n".join(lines)


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
    cid = ft.resolve_commitment(sel, commitment_id)
    row = sel.whole.tidy.set_index(sel.whole.tidy["commitment_id"].astype(str)).loc[cid]
    day = sel.as_of_date
    lines = [f"{cid} ({row['document_title']}, {row['date']:%Y-%m-%d}): “{' '.join(str(row['quote']).split())}”"]
    hist = ft.status_history(sel, cid)
    if hist.empty:
        lines.append(
            f"Status{f' as of {day:%Y-%m-%d}' if day is not None else ''}: {ft.NOT_ASSESSED_LABEL} (no status recorded)."
        )
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
    links = ft.lineage(sel, cid)
    if links.empty:
        lines.append("Lineage: no later commitment restates, extends, implements, narrows or supersedes it.")
    else:
        lines.append("Lineage:")
        for r in links.itertuples(index=False):
            lines.append(f"  {r.later_id} ({r.later_date:%Y-%m-%d}) {r.relation} {r.earlier_id} ({r.earlier_date:%Y-%m-%d})")
    return "\n".join(lines)
