"""The HTML pages of a report set: one exported notebook per report, the index, the shared plotly.js.

Every file is written under a temporary name and renamed into place; a file that cannot be
written (a full disk included) is an :class:`~dialoguelib.errors.OutputDirError`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
import tempfile
from pathlib import Path

from ..charts.fit import NARROW_BELOW, WIDTHS
from ..errors import OutputDirError
from ..package.store import atomic_write
from ..render import LANGUAGE_PHRASE, illustrative_banner, source_html
from ..render.datatable import DATATABLES_CSS_NAME, DATATABLES_JS_NAME, datatables_css, datatables_script, source_page
from ..render.markup import link, safe_url
from ..render.styles import COMPONENT_CSS, PAGE_CSS
from ..runs import batch

__all__ = [
    "PLOTLY_JS_NAME",
    "TEMPLATES",
    "check_output_dir",
    "export_html",
    "index_html",
    "write",
    "write_index",
    "write_plotly_js",
    "write_datatables",
    "source_page_html",
    "write_source_pages",
]

PLOTLY_JS_NAME = "plotly.min.js"
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
TMP = ".dialoguelib-tmp"  # the suffix of store.atomic_write's temporary names


@functools.cache
def _pages():
    """The Jinja environment of the pages (templates/pages), autoescape on."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / "pages")), autoescape=True)


def head_html(plotly_js: str = "shared") -> str:
    """What every page carries in its ``<head>``: the stylesheet, Plotly's and the tables' JavaScript (beside the
    page, ``"shared"``, or inline, ``"inline"``), and the script that lays charts out for the width.

    Parameters
    ----------
    plotly_js : {"shared", "inline"}
        Where the JavaScript comes from (default ``"shared"``: files beside the page).

    Returns
    -------
    str
        HTML for the ``<head>``.
    """
    values = {"css": PAGE_CSS + "\n" + COMPONENT_CSS, "narrow_below": NARROW_BELOW, "print_width": WIDTHS["print"]}
    if plotly_js == "inline":
        from plotly.offline import get_plotlyjs

        values.update(
            plotly_js_inline=get_plotlyjs(),
            datatables_js_inline=_script_safe(datatables_script()),
            datatables_css_inline=datatables_css(),
        )
    elif plotly_js == "shared":
        values.update(plotly_js_src=PLOTLY_JS_NAME, datatables_js_src=DATATABLES_JS_NAME, datatables_css_src=DATATABLES_CSS_NAME)
    else:
        raise ValueError(f"plotly_js must be 'shared' or 'inline', got {plotly_js!r}")
    return _pages().get_template("head.html.j2").render(**values)


def write(path: Path, data: str | bytes) -> None:
    """Write a report file atomically, readable by all (as a plain file would be).

    Parameters
    ----------
    path : Path
        The file to write (replaced if it exists).
    data : str or bytes
        Its content; text is written as UTF-8.

    Raises
    ------
    OutputDirError
        The file cannot be written (a full disk included).
    """
    umask = os.umask(0)
    os.umask(umask)
    try:
        atomic_write(path, data, mode=0o666 & ~umask)
    except OSError as exc:
        raise OutputDirError(
            f"cannot write {str(path)!r}: {exc.strerror or exc}; free some space or choose another folder with --out"
        ) from None


def check_output_dir(out) -> Path:
    """Create ``out`` if needed and prove it is writable, or raise :class:`OutputDirError`; returns it as a Path."""
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


def write_plotly_js(out: Path) -> None:
    """Write plotly.js beside the reports once (again only when Plotly's version changed)."""
    from plotly.offline import get_plotlyjs

    target = out / PLOTLY_JS_NAME
    js = get_plotlyjs()
    if not target.exists() or target.read_text(encoding="utf-8") != js:
        write(target, js)


def write_datatables(out: Path) -> None:
    """Write the interactive tables' script and stylesheet beside the reports (again only when changed)."""
    for name, text in [(DATATABLES_JS_NAME, datatables_script()), (DATATABLES_CSS_NAME, datatables_css())]:
        target = out / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            write(target, text)


def source_page_html(ds, document: str, built: str, plotly_js: str = "shared") -> str:
    """A document's reader page: its text with every commitment highlighted and anchored (``#c-<id>``).

    Parameters
    ----------
    ds : Dataset
        The data (as of the reports' day, when they have one).
    document : str
        The document's id.
    built : str
        The build date shown in the footer.
    plotly_js : {"shared", "inline"}
        Where the page's scripts come from (default ``"shared"``).

    Returns
    -------
    str
        The page's HTML, rendered from ``templates/pages/source.html.j2`` with autoescape on.
    """
    doc = ds.documents.set_index("document_id").loc[document]  # ids are slugs (the schema's pattern): safe file names
    language = LANGUAGE_PHRASE.get(str(doc.get("language", "")), "")
    return (
        _pages()
        .get_template("source.html.j2")
        .render(
            head=head_html(plotly_js),
            banner=illustrative_banner(ds),
            title=doc["title"],
            date=f"{doc['date']:%d %B %Y}",
            publisher=doc["publisher"],
            language=language,
            url_html=link(doc.get("source_url"), doc.get("source_url")) if safe_url(doc.get("source_url")) else "",
            count=int((ds.commitments["document_id"] == document).sum()),
            version=ds.release.label,
            built=built,
            raw_file=doc["raw_path"],
            sha256=doc["sha256"],
            source_html=source_html(ds, document, max_height=None, anchors=True),
        )
    )


def write_source_pages(ds, out: Path, plotly_js: str = "shared") -> None:
    """Write a reader page per document of ``ds`` into ``out`` (``source-<document id>.html``).

    Parameters
    ----------
    ds : Dataset
        The data (as of the reports' day, when they have one): every document gets a page.
    out : Path
        The report set's folder.
    plotly_js : {"shared", "inline"}
        Where the pages' scripts come from (default ``"shared"``).

    Raises
    ------
    OutputDirError
        A page cannot be written.
    """
    built = _dt.date.today().isoformat()
    for document in ds.documents["document_id"].astype(str):
        write(out / source_page(document), source_page_html(ds, document, built, plotly_js))


def export_html(executed_notebook, html_path, plotly_js: str = "shared", title: str | None = None) -> int:
    """Export an executed notebook to an HTML report without code cells.

    Parameters
    ----------
    executed_notebook : path-like
        The executed notebook to export (cells tagged ``report-hide`` are left out).
    html_path : path-like
        The HTML page to write, atomically.
    plotly_js : {"shared", "inline"}
        ``"shared"`` references ``plotly.min.js`` beside the report; ``"inline"`` embeds
        plotly.js in the page (self-contained, ~4.8 MB more). Default ``"shared"``.
    title : str, optional
        The page title's first part, before " · U.S.-Mexico High-Level Security Dialogue 2021"
        (default None: the notebook's own title, else the page's file name).

    Returns
    -------
    int
        The page's size in bytes.

    Raises
    ------
    ValueError
        ``plotly_js`` is neither ``"shared"`` nor ``"inline"``.
    OutputDirError
        The page cannot be written.
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(str(executed_notebook), as_version=4)
    if title:
        nb.metadata["title"] = f"{title} · U.S.-Mexico High-Level Security Dialogue 2021"
    exporter = HTMLExporter(template_name="dialoguelib_report", extra_template_basedirs=[str(TEMPLATES)])
    # the notebook's own introduction is for notebook users, not report readers
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"report-hide"}), enabled=True)
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    resources = {"metadata": {"name": nb.metadata.get("title", Path(html_path).stem)}, "head_html": head_html(plotly_js)}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    html_path = Path(html_path)
    tmp = batch.temporary(html_path.with_name(f".{html_path.name}{TMP}"))  # removed if the worker must stop mid-write
    write(html_path, body)
    batch.release(tmp)
    return len(body.encode("utf-8"))


def _script_safe(js: str) -> str:
    """JavaScript safe inside an inline ``<script>``: no ``</script`` can end it early."""
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def index_html(ds, jobs: list, results: list, built: str, plotly_js: str = "shared") -> str:
    """The index page: every report with its headline counts, grouped by kind; failures listed.

    ``results`` are in job order (``None`` for a report an interrupted batch did not build).
    Rendered from ``templates/pages/index.html.j2`` with autoescape on.

    Parameters
    ----------
    ds : Dataset
        The data: its documents and version are shown.
    jobs : list of ReportJob
        The reports of the batch, listed by kind (framework, goals, areas, actors) with their counts.
    results : list of ReportResult or None
        One per job, in job order: built, failed (with the first 200 characters of the error) or None (not built).
    built : str
        The build date shown in the footer, e.g. ``2021-10-08``.
    plotly_js : {"shared", "inline"}
        Where the page's scripts come from (default ``"shared"``).

    Returns
    -------
    str
        The page's HTML.
    """
    by_slug = {j.slug: r for j, r in zip(jobs, results)}
    sections = []
    for kind, heading in [("framework", "The whole framework"), ("goal", "Goals"), ("area", "Areas"), ("actor", "Actors")]:
        rows = []
        for j in (j for j in jobs if j.kind == kind):
            r = by_slug[j.slug]
            state = "interrupted" if r is None else ("built" if r.error is None else "failed")
            error = r.error[:200] if r is not None and r.error else None
            rows.append(
                {"slug": j.slug, "title": j.title, "counts": j.counts, "state": state, "error": error, "status": j.status}
            )
        if rows:
            sections.append({"heading": heading, "rows": rows})
    documents = [
        {"title": r.title, "date": f"{r.date:%d %B %Y}", "page": source_page(r.document_id)}
        for r in ds.documents.itertuples(index=False)
    ]
    as_of = f"{ds.as_of_date:%d %B %Y}" if ds.as_of_date is not None else ""
    return (
        _pages()
        .get_template("index.html.j2")
        .render(
            head=head_html(plotly_js),
            banner=illustrative_banner(ds),
            glance=at_a_glance(ds),
            documents=documents,
            sections=sections,
            version=ds.release.label,
            built=built,
            as_of=as_of,
        )
    )


def at_a_glance(ds) -> dict:
    """What the index shows first: headline counts, the status picture in a sentence, and charts (the framework's
    goals and areas, the share of concrete commitments per goal with the other criteria of the specificity
    profile, the timeline, the statuses by goal when any commitment is assessed).

    Parameters
    ----------
    ds : Dataset
        The record (as of the reports' day, when they have one).

    Returns
    -------
    dict
        ``counts`` (label, number pairs), ``status`` (a sentence), ``assessed`` (bool) and ``figures``
        (each a chart's HTML ``div``, which needs ``window.Plotly``).
    """
    from .. import charts

    t = ds.tidy
    st = ds.status()
    assessed = int((st["status"] != "not_assessed").sum())
    counts = [
        ("commitments", len(t)),
        ("documents", len(ds.documents)),
        ("concrete actions", int((t["kind"] == "action").sum())),
        ("concrete commitments (a verifiable output)", int(ds.specificity()["meets_output"].sum())),
        ("actors besides the two governments", ds.n_actors()),
        ("commitments with a recorded status", assessed),
    ]
    if assessed:
        shares = ", ".join(f"{label} {n}" for label, n in st[st["status"] != "not_assessed"]["label"].value_counts().items())
        status = f"{assessed} of {len(st)} commitments have a recorded status: {shares}. The others are not assessed."
    else:
        status = (
            f"None of the {len(st)} commitments has a recorded status yet: every one is not assessed, which is not "
            "the same as no progress."
        )
    concrete = charts.specificity_profile(
        ds,
        title="How concrete each goal is: the share of its commitments with a verifiable output (concrete) and each other criterion",
    )
    figures = [charts.framework_sunburst(ds), concrete, charts.timeline(ds)] + ([charts.status_by_goal(ds)] if assessed else [])
    html = [f.in_page(f"dlx-figure-index-{i + 1}").mime_bundle()["text/html"] for i, f in enumerate(figures)]
    return {"counts": counts, "status": status, "assessed": bool(assessed), "figures": html}


def write_index(ds, jobs: list, results: list, out: Path, plotly_js: str = "shared") -> None:
    """Write ``index.html`` for ``jobs`` and their ``results``.

    Parameters
    ----------
    ds : Dataset
        The data: its documents and version are shown.
    jobs : list of ReportJob
        The reports of the batch.
    results : list of ReportResult or None
        One per job, in job order (None for a report an interrupted batch did not build).
    out : Path
        The output folder; the page is dated today.
    plotly_js : {"shared", "inline"}
        Where the page's scripts come from (default ``"shared"``).
    """
    write(out / "index.html", index_html(ds, jobs, results, _dt.date.today().isoformat(), plotly_js))
