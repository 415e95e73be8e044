"""Ingest a new statement: propose commitment rows from raw text, for a person to review.

Two steps, never one:

1. :func:`ingest_document` writes a review set and changes nothing in the data folder: a
   review CSV of proposed rows (sentences and clauses split, commitments detected by the
   codebook's modality lexicon, party, goal and area suggested, actors recognised, dates
   found, exact offsets, a confidence score), the document's row and a byte-for-byte copy
   of the text (see :mod:`dialoguelib.review`).
2. A person sets ``decision`` on every row (``accept``, ``fix`` after editing, ``drop``);
   :func:`~dialoguelib.review.merge_review` then adds the text, the document and the
   accepted rows in one transaction. A re-run adds nothing twice.

Goal and area suggestions are a nearest-neighbour vote over TF-IDF vectors
(:mod:`dialoguelib.ingest.tfidf`, fitted once per run) of the framework's goal and area
descriptions, the curated rows and the team's examples.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ..package.text import first_control_character
from ..query.dataset import load
from .followup import propose_followup
from .merge import merge_review
from .propose import propose
from .repeats import novelty
from .review import REVIEW_COLUMNS, ReviewSet, write_review_set
from .segment import clauses, sentences
from .source import LANGUAGES, Source, detect_language, read_source, read_statement
from .suggest import Suggester

__all__ = [
    "IngestError",
    "propose",
    "ingest_document",
    "merge_review",
    "Suggester",
    "REVIEW_COLUMNS",
    "novelty",
    "read_statement",
    "read_source",
    "Source",
    "detect_language",
    "LANGUAGES",
    "sentences",
    "clauses",
]


def _check_fields(ds, document_id: str, code: str, date: str, texts: dict) -> None:
    """The new document's id, code and date well formed and unused, its text fields plain and its title given."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", document_id):
        raise IngestError(f"--id {document_id!r}: expected a lower-case slug such as 'joint-statement-2022-10-13'")
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", code):
        raise IngestError(f"--code {code!r}: expected 2-10 upper-case letters or digits, starting with a letter (e.g. HLSD22)")
    if document_id in set(ds.documents["document_id"]):
        raise IngestError(f"document id {document_id!r} already exists in {ds.data_dir / 'documents.csv'}; choose another --id")
    if code in set(ds.documents["code"]):
        raise IngestError(f"document code {code!r} is already used; choose another --code")
    try:
        pd.Timestamp(date)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError
    except ValueError:
        raise IngestError(f"--date {date!r}: expected an ISO date YYYY-MM-DD") from None
    for name, value in texts.items():
        hit = first_control_character([value])
        if hit is not None:
            raise IngestError(f"{name}: a control character U+{ord(hit[2]):04X} at character {hit[1] + 1}; expected plain text")
    if not texts["--title"].strip():
        raise IngestError("--title: expected the title as published")


def _raw_names(ds, source, src) -> tuple[str, str]:
    """The names the text (and a saved page) will have in ``raw/``: new names, a page's ending in .html or .htm."""
    name = Path(source).name
    raw_name = Path(name).with_suffix(".txt").name if src.is_html else name
    original_name = name if src.is_html else ""
    for n in filter(None, (raw_name, original_name)):
        if (ds.data_dir / "raw" / n).exists():
            raise IngestError(f"{ds.data_dir / 'raw' / n} already exists; rename the statement file")
    if src.is_html and raw_name == original_name:
        raise IngestError(f"{source}: a saved page needs a name ending in .html or .htm (its text becomes {raw_name})")
    return raw_name, original_name


def ingest_document(
    source,
    *,
    document_id: str,
    code: str,
    date: str,
    title: str,
    data_dir=None,
    kind: str = "statement",
    publisher: str = "",
    source_url: str = "",
    review_path=None,
    force: bool = False,
    language: str | None = None,
    progress: bool = False,
):
    """Propose the commitments of a statement and write its review set; the data folder is not changed.

    The review set is the review CSV, the document file and a byte-for-byte copy of the
    statement (see :mod:`dialoguelib.review`); ``merge`` adds them to the data.

    Parameters
    ----------
    source : path-like
        The statement, as UTF-8 text or a saved HTML page. A text's file name becomes the raw file's
        name (``raw/NAME``); a page is kept as ``raw/NAME.html`` and its extracted main text as
        ``raw/NAME.txt``, which the offsets point into. The names must be new.
    document_id : str
        Its id in ``documents.csv``: a new lower-case slug such as ``joint-statement-2022-10-13`` (required).
    code : str
        Its code in ``documents.csv``, the prefix of its commitment ids: new, 2-10 upper-case letters or digits (required).
    date : str
        Its date in ``documents.csv``, an ISO date ``YYYY-MM-DD`` (required).
    title : str
        Its title in ``documents.csv``, as published; not blank (required).
    data_dir : path-like, optional
        The data folder it will join (its actors, goals and commitments inform the proposals; default:
        ``$DIALOGUELIB_DATA`` or the shipped data).
    kind : str
        Its kind in ``documents.csv`` (default ``"statement"``).
    publisher : str
        Its publisher in ``documents.csv`` (default ``""``, written as ``"unknown"``).
    source_url : str
        Its source address in ``documents.csv`` (default ``""``: none).
    review_path : path-like, optional
        The review CSV to write (default ``DOCUMENT_ID-review.csv`` in the working directory).
    force : bool
        Replace an existing review file (otherwise refused, so that a reviewer's edits are not lost; default False).
    language : str, optional
        ``en`` or ``es``: the statement's language, instead of detecting it (default None: detected;
        a text in neither language is refused).
    progress : bool
        Show a progress bar on standard error while proposing (default False).

    Returns
    -------
    (Path, DataFrame)
        The review file and the proposals. A text with no commitments gives 0 proposals, not an error.

    Raises
    ------
    IngestError
        An unreadable statement, a malformed or already used id, code or date, a control
        character in a field, a raw file name already in the data, or an existing review file.
    """
    ds = load(data_dir)
    src = read_source(source, language)
    text = src.text
    _check_fields(ds, document_id, code, date, {"--title": title, "--kind": kind, "--publisher": publisher, "--url": source_url})
    raw_name, original_name = _raw_names(ds, source, src)
    review_path = Path(review_path or f"{document_id}-review.csv")
    rs = ReviewSet(review_path, Path(raw_name).suffix)
    if review_path.exists() and not force:
        raise IngestError(
            f"{review_path} already exists (it may hold a reviewer's decisions); pass --force to replace it, "
            "or --review to write another file"
        )
    mixed = src.shares.get("es" if src.language == "en" else "en", 0) >= 0.2
    suggester = Suggester(ds)  # its TF-IDF, fitted once, also finds repeats, links and progress reports
    proposals = propose(
        ds, text, document_id, suggester=suggester, existing=ds, progress=progress, language=None if mixed else src.language
    )
    proposals["language"] = src.language
    proposals.attrs["language"] = src.language
    other = "es" if src.language == "en" else "en"
    if language is None and src.shares.get(other, 0) >= 0.2:
        proposals.attrs["language_note"] = (
            f"Note: the text mixes {LANGUAGES[src.language]} ({100 * src.shares[src.language]:.0f}%) and "
            f"{LANGUAGES[other]} ({100 * src.shares[other]:.0f}%); it is recorded as {src.language} "
            "(set --language to choose), and both languages' lexicons were used."
        )
    data = src.text_bytes if src.is_html else Path(source).read_bytes()
    document = {
        "document_id": document_id,
        "code": code,
        "title": title,
        "date": date,
        "kind": kind,
        "publisher": publisher or "unknown",
        "source_url": source_url,
        "raw_path": f"raw/{raw_name}",
        "sha256": hashlib.sha256(data).hexdigest(),
        "language": src.language,
        "original_path": f"raw/{original_name}" if original_name else "",
        "original_sha256": hashlib.sha256(src.original).hexdigest() if src.original is not None else "",
    }
    try:
        followup = propose_followup(ds, text, proposals, date, suggester.vectorizer)
        proposals.attrs["followup"] = followup
        write_review_set(rs, proposals, document, data, src.original, followup=followup)
    except OSError as exc:
        raise IngestError(
            f"cannot write the review set beside {review_path}: {exc.strerror or exc}; nothing was written (expected a "
            "writable place with free space: free some, or choose another with --review)"
        ) from None
    return review_path, proposals
