"""Read the data package and check every table against its schema and its sources.

The schema is the Frictionless ``datapackage.json`` beside the tables. The checks
run on whole columns with pandas (field types, required values, allowed values,
patterns, primary and foreign keys), then on what a schema cannot say: every
quote equals the raw text at its offsets, every raw file matches its sha256, an
area's goal agrees with the commitment's goal.

The first fault found raises :class:`DataValidationError`, which names the file,
the row, the field and what was expected. Nothing is returned half-checked.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["DataValidationError", "read_package"]

TABLE_ORDER = ["documents", "goals", "areas", "actors", "commitments", "commitment_actors"]
LIST_SEPARATOR = "|"
_INTEGER = re.compile(r"-?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DataValidationError(ValueError):
    """A data file does not match its schema or its source text.

    Attributes
    ----------
    path : str
        The file at fault.
    row : int or None
        1-based data row (the header is not counted), when one row is at fault.
    field : str or None
        The column at fault.
    expected : str
        What was expected there.
    """

    def __init__(self, path, message, *, row=None, field=None, expected="", key=None):
        self.path = str(path)
        self.row = row
        self.field = field
        self.expected = expected
        where = [self.path]
        if row is not None:
            where.append(f"row {row}" + (f" ({key})" if key else ""))
        if field is not None:
            where.append(f"field '{field}'")
        text = ", ".join(where) + ": " + message
        if expected:
            text += f"; expected {expected}"
        super().__init__(text)


@dataclass(frozen=True)
class Package:
    """The validated tables, as typed DataFrames, and the descriptor they follow."""

    descriptor: dict
    tables: dict
    raw_texts: dict


def _schema(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise DataValidationError("datapackage.json", f"no resource named '{name}'")


def _read_csv(path: Path, fields: list[dict]) -> pd.DataFrame:
    if not path.is_file():
        raise DataValidationError(
            path, "file not found", expected="a CSV file here (restore it from the repository, or point data_dir at a full copy of the data folder)"
        )
    try:
        df = pd.read_csv(path, dtype=object, keep_default_na=False, na_filter=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataValidationError(path, f"not valid UTF-8 ({exc.reason} at byte {exc.start})", expected="UTF-8 text") from None
    except pd.errors.EmptyDataError:
        raise DataValidationError(path, "the file is empty", expected="a header row and at least one data row") from None
    except pd.errors.ParserError as exc:
        raise DataValidationError(path, f"malformed CSV: {exc}".strip(), expected="RFC 4180 CSV with one value per column") from None
    names = [f["name"] for f in fields]
    got = list(df.columns)
    missing = [n for n in names if n not in got]
    extra = [n for n in got if n not in names]
    if missing:
        raise DataValidationError(path, f"missing column(s) {missing}", expected=f"columns {names}")
    if extra:
        raise DataValidationError(path, f"unexpected column(s) {extra}", expected=f"columns {names}")
    if got != names:
        df = df[names]
    if len(df) == 0:
        raise DataValidationError(path, "the table has no rows", expected="at least one data row")
    return df


def per_value(values, fn, dtype=bool) -> "np.ndarray":
    """``fn`` applied to each distinct value of ``values`` and spread back to every row.

    Columns repeat values (ids of goals, areas, tags, offsets), so checking each distinct
    value once instead of each row is what keeps validation fast at scale.

    >>> per_value(np.array(["a", "b", "a"], dtype=object), str.upper, dtype=object).tolist()
    ['A', 'B', 'A']
    """
    values = np.asarray(values, dtype=object).tolist()
    memo = {v: fn(v) for v in set(values)}
    if dtype is object:
        out = np.empty(len(values), dtype=object)
        out[:] = [memo[v] for v in values]
        return out
    return np.fromiter(map(memo.__getitem__, values), dtype=dtype, count=len(values))


def _key_of(df: pd.DataFrame, pk: list[str], i: int) -> str:
    return ", ".join(f"{k}={df.iloc[i][k]!r}" for k in pk)


def _fail(path, df, pk, mask, field, message_fn, expected):
    i = int(mask.to_numpy().nonzero()[0][0])
    value = df.iloc[i][field]
    raise DataValidationError(path, message_fn(value), row=i + 1, field=field, expected=expected, key=_key_of(df, pk, i))


def _check_and_type(path: Path, df: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """Check each field against the schema and return a typed copy."""
    pk = schema.get("primaryKey", [])
    out = {}
    for f in schema["fields"]:
        name, ftype = f["name"], f.get("type", "string")
        cons = f.get("constraints", {})
        col = df[name]
        values = col.to_numpy()
        empty = pd.Series(values == "", index=col.index, dtype=bool)
        if cons.get("required"):  # whitespace-only counts as missing where a value is required
            empty |= pd.Series(per_value(values, lambda v: not v.strip()), index=col.index, dtype=bool)
        if cons.get("required") and empty.any():
            _fail(path, df, pk, empty, name, lambda v: "missing value", "a value (this field is required)")
        present = ~empty
        if ftype == "integer":
            ok = pd.Series(per_value(values, _INTEGER.fullmatch, dtype=object) != None, index=col.index) | empty  # noqa: E711
            if not ok.all():
                _fail(path, df, pk, ~ok, name, lambda v: f"{v!r} is not an integer", "an integer")
            typed = pd.array(pd.to_numeric(col.where(present, None)), dtype="Int64")
            if "minimum" in cons and (pd.Series(typed)[present] < cons["minimum"]).any():
                bad = present & (pd.Series(typed, index=col.index).fillna(cons["minimum"]) < cons["minimum"])
                _fail(path, df, pk, bad, name, lambda v: f"{v} is too small", f"a value >= {cons['minimum']}")
            if "maximum" in cons:
                bad = present & (pd.Series(typed, index=col.index).fillna(cons["maximum"]) > cons["maximum"])
                if bad.any():
                    _fail(path, df, pk, bad, name, lambda v: f"{v} is too large", f"a value <= {cons['maximum']}")
            if cons.get("required"):
                typed = pd.array(typed, dtype="int64")
            out[name] = typed
        elif ftype == "date":
            ok = pd.Series(per_value(values, _DATE.fullmatch, dtype=object) != None, index=col.index) | empty  # noqa: E711
            parsed = pd.to_datetime(col.where(present, None), format="%Y-%m-%d", errors="coerce")
            ok &= parsed.notna() | empty
            if not ok.all():
                _fail(path, df, pk, ~ok, name, lambda v: f"{v!r} is not a date", "an ISO date YYYY-MM-DD")
            out[name] = parsed
        elif ftype == "boolean":
            ok = col.isin(["true", "false"]) | empty
            if not ok.all():
                _fail(path, df, pk, ~ok, name, lambda v: f"{v!r} is not a boolean", "true or false")
            out[name] = col == "true"
        else:
            if "enum" in cons:
                ok = col.isin(cons["enum"]) | (empty & ~cons.get("required", False))
                if not ok.all():
                    _fail(path, df, pk, ~ok, name, lambda v: f"{v!r} is not an allowed value", f"one of {cons['enum']}")
            if "pattern" in cons:
                rx = re.compile(cons["pattern"])
                ok = pd.Series(per_value(values, lambda v: rx.fullmatch(v) is not None), index=col.index) | empty
                if not ok.all():
                    _fail(path, df, pk, ~ok, name, lambda v: f"{v!r} does not match the pattern", f"text matching /{cons['pattern']}/")
            items = f.get("dialoguelib:itemEnum")
            if items is not None:
                allowed = set(items)
                bad = pd.Series(per_value(values, lambda v: not allowed.issuperset(x for x in v.split(LIST_SEPARATOR) if x)),
                                index=col.index)
                if bad.any():
                    _fail(path, df, pk, bad, name, lambda v: f"{v!r} holds an unknown item", f"'|'-separated items from {items}")
            out[name] = col.astype("string")
    typed = pd.DataFrame(out, index=df.index)
    if pk:
        dup = typed.duplicated(pk, keep="first")
        if dup.any():
            _fail(path, df, pk, dup, pk[0], lambda v: f"duplicate primary key {v!r}", f"unique values of {pk}")
    return typed


def _check_foreign_keys(data_dir: Path, descriptor: dict, tables: dict) -> None:
    for res in descriptor["resources"]:
        df = tables[res["name"]]
        pk = res["schema"].get("primaryKey", [])
        for fk in res["schema"].get("foreignKeys", []):
            (field,) = fk["fields"]
            ref = fk["reference"]
            target = tables[ref["resource"]][ref["fields"][0]]
            col = df[field]
            bad = col.notna() & (col != "") & ~col.isin(set(target.dropna()))
            if bad.any():
                _fail(
                    data_dir / res["path"], df, pk, bad, field,
                    lambda v: f"{v!r} refers to no row of {ref['resource']}",
                    f"a {ref['fields'][0]} listed in {ref['resource']}.csv",
                )


def _check_sources(data_dir: Path, tables: dict) -> dict:
    """Check raw files against sha256 and quotes against offsets. Returns {document_id: text}."""
    docs = tables["documents"]
    texts = {}
    docs_path = data_dir / "documents.csv"
    for i, row in enumerate(docs.itertuples(index=False)):
        raw = data_dir / row.raw_path
        key = f"document_id={row.document_id!r}"
        if not raw.is_file():
            raise DataValidationError(docs_path, f"raw file {str(raw)!r} not found", row=i + 1, field="raw_path", key=key,
                                      expected="a path, relative to the data folder, of a file that exists")
        data = raw.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != row.sha256:
            raise DataValidationError(
                docs_path, f"sha256 of {raw.name} is {digest}, the table says {row.sha256}", row=i + 1, field="sha256", key=key,
                expected="the raw file unchanged, byte for byte (restore it, or register a new document)",
            )
        try:
            texts[row.document_id] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataValidationError(raw, f"not valid UTF-8 at byte {exc.start}", expected="UTF-8 text") from None
    for name, text_field in [("goals", "description"), ("areas", "description"), ("commitments", "quote")]:
        df = tables[name]
        path = data_dir / f"{name}.csv"
        columns = (df["document_id"].to_numpy(), df["start"].to_numpy(), df["end"].to_numpy(), df[text_field].to_numpy())
        for i, (doc, start, end, text) in enumerate(zip(*columns)):
            source = texts[doc]
            if 0 <= start < end <= len(source) and source[start:end] == text:
                continue
            key = f"{df.columns[0]}={df.iloc[i, 0]!r}"
            if not (0 <= start < end <= len(source)):
                raise DataValidationError(path, f"offsets {start}:{end} fall outside {doc} ({len(source)} characters)",
                                          row=i + 1, field="start", key=key, expected="0 <= start < end <= length of the raw text")
            found = source[start:end]
            raise DataValidationError(
                path, f"{text_field} does not match the raw text at {start}:{end}: the source has {found[:60]!r}, the row has {text[:60]!r}",
                row=i + 1, field=text_field, key=key, expected="the exact words of the source at those offsets",
            )
    return texts


def _check_consistency(data_dir: Path, tables: dict) -> None:
    com, areas = tables["commitments"], tables["areas"]
    area_goal = dict(zip(areas["area_id"], areas["goal_id"]))
    path = data_dir / "commitments.csv"
    area = com["area_id"].fillna("")
    expected_goal = area.map(area_goal)
    bad = (area != "") & (expected_goal != com["goal_id"])
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        a, g = com["area_id"].iloc[i], com["goal_id"].iloc[i]
        raise DataValidationError(path, f"area {a!r} belongs to goal {area_goal[a]!r}, the row says {g!r}", row=i + 1,
                                  field="goal_id", key=f"commitment_id={com['commitment_id'].iloc[i]!r}",
                                  expected=f"goal_id {area_goal[a]!r}")
    codes = dict(zip(tables["documents"]["document_id"], tables["documents"]["code"]))
    prefix = com["commitment_id"].astype(object).str.split("-", n=1).str[0]
    bad = prefix != com["document_id"].map(codes)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataValidationError(path, f"id {com['commitment_id'].iloc[i]!r} does not start with its document's code",
                                  row=i + 1, field="commitment_id", key=None, expected=f"'{codes[com['document_id'].iloc[i]]}-NN'")


def read_package(data_dir: Path) -> Package:
    """Read and validate every table of the data package in ``data_dir``.

    Raises
    ------
    DataValidationError
        On the first fault, naming the file, row, field and what was expected.
    """
    data_dir = Path(data_dir)
    dp_path = data_dir / "datapackage.json"
    if not dp_path.is_file():
        raise DataValidationError(dp_path, "file not found", expected="the data package descriptor (copy data/datapackage.json from the repository)")
    try:
        descriptor = json.loads(dp_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataValidationError(dp_path, f"malformed JSON: {exc}") from None
    tables = {}
    for name in TABLE_ORDER:
        res = _schema(descriptor, name)
        path = data_dir / res["path"]
        raw = _read_csv(path, res["schema"]["fields"])
        tables[name] = _check_and_type(path, raw, res["schema"])
    _check_foreign_keys(data_dir, descriptor, tables)
    texts = _check_sources(data_dir, tables)
    _check_consistency(data_dir, tables)
    return Package(descriptor=descriptor, tables=tables, raw_texts=texts)


def write_csv_atomic(df: pd.DataFrame, path: Path) -> None:
    """Write a table as CSV through a temporary file and a rename, so no reader sees half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    tmp.replace(path)
