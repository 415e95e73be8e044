"""Typed tables from a validated package: ordered categoricals, lists, real dates, missing values as NA.

Every notebook and chart sees the same dtypes because they are set here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .schema import LIST_SEPARATOR, distinct, schema_field
from .text import paragraph_starts
from .validation import Package

__all__ = ["Tables", "typed_tables", "tidy_view", "long_view"]


@dataclass(frozen=True)
class Tables:
    """The tables, typed, in reading order, with the raw texts and the version they make up."""

    documents: pd.DataFrame
    goals: pd.DataFrame
    areas: pd.DataFrame
    actors: pd.DataFrame
    commitments: pd.DataFrame
    commitment_actors: pd.DataFrame
    milestones: pd.DataFrame
    commitment_links: pd.DataFrame
    statuses: pd.DataFrame
    status_updates: pd.DataFrame
    raw_texts: dict
    descriptor: dict
    version: str
    digest: str = ""
    as_of: pd.Timestamp | None = None  # set by dialoguelib.query.asof: the record as it stood that day
    # {(table, field): rows}: for each row of a link or ledger table, the row of ``commitments`` or ``actors`` it refers
    # to, as validation found it (see references()); the queries' codes start from them
    references: dict = field(default_factory=dict, repr=False, compare=False)


def _split_list(col: pd.Series, codes_uniques=None) -> pd.Series:
    """Split ``|``-separated cells into lists (each distinct cell split once; rows sharing a value share its list).

    ``codes_uniques``: the column's ``distinct`` from validation, if at hand.

    >>> _split_list(pd.Series(["a|b", "", "a|b"])).tolist()
    [['a', 'b'], [], ['a', 'b']]
    """
    codes, uniques = codes_uniques if codes_uniques is not None else distinct(col.to_numpy(dtype=object))
    lists = [v.split(LIST_SEPARATOR) if isinstance(v, str) and v else [] for v in uniques.tolist()]
    lists.append([])  # for missing cells (code -1)
    return pd.Series(np.fromiter(lists, dtype=object, count=len(lists))[codes], index=col.index, dtype=object)


def _categorical(col: pd.Series, dtype: pd.CategoricalDtype, codes_uniques=None) -> pd.Series:
    """``col.astype(dtype)``, values outside the categories (such as "") becoming NA.

    Only the distinct values are looked up among the categories; ``codes_uniques`` is the
    column's ``distinct`` from validation, if at hand.
    """
    codes, uniques = codes_uniques if codes_uniques is not None else distinct(col.to_numpy(dtype=object))
    positions = np.append(dtype.categories.get_indexer(pd.Index(uniques, dtype=object)), -1)  # code -1: missing
    return pd.Series(pd.Categorical.from_codes(positions[codes], dtype=dtype), index=col.index, name=col.name)


def _in_order(doc_codes: np.ndarray, starts: np.ndarray) -> bool:
    """Whether rows already run by document (category codes, none missing) then by start offset.

    >>> _in_order(np.array([0, 0, 1]), np.array([5, 9, 2])), _in_order(np.array([0, 0, 1]), np.array([9, 5, 2]))
    (True, False)
    """
    same_doc = doc_codes[1:] == doc_codes[:-1]
    return bool((doc_codes >= 0).all() and ((doc_codes[1:] > doc_codes[:-1]) | (same_doc & (starts[1:] >= starts[:-1]))).all())


def _enum(descriptor: dict, table: str, field: str, ordered: bool = True) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(schema_field(descriptor, table, field)["constraints"]["enum"], ordered=ordered)


def typed_tables(pkg: Package) -> Tables:
    """Type the validated tables of ``pkg``.

    Parameters
    ----------
    pkg : Package
        What :func:`dialoguelib.package.validation.read_package` returned.

    Returns
    -------
    Tables
        Goals and areas in framework order, documents by date; ids, goals, areas, kinds,
        modalities, parties and roles as ordered categoricals; ``instruments``, ``tags`` and
        ``aliases`` as lists; empty optional text as NA; commitments by document, then offset.
        ``version`` is the descriptor's version plus 8 hex digits of ``digest``, the sha256 of
        the tables' bytes (in table-name order).
    """
    # Shallow copies: with pandas' copy-on-write, replacing or converting a column here
    # never touches the package's own tables, and no data is copied up front.
    t = {k: v.copy(deep=False) for k, v in pkg.tables.items()}
    d = pkg.descriptor
    goals = t["goals"].sort_values("position", kind="stable").reset_index(drop=True)
    areas = t["areas"].sort_values("position", kind="stable").reset_index(drop=True)
    goal_cat = pd.CategoricalDtype(list(goals["goal_id"]), ordered=True)
    area_cat = pd.CategoricalDtype(list(areas["area_id"]), ordered=True)
    areas["goal_id"] = areas["goal_id"].astype(goal_cat)
    goals["goal_id"] = goals["goal_id"].astype(goal_cat)
    areas["area_id"] = areas["area_id"].astype(area_cat)

    documents = t["documents"].sort_values(["date", "document_id"], kind="stable").reset_index(drop=True)
    doc_cat = pd.CategoricalDtype(list(documents["document_id"]), ordered=True)

    com = t["commitments"]
    known = pkg.distincts.get("commitments", {})  # (codes, uniques) of columns validation hashed
    com["document_id"] = _categorical(com["document_id"], doc_cat, known.get("document_id"))
    com["goal_id"] = _categorical(com["goal_id"], goal_cat, known.get("goal_id"))
    com["area_id"] = _categorical(com["area_id"], area_cat, known.get("area_id"))  # "" (no area) is no category: NA
    for name in ("kind", "modality", "party"):
        com[name] = _categorical(com[name], _enum(d, "commitments", name), known.get(name))
    com["instruments"] = _split_list(com["instruments"], known.get("instruments"))
    com["tags"] = _split_list(com["tags"], known.get("tags"))
    for name in ("timing", "notes"):
        com[name] = com[name].replace("", pd.NA)
    if not _in_order(com["document_id"].cat.codes.to_numpy(), com["start"].to_numpy()):
        com = com.sort_values(["document_id", "start"], kind="stable")
    order = com.index.to_numpy()  # each row's row in the file
    com = com.reset_index(drop=True)

    actors = t["actors"]
    actors["aliases"] = _split_list(actors["aliases"])
    actors["acronym"] = actors["acronym"].replace("", pd.NA)
    for name in ("type", "country"):
        actors[name] = actors[name].astype(_enum(d, "actors", name, ordered=False))
    links = t["commitment_actors"]
    links["role"] = _categorical(
        links["role"], _enum(d, "commitment_actors", "role"), pkg.distincts.get("commitment_actors", {}).get("role")
    )
    follow = _followup(t, d, doc_cat)
    return Tables(
        **follow,
        documents=documents,
        goals=goals,
        areas=areas,
        actors=actors,
        commitments=com,
        commitment_actors=links,
        raw_texts=pkg.raw_texts,
        descriptor=d,
        version=f"{d.get('version', '0')}+{pkg.digest[:8]}",
        digest=pkg.digest,
        references=references(pkg.references, order),
    )


#: The references the queries reuse: (table, field, table referred to). Their tables keep the file's row order here.
REFERENCES = (
    ("commitment_actors", "commitment_id", "commitments"),
    ("commitment_actors", "actor_id", "actors"),
    ("status_updates", "commitment_id", "commitments"),
    ("commitment_links", "later_id", "commitments"),
    ("commitment_links", "earlier_id", "commitments"),
)


def references(found: dict, order: np.ndarray) -> dict:
    """The rows that validation's foreign-key check found (:func:`dialoguelib.package.validation.read_package`), as
    rows of the typed tables: ``{(table, field): rows}`` for :data:`REFERENCES`.

    Parameters
    ----------
    found : dict
        ``{(table, field, table referred to): rows in the file}``.
    order : ndarray of int
        For each typed commitment, its row in the file (commitments are put in document and offset order).

    Returns
    -------
    dict

    >>> references({("commitment_links", "later_id", "commitments"): np.array([0, 2])}, np.array([2, 0, 1]))
    {('commitment_links', 'later_id'): array([1, 0])}
    """
    new_row = np.empty(len(order), dtype=np.int64)
    new_row[order] = np.arange(len(order))
    out = {}
    for table, name, target in REFERENCES:
        rows = found.get((table, name, target))
        if rows is not None:
            out[(table, name)] = np.where(rows >= 0, new_row[rows], -1) if target == "commitments" else rows
    return out


def _followup(t: dict, d: dict, doc_cat: pd.CategoricalDtype) -> dict:
    """The follow-through tables typed: milestones by date, statuses in scale order (an ordered
    categorical shared by the ledger), links and ledger rows as recorded, empty text as NA."""
    milestones = t["milestones"].sort_values(["date", "milestone_id"], kind="stable").reset_index(drop=True)
    milestones["kind"] = milestones["kind"].astype(_enum(d, "milestones", "kind", ordered=False))
    for name in ("place", "source_address", "notes"):
        milestones[name] = milestones[name].replace("", pd.NA)
    statuses = t["statuses"].sort_values("position", kind="stable").reset_index(drop=True)
    status_cat = pd.CategoricalDtype(list(statuses["status_id"]), ordered=True)
    statuses["status_id"] = statuses["status_id"].astype(status_cat)
    links = t["commitment_links"]
    links["relation"] = links["relation"].astype(_enum(d, "commitment_links", "relation"))
    links["reason"] = links["reason"].replace("", pd.NA)
    su = t["status_updates"]
    su["status"] = su["status"].astype(status_cat)
    for name in ("as_of", "recorded"):
        su[name] = su[name].astype(t["documents"]["date"].dtype)
    su["evidence_document"] = _categorical(su["evidence_document"], doc_cat)
    for name in ("evidence_quote", "evidence_url", "evidence_note"):
        su[name] = su[name].replace("", pd.NA)
    return {"milestones": milestones, "commitment_links": links, "statuses": statuses, "status_updates": su}


def tidy_view(tables: Tables) -> pd.DataFrame:
    """One row per commitment with names joined in.

    Columns: ``commitment_id``, ``document_id``, ``document_code``, ``document_title``,
    ``date``, ``paragraph`` (1-based, in the raw text), ``start``, ``end``, ``quote``,
    ``goal_id``, ``goal`` (name, ordered), ``area_id``, ``area`` (name, ordered; NA where
    only a goal fits), ``kind``, ``modality``, ``party``, ``instruments`` (list),
    ``timing``, ``deadline_year``, ``tags`` (list), ``actor_ids`` (list), ``actors``
    (list of names), ``lead_actors`` (list of names), ``notes``.
    """
    com = tables.commitments
    goal_names = dict(zip(tables.goals["goal_id"].astype(str), tables.goals["name"]))
    area_names = dict(zip(tables.areas["area_id"].astype(str), tables.areas["name"]))
    docs = tables.documents.set_index("document_id")
    doc_ids = com["document_id"].astype(str)
    out = pd.DataFrame(
        {
            "commitment_id": com["commitment_id"],
            "document_id": com["document_id"],
            "document_code": doc_ids.map(docs["code"]).astype("string"),
            "document_title": doc_ids.map(docs["title"]).astype("string"),
            "date": doc_ids.map(docs["date"]),
            "paragraph": _paragraphs(tables, com),
            "start": com["start"],
            "end": com["end"],
            "quote": com["quote"],
            "goal_id": com["goal_id"],
            "goal": com["goal_id"]
            .astype(str)
            .map(goal_names)
            .astype(pd.CategoricalDtype(list(tables.goals["name"]), ordered=True)),
            "area_id": com["area_id"],
            "area": com["area_id"]
            .astype("string")
            .map(area_names)
            .astype(pd.CategoricalDtype(list(tables.areas["name"]), ordered=True)),
            "kind": com["kind"],
            "modality": com["modality"],
            "party": com["party"],
            "instruments": com["instruments"],
            "timing": com["timing"],
            "deadline_year": com["deadline_year"],
            "tags": com["tags"],
        },
        index=com.index,
    )
    names = dict(zip(tables.actors["actor_id"], tables.actors["name"]))
    links = tables.commitment_actors
    ids_by: dict = {}
    lead_by: dict = {}
    for cid, aid, role in zip(links["commitment_id"].to_numpy(), links["actor_id"].to_numpy(), links["role"].to_numpy()):
        ids_by.setdefault(cid, []).append(aid)
        if role == "lead":
            lead_by.setdefault(cid, []).append(names[aid])
    cids = out["commitment_id"].to_numpy()
    out["actor_ids"] = [ids_by.get(c, []) for c in cids]
    out["actors"] = [[names[a] for a in ids_by.get(c, [])] for c in cids]
    out["lead_actors"] = [lead_by.get(c, []) for c in cids]
    out["notes"] = com["notes"]
    return out


def long_view(tables: Tables, tidy: pd.DataFrame) -> pd.DataFrame:
    """One row per commitment and actor.

    Parameters
    ----------
    tables : Tables
    tidy : DataFrame
        :func:`tidy_view` of the same tables.

    Returns
    -------
    DataFrame
        The commitment's ``commitment_id``, ``document_id``, ``goal_id``, ``goal``, ``area_id``,
        ``area``, ``modality``, ``party``, ``kind``, ``quote``, then ``actor_id``, ``actor``
        (name), ``acronym``, ``actor_type``, ``country`` and ``role``.
    """
    cols = ["commitment_id", "document_id", "goal_id", "goal", "area_id", "area", "modality", "party", "kind", "quote"]
    actors = tables.actors.rename(columns={"name": "actor", "type": "actor_type"})
    actors = actors[["actor_id", "actor", "acronym", "actor_type", "country"]]
    links = tables.commitment_actors.merge(actors, on="actor_id", how="left")
    out = links.merge(tidy[cols], on="commitment_id", how="inner")
    return out[cols + ["actor_id", "actor", "acronym", "actor_type", "country", "role"]]


def _paragraphs(tables: Tables, com: pd.DataFrame) -> pd.Series:
    out = np.zeros(len(com), dtype=np.int64)
    starts = com["start"].to_numpy()
    for doc, idx in com.groupby("document_id", observed=True, sort=False).indices.items():
        out[idx] = np.searchsorted(paragraph_starts(tables.raw_texts[str(doc)]), starts[idx], side="right")
    return pd.Series(out, index=com.index)
