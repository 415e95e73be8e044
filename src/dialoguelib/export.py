"""Build HTML reports: papermill runs the report notebook, nbconvert exports it without code.

One process drives the batch through papermill's Python API with a pool of worker
processes (one per core). Every file is written to a temporary name and renamed into
place, so a failed or interrupted build leaves no half-written report.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import notebooks
from .errors import OutputDirError
from .notebooks import BatchInterrupted, execute, notebook_dir, run_batch, with_retry
from .store import atomic_write
from .styles import COMPONENT_CSS, PAGE_CSS

__all__ = ["ReportJob", "build_reports", "export_html", "plan_reports", "PLOTLY_JS_NAME", "OutputDirError"]

PLOTLY_JS_NAME = "plotly.min.js"
TEMPLATES = Path(__file__).resolve().parent / "templates"
REPORT_NOTEBOOK = "06-report.ipynb"
_TMP = ".dialoguelib-tmp"


@dataclass
class ReportJob:
    """One report to build: its scope (kind and key), parameters and output names."""

    kind: str
    key: str | None
    title: str
    counts: dict
    parameters: dict = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return "framework" if self.kind == "framework" else f"{self.kind}-{self.key}"


def _write(path: Path, data: str | bytes) -> None:
    """Write a report file atomically, readable by all (as a plain file would be); a full disk is an OutputDirError."""
    umask = os.umask(0)
    os.umask(umask)
    try:
        atomic_write(path, data, mode=0o666 & ~umask)
    except OSError as exc:
        raise OutputDirError(
            f"cannot write {str(path)!r}: {exc.strerror or exc}; free some space or choose another folder with --out"
        ) from None


def check_output_dir(out: Path) -> Path:
    """Create ``out`` if needed and prove it is writable, or raise :class:`OutputDirError`."""
    if str(out).strip() == "":
        raise OutputDirError("the output folder is empty; expected a folder name, e.g. --out reports")
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=out, prefix=".write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputDirError(
            f"cannot write reports to {str(out)!r}: {exc.strerror or exc}; choose another folder with --out"
        ) from None
    return out


def export_html(executed_notebook, html_path, plotly_js: str = "shared", title: str | None = None) -> int:
    """Export an executed notebook to an HTML report without code cells; returns its size in bytes.

    ``plotly_js="shared"`` references ``plotly.min.js`` beside the report; ``"inline"``
    embeds plotly.js in the page (self-contained, ~4.8 MB more).
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(executed_notebook), as_version=4)
    if title:
        nb.metadata["title"] = f"{title} · U.S.-Mexico High-Level Security Dialogue 2021"
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="dialoguelib_report", extra_template_basedirs=[str(TEMPLATES)])
    # the notebook's own introduction is for notebook users, not report readers
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"report-hide"}), enabled=True)
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    resources = {
        "metadata": {"name": nb.metadata.get("title", Path(html_path).stem)},
        "dialoguelib_css": PAGE_CSS + "\n" + COMPONENT_CSS,
    }
    if plotly_js == "inline":
        from plotly.offline import get_plotlyjs

        resources["plotly_js_inline"] = get_plotlyjs()
    elif plotly_js == "shared":
        resources["plotly_js_src"] = PLOTLY_JS_NAME
    else:
        raise ValueError(f"plotly_js must be 'shared' or 'inline', got {plotly_js!r}")
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    html_path = Path(html_path)
    notebooks.temporary(html_path.with_name(f".{html_path.name}{_TMP}"))  # the name atomic_write uses
    _write(html_path, body)
    notebooks.release(html_path.with_name(f".{html_path.name}{_TMP}"))
    return len(body.encode("utf-8"))


def _temporary_names(out: Path, slug: str) -> list[Path]:
    return [out / "notebooks" / f".{slug}{_TMP}.ipynb", out / f".{slug}.html{_TMP}"]


def _build_one(job: dict) -> dict:
    """Worker: execute the report notebook into a temporary file, export HTML, rename both into place."""
    t0 = time.perf_counter()
    out = Path(job["out"])
    nb_path = out / "notebooks" / f"{job['slug']}.ipynb"
    html_path = out / f"{job['slug']}.html"
    nb_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_nb = notebooks.temporary(_temporary_names(out, job["slug"])[0])
    attempts = 1
    try:
        _, attempts = with_retry(
            lambda: execute(
                job["notebook"], tmp_nb, job["parameters"], data_dir=job["data_dir"], check=False, timeout=job.get("timeout", 300)
            )
        )
        size = export_html(tmp_nb, html_path, plotly_js=job.get("plotly_js", "shared"), title=job.get("title"))
        os.chmod(tmp_nb, 0o644)
        os.replace(tmp_nb, nb_path)
        return {**job, "error": None, "bytes": size, "seconds": time.perf_counter() - t0, "attempts": attempts}
    except Exception as exc:
        for stale in (nb_path, html_path):  # a re-run that fails leaves no stale report behind
            stale.unlink(missing_ok=True)
        message = str(exc).strip().splitlines()
        return {
            **job,
            "error": f"{type(exc).__name__}: {' / '.join(message[-3:])}",
            "seconds": time.perf_counter() - t0,
            "attempts": attempts,
        }
    finally:
        tmp_nb.unlink(missing_ok=True)
        notebooks.release(tmp_nb)


def plan_reports(ds, goals=(), areas=(), actors=(), documents=(), all_=False, framework=False) -> list[ReportJob]:
    """Resolve the requested scopes (raising on unknown names) into report jobs, in reading order."""
    from .report import Scope

    docs = [ds.resolve("document", d) for d in documents]
    wanted: list[tuple[str, str | None]] = []
    if all_ or framework:
        wanted.append(("framework", None))
    if all_:
        wanted += [("goal", g) for g in ds.choices("goal")]
        wanted += [("area", a) for a in ds.choices("area")]
        involved = set(ds.commitment_actors["actor_id"])
        wanted += [("actor", a) for a in ds.choices("actor") if a in involved]
    wanted += [("goal", ds.resolve("goal", g)) for g in goals]
    wanted += [("area", ds.resolve("area", a)) for a in areas]
    wanted += [("actor", ds.resolve("actor", a)) for a in actors]
    jobs, seen = [], set()
    for kind, key in wanted:
        if (kind, key) in seen:
            continue
        seen.add((kind, key))
        params = {"document": docs}
        if kind != "framework":
            params[kind] = key
        scope = Scope.from_parameters(ds, document=docs, **({kind: key} if kind != "framework" else {}))
        jobs.append(ReportJob(kind, key, scope.title, scope.counts(), params))
    return jobs


def index_html(ds, jobs: list[ReportJob], results: dict, built: str) -> str:
    """The index page: every report with its headline counts, grouped by kind; failures listed.

    Rendered from ``templates/index/index.html.j2`` with autoescape on.
    """
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / "index")), autoescape=True)
    sections = []
    for kind, heading in [("framework", "The whole framework"), ("goal", "Goals"), ("area", "Areas"), ("actor", "Actors")]:
        rows = []
        for j in (j for j in jobs if j.kind == kind):
            r = results[j.slug]
            state = "interrupted" if r is None else ("built" if r["error"] is None else "failed")
            rows.append(
                {
                    "slug": j.slug,
                    "title": j.title,
                    "counts": j.counts,
                    "state": state,
                    "error": (r or {}).get("error") and r["error"][:200],
                }
            )
        if rows:
            sections.append({"heading": heading, "rows": rows})
    documents = [{"title": r.title, "date": f"{r.date:%d %B %Y}"} for r in ds.documents.itertuples(index=False)]
    return env.get_template("index.html.j2").render(
        css=PAGE_CSS + "\n" + COMPONENT_CSS, documents=documents, sections=sections, version=ds.version, built=built
    )


def build_reports(
    ds, jobs: list[ReportJob], out, workers: int | None = None, plotly_js: str = "shared", progress=None
) -> list[dict]:
    """Build every job's report into ``out``; write ``plotly.min.js`` (shared mode) and ``index.html``.

    The kernels load ``ds.data_dir``. Returns one result per job (``error`` is ``None`` on
    success); failures do not stop the others.

    Raises
    ------
    OutputDirError
        ``out`` cannot be created or written (a full disk included).
    BatchInterrupted
        SIGINT or SIGTERM: the workers are stopped, ``index.html`` lists what was built, and
        no temporary file is left.
    """
    out = check_output_dir(Path(out))
    notebook = notebook_dir() / REPORT_NOTEBOOK
    if plotly_js == "shared":
        from plotly.offline import get_plotlyjs

        target = out / PLOTLY_JS_NAME
        js = get_plotlyjs()
        if not target.exists() or target.read_text(encoding="utf-8") != js:
            _write(target, js)
    payload = [
        {
            "slug": j.slug,
            "title": j.title,
            "out": str(out),
            "notebook": str(notebook),
            "parameters": j.parameters,
            "plotly_js": plotly_js,
            "data_dir": str(ds.data_dir),
        }
        for j in jobs
    ]
    try:
        results = run_batch(payload, workers=workers, progress=progress, fn=_build_one)
    except BatchInterrupted as stop:
        for job, result in zip(jobs, stop.results):
            if result is None:
                for tmp in _temporary_names(out, job.slug):
                    tmp.unlink(missing_ok=True)
        _write_index(ds, jobs, stop.results, out)
        raise
    _write_index(ds, jobs, results, out)
    return results


def _write_index(ds, jobs, results, out: Path) -> None:
    by_slug = {j.slug: r for j, r in zip(jobs, results)}
    _write(out / "index.html", index_html(ds, jobs, by_slug, _dt.date.today().isoformat()))
