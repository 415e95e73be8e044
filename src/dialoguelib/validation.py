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

import hashlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from .errors import DataValidationError

__all__ = [
    "DataValidationError",
    "read_package",
    "first_control_character",
    "control_in_text",
    "has_control_bytes",
    "describe_mismatch",
]

TABLE_ORDER = ["documents", "goals", "areas", "actors", "commitments", "commitment_actors"]
LIST_SEPARATOR = "|"
_INTEGER = re.compile(r"-?[0-9]{1,15}")  # beyond 15 digits, no offset or year makes sense
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Package:
    """The validated tables, as typed DataFrames, and the descriptor they follow.

    ``distincts`` holds, per table and string field with a constraint or a key, the
    ``(codes, uniques)`` that validation computed (see :func:`distinct`), so that whoever
    types the tables further need not hash those columns again.
    """

    descriptor: dict
    tables: dict
    raw_texts: dict
    digest: str = ""
    distincts: dict = field(default_factory=dict, repr=False, compare=False)


def schema_field(descriptor: dict, table: str, field: str) -> dict:
    """The schema of one field of one table in the descriptor (its ``type``, ``constraints``, ...).

    >>> import dialoguelib
    >>> schema_field(dialoguelib.load().descriptor, "commitments", "party")["constraints"]["enum"]
    ['US', 'MX', 'both']
    """
    for f in _schema(descriptor, table)["schema"]["fields"]:
        if f["name"] == field:
            return f
    raise KeyError(f"{table}.{field}")


def _schema(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise DataValidationError(
        "datapackage.json", f"no resource named '{name}'", expected=f"one resource for each table: {', '.join(TABLE_ORDER)}"
    )


def _check_descriptor(path: Path, descriptor) -> None:
    """The parts of ``datapackage.json`` that validation relies on, with a clear error for each."""
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
        _schema(descriptor, name)


# Control characters, refused in every text field and raw text: C0 and C1 but tab and newline
# (a carriage return only as part of a CRLF line end), and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def has_control_bytes(data: bytes) -> bool:
    """Whether UTF-8 ``data`` may hold a control character that :data:`_CONTROL` refuses (one numpy pass).

    C0 controls but tab, newline and CRLF; DEL; C1 controls (UTF-8 ``C2 80``-``C2 9F``). A file
    for which this is False needs no closer look; for one where it is True, the regex finds where.

    >>> has_control_bytes(b"a\\tb\\r\\nc"), has_control_bytes(b"a\\x0cb"), has_control_bytes("\\x85".encode())
    (False, True, True)
    """
    a = np.frombuffer(data, dtype=np.uint8)
    if not len(a):
        return False
    low = (a < 32) & (a != 9) & (a != 10)
    if low.any():
        cr = np.flatnonzero(low & (a == 13))
        if len(cr) < int(low.sum()):  # a control other than CR
            return True
        nxt = cr + 1
        if (nxt >= len(a)).any() or (a[np.minimum(nxt, len(a) - 1)] != 10).any():  # a CR not followed by LF
            return True
    if (a == 0x7F).any():
        return True
    lead = np.flatnonzero(a[:-1] == 0xC2)
    return bool(((a[lead + 1] >= 0x80) & (a[lead + 1] <= 0x9F)).any())


def first_control_character(values) -> tuple[int, int, str] | None:
    """``(index, offset, character)`` of the first control character in a list of strings, or None.

    Tab, newline and CRLF line ends are allowed. One regex scan over the values joined.

    >>> first_control_character(["fine", "tab\\tok", "bad\\x00here"])
    (2, 3, '\\x00')
    >>> first_control_character(["line\\r\\nend"]) is None
    True
    """
    values = list(values)
    joined = "\t".join(values)  # a separator that is allowed, and that does not excuse a CR before it
    m = _CONTROL.search(joined)
    if m is None:
        return None
    ends = np.cumsum([len(v) + 1 for v in values])
    i = int(np.searchsorted(ends, m.start(), side="right"))
    offset = m.start() - (int(ends[i - 1]) if i else 0)
    return i, offset, m.group(0)


def control_in_text(text: str) -> tuple[int, int, str] | None:
    """``(line, column, character)``, 1-based, of the first control character of a text, or None.

    >>> control_in_text("one\\r\\ntwo\\x0cthree")
    (2, 4, '\\x0c')
    """
    m = _CONTROL.search(text)
    if m is None:
        return None
    line_start = text.rfind("\n", 0, m.start()) + 1
    return text.count("\n", 0, m.start()) + 1, m.start() - line_start + 1, m.group(0)


def _code_point(ch: str) -> str:
    import unicodedata

    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def describe_mismatch(expected: str, found: str) -> str:
    """Where two texts first differ, with both characters' code points.

    >>> print(describe_mismatch("the Parties’ goal", "the Parties' goal"))
    they differ at character 12: the source has '’' (U+2019 RIGHT SINGLE QUOTATION MARK), the row has "'" (U+0027 APOSTROPHE)
    """
    n = next((i for i, (a, b) in enumerate(zip(expected, found)) if a != b), min(len(expected), len(found)))
    a = repr(expected[n]) + f" ({_code_point(expected[n])})" if n < len(expected) else "the end of the text"
    b = repr(found[n]) + f" ({_code_point(found[n])})" if n < len(found) else "the end of the text"
    return f"they differ at character {n + 1}: the source has {a}, the row has {b}"


def _read_csv(path: Path, fields: list[dict], source: Path | None = None) -> tuple[pd.DataFrame, bytes]:
    """Read a table (from ``source`` when given: a staged copy of ``path``); returns it and its bytes."""
    source = source or path
    if not source.is_file():
        raise DataValidationError(
            path,
            "file not found",
            expected="a CSV file here (restore it from the repository, or point data_dir at a full copy of the data folder)",
        )
    data = source.read_bytes()
    try:
        df = pd.read_csv(io.BytesIO(data), dtype=object, keep_default_na=False, na_filter=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataValidationError(path, f"not valid UTF-8 ({exc.reason} at byte {exc.start})", expected="UTF-8 text") from None
    except pd.errors.EmptyDataError:
        raise DataValidationError(path, "the file is empty", expected="a header row and at least one data row") from None
    except pd.errors.ParserError as exc:
        raise DataValidationError(
            path, f"malformed CSV: {exc}".strip(), expected="RFC 4180 CSV with one value per column"
        ) from None
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
    return df, data


def distinct(values) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, uniques)`` of a column: ``uniques[codes]`` gives back every row (NA rows get code -1).

    Hashing is done once, in C (``pandas.factorize``); whatever is computed for ``uniques``
    then reaches every row through ``result[codes]``.

    >>> codes, uniques = distinct(np.array(["a", "b", "a"], dtype=object))
    >>> codes.tolist(), uniques.tolist()
    ([0, 1, 0], ['a', 'b'])
    """
    return pd.factorize(np.asarray(values, dtype=object))


def _each(fn, uniques: np.ndarray) -> np.ndarray:
    """``bool(fn(v))`` for every item ``v`` of ``uniques`` (a match object is true, None false)."""
    return np.fromiter(map(fn, uniques.tolist()), dtype=bool, count=len(uniques))


def _key_of(df: pd.DataFrame, pk: list[str], i: int) -> str:
    return ", ".join(f"{k}={df.iloc[i][k]!r}" for k in pk)


def _fail(path, df, pk, mask, field, message_fn, expected):
    i = int(np.flatnonzero(np.asarray(mask))[0])
    value = df.iloc[i][field]
    raise DataValidationError(path, message_fn(value), row=i + 1, field=field, expected=expected, key=_key_of(df, pk, i))


def _check_and_type(
    path: Path, df: pd.DataFrame, schema: dict, distincts: dict | None = None, scan_controls: bool = True
) -> pd.DataFrame:
    """Check each field against the schema and return a typed copy.

    Each check runs on the distinct values of a column (``distinct``) and reaches the rows
    through their codes, so a column of 100,000 rows with 20 values costs 20 checks.
    ``distincts``, when given, receives ``{field: (codes, uniques)}`` of the string fields
    that were hashed, for the foreign-key and consistency checks to reuse. ``scan_controls=False``
    skips the search for control characters (the caller found none in the file's bytes).
    """
    pk = schema.get("primaryKey", [])
    keys = set(pk) | {field for fk in schema.get("foreignKeys", []) for field in fk["fields"]}
    out = {}
    pk_codes = {}
    for f in schema["fields"]:
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
            u_empty |= _each(str.isspace, uniques)  # (v.isspace() or v == "") is (not v.strip())
        empty = u_empty[codes]
        if cons.get("required") and empty.any():
            _fail(path, df, pk, empty, name, lambda v: "missing value", "a value (this field is required)")
        present = ~empty
        if ftype == "integer":
            ok = (_each(_INTEGER.fullmatch, uniques) | u_empty)[codes]
            if not ok.all():
                _fail(path, df, pk, ~ok, name, lambda v: f"{v!r} is not an integer", "a whole number of at most 15 digits")
            # to_numeric sees the same set of values as the whole column, so it picks the same dtype
            u_numbers = pd.to_numeric(pd.Series(uniques, dtype=object).where(~u_empty, None))
            typed = pd.array(u_numbers, dtype="Int64").take(codes)
            if "minimum" in cons:
                bad = present & (typed.fillna(cons["minimum"]) < cons["minimum"]).to_numpy(dtype=bool)
                if bad.any():
                    _fail(path, df, pk, bad, name, lambda v: f"{v} is too small", f"a value >= {cons['minimum']}")
            if "maximum" in cons:
                bad = present & (typed.fillna(cons["maximum"]) > cons["maximum"]).to_numpy(dtype=bool)
                if bad.any():
                    _fail(path, df, pk, bad, name, lambda v: f"{v} is too large", f"a value <= {cons['maximum']}")
            if cons.get("required"):
                typed = pd.array(typed, dtype="int64")
            out[name] = typed
        elif ftype == "date":
            ok = (_each(_DATE.fullmatch, uniques) | u_empty)[codes]
            parsed = pd.to_datetime(col.where(present, None), format="%Y-%m-%d", errors="coerce")
            ok &= parsed.notna().to_numpy() | empty
            if not ok.all():
                _fail(path, df, pk, ~ok, name, lambda v: f"{v!r} is not a date", "an ISO date YYYY-MM-DD")
            out[name] = parsed
        elif ftype == "boolean":
            ok = (_each({"true", "false"}.__contains__, uniques) | u_empty)[codes]
            if not ok.all():
                _fail(path, df, pk, ~ok, name, lambda v: f"{v!r} is not a boolean", "true or false")
            out[name] = col == "true"
        else:
            hit = first_control_character(uniques.tolist()) if scan_controls else None
            if hit is not None:
                u, offset, ch = hit
                _fail(
                    path,
                    df,
                    pk,
                    codes == u,
                    name,
                    lambda v: f"a control character {_code_point(ch)} at character {offset + 1}",
                    "text without control characters (tab and newline are allowed)",
                )
            if "enum" in cons:
                u_ok = _each(set(cons["enum"]).__contains__, uniques)
                if not cons.get("required"):
                    u_ok |= u_empty
                ok = u_ok[codes]
                if not ok.all():
                    _fail(path, df, pk, ~ok, name, lambda v: f"{v!r} is not an allowed value", f"one of {cons['enum']}")
            if "pattern" in cons:
                rx = re.compile(cons["pattern"])
                ok = (_each(rx.fullmatch, uniques) | u_empty)[codes]
                if not ok.all():
                    _fail(
                        path,
                        df,
                        pk,
                        ~ok,
                        name,
                        lambda v: f"{v!r} does not match the pattern",
                        f"text matching /{cons['pattern']}/",
                    )
            items = f.get("dialoguelib:itemEnum")
            if items is not None:
                allowed = set(items)
                bad = _each(lambda v: not allowed.issuperset(x for x in v.split(LIST_SEPARATOR) if x), uniques)[codes]
                if bad.any():
                    _fail(path, df, pk, bad, name, lambda v: f"{v!r} holds an unknown item", f"'|'-separated items from {items}")
            out[name] = col.astype("string")
        if name in pk:
            # a string column's typed values are equal where its cells are, so its codes serve;
            # other types compare as typed ("5" and "05" are the same integer)
            pk_codes[name] = codes if ftype == "string" else pd.factorize(out[name])[0]
    typed = pd.DataFrame(out, index=df.index)
    if pk:
        # Rows whose codes agree in every key column hold the same key: look for duplicates
        # among integers (one per distinct key, renumbered after each column) rather than
        # hashing the strings again. Code -1 (NA) shifts to 0, as NA equals NA here.
        key = np.zeros(len(df), dtype=np.int64)
        for k in pk:
            codes = pk_codes[k]
            key = pd.factorize(key * (codes.max(initial=-1) + 2) + (codes + 1))[0]
        dup = pd.Series(key).duplicated(keep="first").to_numpy()
        if dup.any():
            _fail(path, df, pk, dup, pk[0], lambda v: f"duplicate primary key {v!r}", f"unique values of {pk}")
    return typed


def _distinct_of(distincts: dict | None, table: str, df: pd.DataFrame, field: str):
    """``distinct`` of a column, reusing the codes ``_check_and_type`` computed."""
    known = (distincts or {}).get(table, {}).get(field)
    return known if known is not None else distinct(df[field].to_numpy(dtype=object))


def _check_foreign_keys(data_dir: Path, descriptor: dict, tables: dict, distincts: dict | None = None) -> None:
    for res in descriptor["resources"]:
        df = tables[res["name"]]
        pk = res["schema"].get("primaryKey", [])
        for fk in res["schema"].get("foreignKeys", []):
            (field,) = fk["fields"]
            ref = fk["reference"]
            target = tables[ref["resource"]][ref["fields"][0]]
            # look up each distinct value once; empty and missing values (code -1, which picks
            # the appended False) refer to nothing
            codes, uniques = _distinct_of(distincts, res["name"], df, field)
            known = set(target.dropna().to_numpy(dtype=object).tolist())
            u_bad = (uniques != "") & ~_each(known.__contains__, uniques)
            bad = np.append(u_bad, False)[codes]
            if bad.any():
                _fail(
                    data_dir / res["path"],
                    df,
                    pk,
                    bad,
                    field,
                    lambda v: f"{v!r} refers to no row of {ref['resource']}",
                    f"a {ref['fields'][0]} listed in {ref['resource']}.csv",
                )


def _raw_file(data_dir: Path, rel: str, overlay: dict, docs_path: Path, row: int, key: str, root: str) -> Path:
    """The file a ``raw_path`` names, refusing any path that leads outside the data folder's ``raw/``
    (``root``: the real path of that folder)."""
    p = PurePosixPath(rel)
    expected = "a path such as 'raw/statement.txt': inside the data folder's raw/, no '..', no absolute path"
    if "\\" in rel or p.is_absolute() or len(p.parts) < 2 or p.parts[0] != "raw" or any(part in ("..", ".") for part in p.parts):
        raise DataValidationError(
            docs_path, f"raw_path {rel!r} is not inside raw/", row=row, field="raw_path", key=key, expected=expected
        )
    if rel in overlay:
        return overlay[rel]
    raw = data_dir / rel
    if len(p.parts) == 2 and not os.path.islink(raw):
        return raw  # a plain file directly in raw/: inside it (a file that is not there is reported by the caller)
    real = os.path.realpath(raw)
    if os.path.commonpath([root, real]) != root or real == root:
        raise DataValidationError(
            docs_path,
            f"raw_path {rel!r} leads to {real!r}, outside raw/ (through a symbolic link)",
            row=row,
            field="raw_path",
            key=key,
            expected=expected,
        )
    return raw


def _check_sources(data_dir: Path, tables: dict, distincts: dict | None = None, overlay: dict | None = None) -> dict:
    """Check raw files against sha256 and quotes against offsets. Returns {document_id: text}."""
    docs = tables["documents"]
    texts = {}
    docs_path = data_dir / "documents.csv"
    overlay = overlay or {}
    root = os.path.realpath(data_dir / "raw")
    for i, row in enumerate(docs.itertuples(index=False)):
        key = f"document_id={row.document_id!r}"
        raw = _raw_file(data_dir, row.raw_path, overlay, docs_path, i + 1, key, root)
        shown = data_dir / row.raw_path
        if not raw.is_file():
            raise DataValidationError(
                docs_path,
                f"raw file {str(shown)!r} not found",
                row=i + 1,
                field="raw_path",
                key=key,
                expected="a path, relative to the data folder, of a file that exists",
            )
        data = raw.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != row.sha256:
            raise DataValidationError(
                docs_path,
                f"sha256 of {shown.name} is {digest}, the table says {row.sha256}",
                row=i + 1,
                field="sha256",
                key=key,
                expected="the raw file unchanged, byte for byte (restore it, or register a new document)",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataValidationError(shown, f"not valid UTF-8 at byte {exc.start}", expected="UTF-8 text") from None
        hit = control_in_text(text) if has_control_bytes(data) else None
        if hit:
            line, column, ch = hit
            raise DataValidationError(
                shown,
                f"a control character {_code_point(ch)} at line {line}, column {column}",
                expected="text without control characters (tab and newline are allowed)",
            )
        texts[row.document_id] = text
    for name, text_field in [("goals", "description"), ("areas", "description"), ("commitments", "quote")]:
        df = tables[name]
        path = data_dir / f"{name}.csv"
        doc_codes, doc_ids = _distinct_of(distincts, name, df, "document_id")
        doc_texts = [texts[d] for d in doc_ids.tolist()]
        starts, ends = df["start"].to_numpy(), df["end"].to_numpy()
        text = df[text_field].to_numpy(dtype=object)
        # Within its text's bounds, source[start:end] == text exactly when the text is end - start
        # characters long and the source has it at start: str.startswith, mapped in C over all
        # rows, checks that without copying any slice.
        sources = np.array(doc_texts, dtype=object)[doc_codes]
        lengths = np.array([len(t) for t in doc_texts], dtype=np.int64)[doc_codes]
        in_bounds = (0 <= starts) & (starts < ends) & (ends <= lengths)
        same = (np.fromiter(map(len, text), dtype=np.int64, count=len(df)) == ends - starts) & np.fromiter(
            map(str.startswith, sources, text, starts.tolist()), dtype=bool, count=len(df)
        )
        bad = ~(in_bounds & same)
        if not bad.any():
            continue
        i = int(np.flatnonzero(bad)[0])
        doc, start, end, source = doc_ids[doc_codes[i]], starts[i], ends[i], sources[i]
        key = f"{df.columns[0]}={df.iloc[i, 0]!r}"
        if not (0 <= start < end <= len(source)):
            raise DataValidationError(
                path,
                f"offsets {start}:{end} fall outside {doc} ({len(source)} characters)",
                row=i + 1,
                field="start",
                key=key,
                expected="0 <= start < end <= length of the raw text",
            )
        found = source[start:end]
        raise DataValidationError(
            path,
            f"{text_field} does not match the raw text at {start}:{end}; {describe_mismatch(found, text[i])}",
            row=i + 1,
            field=text_field,
            key=key,
            expected="the exact words of the source at those offsets",
        )
    return texts


def _check_consistency(data_dir: Path, tables: dict, distincts: dict | None = None) -> None:
    com, areas = tables["commitments"], tables["areas"]
    area_goal = dict(zip(areas["area_id"], areas["goal_id"]))
    path = data_dir / "commitments.csv"
    # the goal each row's area belongs to, looked up once per distinct area
    # (a missing area, code -1, picks the appended value: no area, no goal)
    area_codes, area_ids = _distinct_of(distincts, "commitments", com, "area_id")
    expected_goal = np.array([area_goal.get(a) for a in area_ids.tolist()] + [None], dtype=object)[area_codes]
    bad = np.append(area_ids != "", False)[area_codes] & (expected_goal != com["goal_id"].to_numpy(dtype=object))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        a, g = com["area_id"].iloc[i], com["goal_id"].iloc[i]
        raise DataValidationError(
            path,
            f"area {a!r} belongs to goal {area_goal[a]!r}, the row says {g!r}",
            row=i + 1,
            field="goal_id",
            key=f"commitment_id={com['commitment_id'].iloc[i]!r}",
            expected=f"goal_id {area_goal[a]!r}",
        )
    codes = dict(zip(tables["documents"]["document_id"], tables["documents"]["code"]))
    doc_codes, doc_ids = _distinct_of(distincts, "commitments", com, "document_id")
    expected_code = np.array([codes.get(d) for d in doc_ids.tolist()], dtype=object)[doc_codes]
    prefix = np.fromiter(
        (c.split("-", 1)[0] for c in com["commitment_id"].to_numpy(dtype=object).tolist()), dtype=object, count=len(com)
    )
    bad = prefix != expected_code
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataValidationError(
            path,
            f"id {com['commitment_id'].iloc[i]!r} does not start with its document's code",
            row=i + 1,
            field="commitment_id",
            key=None,
            expected=f"'{codes[com['document_id'].iloc[i]]}-NN'",
        )


def read_package(data_dir: Path, overlay: dict | None = None) -> Package:
    """Read and validate every table of the data package in ``data_dir``.

    Parameters
    ----------
    data_dir : Path
        The data folder; error messages name its files.
    overlay : dict, optional
        ``{path relative to data_dir: file}``: read these files instead of the folder's own
        (a change staged but not yet made, see :mod:`dialoguelib.store`).

    Returns
    -------
    Package
        The typed tables, the raw texts, the descriptor and ``digest``, a sha256 of the
        tables' bytes (in the order of their names).

    Raises
    ------
    DataValidationError
        On the first fault, naming the file, row, field and what was expected.
    """
    data_dir = Path(data_dir)
    overlay = {str(PurePosixPath(k)): Path(v) for k, v in (overlay or {}).items()}
    dp_path = data_dir / "datapackage.json"
    dp_source = overlay.get("datapackage.json", dp_path)
    if not dp_source.is_file():
        raise DataValidationError(
            dp_path, "file not found", expected="the data package descriptor (copy data/datapackage.json from the repository)"
        )
    try:
        descriptor = json.loads(dp_source.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DataValidationError(dp_path, f"not valid UTF-8 at byte {exc.start}", expected="UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise DataValidationError(dp_path, f"malformed JSON: {exc}", expected="the data package descriptor as JSON") from None
    _check_descriptor(dp_path, descriptor)
    tables = {}
    distincts = {}  # {table: {field: (codes, uniques)}}, hashed once by _check_and_type
    blobs = {}
    for name in TABLE_ORDER:
        res = _schema(descriptor, name)
        path = data_dir / res["path"]
        raw, blobs[name] = _read_csv(path, res["schema"]["fields"], overlay.get(res["path"]))
        tables[name] = _check_and_type(
            path, raw, res["schema"], distincts.setdefault(name, {}), scan_controls=has_control_bytes(blobs[name])
        )
    _check_foreign_keys(data_dir, descriptor, tables, distincts)
    texts = _check_sources(data_dir, tables, distincts, overlay)
    _check_consistency(data_dir, tables, distincts)
    digest = hashlib.sha256()
    for name in sorted(blobs):  # the tables in name order
        digest.update(blobs[name])
    return Package(descriptor=descriptor, tables=tables, raw_texts=texts, distincts=distincts, digest=digest.hexdigest())
