"""How concrete, how new, how late, shown: a commitment's specificity profile as a badge set, the badges as
table cells, and the "How concrete" section of a report. The profile is computed in
:mod:`dialoguelib.query.profile`; every value from the data reaches the page through the components
(``templates/render/components.html.j2``, autoescape on)."""

from __future__ import annotations

import functools

import pandas as pd

from ..query import profile as pf
from .components import component, safe
from .styles import style_tag

__all__ = ["criteria_badges", "profile_cells", "card_profiles", "specificity_section"]


def _items(row) -> list[dict]:
    return [
        {"key": c, "label": pf.CRITERION_LABELS[c], "met": bool(row[f"meets_{c}"]), "words": str(row[f"{c}_words"])}
        for c in pf.CRITERIA
    ]


def criteria_badges(row, with_words: bool = False) -> str:
    """One commitment's profile as a badge set: a badge per criterion met (its deciding words in the badge, or
    in its tooltip).

    Parameters
    ----------
    row : mapping or Series
        A row of :func:`dialoguelib.query.profile.specificity` (``meets_*``, ``*_words``, ``novelty``).
    with_words : bool
        Write the deciding words in the badges, show the criteria not met (dashed) and the novelty: a card's
        line (default False: a table cell, the criteria met only).

    Returns
    -------
    str
        HTML, escaped.

    >>> row = {f"meets_{c}": c == "who" for c in pf.CRITERIA} | {f"{c}_words": "DEA (lead)" if c == "who" else "" for c in pf.CRITERIA}
    >>> criteria_badges(row)
    '<span class="dlx-criteria"><span class="dlx-criterion" data-criterion="who" title="Who acts: DEA (lead)">Who acts</span></span>'
    """
    if not with_words:
        return _cell(tuple((c, bool(row[f"meets_{c}"]), str(row[f"{c}_words"])) for c in pf.CRITERIA))
    return component("criteria", _items(row), str(row.get("novelty", "")), str(row.get("novelty_words", "")), True)


@functools.lru_cache(maxsize=20_000)
def _cell(key: tuple) -> str:
    """A table cell's badges for one (criterion, met, words) tuple: rows alike share it (an explorer redraws often)."""
    items = [{"key": c, "label": pf.CRITERION_LABELS[c], "met": met, "words": words} for c, met, words in key]
    return component("criteria", items)


def profile_cells(sel) -> list[str]:
    """The badges of each commitment of ``sel``, in its order: the "how concrete" column of the commitments table.

    Parameters
    ----------
    sel : Dataset or Selection

    Returns
    -------
    list of str
        HTML, escaped; a cell's text is the labels of the criteria met (what a column filter searches and an
        export keeps), or "none met".
    """
    p = sel.specificity()
    met = [p[f"meets_{c}"].to_numpy() for c in pf.CRITERIA]
    words = [p[f"{c}_words"].to_numpy(dtype=object) for c in pf.CRITERIA]
    return [_cell(tuple((c, bool(m[i]), w[i]) for c, m, w in zip(pf.CRITERIA, met, words))) for i in range(len(p))]


def _day_text(sel) -> tuple[pd.Timestamp, str]:
    if sel.as_of_date is not None:
        return sel.as_of_date, f"{sel.as_of_date:%d %B %Y}"
    today = pd.Timestamp.today().normalize()
    return today, f"today, {today:%d %B %Y}"


def _novelty_text(p: pd.DataFrame) -> str:
    counts = p["novelty"].value_counts()
    parts = [f"{int(counts.get(k, 0))} {k}" for k in pf.NOVELTY]
    later = p[p["novelty"] != "new"]
    if later.empty:
        return f"{', '.join(parts)}: no commitment in scope restates, extends or narrows an earlier one in the data."
    shown = "; ".join(f"{cid} {words}" for cid, words in zip(later["commitment_id"], later["novelty_words"]))
    return f"{', '.join(parts)} (restating an earlier commitment is not new; extending or narrowing it is partly new): {shown}."


def specificity_section(sel, months: int = 12) -> str:
    """The "How concrete" section of a report: what the criteria are, how many commitments meet each, how new
    they are, and which are overdue or stale on the record's day.

    Parameters
    ----------
    sel : Dataset or Selection
        The commitments in scope (as of a day: on that day; else today).
    months : int
        How long without status evidence makes a commitment stale (default 12).

    Returns
    -------
    str
        HTML, escaped.
    """
    if len(sel) == 0:
        return "<p><i>No commitments in scope.</i></p>"
    p = sel.specificity()
    day, day_text = _day_text(sel)
    late = sel.overdue(as_of=day, months=months)
    n = len(p)
    states = late["state"].value_counts().reindex(list(pf.STATES), fill_value=0)
    counts = {
        "concrete (a verifiable output)": int(p["meets_output"].sum()),
        "overdue": int(states["Overdue"]),
        "stale": int(states["Stale"]),
    }
    shares = [
        [pf.CRITERION_LABELS[c], f"{int(p[f'meets_{c}'].sum())} of {n}", f"{100 * p[f'meets_{c}'].mean():.0f}%"]
        for c in pf.CRITERIA
    ]
    overdue = late[late["overdue"]]
    values = {
        "counts": list(counts.items()),
        "shares": shares,
        "novelty": _novelty_text(p),
        "day": day_text,
        "months": months,
        "alive": len(late),
        "with_deadline": int(late["deadline"].notna().sum()),
        "overdue": [
            [r.commitment_id, f"{r.deadline:%Y-%m-%d}", r.deadline_words, r.status, f"{r.last_evidence:%Y-%m-%d}"]
            for r in overdue.itertuples(index=False)
        ],
        "states": [(label, int(k)) for label, k in states.items()],
    }
    return style_tag() + component("how_concrete", values)


def card_profiles(sel) -> dict:
    """``{commitment_id: the card's badge line}`` for every commitment of ``sel`` (words shown, novelty too).

    Parameters
    ----------
    sel : Dataset or Selection

    Returns
    -------
    dict
        Commitment id -> HTML (escaped, marked safe for a component).
    """
    p = sel.specificity()
    return {r["commitment_id"]: safe(criteria_badges(r, with_words=True)) for r in p.to_dict("records")}
