"""The Excel workbook (openpyxl): an "about" sheet, the tidy commitments, one sheet per table, the data dictionary.

The "about" sheet (first) holds the version, the citation, the selection and the sources; the
"commitments" sheet is the tidy view with each commitment's latest status; every table of
``datapackage.json`` follows on a sheet of its own (the commitments table as ``commitment_table``).

Headers are bold and frozen, columns sized to their content, long text wrapped, an autofilter on
every sheet; dates are dates and numbers numbers. No cell is ever a formula: text that starts
with ``=`` stays text (a quote cannot run as a formula in the reader's Excel).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import DialogueError
from . import frames

__all__ = ["write_xlsx", "sheets", "SHEETS", "TABLE_SHEETS"]

# sheet name -> what it holds; "commitment_table" is the commitments table as in the CSV files
SHEETS = {
    "about": "version, citation, selection and sources",
    "commitments": "one row per commitment with names joined in (lists separated by '; ')",
    "documents": "documents.csv",
    "goals": "goals.csv",
    "areas": "areas.csv",
    "actors": "actors.csv",
    "commitment_table": "commitments.csv",
    "commitment_actors": "commitment_actors.csv",
    "milestones": "milestones.csv",
    "commitment_links": "commitment_links.csv",
    "statuses": "statuses.csv",
    "status_updates": "status_updates.csv",
    "data dictionary": "every field of every table, from datapackage.json",
}
# the sheet that holds each table of datapackage.json (the others by their own name)
TABLE_SHEETS = {"commitments": "commitment_table"}
_WRAP = {"quote", "description", "title", "document_title", "notes", "value", "publisher", "evidence_quote", "evidence_note"}
_WIDEST = 70  # characters
_DATE = "yyyy-mm-dd"


def _width(name: str, values: pd.Series) -> float:
    sample = values.head(200).astype("string").fillna("")
    longest = max([len(name)] + [len(v) for v in sample.tolist()])
    return min(max(longest, 6), _WIDEST) + 2


def _sheet(wb, title: str, df: pd.DataFrame, styles) -> None:
    from openpyxl.cell import WriteOnlyCell

    bold, wrap = styles
    ws = wb.create_sheet(title)
    cols = list(df.columns)
    _header(ws, df, bold)
    dates = [pd.api.types.is_datetime64_any_dtype(df[c]) for c in cols]
    columns = [_cells(df[c], is_date) for c, is_date in zip(cols, dates)]
    templates = _templates(ws, [c in _WRAP for c in cols], dates, wrap)
    # text that Excel would read as a formula: in a cell of its own, typed as text (rare, so found per column first)
    risky = {(r, i) for i, col in enumerate(columns) for r, v in enumerate(col) if isinstance(v, str) and v[:1] == "="}
    styled = [i for i, t in enumerate(templates) if t is not None]
    for r, row in enumerate(zip(*columns)):
        out = list(row)
        for i in styled:
            cell = templates[i]
            cell.value = out[i]
            if isinstance(out[i], str):
                cell.data_type = "s"  # text, never a formula
            out[i] = cell
        for i in range(len(out)) if risky else ():
            if (r, i) in risky and templates[i] is None:
                out[i] = WriteOnlyCell(ws, value=out[i])
                out[i].data_type = "s"
        ws.append(out)


def _header(ws, df: pd.DataFrame, bold) -> None:
    """Column widths, the frozen bold header row and the filter buttons."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    cols = list(df.columns)
    for i, c in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(i)].width = _width(str(c), df[c])
    if len(cols):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(len(df), 1) + 1}"
    header = []
    for c in cols:
        cell = WriteOnlyCell(ws, value=str(c))
        cell.font = bold
        header.append(cell)
    ws.append(header)


def _cells(s: pd.Series, is_date: bool) -> list:
    """A column's values as Python cells: dates, text, numbers; missing values None."""
    if is_date:
        return [None if pd.isna(v) else v.date() for v in s]
    if isinstance(s.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(s.dtype):
        return [None if v is pd.NA or v is None or v != v else str(v) for v in s.astype(object)]
    return [None if v is pd.NA or v is None else (v.item() if hasattr(v, "item") else v) for v in s.astype(object)]


def _templates(ws, wrapped: list, dates: list, wrap) -> list:
    """One styled cell per column (wrapped text, dates), reused: a write-only sheet serialises each row as it is appended."""
    from openpyxl.cell import WriteOnlyCell

    templates = []
    for w, d in zip(wrapped, dates):
        cell = None
        if w or d:
            cell = WriteOnlyCell(ws, value=None)
            if w:
                cell.alignment = wrap
            if d:
                cell.number_format = _DATE
        templates.append(cell)
    return templates


def write_xlsx(data, path: Path) -> None:
    """Write the workbook of ``data`` (a dataset or selection) to ``path``.

    Parameters
    ----------
    data : Dataset or Selection
        What to export.
    path : Path
        Where to write (it does not exist yet; :func:`dialoguelib.exports.export` renames it into place).
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
    except ImportError:
        raise DialogueError("the xlsx format needs openpyxl; expected it installed: pip install 'dialoguelib[export]'") from None
    wb = Workbook(write_only=True)
    styles = (Font(bold=True), Alignment(wrap_text=True, vertical="top"))
    for title, df in sheets(data).items():
        _sheet(wb, title, df, styles)
    wb.save(path)


def sheets(data) -> dict[str, pd.DataFrame]:
    """The workbook's sheets (see :data:`SHEETS`) as frames, in order."""
    t = frames.tables(data)
    return {
        "about": pd.DataFrame(frames.about(data), columns=["item", "value"]),
        "commitments": frames.flat(frames.tidy(data), frames.SHOWN_SEPARATOR),
        **{TABLE_SHEETS.get(n, n): frames.flat(df) for n, df in t.items()},
        "data dictionary": frames.dictionary(data.descriptor),
    }
