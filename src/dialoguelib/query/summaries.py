"""Summaries of a selection: counts, the actor x goal matrix, area coverage, the text around a commitment.

Each function takes a dataset or a selection (``sel``) and returns a small DataFrame or a
:class:`Passage`; each is also a method of every dataset and selection
(:class:`~dialoguelib.query.queries.Queries`): ``ds.counts("goal")`` is ``counts(ds, "goal")``. Counting runs on the whole data's integer codes (:mod:`dialoguelib.query.codes`)
restricted by the selection's mask; each docstring says what it equals in plain pandas.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import UnknownValueError
from ..package.text import paragraph_starts
from .codes import isin_codes

__all__ = ["COUNT_FIELDS", "Passage", "counts", "n_actors", "actor_goal_matrix", "area_coverage", "context", "paragraph_text"]

COUNT_FIELDS = ("goal", "area", "actor", "document", "modality", "party", "kind", "instrument", "tag")


@dataclass(frozen=True)
class Passage:
    """A commitment's quote with the source text around it."""

    commitment_id: str
    document_id: str
    paragraph: int
    before: str
    quote: str
    after: str

    def __str__(self) -> str:
        return f"{self.before}[[{self.quote}]]{self.after}"


def counts(sel, by: str, *, exclude_countries: bool = False) -> pd.DataFrame:
    """Number of commitments by goal, area, actor, document, modality, party, kind, instrument or tag.

    Parameters
    ----------
    sel : Dataset or Selection
    by : str
        One of :data:`COUNT_FIELDS`.
    exclude_countries : bool
        For ``by="actor"``: leave out the two governments.

    Returns
    -------
    DataFrame
        Columns ``[by, "n"]``; framework order for goals and areas (every one listed, zeros
        included), otherwise most frequent first.

    Examples
    --------
    >>> import dialoguelib
    >>> c = dialoguelib.load().counts("goal")
    >>> dict(zip(c.goal, c.n))
    {'Protect our people': 27, 'Prevent transborder crime': 32, 'Pursue criminal networks': 21, 'Cross-cutting': 16}
    """
    if by not in COUNT_FIELDS:
        raise UnknownValueError("count field", by, COUNT_FIELDS, difflib.get_close_matches(by, COUNT_FIELDS, n=3))
    codes, mask = sel.whole.codes, sel.mask
    if by in ("instrument", "tag"):
        # As tidy[column].explode().dropna().value_counts(): most frequent first, ties in order of first appearance.
        column = "instruments" if by == "instrument" else "tags"
        rows, item_codes, names = codes.items(column)
        item_codes = item_codes[mask[rows]]
        seen = pd.unique(item_codes)  # codes in order of first appearance
        n = np.bincount(item_codes, minlength=len(names))[seen]
        s = pd.Series(n, index=pd.Index(names[seen], name=column), name="count")
        return s.sort_values(ascending=False, kind="stable").rename("n").rename_axis(by).reset_index()
    if by == "actor":
        # As long.groupby("actor").commitment_id.nunique(), most first, ties by name.
        links = codes.links
        sel_links = mask[links["row"]]
        if exclude_countries:
            sel_links &= ~links["country"]
        name_of, names = codes.actor_names
        n_rows = len(sel.whole.commitments)
        if len(names) == len(name_of):  # names are unique and a commitment links an actor once (primary key)
            n = np.bincount(name_of[links["actor"][sel_links]], minlength=len(names))
        else:  # two actors share a name: count each name's distinct commitments
            pairs = np.unique(name_of[links["actor"][sel_links]].astype(np.int64) * n_rows + links["row"][sel_links])
            n = np.bincount(pairs // n_rows, minlength=len(names))
        order = np.flatnonzero(n)  # names in sorted order
        order = order[np.argsort(-n[order], kind="stable")]
        return pd.DataFrame({"actor": names[order], "n": n[order]})
    tidy = sel.tidy
    if by in ("goal", "area"):
        out = tidy[by].value_counts(sort=False).rename("n").rename_axis(by).reset_index()
        return out.sort_values(by, kind="stable").reset_index(drop=True)
    if by == "document":
        return tidy["document_title"].value_counts().rename("n").rename_axis(by).reset_index()
    s = tidy[by].value_counts().rename("n")  # modality, party, kind
    return s[s > 0].rename_axis(by).reset_index()


def n_actors(sel, *, exclude_countries: bool = True) -> int:
    """How many distinct actors take part in the selection, by default besides the two governments.

    In plain pandas: ``long[long.actor_type != "country"].actor_id.nunique()``.

    Parameters
    ----------
    sel : Dataset or Selection
    exclude_countries : bool
        Leave out the two governments (default).

    Returns
    -------
    int

    >>> import dialoguelib
    >>> n_actors(dialoguelib.load().by_goal("pursue"))
    8
    """
    links = sel.whole.codes.links
    chosen = sel.mask[links["row"]]
    if exclude_countries:
        chosen &= ~links["country"]
    return int(len(np.unique(links["actor"][chosen])))


def actor_goal_matrix(sel, *, roles=None, exclude_countries: bool = False) -> pd.DataFrame:
    """Commitments per actor (rows, most involved first) and goal (columns, framework order).

    In plain pandas: ``pd.crosstab(long.actor, long.goal)``.

    Parameters
    ----------
    sel : Dataset or Selection
    roles : str or list of str, optional
        Count only links in these roles.
    exclude_countries : bool
        Leave out the two governments.

    Returns
    -------
    DataFrame
        Index ``actor`` (names), columns the goals' names (an ordered CategoricalIndex), counts.

    >>> import dialoguelib
    >>> m = dialoguelib.load().actor_goal_matrix()
    >>> m.loc["Drug Enforcement Administration"].to_dict()
    {'Protect our people': 0, 'Prevent transborder crime': 0, 'Pursue criminal networks': 1, 'Cross-cutting': 0}
    """
    whole = sel.whole
    links = whole.codes.links
    chosen = sel.mask[links["row"]]
    if roles is not None:
        roles = [sel.resolve("role", r) for r in ([roles] if isinstance(roles, str) else roles)]
        chosen &= isin_codes(links["role"], whole.commitment_actors["role"].cat.categories, roles)
    if exclude_countries:
        chosen &= ~links["country"]
    chosen &= links["goal"] >= 0  # (crosstab leaves out a missing goal)
    name_of, names = whole.codes.actor_names
    goal_names = list(sel.goals["name"])
    cells = name_of[links["actor"][chosen]].astype(np.int64) * len(goal_names) + links["goal"][chosen]
    m = np.bincount(cells, minlength=len(names) * len(goal_names)).reshape(len(names), len(goal_names))
    order = np.flatnonzero(m.sum(axis=1))  # names in sorted order
    order = order[np.argsort(-m[order].sum(axis=1), kind="stable")]
    columns = pd.CategoricalIndex(goal_names, categories=goal_names, ordered=True, name="goal")
    return pd.DataFrame(m[order], index=names[order].rename("actor"), columns=columns)


def area_coverage(sel) -> pd.DataFrame:
    """For every area: how many objectives name it and how many concrete actions serve it.

    Returns
    -------
    DataFrame
        One row per area in framework order; columns ``area_id``, ``area``, ``goal``,
        ``objectives``, ``actions``, ``principles``, ``total`` and ``gap`` (True where
        no concrete action serves the area): ``pd.crosstab(tidy.area_id, tidy.kind)`` with every area.

    Examples
    --------
    >>> import dialoguelib
    >>> cov = dialoguelib.load().area_coverage()
    >>> cov.set_index("area_id").loc["arms-trafficking", ["objectives", "actions"]].tolist()
    [4, 6]
    """
    com, mask = sel.whole.commitments, sel.mask
    area, kind = com["area_id"].cat, com["kind"].cat
    a, k = area.codes.to_numpy()[mask].astype(np.int64), kind.codes.to_numpy()[mask].astype(np.int64)
    keep = (a >= 0) & (k >= 0)  # commitments with an area
    n = np.bincount(a[keep] * len(kind.categories) + k[keep], minlength=len(area.categories) * len(kind.categories))
    n = np.c_[n.reshape(len(area.categories), len(kind.categories)), np.zeros(len(area.categories), dtype=n.dtype)]
    columns = kind.categories.get_indexer(["objective", "action", "principle"])  # -1, a kind not in the schema: the zeros
    per_area = dict(zip(area.categories, n[:, columns].tolist()))
    goal_names = dict(zip(sel.goals["goal_id"].astype(str), sel.goals["name"]))
    rows = []
    for row in sel.areas.itertuples(index=False):
        objectives, actions, principles = per_area[row.area_id]
        rows.append(
            {
                "area_id": str(row.area_id),
                "area": row.name,
                "goal": goal_names[str(row.goal_id)],
                "objectives": objectives,
                "actions": actions,
                "principles": principles,
            }
        )
    out = pd.DataFrame(rows)
    out["total"] = out[["objectives", "actions", "principles"]].sum(axis=1)
    out["gap"] = out["actions"] == 0
    out["goal"] = out["goal"].astype(pd.CategoricalDtype(list(sel.goals["name"]), ordered=True))
    return out


def context(sel, commitment_id: str, chars: int = 200) -> Passage:
    """The source text around a commitment of the selection.

    Parameters
    ----------
    sel : Dataset or Selection
    commitment_id : str
        A commitment of the selection (UnknownValueError with close matches otherwise).
    chars : int
        How many characters before and after the quote.

    Returns
    -------
    Passage
        The document, paragraph, text before, quote and text after.

    >>> import dialoguelib
    >>> p = dialoguelib.load().context("JS-43", chars=30)
    >>> p.quote
    'to stand up additional ballistics labs to process over 80,000 seized\\nweapons in Mexico.'
    >>> p.paragraph
    14
    """
    whole = sel.whole
    pos = whole.codes.row_of_id.get(commitment_id, -1) if isinstance(commitment_id, str) else -1
    if pos < 0 or not sel.mask[pos]:
        all_ids = list(sel.commitments["commitment_id"])
        raise UnknownValueError("commitment", commitment_id, all_ids, difflib.get_close_matches(str(commitment_id), all_ids, n=5))
    tidy = whole.tidy
    doc = str(tidy["document_id"].iat[pos])
    text = whole.raw_texts[doc]
    s, e = int(tidy["start"].iat[pos]), int(tidy["end"].iat[pos])
    return Passage(
        commitment_id=commitment_id,
        document_id=doc,
        paragraph=int(tidy["paragraph"].iat[pos]),
        before=text[max(0, s - chars) : s],
        quote=text[s:e],
        after=text[e : e + chars],
    )


def paragraph_text(sel, document_id: str, paragraph: int) -> str:
    """The text of a paragraph of a document.

    Parameters
    ----------
    sel : Dataset or Selection
    document_id : str
        An id, code or title.
    paragraph : int
        1-based, as in ``tidy.paragraph``.

    Returns
    -------
    str
        The paragraph, stripped.
    """
    doc = sel.resolve("document", document_id)
    text = sel.raw_texts[doc]
    starts = paragraph_starts(text)
    if not 1 <= paragraph <= len(starts):
        raise UnknownValueError(f"paragraph of {doc}", paragraph, [f"1 to {len(starts)}"])
    s = starts[paragraph - 1]
    end = starts[paragraph] if paragraph < len(starts) else len(text)
    return text[s:end].strip()
