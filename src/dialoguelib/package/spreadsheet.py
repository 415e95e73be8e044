"""CSV cells that a spreadsheet would run as formulas, made inert in exports and restored on loading.

Excel, LibreOffice and Google Sheets read a CSV cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula: a quote or note written that way could
compute, fetch or link when the file is opened. The CSV export therefore writes such a cell with an
apostrophe before it (``'=HYPERLINK(...)``), which spreadsheets show as text, as their users expect.
Numbers (``-1``, ``+2.5``) are left as they are. A cell that already starts with apostrophes before
one of those characters gets one more, so the change can be undone exactly: a folder whose
descriptor names :data:`FORMULA_GUARD` is read back (:func:`unguard_csv`) byte for byte as it was
released, and loads, cites and diffs as the data folder it came from. The same export starts each
table with a UTF-8 byte order mark, without which Excel opening the file reads it in the machine's
legacy code page ("LÃ³pez" for "López"); pandas, R, DuckDB and Datasette's loaders read past it,
and :func:`unguard_csv` removes it.
"""

from __future__ import annotations

import csv
import io
import re

__all__ = ["FORMULA_GUARD", "GUARD_NOTE", "BOM", "guard_csv", "unguard_csv", "needs_guard"]

FORMULA_GUARD = "dialoguelib:formulaGuard"
GUARD_NOTE = (
    "CSV cells that start with =, +, - or @ (or a tab or carriage return), other than numbers, are written with an "
    "apostrophe before them so that spreadsheets show them as text, and each table starts with a UTF-8 byte order "
    "mark so that Excel reads its accents; dialoguelib.load() removes both"
)
BOM = b"\xef\xbb\xbf"
_STARTS = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def needs_guard(cell: str) -> bool:
    """Whether a spreadsheet could read ``cell`` as a formula (or it is an apostrophe away from one).

    >>> [needs_guard(c) for c in ("=1+1", "@SUM(A1)", "-1", "+2.5", "- a list item", "'=x", "'plain", "text")]
    [True, True, False, False, True, True, False, False]
    """
    return bool(_STARTS.match(cell)) and not _NUMBER.fullmatch(cell)


def _rows(text: str) -> list[list[str]]:
    """The cells of a CSV text, however long a cell (the csv module's own limit is 131,072 characters)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    finally:
        csv.field_size_limit(limit)


def _rewrite(blob: bytes, cell) -> bytes:
    rows = _rows(blob.decode("utf-8"))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows([[cell(c) for c in r] for r in rows])
    return out.getvalue().encode("utf-8")


def guard_csv(blob: bytes) -> bytes:
    """A CSV table's bytes for a spreadsheet: a byte order mark, then every cell that :func:`needs_guard`
    prefixed by an apostrophe (the other cells as they were).

    >>> guard_csv(b"a,b\\n=1+1,-1\\n")
    b"\\xef\\xbb\\xbfa,b\\n'=1+1,-1\\n"
    """
    if not any(needs_guard(c) for r in _rows(blob.decode("utf-8")) for c in r):
        return BOM + blob
    return BOM + _rewrite(blob, lambda c: "'" + c if needs_guard(c) else c)


def unguard_csv(blob: bytes) -> bytes:
    """Undo :func:`guard_csv` exactly: ``unguard_csv(guard_csv(b)) == b`` for a table written as the data folder writes CSV.

    >>> unguard_csv(guard_csv(b"a\\n'=x\\n=y\\n'z\\n-1\\n"))
    b"a\\n'=x\\n=y\\n'z\\n-1\\n"
    """
    blob = blob.removeprefix(BOM)
    if b"'" not in blob:
        return blob

    def restore(c: str) -> str:
        return c[1:] if c.startswith("'") and needs_guard(c[1:]) else c

    if not any(restore(c) != c for r in _rows(blob.decode("utf-8")) for c in r):
        return blob
    return _rewrite(blob, restore)
