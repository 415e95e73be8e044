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
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from ..errors import DataValidationError
from .ledger import check_followup
from .schema import (
    MAY_BE_EMPTY,
    TABLE_ORDER,
    check_descriptor,
    check_table,
    distinct,
    fail_at,
    positions,
    table_schema,
)
from .spreadsheet import FORMULA_GUARD, unguard_csv
from .text import code_point, control_in_text, describe_mismatch, fold, has_control_bytes, has_invisible_bytes

__all__ = ["DataValidationError", "Package", "read_package"]


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
    references: dict = field(default_factory=dict, repr=False, compare=False)  # see _check_foreign_keys


def _read_csv(
    path: Path, fields: list[dict], source: Path | None = None, may_be_empty: bool = False, unguard: bool = False
) -> tuple[pd.DataFrame, bytes]:
    """Read a table (from ``source`` when given: a staged copy of ``path``); returns it and its bytes.

    ``may_be_empty``: a header with no rows is a valid table (a ledger with nothing in it yet).
    ``unguard``: the folder is a CSV export whose formula-like cells carry an apostrophe
    (:mod:`dialoguelib.package.spreadsheet`): the bytes are read back as released."""
    source = source or path
    if not source.is_file():
        raise DataValidationError(
            path,
            "file not found",
            expected="a CSV file here (restore it from the repository, or point data_dir at a full copy of the data folder)",
        )
    data = source.read_bytes()
    try:
        if unguard:
            data = unguard_csv(data)
        df = pd.read_csv(io.BytesIO(data), dtype=object, keep_default_na=False, na_filter=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataValidationError(path, f"not valid UTF-8 ({exc.reason} at byte {exc.start})", expected="UTF-8 text") from None
    except pd.errors.EmptyDataError:
        raise DataValidationError(path, "the file is empty", expected="a header row and at least one data row") from None
    except (pd.errors.ParserError, csv.Error) as exc:
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
    if len(df) == 0 and not may_be_empty:
        raise DataValidationError(path, "the table has no rows", expected="at least one data row")
    return df, data


def _check_inside(root: str, path: Path) -> None:
    """A table is a file of the data folder: a symbolic link leading out of it is refused, as for raw texts."""
    if not os.path.islink(path):
        return
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root:
        raise DataValidationError(
            path,
            f"leads to {real!r}, outside the data folder (through a symbolic link)",
            expected="the table as a file inside the data folder (copy it in rather than link it)",
        )


def _distinct_of(distincts: dict | None, table: str, df: pd.DataFrame, field: str):
    """``distinct`` of a column, reusing the codes ``_check_and_type`` computed."""
    known = (distincts or {}).get(table, {}).get(field)
    return known if known is not None else distinct(df[field].to_numpy(dtype=object))


def _check_foreign_keys(data_dir: Path, descriptor: dict, tables: dict, distincts: dict | None = None) -> dict:
    """Check that every foreign key refers to a row; return ``{(table, field, target table): rows}``, the row of the
    target that each row refers to (-1 for an empty cell), which the queries reuse (:attr:`Tables.references`)."""
    references = {}
    for res in descriptor["resources"]:
        df = tables[res["name"]]
        pk = res["schema"].get("primaryKey", [])
        for fk in res["schema"].get("foreignKeys", []):
            (field,) = fk["fields"]
            ref = fk["reference"]
            target = tables[ref["resource"]][ref["fields"][0]]
            # look up each distinct value once; empty and missing values (code -1, which picks
            # the appended -1) refer to nothing
            codes, uniques = _distinct_of(distincts, res["name"], df, field)
            u_rows = positions(uniques, target)
            u_bad = (uniques != "") & (u_rows < 0)
            bad = np.append(u_bad, False)[codes]
            if bad.any():
                known = set(target.dropna().to_numpy(dtype=object).tolist())
                fail_at(
                    data_dir / res["path"],
                    df,
                    pk,
                    bad,
                    field,
                    lambda v: f"{v!r} refers to no row of {ref['resource']}",
                    f"a {ref['fields'][0]} listed in {ref['resource']}.csv"
                    + (f" ({', '.join(sorted(map(str, known)))})" if len(known) <= 12 else ""),
                )
            references[(res["name"], field, ref["resource"])] = np.append(u_rows, -1)[codes]
    return references


def _raw_file(
    data_dir: Path, rel: str, overlay: dict, docs_path: Path, row: int, key: str, root: str, field: str = "raw_path"
) -> Path:
    """The file a ``raw_path`` names, refusing any path that leads outside the data folder's ``raw/``
    (``root``: the real path of that folder)."""
    p = PurePosixPath(rel)
    expected = "a path such as 'raw/statement.txt': inside the data folder's raw/, no '..', no absolute path"
    if "\\" in rel or p.is_absolute() or len(p.parts) < 2 or p.parts[0] != "raw" or any(part in ("..", ".") for part in p.parts):
        raise DataValidationError(
            docs_path, f"{field} {rel!r} is not inside raw/", row=row, field=field, key=key, expected=expected
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
            f"{field} {rel!r} leads to {real!r}, outside raw/ (through a symbolic link)",
            row=row,
            field=field,
            key=key,
            expected=expected,
        )
    return raw


def _check_original(data_dir: Path, row, overlay: dict, docs_path: Path, line: int, key: str, root: str) -> None:
    """A document ingested from a saved page: its ``original_path`` file exists inside raw/ and matches ``original_sha256``."""
    path = getattr(row, "original_path", "") or ""
    digest = getattr(row, "original_sha256", "") or ""
    if not path and not digest:
        return
    if not path or not digest:
        raise DataValidationError(
            docs_path,
            "original_path and original_sha256 go together: one is empty",
            row=line,
            field="original_sha256" if path else "original_path",
            key=key,
            expected="both (a saved page and its sha256) or neither (a plain text)",
        )
    original = _raw_file(data_dir, path, overlay, docs_path, line, key, root, field="original_path")
    if not original.is_file():
        raise DataValidationError(
            docs_path,
            f"original page {str(data_dir / path)!r} not found",
            row=line,
            field="original_path",
            key=key,
            expected="a path, relative to the data folder, of a file that exists",
        )
    found = hashlib.sha256(original.read_bytes()).hexdigest()
    if found != digest:
        raise DataValidationError(
            docs_path,
            f"sha256 of {PurePosixPath(path).name} is {found}, the table says {digest}",
            row=line,
            field="original_sha256",
            key=key,
            expected="the saved page unchanged, byte for byte",
        )


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
        _check_original(data_dir, row, overlay, docs_path, i + 1, key, root)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataValidationError(shown, f"not valid UTF-8 at byte {exc.start}", expected="UTF-8 text") from None
        hit = control_in_text(text) if has_control_bytes(data) else None
        if hit:
            line, column, ch = hit
            raise DataValidationError(
                shown,
                f"a control character {code_point(ch)} at line {line}, column {column}",
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


def _check_names(data_dir: Path, tables: dict) -> None:
    """A goal, area or actor name names one row: names are how people ask for them, and how counts group them."""
    for table, key in (("goals", "goal_id"), ("areas", "area_id"), ("actors", "actor_id")):
        df = tables[table]
        folded = pd.Series([" ".join(fold(n).split()) for n in df["name"].astype(object).tolist()], index=df.index)
        dup = folded.duplicated(keep="first").to_numpy()
        if dup.any():
            i = int(np.flatnonzero(dup)[0])
            first = int(np.flatnonzero((folded == folded.iat[i]).to_numpy())[0])
            raise DataValidationError(
                data_dir / f"{table}.csv",
                f"the name {df['name'].iat[i]!r} is also row {first + 1}'s ({df[key].iat[first]!r})",
                row=i + 1,
                field="name",
                key=f"{key}={df[key].iat[i]!r}",
                expected="a name of its own (names are compared ignoring case, accents and spacing)",
            )


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
        (a change staged but not yet made, see :mod:`dialoguelib.package.store`).

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
    root = os.path.realpath(data_dir)
    if "datapackage.json" not in overlay:
        _check_inside(root, dp_path)
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
    except RecursionError:
        raise DataValidationError(
            dp_path, "JSON nested too deeply to read", expected="the data package descriptor (a few levels of objects and lists)"
        ) from None
    check_descriptor(dp_path, descriptor)
    tables = {}
    distincts = {}  # {table: {field: (codes, uniques)}}, hashed once by _check_and_type
    blobs = {}
    for name in TABLE_ORDER:
        res = table_schema(descriptor, name)
        path = data_dir / res["path"]
        if res["path"] not in overlay:
            _check_inside(root, path)
        raw, blobs[name] = _read_csv(
            path, res["schema"]["fields"], overlay.get(res["path"]), bool(res.get(MAY_BE_EMPTY)), FORMULA_GUARD in descriptor
        )
        tables[name] = check_table(
            path,
            raw,
            res["schema"],
            distincts.setdefault(name, {}),
            scan_controls=has_control_bytes(blobs[name]),
            table=name,
            scan_invisible=has_invisible_bytes(blobs[name]),
        )
    _check_names(data_dir, tables)
    references = _check_foreign_keys(data_dir, descriptor, tables, distincts)
    texts = _check_sources(data_dir, tables, distincts, overlay)
    _check_consistency(data_dir, tables, distincts)
    check_followup(data_dir, tables, texts)
    digest = hashlib.sha256()
    for name in sorted(blobs):  # the tables in name order
        digest.update(blobs[name])
    return Package(
        descriptor=descriptor,
        tables=tables,
        raw_texts=texts,
        distincts=distincts,
        references=references,
        digest=digest.hexdigest(),
    )
