"""Sentences and clauses: where a statement's separate commitments start and end (offsets into the raw text)."""

from __future__ import annotations

import re

from .rules.lexicon import ABBREVIATIONS, ACTION_VERBS, ING_STEMS, PURPOSE_MARKERS, SENTENCE_END, SENTENCE_END_LINES

__all__ = ["sentences", "clauses", "one_paragraph_per_line"]


_ITEM_DOT = re.compile(r"(?m)^([ \t]*(?:\d{1,2}|[a-z]|[ivx]{1,4}))\.(?=[ \t])")  # "1. The Group ...": no sentence "1."


def _protect(text: str) -> str:
    """Mask the dots of abbreviations and of list items' numbers so they do not end sentences (same length as the text)."""
    for abbr in ABBREVIATIONS:
        text = text.replace(abbr, abbr.replace(".", "\x01"))
    return _ITEM_DOT.sub("\\1\x01", text)


def one_paragraph_per_line(text: str, start: int = 0) -> bool:
    """Whether a text puts each paragraph on one line (as a saved page's extracted text does) rather than
    wrapping paragraphs over lines with blank lines between them.

    Parameters
    ----------
    text : str
        The raw text.
    start : int
        Where its body begins (default 0).

    Returns
    -------
    bool
        True when the body has line breaks but no blank line, and its lines are not of the even
        length of a wrapped text.

    >>> one_paragraph_per_line("Title\\nFirst paragraph, long.\\nSecond.\\n"), one_paragraph_per_line("A b\\nc d.\\n\\nE.")
    (True, False)
    """
    body = text[start:].strip("\n")
    if "\n\n" in body or "\n" not in body:
        return False
    lengths = [len(line) for line in body.split("\n")]
    wrapped = sum(50 <= n <= 90 for n in lengths)
    return not (len(lengths) >= 5 and wrapped >= 0.8 * len(lengths))


def sentences(text: str, start: int = 0, lines: bool = False) -> list[tuple[int, int]]:
    """Spans of sentences (and bullet items) in ``text``; offsets are into ``text``.

    Parameters
    ----------
    text : str
        The raw text.
    start : int
        Where to begin (default 0); the text before it (e.g. front matter) is skipped, and offsets stay into ``text``.
    lines : bool
        Whether every line break ends a sentence, for texts with one paragraph per line (default
        False: a single line break is a wrap, and a blank line, a bullet or a numbered objective
        line starts a new sentence).

    Returns
    -------
    list of (int, int)
        ``(start, end)`` of each sentence, in order, without surrounding whitespace; abbreviations
        such as ``U.S.`` do not end a sentence.

    Examples
    --------
    >>> t = "We pledge to act. The U.S. will help.\\n\\n• Item one; item two."
    >>> [t[s:e] for s, e in sentences(t)]
    ['We pledge to act.', 'The U.S. will help.', '• Item one; item two.']
    """
    masked = _protect(text)
    spans, pos = [], start
    for m in (SENTENCE_END_LINES if lines else SENTENCE_END).finditer(masked, start):
        end = m.end() if masked[m.start()] in ".!?:" else m.start()
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


_BULLET_OR_BOLD = re.compile(r"\s*(?:[•\-*]\s|\*\*)")
_BY_ING = re.compile(r"\sby\s+\w+ing\b")  # " by strengthening ...": the means of the action
_WORD = re.compile(r"\w+")
_UNFINISHED = re.compile(r"\b(?:of|to|for|with|in|on|the|a|an)$")
_LEAD_IN_TO = re.compile(r"\bto:\s*$")


def _ends_in_verb(left: str) -> bool:
    """Whether a clause's left part ends in a bare action verb, so that " and VERB" continues a list of verbs."""
    words = left.rstrip(" ,").rsplit(None, 1)
    return bool(words) and _is_action_verb(words[-1])


CUT_RE = re.compile(
    r"(?P<semi>;\s*(?:and\s+)?)"  # semicolons
    r"|(?P<while>,\s+while\s+)(?=\w)"  # ", while ..."
    r"|(?P<aswell>,\s+as\s+well\s+as\s+)(?=(?P<w0>\w+))"  # ", as well as targeting ..."
    r"|(?P<subj>,\s+and\s+)(?=(?:we|they)\b)"  # ", and we ..."
    r"|(?P<comma>,\s+(?P<and1>and\s+)?(?:to\s+)?)(?=(?P<w1>\w+)(?P<n1>[\s,]))"  # ", (and) (to) VERB"
    r"|(?P<and>\s+and\s+(?:to\s+)?)(?=(?P<w2>\w+))"  # " and (to) VERB"
)
BULLET_HEADING_RE = re.compile(r"\s*[•*]\s+[^–—:\n]{2,120}?\s?[–—-]\s+(?=[A-Z])")
HEADER_RE = re.compile(r"GOAL \d+:\s+[A-Z ,]+?(?=[A-Z][a-z])")


def clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split a sentence into its separate actions.

    Cuts at ';', at ', while' / ', as well as', and before a verb that opens a new action
    (', and strengthen', ' and disrupt', ', supporting'); a cut needs at least 20 characters
    on its left, so lists of verbs ("identify, target, and dismantle") stay whole.

    Parameters
    ----------
    text : str
        The raw text.
    s : int
        The sentence's start offset in ``text`` (a leading goal header or bullet heading is skipped).
    e : int
        The sentence's end offset in ``text``.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` offsets into ``text`` of each action, trailing separators trimmed; lead-ins
        ending in "to:" and pieces under 12 characters are left out.

    Examples
    --------
    >>> t = "We plan to share information to detect money laundering and disrupt its facilitators."
    >>> [t[a:b] for a, b in clauses(t, 0, len(t))]
    ['We plan to share information to detect money laundering', 'disrupt its facilitators.']
    """
    header = HEADER_RE.match(text, s)
    if header:
        s = header.end()
    bullet = bool(_BULLET_OR_BOLD.match(text, s, e))
    heading = BULLET_HEADING_RE.match(text, s)
    if heading and heading.end() < e:  # "• Public Health – Prevent ...": the action starts after the dash
        s = heading.end()
    cuts = [s]
    seg = text[s:e]
    stop, semi_at = _next_stop(seg, 0, bullet)
    for m in CUT_RE.finditer(seg):
        if m.group("semi"):
            cuts.append(s + m.end())
            stop, semi_at = _next_stop(seg, m.end(), bullet)
            continue
        if stop <= m.start() < semi_at:
            continue
        left = seg[cuts[-1] - s : m.start()]
        if len(left) >= 20 and _opens_action(m, seg, bullet) and not (_UNFINISHED.search(left.rstrip()) or _ends_in_verb(left)):
            cuts.append(s + m.end())  # (not after "reduce the capacity of and", "will identify and": unfinished)
    out = []
    for a, b in zip(cuts, cuts[1:] + [e]):
        if _LEAD_IN_TO.search(text[a:b]):  # a lead-in ("pledge to stand together to:") is not an action
            continue
        piece_end = _trimmed_end(text, a, b)
        if piece_end - a >= 12:
            out.append((a, piece_end))
    return out


def _next_stop(seg: str, pos: int, bullet: bool) -> tuple[int, int]:
    """Offsets in ``seg`` from ``pos`` on: the first purpose clause (or, outside bullets, " by ...ing"), and the next ';'."""
    found = [m.start() for m in (PURPOSE_MARKERS.search(seg, pos), None if bullet else _BY_ING.search(seg, pos)) if m]
    semi = seg.find(";", pos)
    return (min(found) if found else len(seg)), (semi if semi != -1 else len(seg))


def _opens_action(m: re.Match, seg: str, bullet: bool) -> bool:
    """Whether the cut candidate ``m`` of CUT_RE opens a new action (its verb takes an object)."""
    if m.group("while"):
        nxt = _WORD.match(seg, m.end())
        return not (nxt and nxt.group(0).endswith("ing"))  # "while limiting harms" is manner, not a new action
    if m.group("subj"):
        return True
    if m.group("aswell"):
        return _is_action_verb(m.group("w0"), ing=True)
    if m.group("comma") is not None:
        w = m.group("w1")
        return (_is_action_verb(w) and m.group("n1").isspace()) or _is_action_verb(w, ing=True)
    w = m.group("w2")  # " and VERB" without a comma: a new action only if the verb takes an object
    return (_is_action_verb(w) and seg[m.end() + len(w) :][:1].isspace()) or (bullet and _is_action_verb(w, ing=True))


def _trimmed_end(text: str, a: int, b: int) -> int:
    """The end of the piece ``a``..``b`` without trailing separators and a dangling "and", "while", "as well as"."""
    piece_end = b
    while piece_end > a and text[piece_end - 1] in " ;,\n":
        piece_end -= 1
    for tail in (" and", " while", " as well as"):
        if text[a:piece_end].endswith(tail):
            piece_end -= len(tail)
    while piece_end > a and text[piece_end - 1] in " ,;\n":
        piece_end -= 1
    return piece_end
