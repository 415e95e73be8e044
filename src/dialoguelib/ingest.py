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
(scikit-learn) of the framework's goal and area descriptions and the curated rows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import IngestError
from .review import REVIEW_COLUMNS, ReviewSet, merge_review, write_review_set
from .validation import control_in_text, first_control_character

__all__ = ["IngestError", "propose", "ingest_document", "merge_review", "Suggester", "REVIEW_COLUMNS", "novelty"]

# --------------------------------------------------------------------------- lexicon
# Order matters: the first that matches a clause's head names its modality.
MODALITY_PATTERNS = [
    ("reaffirm", r"\breaffirm(?:s|ed)?\b"),
    ("affirm", r"\baffirm(?:s|ed)?\b"),
    ("pledge", r"\bpledge(?:s|d)?\b"),
    ("intend", r"\bintend(?:s|ed)?\b|\bwith the intent to\b"),
    ("commit", r"\bcommit(?:s|ted)?\b(?!\s+crimes?)|\bcommitment to\b"),
    ("plan", r"\bplan(?:s|ned)? to\b"),
    ("propose", r"\bpropose(?:s|d)?\b"),
    ("agree", r"\bagree(?:s|d)? to\b|\bagreed\b"),
    ("seek", r"\bseek(?:s)?\b"),
    ("continue", r"\bcontinue(?:s)? to\b"),
    ("will", r"\bwill\b"),
    ("must", r"\bmust\b"),
    ("need", r"\bneed(?:s)? (?:to|and want to)\b|\bneed and want\b"),
]
_MODALITY_RE = [(m, re.compile(p, re.IGNORECASE)) for m, p in MODALITY_PATTERNS]
STRENGTH = {
    "pledge": 0.95,
    "commit": 0.95,
    "reaffirm": 0.9,
    "affirm": 0.85,
    "intend": 0.9,
    "plan": 0.85,
    "agree": 0.9,
    "propose": 0.8,
    "seek": 0.8,
    "continue": 0.75,
    "will": 0.75,
    "must": 0.7,
    "need": 0.65,
    "objective": 0.6,
}

# Verbs that open a new action in a list of actions ("..., and strengthen ...").
ACTION_VERBS = {
    "address",
    "advance",
    "build",
    "collaborate",
    "combat",
    "conduct",
    "consider",
    "continue",
    "convene",
    "coordinate",
    "counter",
    "create",
    "develop",
    "disrupt",
    "dismantle",
    "diminish",
    "enhance",
    "ensure",
    "establish",
    "expand",
    "explore",
    "extradite",
    "facilitate",
    "fight",
    "focus",
    "foster",
    "freeze",
    "identify",
    "implement",
    "improve",
    "increase",
    "indict",
    "invest",
    "launch",
    "limit",
    "place",
    "prevent",
    "professionalize",
    "promote",
    "prosecute",
    "protect",
    "provide",
    "pursue",
    "reduce",
    "regularly",
    "share",
    "sign",
    "stand",
    "standardize",
    "strengthen",
    "support",
    "target",
    "track",
    "work",
    "evaluate",
    "arrest",
    "seize",
    "stop",
    "bring",
    "respond",
}
ING_STEMS = ACTION_VERBS | {"secure"}  # "securing modes of travel" is an action; "secure communities" is not
# After these, the rest of the sentence is the purpose or means of the action: no more cuts.
PURPOSE_MARKERS = re.compile(
    r"\b(?:in order to|with the intent to|with the goal of|with a focus on|focused on|so as to|"
    r"to help|for the benefit of)\b",
    re.IGNORECASE,
)
CROSS_CUTTING_CUES = re.compile(
    r"human rights|corruption|sovereignt|equity|civil rights|racial justice|shared responsibility|"
    r"holistic|new vision|concrete actions|coordinated manner|face security challenges",
    re.IGNORECASE,
)
_ABBREVIATIONS = [
    "U.S.",
    "U.N.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "No.",
    "St.",
    "e.g.",
    "i.e.",
    "etc.",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Gen.",
    "Sen.",
    "Rep.",
    "Jr.",
    "Inc.",
    "Co.",
]
_SENTENCE_END = re.compile(r"[.!?][”\"')\]]*(?=\s+[A-Z“\"(*•\-]|\s*$)|\n\s*\n|\n(?=\s*[•\-*]\s)")
ORG_WORDS = (
    r"(?:Office|Department|Commission|Agency|Administration|Unit|Program|Programme|Network|Council|Ministry|"
    r"Secretariat|Bureau|Group|Force|Institute|Service|Cartel|Guard|Directorate|Prosecutor|Attorney|Court|Center|Centre|Navy|Army|Police)"
)
_ORG_RE = re.compile(
    rf"\b(?:[A-Z][\w’'\-]+\s+)(?:(?:of|for|and|the|on|de|del|la|y)\s+|[A-Z][\w’'\-]+\s+)*{ORG_WORDS}\b"
    rf"(?:\s+(?:of|for|on)\s+(?:[A-Z][\w’'\-]+\s*)+)?"
)
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})\)")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TIMING_RES = [
    re.compile(r"\bby (?:the end of )?(?:(?:" + _MONTHS + r")\s+)?(\d{4})\b"),
    re.compile(r"\b(?:" + _MONTHS + r")(?:\s+\d{1,2})?(?:,\s*\d{4})?\b"),
    re.compile(r"\b(?:annually|year-round|every year|each year|quarterly|monthly|biannually)\b", re.IGNORECASE),
    re.compile(r"\bwithin (?:the next )?\w+ (?:days|weeks|months|years)\b", re.IGNORECASE),
    re.compile(r"\bin (?:the lead-up to |early |late )?(\d{4})\b"),
]
_SECTION_RE = re.compile(r"\bTo (protect our people|prevent transborder crime|pursue criminal networks)\b", re.IGNORECASE)
_SECTION_GOAL = {"protect our people": "protect", "prevent transborder crime": "prevent", "pursue criminal networks": "pursue"}
INSTRUMENT_PATTERNS = {
    "mou": r"\bmemorand(?:um|a) of understanding\b|\bMoUs?\b",
    "network": r"\bnetwork for\b|\bNetwork\b",
    "working-group": r"\bworking group\b",
    "task-force": r"\btask forces?\b",
    "lab": r"\blab(?:s|oratory|oratories)?\b",
    "grant": r"\bgrants?\b",
    "designation": r"\bdesignation\b",
    "program": r"\bprogram(?:me)?\b",
    "meeting": r"\bmeet(?:ing)?s?\b",
    "training": r"\btraining\b",
    "technical-assistance": r"\btechnical assistance\b",
}


# --------------------------------------------------------------------------- reading
def read_statement(path) -> str:
    """Read a statement as UTF-8 text, refusing empty, binary, non-UTF-8 files and control characters with a clear message."""
    path = Path(path)
    if not path.is_file():
        raise IngestError(f"{path}: file not found")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(f"{path}: the file is empty; expected the statement's text")
    if b"\x00" in data:
        raise IngestError(
            f"{path}: holds NUL bytes (at byte {data.index(0)}), so it looks like a binary file; expected plain UTF-8 text"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{path}: not valid UTF-8 at byte {exc.start} ({exc.reason}); convert it first, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    hit = control_in_text(text)
    if hit is not None:
        line, column, ch = hit
        raise IngestError(
            f"{path}: a control character U+{ord(ch):04X} at line {line}, column {column}; "
            "expected plain text (tab and newline are allowed)"
        )
    return text


# --------------------------------------------------------------------------- splitting
def _protect(text: str) -> str:
    """Mask the dots of abbreviations so they do not end sentences (same length as the text)."""
    for abbr in _ABBREVIATIONS:
        text = text.replace(abbr, abbr.replace(".", "\x01"))
    return text


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of sentences (and bullet items) in ``text``; offsets are into ``text``.

    >>> t = "We pledge to act. The U.S. will help.\\n\\n• Item one; item two."
    >>> [t[s:e] for s, e in sentences(t)]
    ['We pledge to act.', 'The U.S. will help.', '• Item one; item two.']
    """
    masked = _protect(text)
    spans, pos = [], start
    for m in _SENTENCE_END.finditer(masked, start):
        end = m.end() if masked[m.start()] in ".!?" else m.start()
        _add_span(text, pos, end, spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text, s, e, spans):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def _is_action_verb(word: str, ing: bool = False) -> bool:
    if not word or not word[0].islower():  # Title Case words are names and headings
        return False
    if word in ACTION_VERBS and not ing:
        return True
    if ing and word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        return stem in ING_STEMS or stem + "e" in ING_STEMS or (stem[-1] == stem[-2] and stem[:-1] in ING_STEMS)
    return False


_CUT_RE = re.compile(
    r"(?P<semi>;\s*(?:and\s+)?)"  # semicolons
    r"|(?P<while>,\s+while\s+)(?=\w)"  # ", while ..."
    r"|(?P<aswell>,\s+as\s+well\s+as\s+)(?=(?P<w0>\w+))"  # ", as well as targeting ..."
    r"|(?P<subj>,\s+and\s+)(?=(?:we|they)\b)"  # ", and we ..."
    r"|(?P<comma>,\s+(?P<and1>and\s+)?(?:to\s+)?)(?=(?P<w1>\w+)(?P<n1>[\s,]))"  # ", (and) (to) VERB"
    r"|(?P<and>\s+and\s+(?:to\s+)?)(?=(?P<w2>\w+))"  # " and (to) VERB"
)
_BULLET_HEADING_RE = re.compile(r"\s*[•*]\s+[^–—:\n]{2,120}?\s?[–—-]\s+(?=[A-Z])")
_HEADER_RE = re.compile(r"GOAL \d+:\s+[A-Z ,]+?(?=[A-Z][a-z])")


def clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split a sentence into its separate actions.

    Cuts at ';', at ', while' / ', as well as', and before a verb that opens a new action
    (', and strengthen', ' and disrupt', ', supporting'); a cut needs at least 20 characters
    on its left, so lists of verbs ("identify, target, and dismantle") stay whole.

    >>> t = "We plan to share information to detect money laundering and disrupt its facilitators."
    >>> [t[a:b] for a, b in clauses(t, 0, len(t))]
    ['We plan to share information to detect money laundering', 'disrupt its facilitators.']
    """
    header = _HEADER_RE.match(text, s)
    if header:
        s = header.end()
    bullet = bool(re.match(r"\s*(?:[•\-*]\s|\*\*)", text[s:e]))
    heading = _BULLET_HEADING_RE.match(text, s)
    if heading and heading.end() < e:  # "• Public Health – Prevent ...": the action starts after the dash
        s = heading.end()
    cuts = [s]
    seg = text[s:e]

    def next_stop(pos):
        found = [
            m.start()
            for m in (PURPOSE_MARKERS.search(seg, pos), None if bullet else re.compile(r"\sby\s+\w+ing\b").search(seg, pos))
            if m
        ]
        semi = seg.find(";", pos)
        stop = min(found) if found else len(seg)
        return stop, (semi if semi != -1 else len(seg))

    stop, semi_at = next_stop(0)
    for m in _CUT_RE.finditer(seg):
        if m.group("semi"):
            cuts.append(s + m.end())
            stop, semi_at = next_stop(m.end())
            continue
        if stop <= m.start() < semi_at:
            continue
        left = seg[cuts[-1] - s : m.start()]
        if m.group("while"):
            nxt = re.match(r"\w+", seg[m.end() :])
            ok = not (nxt and nxt.group(0).endswith("ing"))  # "while limiting harms" is manner, not a new action
        elif m.group("subj"):
            ok = True
        elif m.group("aswell"):
            ok = _is_action_verb(m.group("w0"), ing=True)
        elif m.group("comma") is not None:
            w = m.group("w1")
            ok = (_is_action_verb(w) and m.group("n1").isspace()) or _is_action_verb(w, ing=True)
        else:  # " and VERB" without a comma: a new action only if the verb takes an object
            w = m.group("w2")
            ok = (_is_action_verb(w) and seg[m.end() + len(w) :][:1].isspace()) or (bullet and _is_action_verb(w, ing=True))
        if ok and re.search(r"\b(?:of|to|for|with|in|on|the|a|an)$", left.rstrip()):
            ok = False  # "reduce the capacity of and disrupt ...": the left part is unfinished
        if ok and len(left) >= 20:
            cuts.append(s + m.end())
    out = []
    for a, b in zip(cuts, cuts[1:] + [e]):
        piece_end = b
        while piece_end > a and text[piece_end - 1] in " ;,\n":
            piece_end -= 1
        for tail in (" and", " while", " as well as"):
            if text[a:piece_end].endswith(tail):
                piece_end -= len(tail)
        while piece_end > a and text[piece_end - 1] in " ,;\n":
            piece_end -= 1
        if re.search(r"\bto:\s*$", text[a:b]):  # a lead-in ("pledge to stand together to:") is not an action
            continue
        if piece_end - a >= 12:
            out.append((a, piece_end))
    return out


# --------------------------------------------------------------------------- suggesting
@dataclass
class Example:
    text: str
    goal_id: str
    area_id: str | None


class Suggester:
    """Suggest goal and area by similarity to the framework's descriptions and curated rows."""

    def __init__(self, ds, documents=None, k: int = 5):
        from sklearn.feature_extraction.text import TfidfVectorizer

        examples = [Example(r.description, str(r.goal_id), None) for r in ds.goals.itertuples(index=False)]
        examples += [
            Example(f"{r.name}. {r.description}", str(r.goal_id), str(r.area_id)) for r in ds.areas.itertuples(index=False)
        ]
        com = ds.commitments
        if documents is not None:
            com = com[com["document_id"].astype(str).isin(documents)]
        examples += [
            Example(q, str(g), None if pd.isna(a) else str(a)) for q, g, a in zip(com["quote"], com["goal_id"], com["area_id"])
        ]
        self.examples = examples
        self.k = k
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english", min_df=1)
        self.matrix = self.vectorizer.fit_transform([e.text for e in examples])
        self.goals = [str(g) for g in ds.goals["goal_id"]]

    def suggest(self, text: str, section_goal: str | None = None, named_goal: str | None = None) -> tuple[str, str | None, float]:
        """(goal_id, area_id or None, score in 0..1) for a clause.

        ``section_goal`` is the goal of the section the clause sits in ("To prevent transborder
        crime, ..."); ``named_goal`` a goal its sentence names outright ("**Protect our people** by ...").
        """
        v = self.vectorizer.transform([text])
        sims = (self.matrix @ v.T).toarray().ravel()
        top = np.argsort(-sims)[: self.k]
        votes = {g: 0.0 for g in self.goals}
        for i in top:
            votes[self.examples[i].goal_id] += sims[i]
        if section_goal in votes:
            votes[section_goal] += 0.15 + 0.25 * max(sims[top[0]], 0)
        if named_goal in votes:
            votes[named_goal] += 1.0
        if "cross-cutting" in votes and CROSS_CUTTING_CUES.search(text):
            votes["cross-cutting"] += 0.5
        goal = max(votes, key=votes.get)
        total = sum(votes.values()) or 1.0
        area_votes: dict = {}
        for i in top:
            ex = self.examples[i]
            if ex.goal_id == goal and ex.area_id:
                area_votes[ex.area_id] = area_votes.get(ex.area_id, 0.0) + sims[i]
        area = max(area_votes, key=area_votes.get) if area_votes and max(area_votes.values()) >= 0.12 else None
        return goal, area, float(votes[goal] / total)


# --------------------------------------------------------------------------- proposing
def _modality(text: str):
    hits = [(m.start(), name) for name, rx in _MODALITY_RE for m in [rx.search(text)] if m]
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
    for rx in _TIMING_RES:
        for m in rx.finditer(text):
            found.append(m.group(0))
            if rx is _TIMING_RES[0]:
                year = int(m.group(1))
    return "; ".join(dict.fromkeys(found)), year


def propose(ds, text: str, document_id: str, suggester: Suggester | None = None, existing=None) -> pd.DataFrame:
    """Proposed commitment rows for ``text`` (a raw statement), in the review format.

    Every proposal's ``quote`` is exactly ``text[start:end]``. ``existing`` (a Dataset) is
    used to flag proposals that repeat an existing commitment (``similar_to``).

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
        sec = _SECTION_RE.search(sentence)
        if sec:
            section = _SECTION_GOAL[sec.group(1).lower()]
        modality, mpos = _modality(sentence)
        line = text[text.rfind("\n", 0, s) + 1 : s + 2]
        # a bullet item (or a later sentence of one), or a goal header run into its first sentence
        bullet = bool(re.match(r"\s*[•\-*]\s", line)) or bool(_HEADER_RE.match(sentence))
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
            named = _SECTION_GOAL[m_goal.group(1).lower()]
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
            for m in _ORG_RE.finditer(clause):
                name = m.group(0).strip()
                if name.lower() not in known_names and not any(name.lower() in k or k in name.lower() for k in known_names):
                    candidates.append(name)
            for m in _ACRONYM_RE.finditer(clause):
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
    """For each commitment of ``document``: the most similar commitment of earlier documents, and
    whether it is ``repeated`` (TF-IDF cosine >= 0.5) or ``new``."""
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


# --------------------------------------------------------------------------- ingest
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
):
    """Propose the commitments of a statement and write its review set; the data folder is not changed.

    The review set is the review CSV, the document file and a byte-for-byte copy of the
    statement (see :mod:`dialoguelib.review`); ``merge`` adds them to the data.

    Parameters
    ----------
    source : path-like
        The statement, as UTF-8 text.
    document_id, code, date, title, kind, publisher, source_url : str
        Its row in ``documents.csv``; the id and code must be new.
    data_dir : path-like, optional
        The data folder it will join (its actors, goals and commitments inform the proposals).
    review_path : path-like, optional
        The review CSV to write (default ``DOCUMENT_ID-review.csv`` in the working directory).
    force : bool
        Replace an existing review file (otherwise refused, so that a reviewer's edits are not lost).

    Returns
    -------
    (Path, DataFrame)
        The review file and the proposals. A text with no commitments gives 0 proposals, not an error.
    """
    from .dataset import load

    ds = load(data_dir)
    text = read_statement(source)
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
    for name, value in (("--title", title), ("--kind", kind), ("--publisher", publisher), ("--url", source_url)):
        hit = first_control_character([value])
        if hit is not None:
            raise IngestError(f"{name}: a control character U+{ord(hit[2]):04X} at character {hit[1] + 1}; expected plain text")
    if not title.strip():
        raise IngestError("--title: expected the title as published")
    raw_name = Path(source).name
    if (ds.data_dir / "raw" / raw_name).exists():
        raise IngestError(f"{ds.data_dir / 'raw' / raw_name} already exists; rename the statement file")
    review_path = Path(review_path or f"{document_id}-review.csv")
    rs = ReviewSet(review_path, Path(source).suffix)
    if review_path.exists() and not force:
        raise IngestError(
            f"{review_path} already exists (it may hold a reviewer's decisions); pass --force to replace it, "
            "or --review to write another file"
        )
    proposals = propose(ds, text, document_id, existing=ds)
    data = Path(source).read_bytes()
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
    }
    try:
        write_review_set(rs, proposals, document, data)
    except OSError as exc:
        raise IngestError(
            f"cannot write the review set beside {review_path}: {exc.strerror or exc}; choose a writable place with --review"
        ) from None
    return review_path, proposals
