"""Reading a statement to ingest: plain text or a saved HTML page, and the language it is written in.

A text file is read as it is. A saved HTML page (``.html``/``.htm``, or a file that opens with
``<!doctype html`` or ``<html``) is kept byte for byte as the original, and its main text (no
navigation, sidebars or footers) is extracted with trafilatura, which works offline on a file;
that text is what the proposals' offsets point into, and it is stored beside the page with its
own sha256.

The language is detected paragraph by paragraph from its function words, over English and Spanish
(the two languages the framework's statements are published in; the word lists are in
``rules/languages.py``); a text in any other language is refused with a message that says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError
from ..package.text import control_in_text
from .rules.languages import FUNCTION_WORDS, OTHER

__all__ = ["Source", "read_source", "read_statement", "detect_language", "LANGUAGES", "extract_html"]

LANGUAGES = {"en": "English", "es": "Spanish"}
HTML_SUFFIXES = {".html", ".htm"}
# A paragraph's language is counted when it has at least this many letters.
_MIN_LETTERS = 40
# At most this many paragraphs are classified (spread evenly through a long text).
_SAMPLE = 300


@dataclass
class Source:
    """A statement as ingest reads it.

    ``text`` is what proposals point into; ``original`` the HTML page's bytes (None for a text
    file); ``language`` the detected (or given) language; ``shares`` each language's share of the
    text's letters, paragraph by paragraph (``unk`` for neither).
    """

    path: Path
    text: str
    original: bytes | None
    language: str
    shares: dict

    @property
    def text_bytes(self) -> bytes:
        """The text as UTF-8 bytes (what is stored as the raw file)."""
        return self.text.encode("utf-8")

    @property
    def is_html(self) -> bool:
        """Whether the statement was a saved HTML page."""
        return self.original is not None


def _is_html(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<!doctype html") or head.startswith(b"<html")


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise IngestError(f"{path}: the file is empty; expected the statement's text")
    if b"\x00" in data:
        raise IngestError(
            f"{path}: holds NUL bytes (at byte {data.index(0)}), so it looks like a binary file; "
            "expected plain UTF-8 text or a saved HTML page"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{path}: not valid UTF-8 at byte {exc.start} ({exc.reason}); convert it first, e.g. `iconv -f latin1 -t utf-8`"
        ) from None


def _check_controls(path: Path, text: str, what: str = "") -> None:
    hit = control_in_text(text)
    if hit is not None:
        line, column, ch = hit
        raise IngestError(
            f"{path}: a control character U+{ord(ch):04X} at line {line}, column {column}{what}; "
            "expected plain text (tab and newline are allowed)"
        )


def extract_html(path: Path, html: str) -> str:
    """The main text of a saved HTML page (trafilatura, offline), one paragraph per line, ending in a newline.

    Parameters
    ----------
    path : Path
        The page's file, named in error messages.
    html : str
        The page's markup.

    Returns
    -------
    str
        The article's text without navigation, sidebars, footers or markup; line ends are LF.

    Raises
    ------
    IngestError
        trafilatura is not installed, or the page has no main text.
    """
    try:
        import trafilatura
    except ImportError:
        raise IngestError(
            f"{path}: reading a saved HTML page needs trafilatura, which is not installed; "
            "install it with `pip install 'dialoguelib[html]'`, or give the statement as plain text"
        ) from None
    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
    )
    longest = max((sum(c.isalpha() for c in line) for line in (text or "").splitlines()), default=0)
    if longest < _MIN_LETTERS:  # nothing but menu items, a copyright line or nothing at all
        found = " ".join((text or "").split())[:60]
        raise IngestError(
            f"{path}: an HTML page with no main text (no paragraph of {_MIN_LETTERS} letters or more"
            + (f"; only {found!r}" if found else "")
            + "); save the article's page itself, or give its text as a plain text file"
        )
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def detect_language(text: str) -> dict:
    """Each language's share of a text's letters: ``{"en": ..., "es": ..., "unk": ...}``, summing to 1.

    Paragraphs (blank-line or line separated) of at least 40 letters are classified one by one
    and weighted by their letters; shorter texts are classified whole. A paragraph is in the
    language whose function words (``rules/languages.py``) make up more of its words; in neither
    (``unk``) when they are under a tenth of its words or another language's are as many.

    >>> shares = detect_language("Both governments will strengthen their cooperation against arms trafficking.")
    >>> max(shares, key=shares.get)
    'en'
    >>> detect_language("Les deux gouvernements renforceront leur coopération contre le trafic d'armes.")["unk"]
    1.0
    """
    paragraphs = [p for p in re.split(r"\n+", text) if sum(c.isalpha() for c in p) >= _MIN_LETTERS] or [text[:20000]]
    if len(paragraphs) > _SAMPLE:  # a long text: paragraphs spread evenly through it
        step = len(paragraphs) / _SAMPLE
        paragraphs = [paragraphs[int(i * step)] for i in range(_SAMPLE)]
    totals = {"en": 0.0, "es": 0.0, "unk": 0.0}
    for p in paragraphs:
        totals[_paragraph_language(p[:2000])] += sum(c.isalpha() for c in p) or 1
    whole = sum(totals.values()) or 1.0
    return {k: v / whole for k, v in totals.items()}


_LETTERS = re.compile(r"[^\W\d_]+")
_MIN_SHARE = 0.1  # function words are a quarter to a half of the words of English or Spanish prose


def _paragraph_language(paragraph: str) -> str:
    words = [w.lower() for w in _LETTERS.findall(paragraph)]
    n = len(words) or 1
    shares = {lang: sum(w in known for w in words) / n for lang, known in FUNCTION_WORDS.items()}
    best = max(shares, key=shares.get)
    if shares[best] < _MIN_SHARE or sum(w in OTHER for w in words) / n >= shares[best]:
        return "unk"
    return best


def _language(path: Path, shares: dict, given: str | None) -> str:
    if given is not None:
        if given not in LANGUAGES:
            raise IngestError(f"--language {given!r}: expected one of {', '.join(LANGUAGES)} ({', '.join(LANGUAGES.values())})")
        return given
    known = {k: shares[k] for k in LANGUAGES}
    best = max(known, key=known.get)
    if shares["unk"] > 0.5 or known[best] < 0.3:
        raise IngestError(
            f"{path}: the text does not read as English or Spanish ({100 * shares['unk']:.0f}% of it is in neither); "
            "only English and Spanish statements are supported. If it is one of them, say which with --language en|es"
        )
    return best


def read_source(path, language: str | None = None) -> Source:
    """Read a statement (text or saved HTML page) and detect its language, refusing bad input with a clear message.

    Parameters
    ----------
    path : path-like
        A UTF-8 text file, or a saved HTML page (by its suffix ``.html``/``.htm`` or its opening tag).
    language : str, optional
        ``en`` or ``es``, to set the language instead of detecting it (default None: detected).

    Returns
    -------
    Source
        The text proposals point into, the page's bytes for a saved page, the language and each language's share.

    Raises
    ------
    IngestError
        A missing, empty, binary (NUL bytes), non-UTF-8 file; a control character; an HTML page
        with no main text; a text in neither English nor Spanish.
    """
    path = Path(path)
    text, original = _read(path)
    shares = detect_language(text)
    return Source(path, text, original, _language(path, shares, language), shares)


def _read(path: Path) -> tuple[str, bytes | None]:
    """(text, page bytes or None): a text file as it is, a saved page's extracted main text; bad input refused."""
    if not path.is_file():
        raise IngestError(f"{path}: file not found")
    data = path.read_bytes()
    decoded = _decode(path, data)
    if _is_html(path, data):
        text = extract_html(path, decoded)
        _check_controls(path, text, " of the page's extracted text")
        return text, data
    _check_controls(path, decoded)
    return decoded, None


def read_statement(path) -> str:
    """The text of a statement as ingest reads it (a saved HTML page: its extracted main text)."""
    return _read(Path(path))[0]
