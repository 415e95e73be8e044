"""Long texts proposed on every core: the sentences cut into chunks of whole paragraphs (never a bullet
from its lead-in; in a saved page's text, whose paragraphs are lines, at line breaks), each chunk proposed in a
forked worker, the rows put back in text order."""

from __future__ import annotations

import re

from .rules.lexicon import LIST_MARKER, SECTION_GOAL, SECTION_RE

__all__ = ["rows", "PARALLEL_FROM"]

# Texts this long are proposed in parallel on a fork-capable system (Linux): chunks of whole paragraphs.
PARALLEL_FROM = 1_000_000


def _chunks(text: str, spans: list, n: int, lines: bool = False) -> list[tuple[int, int]]:
    """Cut ``spans`` into about ``n`` runs of sentences, each cut before a paragraph that is no bullet
    and after one that is no lead-in (so no bullet is cut from its lead-in). A paragraph ends at a blank line,
    or, in a text with one paragraph per line (a saved page's extracted text), at a line break."""
    brk = "\n" if lines else "\n\n"
    if n <= 1 or len(spans) < 2 * n:
        return [(0, len(spans))]
    cuts, target = [0], len(text) / n
    for k in range(1, len(spans)):
        s = spans[k][0]
        if s < target * len(cuts):
            continue
        gap = text[spans[k - 1][1] : s]
        if (
            brk in gap
            and not text[spans[k - 1][0] : spans[k - 1][1]].rstrip().endswith(":")
            and not re.match(r"\s*(?:" + LIST_MARKER + r"|\d+(?:\.\d+)+)", text[s : s + 12])
        ):
            cuts.append(k)
    return list(zip(cuts, cuts[1:] + [len(spans)]))


_WORK: dict = {}


def _scan_chunk(job):
    lo, hi, section0 = job
    w = _WORK
    return w["scan"](w["ctx"], w["text"], w["spans"][lo:hi], section0, w["language"])


def rows(scan, ctx, text: str, spans: list, language, report) -> list[dict]:
    """The proposal rows of all sentences, from ``scan(ctx, text, spans, section, language, report)``:
    in one process, or for a long text in chunks on every core.

    Parameters
    ----------
    scan : callable
        What proposes the rows of a run of sentences (``ingest.propose._scan``).
    ctx, language
        Passed to ``scan``.
    text : str
        The whole text.
    spans : list of (int, int)
        Its sentences.
    report : callable or None
        Told of the characters done, chunk by chunk.

    Returns
    -------
    list of dict
        The rows, in text order, the same as one process would give.
    """
    import multiprocessing as mp
    import os

    cores = os.cpu_count() or 1
    if len(text) < PARALLEL_FROM or cores < 2 or "fork" not in mp.get_all_start_methods():
        return scan(ctx, text, spans, None, language, report)
    import bisect

    marks = [(m.start(), SECTION_GOAL[m.group(1).lower()]) for m in SECTION_RE.finditer(text)]
    starts = [s for s, _g in marks]
    jobs = []
    for lo, hi in _chunks(text, spans, 4 * cores, lines=bool(ctx[3])):
        k = bisect.bisect_right(starts, spans[lo][0] - 1)  # the section the chunk's first sentence sits in
        jobs.append((lo, hi, marks[k - 1][1] if k else None))
    _WORK.update(scan=scan, ctx=ctx, text=text, spans=spans, language=language)
    rows = []
    try:
        with mp.get_context("fork").Pool(min(cores, len(jobs))) as pool:
            for (lo, hi, _sec), part in zip(jobs, pool.imap(_scan_chunk, jobs)):
                rows += part
                if report is not None:
                    report(spans[hi - 1][1] - spans[lo][0])
    finally:
        _WORK.clear()
    return rows
