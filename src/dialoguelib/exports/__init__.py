"""Data out: the whole record or a selection as xlsx, csv (a zipped data package), parquet, sqlite or json.

:func:`export` checks the output, writes to a temporary path beside it and renames it into
place when complete, so an interrupted export leaves the old output (or none), never part of
one. ``ds.filter(...).export(...)`` is the same from a selection. Every format carries the
citation (see :mod:`dialoguelib.package.citation`); ``frames`` says what is in each.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputDirError, UnknownValueError
from . import frames
from .excel import write_xlsx
from .files import write_csv, write_json, write_parquet
from .sqlite import metadata, write_sqlite

__all__ = ["export", "ExportResult", "FORMATS", "frames", "metadata"]

# format -> (writer, what --out names, usual suffix)
FORMATS = {
    "xlsx": (write_xlsx, "an Excel workbook", ".xlsx"),
    "csv": (write_csv, "a zip of the CSV data package", ".zip"),
    "parquet": (write_parquet, "a folder of Parquet files", ""),
    "sqlite": (write_sqlite, "an SQLite database (and NAME.metadata.json for Datasette)", ".db"),
    "json": (write_json, "newline-delimited JSON, one commitment per line", ".ndjson"),
}


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export` wrote."""

    path: Path
    format: str
    commitments: int
    citation: str
    extra: tuple[Path, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the selection matched no commitment (the export has its headers and no rows)."""
        return self.commitments == 0


def _is_export_folder(path: Path) -> bool:
    """A folder that an earlier parquet export made (only ``*.parquet`` and ``datapackage.json`` in it)."""
    return all(p.is_file() and (p.suffix == ".parquet" or p.name == "datapackage.json") for p in path.iterdir())


def _check_out(out: Path, fmt: str, force: bool, data) -> None:
    if out.exists() or out.is_symlink():
        if not force:
            raise OutputDirError(f"{out} already exists; expected a new path for the {fmt} export, or --force to replace it")
        if out.is_dir() and not (fmt == "parquet" and _is_export_folder(out)):
            raise OutputDirError(
                f"{out} is a folder that is not an earlier parquet export; expected a file path"
                + (" (or an empty new folder name)" if fmt == "parquet" else "")
                + ": --force replaces only earlier exports"
            )
    if fmt == "sqlite":  # the database's Datasette metadata is written beside it: the same rule
        meta = _metadata_path(out)
        if (meta.exists() or meta.is_symlink()) and (not force or meta.is_dir()):
            raise OutputDirError(
                f"{meta} already exists; expected a new path for the sqlite export's metadata, or --force to replace it"
                + (" (it is a folder, which --force does not replace)" if meta.is_dir() else "")
            )
    where, folder = out.resolve(), Path(data.data_dir).resolve()
    if where == folder or folder in where.parents:
        raise OutputDirError(f"{out} is inside the data folder {data.data_dir}; expected a path outside it")
    parent = out.parent
    if not parent.is_dir():
        raise OutputDirError(f"{parent} does not exist; expected an existing folder for {out.name}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputDirError(f"{parent} is not writable; expected a folder you can write to")


def _metadata_path(out: Path) -> Path:
    """``NAME.metadata.json`` beside the database ``NAME.db``: what ``datasette -m`` is given."""
    return out.with_name(out.stem + ".metadata.json")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _replace(tmp: Path, out: Path) -> None:
    if tmp.is_dir():
        old = out.parent / f".{out.name}.dialoguelib-old"
        _remove(old)
        if out.exists():
            os.rename(out, old)
        os.rename(tmp, out)
        _remove(old)
    else:
        os.replace(tmp, out)


def export(data, fmt: str, out, force: bool = False) -> ExportResult:
    """Write ``data`` (a dataset or selection) in format ``fmt`` to ``out``.

    Parameters
    ----------
    data : Dataset or Selection
        The whole record or a selection (commitments and their links are the selection's;
        documents, goals, areas and actors stay whole).
    fmt : str
        ``xlsx``, ``csv``, ``parquet``, ``sqlite`` or ``json`` (see ``FORMATS``).
    out : path-like
        The file (a folder for parquet) to write; its folder must exist.
    force : bool
        Replace an existing output (a folder only if an earlier parquet export made it).

    Returns
    -------
    ExportResult

    Raises
    ------
    UnknownValueError
        An unknown format.
    OutputDirError
        The output exists (without ``force``), is inside the data folder, or cannot be written.

    Examples
    --------
    >>> import dialoguelib, tempfile, pathlib
    >>> ds = dialoguelib.load()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     r = ds.by_goal("pursue").export("json", pathlib.Path(d) / "pursue.ndjson")
    ...     lines = r.path.read_text(encoding="utf-8").splitlines()
    >>> len(lines) == len(ds.by_goal("pursue")), r.empty
    (True, False)
    """
    if fmt not in FORMATS:
        import difflib

        raise UnknownValueError("export format", fmt, list(FORMATS), difflib.get_close_matches(str(fmt), list(FORMATS), n=2))
    out = Path(out)
    _check_out(out, fmt, force, data)
    writer = FORMATS[fmt][0]
    tmp = out.parent / f".{out.name}.dialoguelib-tmp"
    meta_tmp = out.parent / f".{_metadata_path(out).name}.dialoguelib-tmp"
    _remove(tmp)
    extra: list[Path] = []
    try:
        writer(data, tmp)
        if fmt == "sqlite":
            import json

            meta = _metadata_path(out)
            meta_tmp.write_text(json.dumps(metadata(data, out.stem), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            os.replace(meta_tmp, meta)
            extra.append(meta)
        _replace(tmp, out)
    except OSError as exc:
        _remove(tmp)
        _remove(meta_tmp)
        raise OutputDirError(f"cannot write {out}: {exc.strerror or exc}; expected a writable path with free space") from None
    except BaseException:
        _remove(tmp)
        _remove(meta_tmp)
        raise
    return ExportResult(out, fmt, len(data), data.citation, tuple(extra))
