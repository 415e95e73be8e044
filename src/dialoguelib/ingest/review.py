"""The review set that ``ingest`` writes and ``merge`` reads: its files, their format, reading them back.

``ingest`` changes nothing in the data folder. It writes a review set beside the review file:

- ``NAME.csv``: one proposed commitment per row (:data:`REVIEW_COLUMNS`), each with an
  empty ``decision`` for the reviewer to set to ``accept``, ``fix`` (after editing) or ``drop``;
- ``NAME.followup.csv``: proposed follow-through (:mod:`dialoguelib.ingest.followup`): links from the
  proposals to earlier commitments, and status updates that the statement reports, each with a
  ``decision`` to set like the proposals' (an accepted status needs ``assessed_by``);
- ``NAME.document.json``: the document's row for ``documents.csv`` (id, code, title, date,
  kind, publisher, source address, raw file name, sha256);
- ``NAME.source.EXT``: the statement's text, byte for byte, to become ``raw/<raw file name>``;
- ``NAME.original.html``: for a saved web page, the page byte for byte, to become
  ``raw/<original file name>`` (the source is then the main text extracted from it).

:func:`merge_review` checks every decided row of the review file (naming the review file,
its row and field for any fault), then adds the raw text, the document row, the
commitments and their actors in one transaction (:mod:`dialoguelib.package.store`): after a crash at
any point the folder holds the data from before the merge or after it, never a mix. A
re-run adds nothing twice.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from pathlib import Path, PurePosixPath

import pandas as pd

from ..errors import ReviewError
from ..package import store
from ..package.text import first_control_character

__all__ = ["REVIEW_COLUMNS", "DECISIONS", "ReviewSet", "review_set", "write_review_set", "read_review", "read_document"]

REVIEW_COLUMNS = [
    "proposal_id",
    "decision",
    "confidence",
    "document_id",
    "start",
    "end",
    "quote",
    "goal_id",
    "area_id",
    "kind",
    "modality",
    "party",
    "instruments",
    "timing",
    "deadline_year",
    "tags",
    "notes",
    "actors",
    "new_actor_candidates",
    "goal_score",
    "similar_to",
    "language",
    "reason",
]
# Written by ingest for the reviewer to read, not needed by merge (a review file without them still merges).
INFO_COLUMNS = ("language", "reason")
DECISIONS = ("accept", "fix", "drop")
DOCUMENT_FIELDS = [
    "document_id",
    "code",
    "title",
    "date",
    "kind",
    "publisher",
    "source_url",
    "raw_path",
    "sha256",
    "language",
    "original_path",
    "original_sha256",
]
OFFSET = re.compile(r"[0-9]{1,15}")
_TMP = ".dialoguelib-tmp"


class ReviewSet:
    """The files of one review: the review CSV, the document file and the staged source beside it."""

    def __init__(self, review_path, source_suffix: str = ".txt"):
        self.review = Path(review_path)
        base = self.review.with_suffix("") if self.review.suffix.lower() == ".csv" else self.review
        self.document = base.with_name(base.name + ".document.json")
        self._base = base
        self._suffix = source_suffix
        self._original_suffix = ".html"

    def source(self, suffix: str | None = None) -> Path:
        """The staged copy of the statement, ``NAME.source`` plus ``suffix`` (default None: the set's source suffix)."""
        return self._base.with_name(self._base.name + ".source" + (suffix if suffix is not None else self._suffix))

    def original(self, suffix: str = ".html") -> Path:
        """The staged copy of a saved web page, ``NAME.original`` plus ``suffix``."""
        return self._base.with_name(self._base.name + ".original" + suffix)

    @property
    def followup(self) -> Path:
        """The proposed links and status updates, ``NAME.followup.csv``."""
        return self._base.with_name(self._base.name + ".followup.csv")

    def files(self) -> list[Path]:
        """The set's files: the review CSV, the document file, the staged source, the follow-up file and (for a web page) the original."""
        extra = [p for p in [self.followup, self.original(self._original_suffix)] if p.exists()]
        return [self.review, self.document, self.source()] + extra


def review_set(review_path) -> ReviewSet:
    """The review set of a review file (the source's suffix is read from the document file when it exists)."""
    rs = ReviewSet(review_path)
    try:
        meta = json.loads(rs.document.read_text(encoding="utf-8"))
        raw_name = PurePosixPath(meta["document"]["raw_path"]).name
        rs._suffix = PurePosixPath(raw_name).suffix or ""
        if meta["document"].get("original_path"):
            rs._original_suffix = PurePosixPath(meta["document"]["original_path"]).suffix or ""
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return rs


def write_review_set(
    rs: ReviewSet,
    proposals: pd.DataFrame,
    document: dict,
    source_bytes: bytes,
    original_bytes: bytes | None = None,
    followup: pd.DataFrame | None = None,
) -> None:
    """Write the review set, all of it or none: every file under a temporary name first, then each renamed
    into place, the review CSV last.

    A full disk (or any failed write) leaves the folder as it was: the temporary files are removed
    and the error propagates. A run killed half-way leaves at most temporary files (hidden,
    ``.NAME.dialoguelib-tmp``) and no review CSV for a set that was new; the next ``ingest`` of the
    same review removes them and starts again.

    Parameters
    ----------
    rs : ReviewSet
        Where to write: the review CSV, its document file and its staged source (folders created as needed).
    proposals : DataFrame
        The proposed rows, with at least the :data:`REVIEW_COLUMNS` (written in that order, other columns left out).
    document : dict
        The document's row for ``documents.csv``, written to the document file; its ``raw_path`` names the raw file.
    source_bytes : bytes
        The statement's text exactly as read (for a web page: as extracted), written as the staged source.
    original_bytes : bytes, optional
        A saved web page exactly as read, written as the staged original (default None: a plain text).
    followup : DataFrame, optional
        Proposed links and status updates (:data:`~dialoguelib.ingest.followup.FOLLOWUP_COLUMNS`),
        written as the follow-up file (default None: none, and a stale one is removed).
    """
    rs.review.parent.mkdir(parents=True, exist_ok=True)
    about = (
        "The document row that `dialoguelib merge` adds to documents.csv, with the text beside it "
        f"({rs.source().name}) as raw/{PurePosixPath(document['raw_path']).name}"
    )
    files = [(rs.source(), source_bytes)]
    if original_bytes is not None:
        rs._original_suffix = PurePosixPath(document["original_path"]).suffix or ""
        files.append((rs.original(rs._original_suffix), original_bytes))
        about += f" and the page it was extracted from ({rs.original(rs._original_suffix).name}) as {document['original_path']}"
    meta = {"about": about + ".", "document": document}
    files.append((rs.document, (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode("utf-8")))
    if followup is not None:
        files.append((rs.followup, store.csv_bytes(followup.astype(str))))
    files.append((rs.review, store.csv_bytes(proposals[REVIEW_COLUMNS])))  # last: a set without it is not a set
    _write_all(rs, files, stale_followup=followup is None)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}{_TMP}")


def _write_all(rs: ReviewSet, files: list[tuple[Path, bytes]], stale_followup: bool) -> None:
    """Write every file under its temporary name, then rename each into place; on any failure remove the temporaries."""
    temporaries = [_temporary(path) for path, _ in files]
    for stale in {*temporaries, _temporary(rs.followup), _temporary(rs.original(rs._original_suffix))}:
        stale.unlink(missing_ok=True)  # left by a run that was killed
    placed: list[Path] = []
    try:
        for tmp, (_, data) in zip(temporaries, files):
            store.step(f"write {tmp.name}")
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        if stale_followup:
            rs.followup.unlink(missing_ok=True)
        for tmp, (path, _) in zip(temporaries, files):
            store.step(f"rename {tmp.name}")
            os.replace(tmp, path)
            placed.append(path)
    except BaseException:  # a failed write or an interrupt (a kill leaves only what the next run removes)
        for leftover in temporaries + placed:  # no part of a set stays: the next ingest writes it whole
            leftover.unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- reading
def _decode(path: Path, data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReviewError(
            path,
            f"not valid UTF-8 ({exc.reason} at byte {exc.start})",
            expected=f"{what} saved as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
        ) from None


def read_review(review_path) -> pd.DataFrame:
    """Read a review CSV as text columns, checking its columns and that every row has a decision.

    Returns
    -------
    DataFrame
        Every column as text (empty cells as ``""``), ``decision`` stripped and lower-cased.

    Raises
    ------
    ReviewError
        A missing, empty, non-UTF-8 or malformed file, a missing column, a control character,
        or rows without a decision (all listed).
    """
    path = Path(review_path)
    if not path.is_file():
        raise ReviewError(path, "file not found", expected="the review CSV that `dialoguelib ingest` wrote")
    text = _decode(path, path.read_bytes(), "the review file")
    if not text.strip():
        raise ReviewError(path, "the file is empty", expected="the review CSV that `dialoguelib ingest` wrote")
    try:
        review = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.ParserError as exc:
        raise ReviewError(path, f"malformed CSV: {exc}".strip(), expected="CSV with one value per column") from None
    required = [c for c in REVIEW_COLUMNS if c not in INFO_COLUMNS]
    missing = [c for c in required if c not in review.columns]
    if missing:
        raise ReviewError(path, f"missing column(s) {missing}", expected=f"the columns {required}")
    for column in INFO_COLUMNS:
        if column not in review.columns:
            review[column] = ""
    for column in REVIEW_COLUMNS:
        hit = first_control_character(review[column].tolist())
        if hit is not None:
            i, offset, ch = hit
            raise ReviewError(
                path,
                f"a control character U+{ord(ch):04X} at character {offset + 1}",
                row=i + 1,
                field=column,
                key=row_key(review, i),
                expected="text without control characters (tab and newline are allowed)",
            )
    _check_proposal_ids(path, review)
    decisions = review["decision"].str.strip().str.lower()
    pending = [i + 1 for i, d in enumerate(decisions) if d not in DECISIONS]
    if pending:
        shown = ", ".join(map(str, pending[:10])) + (f" and {len(pending) - 10} more" if len(pending) > 10 else "")
        raise ReviewError(
            path,
            f"row(s) {shown} have no decision (or an unknown one); nothing was merged",
            field="decision",
            expected="accept, fix or drop on every row",
        )
    review["decision"] = decisions
    return review


def _check_proposal_ids(path: Path, review: pd.DataFrame) -> None:
    """Each proposal id names one row: the follow-up file's links and statuses are attached through it."""
    ids = review["proposal_id"].str.strip()
    dup = ids.ne("") & ids.duplicated(keep="first")
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        first = int((ids == ids.iat[i]).to_numpy().nonzero()[0][0])
        raise ReviewError(
            path,
            f"proposal id {ids.iat[i]!r} is also row {first + 1}'s",
            row=i + 1,
            field="proposal_id",
            key=row_key(review, i),
            expected="one row per proposal id, as ingest wrote them (a copied row needs an id of its own, or none)",
        )


def row_key(review: pd.DataFrame, i: int) -> str | None:
    """The key that names a review row in an error message: its ``proposal_id``, if it has one.

    Parameters
    ----------
    review : DataFrame
        The review table, as :func:`read_review` reads it.
    i : int
        The row's position (0-based) in ``review``.

    Returns
    -------
    str or None
        ``"proposal_id='P001'"``, or None when the table has no ``proposal_id`` column or the row's is empty.
    """
    pid = review["proposal_id"].iat[i] if "proposal_id" in review.columns else ""
    return f"proposal_id={pid!r}" if pid else None


def read_document(rs: ReviewSet) -> tuple[dict, bytes, bytes | None] | None:
    """The document row, source bytes and original page's bytes (None for a plain text) of a review set,
    or None when there is no document file."""
    if not rs.document.exists():
        return None
    try:
        meta = json.loads(_decode(rs.document, rs.document.read_bytes(), "the document file"))
        doc = meta["document"]
        if not isinstance(doc, dict):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise ReviewError(
            rs.document,
            "not the document file that ingest writes",
            expected='a JSON object {"document": {document_id, code, title, ...}}; run ingest again',
        ) from None
    missing = [f for f in DOCUMENT_FIELDS if not isinstance(doc.get(f), str)]
    if missing:
        raise ReviewError(rs.document, f"missing or non-text field(s) {missing}", expected=f"text values for {DOCUMENT_FIELDS}")
    source = rs.source()
    if not source.is_file():
        raise ReviewError(
            source,
            "file not found",
            expected=f"the statement's text that ingest copied beside {rs.review.name}; run ingest again",
        )
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != doc["sha256"]:
        raise ReviewError(
            source,
            "the text has changed since ingest (its sha256 differs from the document file's)",
            field="sha256",
            expected="the statement exactly as ingested; run ingest again on the new text",
        )
    original = None
    if doc["original_path"]:
        page = rs.original(PurePosixPath(doc["original_path"]).suffix or "")
        if not page.is_file():
            raise ReviewError(
                page, "file not found", expected=f"the saved page that ingest copied beside {rs.review.name}; run ingest again"
            )
        original = page.read_bytes()
        if hashlib.sha256(original).hexdigest() != doc["original_sha256"]:
            raise ReviewError(
                page,
                "the page has changed since ingest (its sha256 differs from the document file's)",
                field="original_sha256",
                expected="the page exactly as ingested; run ingest again on the new page",
            )
    return {f: doc[f] for f in DOCUMENT_FIELDS}, data, original
