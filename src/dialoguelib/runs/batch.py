"""Run many jobs from one process with a pool of worker processes that stop when asked.

A job is any picklable object and a worker function any importable callable (the report
builder, or a notebook run). One failing job does not stop the others; a worker that dies
is reported as that job's failure. SIGINT or SIGTERM to the parent stops the workers (and
the kernels they started) within seconds, and :func:`run` raises :class:`BatchInterrupted`
with what finished; a worker whose parent is gone, even killed with SIGKILL, ends itself.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

__all__ = ["run", "with_retry", "BatchInterrupted", "temporary", "release"]

_KERNEL_START_ERRORS = ("Kernel didn't respond", "kernel died", "Address already in use", "Kernel died")


def _is_kernel_start_failure(exc: BaseException) -> bool:
    text = f"{type(exc).__name__}: {exc}"
    return isinstance(exc, TimeoutError) or any(s.lower() in text.lower() for s in _KERNEL_START_ERRORS)


def with_retry(run):
    """Call ``run()``; when the kernel fails to start (a known failure under load), call it once more.

    Returns ``(value, attempts)``; any other exception propagates at once.
    """
    try:
        return run(), 1
    except Exception as exc:
        if not _is_kernel_start_failure(exc):
            raise
    return run(), 2


class BatchInterrupted(Exception):
    """A batch stopped by SIGINT or SIGTERM; ``results`` holds what finished (``None`` for the rest)."""

    def __init__(self, signum: int, results: list):
        self.signum = signum
        self.results = results
        super().__init__(f"interrupted by {signal.Signals(signum).name}")

    @property
    def exit_status(self) -> int:
        """128 + the signal's number: 130 for SIGINT, 143 for SIGTERM."""
        return 128 + self.signum


class _Stop(BaseException):
    def __init__(self, signum):
        self.signum = signum


# Temporary files of the job a worker is running: removed if the worker has to stop mid-job.
_TEMPORARY: set = set()


def temporary(path) -> Path:
    """Register ``path`` as a temporary file of the running job (see :func:`release`)."""
    _TEMPORARY.add(str(path))
    return Path(path)


def release(path) -> None:
    """Forget a temporary file: it was renamed into place or removed."""
    _TEMPORARY.discard(str(path))


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux ``/proc``; elsewhere none are found)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.parent.name))
    return found


def _connection_file(pid: int) -> str | None:
    """The ``-f`` argument of a kernel's command line (its connection file), if any."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    for flag, value in zip(args, args[1:]):
        if flag == b"-f" and value.endswith(b".json"):
            return value.decode(errors="replace")
    return None


def _exit_now(status: int) -> None:
    """End a worker at once: kill its kernels (and remove their connection files), remove the
    running job's temporary files, exit."""
    for child in _children(os.getpid()):
        connection = _connection_file(child)
        try:
            os.kill(child, signal.SIGKILL)
        except OSError:
            pass
        if connection:
            _TEMPORARY.add(connection)
    for path in list(_TEMPORARY):
        try:
            os.unlink(path)
        except OSError:
            pass
    os._exit(status)


def _watch_parent(parent: int) -> None:
    """In a worker: when the parent process is gone (even killed with SIGKILL), end the worker."""
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    _exit_now(1)


def _terminate(signum, frame):
    _exit_now(128 + signum)


def _worker_init(parent: int) -> None:
    # The parent decides what an interrupt means; a terminal's Ctrl-C reaches the whole
    # process group, so workers ignore SIGINT and end on the parent's SIGTERM. (Kernels run
    # in sessions of their own, and ipykernel ends a kernel whose parent is gone.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminate)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="dialoguelib-parent-watch").start()


def _dict_crashed(job: dict, message: str) -> dict:
    return {**job, "error": message, "seconds": 0.0, "attempts": 1}


def run(jobs: list, fn, workers: int | None = None, progress=None, crashed=_dict_crashed, grace: float = 5.0) -> list:
    """Call ``fn(job)`` for every job in a pool of worker processes; results come back in job order.

    Parameters
    ----------
    jobs : list
        Picklable jobs.
    fn : callable
        An importable function (or a ``functools.partial`` of one) that turns a job into its
        result; it reports failures in the result rather than raising.
    workers : int, optional
        Worker processes (default: one per core, more does not help; never more than jobs).
    progress : callable, optional
        Called with each finished result (e.g. to advance a progress bar).
    crashed : callable
        ``crashed(job, message)`` makes the result of a job whose worker died (default: for a
        dict job, the job with ``error``, ``seconds`` and ``attempts``).
    grace : float
        Seconds the workers get to stop after an interrupt before they are killed.

    Returns
    -------
    list
        One result per job, in job order.

    Raises
    ------
    BatchInterrupted
        On SIGINT or SIGTERM: the workers (and their kernels) are stopped within ``grace``
        seconds and the exception carries the results that finished (``None`` for the rest).
    """
    import concurrent.futures as cf
    import multiprocessing as mp

    results: list = [None] * len(jobs)
    if not jobs:
        return results
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    stopped = []
    starting = [True]  # while the workers start, a signal waits: stopping one half-spawned leaves it printing a Traceback

    def on_signal(signum, frame):
        stopped.append(signum)
        if len(stopped) == 1 and not starting[0]:
            raise _Stop(signum)

    main = threading.current_thread() is threading.main_thread()
    old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)} if main else {}
    pool = cf.ProcessPoolExecutor(
        max_workers=workers, mp_context=mp.get_context("spawn"), initializer=_worker_init, initargs=(os.getpid(),)
    )
    try:
        futures = {pool.submit(fn, job): i for i, job in enumerate(jobs)}
        starting[0] = False
        if stopped:
            raise _Stop(stopped[0])
        _collect(futures, jobs, results, progress, crashed)
    except _Stop:
        pass
    finally:
        if stopped:
            _stop_pool(pool, grace)
        pool.shutdown(wait=True, cancel_futures=not stopped)
        for s, handler in old.items():
            signal.signal(s, handler)
    if stopped:
        raise BatchInterrupted(stopped[0], results)
    return results


def _collect(futures: dict, jobs: list, results: list, progress, crashed) -> None:
    """Fill ``results`` in job order as the submitted jobs finish."""
    import concurrent.futures as cf

    for fut in cf.as_completed(futures):
        i = futures[fut]
        try:
            results[i] = fut.result()
        except Exception as exc:  # a worker process died
            results[i] = crashed(jobs[i], f"{type(exc).__name__}: {exc}")
        if progress:
            progress(results[i])


def _stop_pool(pool, grace: float) -> None:
    """Ask every worker to stop (SIGTERM), wait up to ``grace`` seconds, then kill what is left."""
    import time

    # (Pending futures are not cancelled here: the executor fails them itself once its workers are
    # gone, and on Python 3.11 it would raise InvalidStateError on a future already cancelled.)
    processes = list(getattr(pool, "_processes", {}).values())  # the executor's own worker list
    for p in processes:
        if p.is_alive():
            p.terminate()
    deadline = time.monotonic() + grace
    for p in processes:
        p.join(max(0.0, deadline - time.monotonic()))
        if p.is_alive():
            p.kill()
            p.join(1.0)
