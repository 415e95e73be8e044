"""What every export format writes, as plain frames: the tables of a selection, the tidy view,
the data dictionary and the "about" facts (version, citation, sources, selection)."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from .._version import __version__
from ..package.schema import LIST_SEPARATOR, TABLE_ORDER

__all__ = ["tables", "tidy", "STATUS_COLUMNS", "about", "dictionary", "list_columns", "flat", "SHOWN_SEPARATOR"]

SHOWN_SEPARATOR = "; "  # lists in the tidy sheet and table, for people (names hold commas, never "; ")


def tables(data) -> dict[str, pd.DataFrame]:
    """The tables of a dataset or selection, typed as :func:`dialoguelib.load` types them, in reading order.

    The commitments and their actor links are those of the selection; the reference tables
    (documents, goals, areas, actors) stay whole, as everywhere in the library. Row indexes
    start at 0.

    >>> import dialoguelib
    >>> t = tables(dialoguelib.load().by_goal("pursue"))
    >>> list(t)[:6], len(t["goals"]), bool((t["commitments"]["goal_id"] == "pursue").all())
    (['documents', 'goals', 'areas', 'actors', 'commitments', 'commitment_actors'], 4, True)
    >>> list(t)[6:]
    ['milestones', 'commitment_links', 'statuses', 'status_updates']
    """
    out = {}
    for name in TABLE_ORDER:
        df = getattr(data, name)
        out[name] = df.reset_index(drop=True)
    return out


STATUS_COLUMNS = {"status": "status", "label": "status_label", "as_of": "status_as_of"}


def tidy(data) -> pd.DataFrame:
    """The tidy view as every format writes it: one row per commitment, names joined in, its latest status
    (``status``, ``status_label``, ``status_as_of``: the record as exported, see :meth:`Dataset.status`), then
    its specificity profile as columns (``meets_who`` ... ``novelty_words``, see :meth:`Dataset.specificity`);
    index from 0.

    >>> import dialoguelib
    >>> t = tidy(dialoguelib.load())
    >>> list(t.columns[t.columns.get_loc("notes") + 1 :][:4]), str(t.status_label[0])
    (['status', 'status_label', 'status_as_of', 'meets_who'], 'Not assessed')
    """
    status = data.status()[list(STATUS_COLUMNS)].rename(columns=STATUS_COLUMNS)
    return pd.concat([data.tidy.reset_index(drop=True), status, data.specificity().drop(columns="commitment_id")], axis=1)


_LISTS = ("instruments", "tags", "aliases", "actor_ids", "actors", "lead_actors")  # list columns of the tables and views


def list_columns(df: pd.DataFrame) -> list[str]:
    """The columns of ``df`` that hold lists: the known list fields, and any object column of lists."""
    return [c for c in df.columns if df[c].dtype == object and (c in _LISTS or any(isinstance(v, list) for v in df[c].head(1)))]


def flat(df: pd.DataFrame, separator: str = LIST_SEPARATOR) -> pd.DataFrame:
    """``df`` with list columns joined by ``separator`` (``|`` as in the CSV files, ``"; "`` for people).

    Parameters
    ----------
    df : DataFrame
        A typed table or view.
    separator : str
        What goes between items.

    Returns
    -------
    DataFrame
        A copy; other columns unchanged.
    """
    out = df.copy(deep=False)
    for c in list_columns(df):
        out[c] = pd.Series([separator.join(v) for v in df[c]], index=df.index, dtype="string")
    return out


def dictionary(descriptor: dict) -> pd.DataFrame:
    """The data dictionary: one row per field of every table, from ``datapackage.json``.

    Columns: ``table``, ``field``, ``type``, ``required``, ``key`` (primary or foreign key),
    ``allowed`` (the values an enumerated field takes), ``description``.
    """
    rows = []
    for res in descriptor["resources"]:
        schema = res["schema"]
        pk = set(schema.get("primaryKey", []))
        fks = {f: fk["reference"] for fk in schema.get("foreignKeys", []) for f in fk["fields"]}
        for f in schema["fields"]:
            c = f.get("constraints", {})
            allowed = c.get("enum") or f.get("dialoguelib:itemEnum") or []
            key = "primary key" if f["name"] in pk else ""
            if f["name"] in fks:
                ref = fks[f["name"]]
                key = (key + "; " if key else "") + f"refers to {ref['resource']}.{ref['fields'][0]}"
            rows.append(
                {
                    "table": res["name"],
                    "field": f["name"],
                    "type": f.get("type", "string"),
                    "required": bool(c.get("required", False)),
                    "key": key,
                    "allowed": ", ".join(map(str, allowed)),
                    "description": f.get("description", ""),
                }
            )
    return pd.DataFrame(rows)


def about(data, today: _dt.date | None = None) -> list[tuple[str, str]]:
    """``(item, value)`` pairs saying what an export holds and how to cite it.

    Parameters
    ----------
    data : Dataset or Selection
        What is exported.
    today : date, optional
        The export date (default: today).

    Returns
    -------
    list of (str, str)
    """
    r = data.release
    whole = data.whole
    selection = " & ".join(data.filters) if data.filters else "the whole record"
    rows = [
        ("title", r.title),
        ("citation", r.citation()),
        ("version", r.version + (" (with unreleased changes)" if r.modified else "")),
        ("version date", r.date),
        ("content digest", f"sha256:{r.digest}"),
        ("selection", selection),
        ("commitments", f"{len(data)} of {len(whole)}"),
        ("license", "; ".join(str(x.get("title") or x.get("name")) for x in data.descriptor.get("licenses", []))),
        ("exported", f"{today or _dt.date.today():%Y-%m-%d} with dialoguelib {__version__}"),
    ]
    if data.illustrative:  # the team's examples, not real documents or statuses (never in the shipped record)
        rows.insert(1, ("illustrative", f"Illustrative record: it holds {data.illustrative}; they are not real"))
    for doc in data.documents.itertuples(index=False):
        url = doc.source_url if isinstance(doc.source_url, str) and doc.source_url else "(no address)"
        rows.append((f"source {doc.code}", f"{doc.title}, {doc.publisher}, {doc.date:%Y-%m-%d}: {url}"))
    return rows
