"""Recording what became of commitments: status updates and lineage links, added to a data folder.

:func:`record_statuses` appends rows to the status ledger (``status_updates.csv``) and
:func:`add_links` rows to ``commitment_links.csv``. Each call is one change
(:mod:`dialoguelib.package.change`, the same write path as ``merge``): the rows are checked against the schema, the package is
validated as it would be (quotes against the raw text, dates, link rules), the next release
is staged (minor version up, a changelog line per row), and all of it lands together or not
at all. The ledger is append-only: rows are only ever added (a correction is a new row
recorded later), the rows of the last release must be unchanged in the file
(:mod:`dialoguelib.package.history`), and the staged ledger is checked to keep every old row unchanged.

A status is recorded on the day it is entered: ``recorded`` is today (a row may leave it empty),
so that the record as of an earlier day never shows what was not known then. A ledger kept
elsewhere, with its own recording dates, comes in with ``backdated=True`` (``--backdated``), and
its changelog lines say so.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from pathlib import Path

import pandas as pd

from ..errors import DataValidationError, DialogueError
from ..package import store
from ..package.change import changing, commit_change, target
from ..package.ledger import check_appended
from ..package.schema import check_rows, table_fields
from ..package.validation import read_package
from ..query.dataset import load

__all__ = ["record_statuses", "add_links", "read_rows"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_STATUS_DEFAULTS = {
    "evidence_document": "",
    "evidence_start": "",
    "evidence_end": "",
    "evidence_quote": "",
    "evidence_url": "",
    "evidence_note": "",
}


def read_rows(path) -> list[dict]:
    """The rows of a CSV file of status updates or links to add (text cells; a header row naming the fields).

    Parameters
    ----------
    path : path-like
        The file.

    Returns
    -------
    list of dict

    Raises
    ------
    DataValidationError
        Not found, not UTF-8, no rows.
    """
    path = Path(path)
    if not path.is_file():
        raise DataValidationError(path, "file not found", expected="a CSV file with a header row")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataValidationError(path, f"not valid UTF-8 at byte {exc.start}", expected="UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[dict] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise DataValidationError(
            path,
            f"malformed CSV ({exc})",
            row=len(rows) + 1,
            expected=f"CSV with one value per column, each at most {csv.field_size_limit():,} characters",
        ) from None
    if not rows:
        raise DataValidationError(path, "no rows", expected="a header row and at least one row")
    return rows


def _frame(path: Path, rows: list[dict], columns: list[str]) -> pd.DataFrame:
    for i, row in enumerate(rows):
        unknown = [k for k in row if k not in columns]
        if unknown:
            raise DataValidationError(path, f"unknown field(s) {unknown}", row=i + 1, expected=f"fields among {columns}")
    return pd.DataFrame(rows, columns=columns, dtype=object).fillna("").map(lambda v: str(v).strip())


def _append(data_dir: Path, table: str, df: pd.DataFrame, changes: list[str], source: Path, descriptor: dict) -> dict:
    """Append ``df`` to ``table`` and release it, in one transaction (the caller holds the folder with :func:`changing`)."""
    rel = f"{table}.csv"
    old_bytes = (data_dir / rel).read_bytes()
    old = pd.read_csv(io.BytesIO(old_bytes), dtype=str, keep_default_na=False)
    new_bytes = old_bytes + store.csv_bytes(df, header=False)

    def check(overlay):
        try:
            package = read_package(data_dir, overlay)
        except DataValidationError as exc:
            if exc.path == str(data_dir / rel) and exc.row and exc.row > len(old):  # one of the new rows: name it in its file
                raise DataValidationError(
                    source, exc.message, row=exc.row - len(old), field=exc.field, expected=exc.expected
                ) from None
            raise DataValidationError(
                source,
                f"adding these rows would leave the data invalid: {exc}",
                expected="rows that fit the data (see the codebook)",
            ) from None
        if table == "status_updates":
            staged = pd.read_csv(overlay[rel], dtype=str, keep_default_na=False)
            check_appended(data_dir / rel, old, staged)
        return package

    version = commit_change(data_dir, {rel: new_bytes}, descriptor, changes, check)
    return {"added": len(df), "version": version, "data_dir": data_dir}


def _check(source: Path, df: pd.DataFrame, table: str, descriptor: dict) -> None:
    try:
        check_rows(source, df, descriptor, table)
    except DataValidationError as exc:
        raise DataValidationError(source, exc.message, row=exc.row, field=exc.field, expected=exc.expected) from None


def _locate_quotes(ds, df: pd.DataFrame, source: Path) -> None:
    """Evidence given as a document and its words, without offsets: the words are found in the
    document's text (they must occur exactly once), and the document named by its id."""
    for i, r in enumerate(df.itertuples(index=False)):
        if not r.evidence_document:
            continue
        did = ds.resolve("document", r.evidence_document)
        df.loc[df.index[i], "evidence_document"] = did
        if r.evidence_quote and not r.evidence_start and not r.evidence_end:
            text = ds.raw_texts[did]
            n = text.count(r.evidence_quote)
            if n != 1:
                raise DataValidationError(
                    source,
                    f"the evidence quote is found {n} times in {did}",
                    row=i + 1,
                    field="evidence_quote",
                    expected="words that occur exactly once in the document's text (or give evidence_start and evidence_end)",
                )
            start = text.index(r.evidence_quote)
            df.loc[df.index[i], ["evidence_start", "evidence_end"]] = [str(start), str(start + len(r.evidence_quote))]


def _check_recorded(df: pd.DataFrame, source: Path, today: _dt.date, given: bool, backdated: bool) -> None:
    """``recorded`` is the day the row is entered: today (or, without ``today`` given, today where the user is),
    never later; earlier only for a ledger imported with ``backdated``."""
    days = {f"{today:%Y-%m-%d}"} | (set() if given else {f"{_dt.date.today():%Y-%m-%d}"})
    latest = max(days)
    for i, day in enumerate(df["recorded"].tolist()):
        if day in days or not _DAY.fullmatch(day):  # a malformed date is the schema check's to report
            continue
        if day > latest:
            raise DataValidationError(
                source,
                f"{day!r} is after today ({latest})",
                row=i + 1,
                field="recorded",
                expected="today's date, or an empty cell",
            )
        if not backdated:
            raise DataValidationError(
                source,
                f"{day!r} is before today ({latest}): a status is recorded on the day it is entered, so that the record "
                "as of an earlier day does not show what was not known then",
                row=i + 1,
                field="recorded",
                expected="an empty cell (today) or today's date; a ledger kept elsewhere with its own recording dates "
                "comes in with --backdated",
            )


def _status_changes(df: pd.DataFrame, today: _dt.date) -> list[str]:
    entered = f"{today:%Y-%m-%d}"
    return [
        f"Recorded `{r.update_id}`: `{r.commitment_id}` {r.status} as of {r.as_of} ({r.assessed_by}, recorded {r.recorded}"
        + (f", entered {entered}" if r.recorded != entered else "")
        + ")"
        for r in df.itertuples(index=False)
    ]


def record_statuses(rows, data_dir=None, source=None, today: _dt.date | None = None, backdated: bool = False) -> dict:
    """Append status updates to the ledger, all or nothing.

    Parameters
    ----------
    rows : list of dict
        Each: ``commitment_id``, ``status``, ``as_of`` (``YYYY-MM-DD``), ``assessed_by`` and the
        evidence (``evidence_document``, ``evidence_start``, ``evidence_end``, ``evidence_quote``
        for a span of a document in the data; or ``evidence_url`` and ``evidence_note``).
        ``recorded`` defaults to today and may not be another day (see ``backdated``); ``update_id``
        is given to each row (the next numbers).
    data_dir : path-like, optional
        The data folder to change (default: ``$DIALOGUELIB_DATA``; the shipped data only when named).
    source : path-like, optional
        The file the rows came from, named in errors (default: the ledger itself).
    today : date, optional
        The recording date (default: today, UTC, or today where the user is).
    backdated : bool
        Keep ``recorded`` dates before today (a ledger kept elsewhere; default False: refused).

    Returns
    -------
    dict
        ``added`` (rows), ``version`` (the data's new release) and ``data_dir`` (the folder changed).

    Raises
    ------
    DataValidationError
        A row that does not fit (its row and field named); nothing is written.
    """
    data_dir = target(data_dir, "record")
    if not data_dir.is_dir():
        load(data_dir)
    source = Path(source) if source else data_dir / "status_updates.csv"
    given, today = today is not None, today or _dt.datetime.now(_dt.UTC).date()
    if not rows:
        raise DialogueError(f"{source}: no status updates to record; expected at least one row")
    with changing(data_dir):
        ds = load(data_dir)
        columns = [f["name"] for f in table_fields(ds.descriptor, "status_updates")]
        df = _frame(source, [{**_STATUS_DEFAULTS, **r} for r in rows], columns)
        used = [int(u.split("-", 1)[1]) for u in ds.status_updates["update_id"].astype(str)]
        first = max(used, default=0) + 1
        df["update_id"] = [f"SU-{n:04d}" for n in range(first, first + len(df))]
        df["recorded"] = df["recorded"].where(df["recorded"] != "", f"{today:%Y-%m-%d}")
        df["commitment_id"] = df["commitment_id"].str.upper()
        _locate_quotes(ds, df, source)
        _check(source, df, "status_updates", ds.descriptor)
        _check_recorded(df, source, today, given, backdated)
        return _append(data_dir, "status_updates", df, _status_changes(df, today), source, ds.descriptor)


def add_links(rows, data_dir=None, source=None) -> dict:
    """Add lineage links (a later commitment restates, extends, implements, narrows or supersedes an earlier one), all or nothing.

    Parameters
    ----------
    rows : list of dict
        Each: ``later_id``, ``earlier_id``, ``relation`` and optionally ``reason``.
    data_dir : path-like, optional
        The data folder to change.
    source : path-like, optional
        The file the rows came from, named in errors.

    Returns
    -------
    dict
        ``added``, ``version`` and ``data_dir``.

    Raises
    ------
    DataValidationError
        A row that does not fit: unknown commitment, a link forward in time, a self link, a
        duplicate, a supersession cycle; nothing is written.
    """
    data_dir = target(data_dir, "record")
    if not data_dir.is_dir():
        load(data_dir)
    source = Path(source) if source else data_dir / "commitment_links.csv"
    if not rows:
        raise DialogueError(f"{source}: no links to add; expected at least one row")
    with changing(data_dir):
        ds = load(data_dir)
        columns = [f["name"] for f in table_fields(ds.descriptor, "commitment_links")]
        df = _frame(source, rows, columns)
        df["later_id"] = df["later_id"].str.upper()
        df["earlier_id"] = df["earlier_id"].str.upper()
        _check(source, df, "commitment_links", ds.descriptor)
        changes = [f"Linked `{r.later_id}` {r.relation} `{r.earlier_id}`" for r in df.itertuples(index=False)]
        return _append(data_dir, "commitment_links", df, changes, source, ds.descriptor)
