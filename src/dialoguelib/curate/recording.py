"""Recording what became of commitments: status updates and lineage links, added to a data folder.

:func:`record_statuses` appends rows to the status ledger (``status_updates.csv``) and
:func:`add_links` rows to ``commitment_links.csv``. Each call is one change
(:mod:`dialoguelib.package.change`, the same write path as ``merge``): the rows are checked against the schema, the package is
validated as it would be (quotes against the raw text, dates, link rules), the next release
is staged (minor version up, a changelog line per row), and all of it lands together or not
at all. The ledger is append-only: rows are only ever added (a correction is a new row
recorded later), and the staged ledger is checked to keep every old row unchanged.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from pathlib import Path

import pandas as pd

from ..config import resolve_data_dir
from ..errors import DataValidationError, DialogueError
from ..package import store
from ..package.change import changing, commit_change
from ..package.ledger import check_appended
from ..package.schema import check_rows, table_fields
from ..package.validation import read_package
from ..query.dataset import load

__all__ = ["record_statuses", "add_links", "read_rows"]

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
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
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
    return {"added": len(df), "version": version}


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


def record_statuses(rows, data_dir=None, source=None, today: _dt.date | None = None) -> dict:
    """Append status updates to the ledger, all or nothing.

    Parameters
    ----------
    rows : list of dict
        Each: ``commitment_id``, ``status``, ``as_of`` (``YYYY-MM-DD``), ``assessed_by`` and the
        evidence (``evidence_document``, ``evidence_start``, ``evidence_end``, ``evidence_quote``
        for a span of a document in the data; or ``evidence_url`` and ``evidence_note``).
        ``recorded`` defaults to today; ``update_id`` is given to each row (the next numbers).
    data_dir : path-like, optional
        The data folder to change (default: ``$DIALOGUELIB_DATA`` or the shipped data).
    source : path-like, optional
        The file the rows came from, named in errors (default: the ledger itself).
    today : date, optional
        The recording date for rows without one (default: today, UTC).

    Returns
    -------
    dict
        ``added`` (rows) and ``version`` (the data's new release).

    Raises
    ------
    DataValidationError
        A row that does not fit (its row and field named); nothing is written.
    """
    data_dir = resolve_data_dir(data_dir)
    if not data_dir.is_dir():
        load(data_dir)
    source = Path(source) if source else data_dir / "status_updates.csv"
    today = today or _dt.datetime.now(_dt.UTC).date()
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
        changes = [
            f"Recorded `{r.update_id}`: `{r.commitment_id}` {r.status} as of {r.as_of} ({r.assessed_by}, recorded {r.recorded})"
            for r in df.itertuples(index=False)
        ]
        return _append(data_dir, "status_updates", df, changes, source, ds.descriptor)


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
        ``added`` and ``version``.

    Raises
    ------
    DataValidationError
        A row that does not fit: unknown commitment, a link forward in time, a self link, a
        duplicate, a supersession cycle; nothing is written.
    """
    data_dir = resolve_data_dir(data_dir)
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
