"""Build a report set, top to bottom: plan the reports, run them in a pool of workers, write the index.

1. :func:`plan` resolves the requested goals, areas and actors (refusing unknown names
   before any kernel starts) into :class:`ReportJob` s, each with its title and headline
   counts for the index.
2. :func:`build` checks the output folder, writes the shared plotly.js and datatables.js and
   a reader page per document (:func:`~dialoguelib.reports.pages.write_source_pages`), and runs every job
   in a worker process (:mod:`dialoguelib.runs.batch`): :func:`_build_one` executes the report
   notebook with papermill into a temporary file, exports it to HTML
   (:func:`~dialoguelib.reports.pages.export_html`) and renames both into place.
3. The index lists what was built, what failed and, after an interrupt, what was not built.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..config import notebook_dir
from ..errors import StoreError
from ..package import history, store
from ..runs import batch
from ..runs.notebooks import execute
from . import pages
from .scope import Scope, slug

__all__ = ["ReportJob", "ReportResult", "plan", "build", "REPORT_NOTEBOOK"]

REPORT_NOTEBOOK = "06-report.ipynb"


@dataclass(frozen=True)
class ReportJob:
    """One report to build: its scope (kind and key), title, headline counts and notebook parameters."""

    kind: str
    key: str | None
    title: str
    counts: dict
    parameters: dict = field(default_factory=dict)
    status: str = ""

    @property
    def slug(self) -> str:
        """The file name stem, e.g. ``goal-protect``."""
        return slug(self.kind, self.key)


@dataclass(frozen=True)
class ReportResult:
    """What became of one job: ``error`` is None when the report was built."""

    slug: str
    error: str | None
    bytes: int = 0
    seconds: float = 0.0
    attempts: int = 1


@dataclass(frozen=True)
class _Settings:
    """How every job of a batch is built (the same for all)."""

    out: Path
    notebook: Path
    data_dir: Path
    plotly_js: str
    timeout: int = 300


def plan(ds, goals=(), areas=(), actors=(), documents=(), all_=False, framework=False, as_of=None) -> list[ReportJob]:
    """The reports asked for, in reading order (the framework, goals, areas, actors), each once.

    Parameters
    ----------
    ds : Dataset
        The data the reports cover; each job's title and counts come from it.
    goals : list of str
        One report per goal: names, ids or acronyms; an unknown one raises UnknownValueError with close
        matches (default ``()``: none).
    areas : list of str
        One report per area, named the same way (default ``()``: none).
    actors : list of str
        One report per actor, named the same way (default ``()``: none).
    documents : list of str
        Limit every report to these documents, by id, code or title (default ``()``: all documents).
    all_ : bool
        The framework, every goal, every area and every actor with a commitment (default False).
    framework : bool
        The whole-framework report (default False).
    as_of : str, optional
        Every report as the record stood on this day, ``YYYY-MM-DD`` (default None: as it is now).

    Returns
    -------
    list of ReportJob
        One job per report asked for, duplicates dropped; empty when nothing is asked for.
    """
    docs = [ds.resolve("document", d) for d in documents]
    if as_of:
        ds = ds.as_of(as_of)
        as_of = f"{ds.as_of_date:%Y-%m-%d}"
    wanted: list[tuple[str, str | None]] = []
    if all_ or framework:
        wanted.append(("framework", None))
    if all_:
        involved = set(ds.commitment_actors["actor_id"])
        wanted += [("goal", g) for g in ds.choices("goal")] + [("area", a) for a in ds.choices("area")]
        wanted += [("actor", a) for a in ds.choices("actor") if a in involved]
    wanted += [("goal", ds.resolve("goal", g)) for g in goals]
    wanted += [("area", ds.resolve("area", a)) for a in areas]
    wanted += [("actor", ds.resolve("actor", a)) for a in actors]
    jobs = []
    for kind, key in dict.fromkeys(wanted):
        scope_of = {} if kind == "framework" else {kind: key}
        scope = Scope.from_parameters(ds, document=docs, **scope_of)
        parameters = {"document": docs, **scope_of, **({"as_of": as_of} if as_of else {}), "report_set": True}
        jobs.append(ReportJob(kind, key, scope.title, scope.counts(), parameters, scope.status_line()))
    return jobs


def build(
    ds, jobs: list[ReportJob], out, workers: int | None = None, plotly_js: str = "shared", progress=None
) -> list[ReportResult]:
    """Build every job's report into ``out``, with ``plotly.min.js`` (shared mode) and ``index.html``.

    Parameters
    ----------
    ds : Dataset
        The data; every kernel loads ``ds.data_dir``.
    jobs : list of ReportJob
        From :func:`plan`.
    out : path-like
        The output folder (created if needed).
    workers : int, optional
        Worker processes (default None: one per core).
    plotly_js : {"shared", "inline"}
        One ``plotly.min.js`` beside the reports, or plotly.js embedded in each (default ``"shared"``).
    progress : callable, optional
        Called with each :class:`ReportResult` as it finishes (default None: not called).

    Returns
    -------
    list of ReportResult
        In job order; a failed report does not stop the others.

    Raises
    ------
    OutputDirError
        ``out`` cannot be created or written (a full disk included).
    StoreError
        The data folder is being changed, or changed since ``ds`` was loaded: every report of a
        batch is built from one release (the batch holds the folder, so a change waits for it).
    BatchInterrupted
        SIGINT or SIGTERM: the workers are stopped, ``index.html`` lists what was built, and
        no temporary file is left.
    """
    # one release for the whole batch: writers wait until it ends, and it does not start while one is at work
    with store.locked(ds.data_dir, shared=True, blocking=False):
        _check_as_loaded(ds)
        return _build(ds, jobs, out, workers, plotly_js, progress)


def _check_as_loaded(ds) -> None:
    """The folder still holds the tables ``ds`` was loaded from (a change may have landed since)."""
    blobs = history.table_bytes(Path(ds.data_dir), ds.descriptor)
    digest = hashlib.sha256(b"".join(blobs[name] for name in sorted(blobs))).hexdigest()
    if digest != ds.release.digest:
        raise StoreError(
            f"{ds.data_dir} changed since it was loaded (data {ds.release.version} then); expected the data as "
            "loaded: run the command again to build every report from the new data"
        )


def _build(ds, jobs: list[ReportJob], out, workers: int | None, plotly_js: str, progress) -> list[ReportResult]:
    out = pages.check_output_dir(out)
    if plotly_js == "shared":
        pages.write_plotly_js(out)
        pages.write_datatables(out)
    pages.write_source_pages(ds, out, plotly_js)  # as of the reports' day when ``ds`` is (the command line passes it so)
    settings = _Settings(out=out, notebook=notebook_dir() / REPORT_NOTEBOOK, data_dir=ds.data_dir, plotly_js=plotly_js)
    try:
        results = batch.run(
            jobs,
            functools.partial(_build_one, settings),
            workers=workers,
            progress=progress,
            crashed=lambda job, message: ReportResult(job.slug, message),
        )
    except batch.BatchInterrupted as stop:
        for job, result in zip(jobs, stop.results):
            if result is None:  # a worker stopped mid-job removes its own temporary files; make sure
                for tmp in _temporary_names(out, job.slug):
                    tmp.unlink(missing_ok=True)
        pages.write_index(ds, jobs, stop.results, out, plotly_js)
        raise
    pages.write_index(ds, jobs, results, out, plotly_js)
    return results


def _temporary_names(out: Path, name: str) -> list[Path]:
    return [out / "notebooks" / f".{name}{pages.TMP}.ipynb", out / f".{name}.html{pages.TMP}"]


def _build_one(settings: _Settings, job: ReportJob) -> ReportResult:
    """In a worker: execute the report notebook into a temporary file, export HTML, rename both into place."""
    t0 = time.perf_counter()
    nb_path = settings.out / "notebooks" / f"{job.slug}.ipynb"
    html_path = settings.out / f"{job.slug}.html"
    nb_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_nb = batch.temporary(_temporary_names(settings.out, job.slug)[0])
    attempts = 1
    try:
        _, attempts = batch.with_retry(
            lambda: execute(
                settings.notebook, tmp_nb, job.parameters, data_dir=settings.data_dir, check=False, timeout=settings.timeout
            )
        )
        size = pages.export_html(tmp_nb, html_path, plotly_js=settings.plotly_js, title=job.title)
        os.chmod(tmp_nb, 0o644)
        os.replace(tmp_nb, nb_path)
        return ReportResult(job.slug, None, size, time.perf_counter() - t0, attempts)
    except Exception as exc:  # reported in the result: one failing report does not stop the others
        for stale in (nb_path, html_path):  # a re-run that fails leaves no stale report behind
            stale.unlink(missing_ok=True)
        message = " / ".join(str(exc).strip().splitlines()[-3:])
        return ReportResult(job.slug, f"{type(exc).__name__}: {message}", 0, time.perf_counter() - t0, attempts)
    finally:
        tmp_nb.unlink(missing_ok=True)
        batch.release(tmp_nb)
