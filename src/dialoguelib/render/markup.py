"""How text from the data reaches HTML: escaped, never through a Markdown renderer, links only to http(s).

>>> esc('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> link("javascript:alert(1)", "source")
'source'
>>> link("https://example.org/a?b=1&c=2", "source")
'<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">source</a>'
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from pandas import NA

__all__ = ["esc", "safe_url", "link", "not_typeset", "show"]


def esc(value) -> str:
    """HTML-escape any value (quotes included); missing values (None, NA, NaN) become ""."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if value is None or value is NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def safe_url(url) -> str | None:
    """``url`` if it is an absolute http or https address, else None (``javascript:``, ``data:``, relative, empty)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def link(url, text) -> str:
    """An escaped ``<a>`` to ``url`` when it is http(s), else just the escaped ``text``.

    Parameters
    ----------
    url : str
        The address (anything else than absolute http or https is not linked).
    text : str
        The link's text.

    Returns
    -------
    str
        HTML.
    """
    safe = safe_url(url)
    if safe is None:
        return esc(text)
    return f'<a href="{esc(safe)}" rel="noopener noreferrer">{esc(text)}</a>'


def not_typeset(markup: str) -> str:
    """``markup`` inside a ``div`` that MathJax leaves alone (the classes it skips, MathJax 2's and 3's names).

    JupyterLab and Voila typeset an output's HTML as mathematics, so text from the data such as "grants of
    $5 million and $6 million" would show "5millionand6" in italics; inside this ``div`` it is shown as written.

    >>> not_typeset("<p>$5 and $6</p>")
    '<div class="tex2jax_ignore mathjax_ignore"><p>$5 and $6</p></div>'
    """
    return f'<div class="tex2jax_ignore mathjax_ignore">{markup}</div>'


def show(markup: str):
    """A notebook's HTML output of ``markup``: IPython's ``HTML`` of it inside :func:`not_typeset`'s ``div``
    (JupyterLab typesets an output's HTML, so a quote with two dollar amounts would read as mathematics).

    Parameters
    ----------
    markup : str
        HTML built by the project's render functions (text from the data escaped).

    Returns
    -------
    IPython.display.HTML
    """
    from IPython.display import HTML

    return HTML(not_typeset(markup))
