"""Parameters of the notebooks: checking them inside a notebook and before papermill runs one."""

from __future__ import annotations

import difflib
import os
import types
from pathlib import Path

from .dataset import UnknownValueError

__all__ = ["check_parameters", "notebook_dir", "notebook_parameters", "execute", "run_batch", "UnknownParameterError"]

_RESOLVED = {"goal": "goal", "area": "area", "actor": "actor", "document": "document", "documents": "document",
             "modality": "modality", "modalities": "modality", "goals": "goal"}
_LITERALS = (str, int, float, bool, list, tuple, dict, type(None))
_SHELL_NAMES = {"In", "Out", "get_ipython", "exit", "quit", "open"}


class UnknownParameterError(UnknownValueError):
    """A parameter name the notebook does not take (papermill itself only warns)."""


def notebook_dir() -> Path:
    """The folder holding the notebooks (``notebooks/`` beside ``src/``)."""
    env = os.environ.get("DIALOGUELIB_NOTEBOOKS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "notebooks"


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


def execute(path, output, parameters: dict | None = None, *, ds=None, cwd=None, kernel_name: str = "python3",
            timeout: int = 300, progress: bool = False, renderer: str | None = None, check: bool = True):
    """Run a notebook with papermill after checking parameter names and values.

    Unknown names and values are refused before any kernel starts. ``renderer`` sets
    ``PLOTLY_RENDERER`` for the kernel (e.g. ``"plotly_mimetype+notebook"`` for HTML export).
    Widget state is not stored (it would add megabytes and is useless without a kernel).
    ``check=False`` skips the checks here and leaves them to the notebook's own validation cell.
    """
    import papermill

    path = Path(path)
    parameters = dict(parameters or {})
    if check:
        declared = notebook_parameters(path)
        unknown = [k for k in parameters if k not in declared]
        if unknown:
            raise UnknownParameterError("parameter", unknown[0], sorted(declared),
                                        difflib.get_close_matches(unknown[0], sorted(declared), n=3))
        if ds is None:
            from .dataset import load

            ds = load()
        for k, v in parameters.items():
            _resolve_value(ds, k, v)
    old = os.environ.get("PLOTLY_RENDERER")
    if renderer is not None:
        os.environ["PLOTLY_RENDERER"] = renderer
    try:
        return papermill.execute_notebook(
            str(path), str(output), parameters=parameters, cwd=str(cwd or path.parent), kernel_name=kernel_name,
            progress_bar=progress, store_widget_state=False, execution_timeout=timeout, start_timeout=120,
            # The kernel's start-up warnings (e.g. "running over TCP without encryption" on loopback)
            # would interleave with progress bars; errors still show.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    finally:
        if renderer is not None:
            if old is None:
                os.environ.pop("PLOTLY_RENDERER", None)
            else:
                os.environ["PLOTLY_RENDERER"] = old


# --------------------------------------------------------------------------- batches
_KERNEL_START_ERRORS = ("Kernel didn't respond", "kernel died", "Address already in use", "Kernel died")


def _is_kernel_start_failure(exc: BaseException) -> bool:
    text = f"{type(exc).__name__}: {exc}"
    return isinstance(exc, TimeoutError) or any(s.lower() in text.lower() for s in _KERNEL_START_ERRORS)


def _run_job(job: dict) -> dict:
    """Run one notebook job in a worker; retry once when the kernel fails to start."""
    import time

    t0 = time.perf_counter()
    attempts = 0
    while True:
        attempts += 1
        try:
            execute(job["notebook"], job["output"], job.get("parameters"), cwd=job.get("cwd"),
                    renderer=job.get("renderer"), timeout=job.get("timeout", 300), check=job.get("check", True))
            return {**job, "error": None, "seconds": time.perf_counter() - t0, "attempts": attempts}
        except Exception as exc:  # reported to the caller, never raised across the pool
            if attempts == 1 and _is_kernel_start_failure(exc):
                continue
            return {**job, "error": f"{type(exc).__name__}: {exc}", "seconds": time.perf_counter() - t0, "attempts": attempts}


def run_batch(jobs: list[dict], workers: int | None = None, progress=None, fn=None):
    """Execute many notebook jobs from one process with a pool of worker processes.

    Each job is a dict with ``notebook``, ``output`` and optional ``parameters``, ``cwd``,
    ``renderer`` and ``timeout``. Workers default to the number of cores (more does not
    help). One failing job does not stop the others; each result carries ``error``
    (``None`` on success), ``seconds`` and ``attempts``. ``progress`` is called with each
    finished result (e.g. to advance a progress bar). Results come back in job order.
    ``fn`` replaces the per-job worker function (it must be importable, for the pool).
    """
    import concurrent.futures as cf
    import multiprocessing as mp

    fn = fn or _run_job
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
    results: list = [None] * len(jobs)
    if workers == 1:
        for i, job in enumerate(jobs):
            results[i] = fn(job)
            if progress:
                progress(results[i])
        return results
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(fn, job): i for i, job in enumerate(jobs)}
        for fut in cf.as_completed(futures):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as exc:  # a worker process died
                results[i] = {**jobs[i], "error": f"{type(exc).__name__}: {exc}", "seconds": 0.0, "attempts": 1}
            if progress:
                progress(results[i])
    return results
