"""Sentences and clauses: where a statement's separate commitments start and end (offsets into the raw text)."""

from __future__ import annotations

import re

from .rules.lexicon import ABBREVIATIONS, IMPERATIVES, ING_STEMS, SENTENCE_END, SENTENCE_END_LINES

__all__ = ["sentences", "clauses", "one_paragraph_per_line"]


_ITEM_DOT = re.compile(r"(?m)^([ \t]*(?:\d{1,2}|[a-z]|[ivx]{1,4}|[IVX]{1,4}))\.(?=[ \t])")  # "1. The Group ...": no sentence "1."


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
    return _rejoin_lines(text, spans) if lines else spans


_OPEN_END = re.compile(
    r"(?:\b(?:the|a|an|of|to|for|with|in|on|at|by|from|and|or|their|its|our|el|la|los|las|un|una|de|del|al|en|con|"
    r"por|para|y|o|que|su|sus|se|entre|sobre|como)|[,\-–—])$",
    re.IGNORECASE,
)
_LINE_ITEM = re.compile(r"\s*(?:[•\-*–]|\d{1,2}[.)]|[a-z][.)]\s)")


def _rejoin_lines(text: str, spans: list) -> list:
    """For a text cut at every line: a sentence broken across lines (a PDF's or a wire's hard breaks) made whole
    again, where a line ends open (no closing punctuation) and the next goes on in lower case, or the line ends
    in a function word or a comma ("... la Red para la Prevención de" / "Homicidios sesionó ...")."""
    out: list = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            gap = text[pe:s]
            prev = text[ps:pe]
            goes_on = text[s : s + 1].islower() or bool(_OPEN_END.search(prev))
            if gap.count("\n") == 1 and not gap.strip() and prev[-1:] not in '.!?:;”")»' and goes_on:
                if not _LINE_ITEM.match(text, s):
                    out[-1] = (ps, e)
                    continue
        out.append((s, e))
    return out


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
    if word in IMPERATIVES and not ing:
        return True
    if ing and word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        return stem in ING_STEMS or stem + "e" in ING_STEMS or (stem[-1] == stem[-2] and stem[:-1] in ING_STEMS)
    return False


_LEAD_IN_TO = re.compile(r"\bto:\s*$")
# Where a sentence may hold separate commitments (codebook, "How clauses were split"): a semicolon, and a comma
# before "and", "while" or "y" that opens a clause with a subject of its own.
_SEMI = re.compile(r";[ \t\n]*(?:(?:and|y|e)\s+)?")
_NEW_CLAUSE = re.compile(r",\s+(?:and|while|whereas|y|e|mientras que)\s+")
BULLET_HEADING_RE = re.compile(r"\s*[•*]\s+[^–—:\n]{2,120}?\s?[–—-]\s+(?=[A-Z])")
HEADER_RE = re.compile(r"GOAL \d+:\s+[A-Z ,]+?(?=[A-Z][a-z])")


def clauses(text: str, s: int, e: int, verbs=()) -> list[tuple[int, int]]:
    """Split a sentence into the separate commitments it states, each a whole clause.

    The unit is the whole sentence (or list item). These are the places where it may hold separate
    commitments, each part a whole clause with a subject and a verb of undertaking of its own: a semicolon,
    or ", and" / ", while" / ", y", before such a clause ("...; and both governments plan to ...", "..., and
    Mexico will ..."). A list of verb phrases under one subject and verb ("committed to step up X, widen Y and
    deepen Z") stays one unit. (``propose`` then keeps a cut only where the parts' parties differ.)

    Parameters
    ----------
    text : str
        The raw text.
    s : int
        The sentence's start offset in ``text`` (a leading goal header or bullet heading is skipped).
    e : int
        The sentence's end offset in ``text``.
    verbs : iterable of int
        Offsets in ``text`` of the sentence's verbs of undertaking (default none: only semicolons split).

    Returns
    -------
    list of (int, int)
        ``(start, end)`` offsets into ``text`` of each part, trailing separators trimmed; a lead-in ending in
        "to:" is left out.

    Examples
    --------
    >>> t = "We plan to share information to detect money laundering and disrupt its facilitators."
    >>> [t[a:b] for a, b in clauses(t, 0, len(t))]
    ['We plan to share information to detect money laundering and disrupt its facilitators.']
    >>> t = "Mexico will train 200 prosecutors; and both governments plan to share ballistics data."
    >>> [t[a:b] for a, b in clauses(t, 0, len(t), [t.index("will"), t.index("plan")])]
    ['Mexico will train 200 prosecutors', 'both governments plan to share ballistics data.']
    """
    header = HEADER_RE.match(text, s)
    if header:
        s = header.end()
    heading = BULLET_HEADING_RE.match(text, s)
    if heading and heading.end() < e:  # "• Public Health – Prevent ...": the action starts after the dash
        s = heading.end()
    seg = text[s:e]
    cuts = [s]
    verbs = sorted(v - s for v in verbs if s <= v < e)
    for m in _SEMI.finditer(seg):
        nxt = seg.find(";", m.end())
        right = seg[m.end() : nxt if nxt != -1 else len(seg)]
        own = any(m.end() <= v < m.end() + len(right) for v in verbs)
        if m.start() - (cuts[-1] - s) >= 20 and own and len(right) >= 12:
            cuts.append(s + m.end())
    for m in _NEW_CLAUSE.finditer(seg):
        hit = next((v for v in verbs if m.end() < v <= m.end() + 80), None)
        subject = seg[m.end() : hit] if hit is not None else ""
        if hit is not None and subject.strip() and not any(c in subject for c in ",;:()") and m.start() >= 20:
            cuts.append(s + m.end())  # "..., and Mexico will ...": a subject and a verb of its own
    cuts = sorted(set(cuts))
    out = []
    for a, b in zip(cuts, cuts[1:] + [e]):
        if _LEAD_IN_TO.search(text[a:b]):  # a lead-in ("pledge to stand together to:") is not an action
            continue
        piece_end = _trimmed_end(text, a, b)
        if piece_end > a:
            out.append((a, piece_end))
    return out


def _trimmed_end(text: str, a: int, b: int) -> int:
    """The end of the piece ``a``..``b`` without trailing separators and a dangling "and", "while", "y"."""
    piece_end = b
    while piece_end > a and text[piece_end - 1] in " ;,\n\t":
        piece_end -= 1
    for tail in (" and", " while", " whereas", " y", " mientras que"):
        if text[a:piece_end].endswith(tail):
            piece_end -= len(tail)
    while piece_end > a and text[piece_end - 1] in " ,;\n\t":
        piece_end -= 1
    return piece_end
