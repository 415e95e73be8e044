"""The one way the data folder changes: ``merge`` and ``record`` both go through here.

A change is made under the folder's lock (:func:`changing`: one writer at a time, and an
interrupted change finished or undone first), then :func:`commit_change` stages the changed
files in one :class:`~dialoguelib.package.store.Transaction`, validates the package as it would
be, stages the next release (minor version up, the new content digest, a ``CHANGELOG.md`` entry
listing every row; :mod:`dialoguelib.package.changelog`), validates again and commits it all
with one journal. Nothing is written until everything checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import changelog, store
from .validation import Package

__all__ = ["changing", "commit_change"]


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
    with store.locked(data_dir):
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

    txn = store.Transaction(data_dir)
    for rel, data in staged.items():
        txn.write(rel, data)
    txn.validate(validate)
    version = changelog.stage_release(txn, data_dir, descriptor, checked[-1].digest, changes, validate)
    txn.commit()
    return version
