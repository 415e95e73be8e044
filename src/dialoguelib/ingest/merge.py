"""``merge``: add the reviewed rows and their document to the data, all or nothing.

Every decided row of the review file is checked first (a fault names the review file, its
row and field); then the raw text, the document row, the commitments and their actor links
are staged, the package as it would be is validated, and the files change in one
transaction (:mod:`dialoguelib.package.store`). A re-run adds nothing twice.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from ..errors import DataValidationError, ReviewError, UnknownValueError
from ..package import changelog, store
from ..package.change import changing, commit_change, target
from ..package.schema import check_rows, table_fields
from ..package.text import describe_mismatch
from ..package.validation import read_package
from ..query.dataset import load
from .followup import followup_changes, read_followup, stage_followup
from .review import OFFSET, read_document, read_review, review_set, row_key

__all__ = ["merge_review"]


class _Rows:
    """Turns one review row into a commitment row and its actor links, raising ReviewError at its first fault."""

    def __init__(self, path: Path, review: pd.DataFrame, ds, texts: dict, codes: dict):
        self.path, self.review, self.ds, self.texts, self.codes = path, review, ds, texts, codes

    def fail(self, i: int, field: str, message: str, expected: str = ""):
        """Raise a ReviewError naming the review file, row ``i`` (shown 1-based), its proposal id and ``field``.

        Parameters
        ----------
        i : int
            The row's position (0-based) in the review.
        field : str
            The review column at fault.
        message : str
            What is wrong.
        expected : str
            What the field should hold (default ``""``: not said).
        """
        raise ReviewError(self.path, message, row=i + 1, field=field, key=row_key(self.review, i), expected=expected)

    def resolve(self, i: int, field: str, parameter: str, value: str) -> str:
        """The id that ``value`` names, or a ReviewError at row ``i`` and ``field`` listing close matches.

        Parameters
        ----------
        i : int
            The row's position (0-based) in the review.
        field : str
            The review column the value comes from.
        parameter : str
            What the value names: goal, area, actor, role, kind, modality or party.
        value : str
            The id or name as the reviewer wrote it.

        Returns
        -------
        str
            The id.
        """
        try:
            return self.ds.resolve(parameter, value)
        except UnknownValueError as exc:
            self.fail(i, field, str(exc))

    def offsets(self, i: int, row: dict, text: str) -> tuple[int, int]:
        """The row's quote's offsets in the text: as given when they match, else the quote's only occurrence.

        Parameters
        ----------
        i : int
            The row's position (0-based) in the review.
        row : dict
            The review row, its values as text (``start``, ``end`` and ``quote`` are read).
        text : str
            The text of the row's document.

        Returns
        -------
        (int, int)
            ``start`` and ``end`` with ``text[start:end] == row["quote"]``; a malformed offset, an empty quote,
            or a quote absent from the text or found more than once elsewhere raises ReviewError.
        """
        bounds = []
        for field in ("start", "end"):
            value = row[field].strip()
            if not OFFSET.fullmatch(value):
                self.fail(
                    i, field, f"{row[field]!r} is not a character offset", "a whole number such as 227 (no decimals, no sign)"
                )
            bounds.append(int(value))
        start, end = bounds
        if not start < end <= len(text):
            self.fail(
                i,
                "end" if start < end else "start",
                f"offsets {start}:{end} fall outside the text ({len(text)} characters)",
                "0 <= start < end <= the length of the text",
            )
        quote = row["quote"]
        if not quote.strip():
            self.fail(i, "quote", "missing value", "the exact words of the source")
        if text[start:end] == quote:
            return start, end
        hits = [m.start() for m in re.finditer(re.escape(quote), text)]
        if len(hits) == 1:  # an edited quote: find it again
            return hits[0], hits[0] + len(quote)
        if hits:
            self.fail(
                i,
                "quote",
                f"the quote occurs {len(hits)} times in the text and does not match at {start}:{end}",
                "the offsets of the occurrence meant",
            )
        self.fail(
            i,
            "quote",
            f"the quote is not in the text, and does not match it at {start}:{end}; {describe_mismatch(text[start:end], quote)}",
            "the exact words of the source",
        )

    def commitment(self, i: int, row: dict, cid: str, start: int, end: int) -> dict:
        """The commitment row for review row ``i``, with goal, area, kind, modality and party resolved to ids.

        Parameters
        ----------
        i : int
            The row's position (0-based) in the review.
        row : dict
            The review row, its values as text.
        cid : str
            The new commitment's id, e.g. ``JS-28``.
        start : int
            The quote's start offset in the document's text.
        end : int
            The quote's end offset in the document's text.

        Returns
        -------
        dict
            The values of a ``commitments.csv`` row, as text; an area of another goal raises ReviewError.
        """
        if row["goal_id"].strip().lower() == "outside":
            self.fail(
                i,
                "goal_id",
                "ingest suggested 'outside': no goal of the framework fits this row (migration, or the dialogue's own process)",
                "drop the row, or mark it fix and give the goal it belongs to (protect, prevent, pursue or cross-cutting)",
            )
        goal = self.resolve(i, "goal_id", "goal", row["goal_id"])
        area = ""
        if row["area_id"].strip():
            area = self.resolve(i, "area_id", "area", row["area_id"])
            area_goal = str(self.ds.row("area", area)["goal_id"])
            if area_goal != goal:
                self.fail(
                    i,
                    "area_id",
                    f"area {area!r} belongs to goal {area_goal!r}, the row says {goal!r}",
                    f"goal_id {area_goal!r}, or an area of goal {goal!r}",
                )
        out = {
            "commitment_id": cid,
            "document_id": row["document_id"],
            "start": str(start),
            "end": str(end),
            "quote": row["quote"],
            "goal_id": goal,
            "area_id": area,
        }
        for field in ("kind", "modality", "party"):
            out[field] = self.resolve(i, field, field, row[field])
        for field in ("instruments", "timing", "deadline_year", "tags", "notes"):
            out[field] = row[field].strip() if field in ("instruments", "deadline_year", "tags") else row[field]
        return out

    def links(self, i: int, row: dict, cid: str) -> list[dict]:
        """The actor links of review row ``i``, from its ``actors`` entries (``actor:role``, separated by ';').

        Parameters
        ----------
        i : int
            The row's position (0-based) in the review.
        row : dict
            The review row, its values as text.
        cid : str
            The commitment's id.

        Returns
        -------
        list of dict
            One ``commitment_actors.csv`` row (``commitment_id``, ``actor_id``, ``role``) per entry; an entry
            without a role, an unknown actor or role, or an actor listed twice raises ReviewError.
        """
        links, seen = [], set()
        for spec in filter(None, (s.strip() for s in row["actors"].split(";"))):
            if ":" not in spec:
                self.fail(i, "actors", f"entry {spec!r} has no role", "actor:role entries separated by ';', e.g. 'dea:partner'")
            name, role = (x.strip() for x in spec.rsplit(":", 1))
            actor = self.resolve(i, "actors", "actor", name)
            role = self.resolve(i, "actors", "role", role)
            if actor in seen:
                self.fail(i, "actors", f"actor {actor!r} is listed twice", "each actor once per commitment")
            seen.add(actor)
            links.append({"commitment_id": cid, "actor_id": actor, "role": role})
        return links


def _append(old: bytes, df: pd.DataFrame) -> bytes:
    """The table's bytes with ``df``'s rows appended (columns in the order of the file's header)."""
    header = next(csv.reader(io.StringIO(old.decode("utf-8").split("\n", 1)[0])))
    if not old.endswith(b"\n"):
        old += b"\n"
    return old + store.csv_bytes(df.reindex(columns=header, fill_value=""), header=False)


def _check_schema(
    path: Path, review: pd.DataFrame, rows: list[dict], review_rows: list[int], table: str, descriptor: dict, field_of=lambda f: f
) -> None:
    """Check new rows against a table's schema; a fault is reported at its review row."""
    if not rows:
        return
    columns = [f["name"] for f in table_fields(descriptor, table)]
    df = pd.DataFrame(rows, columns=columns, dtype=object).fillna("")
    try:
        check_rows(path, df, descriptor, table)
    except DataValidationError as exc:
        i = review_rows[exc.row - 1] if exc.row else None  # None: a file with no rows of the review (the document file)
        raise ReviewError(
            path,
            exc.message,
            row=None if i is None else i + 1,
            field=field_of(exc.field),
            key=None if i is None else row_key(review, i),
            expected=exc.expected,
        ) from None


class _Merge:
    """One merge under way: the data as loaded, the review's rows, and the files it stages."""

    def __init__(self, path: Path, review: pd.DataFrame, ds, data_dir: Path):
        self.path, self.review, self.ds, self.data_dir = path, review, ds, data_dir
        self.files = {n: (data_dir / f"{n}.csv").read_bytes() for n in ("documents", "commitments", "commitment_actors")}
        self.texts = dict(ds.raw_texts)
        self.codes = dict(zip(ds.documents["document_id"], ds.documents["code"]))
        self.staged: dict[str, bytes] = {}
        self.merged_as: dict[str, str] = {}  # proposal id -> the commitment it became (or already was)
        self.document: str | None = None  # the review's one document (its document file's, else its first row's)
        self.counts = {"added": 0, "skipped": 0, "dropped": int((review["decision"] == "drop").sum()), "document": "present"}

    def add_document(self, rs, found) -> dict | None:
        """Stage the review set's document (its row, its text, a saved page) unless the data has it; the row when added."""
        doc, source, original = found
        did = doc["document_id"]
        if did in self.codes:
            if self.ds.row("document", did)["sha256"] != doc["sha256"]:
                raise ReviewError(
                    rs.document,
                    f"document id {did!r} is already in the data with another text",
                    field="document_id",
                    expected="a new document id (edit it here and in the review file's document_id column)",
                )
            return None
        if doc["code"] in set(self.codes.values()):
            raise ReviewError(rs.document, f"document code {doc['code']!r} is already used", field="code", expected="a new code")
        _check_schema(rs.document, self.review, [doc], [None], "documents", self.ds.descriptor)
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError:
            raise ReviewError(rs.source(), "not valid UTF-8", expected="the text as ingest copied it") from None
        # the text, and for a saved web page the page: each a new file in raw/ (or the same bytes already there)
        for field, data in (("raw_path", source), ("original_path", original)):
            if data is None:
                continue
            target = self.data_dir / doc[field]
            if target.exists() and target.read_bytes() != data:
                raise ReviewError(
                    rs.document,
                    f"{target} already exists with other content",
                    field=field,
                    expected=f"a file name not yet used in raw/ (edit {field})",
                )
            self.staged[doc[field]] = data
        self.staged["documents.csv"] = _append(self.files["documents"], pd.DataFrame([doc]))
        self.texts[did] = text
        self.codes[did] = doc["code"]
        self.counts["document"] = "added"
        return doc

    def set_document(self, found) -> None:
        """The document every row of the review belongs to: its document file's, else its first decided row's."""
        if found is not None:
            self.document = found[0]["document_id"]
            return
        decided = self.review[self.review["decision"] != "drop"]["document_id"].str.strip()
        self.document = decided.iloc[0] if len(decided) else None

    def add_commitments(self) -> list[dict]:
        """Stage the accepted and fixed rows as new commitments and actor links; the new commitment rows."""
        ds, review = self.ds, self.review
        checker = _Rows(self.path, review, ds, self.texts, self.codes)
        com = ds.commitments
        span_ids = dict(zip(zip(com["document_id"].astype(str), com["start"], com["end"]), com["commitment_id"].astype(str)))
        next_number: dict[str, int] = {}
        new_rows, new_links, row_of, link_row_of = [], [], [], []
        for i, row in enumerate(review.to_dict("records")):
            if row["decision"] == "drop":
                continue
            span = self._span(checker, i, row)
            if span in span_ids:
                self.counts["skipped"] += 1
                self.merged_as[row["proposal_id"].strip()] = span_ids[span]
                continue
            cid = _next_id(com, self.codes[span[0]], next_number)
            span_ids[span] = cid
            new_rows.append(checker.commitment(i, row, cid, span[1], span[2]))
            self.merged_as[row["proposal_id"].strip()] = cid
            links = checker.links(i, row, cid)
            new_links += links
            row_of.append(i)
            link_row_of += [i] * len(links)
            self.counts["added"] += 1
        _check_schema(self.path, review, new_rows, row_of, "commitments", ds.descriptor)
        _check_schema(self.path, review, new_links, link_row_of, "commitment_actors", ds.descriptor, field_of=lambda f: "actors")
        if new_rows:
            columns = [f["name"] for f in table_fields(ds.descriptor, "commitments")]
            self.staged["commitments.csv"] = _append(self.files["commitments"], pd.DataFrame(new_rows, columns=columns))
            self.staged["commitment_actors.csv"] = _append(self.files["commitment_actors"], pd.DataFrame(new_links))
        return new_rows

    def _span(self, checker: _Rows, i: int, row: dict) -> tuple[str, int, int]:
        """(document id, start, end) of a review row's quote in its document's text."""
        doc_id = row["document_id"].strip()
        if self.document is not None and doc_id != self.document:
            checker.fail(
                i,
                "document_id",
                f"the row points into {doc_id!r}, and the review is of {self.document!r}",
                f"{self.document!r}: a review adds the commitments of its own document only (fix the row's "
                "document_id and offsets, or drop it)",
            )
        if doc_id not in self.codes:
            checker.fail(
                i,
                "document_id",
                f"unknown document {doc_id!r}",
                "the document of the review's document file, or one already in the data",
            )
        row["document_id"] = doc_id
        start, end = checker.offsets(i, row, self.texts[doc_id])
        return doc_id, start, end


def _next_id(commitments: pd.DataFrame, prefix: str, next_number: dict) -> str:
    """The next free commitment id of a document code (``JS-55``), counting those handed out in this merge."""
    if prefix not in next_number:
        used = [int(c.split("-", 1)[1]) for c in commitments["commitment_id"] if c.startswith(prefix + "-")]
        next_number[prefix] = max(used, default=0) + 1
    cid = f"{prefix}-{next_number[prefix]:02d}"
    next_number[prefix] += 1
    return cid


def merge_review(review_path, data_dir=None) -> dict:
    """Add the reviewed rows (decision ``accept`` or ``fix``) and their document to the data, all or nothing.

    Parameters
    ----------
    review_path : path-like
        The review CSV written by ``ingest`` (its document file and source beside it), with a
        decision on every row. Rows marked ``fix`` may have edited fields; goals, areas,
        actors and roles may be given by id or by name; a changed quote is found again in the text.
    data_dir : path-like, optional
        The data folder to change (default: ``$DIALOGUELIB_DATA``; the shipped data only when named).

    Returns
    -------
    dict
        ``added`` (new commitments), ``ids`` (their ids), ``skipped`` (already in the data: same
        document and offsets), ``dropped`` (rows marked drop), ``document`` (``"added"`` or
        ``"present"``), ``data_dir`` (the folder) and,
        when anything was added, ``version``: the data's new release (minor version bumped, an
        entry in the folder's ``CHANGELOG.md``, see :mod:`dialoguelib.package.changelog`).

    Raises
    ------
    ReviewError
        A fault in the review file (naming its row and field) or its document file.
    DataValidationError
        The data folder itself is invalid.
    """
    path = Path(review_path)
    data_dir = target(data_dir, "merge")
    if not data_dir.is_dir():
        load(data_dir)  # raises the usual "data folder not found"
    with changing(data_dir):  # one writer at a time; what is loaded here cannot change under us
        ds = load(data_dir)  # the folder as it is, validated
        review = read_review(path)
        rs = review_set(path)
        m = _Merge(path, review, ds, data_dir)
        found = read_document(rs)
        doc = m.add_document(rs, found) if found is not None else None
        m.set_document(found)
        new_rows = m.add_commitments()
        counts, staged, merged_as, texts = m.counts, m.staged, m.merged_as, m.texts
        counts["data_dir"], counts["ids"] = data_dir, [r["commitment_id"] for r in new_rows]
        links, statuses, counts["undecided"] = read_followup(rs, merged_as, texts, found, ds)
        staged.update(stage_followup(data_dir, ds, links, statuses))
        counts["links"], counts["statuses"] = len(links), len(statuses)
        if not staged:
            return counts

        def check(overlay):
            """Validate the package with the staged files over it; a fault is a ReviewError about the review file."""
            try:
                return read_package(data_dir, overlay)
            except DataValidationError as exc:
                raise ReviewError(
                    path, f"merging it would leave the data invalid: {exc}", expected="rows that fit the data (see the codebook)"
                ) from None

        changes = changelog.merge_changes(doc, new_rows)
        changes += followup_changes(links, statuses)
        new_version = commit_change(data_dir, staged, ds.descriptor, changes, check)
        counts["version"] = new_version
        return counts
