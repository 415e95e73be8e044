"""Names: what a user may call a goal, area, actor, document, modality, ... and the id it means.

:class:`Names` is built once per dataset from its reference tables. It resolves a name (an id,
a name, a number, an acronym, an alias, any case) to an id, lists the valid choices, and
gives back the row or the display name of an id. An unknown name raises
:class:`~dialoguelib.errors.UnknownValueError` with the close matches.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from ..errors import UnknownValueError
from ..package.schema import schema_field
from .profile import CRITERIA, CRITERION_LABELS

__all__ = ["Names", "FILTER_FIELDS", "KINDS"]

FILTER_FIELDS = ("goal", "area", "actor", "document", "modality", "party", "kind", "tag", "instrument", "role", "meets", "text")
#: The reference tables that have a row per id, and the column that names a row.
KINDS = {
    "goal": ("goals", "goal_id", "name"),
    "area": ("areas", "area_id", "name"),
    "actor": ("actors", "actor_id", "name"),
    "document": ("documents", "document_id", "title"),
}


def _norm(s) -> str:
    return re.sub(r"\s+", " ", str(s)).strip().casefold()


class Names:
    """Resolution of names to ids for one dataset's reference tables.

    Parameters
    ----------
    tables : Tables
        The typed tables (see :mod:`dialoguelib.package.tables`).
    tags : list of str
        Every tag of the data.
    """

    def __init__(self, tables, tags):
        self._tables = tables
        self._rows = {kind: {str(k): i for i, k in enumerate(getattr(tables, t)[col])} for kind, (t, col, _) in KINDS.items()}
        self._choices = {kind: list(self._rows[kind]) for kind in KINDS}
        com, links = tables.commitments, tables.commitment_actors
        for name in ("modality", "party", "kind"):
            self._choices[name] = list(com[name].cat.categories)
        self._choices["role"] = list(links["role"].cat.categories)
        self._choices["instrument"] = list(schema_field(tables.descriptor, "commitments", "instruments")["dialoguelib:itemEnum"])
        self._choices["tag"] = sorted(tags)
        self._choices["meets"] = list(CRITERIA)
        self._lookup = self._build_lookup()

    def _build_lookup(self) -> dict:
        t = self._tables
        table = {"goal": {}, "area": {}, "actor": {}, "document": {}}
        for row in t.goals.itertuples(index=False):
            for key in (row.goal_id, row.name, str(row.position), f"goal {row.position}"):
                table["goal"][_norm(key)] = str(row.goal_id)
        for row in t.areas.itertuples(index=False):
            for key in (row.area_id, row.name, str(row.position)):
                table["area"][_norm(key)] = str(row.area_id)
        for row in t.actors.itertuples(index=False):
            keys = [row.actor_id, row.name, *row.aliases] + ([row.acronym] if isinstance(row.acronym, str) else [])
            for key in keys:
                table["actor"].setdefault(_norm(key), row.actor_id)
        for row in t.documents.itertuples(index=False):
            for key in (row.document_id, row.code, row.title):
                table["document"][_norm(key)] = row.document_id
        for name in ("modality", "party", "kind", "role", "tag", "instrument"):
            table[name] = {_norm(v): v for v in self._choices[name]}
        table["party"].update({"united states": "US", "u.s.": "US", "mexico": "MX"})
        table["meets"] = {_norm(c): c for c in CRITERIA} | {_norm(label): c for c, label in CRITERION_LABELS.items()}
        return table

    def choices(self, parameter: str) -> list[str]:
        """The valid ids of a parameter, in the data's order."""
        if parameter not in self._choices:
            raise UnknownValueError("parameter", parameter, [p for p in FILTER_FIELDS if p != "text"])
        return list(self._choices[parameter])

    def resolve(self, parameter: str, value, tags: list[str] | None = None) -> str:
        """The id that ``value`` names.

        Parameters
        ----------
        parameter : str
            goal, area, actor, document, modality, party, kind, tag, instrument or role.
        value : str or int
            An id, name, number, acronym or alias, in any case.
        tags : list of str, optional
            For ``tag``: resolve among these only (a selection's tags).

        Returns
        -------
        str
            The id.

        Raises
        ------
        UnknownValueError
            Listing close matches (and all valid values when there are few).
        """
        if parameter == "tag" and tags is not None:
            lookup = {_norm(v): v for v in tags}
        else:
            lookup = self._lookup.get(parameter)
        if lookup is None:
            raise UnknownValueError("parameter", parameter, [p for p in FILTER_FIELDS if p != "text"])
        key = _norm(value)
        if key in lookup:
            return lookup[key]
        valid = sorted(tags) if parameter == "tag" and tags is not None else self.choices(parameter)
        display = self._display_names(parameter)
        close = difflib.get_close_matches(key, list(lookup), n=8, cutoff=0.6)
        contains = [k for k in lookup if key and (key in k)]
        ids = list(dict.fromkeys(lookup[k] for k in contains + close))
        raise UnknownValueError(parameter, value, valid, [display.get(i, i) for i in ids[:5]])

    def row(self, kind: str, key) -> pd.Series:
        """The row of a goal, area, actor or document, given any of its names.

        Parameters
        ----------
        kind : {"goal", "area", "actor", "document"}
        key : str
            An id, name, number, acronym or alias.

        Returns
        -------
        Series
        """
        table, _, _ = self._kind(kind)
        return getattr(self._tables, table).iloc[self._rows[kind][self.resolve(kind, key)]]

    def name(self, kind: str, key) -> str:
        """The name of a goal, area or actor, or the title of a document, given any of its names.

        Parameters
        ----------
        kind : {"goal", "area", "actor", "document"}
        key : str
            An id, name, number, acronym or alias.

        Returns
        -------
        str
        """
        _, _, column = self._kind(kind)
        return str(self.row(kind, key)[column])

    def _kind(self, kind: str):
        if kind not in KINDS:
            raise UnknownValueError("kind of name", kind, list(KINDS))
        return KINDS[kind]

    def _display_names(self, parameter: str) -> dict:
        t = self._tables
        if parameter == "actor":
            return {
                r.actor_id: (f"{r.name} ({r.acronym})" if isinstance(r.acronym, str) else r.name) + f" [{r.actor_id}]"
                for r in t.actors.itertuples(index=False)
            }
        if parameter == "goal":
            return {str(r.goal_id): f"{r.name} [{r.goal_id}]" for r in t.goals.itertuples(index=False)}
        if parameter == "area":
            return {str(r.area_id): f"{r.name} [{r.area_id}]" for r in t.areas.itertuples(index=False)}
        return {}
