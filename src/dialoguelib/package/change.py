"""The one way the data folder changes: ``merge`` and ``record`` both go through here.

A change is made to a folder named by the caller (:func:`target`: never the data shipped inside
the package by default), under the folder's lock (:func:`changing`: one writer at a time, and
an interrupted change finished or undone first). :func:`commit_change` then checks the folder
against its last release (:func:`~dialoguelib.package.history.check_history`: the ledger's
released rows unchanged), stages the changed files in one
:class:`~dialoguelib.package.store.Transaction`, validates the package as it would be, stages the
next release (minor version up, the new content digest, the record of each table, a
``CHANGELOG.md`` entry listing every row; :mod:`dialoguelib.package.changelog`), validates again
and commits it all with one journal. Nothing is written until everything checks; a write that
fails (a full disk) leaves the folder as it was, and says so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..config import DATA_ENV_VAR, PACKAGE_DATA, resolve_data_dir
from ..errors import StoreError
from . import changelog, history, store
from .validation import Package

__all__ = ["target", "changing", "commit_change"]


def target(data_dir, command: str) -> Path:
    """The folder a change is made to: ``data_dir``, or ``$DIALOGUELIB_DATA``; never the shipped data by default.

    Parameters
    ----------
    data_dir : path-like or None
        The folder the caller named.
    command : str
        What changes it (``merge``, ``record``), named in the error.

    Returns
    -------
    Path
        The folder, absolute.

    Raises
    ------
    StoreError
        Neither was given: the data inside the installed package would change, and with it the
        release every notebook and report of this installation cites.
    """
    if (data_dir is None or str(data_dir) == "") and not os.environ.get(DATA_ENV_VAR):
        raise StoreError(
            f"{command} changes a data folder, and none was named; expected --data-dir FOLDER (or {DATA_ENV_VAR}): "
            f"the data shipped with the package ({PACKAGE_DATA}) is changed only when named"
        )
    return resolve_data_dir(data_dir)


def _waiting(data_dir: Path) -> Callable[[], None]:
    def say() -> None:
        print(
            f"waiting for {data_dir}: another process is changing it or building reports from it...",
            file=sys.stderr,
            flush=True,
        )

    return say


@contextmanager
def changing(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's lock for a change; an interrupted change is finished or undone first.

    Parameters
    ----------
    data_dir : Path
        The data folder (it exists).

    Yields
    ------
    None
        Inside, the folder is the caller's alone: load it, check the rows, then :func:`commit_change`.
    """
    with store.locked(data_dir, on_wait=_waiting(data_dir)):
        if store.needs_recovery(data_dir):
            store.recover(data_dir, lock=False)
        yield


def commit_change(
    data_dir: Path, staged: dict[str, bytes], descriptor: dict, changes: list[str], check: Callable[[dict], Package]
) -> str:
    """Write the staged files and the next release together, or nothing.

    Parameters
    ----------
    data_dir : Path
        The data folder, held with :func:`changing`.
    staged : dict of str to bytes
        The files' new bytes by path relative to the folder (tables, raw texts).
    descriptor : dict
        The folder's current ``datapackage.json``.
    changes : list of str
        The changelog lines, one per row added.
    check : callable
        ``check(overlay)`` validates the package with the staged files over it (``overlay`` maps
        relative paths to staged copies) and returns the :class:`~dialoguelib.package.validation.Package`;
        it raises the error the user should see (naming their file) when the change does not fit.

    Returns
    -------
    str
        The new version.
    """
    checked: list[Package] = []

    def validate(overlay: dict) -> None:
        checked.append(check(overlay))

    changes = changes + history.check_history(data_dir, descriptor)
    txn = store.Transaction(data_dir)
    try:
        for rel, data in staged.items():
            txn.write(rel, data)
        txn.validate(validate)
        version = changelog.stage_release(txn, data_dir, descriptor, checked[-1].digest, changes, validate)
        txn.commit()
    except OSError as exc:
        _after_failed_write(data_dir, txn, exc)
    except BaseException:
        txn.abort()
        raise
    return version


def _after_failed_write(data_dir: Path, txn: store.Transaction, exc: OSError) -> None:
    """A write failed (a full disk, a file size limit): before the commit point the change is undone; after
    it, finished now if the folder lets us, else by the next command. Either way the caller sees one StoreError,
    unless the change could be finished (then it returns and the change stands)."""
    reason = exc.strerror or str(exc)
    if not txn.committed:
        txn.abort()
        raise StoreError(
            f"cannot change {data_dir}: {reason}; nothing was changed (expected a folder with free space that can "
            "be written; free some space and run the command again)"
        ) from None
    try:
        store.recover(data_dir, lock=False)
    except (OSError, StoreError):
        raise StoreError(
            f"{data_dir}: the change was committed but not finished ({reason}); the next dialoguelib command on "
            "this folder finishes it (free some space first)"
        ) from None
