"""Interactive tables for reports: itables (DataTables) with search, sorting, column filters and
copy / CSV / Excel export, working offline.

itables ships DataTables as one ES module (``dt_bundle.js``). A page opened from disk cannot
import a module file (Chromium refuses module imports over ``file://``), and inlining the
bundle in every report would add ~730 kB to each page. So :func:`datatables_script` turns the
bundle into a classic script that hands itables' own table code what it waits for
(``window._itables_<version>``); a report set gets it once as ``datatables.js`` beside its pages
(with ``datatables.css``), a self-contained report inlines both.

Every cell is HTML built here from escaped data (:func:`dialoguelib.render.markup.esc`), so the
tables are made with ``allow_html=True``: DataTables shows the links and search marks, and its
exports strip the tags.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from .markup import esc as _esc
from .quotes import quote_html
from .specificity import profile_cells

__all__ = [
    "DATATABLES_JS_NAME",
    "DATATABLES_CSS_NAME",
    "commitments_datatable",
    "commitment_cells",
    "table_options",
    "datatables_script",
    "datatables_css",
    "source_page",
    "source_href",
]

DATATABLES_JS_NAME = "datatables.js"
DATATABLES_CSS_NAME = "datatables.css"
_EXPORT = re.compile(r"export\s*\{([^}]*)\};?")
_COLUMNS = ["id", "document", "¶", "goal", "area", "modality", "party", "actors", "how concrete", "quote"]


def source_page(document_id: str) -> str:
    """The file name of a document's reader page in a report set.

    >>> source_page("JS")
    'source-JS.html'
    """
    return f"source-{document_id}.html"


def source_href(document_id: str, commitment_id: str) -> str:
    """The address of a commitment's place in its document's reader page (relative to the report set).

    Parameters
    ----------
    document_id, commitment_id : str
        The document and the commitment, by id.

    Returns
    -------
    str
        ``source-<document id>.html#c-<commitment id>``: the page of :func:`source_page` and the
        anchor that :func:`dialoguelib.render.source_html` gives the commitment with ``anchors=True``.

    >>> source_href("JS", "JS-3")
    'source-JS.html#c-JS-3'
    """
    return f"{source_page(document_id)}#c-{commitment_id}"


def _bundle_dir() -> Path:
    import itables

    return Path(itables.__file__).resolve().parent / "html"


@functools.cache
def datatables_script() -> str:
    """itables' DataTables bundle as a classic script that resolves ``window._itables_<version>``.

    Returns
    -------
    str
        JavaScript: the bundle in a strict-mode function, its one ``export {...}`` turned into
        the object itables' table code awaits, then itables' ready event.

    Raises
    ------
    RuntimeError
        The installed itables' bundle does not have exactly one ``export {...}`` statement
        (a new itables release changed its format; pin the version in pyproject.toml).
    """
    from itables.javascript import _itables_ready_event, _itables_underscore_version

    source = (_bundle_dir() / "dt_bundle.js").read_text(encoding="utf-8")
    exports = list(_EXPORT.finditer(source))
    if len(exports) != 1:
        raise RuntimeError(f"itables' dt_bundle.js has {len(exports)} export statements; expected exactly one")
    names = {}
    for item in exports[0].group(1).split(","):
        local, _, exported = (part.strip() for part in item.partition(" as "))
        names[exported or local] = local
    module = "{" + ",".join(f"{exported!r}:{local}" for exported, local in names.items()) + "}"
    start, end = exports[0].span()
    body = source[:start] + f"window.{_itables_underscore_version()}=Promise.resolve({module});" + source[end:]
    ready = f'window.dispatchEvent(new Event("{_itables_ready_event()}"));'
    return f'(function () {{ "use strict";\n{body}\n{ready}\n}})();\n'


@functools.cache
def datatables_css() -> str:
    """itables' DataTables stylesheet (``dt_bundle.css``), as shipped."""
    return (_bundle_dir() / "dt_bundle.css").read_text(encoding="utf-8")


_SEARCH_JS = Path(__file__).resolve().parents[1] / "templates" / "js" / "table_search.js"
# A cell as the CSV and Excel files hold it: its text (tags dropped, entities decoded, one line, trimmed, as
# DataTables' own export does), with an apostrophe before a cell that a spreadsheet would read as a formula
# (=, +, -, @, a tab or carriage return first), as spreadsheet users expect (OWASP's "CSV injection" advice).
_EXPORT_CELL = """function (data, row, column, node) {
  var box = document.createElement("textarea");
  box.innerHTML = String(data == null ? "" : data).replace(/<[^>]*>/g, "");
  var text = box.value.replace(/\\n/g, " ").trim();
  return /^[=+\\-@\\t\\r]/.test(text) ? "'" + text : text;
}"""


@functools.cache
def _search_js() -> str:
    return _SEARCH_JS.read_text(encoding="utf-8")


def table_options(filename: str | None = None, version: str | None = None, hidden=()) -> dict:
    """The itables options of every commitments table (reports and explorers): the project's whole-word
    search (``templates/js/table_search.js``, the same answers as ``ds.search``), export buttons, a
    filter per column, ten rows a page, the data's order, HTML cells (built escaped here), and on a
    phone every row a card with labelled cells.

    Parameters
    ----------
    filename : str, optional
        The name (without extension) of the files the CSV and Excel buttons save, followed by the
        data's version (default None: the page's title).
    version : str, optional
        The data's version, added to the file names (default None: not added).
    hidden : collection of str
        Columns not shown, because every row holds the same value (a goal report's goal); the files
        keep them (default none).

    Returns
    -------
    dict
        Keyword arguments for ``itables.to_html_datatable`` or ``itables.widget.ITable``.
    """
    from itables import JavascriptFunction

    name = "-".join(x for x in (filename, f"data-{version}" if version else None) if x)
    files = {"filename": name} if name else {}
    # the footer holds the column filters; the first row of a file is its header (no title row above it)
    export = {
        "footer": False,
        "title": "",
        "exportOptions": {"format": {"body": JavascriptFunction(_EXPORT_CELL)}},
    }
    buttons = [
        "pageLength",
        {"extend": "copyHtml5", **export},
        {"extend": "csvHtml5", "bom": True, **files, **export},  # a BOM: Excel reads the file as UTF-8
        {"extend": "excelHtml5", "sheetName": "commitments", **files, **export},
    ]
    return dict(
        allow_html=True,
        showIndex=False,
        buttons=buttons,
        column_filters="footer",
        classes="display compact dlx-datatable",
        style="width:100%",
        pageLength=10,
        lengthMenu=[10, 25, 50, 100, {"label": "All", "value": -1}],
        order=[],
        autoWidth=False,
        drawCallback=JavascriptFunction(_search_js()),
        # text reads from the left; the quote gets the room, the short codes little (in a page and in a notebook alike)
        columnDefs=[
            {"targets": "_all", "className": "dt-left dt-head-left"},
            {"targets": [1, 2], "width": "3em"},
            {"targets": [0], "width": "5em"},
            {"targets": [len(_COLUMNS) - 1], "width": "40%"},  # the quote: the last column (table_search.js)
            *([{"targets": [_COLUMNS.index(c) for c in hidden], "visible": False}] if hidden else []),
        ],
    )


def commitment_cells(ds, source_links: bool = False) -> pd.DataFrame:
    """A selection's commitments as table cells of escaped HTML: one row per commitment, in the data's order.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments; a selection's search terms are marked in the quotes.
    source_links : bool
        Link each id to its place in the document's reader page (default False).

    Returns
    -------
    DataFrame
        Columns ``id``, ``document``, ``¶``, ``goal``, ``area``, ``modality``, ``party``, ``actors``,
        ``how concrete`` (the specificity badges: :func:`dialoguelib.render.specificity.profile_cells`) and
        ``quote``; every value from the data escaped.
    """
    t = ds.tidy
    terms = getattr(ds, "terms", ())
    ids = []
    for doc, cid in zip(_values(t["document_id"]), _values(t["commitment_id"])):
        label = f'<span class="dlx-id">{_esc(cid)}</span>'
        ids.append(
            f'<a href="{_esc(source_href(doc, cid))}" title="Read it in the source">{label}</a>' if source_links else label
        )
    return pd.DataFrame(
        {
            "id": ids,
            "document": _escaped(_values(t["document_code"])),
            "¶": t["paragraph"].astype(int).to_numpy(),
            "goal": _escaped(_values(t["goal"])),
            "area": _escaped(_values(t["area"].astype(object).fillna("—"))),
            "modality": _escaped(_values(t["modality"])),
            "party": _escaped(_values(t["party"])),
            "actors": _escaped([", ".join(a) for a in t["actors"]]),
            "how concrete": profile_cells(ds),
            "quote": [quote_html(" ".join(q.split()), terms) for q in _values(t["quote"])],
        }
    )


def _values(column: pd.Series) -> list[str]:
    """A column's values as Python strings (read at once, not one by one from Arrow)."""
    return [str(v) for v in column.astype(object).tolist()]


def _escaped(values: list[str]) -> list[str]:
    """Each value escaped; the columns of names repeat a few values, so each distinct one is escaped once."""
    done = {v: _esc(v) for v in set(values)}
    return [done[v] for v in values]


def commitment_cells_empty() -> pd.DataFrame:
    """The columns of :func:`commitment_cells`, with no row (a table before its first selection)."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})


def commitments_datatable(
    ds,
    table_id: str = "dlx-commitments",
    source_links: bool = False,
    filename: str | None = None,
    version: str | None = None,
    hidden=(),
) -> str:
    """A selection's commitments as an interactive table: search, sort, a filter per column, export.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments, one row each, in the data's order.
    table_id : str
        The table element's id, unique in its page (default ``"dlx-commitments"``).
    source_links : bool
        Link each id to its place in the document's reader page, :func:`source_href` (default
        False: the ids are plain text, as in a notebook, where no reader page exists).
    filename : str, optional
        The name (without extension) of the CSV and Excel files the export buttons save
        (default None: the page's title).
    version : str, optional
        The data's release, added to those file names (default None: not added).
    hidden : collection of str
        Columns not shown (every row holds the same value), kept in the files (default none).

    Returns
    -------
    str
        HTML: the table and itables' script that makes it interactive once ``datatables.js`` is
        loaded (a report page loads it; see the module's note), or a paragraph saying that no
        commitment matches.
    """
    import itables
    from itables.javascript import get_itable_arguments, html_table_from_template

    if not len(ds):
        return "<p><i>No commitments match this selection.</i></p>"
    args = get_itable_arguments(
        commitment_cells(ds, source_links),
        None,
        table_id=table_id,
        connected=False,
        maxBytes=0,
        display_logo_when_loading=False,
        **table_options(filename, version, hidden),
    )
    for key in ("dt_url", "connected", "display_logo_when_loading"):
        args.pop(key, None)
    html = html_table_from_template(table_id=table_id, dt_url="", connected=False, display_logo_when_loading=False, kwargs=args)
    loading = f"Loading ITables v{itables.__version__} from the <code>init_notebook_mode</code> cell..."
    return html.replace(loading, f"Loading the interactive table of {len(ds)} commitments…")
