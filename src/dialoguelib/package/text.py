"""Texts: where a raw text's body and paragraphs start, which characters no text may hold,
where two texts that should be equal first differ, and text folded for matching (:func:`fold`,
:func:`unaccent`: the one way the project folds case, accents and curly quotes).

Offsets are always into the raw text as stored (``data/raw/``), never into a cleaned copy.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

__all__ = [
    "body_start",
    "body_end",
    "paragraph_starts",
    "has_control_bytes",
    "first_control_character",
    "control_in_text",
    "has_invisible_bytes",
    "first_invisible_character",
    "code_point",
    "describe_mismatch",
    "fold",
    "fold_char",
    "unaccent",
    "MONTH_NUMBERS",
]

#: The months by name, in English and in Spanish (both spellings of September), lower case: their numbers.
MONTH_NUMBERS = {
    m: i % 12 + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december "
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
    )
} | {"setiembre": 9}

_STRAIGHT = {ord("’"): "'", ord("‘"): "'", ord("“"): '"', ord("”"): '"', 0xA0: " "}


class _Folding(dict):
    """A ``str.translate`` table filled as characters come: curly quotes and the no-break space made
    plain, the character case-folded (when asked), decomposed (NFKD) and its accents dropped."""

    def __init__(self, casefold: bool):
        super().__init__()
        self.casefold = casefold

    def __missing__(self, code: int) -> str:
        ch = _STRAIGHT.get(code, chr(code))
        if self.casefold:
            ch = ch.casefold()
        self[code] = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        return self[code]


_FOLD = _Folding(casefold=True)
_UNACCENT = _Folding(casefold=False)


def fold(text) -> str:
    """``text`` case-folded, without accents, with straight apostrophes and quotes: what searching
    and matching names compare.

    >>> fold("México’s Fiscalía")
    "mexico's fiscalia"
    """
    text = str(text)
    return text.casefold() if text.isascii() else text.translate(_FOLD)


def fold_char(ch: str) -> str:
    """One character as :func:`fold` folds it (one character may give none or several).

    >>> fold_char("É"), fold_char("’")
    ('e', "'")
    """
    return _FOLD[ord(ch)]


def unaccent(text: str) -> str:
    """``text`` as :func:`fold` folds it, but with its case kept (for names written in capitals, acronyms).

    >>> unaccent("Secretaría de la Defensa Nacional (SEDENA)")
    'Secretaria de la Defensa Nacional (SEDENA)'
    """
    return text if text.isascii() else text.translate(_UNACCENT)


def body_start(text: str) -> int:
    """The offset where a text's body starts: after a YAML front matter block (``---`` ... ``---``), else 0.

    >>> body_start("---\\ntitle: x\\n---\\nBody"), body_start("Body")
    (17, 0)
    """
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return end + 5
    return 0


def body_end(text: str, words: int = 8) -> int:
    r"""Where a text's body ends: after its last paragraph of at least ``words`` words. What follows is an
    archive's or a site's furniture ("Filed Under", "Simple Search of Our Archives"), kept in the raw
    file but not shown as the document's text.

    Parameters
    ----------
    text : str
        The raw text.
    words : int
        How many words make a paragraph of the text rather than furniture (default 8).

    Returns
    -------
    int
        The offset just after the body's last paragraph.

    >>> t = "The two governments will meet again next year in Washington.\n\nFiled Under\n\nSearch"
    >>> t[: body_end(t)]
    'The two governments will meet again next year in Washington.'
    """
    end = len(text.rstrip())
    for m in re.finditer(r"\S[^\n]*(?:\n(?!\s*\n)[^\n]*)*", text):  # paragraphs: blank lines between them
        if len(m.group(0).split()) >= words:
            end = m.end()
    return end


def paragraph_starts(text: str) -> np.ndarray:
    """Offsets where each paragraph of a text starts, after any front matter.

    A paragraph starts after a blank line, or at a line that opens with a bullet
    (``•``, ``-``, ``*``), so each list item is a paragraph of its own.

    >>> paragraph_starts("---\\ntitle: x\\n---\\nOne\\nline.\\n\\nTwo.\\n  • Three\\n").tolist()
    [17, 28, 35]
    """
    body = body_start(text)
    starts = []
    pending = True  # the next non-blank line opens a paragraph
    pos = body
    for line in text[body:].splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            pending = True
        else:
            if pending or stripped[0] in "•-*":
                starts.append(pos + len(line) - len(line.lstrip()))
            pending = False
        pos += len(line)
    return np.asarray(starts, dtype=np.int64)


# Control characters, refused in every text field and raw text: C0 and C1 but tab and newline
# (a carriage return only as part of a CRLF line end), and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def has_control_bytes(data: bytes) -> bool:
    """Whether UTF-8 ``data`` may hold a control character that :data:`_CONTROL` refuses (one numpy pass).

    C0 controls but tab, newline and CRLF; DEL; C1 controls (UTF-8 ``C2 80``-``C2 9F``). A file
    for which this is False needs no closer look; for one where it is True, the regex finds where.

    >>> has_control_bytes(b"a\\tb\\r\\nc"), has_control_bytes(b"a\\x0cb"), has_control_bytes("\\x85".encode())
    (False, True, True)
    """
    a = np.frombuffer(data, dtype=np.uint8)
    if not len(a):
        return False
    low = (a < 32) & (a != 9) & (a != 10)
    if low.any():
        cr = np.flatnonzero(low & (a == 13))
        if len(cr) < int(low.sum()):  # a control other than CR
            return True
        nxt = cr + 1
        if (nxt >= len(a)).any() or (a[np.minimum(nxt, len(a) - 1)] != 10).any():  # a CR not followed by LF
            return True
    if (a == 0x7F).any():
        return True
    lead = np.flatnonzero(a[:-1] == 0xC2)
    return bool(((a[lead + 1] >= 0x80) & (a[lead + 1] <= 0x9F)).any())


def first_control_character(values) -> tuple[int, int, str] | None:
    """``(index, offset, character)`` of the first control character in a list of strings, or None.

    Tab, newline and CRLF line ends are allowed. One regex scan over the values joined.

    >>> first_control_character(["fine", "tab\\tok", "bad\\x00here"])
    (2, 3, '\\x00')
    >>> first_control_character(["line\\r\\nend"]) is None
    True
    """
    values = list(values)
    joined = "\t".join(values)  # a separator that is allowed, and that does not excuse a CR before it
    m = _CONTROL.search(joined)
    if m is None:
        return None
    ends = np.cumsum([len(v) + 1 for v in values])
    i = int(np.searchsorted(ends, m.start(), side="right"))
    offset = m.start() - (int(ends[i - 1]) if i else 0)
    return i, offset, m.group(0)


# Characters that show nothing yet change what a text is or how it reads: zero-width spaces and joiners,
# the soft hyphen, the byte order mark, and the bidirectional marks, embeddings, overrides and isolates.
# Refused in the text fields a person types (names, notes, assessors), where "DEA\u200b" would silently
# name nothing and an override would show a name backwards; allowed only in verbatim quotes, which
# must equal the source as published.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_INVISIBLE_BYTES = re.compile(
    rb"\xc2\xad|\xd8\x9c|\xe1\xa0\x8e|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xa9]|\xef\xbb\xbf"
)


def has_invisible_bytes(data: bytes) -> bool:
    """Whether UTF-8 ``data`` may hold a character that :func:`first_invisible_character` finds (one scan of the bytes).

    >>> has_invisible_bytes("DEA\u200b".encode()), has_invisible_bytes("México’s".encode())
    (True, False)
    """
    return _INVISIBLE_BYTES.search(data) is not None


def first_invisible_character(values) -> tuple[int, int, str] | None:
    """``(index, offset, character)`` of the first invisible or bidirectional control character in a list of strings.

    >>> first_invisible_character(["DEA", "FB\u200bI"])
    (1, 2, '\u200b')
    >>> first_invisible_character(["plain"]) is None
    True
    """
    values = list(values)
    for i, v in enumerate(values):
        m = _INVISIBLE.search(v)
        if m is not None:
            return i, m.start(), m.group(0)
    return None


def control_in_text(text: str) -> tuple[int, int, str] | None:
    """``(line, column, character)``, 1-based, of the first control character of a text, or None.

    >>> control_in_text("one\\r\\ntwo\\x0cthree")
    (2, 4, '\\x0c')
    """
    m = _CONTROL.search(text)
    if m is None:
        return None
    line_start = text.rfind("\n", 0, m.start()) + 1
    return text.count("\n", 0, m.start()) + 1, m.start() - line_start + 1, m.group(0)


def code_point(ch: str) -> str:
    """A character's code point and Unicode name, as in ``U+2019 RIGHT SINGLE QUOTATION MARK``."""
    import unicodedata

    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def describe_mismatch(expected: str, found: str) -> str:
    """Where two texts first differ, with both characters' code points.

    Parameters
    ----------
    expected : str
        The source's text.
    found : str
        The row's text.

    Returns
    -------
    str
        A phrase for an error message.

    >>> print(describe_mismatch("the Parties’ goal", "the Parties' goal"))
    they differ at character 12: the source has '’' (U+2019 RIGHT SINGLE QUOTATION MARK), the row has "'" (U+0027 APOSTROPHE)
    """
    n = next((i for i, (a, b) in enumerate(zip(expected, found)) if a != b), min(len(expected), len(found)))
    a = repr(expected[n]) + f" ({code_point(expected[n])})" if n < len(expected) else "the end of the text"
    b = repr(found[n]) + f" ({code_point(found[n])})" if n < len(found) else "the end of the text"
    return f"they differ at character {n + 1}: the source has {a}, the row has {b}"
