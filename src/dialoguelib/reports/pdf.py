"""Report pages printed to PDF by headless Chromium: charts at the page's width, print styles applied.

Chromium is Debian's (``/usr/bin/chromium``, or ``$DIALOGUELIB_CHROMIUM``), driven through
Playwright (the optional ``pdf`` extra); nothing is downloaded and the pages are opened offline.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..errors import DialogueError, OutputDirError
from ..package.store import atomic_write

__all__ = ["CHROMIUM_ENV_VAR", "chromium_path", "print_pdfs", "page_count", "relative_links"]

CHROMIUM_ENV_VAR = "DIALOGUELIB_CHROMIUM"


def chromium_path() -> str:
    """The Chromium to print with: ``$DIALOGUELIB_CHROMIUM``, else ``chromium`` on the PATH.

    Raises
    ------
    DialogueError
        None is found (with how to install it).
    """
    found = os.environ.get(CHROMIUM_ENV_VAR) or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or not Path(found).exists():
        raise DialogueError(
            f"--pdf needs Chromium: none found (set ${CHROMIUM_ENV_VAR}, or install it, e.g. `apt-get install chromium`)"
        )
    return found


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF (its ``/Type /Page`` objects).

    >>> page_count(b"<< /Type /Pages >> << /Type /Page >> << /Type/Page >>")
    2
    """
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def relative_links(pdf: bytes, page_path) -> bytes:
    """The PDF with its links to the report set's other pages made relative (``source-X.html#c-ID``), and any
    other link to a file of this machine dropped: Chromium writes every link as an absolute address, and a
    ``file://`` path of the machine that printed it means nothing to a reader.

    Parameters
    ----------
    pdf : bytes
        The PDF Chromium printed.
    page_path : path-like
        The report page it was printed from (its folder is the report set's).

    Returns
    -------
    bytes
        The PDF; http(s) links unchanged.
    """
    import io
    from urllib.parse import unquote

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, TextStringObject

    base = Path(page_path).resolve().parent.as_uri() + "/"
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        kept = ArrayObject()
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if uri.startswith(base) and "/" not in unquote(uri[len(base) :].split("#")[0]):
                action.get_object()[NameObject("/URI")] = TextStringObject(unquote(uri[len(base) :]))
            elif uri.startswith("file:"):
                continue  # a link to a file of this machine outside the report set
            kept.append(ref)
        if "/Annots" in page:
            page[NameObject("/Annots")] = kept
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_pdfs(pages: list[Path], timeout_ms: int = 60_000) -> list[tuple[Path, int]]:
    """Print report pages to PDF beside them (``NAME.pdf``), each written atomically.

    Parameters
    ----------
    pages : list of Path
        The report pages (their ``plotly.min.js`` beside them, or self-contained).
    timeout_ms : int
        How long to wait for a page's charts to be drawn.

    Returns
    -------
    list of (Path, int)
        Each PDF and its number of pages.

    Raises
    ------
    DialogueError
        Playwright (the ``pdf`` extra) or Chromium is missing, or a page's charts were not drawn in time.
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise DialogueError(
            "--pdf needs the optional extra: pip install -e '.[pdf]' (Playwright, which drives Chromium)"
        ) from None
    chromium = chromium_path()
    done = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(offline=True, viewport={"width": 760, "height": 1000})
            for page_path in pages:
                page = context.new_page()
                page.goto(Path(page_path).resolve().as_uri())
                try:
                    page.wait_for_function(
                        """() => [...document.querySelectorAll('div[id^="dlx-figure-"]')]
                                 .every(d => d.querySelector('.main-svg'))""",
                        timeout=timeout_ms,
                    )
                except PlaywrightError:
                    raise DialogueError(f"{page_path}: its charts were not drawn within {timeout_ms / 1000:.0f} s") from None
                page.emulate_media(media="print")
                page.evaluate("window.dlxPrintLayout && window.dlxPrintLayout()")
                page.wait_for_timeout(200)
                pdf = relative_links(page.pdf(format="A4", print_background=True, prefer_css_page_size=True), page_path)
                target = Path(page_path).with_suffix(".pdf")
                try:
                    atomic_write(target, pdf)
                except OSError as exc:
                    raise OutputDirError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
                done.append((target, page_count(pdf)))
                page.close()
        finally:
            browser.close()
    return done
