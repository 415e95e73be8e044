"""What became of the commitments, shown: status badges and counts, evidence, lineage, the timeline
(HTML), and one commitment's story as plain text (what ``dialoguelib status`` prints).

Every string from the data goes through :func:`dialoguelib.render.markup.esc`; addresses become links
only when they are http(s) (:func:`dialoguelib.render.markup.link`).
"""

from __future__ import annotations

import pandas as pd

from ..query import followthrough as ft
from .components import component, safe
from .markup import esc as _esc
from .markup import link
from .styles import STATUS_COLOURS, style_tag

__all__ = [
    "status_badge",
    "status_counts_table",
    "followthrough_section",
    "history_html",
    "lineage_html",
    "timeline_table",
]


def status_badge(status_id: str, label: str) -> str:
    """A status as a small coloured label (``data-status`` carries its id).

    Parameters
    ----------
    status_id, label : str
        The status and its label.

    Returns
    -------
    str
    """
    return component("badge", status_id, label, STATUS_COLOURS.get(str(status_id), "#FFFFFF"))


def _day(value) -> str:
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def status_counts_table(sel, by: str = "goal") -> str:
    """Commitments per group and status (see :func:`dialoguelib.query.followthrough.status_counts`) as an HTML table.

    Parameters
    ----------
    sel : Dataset or Selection
    by : str
        goal, area, document, party, kind or modality.

    Returns
    -------
    str
        HTML; statuses no commitment has are left out, "Not assessed" always shown.
    """
    counts = ft.status_counts(sel, by)
    keep = [c for c in counts.columns if c == ft.NOT_ASSESSED_LABEL or counts[c].sum() > 0]
    counts = counts[keep]
    rows = [[g, *(int(n) for n in r)] for g, r in zip(counts.index, counts.to_numpy()) if r.sum() > 0]
    numeric = tuple(range(1, len(keep) + 1))
    return style_tag() + component("table", [by.capitalize(), *keep], rows, "dlx-status-counts", numeric)


def _evidence(r, documents: pd.DataFrame) -> str:
    if isinstance(r.evidence_quote, str):
        doc = documents.loc[str(r.evidence_document)] if str(r.evidence_document) in documents.index else None
        where = _esc(r.evidence_document)
        if doc is not None:
            where = link(doc["source_url"], f"{doc['title']}, {doc['date']:%d %B %Y}")
        return f"“{_esc(' '.join(r.evidence_quote.split()))}” ({where})"
    return f"{_esc(r.evidence_note)} ({link(r.evidence_url, r.evidence_url)})"


def history_html(sel, commitment_id: str) -> str:
    """One commitment's status history, oldest first, each row with its evidence and what superseded it.

    Parameters
    ----------
    sel : Dataset or Selection
    commitment_id : str

    Returns
    -------
    str
    """
    h = ft.status_history(sel, commitment_id)
    if h.empty:
        return f"<p>{status_badge(ft.NOT_ASSESSED, ft.NOT_ASSESSED_LABEL)} No status recorded.</p>"
    docs = sel.documents.set_index(sel.documents["document_id"].astype(str))
    items = []
    for r in h.itertuples(index=False):
        mark = "" if r.current else f" <i>(superseded by {_esc(r.superseded_by)})</i>"
        items.append(
            f"<li>{status_badge(r.status, r.label)} as of {_day(r.as_of)} · {_esc(r.update_id)}, assessed by "
            f"{_esc(r.assessed_by)}, recorded {_day(r.recorded)}{mark}<br>{_evidence(r, docs)}</li>"
        )
    return f'{style_tag()}<ul class="dlx-followup dlx-history">{"".join(items)}</ul>'


def lineage_html(sel, commitment_id: str, style: bool = True) -> str:
    """The links that connect one commitment to others, with both quotes.

    Parameters
    ----------
    sel : Dataset or Selection
    commitment_id : str
    style : bool
        Include the stylesheet (False inside a section that has it already).

    Returns
    -------
    str
    """
    links = ft.lineage(sel, commitment_id)
    if links.empty:
        return "<p><i>No later commitment restates, extends, implements, narrows or supersedes it.</i></p>"
    items = "".join(
        f"<li><b>{_esc(r.later_id)}</b> ({_esc(r.later_document)}, {_day(r.later_date)}) <i>{_esc(r.relation)}</i> "
        f"<b>{_esc(r.earlier_id)}</b> ({_esc(r.earlier_document)}, {_day(r.earlier_date)})<br>"
        f"“{_esc(' '.join(str(r.later_quote).split()))}”</li>"
        for r in links.itertuples(index=False)
    )
    return f'{style_tag() if style else ""}<ul class="dlx-followup dlx-lineage">{items}</ul>'


def followthrough_section(sel) -> str:
    """A report's "What became of it": status counts by goal as of the record's day, then each assessed
    commitment with its status, evidence and lineage, and how many are not assessed.

    Parameters
    ----------
    sel : Dataset or Selection
        The report's selection (for a past day: cut from ``ds.as_of(day)``).

    Returns
    -------
    str
        HTML, escaped.
    """
    day = sel.as_of_date
    when = f"as of {day:%d %B %Y}" if day is not None else "as recorded in the data"
    st = ft.latest_status(sel)
    assessed = st[st["status"] != ft.NOT_ASSESSED]
    n_links = int(sel.mask[sel.whole.codes.earlier_row].sum())
    intro = (
        f'<p class="dlx-followup-intro">Status {_esc(when)}: <b>{len(assessed)}</b> of {len(st)} commitments assessed, '
        f"{len(st) - len(assessed)} not assessed (no status recorded: not the same as no progress); "
        f"{n_links} later commitment{'s' if n_links != 1 else ''} take{'' if n_links != 1 else 's'} them up.</p>"
    )
    parts = [style_tag(), intro]
    if len(assessed):
        parts.append(status_counts_table(sel).removeprefix(style_tag()))
    docs = sel.documents.set_index(sel.documents["document_id"].astype(str))
    quotes = dict(zip(sel.tidy["commitment_id"].astype(str), sel.tidy["quote"]))
    taken_up = set(sel.whole.commitment_links["earlier_id"].astype(str))
    items = []
    for r in st.itertuples(index=False):
        if r.status == ft.NOT_ASSESSED and r.commitment_id not in taken_up:
            continue
        body = f"<b>{_esc(r.commitment_id)}</b> {status_badge(r.status, r.label)}"
        if r.status != ft.NOT_ASSESSED:
            body += f" as of {_day(r.as_of)}: {_evidence(r, docs)}"
        body += f'<br><span class="dlx-meta">“{_esc(" ".join(str(quotes[r.commitment_id]).split()))}”</span>'
        if r.commitment_id in taken_up:
            body += lineage_html(sel, r.commitment_id, style=False)
        items.append(f'<li data-id="{_esc(r.commitment_id)}">{body}</li>')
    if items:
        parts.append(f'<ul class="dlx-followup">{"".join(items)}</ul>')
    return "".join(parts)


def timeline_table(sel) -> str:
    """The framework's milestones up to the record's day, unconfirmed ones marked, sources linked.

    Parameters
    ----------
    sel : Dataset or Selection

    Returns
    -------
    str
    """
    rows = []
    for m in sel.milestones.itertuples(index=False):
        note = "" if m.confirmed else f' <span class="dlx-unconfirmed">not confirmed: {_esc(m.notes)}</span>'
        source = link(m.source_address, m.source_title) if isinstance(m.source_address, str) else _esc(m.source_title)
        event = safe(_esc(m.event) + note)
        rows.append(
            [
                f"{m.date:%Y-%m-%d}",
                str(m.kind).replace("_", " "),
                event,
                m.place if isinstance(m.place, str) else "",
                safe(source),
            ]
        )
    return style_tag() + component("table", ["Date", "Kind", "Event", "Place", "Source"], rows, "dlx-timeline")
