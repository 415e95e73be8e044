"""What a statement repeats of earlier commitments: the most similar earlier commitment of each new one."""

from __future__ import annotations

import pandas as pd

from .tfidf import STOP_WORDS, Tfidf

__all__ = ["similar", "novelty"]


def similar(existing, quotes: list, tfidf: Tfidf | None = None, threshold: float = 0.5) -> list[str]:
    """The id of the earlier commitment each quote repeats (TF-IDF cosine of words and pairs), or "".

    Parameters
    ----------
    existing : Dataset or Selection
        The earlier commitments.
    quotes : list of str
        The new quotes.
    tfidf : Tfidf, optional
        The run's fitted TF-IDF (the suggester's; default None: one fitted on the earlier and new quotes).
    threshold : float
        The least cosine similarity that counts as a repeat (default 0.5).

    Returns
    -------
    list of str
        One id or "" per quote, in order.
    """
    base = [str(q) for q in existing.commitments["quote"]]
    tfidf = tfidf or Tfidf(STOP_WORDS).fit(base + [str(q) for q in quotes])
    sims = tfidf.cosine(base, [str(q) for q in quotes])
    if not sims.size:
        return [""] * len(quotes)
    ids = existing.commitments["commitment_id"].to_numpy()
    return [ids[row.argmax()] if row.max() >= threshold else "" for row in sims]


def novelty(ds, document) -> pd.DataFrame:
    """Whether each commitment of a document repeats one of an earlier document or is new.

    For each commitment of ``document``: the most similar commitment of earlier documents, and
    whether it is ``repeated`` (TF-IDF cosine >= 0.5) or ``new``.

    Parameters
    ----------
    ds : Dataset
        The data holding the document and the documents it is compared with.
    document : str
        The document, by id, code or title; it is compared with the other documents dated on or before it.

    Returns
    -------
    DataFrame
        Columns ``commitment_id``, ``status`` (``"repeated"`` or ``"new"``) and ``similar_to`` (the most
        similar earlier commitment's id when repeated, else ``""``), one row per commitment of the document;
        all ``new`` when there is no earlier document.
    """
    doc = ds.resolve("document", document)
    date = ds.row("document", doc)["date"]
    earlier = [d for d, dt in zip(ds.documents["document_id"], ds.documents["date"]) if dt <= date and d != doc]
    mine = ds.by_document(doc)
    if not earlier or len(mine) == 0:
        return pd.DataFrame({"commitment_id": mine.tidy["commitment_id"], "status": "new", "similar_to": ""})
    base = ds.filter(document=earlier)
    sim = similar(base, list(mine.tidy["quote"]))
    return pd.DataFrame(
        {
            "commitment_id": mine.tidy["commitment_id"].to_numpy(),
            "status": ["repeated" if s else "new" for s in sim],
            "similar_to": sim,
        }
    )
