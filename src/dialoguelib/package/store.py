"""Change a data folder as one transaction: afterwards it holds the old data or the new, never a mix.

A change goes through three steps (:class:`Transaction`):

1. **stage**: every new file is written in full under ``.dialoguelib-staging/`` inside the
   data folder and flushed to disk; nothing the library reads has changed yet;
2. **validate**: the package as it would be (staged files over the current ones) is read
   and checked like any load;
3. **commit**: a journal listing the staged files and their sha256 is written and renamed
   into place (the commit point), the staged files are renamed over the old ones, then the
   journal and the staging folder are removed.

If the process dies before the journal exists, the staging folder is thrown away and the
old data stands; once it exists, the change is finished from the journal. Either happens
on the next load or change of the folder (:func:`recover`). Writers hold an exclusive lock
on the folder (``flock`` on the directory itself, so no lock file is left behind).

The fault-injection tests replace :func:`_step`, which is called between any two file
operations, with a function that ends the process on the n-th call.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
from pathlib import Path, PurePosixPath

from ..errors import StoreError

__all__ = ["Transaction", "locked", "recover", "needs_recovery", "atomic_write", "csv_bytes", "step", "STAGING", "JOURNAL"]

STAGING = ".dialoguelib-staging"
JOURNAL = ".dialoguelib-journal.json"
_TMP_SUFFIX = ".dialoguelib-tmp"


def _step(label: str) -> None:
    """A point between two file operations (a no-op; the crash tests replace it)."""


def step(label: str) -> None:
    """Mark a point between two file operations made outside this module (the review set's files), so that
    the fault-injection tests reach them too."""
    _step(label)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _tmp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}{_TMP_SUFFIX}")


def atomic_write(path, data: bytes | str, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, flushed, then renamed.

    A reader sees the old file or the new one, never part of one. The temporary name is
    fixed (``.NAME.dialoguelib-tmp``), so a write killed half-way leaves at most that file,
    which the next write of the same path replaces.

    Parameters
    ----------
    path : path-like
        The file to write.
    data : bytes or str
        Its new content (str is written as UTF-8).
    mode : int, optional
        Permission bits of the new file.
    """
    path = Path(path)
    tmp = _tmp_name(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _step(f"write {tmp.name}")
    try:
        with open(tmp, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        _step(f"rename {tmp.name}")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def csv_bytes(df, header: bool = True) -> bytes:
    """A table as the data folder's CSV files are written: UTF-8, ``\\n`` line ends, minimal quoting.

    Parameters
    ----------
    df : DataFrame
        Text cells.
    header : bool
        Write the header row.

    Returns
    -------
    bytes
    """
    import csv
    import io

    buf = io.StringIO()
    df.to_csv(buf, index=False, header=header, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue().encode("utf-8")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _check_relative(rel: str) -> PurePosixPath:
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or not p.parts or p.parts[0].startswith("."):
        raise StoreError(f"refusing to write {rel!r}: expected a path inside the data folder")
    return p


class _Held:
    """A folder this process holds: the descriptor locked, exclusive or shared, and how many holders nest."""

    def __init__(self, fd: int, exclusive: bool):
        self.fd, self.exclusive, self.depth = fd, exclusive, 1


# the folders this process holds, by real path: a second request from the same process (a load
# inside a change, a change inside a report batch) must not wait for the lock it already has
_HELD: dict[str, _Held] = {}


def _flock(fd: int, data_dir: Path, exclusive: bool, blocking: bool, on_wait) -> None:
    import fcntl

    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        if not blocking:
            raise StoreError(
                f"{data_dir} is being changed (or read by a report batch) by another process; try again when it has finished"
            ) from None
    if on_wait is not None:
        on_wait()
    fcntl.flock(fd, mode)


@contextlib.contextmanager
def locked(data_dir, *, blocking: bool = True, shared: bool = False, on_wait=None):
    """Hold a lock on the data folder (a context manager): exclusive for a change, shared for readers
    that need one version throughout (a report batch).

    A process that already holds the folder gets it again at once (an exclusive hold covers a
    shared request; a shared hold is raised to exclusive for the inner block and lowered after),
    so a load inside a change never waits for itself.

    Parameters
    ----------
    data_dir : path-like
        The folder; the lock is ``flock`` on the directory itself, so no lock file is left.
    blocking : bool
        Wait for another process (default), or raise StoreError at once.
    shared : bool
        A shared (reader's) lock: writers wait until it is released.
    on_wait : callable, optional
        Called once, before waiting, when another process holds the folder.
    """
    import fcntl

    data_dir = Path(data_dir)
    key = os.path.realpath(data_dir)
    held = _HELD.get(key)
    if held is not None:
        raise_it = not shared and not held.exclusive
        if raise_it:
            _flock(held.fd, data_dir, True, blocking, on_wait)
            held.exclusive = True
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
            if raise_it:
                fcntl.flock(held.fd, fcntl.LOCK_SH)
                held.exclusive = False
        return
    try:
        fd = os.open(data_dir, os.O_RDONLY)
    except OSError as exc:
        raise StoreError(f"cannot open the data folder {str(data_dir)!r}: {exc.strerror}") from None
    try:
        _flock(fd, data_dir, not shared, blocking, on_wait)
        _HELD[key] = _Held(fd, not shared)
        try:
            yield
        finally:
            del _HELD[key]
    finally:
        os.close(fd)  # closing releases the lock


def needs_recovery(data_dir) -> bool:
    """Whether an interrupted change left its journal or staging folder in ``data_dir``."""
    data_dir = Path(data_dir)
    return (data_dir / JOURNAL).exists() or (data_dir / STAGING).exists() or _tmp_name(data_dir / JOURNAL).exists()


def _move(src: Path, dst: Path) -> None:
    """Rename ``src`` over ``dst``; across file systems (a ``raw/`` linked elsewhere), copy beside ``dst`` then rename."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(src, dst)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        tmp = _tmp_name(dst)
        shutil.copyfile(src, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dst)
        src.unlink()
    _fsync_dir(dst.parent)


def _finish(data_dir: Path, journal: dict) -> None:
    """Apply a committed journal: move every staged file still in staging over its target, then clean up."""
    staging = data_dir / STAGING
    for entry in journal["files"]:
        rel = _check_relative(entry["path"])
        src, dst = staging / rel, data_dir / rel
        if src.exists():
            _step(f"move {rel}")
            _move(src, dst)
        elif not dst.is_file() or _sha256(dst) != entry["sha256"]:
            raise StoreError(
                f"{data_dir}: an interrupted change cannot be finished: {rel} is neither staged nor "
                f"updated; restore the data folder from a copy"
            )
        with contextlib.suppress(OSError):
            _tmp_name(dst).unlink()
    _step("remove journal")
    (data_dir / JOURNAL).unlink()
    _fsync_dir(data_dir)
    _step("remove staging")
    shutil.rmtree(staging, ignore_errors=True)


def _read_journal(data_dir: Path) -> dict:
    path = data_dir / JOURNAL
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(journal, dict) or not isinstance(journal.get("files"), list):
            raise ValueError("no list of files")
        for entry in journal["files"]:
            if not (isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("sha256"), str)):
                raise ValueError("an entry without path and sha256")
    except (OSError, ValueError) as exc:
        raise StoreError(
            f"{path}: the journal of an interrupted change cannot be read ({exc}); restore the data folder from a copy"
        ) from None
    return journal


def recover(data_dir, *, lock: bool = True) -> str | None:
    """Finish or undo a change that was interrupted in ``data_dir``.

    Returns ``"finished"`` (the journal existed: the new data now stands), ``"undone"``
    (only staged files: the old data stands and they are removed) or ``None`` (nothing to do).
    A folder that cannot be written, with a journal in it, raises :class:`StoreError`;
    with only staged files it is left as it is (the old data is whole).

    Parameters
    ----------
    data_dir : path-like
    lock : bool
        Take the folder's lock (``False`` when the caller holds it).

    Returns
    -------
    str or None
    """
    data_dir = Path(data_dir)
    if not needs_recovery(data_dir):
        return None
    writable = os.access(data_dir, os.W_OK)
    if not writable:
        if (data_dir / JOURNAL).exists():
            raise StoreError(
                f"{data_dir}: a change was interrupted after its commit point and the folder is read-only; "
                "run any dialoguelib command on it with write access to finish the change"
            )
        return None
    with locked(data_dir) if lock else contextlib.nullcontext():
        if (data_dir / JOURNAL).exists():
            _finish(data_dir, _read_journal(data_dir))
            outcome = "finished"
        else:
            outcome = "undone" if (data_dir / STAGING).exists() else None
            shutil.rmtree(data_dir / STAGING, ignore_errors=True)
        with contextlib.suppress(OSError):
            _tmp_name(data_dir / JOURNAL).unlink()
        return outcome


class Transaction:
    """Stage new versions of files of a data folder, validate them together, commit them together.

    Use it under :func:`locked`::

        with locked(folder):
            txn = Transaction(folder)
            txn.write("commitments.csv", new_bytes)
            txn.validate(check)   # check(overlay) raises on an invalid package
            txn.commit()

    ``overlay`` maps each staged file's path relative to the folder to its staged copy.
    An exception before :meth:`commit` writes the journal discards what was staged (the caller
    calls :meth:`abort`; :meth:`validate` and :meth:`commit` do it themselves); after, the change
    stands and :func:`recover` finishes it.
    """

    def __init__(self, data_dir):
        self.data_dir = Path(data_dir)
        self.staging = self.data_dir / STAGING
        self.files: dict[str, str] = {}  # relative path -> sha256 of the staged bytes
        self.committed = False  # True once the journal is written: the change then stands
        if needs_recovery(self.data_dir):
            recover(self.data_dir, lock=False)
        try:
            _step("create staging")
            self.staging.mkdir()
        except OSError as exc:
            raise StoreError(f"cannot change {self.data_dir}: {exc.strerror}; expected a writable data folder") from None

    @property
    def overlay(self) -> dict[str, Path]:
        """``{path relative to the folder: its staged copy}``, for :func:`dialoguelib.package.validation.read_package`."""
        return {rel: self.staging / rel for rel in self.files}

    def write(self, rel: str, data: bytes) -> None:
        """Stage ``data`` as the new content of a file.

        Parameters
        ----------
        rel : str
            A path relative to the data folder (``commitments.csv``, ``raw/x.txt``); refused if it leaves the folder.
        data : bytes
            The file's new content.
        """
        p = _check_relative(rel)
        target = self.staging / p
        target.parent.mkdir(parents=True, exist_ok=True)
        _step(f"stage {rel}")
        with open(target, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        self.files[str(p)] = hashlib.sha256(data).hexdigest()

    def validate(self, check) -> None:
        """Call ``check(overlay)``; on any exception the staged files are discarded and it propagates."""
        try:
            check(self.overlay)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Throw away what was staged; the folder is as it was (a no-op once committed)."""
        if not self.committed:
            shutil.rmtree(self.staging, ignore_errors=True)

    def commit(self) -> None:
        """Write the journal (the commit point), move the staged files into place, clean up."""
        journal = {"format": 1, "files": [{"path": rel, "sha256": digest} for rel, digest in self.files.items()]}
        try:
            for d in {(self.staging / rel).parent for rel in self.files}:
                _fsync_dir(d)
            atomic_write(self.data_dir / JOURNAL, json.dumps(journal, indent=1))
        except BaseException:
            if (self.data_dir / JOURNAL).exists():  # interrupted just after the commit point: the change stands
                self.committed = True
            self.abort()
            raise
        self.committed = True
        _finish(self.data_dir, journal)
