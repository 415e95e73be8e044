"""The dataset object: typed tables, tidy views, composable queries and summaries."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .validation import LIST_SEPARATOR, per_value, read_package

__all__ = ["Dataset", "Passage", "UnknownValueError", "default_data_dir", "load", "DATA_ENV_VAR", "CACHE_ENV_VAR"]

DATA_ENV_VAR = "DIALOGUELIB_DATA"
PACKAGE_DATA = Path(__file__).resolve().parent / "data"

FILTER_FIELDS = ("goal", "area", "actor", "document", "modality", "party", "kind", "tag", "instrument", "role", "text")
COUNT_FIELDS = ("goal", "area", "actor", "document", "modality", "party", "kind", "instrument", "tag")


class UnknownValueError(ValueError):
    """A goal, area, actor or other name that the data does not know.

    The message lists the close matches, or the valid values when there are few.
    """

    def __init__(self, parameter, value, valid, suggestions=()):
        self.parameter = parameter
        self.value = value
        self.valid = list(valid)
        self.suggestions = list(suggestions)
        msg = f"unknown {parameter} {value!r}."
        if self.suggestions:
            msg += " Did you mean: " + ", ".join(repr(s) for s in self.suggestions) + "?"
        if len(self.valid) <= 30:
            msg += " Valid values: " + ", ".join(repr(v) for v in self.valid) + "."
        else:
            msg += f" There are {len(self.valid)} valid values; see Dataset.choices({parameter!r})."
        super().__init__(msg)


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


def default_data_dir() -> Path:
    """The data folder used when ``load`` is given none.

    The environment variable ``DIALOGUELIB_DATA`` wins; otherwise the data that
    ships with the package. The working directory never decides.
    """
    env = os.environ.get(DATA_ENV_VAR)
    return Path(env).expanduser() if env else PACKAGE_DATA


CACHE_ENV_VAR = "DIALOGUELIB_CACHE"
_CACHE_KEEP = 8
_CACHED_FIELDS = ("documents", "goals", "areas", "actors", "commitments", "commitment_actors", "raw_texts", "descriptor", "version")


def _cache_dir() -> Path | None:
    """Where validated data is cached: ``$DIALOGUELIB_CACHE`` ("off" disables), else the user's cache folder."""
    env = os.environ.get(CACHE_ENV_VAR)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "no") else Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dialoguelib"


def _content_key(data_dir: Path) -> str:
    """A digest of every file of the data folder (names and bytes) and the library version."""
    from . import __version__

    h = hashlib.sha256(__version__.encode())
    for p in sorted(data_dir.rglob("*")):
        if p.is_file() and not p.name.startswith("."):
            h.update(str(p.relative_to(data_dir)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def load(data_dir: str | os.PathLike | None = None, *, cache: bool = True) -> "Dataset":
    """Load and validate the commitments data.

    Parameters
    ----------
    data_dir : path-like, optional
        A folder holding ``datapackage.json``, the CSV tables and ``raw/``.
        Defaults to ``$DIALOGUELIB_DATA``, else the data shipped with the package.
    cache : bool, default True
        Reuse the typed tables of an earlier load of byte-identical files (keyed by a
        sha256 of every file in the folder), skipping re-validation. Any change to any
        file means a full validation. ``$DIALOGUELIB_CACHE`` sets the cache folder
        (default ``~/.cache/dialoguelib``; ``off`` disables it).

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
    import pickle

    data_dir = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
    if not data_dir.is_dir():
        from .validation import DataValidationError

        raise DataValidationError(
            data_dir, "data folder not found",
            expected=f"a folder with datapackage.json and the CSV tables (pass data_dir= or set {DATA_ENV_VAR})",
        )
    folder = _cache_dir() if cache else None
    entry = None
    if folder is not None:
        entry = folder / f"{_content_key(data_dir)}.pkl"
        try:
            with open(entry, "rb") as f:
                state = pickle.load(f)
            return Dataset(**state, data_dir=data_dir)
        except (OSError, EOFError, pickle.UnpicklingError, TypeError, AttributeError, KeyError):
            pass  # no usable cache entry: validate
    pkg = read_package(data_dir)
    ds = Dataset._from_package(pkg, data_dir)
    if entry is not None:
        _write_cache(entry, {k: getattr(ds, k) for k in _CACHED_FIELDS})
    return ds


def _write_cache(entry: Path, state: dict) -> None:
    import pickle
    import tempfile

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        old = sorted(entry.parent.glob("*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)[_CACHE_KEEP:]
        for p in old:
            p.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written is not an error


def _split_list(col: pd.Series) -> pd.Series:
    """Split ``|``-separated cells into lists (each distinct cell split once; rows sharing a value share its list)."""
    return pd.Series(per_value(col.to_numpy(dtype=object), lambda v: v.split(LIST_SEPARATOR) if isinstance(v, str) and v else [],
                               dtype=object), index=col.index, dtype=object)


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

    def __init__(self, *, documents, goals, areas, actors, commitments, commitment_actors, raw_texts,
                 data_dir, version, descriptor, filters=(), root=None, rootmask=None):
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
        t = {k: v.copy() for k, v in pkg.tables.items()}
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
        com["document_id"] = com["document_id"].astype(doc_cat)
        com["goal_id"] = com["goal_id"].astype(goal_cat)
        com["area_id"] = com["area_id"].replace("", pd.NA).astype(area_cat)
        for name in ("kind", "modality", "party"):
            com[name] = com[name].astype(pd.CategoricalDtype(fields[name]["constraints"]["enum"], ordered=True))
        com["instruments"] = _split_list(com["instruments"])
        com["tags"] = _split_list(com["tags"])
        for name in ("timing", "notes"):
            com[name] = com[name].replace("", pd.NA)
        com = com.sort_values(["document_id", "start"], kind="stable").reset_index(drop=True)

        actors = t["actors"].copy()
        actors["aliases"] = _split_list(actors["aliases"])
        actors["acronym"] = actors["acronym"].replace("", pd.NA)
        for name in ("type", "country"):
            fa = {f["name"]: f for r in pkg.descriptor["resources"] for f in r["schema"]["fields"] if r["name"] == "actors"}
            actors[name] = actors[name].astype(pd.CategoricalDtype(fa[name]["constraints"]["enum"]))
        roles = [f for r in pkg.descriptor["resources"] if r["name"] == "commitment_actors" for f in r["schema"]["fields"] if f["name"] == "role"][0]
        links = t["commitment_actors"].copy()
        links["role"] = links["role"].astype(pd.CategoricalDtype(roles["constraints"]["enum"], ordered=True))
        t["documents"]["sha256"]
        digest = hashlib.sha256()
        for name in sorted(pkg.tables):
            digest.update((data_dir / f"{name}.csv").read_bytes())
        version = f"{pkg.descriptor.get('version', '0')}+{digest.hexdigest()[:8]}"
        return cls(documents=documents, goals=goals, areas=areas, actors=actors, commitments=com,
                   commitment_actors=links, raw_texts=pkg.raw_texts, data_dir=data_dir, version=version,
                   descriptor=pkg.descriptor)

    def _derive(self, mask: np.ndarray, label: str) -> "Dataset":
        """A selection: ``mask`` is over the whole data's commitments."""
        return Dataset(documents=self.documents, goals=self.goals, areas=self.areas, actors=self.actors,
                       commitments=None, commitment_actors=None, raw_texts=self.raw_texts, data_dir=self.data_dir,
                       version=self.version, descriptor=self.descriptor, filters=self.filters + (label,),
                       root=self._root, rootmask=mask)

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
        out = pd.DataFrame({
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
        }, index=com.index)
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
        actors = self.actors.rename(columns={"name": "actor", "type": "actor_type"})[["actor_id", "actor", "acronym", "actor_type", "country"]]
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
        return np.array([" ".join(q.split()).casefold() for q in self.commitments["quote"].to_numpy(dtype=object)],
                        dtype=object)

    @cached_property
    def _item_masks(self) -> dict:
        """Cache of (column, item) -> rows of the whole data whose list column holds the item."""
        return {}

    def _has_item(self, column: str, item: str) -> np.ndarray:
        key = (column, item)
        if key not in self._item_masks:
            self._item_masks[key] = np.fromiter((item in items for items in self.commitments[column].to_numpy()),
                                                dtype=bool, count=len(self.commitments))
        return self._item_masks[key]

    def __len__(self) -> int:
        return len(self._root.commitments) if self._rootmask is None else int(self._rootmask.sum())

    def __repr__(self) -> str:
        scope = " & ".join(self.filters) if self.filters else "all"
        return (f"<Dataset {self.version}: {len(self)} commitments ({scope}), {len(self.documents)} documents, "
                f"{len(self.actors)} actors>")

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
        if parameter == "tag":
            return sorted({t for tags in self.commitments["tags"] for t in tags})
        if parameter == "instrument":
            f = [f for r in self.descriptor["resources"] if r["name"] == "commitments" for f in r["schema"]["fields"] if f["name"] == "instruments"][0]
            return list(f["dialoguelib:itemEnum"])
        raise UnknownValueError("parameter", parameter, FILTER_FIELDS)

    @cached_property
    def _lookup(self) -> dict:
        """Per parameter: {normalised name -> id}."""
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
        if parameter not in self._lookup:
            raise UnknownValueError("parameter", parameter, [p for p in FILTER_FIELDS if p != "text"])
        lookup = self._lookup[parameter]
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
            return {r.actor_id: (f"{r.name} ({r.acronym})" if isinstance(r.acronym, str) else r.name) + f" [{r.actor_id}]"
                    for r in self.actors.itertuples(index=False)}
        if parameter == "goal":
            return {str(r.goal_id): f"{r.name} [{r.goal_id}]" for r in self.goals.itertuples(index=False)}
        if parameter == "area":
            return {str(r.area_id): f"{r.name} [{r.area_id}]" for r in self.areas.itertuples(index=False)}
        return {}

    # --------------------------------------------------------------- queries
    def filter(self, **criteria) -> "Dataset":
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

    def _filter_one(self, field: str, value, role=None) -> "Dataset":
        values = [value] if isinstance(value, (str, int)) else list(value)
        root = self._root
        base = self._mask()
        if field == "text":
            words = [w.casefold() for v in values for w in str(v).split()]
            idx = np.flatnonzero(base)
            quotes = root._quote_norm[idx]
            keep = np.ones(len(idx), dtype=bool)
            for w in words:
                keep &= np.fromiter((w in q for q in quotes), dtype=bool, count=len(quotes))
            mask = np.zeros(len(base), dtype=bool)
            mask[idx[keep]] = True
            return self._derive(mask, f"text={' '.join(words)!r}")
        ids = [self.resolve(field, v) for v in values]
        com = root.commitments
        if field in ("goal", "area", "document", "modality", "party", "kind"):
            column = {"goal": "goal_id", "area": "area_id", "document": "document_id"}.get(field, field)
            cond = com[column].isin(ids).to_numpy(dtype=bool)
        elif field in ("tag", "instrument"):
            column = "tags" if field == "tag" else "instruments"
            cond = np.zeros(len(base), dtype=bool)
            for item in ids:
                cond |= root._has_item(column, item)
        elif field in ("actor", "role"):
            links = root.commitment_actors
            sel = links["actor_id"].isin(ids) if field == "actor" else links["role"].isin(ids)
            if role is not None:
                roles = [self.resolve("role", r) for r in ([role] if isinstance(role, str) else role)]
                sel &= links["role"].isin(roles)
            cond = np.zeros(len(base), dtype=bool)
            cond[root._link_pos[sel.to_numpy(dtype=bool)]] = True
        else:  # pragma: no cover - guarded by filter()
            raise AssertionError(field)
        return self._derive(base & cond, f"{field}={'|'.join(ids)}")

    def by_goal(self, goal) -> "Dataset":
        """Commitments serving a goal (id, name or number)."""
        return self.filter(goal=goal)

    def by_area(self, area) -> "Dataset":
        """Commitments serving an area (id, name or number)."""
        return self.filter(area=area)

    def by_actor(self, actor, role=None) -> "Dataset":
        """Commitments an actor takes part in (id, name, acronym or alias), optionally in one role."""
        return self.filter(actor=actor, role=role)

    def by_document(self, document) -> "Dataset":
        """Commitments of a document (id, code or title)."""
        return self.filter(document=document)

    def by_modality(self, modality) -> "Dataset":
        """Commitments made with a verb (pledge, intend, ...)."""
        return self.filter(modality=modality)

    def by_party(self, party) -> "Dataset":
        """Commitments made by US, MX or both."""
        return self.filter(party=party)

    def by_tag(self, tag) -> "Dataset":
        """Commitments with a topic tag."""
        return self.filter(tag=tag)

    def search(self, text: str) -> "Dataset":
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
        tidy = self.tidy
        if by in ("goal", "area"):
            s = tidy[by].value_counts(sort=False).rename("n")
            out = s.rename_axis(by).reset_index()
            return out.sort_values(by, kind="stable").reset_index(drop=True)
        if by == "document":
            s = tidy["document_title"].value_counts().rename("n")
            return s.rename_axis(by).reset_index()
        if by in ("modality", "party", "kind"):
            s = tidy[by].value_counts().rename("n")
            s = s[s > 0]
            return s.rename_axis(by).reset_index()
        if by in ("instrument", "tag"):
            column = "instruments" if by == "instrument" else "tags"
            s = tidy[column].explode().dropna().value_counts().rename("n")
            return s.rename_axis(by).reset_index()
        long = self.long
        if exclude_countries:
            long = long[long["actor_type"] != "country"]
        s = long.groupby("actor", observed=True)["commitment_id"].nunique().rename("n")
        return s.sort_values(ascending=False, kind="stable").rename_axis("actor").reset_index()

    def actor_goal_matrix(self, *, roles=None, exclude_countries: bool = False) -> pd.DataFrame:
        """Commitments per actor (rows) and goal (columns, framework order).

        Rows are sorted by total, most involved first.

        >>> import dialoguelib
        >>> m = dialoguelib.load().actor_goal_matrix()
        >>> m.loc["Drug Enforcement Administration"].to_dict()
        {'Protect our people': 0, 'Prevent transborder crime': 0, 'Pursue criminal networks': 1, 'Cross-cutting': 0}
        """
        long = self.long
        if roles is not None:
            roles = [self.resolve("role", r) for r in ([roles] if isinstance(roles, str) else roles)]
            long = long[long["role"].isin(roles)]
        if exclude_countries:
            long = long[long["actor_type"] != "country"]
        m = pd.crosstab(long["actor"], long["goal"]).reindex(columns=list(self.goals["name"]), fill_value=0)
        m.columns = pd.CategoricalIndex(m.columns, categories=list(self.goals["name"]), ordered=True, name="goal")
        order = m.sum(axis=1).sort_values(ascending=False, kind="stable").index
        return m.loc[order]

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
        t = self.tidy
        rows = []
        goal_names = dict(zip(self.goals["goal_id"].astype(str), self.goals["name"]))
        for area in self.areas.itertuples(index=False):
            k = t.loc[t["area_id"] == area.area_id, "kind"].value_counts()
            rows.append({"area_id": str(area.area_id), "area": area.name, "goal": goal_names[str(area.goal_id)],
                         "objectives": int(k.get("objective", 0)), "actions": int(k.get("action", 0)),
                         "principles": int(k.get("principle", 0))})
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
        rows = self.tidy[self.tidy["commitment_id"] == commitment_id]
        if rows.empty:
            all_ids = list(self.commitments["commitment_id"])
            raise UnknownValueError("commitment", commitment_id, all_ids, difflib.get_close_matches(commitment_id, all_ids, n=5))
        row = rows.iloc[0]
        text = self.raw_texts[str(row["document_id"])]
        s, e = int(row["start"]), int(row["end"])
        return Passage(commitment_id=commitment_id, document_id=str(row["document_id"]), paragraph=int(row["paragraph"]),
                       before=text[max(0, s - chars):s], quote=text[s:e], after=text[e:e + chars])

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
