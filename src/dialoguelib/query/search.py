"""Searching text as readers do: whole words and "quoted phrases", regardless of case and accents.

``arms`` finds "arms" and "Arms" but not "harms" or "firearms"; ``"working group"`` finds the two
words together; ``mexico`` finds "México". Text is *folded* (:func:`dialoguelib.package.text.fold`: case-folded, accents removed,
curly apostrophes and quotes made straight) before matching, and :func:`match_spans` maps every
match back to the original text's offsets, so that highlighting never changes what is shown.
"""

from __future__ import annotations

import functools
import re

from ..package.text import fold, fold_char

__all__ = ["fold_with_map", "terms", "term_pattern", "matches_all", "match_spans", "fts_query"]

_QUOTED = re.compile(r'"([^"]+)"|(\S+)')


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset of the character of ``text`` it comes from.

    >>> fold_with_map("Aé")
    ('ae', [0, 1])
    """
    if all(len(fold_char(ch)) == 1 for ch in set(text) if not ch.isascii()):  # each character folds to one
        return fold(text), list(range(len(text)))
    out, origin = [], []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        out.append(f)
        origin.extend([i] * len(f))
    return "".join(out), origin


def terms(query: str) -> list[str]:
    """The folded search terms of a query: each word, and each "quoted phrase" as one term.

    >>> terms('Arms  "Working  Group" México')
    ['arms', 'working group', 'mexico']
    """
    out = []
    for phrase, word in _QUOTED.findall(fold(query)):
        term = " ".join((phrase or word).split()).strip("\"'")
        if term:
            out.append(term)
    return list(dict.fromkeys(out))


@functools.lru_cache(maxsize=1024)
def term_pattern(term: str) -> re.Pattern:
    """The regular expression of a folded term as a whole word or phrase (any whitespace between its words).

    >>> bool(term_pattern("arms").search("reduce arms trafficking")), bool(term_pattern("arms").search("harms"))
    (True, False)
    """
    first, *rest = (re.escape(w) for w in term.split())
    # The first word comes first and its "no letter before" test after it: a pattern that starts with a literal is
    # searched for by that literal (fast), one that starts with a look-behind is tried at every position.
    return re.compile(first + rf"(?<!\w{first})" + "".join(r"\s+" + w for w in rest) + r"(?!\w)")


def matches_all(folded: str, query_terms: list[str]) -> bool:
    """Whether a folded text holds every term as a whole word or phrase.

    Parameters
    ----------
    folded : str
        Text as :func:`fold` returns it.
    query_terms : list of str
        What :func:`terms` returned.

    Returns
    -------
    bool
    """
    return all(term_pattern(t).search(folded) for t in query_terms)


def match_spans(text: str, query_terms: list[str]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text`` (whole words, folded), as sorted, non-overlapping offsets of ``text``.

    Parameters
    ----------
    text : str
        The original text.
    query_terms : list of str
        What :func:`terms` returned.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` into ``text``.

    >>> match_spans("Arms, harms and MÉXICO", terms("arms mexico"))
    [(0, 4), (16, 22)]
    """
    if not query_terms:
        return []
    folded, origin = fold_with_map(text)
    spans = []
    for t in query_terms:
        for m in term_pattern(t).finditer(folded):
            spans.append((origin[m.start()], origin[m.end() - 1] + 1))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def fts_query(query: str) -> str:
    """The SQLite FTS5 query (of the export's ``commitments_fts``, ``unicode61 remove_diacritics 2``) that
    finds what ``ds.search(query)`` finds: each of :func:`terms` (a word or a "quoted phrase") as a
    phrase, all of them required.

    Parameters
    ----------
    query : str
        Words and "quoted phrases", as typed in a search box.

    Returns
    -------
    str
        The MATCH expression (empty for an empty query).

    >>> fts_query('Arms "working  group" México')
    '"arms" "working group" "mexico"'
    """
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms(query))
