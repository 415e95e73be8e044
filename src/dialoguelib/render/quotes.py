"""Quotes and source text as shown: escaped, Markdown bold shown as bold, search matches marked.

What is stored stays verbatim (offsets point into it); only the display changes.
"""

from __future__ import annotations

import re

import numpy as np

from ..query.search import match_spans
from .markup import esc as _esc

__all__ = ["quote_html"]

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def quote_html(text: str, terms=()) -> str:
    """A quote (or any source text) for display: escaped, Markdown bold (``**x**``) shown as bold
    without its asterisks, and the search terms' whole-word matches in ``<mark class="dlx-hit">``.

    The stored quote stays verbatim; only what is shown changes.

    Parameters
    ----------
    text : str
        The text, as stored.
    terms : sequence of str
        Search terms (:func:`dialoguelib.query.search.terms`) to highlight; default none.

    Returns
    -------
    str

    >>> quote_html("**Protect** our <people>", ["people"])
    '<b>Protect</b> our &lt;<mark class="dlx-hit">people</mark>&gt;'
    """
    text = str(text)
    n = len(text)
    hidden = bytearray(n)
    bold = bytearray(n)
    hit = bytearray(n)
    for m in _BOLD.finditer(text):
        hidden[m.start() : m.start() + 2] = b"\x01\x01"
        hidden[m.end() - 2 : m.end()] = b"\x01\x01"
        bold[m.start(1) : m.end(1)] = b"\x01" * (m.end(1) - m.start(1))
    for s, e in match_spans(text, list(terms)):
        hit[s:e] = b"\x01" * (e - s)
    if not any(hidden) and not any(hit):
        return _esc(text)
    # each run of characters in one state (hidden, bold, marked) is written at once; hidden ones are left out
    state = (
        np.frombuffer(hidden, dtype=np.uint8) * 4 + np.frombuffer(bold, dtype=np.uint8) * 2 + np.frombuffer(hit, dtype=np.uint8)
    )
    edges = [0, *(np.flatnonzero(state[1:] != state[:-1]) + 1).tolist(), n]
    out = []
    for a, b in zip(edges, edges[1:]):
        if hidden[a]:
            continue
        piece = _esc(text[a:b])
        if hit[a]:
            piece = f'<mark class="dlx-hit">{piece}</mark>'
        if bold[a]:
            piece = f"<b>{piece}</b>"
        out.append(piece)
    return "".join(out)
