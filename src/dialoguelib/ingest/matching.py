"""The lexicon's alternations matched fast, with exactly the matches of the plain alternation.

Python's ``re`` tries every alternative of a big alternation at every position. Three shortcuts,
each compared with the plain alternation by a test (tests/test_ingest_detection.py):

- every alternative starts at a word (or at the sentence's start, or at the apostrophe of
  "'re going to"), and saying so first lets the engine pass over the inside of every word;
- at a word start, a look at its first letter (the letters any alternative can start with, read
  from the parsed patterns) passes over the words no alternative can match;
- the Spanish futures ("trabajarán", "impulsaremos"), whose alternative matches any word, are found
  by their endings and merged with the rest in the order the alternation would have found them.
"""

from __future__ import annotations

import re
from re import _constants as _c  # the parser of Python's own re (3.11+, as pyproject.toml requires)
from re import _parser as _p

from .rules.lexicon import INSTRUMENT_PATTERNS, MODALITY_PATTERNS_EN, MODALITY_RE

__all__ = ["MODALITY_NAMES", "N_EN", "modality_matches", "INSTRUMENT_ANY", "first_letters", "quick"]

# Every modality pattern is one named group m<i>; the group that matched names the modality.
MODALITY_NAMES = {f"m{i}": name for i, (name, _rx) in enumerate(MODALITY_RE)}
N_EN = len(MODALITY_PATTERNS_EN)  # English texts skip the Spanish patterns, which are the slow ones
_AT_WORD = r"(?:\b|^|(?=[’']))"


def first_letters(pattern: str) -> set | None:
    """The characters a match of ``pattern`` can start with, from its parsed form.

    Parameters
    ----------
    pattern : str
        A regular expression (matched without flags).

    Returns
    -------
    set of str or None
        The possible first characters; None when any character may come first (a class such as
        ``\\w``, a negated set, or an empty match). Alternatives anchored at ``^`` add nothing: a
        caller allows the text's start anyway.

    >>> sorted(first_letters(r"\\bwill\\b|\\bshall\\b|[’']re going to\\b"))
    ["'", 's', 'w', '’']
    """
    first, nullable = _first(list(_p.parse(pattern)))
    return None if first is None or nullable else first


_ZERO_WIDTH = "zero width"  # \b, a look-ahead or look-behind: consumes nothing
_AT_START = "at the start"  # only at the text's start, where the caller looks anyway


def _first(items) -> tuple[set | None, bool]:
    """(first characters, whether the sequence can match empty) of a parsed sequence."""
    out: set = set()
    for op, av in items:
        step = _first_of(op, av)
        if step is _ZERO_WIDTH:
            continue
        if step is _AT_START:
            return out, False
        chars, nullable = step
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of(op, av):
    """(first characters or None for any, nullable) of one parsed item, or _ZERO_WIDTH / _AT_START."""
    if op == _c.AT:
        return _AT_START if av == _c.AT_BEGINNING else _ZERO_WIDTH
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _ZERO_WIDTH
    if op == _c.LITERAL:
        return {chr(av)}, False
    if op == _c.IN:
        return _class_chars(av), False
    if op == _c.BRANCH:
        sub = [_first(list(branch)) for branch in av[1]]
        if any(f is None for f, _n in sub):
            return None, False
        return set().union(*(f for f, _n in sub)), any(n for _f, n in sub)
    if op == _c.SUBPATTERN:
        return _first(list(av[-1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        chars, nullable = _first(list(av[2]))
        return chars, nullable or av[0] == 0
    return None, False


def _class_chars(items) -> set | None:
    """The characters of a character class, or None for a class, a negation or a wide range."""
    chars = set()
    for kind, value in items:
        if kind == _c.LITERAL:
            chars.add(chr(value))
        elif kind == _c.RANGE and value[1] - value[0] < 64:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return chars


def _alternation(patterns: list[tuple[int, str]]) -> re.Pattern:
    """The alternation of ``patterns`` (groups m<i>) behind the word-start and first-letter shortcuts."""
    return _alternation_of({f"m{i}": p for i, p in patterns})


def _alternation_of(patterns: dict) -> re.Pattern:
    """The alternation of ``{group: pattern}`` behind the word-start and first-letter shortcuts."""
    body = "|".join(f"(?P<{g}>{p})" for g, p in patterns.items())
    letters = first_letters(body)
    ahead = "" if letters is None else "(?:^|(?=[" + "".join(re.escape(c) for c in sorted(letters)) + "]))"
    return re.compile(_AT_WORD + ahead + "(?:" + body + ")")


# The futures' alternative: a whole word ending in -rá, -rán or -remos after a, e, i or d; or "se prevé".
_FUTURE = r"\b\w+\b(?:(?<=[aeid]rá)|(?<=[aeid]rán)|(?<=[aeid]remos))|\bse prevé\b"
_FUTURE_END = re.compile(r"(?<=[aeid])r(?:án|á|emos)\b|\bse prevé\b")


def _patterns(language):
    return [(i, rx.pattern.lower()) for i, (_n, rx) in enumerate(MODALITY_RE) if language != "en" or i < N_EN]


_FUTURE_INDEX = next(i for i, p in _patterns(None) if p == _FUTURE)
_REST = {lang: _alternation([(i, p) for i, p in _patterns(lang) if i != _FUTURE_INDEX]) for lang in ("en", None)}


def _future(low: str, pos: int):
    """The first match of the futures' alternative at or after ``pos``: (start, end) or None."""
    while True:
        m = _FUTURE_END.search(low, pos)
        if m is None:
            return None
        if m.group(0) == "se prevé":
            return m.span()
        start = m.start()
        while start > 0 and (low[start - 1].isalnum() or low[start - 1] == "_"):  # back to the word's start (\w)
            start -= 1
        if start >= pos:
            return start, m.end()
        pos = m.end()  # the word began before pos: the alternation would not start inside it


def modality_matches(low: str, language: str | None = None) -> list[tuple[int, int, str]]:
    """Every modality match in a lower-cased text, as the plain alternation of the lexicon finds them.

    Parameters
    ----------
    low : str
        The text, lower-cased.
    language : str or None
        ``en`` (the English patterns only), or ``es`` / None (all of them).

    Returns
    -------
    list of (int, int, str)
        ``(start, end, group)`` of each match in order; ``MODALITY_NAMES[group]`` is its modality.
    """
    rest = _REST["en" if language == "en" else None]
    if language == "en":
        return [(m.start(), m.end(), m.lastgroup) for m in rest.finditer(low)]
    out, pos, group = [], 0, f"m{_FUTURE_INDEX}"
    m, f = rest.search(low), _future(low, 0)
    while m is not None or f is not None:
        # the leftmost match wins; at one position, the alternative that comes first in the lexicon
        if f is None or (m is not None and (m.start(), int(m.lastgroup[1:])) < (f[0], _FUTURE_INDEX)):
            out.append((m.start(), m.end(), m.lastgroup))
        else:
            out.append((f[0], f[1], group))
        pos = out[-1][1]
        if m is not None and m.start() < pos:
            m = rest.search(low, pos)
        if f is not None and f[0] < pos:
            f = _future(low, pos)
    return out


# Every instrument pattern in one expression, matched on the lower-cased clause; the group that matched
# names the instrument ("working_group" for working-group).
INSTRUMENT_ANY = _alternation_of({k.replace("-", "_"): p.lower() for k, p in INSTRUMENT_PATTERNS.items()})


def quick(rx: re.Pattern) -> re.Pattern:
    """``rx`` with a look at the first character in front: the same matches, found faster when they can only
    start with a few letters (a test compares); ``rx`` itself when any character may start one.

    Parameters
    ----------
    rx : re.Pattern
        A compiled expression (its flags are kept; with IGNORECASE both cases of each letter are let through).

    Returns
    -------
    re.Pattern
        The expression behind ``(?:^|(?=[letters]))``.
    """
    letters = first_letters(rx.pattern)
    if letters is None:
        return rx
    if rx.flags & re.IGNORECASE:
        letters = letters | {c.upper() for c in letters} | {c.lower() for c in letters}
    ahead = "(?:^|(?=[" + "".join(re.escape(c) for c in sorted(letters)) + "]))"
    return re.compile(ahead + "(?:" + rx.pattern + ")", rx.flags)
