"""The file formats: a zipped CSV data package, newline-delimited JSON and Parquet.

Each ``write_*`` takes a dataset or selection and a path that does not exist yet (the caller,
:func:`dialoguelib.exports.export`, renames it into place when it is complete).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pandas as pd

from ..errors import DataValidationError, DialogueError
from ..package.citation import DIGEST_PREFIX, RELEASED
from ..package.history import released_record, table_bytes
from ..package.schema import TABLE_ORDER, table_schema
from ..package.spreadsheet import FORMULA_GUARD, GUARD_NOTE, guard_csv
from . import frames

__all__ = ["bundle_files", "write_csv", "write_json", "write_parquet"]


def _filtered_csv(blob: bytes, pk: list[str], keys: set[tuple]) -> bytes:
    """The rows of a CSV file whose primary key ``pk`` is in ``keys``, header kept, written as the data folder writes CSV."""
    rows = csv.reader(io.StringIO(blob.decode("utf-8"), newline=""))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    header = next(rows)
    w.writerow(header)
    at = [header.index(c) for c in pk]
    w.writerows(r for r in rows if r and tuple(r[i] for i in at) in keys)
    return out.getvalue().encode("utf-8")


def _keys(df, pk: list[str]) -> set[tuple]:
    return set(zip(*(df[c].astype(str) for c in pk)))


def bundle_files(data, spreadsheet_safe: bool = False) -> dict[str, bytes]:
    """The files of a data package holding ``data``: descriptor, tables, raw texts, codebook, changelog, citation.

    The whole record is its folder's files byte for byte; a selection keeps only its
    commitments and their links, and its descriptor says which selection of which release it is.
    With ``spreadsheet_safe``, a cell a spreadsheet would run as a formula gets an apostrophe before
    it (:mod:`dialoguelib.package.spreadsheet`) and the descriptor says so, so that
    :func:`dialoguelib.load` reads the tables back as released.

    Parameters
    ----------
    data : Dataset or Selection
        What to export.
    spreadsheet_safe : bool
        Guard the CSV tables for spreadsheets (default False: the tables as released).

    Returns
    -------
    dict of str to bytes
        Path inside the package -> the file's bytes.

    Raises
    ------
    DialogueError
        The folder changed since it was loaded, or a file of it is a symbolic link leading out of it.
    """
    folder = data.data_dir
    descriptor = dict(data.descriptor)
    blobs = _tables_as_loaded(data, descriptor)
    files: dict[str, bytes] = {}
    for name in TABLE_ORDER:
        rel, blob = blobs[name]
        if data.filters:  # a selection or the record as of a day: the rows it holds
            pk = table_schema(descriptor, name)["schema"]["primaryKey"]
            blob = _filtered_csv(blob, pk, _keys(getattr(data, name), pk))
        files[rel] = blob
    if data.filters:
        digest = hashlib.sha256()
        for name in sorted(blobs):
            digest.update(files[blobs[name][0]])
        descriptor["content_digest"] = DIGEST_PREFIX + digest.hexdigest()
        descriptor[RELEASED] = released_record(descriptor, {name: files[rel] for name, (rel, _) in blobs.items()})
        descriptor["dialoguelib:selection"] = {
            "filters": list(data.filters),
            "commitments": len(data),
            "of_release": {"version": data.release.version, "content_digest": DIGEST_PREFIX + data.release.digest},
        }
    if spreadsheet_safe:
        files.update({rel: guard_csv(files[rel]) for rel, _ in blobs.values()})
        descriptor[FORMULA_GUARD] = GUARD_NOTE
    else:
        descriptor.pop(FORMULA_GUARD, None)
    files["datapackage.json"] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    for doc in data.documents.itertuples(index=False):
        files[doc.raw_path] = (folder / doc.raw_path).read_bytes()
    for extra in ("README.md", "CHANGELOG.md"):
        if (folder / extra).is_file():
            files[extra] = _inside(folder, extra).read_bytes()
    about = dict(frames.about(data))
    files["CITATION.txt"] = "".join(f"{about[k]}\n" for k in ("illustrative", "citation") if k in about).encode("utf-8")
    return files


def _inside(folder: Path, rel: str) -> Path:
    """A file of the data folder, refused when it is a symbolic link that leads out of the folder."""
    path = folder / rel
    root, real = os.path.realpath(folder), os.path.realpath(path)
    if os.path.commonpath([root, real]) != root:
        raise DataValidationError(
            path,
            f"leads to {real!r}, outside the data folder (through a symbolic link); it is not exported",
            expected="a file inside the data folder (copy it in rather than link it)",
        )
    return path


def _tables_as_loaded(data, descriptor: dict) -> dict[str, tuple[str, bytes]]:
    """Each table's path and bytes (as released, for a CSV export), checked to be what was loaded (their digest is the release's)."""
    current = table_bytes(data.data_dir, descriptor)
    blobs = {name: (table_schema(descriptor, name)["path"], current[name]) for name in TABLE_ORDER}
    whole = hashlib.sha256()
    for name in sorted(blobs):
        whole.update(blobs[name][1])
    if whole.hexdigest() != data.release.digest:
        raise DialogueError(
            f"{data.data_dir}: the tables changed since they were loaded; expected the folder as loaded (load it again)"
        )
    return blobs


def write_csv(data, path: Path) -> None:
    """A zip of the data package (CSV tables, ``datapackage.json``, raw texts) in one folder named by the release.

    Unzipped, the folder loads with :func:`dialoguelib.load`. Cells a spreadsheet would run as
    formulas are written as text (an apostrophe before them; see :mod:`dialoguelib.package.spreadsheet`).

    Parameters
    ----------
    data : Dataset or Selection
        What to export.
    path : Path
        Where to write (it does not exist yet; :func:`dialoguelib.exports.export` renames it into place).
    """
    top = f"{data.descriptor.get('name', 'data')}-{data.release.version}"
    stamp = tuple(int(x) for x in (data.release.date or "1980-01-01").split("-")) + (0, 0, 0)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for rel, blob in bundle_files(data, spreadsheet_safe=True).items():
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=stamp)  # fixed dates: the same data gives the same zip
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, blob)


def _json_frame(data) -> pd.DataFrame:
    """The tidy view ready for JSON: dates as ISO text, text as Python strings, actors as ``{actor_id, name, role}`` lists."""
    tidy = frames.tidy(data).drop(columns=["actors", "actor_ids", "lead_actors"])
    out = {}
    for c in tidy.columns:
        col = tidy[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            col = col.dt.strftime("%Y-%m-%d")
        if col.dtype.kind not in "iufb":  # arrow strings and categoricals serialise fastest as objects
            col = col.astype(object)
        out[c] = col
    names = dict(zip(data.actors["actor_id"].tolist(), data.actors["name"].tolist()))
    links: dict[str, list] = {}
    ca = data.commitment_actors
    for cid, aid, role in zip(ca["commitment_id"].tolist(), ca["actor_id"].tolist(), ca["role"].astype(str).tolist()):
        links.setdefault(cid, []).append({"actor_id": aid, "name": names[aid], "role": role})
    out["actors"] = pd.Series([links.get(c, []) for c in tidy["commitment_id"].tolist()], dtype=object)
    return pd.DataFrame(out)


def records(data) -> list[dict]:
    """One JSON-ready dict per commitment: the tidy view's fields, actors as ``{actor_id, name, role}`` objects.

    >>> import dialoguelib
    >>> r = records(dialoguelib.load().filter(actor="ofac"))[0]
    >>> r["commitment_id"], r["goal"], [a["actor_id"] for a in r["actors"]][:2]
    ('JS-47', 'Pursue criminal networks', ['united-states', 'mexico'])
    """
    return [json.loads(line) for line in _ndjson(data).splitlines()]


def _ndjson(data) -> str:
    frame = _json_frame(data)
    if not len(frame):
        return ""
    text = frame.to_json(orient="records", lines=True, force_ascii=False, double_precision=15)
    # pandas writes "/" as "\/"; a literal backslash is "\\", so this undoes only that escape
    text = text.replace("\\/", "/")
    return text if text.endswith("\n") else text + "\n"


def write_json(data, path: Path) -> None:
    """Newline-delimited JSON: one commitment per line (see :func:`records`), UTF-8.

    Parameters
    ----------
    data : Dataset or Selection
        What to export.
    path : Path
        Where to write (it does not exist yet; :func:`dialoguelib.exports.export` renames it into place).
    """
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(_ndjson(data))


def write_parquet(data, path: Path) -> None:
    """A folder of Parquet files: one per table and ``tidy.parquet`` (names joined in), with the descriptor.

    Columns keep their types: categoricals (ordered where the library orders them), days as
    DATE, nullable integers, lists as lists of strings. The citation is in each file's metadata.

    Parameters
    ----------
    data : Dataset or Selection
        What to export.
    path : Path
        Where to write (it does not exist yet; :func:`dialoguelib.exports.export` renames it into place).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.mkdir()
    meta = {b"dialoguelib:citation": dict(frames.about(data))["citation"].encode("utf-8")}
    parts = dict(frames.tables(data), tidy=frames.tidy(data))
    for name, df in parts.items():
        table = pa.Table.from_pandas(df, preserve_index=False)
        for c in frames.list_columns(df):  # lists of strings, even when every list is empty
            i = table.schema.get_field_index(c)
            table = table.set_column(i, c, pa.array(df[c].tolist(), type=pa.list_(pa.string())))
        for i, f in enumerate(table.schema):  # days are DATE (no time of day, no time zone), as in datapackage.json
            if pa.types.is_timestamp(f.type):
                table = table.set_column(i, f.name, table.column(i).cast(pa.date32()))
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
        pq.write_table(table, path / f"{name}.parquet")
    (path / "datapackage.json").write_bytes(bundle_files(data)["datapackage.json"])
