"""Parameters of the notebooks: checking them inside a notebook and before papermill runs one;
running many from one process with a pool of workers that stop when asked."""

from __future__ import annotations

import difflib
import os
import signal
import threading
import types
from pathlib import Path

from .config import notebook_dir, resolve_data_dir
from .errors import UnknownParameterError, UnknownValueError

__all__ = [
    "check_parameters",
    "notebook_dir",
    "notebook_parameters",
    "execute",
    "run_batch",
    "UnknownParameterError",
    "BatchInterrupted",
    "DATA_DIR_PARAMETER",
]

# Every notebook takes the data folder as a parameter, so that the folder a caller loaded
# (load(data_dir), --data-dir, $DIALOGUELIB_DATA) is the one its kernel loads.
DATA_DIR_PARAMETER = "data_dir"

_RESOLVED = {
    "goal": "goal",
    "area": "area",
    "actor": "actor",
    "document": "document",
    "documents": "document",
    "modality": "modality",
    "modalities": "modality",
    "goals": "goal",
}
_LITERALS = (str, int, float, bool, list, tuple, dict, type(None))
_SHELL_NAMES = {"In", "Out", "get_ipython", "exit", "quit", "open"}


def _resolve_value(ds, name: str, value):
    kind = _RESOLVED.get(name)
    if kind is None or value is None or value == "":
        return value
    if isinstance(value, (list, tuple)):
        return [ds.resolve(kind, v) for v in value]
    try:
        return ds.resolve(kind, value)
    except UnknownValueError as exc:
        exc.args = (f"parameter {name}: {exc}",)
        raise


def check_parameters(ds, namespace: dict | None = None, **params) -> types.SimpleNamespace:
    """Validate a notebook's parameters; return them resolved to ids.

    Call it in the cell right after the ``parameters`` cell, passing ``globals()``.
    On its first call in a namespace it also refuses names that papermill injected but
    the notebook does not declare (papermill only warns about those).

    Parameters
    ----------
    ds : Dataset
    namespace : dict, optional
        The notebook's ``globals()``.
    **params
        The declared parameters and their values.

    Raises
    ------
    UnknownParameterError
        A parameter name the notebook does not take, with close matches.
    UnknownValueError
        A goal, area, actor, document or modality the data does not know, with close matches.

    Examples
    --------
    >>> import dialoguelib
    >>> ds = dialoguelib.load()
    >>> check_parameters(ds, goal="Pursue criminal networks", document=["JS"]).goal
    'pursue'
    """
    if namespace is not None and not namespace.get("__dialoguelib_checked__"):
        namespace["__dialoguelib_checked__"] = True
        declared = set(params)
        for name, value in namespace.items():
            if name.startswith("_") or name in _SHELL_NAMES or name in declared:
                continue
            if isinstance(value, _LITERALS) and not isinstance(value, types.ModuleType):
                close = difflib.get_close_matches(name, sorted(declared), n=3)
                raise UnknownParameterError("parameter", name, sorted(declared), close)
    return types.SimpleNamespace(**{k: _resolve_value(ds, k, v) for k, v in params.items()})


def notebook_parameters(path) -> dict:
    """The parameters a notebook declares (name -> default as written), from its ``parameters`` cell."""
    import papermill

    return {name: info["default"] for name, info in papermill.inspect_notebook(str(path)).items()}


def execute(
    path,
    output,
    parameters: dict | None = None,
    *,
    data_dir=None,
    cwd=None,
    kernel_name: str = "python3",
    timeout: int = 300,
    progress: bool = False,
    check: bool = True,
):
    """Run a notebook with papermill after checking parameter names and values.

    Parameters
    ----------
    path, output : path-like
        The notebook and where to write the executed copy.
    parameters : dict, optional
        Parameter values; unknown names and values are refused before any kernel starts.
    data_dir : path-like, optional
        The data folder the kernel loads (default: ``$DIALOGUELIB_DATA`` or the shipped
        data), passed as the notebook's ``data_dir`` parameter, absolute, unless
        ``parameters`` sets it.
    cwd : path-like, optional
        The kernel's working directory (default: the notebook's folder).
    check : bool
        ``False`` skips the checks here and leaves them to the notebook's own validation cell.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook. Widget state is not stored (megabytes, useless without a kernel).
    """
    import papermill

    path = Path(path)
    parameters = dict(parameters or {})
    declared = notebook_parameters(path)
    if DATA_DIR_PARAMETER in declared:
        parameters[DATA_DIR_PARAMETER] = str(resolve_data_dir(parameters.get(DATA_DIR_PARAMETER) or data_dir))
    if check:
        unknown = [k for k in parameters if k not in declared]
        if unknown:
            raise UnknownParameterError(
                "parameter", unknown[0], sorted(declared), difflib.get_close_matches(unknown[0], sorted(declared), n=3)
            )
        from .dataset import load

        ds = load(parameters.get(DATA_DIR_PARAMETER) or data_dir)
        for k, v in parameters.items():
            _resolve_value(ds, k, v)
    return papermill.execute_notebook(
        str(path),
        str(output),
        parameters=parameters,
        cwd=str(cwd or path.parent),
        kernel_name=kernel_name,
        progress_bar=progress,
        store_widget_state=False,
        execution_timeout=timeout,
        start_timeout=120,
        # The kernel's start-up warnings (e.g. "running over TCP without encryption" on loopback)
        # would interleave with progress bars; errors still show.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )


# --------------------------------------------------------------------------- batches
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


def _run_job(job: dict) -> dict:
    """Run one notebook job in a worker; retry once when the kernel fails to start."""
    import time

    t0 = time.perf_counter()
    attempts = 1
    try:
        _, attempts = with_retry(
            lambda: execute(
                job["notebook"],
                job["output"],
                job.get("parameters"),
                data_dir=job.get("data_dir"),
                cwd=job.get("cwd"),
                timeout=job.get("timeout", 300),
                check=job.get("check", True),
            )
        )
        return {**job, "error": None, "seconds": time.perf_counter() - t0, "attempts": attempts}
    except Exception as exc:  # reported to the caller, never raised across the pool
        return {**job, "error": f"{type(exc).__name__}: {exc}", "seconds": time.perf_counter() - t0, "attempts": attempts}


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


def run_batch(jobs: list[dict], workers: int | None = None, progress=None, fn=None, grace: float = 5.0):
    """Execute many notebook jobs from one process with a pool of worker processes.

    Parameters
    ----------
    jobs : list of dict
        Each with ``notebook``, ``output`` and optional ``parameters``, ``data_dir``, ``cwd``,
        ``timeout`` and ``check``.
    workers : int, optional
        Worker processes (default: one per core, more does not help; never more than jobs).
    progress : callable, optional
        Called with each finished result (e.g. to advance a progress bar).
    fn : callable, optional
        Replaces the per-job worker function (it must be importable, for the pool).
    grace : float
        Seconds the workers get to stop after an interrupt before they are killed.

    Returns
    -------
    list of dict
        One result per job, in job order: the job with ``error`` (``None`` on success),
        ``seconds`` and ``attempts``. One failing job does not stop the others.

    Raises
    ------
    BatchInterrupted
        On SIGINT or SIGTERM: the workers (and their kernels) are stopped within ``grace``
        seconds and the exception carries the results that finished.
    """
    import concurrent.futures as cf
    import multiprocessing as mp

    fn = fn or _run_job
    results: list = [None] * len(jobs)
    if not jobs:
        return results
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    stopped = []

    def on_signal(signum, frame):
        stopped.append(signum)
        if len(stopped) == 1:
            raise _Stop(signum)

    main = threading.current_thread() is threading.main_thread()
    old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)} if main else {}
    pool = cf.ProcessPoolExecutor(
        max_workers=workers, mp_context=mp.get_context("spawn"), initializer=_worker_init, initargs=(os.getpid(),)
    )
    try:
        futures = {pool.submit(fn, job): i for i, job in enumerate(jobs)}
        for fut in cf.as_completed(futures):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as exc:  # a worker process died
                results[i] = {**jobs[i], "error": f"{type(exc).__name__}: {exc}", "seconds": 0.0, "attempts": 1}
            if progress:
                progress(results[i])
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
