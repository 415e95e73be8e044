"""What a release recorded, and what changed by hand since: the check made before every change.

Each release writes, in ``datapackage.json``, ``dialoguelib:released``: every table's length in
bytes and sha256 as released, and the descriptor's ``title`` and ``contributors`` then. Before
``merge`` or ``record`` makes the next release, :func:`check_history` compares the folder with it:

- the **ledger** tables (``status_updates``, ``commitment_links``) are append-only: their released
  bytes must still be the start of the file, or the change is refused (a released row was edited
  or removed by hand; a correction is a new row). Rows appended by hand since are released with the
  change and listed in its changelog entry;
- any other table edited by hand since, or a new title or contributors, is released with the change
  and named in its changelog entry (``dialoguelib diff`` lists the rows);
- a folder released before this record existed has only its content digest: when its tables no
  longer match it, the edits cannot be told apart and the change is refused.

A citation says "with unreleased changes" when the tables differ from the content digest or the
title or contributors from the record (:func:`~dialoguelib.package.citation.edited_fields`).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

from ..errors import StoreError
from .citation import DIGEST_PREFIX, RELEASED, edited_fields
from .schema import TABLE_ORDER, table_schema
from .spreadsheet import FORMULA_GUARD, unguard_csv

__all__ = ["RELEASED", "LEDGER", "released_record", "check_history", "edited_fields", "table_bytes"]

LEDGER = ("status_updates", "commitment_links")


def table_bytes(data_dir: Path, descriptor: dict, overlay: dict | None = None) -> dict[str, bytes]:
    """Each table's bytes as the folder holds them (a staged copy where ``overlay`` has one), by table name
    (a CSV export's, with its formula guard undone: see :mod:`dialoguelib.package.spreadsheet`).

    Parameters
    ----------
    data_dir : Path
        The data folder.
    descriptor : dict
        Its ``datapackage.json``.
    overlay : dict, optional
        Relative path -> staged file, read instead of the folder's own.

    Returns
    -------
    dict of str to bytes
        Empty bytes for a table that cannot be read.
    """
    overlay = overlay or {}
    out = {}
    for name in TABLE_ORDER:
        rel = table_schema(descriptor, name)["path"]
        source = Path(overlay[rel]) if rel in overlay else data_dir / rel
        try:
            out[name] = source.read_bytes()
            if FORMULA_GUARD in descriptor:  # a CSV export: its tables as released
                out[name] = unguard_csv(out[name])
        except (OSError, ValueError):
            out[name] = b""
    return out


def released_record(descriptor: dict, blobs: dict[str, bytes]) -> dict:
    """The ``dialoguelib:released`` record of a release made of ``blobs`` (table name -> bytes).

    Parameters
    ----------
    descriptor : dict
        The descriptor of the release (its title and contributors are recorded).
    blobs : dict of str to bytes
        The tables as released.

    Returns
    -------
    dict

    >>> r = released_record({"title": "T"}, {"goals": b"goal_id\\nx\\n"})
    >>> r["tables"]["goals"]["bytes"], r["title"], r["contributors"]
    (10, 'T', [])
    """
    return {
        "tables": {
            name: {"bytes": len(blob), "sha256": hashlib.sha256(blob).hexdigest()} for name, blob in sorted(blobs.items())
        },
        "title": descriptor.get("title", ""),
        "contributors": descriptor.get("contributors", []),
    }


def _digest(blobs: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(blobs):
        h.update(blobs[name])
    return h.hexdigest()


def _legacy(data_dir: Path, descriptor: dict, blobs: dict[str, bytes]) -> None:
    """A release without a record of each table: the folder must match its content digest."""
    recorded = str(descriptor.get("content_digest", "")).removeprefix(DIGEST_PREFIX)
    if not recorded or _digest(blobs) == recorded:
        return
    version = descriptor.get("version", "?")
    raise StoreError(
        f"{data_dir}: the tables differ from release {version} (content digest {DIGEST_PREFIX}{recorded[:12]}), and that "
        "release does not record each table, so an edit of the status ledger cannot be told from other edits; "
        f"expected the tables as released: `dialoguelib diff` between a copy of release {version} and this folder "
        "lists the edits; undo them, or release them by hand (a new version and content_digest in datapackage.json "
        "and a CHANGELOG.md entry) before recording or merging"
    )


def _appended_keys(descriptor: dict, name: str, blob: bytes, start: int) -> list[str]:
    """The keys of the rows after byte ``start`` of a table (its header read from the top)."""
    header = blob.split(b"\n", 1)[0] + b"\n"
    try:
        rows = pd.read_csv(io.BytesIO(header + blob[start:]), dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError):
        return []
    pk = table_schema(descriptor, name)["schema"].get("primaryKey", [])
    if not pk or any(k not in rows.columns for k in pk):
        return []
    return ["|".join(r) for r in rows[pk].itertuples(index=False)]


def _ledger(data_dir: Path, descriptor: dict, name: str, blob: bytes, was: dict) -> list[str]:
    """Refuse a ledger whose released rows changed; the changelog lines of rows appended by hand."""
    n, version = int(was.get("bytes", 0)), descriptor.get("version", "?")
    path = data_dir / table_schema(descriptor, name)["path"]
    if len(blob) < n or hashlib.sha256(blob[:n]).hexdigest() != was.get("sha256"):
        raise StoreError(
            f"{path}: rows released in {version} were edited or removed since (the file's first {n:,} bytes no longer "
            "match the release); expected the released rows unchanged: the ledger is append-only, a correction is a "
            f"new row (`dialoguelib record`); undo the edit (`dialoguelib diff` against release {version} shows it; a "
            "spreadsheet that saves the whole file may have changed line ends or quoting)"
        )
    if len(blob) == n:
        return []
    keys = _appended_keys(descriptor, name, blob, n)
    shown = ", ".join(f"`{k}`" for k in keys[:20]) + (f" and {len(keys) - 20} more" if len(keys) > 20 else "")
    return [f"Released with this change: {len(keys)} row(s) of `{path.name}` added by hand since {version}: {shown}"]


def check_history(data_dir: Path, descriptor: dict) -> list[str]:
    """Check the folder against its last release before a change; the changelog lines of what it releases besides.

    Parameters
    ----------
    data_dir : Path
        The data folder, held for a change.
    descriptor : dict
        Its current descriptor.

    Returns
    -------
    list of str
        Changelog lines for the edits made by hand since the release that the change will release
        (rows appended to the ledger, other tables edited, a new title or contributors).

    Raises
    ------
    StoreError
        A released row of the ledger was edited or removed, or (a release without a record of each
        table) the tables differ from the release's content digest.
    """
    blobs = table_bytes(data_dir, descriptor)
    rec = descriptor.get(RELEASED)
    if not isinstance(rec, dict):
        _legacy(data_dir, descriptor, blobs)
        return []
    version = descriptor.get("version", "?")
    tables = rec.get("tables", {})
    lines: list[str] = []
    for name in LEDGER:
        was = tables.get(name)
        if isinstance(was, dict):
            lines += _ledger(data_dir, descriptor, name, blobs[name], was)
    edited = [
        table_schema(descriptor, name)["path"]
        for name in TABLE_ORDER
        if name not in LEDGER and hashlib.sha256(blobs[name]).hexdigest() != (tables.get(name) or {}).get("sha256")
    ]
    if edited:
        lines.append(
            f"Released with this change: edits made by hand since {version} to {', '.join(f'`{e}`' for e in edited)} "
            f"(`dialoguelib diff` against release {version} lists them)"
        )
    for field in edited_fields(descriptor):
        lines.append(f"Released with this change: the descriptor's {field} as edited since {version}")
    return lines
