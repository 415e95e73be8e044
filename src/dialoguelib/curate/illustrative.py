"""An illustrative record of follow-through, for the tutorial, the follow-through notebook and the tests.

The shipped data has no status yet: every 2021 commitment is "not assessed". To show what
the follow-through tools do, :func:`illustrative_record` builds a scratch copy of the data
with the team's *illustrative* follow-up statement (``examples/illustrative-follow-up.txt``,
written for this purpose and labelled as such, not a real document) ingested, reviewed and
merged with the lineage links that ingest proposed for it, then records the illustrative
status updates beside it (``examples/illustrative-follow-up-statuses.csv``, with the dates
they are imagined to have been recorded on), through the same commands an analyst uses.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from ..config import examples_dir, resolve_data_dir
from ..errors import OutputDirError
from .recording import read_rows, record_statuses

__all__ = ["ILLUSTRATIVE", "illustrative_record"]

#: How the illustrative follow-up statement is registered.
ILLUSTRATIVE = dict(
    document_id="illustrative-follow-up-2022-10-20",
    code="ILLFU",
    date="2022-10-20",
    title="Illustrative follow-up statement (written by the dialogue-explorer team; not a real document)",
    kind="statement",
    publisher="dialogue-explorer team (illustrative)",
)


def illustrative_record(dest, data_dir=None, examples=None) -> Path:
    """Build a scratch data folder with the illustrative follow-up statement, statuses and links.

    Parameters
    ----------
    dest : path-like
        The folder to create (refused if it exists).
    data_dir : path-like, optional
        The data to start from (default: the shipped data).
    examples : path-like, optional
        The folder of the illustrative files (default: ``examples/`` of the repository).

    Returns
    -------
    Path
        ``dest``, a valid data folder: the 2021 record, the illustrative statement's
        commitments (``ILLFU-01`` ...) and their 3 links, 5 status updates.
    """
    from ..ingest import ingest_document, merge_review
    from ..ingest.review import review_set

    dest = Path(dest)
    examples = Path(examples) if examples else examples_dir()
    if dest.exists():
        raise OutputDirError(f"{dest}: already exists; expected a new folder for the illustrative record")
    shutil.copytree(resolve_data_dir(data_dir), dest)
    for f in dest.rglob("*"):
        f.chmod(0o755 if f.is_dir() else 0o644)
    review = dest.parent / f"{dest.name}-review.csv"
    ingest_document(examples / "illustrative-follow-up.txt", data_dir=dest, review_path=review, force=True, **ILLUSTRATIVE)
    rows = pd.read_csv(review, dtype=str, keep_default_na=False)
    rows["decision"] = "accept"  # the statement is written so that every proposal is right
    rows.to_csv(review, index=False)
    followup = review_set(review).followup
    proposed = pd.read_csv(followup, dtype=str, keep_default_na=False)
    # the links are accepted; the statuses it reports are recorded below, with their own recording dates
    proposed["decision"] = ["accept" if k == "link" else "drop" for k in proposed["kind"]]
    proposed.to_csv(followup, index=False)
    merge_review(review, data_dir=dest)
    statuses = examples / "illustrative-follow-up-statuses.csv"
    record_statuses(read_rows(statuses), data_dir=dest, source=statuses, backdated=True)  # dated as imagined
    return dest
