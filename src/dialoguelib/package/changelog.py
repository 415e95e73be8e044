"""The data's changelog (``CHANGELOG.md`` in a data folder) and the descriptor of a new release.

Each release is a section, newest first: ``## VERSION (DATE)``, the content digest, then what
changed row by row. ``merge`` writes one in the same transaction as the rows it adds.
"""

from __future__ import annotations

import datetime as _dt
import json

from .citation import DIGEST_PREFIX, bump
from .history import RELEASED, released_record, table_bytes

__all__ = ["CHANGELOG", "HEADER", "entry", "merge_changes", "prepend", "next_descriptor", "stage_release"]

CHANGELOG = "CHANGELOG.md"
HEADER = (
    "# Data changelog\n\n"
    "Every release of this data folder, newest first: its version (`datapackage.json`), date and content\n"
    "digest (`dialoguelib cite`), and what changed, row by row. `dialoguelib diff OLD NEW` lists the\n"
    "changes between any two data folders.\n"
)


def _short(text: str, n: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def entry(version: str, date: str, digest: str, changes: list[str]) -> str:
    """One release's section of the changelog.

    Parameters
    ----------
    version, date, digest : str
        The release's version, ISO date and the tables' sha256 (hex).
    changes : list of str
        One line per change (Markdown, without the bullet).

    Returns
    -------
    str

    >>> print(entry("1.1.0", "2026-12-02", "ab" * 32, ["Added `X-01`."]), end="")
    ## 1.1.0 (2026-12-02)
    <BLANKLINE>
    Content digest `sha256:abababababababababababababababababababababababababababababababab`.
    <BLANKLINE>
    - Added `X-01`.
    """
    lines = [f"## {version} ({date})", "", f"Content digest `{DIGEST_PREFIX}{digest}`.", ""]
    # one line per change, whatever the data holds: a line break in a row's text cannot start a heading
    lines += [f"- {' '.join(str(c).split())}" for c in changes] or ["- No row changed."]
    return "\n".join(lines) + "\n"


def merge_changes(document: dict | None, rows: list[dict]) -> list[str]:
    """The changelog lines of a merge: the document added (if any) and each commitment added.

    Parameters
    ----------
    document : dict or None
        The new ``documents.csv`` row, or None when the document was already in the data.
    rows : list of dict
        The new ``commitments.csv`` rows.

    Returns
    -------
    list of str
    """
    out = []
    if document is not None:
        out.append(
            f"Added document `{document['document_id']}` ({document['code']}, {document['date']}): {_short(document['title'])}"
        )
    for r in rows:
        where = f"{r['goal_id']}" + (f" / {r['area_id']}" if r.get("area_id") else "")
        out.append(f"Added commitment `{r['commitment_id']}` ({where}): “{_short(r['quote'])}”")
    return out


def prepend(old: bytes | None, section: str) -> bytes:
    """The changelog with ``section`` as its newest release (a new changelog if ``old`` is None).

    Parameters
    ----------
    old : bytes or None
        The current ``CHANGELOG.md``.
    section : str
        What :func:`entry` returned.

    Returns
    -------
    bytes
    """
    text = old.decode("utf-8") if old else HEADER
    head, sep, rest = text.partition("\n## ")
    body = head.rstrip("\n") + "\n\n" + section + (("\n## " + rest) if sep else "")
    return body.encode("utf-8")


def next_descriptor(
    descriptor: dict, digest: str, part: str = "minor", today: _dt.date | None = None, blobs: dict | None = None
) -> bytes:
    """``datapackage.json`` for the next release: version bumped, ``created`` today, the new content digest
    and, given the tables' bytes, the record of the release (:data:`~dialoguelib.package.history.RELEASED`).

    Parameters
    ----------
    descriptor : dict
        The current descriptor.
    digest : str
        The new tables' sha256 (hex).
    part : str
        ``major``, ``minor`` (new rows) or ``patch``.
    today : date, optional
        The release date (default: today, UTC).
    blobs : dict of str to bytes, optional
        The tables as released, by name: each one's length and sha256 are recorded, with the title
        and contributors, so that the next change can tell what was edited by hand since.

    Returns
    -------
    bytes
        The descriptor as JSON, keys in their order, new keys after ``created``.
    """
    today = today or _dt.datetime.now(_dt.UTC).date()
    new = {
        "version": bump(descriptor.get("version", "0.0.0"), part),
        "created": f"{today:%Y-%m-%d}T00:00:00Z",
        "content_digest": f"{DIGEST_PREFIX}{digest}",
    }
    if blobs is not None:
        new[RELEASED] = released_record(descriptor, blobs)
    out = {}
    for k, v in descriptor.items():
        out[k] = new.get(k, v)
        if k == "created":  # keys the descriptor lacks go after it
            out.update({n: x for n, x in new.items() if n not in descriptor})
    out.update({n: x for n, x in new.items() if n not in out})
    return (json.dumps(out, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def stage_release(txn, data_dir, descriptor: dict, digest: str, changes: list[str], check) -> str:
    """Stage the next release in a transaction: ``datapackage.json`` (minor version up, the new
    digest) and its ``CHANGELOG.md`` entry; then validate it all with ``check``.

    Parameters
    ----------
    txn : dialoguelib.package.store.Transaction
        The open transaction that already holds the changed tables.
    data_dir : Path
        The data folder.
    descriptor : dict
        The current descriptor.
    digest : str
        The sha256 of the tables as staged (what validating the staged package returned).
    changes : list of str
        The changelog lines, one per row changed.
    check : callable
        ``check(overlay)`` validates the package with the staged files (see :meth:`Transaction.validate`).

    Returns
    -------
    str
        The new version.
    """
    new = next_descriptor(descriptor, digest, blobs=table_bytes(data_dir, descriptor, txn.overlay))
    meta = json.loads(new)
    log = data_dir / CHANGELOG
    txn.write("datapackage.json", new)
    txn.write(
        CHANGELOG,
        prepend(log.read_bytes() if log.exists() else None, entry(meta["version"], meta["created"][:10], digest, changes)),
    )
    txn.validate(check)
    return meta["version"]
