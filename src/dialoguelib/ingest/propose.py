"""Proposed commitment rows for a statement, in the review format."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..package.text import unaccent
from . import parallel, who
from .matching import INSTRUMENT_ANY, MODALITY_NAMES, modality_matches
from .repeats import similar
from .review import REVIEW_COLUMNS
from .rules.lexicon import (
    BELIEF,
    BOILERPLATE,
    DEADLINE_RES,
    GOAL_NAME_ALONE,
    IMPERATIVES,
    INSTRUMENT_PATTERNS,
    LIST_MARKER,
    MEMBERS,
    MESES,
    MONTHS,
    NOT_GOVERNMENTS,
    NOT_INFINITIVES,
    NOT_NEEDS,
    NOT_UNDERTAKINGS,
    OBJECTIVE_RE,
    PARTY_WORDS,
    PAST_MEETING,
    PAST_TIME,
    RELATIVE,
    RELATIVE_BACK,
    REPORTING,
    SECTION_GOAL,
    SECTION_RE,
    STRENGTH,
    SUBORDINATE,
    TIMING_RES,
)
from .segment import HEADER_RE, clauses, one_paragraph_per_line, sentences
from .suggest import Suggester
from .who import Gazetteer

__all__ = ["propose"]


WEAK = {"will", "continue", "must", "need"}


_CLAUSE_BREAK = re.compile(r"[,;:—(]")
_BULLET = re.compile(r"\s*" + LIST_MARKER)  # a list item: "• ...", "1. ...", "a) ..."
_INDENT = re.compile(r"\s*")
_QUESTION = re.compile(r"(?:QUESTION|PREGUNTA|Q)\s*:")
_REMARK = re.compile(r"[“\"«][^”\"»]+[”\"»],?\s+(?:said|says|afirmó|dijo|declaró|señaló)")
_CLOSED = re.compile(r"[.!?…;”\"»)]$")
_GOAL_NUMBER = re.compile(r"\s*(?:\D{0,30}?\s)?([123])\.\d")  # "Joint objective 1.1.1:", "2.3.1", "Línea de acción 3.2:"
GOAL_ORDER = ("protect", "prevent", "pursue")  # the fact sheet's order of the three goals
_CLEFT = re.compile(r"(?:\s+do)?,?\s+(?:is|es)\b")  # "What we will do is keep sharing", "Lo que sí vamos a hacer es"
_THIRD = who.THIRD_COUNTRY  # a third party of some follow-ups
_AGREEMENTS = re.compile(
    r"\b(?:acuerdos|agreements|agreed|acordaron|acordamos)\b", re.IGNORECASE
)  # "Entre los acuerdos destacan:"
# A clause with none of these has no timing: one search instead of one per TIMING_RES expression.
_TIMING_HINT = re.compile(
    r"\d{4}|" + MONTHS + r"|(?i:" + MESES + r"|annually|year-round|every year|each year|quarterly|monthly|biannually|"
    r"within|anualmente|cada|mensualmente|trimestralmente|semestralmente|plazo)"
)
_SUBORDINATE_LOW = re.compile(SUBORDINATE.pattern)  # on the lower-cased sentence: no case folding needed


def _modalities(text: str, language: str | None = None) -> list[tuple[int, str, str]]:
    """The modality words of a sentence that open a commitment: (offset, name, matched text), in order.

    A hit is passed over when it sits in a subordinate clause ("after the two governments launched"),
    follows a relative pronoun ("who continue to suffer", "it continues to guide"), or is a
    "continue" whose subject is no government or body ("Fentanyl ... continue to kill").
    """
    out = []
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): keep offsets exact
        low = "".join(c.lower()[0] for c in text)
    marks = None  # where the sentence's clauses break (",;:—("), found at the first hit
    for pos, end, group in modality_matches(low, language):
        name, word = MODALITY_NAMES[group], text[pos:end]
        if marks is None:
            marks = [b.start() for b in _CLAUSE_BREAK.finditer(text)]
        k = bisect.bisect_left(marks, pos)
        cut = marks[k - 1] if k else -1  # the last break before the hit
        chunk = low[cut + 1 : pos]
        if _SUBORDINATE_LOW.search(chunk):
            continue
        words = chunk.rsplit(None, 2)[-2:]  # its last two words
        last = chunk.rsplit(None, 4)[-4:]  # "confirmó que rastreará", "has informed us that it intends to"
        reported = any(w in REPORTING and ("que" in last[i:] or "that" in last[i:]) for i, w in enumerate(last))
        if words and not reported and (words[-1] in RELATIVE or (len(words) > 1 and words[-2] in RELATIVE_BACK and name in WEAK)):
            if not _CLEFT.match(low, end):
                continue  # "who continue to", "lo que acordamos", "which we will" (but "What we will do is ...")
        if name == "will" and (NOT_UNDERTAKINGS.match(low, end) or BELIEF.search(chunk)):
            continue  # "will face charges", "I will be brief", "we hope that this center will"
        if name == "continue" and words and not PARTY_WORDS.search(text[cut + 1 : pos]):
            continue
        if name == "need" and NOT_NEEDS.match(low, end):
            continue  # "we need to make more progress": a wish
        out.append((pos, name, word))
    return out


def _is_imperative(clause: str) -> bool:
    """Whether a bullet or objective line opens with a verb's base form ("Expand ...", "Fortalecer ...")."""
    m = re.match(r"\s*([A-Za-zÁÉÍÓÚÑáéíóúñ]+)", clause)
    if not m:
        return False
    w = m.group(1)
    if not w[0].isupper():
        return False
    low = w.lower()
    if low in IMPERATIVES:
        return True
    return len(low) > 4 and low.endswith(("ar", "er", "ir")) and low not in NOT_INFINITIVES


def _leadin_acts(rest: str) -> bool:
    """Whether a lead-in says what is to be done besides announcing a list: "pledge to stand together to:"
    and "pledge to take concrete actions to strengthen ..., including the following:" do; "committed to:"
    and "agreed on the following priorities for the coming year:" do not."""
    words = re.findall(r"[a-záéíóúñ]+", rest.lower())
    return any(w in IMPERATIVES for w in words if w not in ("follow", "following"))


def _action_start(text: str, a: int, b: int) -> int:
    """Where the action of a bullet or objective line starts: after its marker, label and short heading."""
    m = _BULLET.match(text[a:b])
    pos = a + (m.end() if m else 0)
    m = OBJECTIVE_RE.match(text, pos)
    if m and m.end() < b:
        return m.end()
    m = re.match(r"[^–—:\n.]{2,70}?\s?(?:[–—]|\s-|:)\s+(?=[A-ZÁÉÍÓÚÑ])", text[pos:b])  # "Overdose data: The ..."
    if m:
        return pos + m.end()
    return pos


def _past_event(sentence: str, mpos: int, mword: str) -> bool:
    """Whether a verb in the past tense comes with a past time before it or just after it."""
    head = sentence[: mpos + len(mword) + 12]
    first = mword.split()[0].lower()
    past_verb = first.endswith(("ed", "ó", "aron", "ieron")) or first in ("set", "launched")
    return past_verb and bool(PAST_TIME.search(head) or PAST_MEETING.search(head))


class _Breaks:
    """Where the stretch of text a position sits in (a line, a paragraph) starts: just after the last ``brk``
    before it. Positions asked in increasing order, as sentences come, are found by reading the text once, from
    the last position asked (searching back to the start for each sentence made a long line quadratic)."""

    def __init__(self, text: str, brk: str):
        self.text, self.brk = text, brk
        self.at, self.start = -1, 0  # the last position asked (-1: none yet) and its stretch's start

    def start_of(self, s: int) -> int:
        brk = self.brk
        lo = 0 if self.at < 0 or s < self.at else max(self.at - len(brk) + 1, 0)
        k = self.text.rfind(brk, lo, s)
        if k >= 0 or lo == 0:
            self.start = k + len(brk) if k >= 0 else 0
        self.at = s
        return self.start


class _Quotes:
    """Whether a sentence starts inside a quotation opened earlier in its paragraph (a remark's later sentence).

    A paragraph ends at a blank line, or in a saved page's text (one paragraph per line) at a line break. The
    marks are counted from the paragraph's start and carried from one sentence to the next, so a text is read
    once however long its paragraphs (counting each sentence's paragraph afresh made a page's text, with no
    blank line in it, quadratic)."""

    _MARKS = '“”«»"'

    def __init__(self, text: str, lines: bool):
        self.text, self.paragraphs = text, _Breaks(text, "\n" if lines else "\n\n")
        self.start = self.at = -1  # the paragraph counted, and counted up to here (-1: nothing yet)
        self.counts = dict.fromkeys(self._MARKS, 0)

    def open_at(self, s: int) -> bool:
        start = self.paragraphs.start_of(s)
        if start != self.start or s < self.at:  # a new paragraph (or a sentence before the last): from its start
            self.start, self.at, self.counts = start, start, dict.fromkeys(self._MARKS, 0)
        segment = self.text[self.at : s]
        c = self.counts
        for mark in self._MARKS:
            c[mark] += segment.count(mark)
        self.at = s
        return c["“"] > c["”"] or c["«"] > c["»"] or c['"'] % 2 == 1


def _party(sentence: str, mpos: int, modality: str, voice: str, voices) -> str:
    """The party of a clause from its subject (acronyms the statement defined written out), or the speaker's
    voice; an agreement has both sides."""
    return who.party(voices.expand(sentence[:mpos]), "both" if modality == "agree" else voice, sentence[mpos:])


def _timing(text: str):
    """The dates, deadlines and frequencies of a clause as written ("by March 2023", not also "March"), and the
    year of a stated deadline."""
    found, spans, year = [], [], None
    if not _TIMING_HINT.search(text):
        return "", None
    for rx in TIMING_RES:
        for m in rx.finditer(text):
            if rx in DEADLINE_RES:
                year = int(m.group(1))
            if any(a <= m.start() and m.end() <= b for a, b in spans):
                continue  # a part of one already found ("junio de 2027" in "antes de junio de 2027")
            found.append(m.group(0))
            spans.append(m.span())
    return "; ".join(dict.fromkeys(found)), year


_NAMED_GOAL = re.compile(r"\*\*(protect our people|prevent transborder crime|pursue criminal networks)\*\*", re.IGNORECASE)
_BULLET_MARK = re.compile(r"\s*[•\-]\s+")


@dataclass
class _State:
    """What scanning carries from one sentence to the next."""

    section: str | None  # the goal of the section the sentence sits in ("To prevent transborder crime, ...")
    quotes: _Quotes  # the quotation marks open at each sentence's start
    line_starts: _Breaks  # where the line each sentence starts in begins
    lead: str | None = None  # the modality of a committing lead-in ("committed to:") that the bullets below it inherit
    lead_party: str | None = None  # and its party
    run_end: int | None = None  # where a list under a lead-in has reached: its items may have no marker
    run_first: bool = False
    members: bool = False  # the list under the lead-in names members ("estará integrado por:"), not undertakings

    def end_lead(self) -> None:
        self.lead = self.lead_party = None
        self.members = False


@dataclass
class _Sentence:
    """A sentence to propose from: where it is, whose voice, whether a list item, its modality words."""

    start: int
    end: int
    voice: str
    bullet: bool
    line_goal: str | None  # the goal an action plan's objective number names ("Objective 2.3.1": prevent)
    hits: list  # (offset, modality, words) in the sentence
    why_low: list  # why its confidence is lowered


@dataclass
class _Piece:
    """One clause to propose, before its goal and area are suggested."""

    start: int
    end: int
    modality: str
    party: str
    instruments: list
    timing: str
    year: int | None
    actors: dict
    candidates: list
    why_low: list
    section: str | None
    named_goal: str | None
    voiced: bool  # the party came from the statement's or the speaker's voice, not from a subject
    third: str = ""  # a third country that shares the undertaking (a trilateral text): party both, the country named
    part: str = ""  # for a sentence split into separate commitments: which part this is, and the whole sentence


def _list_item(text: str, s: int, e: int, lines, state: _State) -> tuple[bool, str | None]:
    """Whether the sentence at ``s`` is a list item (a bullet or a later sentence of one, a numbered objective
    line, a goal header run into its first sentence, or a line under a lead-in), and the goal its objective
    number names."""
    sentence = text[s:e]
    line_start = state.line_starts.start_of(s)  # the line's marker and indent are read in place, never copied
    objective_line = bool(OBJECTIVE_RE.match(sentence)) and s == _INDENT.match(text, line_start, s + 6).end()
    gap = text[state.run_end : s] if state.run_end is not None else "x"
    unmarked = not lines and not gap.strip() and gap.count("\n") in ((1, 2) if state.run_first else (1,)) and gap.endswith("\n")
    bullet = bool(_BULLET.match(text, line_start, s + 6)) or bool(HEADER_RE.match(sentence)) or objective_line or unmarked
    state.run_end, state.run_first = (e, False) if bullet else (None, False)
    # an action plan numbers its objectives by the framework's goals: "Objective 2.3.1" is under the second goal
    numbered = _GOAL_NUMBER.match(sentence) if objective_line else None
    return bullet, (GOAL_ORDER[int(numbered.group(1)) - 1] if numbered else None)


def _stands_alone(text: str, s: int, e: int, hit, voice: str, voices, state: _State) -> bool:
    """Whether a sentence that is no list item may be a commitment: not a question, boilerplate, a quoted remark,
    a lead-in that only announces its list, nor a headline; a lead-in passes its verb and party to its items."""
    sentence = text[s:e]
    stripped = sentence.rstrip()
    mpos, modality, mword = hit
    question = stripped.endswith("?") or stripped.startswith("¿") or _QUESTION.match(sentence)
    # "As a result of today's action, all property ... is blocked"; a remark quoted from a person
    quoted = stripped[:1] in '“"«' or _REMARK.match(sentence) or state.quotes.open_at(s)
    if question or BOILERPLATE.match(sentence):
        state.end_lead()
        return False
    if quoted and not stripped.endswith(":"):
        state.end_lead()
        return False
    if stripped.endswith(":"):  # a lead-in, also one inside quotation marks (a report quoted whole): no proposal of its own
        state.lead = modality  # a lead-in: its bullets (the lines under it) inherit its verb and party
        state.run_end, state.run_first = e, True
        state.members = bool(MEMBERS.search(sentence))
        if state.members:
            state.lead = state.lead_party = None  # "estará integrado por:": the members are no undertakings
            return False
        if modality:
            state.lead_party = _party(sentence, mpos, modality, voice, voices)
        else:
            state.lead_party = "both" if _AGREEMENTS.search(sentence) else None
        # "The United States and Mexico committed to:" is not a commitment of its own
        return modality is not None and not quoted and _leadin_acts(sentence[mpos + len(mword) :])
    state.end_lead()
    # a headline, heading, dateline or byline has no closing punctuation; a sentence cut off (a clipped page, an
    # excerpt) has none either, but reads as a sentence
    return bool(_CLOSED.search(stripped)) or _cut_off(text, stripped, e)


_FUNCTION_END = re.compile(
    r"(?:\b(?:the|a|an|of|to|for|with|in|on|at|by|from|and|or|their|its|our|through|into|that|which|"
    r"el|la|los|las|un|una|de|del|al|a|en|con|por|para|y|o|que|su|sus|entre|sobre)|[,\-–—])$",
    re.IGNORECASE,
)


_NOTHING_AFTER = re.compile(r"\s*\Z")  # only white space left (read from a sentence's end, never copying the rest)


def _cut_off(text: str, sentence: str, e: int) -> bool:
    """Whether an unclosed sentence is one cut off rather than a heading: it reads as prose (not in Title Case) and
    ends in a function word or a comma (eight words or more), or it is the last words of the text (five words or
    more: an excerpt cut mid-sentence, or mid-word)."""
    words = sentence.split()
    last = _NOTHING_AFTER.match(text, e) is not None
    if len(words) < (5 if last else 8):
        return False
    capitalised = sum(w[:1].isupper() for w in words) / len(words)
    if capitalised > 0.5:
        return False  # Title Case: a headline
    return last or bool(_FUNCTION_END.search(sentence))


def _not_ours(head: str) -> bool:
    """Whether a clause's subject is not the two governments': a third country alone or with only one of them
    ("Canada will host", "The United States and Canada will"), or companies and industry ("las empresas deberán")."""
    if _THIRD.search(head):
        named = who.party(head, "")
        return named == "" or (named != "both" and not re.search(r"\b(?:three|tres|trilateral|all)\b", head, re.I))
    return bool(NOT_GOVERNMENTS.search(head)) and who.party(head, "") == ""


def _no_undertaking(sentence: str, bullet: bool, hit, state: _State) -> bool:
    """Whether a sentence that may be proposed is none the same: a lead-in within a list or a member of a body, a
    past event, a goal's name alone, or a clause whose subject is no U.S.-Mexico government."""
    mpos, modality, mword = hit
    if bullet and (sentence.rstrip().endswith(":") or (state.members and modality is None)):
        return True  # "Por México:" (a lead-in within a list) or a member of a body
    if modality is not None and _past_event(sentence, mpos, mword):
        return True  # "In October 2021, both governments pledged ...", "acordaron en 2021": a past event
    if GOAL_NAME_ALONE.match(sentence):
        return True  # "Protect our people": a goal's name as a heading or bullet
    # "Canada will host a workshop", "las empresas deberán": no U.S.-Mexico undertaking
    return modality is not None and _not_ours(sentence[:mpos])


def _nested_lead(sentence: str, hit, voice: str, voices, state: _State) -> None:
    """A lead-in inside a list ("Por México:", a quoted report's "las delegaciones acordaron:"): the items below it
    take its verb, if it has one, and the party its subject names."""
    mpos, modality, _word = hit
    if modality:
        state.lead, state.lead_party = modality, _party(sentence, mpos, modality, voice, voices)
    else:
        state.lead_party = who.party(sentence, "") or state.lead_party


def _read_sentence(text: str, s: int, e: int, voices, lines, state: _State, language) -> _Sentence | None:
    """The sentence at ``s``..``e`` as one to propose from, or None; ``state`` carried on."""
    s, voice, muted = voices.at(s)  # a transcript's speaker label is not part of the sentence
    if muted or s >= e:
        state.end_lead()
        return None  # the moderator's or the press's words
    sentence = text[s:e]
    sec = SECTION_RE.search(sentence)
    if sec:
        state.section = SECTION_GOAL[sec.group(1).lower()]
    bullet, line_goal = _list_item(text, s, e, lines, state)
    hits = _modalities(sentence, language)
    hit = hits[0] if hits else (None, None, None)
    mpos, modality, mword = hit
    if not bullet and not _stands_alone(text, s, e, hit, voice, voices, state):
        return None
    if bullet and sentence.rstrip().endswith(":") and not state.members:
        _nested_lead(sentence, hit, voice, voices, state)
    if _no_undertaking(sentence, bullet, hit, state):
        return None
    why_low = []
    if modality is None:
        if not bullet:
            return None  # no verb of undertaking
        if not state.lead and not _is_imperative(text[_action_start(text, s, e) : e]):
            return None  # a bullet that reports, not commits ("Overdose data: SAMHSA began ...")
        why_low.append("inherits its lead-in's verb" if state.lead else "an objective line or bullet with no verb of its own")
    return _Sentence(s, e, voice, bullet, line_goal, hits, why_low)


def _clause_facts(clause: str, party: str, gaz) -> tuple:
    """A clause's instruments, timing and deadline year, actors (the party's countries lead) and new-actor candidates."""
    found = {m.lastgroup.replace("_", "-") for m in INSTRUMENT_ANY.finditer(clause.lower())}
    instruments = [k for k in INSTRUMENT_PATTERNS if k in found]
    timing, year = _timing(clause)
    countries = {"both": ("united-states", "mexico"), "US": ("united-states",)}.get(party, ("mexico",))
    actors = dict.fromkeys(countries, "lead")
    for aid in gaz.find(unaccent(clause)):
        actors.setdefault(aid, "mentioned")
    return instruments, timing, year, actors, who.candidates(clause, gaz)


def _pieces(text: str, sent: _Sentence, state: _State, gaz, voices) -> list[_Piece]:
    """The clauses of a sentence to propose, each with its modality, party and facts."""
    s, e = sent.start, sent.end
    sentence = text[s:e]
    mpos, modality, _word = sent.hits[0] if sent.hits else (None, None, None)
    if modality:
        party = _party(sentence, mpos, modality, sent.voice, voices)
        named_party = who.party(sentence[:mpos], "")  # a subject that names a government
    else:
        party = state.lead_party or who.party("", sent.voice, sentence)
        named_party = state.lead_party
    # the party from the statement's (or the speaker's) voice, not from a subject: the reviewer should know
    voiced = sent.voice != "both" and party == sent.voice and not named_party
    m_goal = _NAMED_GOAL.search(sentence)
    named = SECTION_GOAL[m_goal.group(1).lower()] if m_goal else None
    pieces = _by_party(text, s, clauses(text, s, e, [s + pos for pos, _n, _w in sent.hits]), sent.hits, party)
    out = []
    for i, (a, b) in enumerate(pieces):
        if sent.bullet and i == 0:  # "• Do something": the quote starts after the marker
            m = _BULLET_MARK.match(text[a:b])
            a += m.end() if m else 0
        own = next(((pos, name) for pos, name, _w in sent.hits if a <= s + pos < b), None)
        mod = (own[1] if own else None) or modality or state.lead or "objective"
        # "...; and both governments plan to ...": a later clause with its own verb and subject has its own party
        cparty = (who.party(text[a : s + own[0]], "") or party) if own and i > 0 else party
        facts = _clause_facts(text[a:b], cparty, gaz)
        third = (
            who.third_country(sentence[:mpos] if modality else "", voices.third, named_party or "") if cparty == "both" else ""
        )
        if third and third not in facts[4]:
            facts[4].insert(0, third)  # the third country as a new-actor candidate (it is no actor of the data)
        why = list(sent.why_low)
        part = _part_note(text, s, e, i, len(pieces), own is None and i > 0) if len(pieces) > 1 else ""
        out.append(_Piece(a, b, mod, cparty, *facts, why, sent.line_goal or state.section, named, voiced, third, part))
    return out


def _by_party(text: str, s: int, pieces: list, hits: list, party: str) -> list:
    """The parts of a sentence that are separate commitments: a clause with a subject of another party than the
    clause before it ("Mexico will ...; and both governments plan to ..."); clauses of one party stay one unit."""
    if len(pieces) < 2:
        return pieces
    out = [pieces[0]]
    before = party
    for a, b in pieces[1:]:
        own = next((pos for pos, _n, _w in hits if a <= s + pos < b), None)
        mine = (who.party(text[a : s + own], "") or before) if own is not None else before
        if mine == before:
            out[-1] = (out[-1][0], b)  # the same party: one unit
        else:
            out.append((a, b))
        before = mine
    return out


def _part_note(text: str, s: int, e: int, i: int, n: int, inherits: bool) -> str:
    """What the reviewer is told of a part of a sentence: which part, that it inherits the sentence's subject and
    verb, and the whole sentence."""
    whole = " ".join(text[s:e].split())
    if len(whole) > 400:
        whole = whole[:250] + " … " + whole[-120:]
    inherited = ", its subject and verb those of the sentence" if inherits else ""
    return f"part {i + 1} of {n} of the sentence at {s}-{e}{inherited}: “{whole}”"


# The calibration curve: (raw score, share right) knots, from the tuned split (evaluation/calibrate.py writes it);
# None: uncalibrated (the raw score), as the calibration itself needs.
CALIBRATION_FILE = Path(__file__).with_name("rules") / "calibration.csv"
CALIBRATION: tuple | None = ()


def calibrated(raw: float) -> float:
    """The confidence of a raw score (the goal's share of the votes times the verb's strength): the share of rows
    with such a score that were right as proposed on the tuned split, interpolated between the curve's knots."""
    global CALIBRATION
    if CALIBRATION == ():
        with CALIBRATION_FILE.open(encoding="utf-8") as f:
            knots = [tuple(map(float, line.split(","))) for line in f.read().splitlines()[1:] if line]
        CALIBRATION = (np.array([k[0] for k in knots]), np.array([k[1] for k in knots]))
    if CALIBRATION is None:
        return raw
    return float(np.interp(raw, *CALIBRATION))


def _row(text: str, p: _Piece, suggestion) -> dict:
    """A review row for a piece and its suggested goal and area."""
    goal, area, score, reason = suggestion
    kind = "objective" if p.modality in ("objective", "need", "must", "seek") else "action"
    if goal == "cross-cutting":
        kind = "principle"
    strength = STRENGTH.get(p.modality, 0.6) * (0.85 if p.why_low else 1.0)
    # how sure the row is right as proposed: mostly its goal (detection errs far less often), a little its verb,
    # mapped to the share of such rows that were right on the development set's tuned split (rules/calibration.csv)
    confidence = round(calibrated(strength**0.5 * score), 3)
    detected = f"verb: {p.modality}" + (f" ({'; '.join(p.why_low)})" if p.why_low else "")
    return {
        "proposal_id": "",
        "decision": "",
        "confidence": confidence,
        "document_id": "",
        "start": p.start,
        "end": p.end,
        "quote": text[p.start : p.end],
        "goal_id": goal,
        "area_id": area or "",
        "kind": kind,
        "modality": p.modality,
        "party": p.party,
        "instruments": "|".join(p.instruments),
        "timing": p.timing,
        "deadline_year": p.year if p.year else "",
        "tags": "proposed",
        "notes": "",
        "actors": ";".join(f"{k}:{v}" for k, v in p.actors.items()),
        "new_actor_candidates": "|".join(p.candidates),
        "goal_score": round(score, 3),
        "similar_to": "",
        "language": "",
        "reason": f"{detected}; goal {reason}"
        + ("; party: no government named, the statement's voice" if p.voiced else "")
        + (
            f"; with a third country: {p.third} (party both: the United States and Mexico; {p.third} a new-actor candidate)"
            if p.third
            else ""
        )
        + (f"; {p.part}" if p.part else ""),
    }


def _scan(ctx, text: str, spans: list, section0, language, report=None) -> list[dict]:
    """The proposal rows of the sentences ``spans`` of ``text`` (no ids yet), in order.

    ``ctx`` is (suggester, gazetteer, voices, one paragraph per line); ``section0`` the goal of the
    section the first sentence sits in; ``report(n)`` is told of every ``n`` characters done.
    """
    suggester, gaz, voices, lines = ctx
    state = _State(section0, _Quotes(text, bool(lines)), _Breaks(text, "\n"))
    done = spans[0][0] if spans else 0
    pending: list[_Piece] = []
    for s, e in spans:
        if report is not None and e - done >= 50_000:
            report(e - done)
            done = e
        sent = _read_sentence(text, s, e, voices, lines, state, language)
        if sent is not None:
            pending += _pieces(text, sent, state, gaz, voices)
    if report is not None and spans:
        report(spans[-1][1] - done)
    suggestions = suggester.suggest_many(
        [text[p.start : p.end] for p in pending], [p.section for p in pending], [p.named_goal for p in pending]
    )
    return [_row(text, p, sug) for p, sug in zip(pending, suggestions)]


def propose(
    ds,
    text: str,
    document_id: str,
    suggester: Suggester | None = None,
    existing=None,
    progress: bool = False,
    language: str | None = None,
) -> pd.DataFrame:
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
        whose quote has TF-IDF cosine >= 0.5 in the suggester's TF-IDF (default None: ``similar_to`` stays empty).
    progress : bool
        Show a progress bar (tqdm, on standard error) over the text's characters, for texts of
        100,000 characters or more (default False).
    language : str, optional
        ``en`` or ``es``: the text's language, whose verbs are looked for (default None: both
        languages'; a Spanish text is also searched for English verbs).

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
    gaz = Gazetteer(ds)
    body_start = 0
    if text.startswith("---\n"):  # YAML front matter
        end = text.find("\n---\n", 4)
        body_start = end + 5 if end != -1 else 0
    lines = one_paragraph_per_line(text, body_start)
    spans = sentences(text, body_start, lines=lines)
    ctx = (suggester, gaz, who.Voices(text, gaz, body_start, lines), lines)
    bar = None
    if progress and len(text) >= 100_000:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(text), unit="char", unit_scale=True, desc="proposing", leave=False)
    try:
        rows = parallel.rows(_scan, ctx, text, spans, language, None if bar is None else bar.update)
    finally:
        if bar is not None:
            bar.close()
    for i, row in enumerate(rows):
        row["proposal_id"] = f"P{i + 1:03d}"
        row["document_id"] = document_id
    out = pd.DataFrame(rows, columns=REVIEW_COLUMNS)
    if existing is not None and len(out) and len(existing):
        out["similar_to"] = similar(existing, out["quote"].tolist(), suggester.vectorizer)
    return out
