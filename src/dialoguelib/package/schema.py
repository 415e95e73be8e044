"""The schema: what ``datapackage.json`` says each table holds, and the checks of each field against it.

Every check runs on a whole column with pandas, on its distinct values (``distinct``), and
the first fault raises :class:`~dialoguelib.errors.DataValidationError` naming the file,
the row, the field and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import DataValidationError
from .text import code_point, first_control_character, first_invisible_character

# A data release's version (datapackage.json "version"): MAJOR.MINOR.PATCH.
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")

__all__ = [
    "TABLE_ORDER",
    "MAY_BE_EMPTY",
    "LIST_SEPARATOR",
    "schema_field",
    "table_fields",
    "table_schema",
    "check_descriptor",
    "check_table",
    "check_rows",
    "distinct",
    "ONE_LINE",
    "VERBATIM",
]

# the tables in reading order: the 2021 record, then its follow-through (timeline, lineage, status scale, ledger)
TABLE_ORDER = [
    "documents",
    "goals",
    "areas",
    "actors",
    "commitments",
    "commitment_actors",
    "milestones",
    "commitment_links",
    "statuses",
    "status_updates",
]
# a resource that may hold no rows (the shipped 2021 record has no links and no statuses yet)
MAY_BE_EMPTY = "dialoguelib:mayBeEmpty"
# text fields that are one line: names, titles, who assessed, a note on evidence; a line break there
# would break the plain-text views and the changelog line that quotes them
ONE_LINE = {
    "documents": {"title", "publisher", "source_url"},
    "goals": {"name"},
    "areas": {"name"},
    "actors": {"name", "acronym", "aliases"},
    "milestones": {"event", "place", "source_title", "source_address"},
    "status_updates": {"assessed_by", "evidence_note", "evidence_url"},
}
# text fields that are the source's own words (checked against the raw text): they may hold whatever the
# source holds, invisible characters included; every other text field refuses them
VERBATIM = {
    "goals": {"description"},
    "areas": {"description"},
    "commitments": {"quote"},
    "status_updates": {"evidence_quote"},
}
LIST_SEPARATOR = "|"
_INTEGER = re.compile(r"-?[0-9]{1,15}")  # beyond 15 digits, no offset or year makes sense
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PACKAGE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")  # Frictionless: lower case, digits, '.', '_', '-'


def schema_field(descriptor: dict, table: str, field: str) -> dict:
    """The schema of one field of one table in the descriptor (its ``type``, ``constraints``, ...).

    Parameters
    ----------
    descriptor : dict
        The data package descriptor.
    table, field : str
        The table's and the field's names.

    Returns
    -------
    dict

    >>> import dialoguelib
    >>> schema_field(dialoguelib.load().descriptor, "commitments", "party")["constraints"]["enum"]
    ['US', 'MX', 'both']
    """
    for f in table_schema(descriptor, table)["schema"]["fields"]:
        if f["name"] == field:
            return f
    raise KeyError(f"{table}.{field}")


def table_schema(descriptor: dict, name: str) -> dict:
    """The resource of one table in the descriptor.

    Parameters
    ----------
    descriptor : dict
        The data package descriptor.
    name : str
        The table.

    Returns
    -------
    dict
        ``name``, ``path`` and ``schema``.

    Raises
    ------
    DataValidationError
        No resource has that name.
    """
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise DataValidationError(
        "datapackage.json", f"no resource named '{name}'", expected=f"one resource for each table: {', '.join(TABLE_ORDER)}"
    )


def check_descriptor(path: Path, descriptor) -> None:
    """Check the parts of ``datapackage.json`` that validation relies on, with a clear error for each.

    Parameters
    ----------
    path : Path
        The descriptor's file, named in errors.
    descriptor : object
        What its JSON holds.

    Raises
    ------
    DataValidationError
        Not an object, no resources list, a resource without name, path or fields, a path
        that leaves the data folder, a table missing.
    """
    copy_hint = " (copy data/datapackage.json from the repository)"
    if not isinstance(descriptor, dict):
        raise DataValidationError(
            path,
            f"the descriptor is {type(descriptor).__name__}, not an object",
            expected="a JSON object with a 'resources' list" + copy_hint,
        )
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        raise DataValidationError(path, "no 'resources' list", expected="a JSON object with a 'resources' list" + copy_hint)
    for i, res in enumerate(resources):
        where = f"resources[{i}]"
        if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not isinstance(res.get("path"), str):
            raise DataValidationError(path, f"{where} has no 'name' and 'path'", expected="a name and a path for each resource")
        rel = PurePosixPath(res["path"])
        if rel.is_absolute() or ".." in rel.parts or len(rel.parts) != 1:
            raise DataValidationError(
                path,
                f"{where} path {res['path']!r} leaves the data folder",
                expected="a file name in the data folder, such as 'commitments.csv'",
            )
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if (
            not isinstance(fields, list)
            or not fields
            or not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields)
        ):
            raise DataValidationError(
                path,
                f"{where} ({res['name']}) has no schema fields",
                expected="schema.fields, a list of {name, type, constraints}",
            )
    for name in TABLE_ORDER:
        table_schema(descriptor, name)
    _check_release_fields(path, descriptor)


def _check_release_fields(path: Path, descriptor: dict) -> None:
    """The descriptor's name (it names the export's folder), version, content digest and release record."""
    name = descriptor.get("name", "data")
    if not isinstance(name, str) or not _PACKAGE_NAME.fullmatch(name):
        raise DataValidationError(
            path,
            f"name {name!r} is not a data package name",
            expected="lower-case letters, digits, '.', '_' and '-' (no '/', no '..'), such as 'us-mexico-security-dialogue-2021'",
        )
    version = descriptor.get("version", "0.0.0")
    if not isinstance(version, str) or not SEMVER.match(version):
        raise DataValidationError(
            path, f"version {version!r} is not a semantic version", expected="MAJOR.MINOR.PATCH, such as '1.2.0'"
        )
    recorded = descriptor.get("content_digest", "")
    if recorded and not (isinstance(recorded, str) and re.fullmatch(r"sha256:[0-9a-f]{64}", recorded)):
        raise DataValidationError(
            path, f"content_digest {recorded!r} is malformed", expected="'sha256:' and 64 lower-case hex digits"
        )
    released = descriptor.get("dialoguelib:released")
    if released is not None and not _is_release_record(released):
        raise DataValidationError(
            path,
            "dialoguelib:released is malformed",
            expected="what a release writes: {tables: {name: {bytes, sha256}}, title, contributors} (restore it from the release)",
        )


def _is_release_record(rec) -> bool:
    tables = rec.get("tables") if isinstance(rec, dict) else None
    return isinstance(tables, dict) and all(
        isinstance(t, dict)
        and isinstance(t.get("bytes"), int)
        and t["bytes"] >= 0
        and isinstance(t.get("sha256"), str)
        and re.fullmatch(r"[0-9a-f]{64}", t["sha256"])
        for t in tables.values()
    )


def distinct(values) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, uniques)`` of a column: ``uniques[codes]`` gives back every row (NA rows get code -1).

    Hashing is done once, in C (``pandas.factorize``); whatever is computed for ``uniques``
    then reaches every row through ``result[codes]``.

    >>> codes, uniques = distinct(np.array(["a", "b", "a"], dtype=object))
    >>> codes.tolist(), uniques.tolist()
    ([0, 1, 0], ['a', 'b'])
    """
    return pd.factorize(np.asarray(values, dtype=object))


def arrow_text(values) -> pa.Array:
    """A text column (Series or array of str) as one Arrow array of one string type (what
    :func:`pyarrow.compute.index_in` compares)."""
    return pc.cast(
        pa.array(values.array if isinstance(values, pd.Series) else np.asarray(values, dtype=object)), pa.large_string()
    )


def positions(values, keys) -> np.ndarray:
    """``pd.Index(keys).get_indexer(values)`` for text, in Arrow's hash table (a third of the time at 100k).

    Parameters
    ----------
    values : Series or array of str
        What to look up.
    keys : Series of str or pyarrow.Array
        Distinct keys (an Array as :func:`arrow_text` gives, to reuse one).

    Returns
    -------
    ndarray of int64
        Each value's position in ``keys``; -1 where it is none.

    >>> positions(pd.Series(["b", "z", "a"], dtype="string"), pd.Series(["a", "b"], dtype="string")).tolist()
    [1, -1, 0]
    """
    keys = keys if isinstance(keys, pa.Array) else arrow_text(keys)
    found = pc.index_in(arrow_text(values), value_set=keys)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def each(fn, uniques: np.ndarray) -> np.ndarray:
    """``bool(fn(v))`` for every item ``v`` of ``uniques`` (a match object is true, None false).

    Parameters
    ----------
    fn : callable
        Called on each item.
    uniques : ndarray
        The distinct values of a column.

    Returns
    -------
    ndarray of bool
    """
    return np.fromiter(map(fn, uniques.tolist()), dtype=bool, count=len(uniques))


def _key_of(df: pd.DataFrame, pk: list[str], i: int) -> str:
    return ", ".join(f"{k}={df.iloc[i][k]!r}" for k in pk)


def fail_at(path, df, pk, mask, field, message_fn, expected):
    """Raise the DataValidationError of the first row of ``mask``, naming its key, field and value.

    Parameters
    ----------
    path : Path
        The table's file.
    df : DataFrame
        The table as read.
    pk : list of str
        Its primary key, named in the error.
    mask : array of bool
        The faulty rows.
    field : str
        The faulty column.
    message_fn : callable
        Makes the message from the faulty value.
    expected : str
        What was expected there.
    """
    i = int(np.flatnonzero(np.asarray(mask))[0])
    value = df.iloc[i][field]
    raise DataValidationError(path, message_fn(value), row=i + 1, field=field, expected=expected, key=_key_of(df, pk, i))


def check_table(
    path: Path,
    df: pd.DataFrame,
    schema: dict,
    distincts: dict | None = None,
    scan_controls: bool = True,
    table: str = "",
    scan_invisible: bool = True,
) -> pd.DataFrame:
    """Check each field against the schema and return a typed copy.

    Each check runs on the distinct values of a column (``distinct``) and reaches the rows
    through their codes, so a column of 100,000 rows with 20 values costs 20 checks.
    ``distincts``, when given, receives ``{field: (codes, uniques)}`` of the string fields
    that were hashed, for the foreign-key and consistency checks to reuse.

    Parameters
    ----------
    path : Path
        The table's file, named in errors.
    df : DataFrame
        The table as read: every cell a str.
    schema : dict
        The table's schema (fields, primary key, foreign keys).
    distincts : dict, optional
        Receives ``{field: (codes, uniques)}``.
    scan_controls : bool
        ``False`` skips the search for control characters (the caller found none in the file's bytes).
    table : str
        The table's name: its one-line fields (:data:`ONE_LINE`) refuse line breaks, and its fields
        other than verbatim quotes (:data:`VERBATIM`) refuse invisible and bidirectional characters.
    scan_invisible : bool
        ``False`` skips the search for invisible characters (the caller found none in the file's bytes).

    Returns
    -------
    DataFrame
        The typed table: integers, dates, booleans, strings.

    Raises
    ------
    DataValidationError
        The first fault: file, row, key, field, what was expected.
    """
    pk = schema.get("primaryKey", [])
    keys = set(pk) | {field for fk in schema.get("foreignKeys", []) for field in fk["fields"]}
    out = {}
    pk_codes = {}
    for f in schema["fields"]:
        c = _column(path, df, pk, f, keys, distincts)
        c.one_line = f["name"] in ONE_LINE.get(table, ())
        c.scan_invisible = scan_invisible and f["name"] not in VERBATIM.get(table, ())
        ftype = f.get("type", "string")
        if c.cons.get("required") and c.empty.any():
            c.fail(c.empty, lambda v: "missing value", "a value (this field is required)")
        out[c.name] = _TYPED[ftype if ftype in _TYPED else "string"](c, f, scan_controls)
        if c.name in pk:
            # a string column's typed values are equal where its cells are, so its codes serve;
            # other types compare as typed ("5" and "05" are the same integer)
            pk_codes[c.name] = c.codes if ftype == "string" else pd.factorize(out[c.name])[0]
    if pk:
        _check_primary_key(path, df, pk, pk_codes)
    return pd.DataFrame(out, index=df.index)


@dataclass
class _Column:
    """One column being checked: its cells' codes into its distinct values, and which are empty."""

    path: Path
    df: pd.DataFrame
    pk: list
    name: str
    cons: dict
    col: pd.Series
    codes: np.ndarray
    uniques: np.ndarray
    u_empty: np.ndarray  # per distinct value
    empty: np.ndarray  # per row
    one_line: bool = False  # a line break is refused
    scan_invisible: bool = False  # invisible and bidirectional characters are refused

    @property
    def present(self) -> np.ndarray:
        return ~self.empty

    def fail(self, bad, message, expected: str) -> None:
        """Raise for the first row of ``bad`` (see :func:`fail_at`)."""
        fail_at(self.path, self.df, self.pk, bad, self.name, message, expected)

    def check(self, u_ok: np.ndarray, message, expected: str) -> None:
        """Fail at the first row whose distinct value is not ``u_ok`` (empty cells pass)."""
        ok = (u_ok | self.u_empty)[self.codes]
        if not ok.all():
            self.fail(~ok, message, expected)


def _column(path: Path, df: pd.DataFrame, pk: list, f: dict, keys: set, distincts: dict | None) -> _Column:
    name, ftype = f["name"], f.get("type", "string")
    cons = f.get("constraints", {})
    col = df[name]
    values = col.to_numpy()
    if ftype == "string" and name not in keys and not ({"enum", "pattern"} & cons.keys()) and "dialoguelib:itemEnum" not in f:
        # free text (quotes, names, notes) rarely repeats and only its presence is checked:
        # every row is its own "distinct value", which costs less than hashing the texts
        codes, uniques = np.arange(len(values)), values
    else:
        # read with na_filter=False, every cell is a str: no row has code -1
        codes, uniques = distinct(values)
        if distincts is not None and ftype == "string":
            distincts[name] = (codes, uniques)
    u_empty = uniques == ""
    if cons.get("required"):  # whitespace-only counts as missing where a value is required
        u_empty |= each(str.isspace, uniques)  # (v.isspace() or v == "") is (not v.strip())
    return _Column(path, df, pk, name, cons, col, codes, uniques, u_empty, u_empty[codes])


def _integer(c: _Column, f: dict, scan_controls: bool):
    c.check(each(_INTEGER.fullmatch, c.uniques), lambda v: f"{v!r} is not an integer", "a whole number of at most 15 digits")
    # to_numeric sees the same set of values as the whole column, so it picks the same dtype
    u_numbers = pd.to_numeric(pd.Series(c.uniques, dtype=object).where(~c.u_empty, None))
    typed = pd.array(u_numbers, dtype="Int64").take(c.codes)
    if "minimum" in c.cons:
        least = c.cons["minimum"]
        bad = c.present & (typed.fillna(least) < least).to_numpy(dtype=bool)
        if bad.any():
            c.fail(bad, lambda v: f"{v} is too small", f"a value >= {least}")
    if "maximum" in c.cons:
        most = c.cons["maximum"]
        bad = c.present & (typed.fillna(most) > most).to_numpy(dtype=bool)
        if bad.any():
            c.fail(bad, lambda v: f"{v} is too large", f"a value <= {most}")
    return pd.array(typed, dtype="int64") if c.cons.get("required") else typed


def _date(c: _Column, f: dict, scan_controls: bool):
    ok = (each(_DATE.fullmatch, c.uniques) | c.u_empty)[c.codes]
    parsed = pd.to_datetime(c.col.where(c.present, None), format="%Y-%m-%d", errors="coerce")
    ok &= parsed.notna().to_numpy() | c.empty
    if not ok.all():
        c.fail(~ok, lambda v: f"{v!r} is not a date", "an ISO date YYYY-MM-DD")
    return parsed


def _boolean(c: _Column, f: dict, scan_controls: bool):
    c.check(each({"true", "false"}.__contains__, c.uniques), lambda v: f"{v!r} is not a boolean", "true or false")
    return c.col == "true"


def _string(c: _Column, f: dict, scan_controls: bool):
    hit = first_control_character(c.uniques.tolist()) if scan_controls else None
    if hit is not None:
        u, offset, ch = hit
        c.fail(
            c.codes == u,
            lambda v: f"a control character {code_point(ch)} at character {offset + 1}",
            "text without control characters (tab and newline are allowed)",
        )
    _check_plain_text(c)
    cons = c.cons
    if "enum" in cons:
        u_ok = each(set(cons["enum"]).__contains__, c.uniques)
        ok = (u_ok if cons.get("required") else u_ok | c.u_empty)[c.codes]
        if not ok.all():
            c.fail(~ok, lambda v: f"{v!r} is not an allowed value", f"one of {cons['enum']}")
    if "pattern" in cons:
        rx = re.compile(cons["pattern"])
        c.check(
            each(rx.fullmatch, c.uniques), lambda v: f"{v!r} does not match the pattern", f"text matching /{cons['pattern']}/"
        )
    items = f.get("dialoguelib:itemEnum")
    if items is not None:
        allowed = set(items)
        bad = each(lambda v: not allowed.issuperset(x for x in v.split(LIST_SEPARATOR) if x), c.uniques)[c.codes]
        if bad.any():
            c.fail(bad, lambda v: f"{v!r} holds an unknown item", f"'|'-separated items from {items}")
    return c.col.astype("string")


def _check_plain_text(c: _Column) -> None:
    """A one-line field without line breaks; a typed field without invisible or bidirectional characters."""
    if c.one_line:
        c.check(
            ~each(lambda v: "\n" in v or "\r" in v, c.uniques),
            lambda v: f"a line break in {v[:60]!r}",
            "one line of text (this field is shown and quoted on one line)",
        )
    hit = first_invisible_character(c.uniques.tolist()) if c.scan_invisible else None
    if hit is not None:
        u, offset, ch = hit
        c.fail(
            c.codes == u,
            lambda v: f"an invisible character {code_point(ch)} at character {offset + 1}",
            "text without zero-width, soft-hyphen or bidirectional control characters (they make a name match "
            "nothing or show it out of order; only verbatim quotes keep what the source holds)",
        )


# the check and the typed column of each field type
_TYPED = {"integer": _integer, "date": _date, "boolean": _boolean, "string": _string}


def _check_primary_key(path: Path, df: pd.DataFrame, pk: list, pk_codes: dict) -> None:
    """Rows whose codes agree in every key column hold the same key: look for duplicates among integers
    (one per distinct key, renumbered after each column) rather than hashing the strings again.
    Code -1 (NA) shifts to 0, as NA equals NA here."""
    key = np.zeros(len(df), dtype=np.int64)
    for k in pk:
        codes = pk_codes[k]
        key = pd.factorize(key * (codes.max(initial=-1) + 2) + (codes + 1))[0]
    dup = pd.Series(key).duplicated(keep="first").to_numpy()
    if dup.any():
        fail_at(path, df, pk, dup, pk[0], lambda v: f"duplicate primary key {v!r}", f"unique values of {pk}")


def table_fields(descriptor: dict, table: str) -> list[dict]:
    """The field schemas of one table, in column order.

    Parameters
    ----------
    descriptor : dict
    table : str

    Returns
    -------
    list of dict
    """
    return table_schema(descriptor, table)["schema"]["fields"]


def check_rows(path, df: pd.DataFrame, descriptor: dict, table: str) -> pd.DataFrame:
    """Check rows (text cells, as read from CSV) against one table's field schema, leaving out its keys.

    Parameters
    ----------
    path : path-like
        The file named in errors (for a merge, the review file).
    df : DataFrame
        The rows, as text.
    descriptor : dict
        The data package descriptor.
    table : str
        The table they are about to join.

    Returns
    -------
    DataFrame
        The typed rows.

    For rows about to join a table (a merge): types, required values, allowed values,
    patterns, list items and control characters. Raises :class:`DataValidationError` naming
    ``path`` and the row (1-based within ``df``); returns the typed rows.
    """
    schema = table_schema(descriptor, table)["schema"]
    return check_table(Path(path), df, {**schema, "primaryKey": []}, table=table)
