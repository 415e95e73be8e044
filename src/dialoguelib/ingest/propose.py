"""Proposed commitment rows for a statement, in the review format; and what a document repeats of earlier ones."""

from __future__ import annotations

import re

import pandas as pd

from .lexicon import (
    ACRONYM_RE,
    INSTRUMENT_PATTERNS,
    MODALITY_RE,
    ORG_RE,
    SECTION_GOAL,
    SECTION_RE,
    STRENGTH,
    TIMING_RES,
)
from .review import REVIEW_COLUMNS
from .segment import HEADER_RE, clauses, sentences
from .suggest import Suggester

__all__ = ["propose", "novelty"]


def _modality(text: str):
    hits = [(m.start(), name) for name, rx in MODALITY_RE for m in [rx.search(text)] if m]
    if not hits:
        return None, None
    pos, name = min(hits)
    return name, pos


def _party(head: str) -> str:
    h = head.lower()
    if re.search(r"\b(we|our|both|together|united states and mexico|mexico and the united states)\b", h):
        return "both"
    if re.search(r"\bthe united states\b|\bu\.s\.", h) and "mexico" not in h:
        return "US"
    if "mexico" in h and "united states" not in h:
        return "MX"
    return "both"


def _gazetteer(ds):
    entries = []
    for r in ds.actors.itertuples(index=False):
        names = [r.name, *r.aliases]
        for n in names:
            if len(n) >= 4:
                words = r"\s+".join(re.escape(w) for w in n.split())  # names may wrap across lines
                entries.append((re.compile(r"(?<!\w)" + words + r"(?!\w)", re.IGNORECASE), r.actor_id, n))
        if isinstance(r.acronym, str):
            entries.append((re.compile(r"(?<![\w.])" + re.escape(r.acronym) + r"(?![\w])"), r.actor_id, r.acronym))
    return entries


def _timing(text: str):
    found, year = [], None
    for rx in TIMING_RES:
        for m in rx.finditer(text):
            found.append(m.group(0))
            if rx is TIMING_RES[0]:
                year = int(m.group(1))
    return "; ".join(dict.fromkeys(found)), year


def propose(ds, text: str, document_id: str, suggester: Suggester | None = None, existing=None) -> pd.DataFrame:
    """Proposed commitment rows for ``text`` (a raw statement), in the review format.

    Every proposal's ``quote`` is exactly ``text[start:end]``. ``existing`` (a Dataset) is
    used to flag proposals that repeat an existing commitment (``similar_to``).

    Parameters
    ----------
    ds : Dataset
        The data whose actors (recognised in the text) and goals, areas and commitments (for the
        default suggester) inform the proposals.
    text : str
        The statement's raw text; a leading YAML front matter block (``---`` lines) is skipped.
    document_id : str
        The id written in every proposal's ``document_id`` column.
    suggester : Suggester, optional
        Suggests each proposal's goal and area (default None: a new ``Suggester(ds)``).
    existing : Dataset, optional
        Commitments to compare the proposals with, filling ``similar_to`` with the id of one
        whose quote has TF-IDF cosine >= 0.5 (default None: ``similar_to`` stays empty).

    Returns
    -------
    DataFrame
        One row per proposed commitment, columns :data:`REVIEW_COLUMNS`
        (``proposal_id`` P001, P002, ...; ``decision`` empty), in text order; no rows when no commitment is found.

    Examples
    --------
    >>> import dialoguelib
    >>> ds = dialoguelib.load()
    >>> p = propose(ds, "Both countries pledge to create a joint lab. The sky is blue.", "x")
    >>> p[["quote", "modality", "party"]].values.tolist()
    [['Both countries pledge to create a joint lab.', 'pledge', 'both']]
    """
    suggester = suggester or Suggester(ds)
    gaz = _gazetteer(ds)
    known_names = {n.lower() for _, _, n in gaz}
    rows = []
    section = None
    body_start = 0
    if text.startswith("---\n"):  # YAML front matter
        end = text.find("\n---\n", 4)
        body_start = end + 5 if end != -1 else 0
    for s, e in sentences(text, body_start):
        sentence = text[s:e]
        sec = SECTION_RE.search(sentence)
        if sec:
            section = SECTION_GOAL[sec.group(1).lower()]
        modality, mpos = _modality(sentence)
        line = text[text.rfind("\n", 0, s) + 1 : s + 2]
        # a bullet item (or a later sentence of one), or a goal header run into its first sentence
        bullet = bool(re.match(r"\s*[•\-*]\s", line)) or bool(HEADER_RE.match(sentence))
        if modality is None and not bullet:
            continue
        head = sentence[:mpos] if mpos is not None else ""
        party = _party(head) if modality else "both"
        pieces = clauses(text, s, e)
        named = None
        m_goal = re.search(
            r"\*\*(protect our people|prevent transborder crime|pursue criminal networks)\*\*", sentence, re.IGNORECASE
        )
        if m_goal:
            named = SECTION_GOAL[m_goal.group(1).lower()]
        if modality is not None and pieces:
            # "As two nations ..., the United States and Mexico need ...": start at the subject
            a0, b0 = pieces[0]
            head0 = text[a0 : s + mpos] if s + mpos > a0 else ""
            subj = None
            for m in re.finditer(r",\s+(?=(?:we|the\s+united\s+states|both|mexico|together)\b)", head0, re.IGNORECASE):
                subj = m
            if subj is not None:
                pieces[0] = (a0 + subj.end(), b0)
        for i, (a, b) in enumerate(pieces):
            clause = text[a:b]
            if bullet and i == 0:  # "• Area name – Do something": the quote starts after the dash
                m = re.match(r"\s*[•\-*]\s+[^–—:]{2,120}?\s[–—-]\s*", clause)
                if m:
                    a += m.end()
                    clause = text[a:b]
            own_mod, _ = _modality(clause)
            mod = own_mod or modality or "objective"
            if modality is None and i > 0 and own_mod is None and not bullet:
                continue
            goal, area, score = suggester.suggest(clause, section, named)
            actors = {}
            for c in ("united-states", "mexico") if party == "both" else (("united-states",) if party == "US" else ("mexico",)):
                actors[c] = "lead"
            for rx, aid, _name in gaz:
                if aid not in actors and rx.search(clause):
                    actors[aid] = "mentioned"
            candidates = []
            for m in ORG_RE.finditer(clause):
                name = m.group(0).strip()
                if name.lower() not in known_names and not any(name.lower() in k or k in name.lower() for k in known_names):
                    candidates.append(name)
            for m in ACRONYM_RE.finditer(clause):
                if m.group(1).lower() not in known_names:
                    candidates.append(m.group(1))
            timing, year = _timing(clause)
            instruments = [k for k, p in INSTRUMENT_PATTERNS.items() if re.search(p, clause, re.IGNORECASE)]
            kind = "objective" if mod in ("objective", "need", "must", "seek") else "action"
            if goal == "cross-cutting":
                kind = "principle"
            confidence = round(STRENGTH.get(mod, 0.6) * (0.6 + 0.4 * score), 3)
            rows.append(
                {
                    "proposal_id": f"P{len(rows) + 1:03d}",
                    "decision": "",
                    "confidence": confidence,
                    "document_id": document_id,
                    "start": a,
                    "end": b,
                    "quote": text[a:b],
                    "goal_id": goal,
                    "area_id": area or "",
                    "kind": kind,
                    "modality": mod,
                    "party": party,
                    "instruments": "|".join(instruments),
                    "timing": timing,
                    "deadline_year": year if year else "",
                    "tags": "proposed",
                    "notes": "",
                    "actors": ";".join(f"{k}:{v}" for k, v in actors.items()),
                    "new_actor_candidates": "|".join(dict.fromkeys(candidates)),
                    "goal_score": round(score, 3),
                    "similar_to": "",
                }
            )
    out = pd.DataFrame(rows, columns=REVIEW_COLUMNS)
    if existing is not None and len(out) and len(existing):
        out["similar_to"] = _similar(existing, out["quote"].tolist())
    return out


def _similar(existing, quotes, threshold: float = 0.5) -> list[str]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    base = existing.commitments
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
    m = vec.fit_transform(list(base["quote"]) + list(quotes))
    a, b = m[: len(base)], m[len(base) :]
    sims = (b @ a.T).toarray()
    ids = base["commitment_id"].to_numpy()
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
    sim = _similar(base, list(mine.tidy["quote"]))
    return pd.DataFrame(
        {
            "commitment_id": mine.tidy["commitment_id"].to_numpy(),
            "status": ["repeated" if s else "new" for s in sim],
            "similar_to": sim,
        }
    )
