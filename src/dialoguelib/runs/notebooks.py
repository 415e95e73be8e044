"""Parameters of the notebooks: checking them inside a notebook and before papermill runs one; running one or many."""

from __future__ import annotations

import ast
import difflib
import types
from pathlib import Path

from ..config import notebook_dir, resolve_data_dir
from ..errors import DialogueError, UnknownParameterError, UnknownValueError
from . import batch

__all__ = [
    "check_parameters",
    "notebook_dir",
    "notebook_parameters",
    "execute",
    "run_batch",
    "UnknownParameterError",
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
_INJECTED_HEADER = "# Parameters"  # how papermill's injected cell begins (papermill.translators.Translator.codify)


def _resolve_value(ds, name: str, value):
    if name == "as_of" and value not in (None, ""):
        from ..query.asof import parse_as_of

        day = parse_as_of(value, first=ds.documents["date"].min(), parameter="parameter as_of")
        return f"{day:%Y-%m-%d}"
    if name == "commitment" and value not in (None, ""):
        from ..query.followthrough import resolve_commitment

        return resolve_commitment(ds, value)
    if name == "report_set":
        if not isinstance(value, bool):
            raise DialogueError(f"parameter report_set: expected True or False, got {value!r}")
        return value
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


def injected_names(namespace: dict) -> list[str]:
    """The names that papermill injected into a kernel, read from IPython's input history (``In``).

    Papermill runs its parameters as a cell that begins with ``# Parameters``; the names it
    assigns are read back from that cell's source, so no state is kept anywhere.

    >>> injected_names({"In": ["", "goal = 'x'", "# Parameters\\ngaol = 'protect'\\n"]})
    ['gaol']
    """
    names = []
    for source in namespace.get("In") or []:
        if isinstance(source, str) and source.lstrip().startswith(_INJECTED_HEADER):
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            names += [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)]
    return list(dict.fromkeys(names))


def check_parameters(ds, namespace: dict | None = None, **params) -> types.SimpleNamespace:
    """Validate a notebook's parameters; return them resolved to ids.

    Call it in the cell right after the ``parameters`` cell, passing ``globals()``: it then
    also refuses a name that papermill injected but the notebook does not declare
    (papermill itself only warns), see :func:`injected_names`.

    Parameters
    ----------
    ds : Dataset
    namespace : dict, optional
        The notebook's ``globals()``.
    **params
        The declared parameters and their values.

    Returns
    -------
    types.SimpleNamespace
        The parameters, goals, areas, actors, documents and modalities resolved to their ids.

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
    if namespace is not None:
        declared = sorted(params)
        for name in injected_names(namespace):
            if name not in params:
                raise UnknownParameterError("parameter", name, declared, difflib.get_close_matches(name, declared, n=3))
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
        from ..query.dataset import load

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
        kernel_manager_class=_kernel_manager_class(),
    )


def _kernel_manager_class():
    """jupyter_client's kernel manager, less the SIGINT it sends a kernel before asking it to shut down.

    Papermill's last request (``kernel_info``) may still be in the kernel's message handler when
    the shutdown starts; that interrupt then lands there and the kernel logs "KeyboardInterrupt
    caught in kernel" although every cell ran. The kernels shut down here are idle (or have timed
    out, and are killed after the shutdown wait), so the shutdown request alone is enough.
    """
    from jupyter_client.manager import AsyncKernelManager

    class KernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            if not self.shutting_down:  # set by shutdown_kernel() before it interrupts
                await super()._async_interrupt_kernel()

    return KernelManager


# --------------------------------------------------------------------------- batches
def _run_job(job: dict) -> dict:
    """Run one notebook job in a worker; retry once when the kernel fails to start."""
    import time

    t0 = time.perf_counter()
    attempts = 1
    try:
        _, attempts = batch.with_retry(
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


def run_batch(jobs: list[dict], workers: int | None = None, progress=None) -> list[dict]:
    """Execute many notebooks from one process with a pool of worker processes (see :mod:`dialoguelib.runs.batch`).

    Parameters
    ----------
    jobs : list of dict
        Each with ``notebook``, ``output`` and optional ``parameters``, ``data_dir``, ``cwd``,
        ``timeout`` and ``check``.
    workers : int, optional
        Worker processes (default: one per core; never more than jobs).
    progress : callable, optional
        Called with each finished result.

    Returns
    -------
    list of dict
        Each job with ``error`` (``None`` on success), ``seconds`` and ``attempts``, in job order.
    """
    return batch.run(jobs, _run_job, workers=workers, progress=progress)
