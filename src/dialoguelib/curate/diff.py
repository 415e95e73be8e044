"""What changed between two versions of the data: rows added, removed and changed, field by field.

Either side is a data folder or a zipped data package made by ``dialoguelib export --format csv``.
Rows are matched by their table's primary key; values are compared as the CSV files hold them.
A changed commitment carries its ``notes`` as the reason, where the curator gave one.
"""

from __future__ import annotations

import tempfile
import zipfile
import zlib
from pathlib import Path

import pandas as pd

from ..errors import DialogueError
from ..exports.frames import flat
from ..package.schema import TABLE_ORDER, table_fields, table_schema
from ..query.dataset import load

__all__ = ["diff", "diff_text", "load_version", "COLUMNS"]

COLUMNS = ["table", "key", "change", "field", "old", "new", "reason"]
MAX_UNZIPPED = 512 * 2**20  # a csv export of the data is a few MB; a zip that unpacks past this is refused


def load_version(path):
    """Load a data folder, or the data package inside a zip made by the csv export.

    Parameters
    ----------
    path : path-like
        A folder with ``datapackage.json`` or a ``.zip`` holding one such folder.

    Returns
    -------
    Dataset
    """
    path = Path(path)
    if path.is_file() and zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory(prefix="dialoguelib-diff-") as tmp:
            with zipfile.ZipFile(path) as z:
                names = [n for n in z.namelist() if n.endswith("datapackage.json")]
                if len(names) != 1 or any(n.startswith("/") or ".." in Path(n).parts for n in z.namelist()):
                    raise DialogueError(f"{path}: expected a zip with one data package (one datapackage.json), as export makes")
                try:
                    _extract(path, z, Path(tmp))
                except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                    raise DialogueError(f"{path}: the zip is damaged ({exc}); expected a zip made by the csv export") from None
            ds = load(Path(tmp) / Path(names[0]).parent)
            ds._data_dir = path.resolve()  # where it came from: the zip (its files are read into memory)
            return ds
    if path.is_file():
        raise DialogueError(f"{path}: expected a data folder or a zip made by `dialoguelib export --format csv`")
    return load(path)


def _too_big(path: Path) -> DialogueError:
    return DialogueError(
        f"{path}: the zip unpacks to more than {MAX_UNZIPPED // 2**20:,} MB; expected a csv export of the data "
        "(a few MB unpacked)"
    )


def _extract(path: Path, z: zipfile.ZipFile, dest: Path) -> None:
    """Unpack ``z`` into ``dest``, refusing more than :data:`MAX_UNZIPPED` bytes in all (counted as written,
    whatever the zip's directory claims)."""
    if sum(i.file_size for i in z.infolist()) > MAX_UNZIPPED:
        raise _too_big(path)
    written = 0
    for info in z.infolist():
        target = dest / info.filename
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with z.open(info) as src, open(target, "wb") as out:
            while block := src.read(1 << 20):
                written += len(block)
                if written > MAX_UNZIPPED:
                    raise _too_big(path)
                out.write(block)


def _check_same_schema(old, new) -> None:
    problems = []
    for name in TABLE_ORDER:
        a = [f["name"] for f in table_fields(old.descriptor, name)]
        b = [f["name"] for f in table_fields(new.descriptor, name)]
        if a != b:
            only_old, only_new = [f for f in a if f not in b], [f for f in b if f not in a]
            what = "; ".join(
                x
                for x in (
                    f"only in OLD: {', '.join(only_old)}" if only_old else "",
                    f"only in NEW: {', '.join(only_new)}" if only_new else "",
                )
                if x
            )
            problems.append(f"{name} ({what or 'fields in another order'})")
    if problems:
        raise DialogueError(
            f"{old.data_dir} and {new.data_dir} have different schemas: {'; '.join(problems)}; expected two versions "
            "with the same tables and fields (compare each with the data package of its own library version)"
        )


def _strings(df: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    out = flat(df).astype(object)
    out = out.map(lambda v: "" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else _text(v))
    out.index = out[key].astype(str).agg("|".join, axis=1) if len(out) else pd.Index([], dtype=object)
    return out


def _text(v) -> str:
    if isinstance(v, pd.Timestamp):
        return f"{v:%Y-%m-%d}"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def diff(old, new) -> pd.DataFrame:
    """The changes from ``old`` to ``new``, one row per added or removed row and per changed field.

    Parameters
    ----------
    old, new : Dataset or path-like
        Two versions of the data (datasets, folders or zips of the csv export).

    Returns
    -------
    DataFrame
        Columns ``table``, ``key`` (the primary key, ``|``-joined), ``change`` (``added``,
        ``removed``, ``changed``), ``field`` (for changes), ``old``, ``new`` and ``reason``
        (the commitment's notes, for commitments).

    Examples
    --------
    >>> import dialoguelib
    >>> ds = dialoguelib.load()
    >>> len(diff(ds, ds))
    0
    """
    old = old if hasattr(old, "tables") else load_version(old)
    new = new if hasattr(new, "tables") else load_version(new)
    _check_same_schema(old, new)
    rows = []
    for name in TABLE_ORDER:
        key = table_schema(old.descriptor, name)["schema"]["primaryKey"]
        a, b = _strings(getattr(old, name), key), _strings(getattr(new, name), key)
        fields = [c for c in a.columns if c not in key]
        reason_of = (lambda k, df: df.at[k, "notes"]) if name == "commitments" else (lambda k, df: "")
        for k in b.index.difference(a.index, sort=False):
            rows.append((name, k, "added", "", "", "", reason_of(k, b)))
        for k in a.index.difference(b.index, sort=False):
            rows.append((name, k, "removed", "", "", "", reason_of(k, a)))
        common = a.index.intersection(b.index, sort=False)
        if len(common):
            left, right = a.loc[common, fields], b.loc[common, fields]
            changed = left.ne(right)
            for k in common[changed.any(axis=1).to_numpy()]:
                for f in [f for f in fields if changed.at[k, f]]:
                    rows.append((name, k, "changed", f, left.at[k, f], right.at[k, f], reason_of(k, b)))
    return pd.DataFrame(rows, columns=COLUMNS)


def diff_text(changes: pd.DataFrame, old, new) -> str:
    """A readable summary of :func:`diff`: per table, counts, then one line per change.

    Parameters
    ----------
    changes : DataFrame
        What :func:`diff` returned.
    old, new : Dataset
        The two versions (named with their version and digest).

    Returns
    -------
    str
    """
    lines = [f"OLD {old.data_dir} (data {old.release.label})", f"NEW {new.data_dir} (data {new.release.label})"]
    if changes.empty:
        return "\n".join(lines + ["No differences: the tables hold the same rows."])
    for name in TABLE_ORDER:
        t = changes[changes["table"] == name]
        if t.empty:
            continue
        n = {c: t.loc[t["change"] == c, "key"].nunique() for c in ("added", "removed", "changed")}
        lines.append(f"\n{name}: {n['added']} added, {n['removed']} removed, {n['changed']} changed")
        for r in t.itertuples(index=False):
            mark = {"added": "+", "removed": "-", "changed": "~"}[r.change]
            detail = f" {r.field}: {_short(r.old)!r} -> {_short(r.new)!r}" if r.change == "changed" else ""
            why = f"  (notes: {_short(r.reason)})" if r.reason else ""
            lines.append(f"  {mark} {r.key}{detail}{why}")
    return "\n".join(lines)


def _short(text: str, n: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"
