"""The dataset object: typed tables, tidy views, composable queries and summaries."""

from __future__ import annotations

import difflib
import itertools
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_ENV_VAR, PACKAGE_DATA, default_data_dir, resolve_data_dir
from .errors import DataValidationError, UnknownValueError
from .validation import LIST_SEPARATOR, distinct, read_package

__all__ = ["Dataset", "Passage", "UnknownValueError", "default_data_dir", "load", "DATA_ENV_VAR", "PACKAGE_DATA"]

FILTER_FIELDS = ("goal", "area", "actor", "document", "modality", "party", "kind", "tag", "instrument", "role", "text")
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


def load(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Load and validate the commitments data.

    Every load reads and checks every file (the real data in about 20 ms; see
    ``benchmarks/RESULTS.md``), so what it returns always matches the files. A change that
    was interrupted (a ``merge`` killed mid-way) is first finished or undone, see
    :mod:`dialoguelib.store`.

    Parameters
    ----------
    data_dir : path-like, optional
        A folder holding ``datapackage.json``, the CSV tables and ``raw/``.
        Defaults to ``$DIALOGUELIB_DATA``, else the data shipped with the package.

    Returns
    -------
    Dataset
        The typed tables (``documents``, ``goals``, ``areas``, ``actors``,
        ``commitments``, ``commitment_actors``) and the views ``tidy`` (one row
        per commitment) and ``long`` (one row per commitment and actor).

    Raises
    ------
    DataValidationError
        If any file is missing or does not match its schema or its source text.

    Examples
    --------
    >>> import dialoguelib
    >>> ds = dialoguelib.load()
    >>> len(ds.goals[ds.goals.is_framework_goal]), len(ds.areas)
    (3, 10)
    >>> list(ds.goals.goal_id)
    ['protect', 'prevent', 'pursue', 'cross-cutting']
    """
    from . import store

    data_dir = resolve_data_dir(data_dir)
    if not data_dir.is_dir():
        raise DataValidationError(
            data_dir,
            "data folder not found",
            expected=f"a folder with datapackage.json and the CSV tables (pass data_dir= or set {DATA_ENV_VAR})",
        )
    if store.needs_recovery(data_dir):
        store.recover(data_dir)
    return Dataset._from_package(read_package(data_dir), data_dir)


def _split_list(col: pd.Series, codes_uniques=None) -> pd.Series:
    """Split ``|``-separated cells into lists (each distinct cell split once; rows sharing a value share its list).

    ``codes_uniques``: the column's ``distinct`` from validation, if at hand.
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


def _isin_codes(codes: np.ndarray, categories, ids) -> np.ndarray:
    """``values.isin(ids)`` for values given as ``codes`` into ``categories`` (code -1, missing, is in nothing).

    >>> _isin_codes(np.array([0, 2, -1, 1]), ["a", "b", "c"], ["c", "a", "z"]).tolist()
    [True, True, False, False]
    """
    categories = pd.Index(categories)
    wanted = categories.get_indexer(ids)
    table = np.zeros(len(categories) + 1, dtype=bool)  # one entry per code; the last one, for -1, stays False
    table[wanted[wanted >= 0]] = True
    return table[codes]


def _in_order(doc_codes: np.ndarray, starts: np.ndarray) -> bool:
    """Whether rows already run by document (category codes, none missing) then by start offset.

    >>> _in_order(np.array([0, 0, 1]), np.array([5, 9, 2])), _in_order(np.array([0, 0, 1]), np.array([9, 5, 2]))
    (True, False)
    """
    same_doc = doc_codes[1:] == doc_codes[:-1]
    return bool((doc_codes >= 0).all() and ((doc_codes[1:] > doc_codes[:-1]) | (same_doc & (starts[1:] >= starts[:-1]))).all())


def _paragraph_starts(text: str) -> np.ndarray:
    """Offsets where each paragraph of a text starts, after any YAML front matter.

    A paragraph starts after a blank line, or at a line that opens with a bullet
    (``•``, ``-``, ``*``), so each list item is a paragraph of its own.

    >>> _paragraph_starts("---\\ntitle: x\\n---\\nOne\\nline.\\n\\nTwo.\\n  • Three\\n").tolist()
    [17, 28, 35]
    """
    body = 0
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            body = end + 5
    starts = []
    pending = True  # the next non-blank line opens a paragraph
    pos = body
    for line in text[body:].splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            pending = True
        else:
            if pending or stripped[0] in "•-*":
                starts.append(pos + len(line) - len(line.lstrip()))
            pending = False
        pos += len(line)
    return np.asarray(starts, dtype=np.int64)


def _norm(s) -> str:
    return re.sub(r"\s+", " ", str(s)).strip().casefold()


class Dataset:
    """The framework's commitments and reference tables.

    Do not build one directly: call :func:`dialoguelib.load`. Filtering returns a
    new ``Dataset`` whose ``commitments``, ``tidy`` and ``long`` hold the
    selection while the reference tables (documents, goals, areas, actors) stay
    whole, so filters compose:

    >>> import dialoguelib
    >>> ds = dialoguelib.load()
    >>> sel = ds.by_goal("pursue").by_actor("ofac")
    >>> list(sel.tidy.commitment_id)
    ['JS-47']
    """

    def __init__(
        self,
        *,
        documents,
        goals,
        areas,
        actors,
        commitments,
        commitment_actors,
        raw_texts,
        data_dir,
        version,
        descriptor,
        filters=(),
        root=None,
        rootmask=None,
    ):
        self.documents = documents
        self.goals = goals
        self.areas = areas
        self.actors = actors
        self.raw_texts = raw_texts
        self.data_dir = Path(data_dir)
        self.version = version
        self.descriptor = descriptor
        self.filters = tuple(filters)
        # A selection keeps a boolean mask over the whole data's rows; its tables are cut
        # from the whole data's only when first used, so chained filters stay cheap.
        self._root = root if root is not None else self
        self._rootmask = rootmask
        if root is None:
            self.__dict__["commitments"] = commitments
            self.__dict__["commitment_actors"] = commitment_actors

    @cached_property
    def commitments(self) -> pd.DataFrame:
        """The commitments table (typed), restricted to the selection."""
        return self._root.commitments[self._rootmask]

    @cached_property
    def commitment_actors(self) -> pd.DataFrame:
        """The links table (commitment, actor, role), restricted to the selection."""
        return self._root.commitment_actors[self._rootmask[self._root._link_pos]]

    @cached_property
    def _link_pos(self) -> np.ndarray:
        """For each link of the whole data: the row of its commitment."""
        return pd.Index(self.commitments["commitment_id"]).get_indexer(self.commitment_actors["commitment_id"])

    @cached_property
    def _long_pos(self) -> np.ndarray:
        return pd.Index(self.commitments["commitment_id"]).get_indexer(self.long["commitment_id"])

    def _mask(self) -> np.ndarray:
        return np.ones(len(self._root.commitments), dtype=bool) if self._rootmask is None else self._rootmask

    # ------------------------------------------------------------------ build
    @classmethod
    def _from_package(cls, pkg, data_dir):
        # Shallow copies: with pandas' copy-on-write, replacing or converting a column here
        # never touches the package's own tables, and no data is copied up front.
        t = {k: v.copy(deep=False) for k, v in pkg.tables.items()}
        goals = t["goals"].sort_values("position", kind="stable").reset_index(drop=True)
        areas = t["areas"].sort_values("position", kind="stable").reset_index(drop=True)
        goal_cat = pd.CategoricalDtype(list(goals["goal_id"]), ordered=True)
        area_cat = pd.CategoricalDtype(list(areas["area_id"]), ordered=True)
        areas["goal_id"] = areas["goal_id"].astype(goal_cat)
        goals["goal_id"] = goals["goal_id"].astype(goal_cat)
        areas["area_id"] = areas["area_id"].astype(area_cat)

        documents = t["documents"].sort_values(["date", "document_id"], kind="stable").reset_index(drop=True)
        doc_cat = pd.CategoricalDtype(list(documents["document_id"]), ordered=True)
        fields = {f["name"]: f for r in pkg.descriptor["resources"] for f in r["schema"]["fields"] if r["name"] == "commitments"}

        com = t["commitments"]
        known = pkg.distincts.get("commitments", {})  # (codes, uniques) of columns validation hashed
        com["document_id"] = _categorical(com["document_id"], doc_cat, known.get("document_id"))
        com["goal_id"] = _categorical(com["goal_id"], goal_cat, known.get("goal_id"))
        com["area_id"] = _categorical(com["area_id"], area_cat, known.get("area_id"))  # "" (no area) is no category: NA
        for name in ("kind", "modality", "party"):
            com[name] = _categorical(
                com[name], pd.CategoricalDtype(fields[name]["constraints"]["enum"], ordered=True), known.get(name)
            )
        com["instruments"] = _split_list(com["instruments"], known.get("instruments"))
        com["tags"] = _split_list(com["tags"], known.get("tags"))
        for name in ("timing", "notes"):
            com[name] = com[name].replace("", pd.NA)
        if not _in_order(com["document_id"].cat.codes.to_numpy(), com["start"].to_numpy()):
            com = com.sort_values(["document_id", "start"], kind="stable")
        com = com.reset_index(drop=True)

        actors = t["actors"]
        actors["aliases"] = _split_list(actors["aliases"])
        actors["acronym"] = actors["acronym"].replace("", pd.NA)
        for name in ("type", "country"):
            fa = {f["name"]: f for r in pkg.descriptor["resources"] for f in r["schema"]["fields"] if r["name"] == "actors"}
            actors[name] = actors[name].astype(pd.CategoricalDtype(fa[name]["constraints"]["enum"]))
        roles = [
            f
            for r in pkg.descriptor["resources"]
            if r["name"] == "commitment_actors"
            for f in r["schema"]["fields"]
            if f["name"] == "role"
        ][0]
        links = t["commitment_actors"]
        links["role"] = _categorical(
            links["role"],
            pd.CategoricalDtype(roles["constraints"]["enum"], ordered=True),
            pkg.distincts.get("commitment_actors", {}).get("role"),
        )
        version = f"{pkg.descriptor.get('version', '0')}+{pkg.digest[:8]}"
        return cls(
            documents=documents,
            goals=goals,
            areas=areas,
            actors=actors,
            commitments=com,
            commitment_actors=links,
            raw_texts=pkg.raw_texts,
            data_dir=data_dir,
            version=version,
            descriptor=pkg.descriptor,
        )

    def _derive(self, mask: np.ndarray, label: str) -> Dataset:
        """A selection: ``mask`` is over the whole data's commitments."""
        return Dataset(
            documents=self.documents,
            goals=self.goals,
            areas=self.areas,
            actors=self.actors,
            commitments=None,
            commitment_actors=None,
            raw_texts=self.raw_texts,
            data_dir=self.data_dir,
            version=self.version,
            descriptor=self.descriptor,
            filters=self.filters + (label,),
            root=self._root,
            rootmask=mask,
        )

    # ------------------------------------------------------------------ views
    @cached_property
    def tidy(self) -> pd.DataFrame:
        """One row per commitment with names joined in.

        Columns: ``commitment_id``, ``document_id``, ``document_code``, ``document_title``,
        ``date``, ``paragraph`` (1-based, in the raw text), ``start``, ``end``, ``quote``,
        ``goal_id``, ``goal`` (name, ordered), ``area_id``, ``area`` (name, ordered; NA where
        only a goal fits), ``kind``, ``modality``, ``party``, ``instruments`` (list),
        ``timing``, ``deadline_year``, ``tags`` (list), ``actor_ids`` (list), ``actors``
        (list of names), ``lead_actors`` (list of names), ``notes``.
        """
        if self._root is not self:
            return self._root.tidy[self._rootmask]
        com = self.commitments
        goal_names = dict(zip(self.goals["goal_id"].astype(str), self.goals["name"]))
        area_names = dict(zip(self.areas["area_id"].astype(str), self.areas["name"]))
        goal_dtype = pd.CategoricalDtype(list(self.goals["name"]), ordered=True)
        area_dtype = pd.CategoricalDtype(list(self.areas["name"]), ordered=True)
        docs = self.documents.set_index("document_id")
        doc_ids = com["document_id"].astype(str)
        out = pd.DataFrame(
            {
                "commitment_id": com["commitment_id"],
                "document_id": com["document_id"],
                "document_code": doc_ids.map(docs["code"]).astype("string"),
                "document_title": doc_ids.map(docs["title"]).astype("string"),
                "date": doc_ids.map(docs["date"]),
                "paragraph": self._paragraphs(com),
                "start": com["start"],
                "end": com["end"],
                "quote": com["quote"],
                "goal_id": com["goal_id"],
                "goal": com["goal_id"].astype(str).map(goal_names).astype(goal_dtype),
                "area_id": com["area_id"],
                "area": com["area_id"].astype("string").map(area_names).astype(area_dtype),
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
        names = dict(zip(self.actors["actor_id"], self.actors["name"]))
        links = self.commitment_actors
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

    @cached_property
    def long(self) -> pd.DataFrame:
        """One row per commitment and actor.

        Columns: the commitment's ``commitment_id``, ``document_id``, ``goal_id``, ``goal``,
        ``area_id``, ``area``, ``modality``, ``party``, ``kind``, ``quote``, then ``actor_id``,
        ``actor`` (name), ``acronym``, ``actor_type``, ``country`` and ``role``.
        """
        if self._root is not self:
            return self._root.long[self._rootmask[self._root._long_pos]]
        cols = ["commitment_id", "document_id", "goal_id", "goal", "area_id", "area", "modality", "party", "kind", "quote"]
        actors = self.actors.rename(columns={"name": "actor", "type": "actor_type"})[
            ["actor_id", "actor", "acronym", "actor_type", "country"]
        ]
        links = self.commitment_actors.merge(actors, on="actor_id", how="left")
        out = links.merge(self.tidy[cols], on="commitment_id", how="inner")
        return out[cols + ["actor_id", "actor", "acronym", "actor_type", "country", "role"]]

    def _paragraphs(self, com: pd.DataFrame) -> pd.Series:
        out = np.zeros(len(com), dtype=np.int64)
        starts = com["start"].to_numpy()
        for doc, idx in com.groupby("document_id", observed=True, sort=False).indices.items():
            out[idx] = np.searchsorted(_paragraph_starts(self.raw_texts[str(doc)]), starts[idx], side="right")
        return pd.Series(out, index=com.index)

    @cached_property
    def _quote_norm(self) -> np.ndarray:
        """Quotes of the whole data, case-folded with whitespace collapsed, for text search (computed once)."""
        return np.array([" ".join(q.split()).casefold() for q in self.commitments["quote"].to_numpy(dtype=object)], dtype=object)

    # Indexes of the whole data, built on first use (call them on self._root), with which a
    # selection (a mask over the whole data's rows) is searched and counted in numpy.
    @cached_property
    def _quote_lines(self) -> tuple[bytes, np.ndarray]:
        """The normalised quotes of the whole data as one UTF-8 text, a quote per line, and the line ends.

        A normalised quote holds no newline, and a search word no whitespace, so a word found
        in the text lies within one line; UTF-8 being self-synchronising, the bytes of a word
        occur in the bytes of a quote exactly when the word occurs in the quote.
        """
        text = "\n".join(self._quote_norm.tolist()).encode("utf-8", "surrogatepass")
        ends = np.append(np.flatnonzero(np.frombuffer(text, dtype=np.uint8) == ord("\n")), len(text))
        return text, ends

    def _quotes_with(self, word: str) -> np.ndarray:
        """Rows of the whole data whose normalised quote holds ``word``: one scan of ``_quote_lines``."""
        text, ends = self._quote_lines
        # a match runs on to the end of its line, so each line matches at most once
        rx = re.compile(re.escape(word.encode("utf-8", "surrogatepass")) + b"[^\n]*")
        starts = np.fromiter(map(re.Match.start, rx.finditer(text)), dtype=np.int64)
        mask = np.zeros(len(ends), dtype=bool)
        mask[np.searchsorted(ends, starts)] = True  # the line whose end comes first at or after the match
        return mask

    @cached_property
    def _link_codes(self) -> dict:
        """Per link of the whole data: ``row`` of its commitment, ``actor`` (position in
        ``actors``), the commitment's ``goal`` and the link's ``role`` (category codes), and
        ``country`` (the actor is a country)."""
        links = self.commitment_actors
        actor = pd.Index(self.actors["actor_id"]).get_indexer(links["actor_id"])
        return {
            "row": self._link_pos,
            "actor": actor,
            "goal": self.commitments["goal_id"].cat.codes.to_numpy()[self._link_pos],
            "role": links["role"].cat.codes.to_numpy(),
            "country": (self.actors["type"] == "country").to_numpy(dtype=bool)[actor],
        }

    @cached_property
    def _actor_names(self) -> tuple[np.ndarray, pd.Index]:
        """Per actor (position in ``actors``), the code of its name among the sorted distinct names; the names."""
        return pd.factorize(self.actors["name"], sort=True)

    @cached_property
    def _item_codes(self) -> dict:
        """Cache of column -> ``_items(column)``."""
        return {}

    def _items(self, column: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The items of a list column (``tags``, ``instruments``) of the whole data, one per
        (row, item) in row then list order, as ``tidy[column].explode()`` lists them:
        (row of each item, code of each item, the distinct items)."""
        if column not in self._item_codes:
            lists = self.commitments[column].to_numpy()
            lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
            flat = np.fromiter(itertools.chain.from_iterable(lists), dtype=object, count=int(lengths.sum()))
            codes, names = distinct(flat)
            self._item_codes[column] = (np.repeat(np.arange(len(lists)), lengths), codes, names)
        return self._item_codes[column]

    def __len__(self) -> int:
        return len(self._root.commitments) if self._rootmask is None else int(self._rootmask.sum())

    def __repr__(self) -> str:
        scope = " & ".join(self.filters) if self.filters else "all"
        return (
            f"<Dataset {self.version}: {len(self)} commitments ({scope}), {len(self.documents)} documents, "
            f"{len(self.actors)} actors>"
        )

    # ------------------------------------------------------------ resolution
    def choices(self, parameter: str) -> list[str]:
        """The valid values of a filter, as shown to users.

        >>> import dialoguelib
        >>> dialoguelib.load().choices("goal")
        ['protect', 'prevent', 'pursue', 'cross-cutting']
        """
        if parameter == "goal":
            return list(self.goals["goal_id"].astype(str))
        if parameter == "area":
            return list(self.areas["area_id"].astype(str))
        if parameter == "actor":
            return list(self.actors["actor_id"])
        if parameter == "document":
            return list(self.documents["document_id"])
        if parameter in ("modality", "party", "kind"):
            return list(self.commitments[parameter].cat.categories)
        if parameter == "role":
            return list(self.commitment_actors["role"].cat.categories)
        if parameter == "tag":  # the tags of the selection
            rows, codes, names = self._root._items("tags")
            return sorted(names[np.unique(codes[self._mask()[rows]])].tolist())
        if parameter == "instrument":
            f = [
                f
                for r in self.descriptor["resources"]
                if r["name"] == "commitments"
                for f in r["schema"]["fields"]
                if f["name"] == "instruments"
            ][0]
            return list(f["dialoguelib:itemEnum"])
        raise UnknownValueError("parameter", parameter, FILTER_FIELDS)

    @cached_property
    def _lookup(self) -> dict:
        """Per parameter: {normalised name -> id}."""
        if self._root is not self:  # the whole data's names, but only the selection's own tags
            return {**self._root._lookup, "tag": self._tag_lookup}
        table = {}
        g = {}
        for row in self.goals.itertuples(index=False):
            for key in (row.goal_id, row.name, str(row.position), f"goal {row.position}"):
                g[_norm(key)] = str(row.goal_id)
        table["goal"] = g
        a = {}
        for row in self.areas.itertuples(index=False):
            for key in (row.area_id, row.name, str(row.position)):
                a[_norm(key)] = str(row.area_id)
        table["area"] = a
        ac = {}
        for row in self.actors.itertuples(index=False):
            keys = [row.actor_id, row.name, *row.aliases]
            if isinstance(row.acronym, str):
                keys.append(row.acronym)
            for key in keys:
                ac.setdefault(_norm(key), row.actor_id)
        table["actor"] = ac
        d = {}
        for row in self.documents.itertuples(index=False):
            for key in (row.document_id, row.code, row.title):
                d[_norm(key)] = row.document_id
        table["document"] = d
        for name in ("modality", "party", "kind", "role", "tag", "instrument"):
            table[name] = {_norm(v): v for v in self.choices(name)}
        table["party"].update({"united states": "US", "u.s.": "US", "mexico": "MX"})
        return table

    @cached_property
    def _tag_lookup(self) -> dict:
        """{normalised tag -> tag} for the tags of this selection (``choices("tag")``)."""
        return {_norm(v): v for v in self.choices("tag")}

    def resolve(self, parameter: str, value) -> str:
        """Map a user's name for a goal, area, actor, document, ... to its id.

        Case-insensitive; accepts ids, names, acronyms and aliases as written.

        Raises
        ------
        UnknownValueError
            Listing close matches (and all valid values when there are few).

        Examples
        --------
        >>> import dialoguelib
        >>> ds = dialoguelib.load()
        >>> ds.resolve("actor", "Mexico’s Financial Intelligence Unit"), ds.resolve("actor", "dea")
        ('uif', 'dea')
        >>> ds.resolve("goal", "Pursue criminal networks")
        'pursue'
        """
        # a selection shares the whole data's tables, built once, except for its own tags
        lookup = self._tag_lookup if parameter == "tag" else self._root._lookup.get(parameter)
        if lookup is None:
            raise UnknownValueError("parameter", parameter, [p for p in FILTER_FIELDS if p != "text"])
        key = _norm(value)
        if key in lookup:
            return lookup[key]
        valid = self.choices(parameter)
        display = self._display_names(parameter)
        close = difflib.get_close_matches(key, list(lookup), n=8, cutoff=0.6)
        contains = [k for k in lookup if key and (key in k)]
        ids = []
        for k in contains + close:
            if lookup[k] not in ids:
                ids.append(lookup[k])
        suggestions = [display.get(i, i) for i in ids[:5]]
        raise UnknownValueError(parameter, value, valid, suggestions)

    def _display_names(self, parameter: str) -> dict:
        if parameter == "actor":
            return {
                r.actor_id: (f"{r.name} ({r.acronym})" if isinstance(r.acronym, str) else r.name) + f" [{r.actor_id}]"
                for r in self.actors.itertuples(index=False)
            }
        if parameter == "goal":
            return {str(r.goal_id): f"{r.name} [{r.goal_id}]" for r in self.goals.itertuples(index=False)}
        if parameter == "area":
            return {str(r.area_id): f"{r.name} [{r.area_id}]" for r in self.areas.itertuples(index=False)}
        return {}

    # --------------------------------------------------------------- queries
    def filter(self, **criteria) -> Dataset:
        """Commitments matching all the given criteria.

        Parameters
        ----------
        goal, area, actor, document, modality, party, kind, tag, instrument, role : str or list of str, optional
            Names, ids, acronyms or aliases (case-insensitive). A list matches any of
            its values. ``role`` narrows ``actor`` to that role in the commitment.
        text : str, optional
            Case-insensitive words that must all appear in the quote.

        Returns
        -------
        Dataset
            The selection; reference tables stay whole.

        Examples
        --------
        >>> import dialoguelib
        >>> ds = dialoguelib.load()
        >>> len(ds.filter(goal="protect", document="JS", modality=["intend", "plan"]))
        4
        >>> list(ds.filter(text="ballistics labs").tidy.commitment_id)
        ['JS-43']
        """
        unknown = [k for k in criteria if k not in FILTER_FIELDS]
        if unknown:
            suggestions = difflib.get_close_matches(unknown[0], FILTER_FIELDS, n=3)
            raise UnknownValueError("filter", unknown[0], FILTER_FIELDS, suggestions)
        out = self
        role = criteria.pop("role", None)
        for field, value in criteria.items():
            if value is None or (isinstance(value, (list, tuple, set)) and len(value) == 0):
                continue
            out = out._filter_one(field, value, role if field == "actor" else None)
        if role is not None and criteria.get("actor") is None:
            out = out._filter_one("role", role)
        return out

    def _filter_one(self, field: str, value, role=None) -> Dataset:
        values = [value] if isinstance(value, (str, int)) else list(value)
        root = self._root
        base = self._mask()
        if field == "text":
            words = [w.casefold() for v in values for w in str(v).split()]
            quotes = root._quote_norm
            rows = np.flatnonzero(base)  # candidates, narrowed word by word
            # Longest words first: usually the rarest, so the candidates shrink fastest. One scan
            # of all quotes (_quotes_with) beats testing the candidates' quotes one by one when
            # they are many and the word is rare among them (a hit costs the scan more than a
            # test costs the loop); a sample of about 1,000 candidates tells how rare.
            for w in sorted(set(words), key=lambda w: (-len(w), w)):
                sample = quotes[rows[:: max(1, len(rows) // 1000)]]
                if 3 * len(rows) > len(base) and sum(w in q for q in sample) < 0.3 * len(sample):
                    rows = rows[root._quotes_with(w)[rows]]
                else:
                    rows = rows[np.fromiter((w in q for q in quotes[rows]), dtype=bool, count=len(rows))]
            mask = np.zeros(len(base), dtype=bool)
            mask[rows] = True
            return self._derive(mask, f"text={' '.join(words)!r}")
        ids = [self.resolve(field, v) for v in values]
        com = root.commitments
        if field in ("goal", "area", "document", "modality", "party", "kind"):
            column = com[{"goal": "goal_id", "area": "area_id", "document": "document_id"}.get(field, field)]
            cond = _isin_codes(column.cat.codes.to_numpy(), column.cat.categories, ids)
        elif field in ("tag", "instrument"):
            column = "tags" if field == "tag" else "instruments"
            rows, codes, names = root._items(column)
            cond = np.zeros(len(base), dtype=bool)
            cond[rows[_isin_codes(codes, names, ids)]] = True
        elif field in ("actor", "role"):
            links = root._link_codes
            role_categories = root.commitment_actors["role"].cat.categories
            if field == "actor":
                sel = _isin_codes(links["actor"], root.actors["actor_id"], ids)
            else:
                sel = _isin_codes(links["role"], role_categories, ids)
            if role is not None:
                roles = [self.resolve("role", r) for r in ([role] if isinstance(role, str) else role)]
                sel &= _isin_codes(links["role"], role_categories, roles)
            cond = np.zeros(len(base), dtype=bool)
            cond[links["row"][sel]] = True
        else:  # pragma: no cover - guarded by filter()
            raise AssertionError(field)
        return self._derive(base & cond, f"{field}={'|'.join(ids)}")

    def by_goal(self, goal) -> Dataset:
        """Commitments serving a goal (id, name or number)."""
        return self.filter(goal=goal)

    def by_area(self, area) -> Dataset:
        """Commitments serving an area (id, name or number)."""
        return self.filter(area=area)

    def by_actor(self, actor, role=None) -> Dataset:
        """Commitments an actor takes part in (id, name, acronym or alias), optionally in one role."""
        return self.filter(actor=actor, role=role)

    def by_document(self, document) -> Dataset:
        """Commitments of a document (id, code or title)."""
        return self.filter(document=document)

    def by_modality(self, modality) -> Dataset:
        """Commitments made with a verb (pledge, intend, ...)."""
        return self.filter(modality=modality)

    def by_party(self, party) -> Dataset:
        """Commitments made by US, MX or both."""
        return self.filter(party=party)

    def by_tag(self, tag) -> Dataset:
        """Commitments with a topic tag."""
        return self.filter(tag=tag)

    def search(self, text: str) -> Dataset:
        """Commitments whose quote holds every word of ``text`` (case-insensitive).

        >>> import dialoguelib
        >>> list(dialoguelib.load().search("memorandum").tidy.commitment_id)
        ['JS-32', 'JS-37']
        """
        return self.filter(text=text)

    # -------------------------------------------------------------- summaries
    def counts(self, by: str, *, exclude_countries: bool = False) -> pd.DataFrame:
        """Number of commitments by goal, area, actor, document, modality, party, kind, instrument or tag.

        Returns
        -------
        DataFrame
            Columns ``[by, "n"]``; framework order for goals and areas (every one listed,
            zeros included), otherwise most frequent first.

        Examples
        --------
        >>> import dialoguelib
        >>> c = dialoguelib.load().counts("goal")
        >>> dict(zip(c.goal, c.n))
        {'Protect our people': 27, 'Prevent transborder crime': 32, 'Pursue criminal networks': 21, 'Cross-cutting': 16}
        """
        if by not in COUNT_FIELDS:
            raise UnknownValueError("count field", by, COUNT_FIELDS, difflib.get_close_matches(by, COUNT_FIELDS, n=3))
        if by in ("instrument", "tag"):
            # As tidy[column].explode().dropna().value_counts(): most frequent first, ties in
            # order of first appearance; counted on the whole data's item codes.
            column = "instruments" if by == "instrument" else "tags"
            rows, codes, names = self._root._items(column)
            codes = codes[self._mask()[rows]]
            seen = pd.unique(codes)  # codes in order of first appearance
            n = np.bincount(codes, minlength=len(names))[seen]
            s = pd.Series(n, index=pd.Index(names[seen], name=column), name="count")
            s = s.sort_values(ascending=False, kind="stable").rename("n")
            return s.rename_axis(by).reset_index()
        if by == "actor":
            # Distinct commitments per actor name, most first, ties by name (as a groupby on
            # `long` then a stable sort), counted on the whole data's link codes.
            links = self._root._link_codes
            sel = self._mask()[links["row"]]
            if exclude_countries:
                sel &= ~links["country"]
            name_of, names = self._root._actor_names
            if len(names) == len(name_of):
                # names are unique and a commitment links an actor once (primary key), so
                # the links of a name are its distinct commitments
                n = np.bincount(name_of[links["actor"][sel]], minlength=len(names))
            else:  # two actors share a name: count each name's distinct commitments
                pairs = np.unique(name_of[links["actor"][sel]].astype(np.int64) * len(self._root.commitments) + links["row"][sel])
                n = np.bincount(pairs // len(self._root.commitments), minlength=len(names))
            order = np.flatnonzero(n)  # names in sorted order
            order = order[np.argsort(-n[order], kind="stable")]
            return pd.DataFrame({"actor": names[order], "n": n[order]})
        tidy = self.tidy
        if by in ("goal", "area"):
            s = tidy[by].value_counts(sort=False).rename("n")
            out = s.rename_axis(by).reset_index()
            return out.sort_values(by, kind="stable").reset_index(drop=True)
        if by == "document":
            s = tidy["document_title"].value_counts().rename("n")
            return s.rename_axis(by).reset_index()
        s = tidy[by].value_counts().rename("n")  # modality, party, kind
        s = s[s > 0]
        return s.rename_axis(by).reset_index()

    def actor_goal_matrix(self, *, roles=None, exclude_countries: bool = False) -> pd.DataFrame:
        """Commitments per actor (rows) and goal (columns, framework order).

        Rows are sorted by total, most involved first.

        >>> import dialoguelib
        >>> m = dialoguelib.load().actor_goal_matrix()
        >>> m.loc["Drug Enforcement Administration"].to_dict()
        {'Protect our people': 0, 'Prevent transborder crime': 0, 'Pursue criminal networks': 1, 'Cross-cutting': 0}
        """
        # As pd.crosstab(long.actor, long.goal), rows ordered by total then name, counted on
        # the whole data's link codes.
        links = self._root._link_codes
        sel = self._mask()[links["row"]]
        if roles is not None:
            roles = [self.resolve("role", r) for r in ([roles] if isinstance(roles, str) else roles)]
            sel &= _isin_codes(links["role"], self._root.commitment_actors["role"].cat.categories, roles)
        if exclude_countries:
            sel &= ~links["country"]
        sel &= links["goal"] >= 0  # (crosstab leaves out a missing goal)
        name_of, names = self._root._actor_names
        goal_names = list(self.goals["name"])
        cells = name_of[links["actor"][sel]].astype(np.int64) * len(goal_names) + links["goal"][sel]
        m = np.bincount(cells, minlength=len(names) * len(goal_names)).reshape(len(names), len(goal_names))
        order = np.flatnonzero(m.sum(axis=1))  # names in sorted order
        order = order[np.argsort(-m[order].sum(axis=1), kind="stable")]
        return pd.DataFrame(
            m[order],
            index=names[order].rename("actor"),
            columns=pd.CategoricalIndex(goal_names, categories=goal_names, ordered=True, name="goal"),
        )

    def area_coverage(self) -> pd.DataFrame:
        """For every area: how many objectives name it and how many concrete actions serve it.

        Returns
        -------
        DataFrame
            One row per area in framework order; columns ``area_id``, ``area``, ``goal``,
            ``objectives``, ``actions``, ``principles``, ``total`` and ``gap`` (True where
            no concrete action serves the area).

        Examples
        --------
        >>> import dialoguelib
        >>> cov = dialoguelib.load().area_coverage()
        >>> cov.set_index("area_id").loc["arms-trafficking", ["objectives", "actions"]].tolist()
        [4, 6]
        """
        # commitments per (area, kind) of the selection, counted on the whole data's category codes
        com, mask = self._root.commitments, self._mask()
        area, kind = com["area_id"].cat, com["kind"].cat
        a, k = area.codes.to_numpy()[mask].astype(np.int64), kind.codes.to_numpy()[mask].astype(np.int64)
        keep = (a >= 0) & (k >= 0)  # commitments with an area
        n = np.bincount(a[keep] * len(kind.categories) + k[keep], minlength=len(area.categories) * len(kind.categories))
        n = np.c_[n.reshape(len(area.categories), len(kind.categories)), np.zeros(len(area.categories), dtype=n.dtype)]
        columns = kind.categories.get_indexer(["objective", "action", "principle"])  # -1, a kind not in the schema: the zeros
        per_area = dict(zip(area.categories, n[:, columns].tolist()))
        rows = []
        goal_names = dict(zip(self.goals["goal_id"].astype(str), self.goals["name"]))
        for row in self.areas.itertuples(index=False):
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
        out["goal"] = out["goal"].astype(pd.CategoricalDtype(list(self.goals["name"]), ordered=True))
        return out

    def context(self, commitment_id: str, chars: int = 200) -> Passage:
        """The source text around a commitment.

        >>> import dialoguelib
        >>> p = dialoguelib.load().context("JS-43", chars=30)
        >>> p.quote
        'to stand up additional ballistics labs to process over 80,000 seized\\nweapons in Mexico.'
        >>> p.paragraph
        14
        """
        root = self._root
        pos = root._row_of_id.get(commitment_id, -1) if isinstance(commitment_id, str) else -1
        if pos < 0 or not self._mask()[pos]:
            all_ids = list(self.commitments["commitment_id"])
            raise UnknownValueError("commitment", commitment_id, all_ids, difflib.get_close_matches(commitment_id, all_ids, n=5))
        tidy = root.tidy
        doc = str(tidy["document_id"].iat[pos])
        text = self.raw_texts[doc]
        s, e = int(tidy["start"].iat[pos]), int(tidy["end"].iat[pos])
        return Passage(
            commitment_id=commitment_id,
            document_id=doc,
            paragraph=int(tidy["paragraph"].iat[pos]),
            before=text[max(0, s - chars) : s],
            quote=text[s:e],
            after=text[e : e + chars],
        )

    @cached_property
    def _row_of_id(self) -> dict:
        """{commitment_id: row} of the whole data."""
        return dict(zip(self.commitments["commitment_id"].to_numpy(dtype=object).tolist(), itertools.count()))

    def paragraph_text(self, document_id: str, paragraph: int) -> str:
        """The text of a paragraph (1-based, as in ``tidy.paragraph``) of a document."""
        doc = self.resolve("document", document_id)
        text = self.raw_texts[doc]
        starts = _paragraph_starts(text)
        if not 1 <= paragraph <= len(starts):
            raise ValueError(f"paragraph must be between 1 and {len(starts)} for {doc}, got {paragraph}")
        s = starts[paragraph - 1]
        end = starts[paragraph] if paragraph < len(starts) else len(text)
        return text[s:end].strip()
