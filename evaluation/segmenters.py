"""Sentence splitting: ingest's own rules against pysbd, on the development set.

A gold commitment (a sentence, bullet or objective line) counts as segmented right when one span
starts within 4 characters of it (a bullet marker) and one ends within 1 character of its end.
pysbd runs paragraph by paragraph (blank-line separated). pysbd is not a dependency of the project:
`pip install pysbd` to run this.

    python -m evaluation.segmenters
"""

from __future__ import annotations

import re
import sys
import time

from dialoguelib.ingest.segment import one_paragraph_per_line, sentences
from evaluation import devset


def _own(st):
    return sentences(st.text, 0, lines=one_paragraph_per_line(st.text))


def _pysbd(st):
    import pysbd

    seg = pysbd.Segmenter(language=st.language, clean=False, char_span=True)
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", st.text):
        for c in seg.segment(m.group(0)):
            s, e = m.start() + c.start, m.start() + c.end
            while e > s and st.text[e - 1].isspace():
                e -= 1
            out.append((s, e))
    return out


def compare(statements=None) -> list[tuple[str, float, float]]:
    """(segmenter, share of gold commitments segmented right, MB/s) for each segmenter available."""
    statements = statements if statements is not None else devset.load()
    size = sum(len(st.text.encode("utf-8")) for st in statements)
    out = []
    for name, fn in (("ingest's rules", _own), ("pysbd", _pysbd)):
        try:
            t0 = time.perf_counter()
            spans = [fn(st) for st in statements]
            dt = time.perf_counter() - t0
        except ImportError:
            continue
        hit = tot = 0
        for st, sp in zip(statements, spans):
            starts, ends = [s for s, _ in sp], {e for _, e in sp}
            for g in st.commitments:
                tot += 1
                hit += any(abs(g.start - s) <= 4 for s in starts) and any(abs(g.end - e) <= 1 for e in ends)
        out.append((name, hit / tot, size / 1e6 / dt))
    return out


def markdown(rows) -> str:
    lines = ["| segmenter | gold commitments segmented right | MB/s |", "|---|---:|---:|"]
    lines += [f"| {n} | {share:.3f} | {rate:.2f} |" for n, share, rate in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(compare()))
    sys.exit(0)
