"""The confidence's calibration curve, fitted on the development set's tuned split.

Every tuned statement is proposed as ``ingest_eval`` proposes it (without its own rows among the suggester's
examples), with the confidence uncalibrated (the raw score: the goal's share of the votes times the verb's
strength). Each proposal is labelled right as proposed (a clear gold commitment with its goal) or not, and an
isotonic regression (pool adjacent violators) maps the raw score to the share right. Its knots are written to
``src/dialoguelib/ingest/rules/calibration.csv``, which ``ingest`` interpolates. A fresh or held-out statement is
never used.

    python -m evaluation.calibrate --write
"""

from __future__ import annotations

import argparse
import importlib
import sys

import dialoguelib
from dialoguelib.ingest import Suggester, propose
from evaluation import devset, ingest_eval

propose_module = importlib.import_module("dialoguelib.ingest.propose")  # the module (its function shares the name)
OUT = propose_module.CALIBRATION_FILE


def pairs(statements=None) -> list[tuple[float, int]]:
    """(raw score, right as proposed) of every proposal of the tuned split."""
    ds = dialoguelib.load()
    statements = statements if statements is not None else [s for s in devset.load() if ingest_eval.group_of(s) == "tuned"]
    saved, propose_module.CALIBRATION = propose_module.CALIBRATION, None
    out = []
    try:
        for st in statements:
            p = propose(ds, st.text, st.id, suggester=Suggester(ds, exclude_examples={st.id}), language=st.language)
            for ps, pe, goal, raw in zip(p["start"], p["end"], p["goal_id"], p["confidence"]):
                inside = [(min(pe, g.end) - max(ps, g.start), g) for g in st.commitments]
                best, g = max(inside, key=lambda x: x[0], default=(0, None))
                if g is not None and best >= 0.5 * (pe - ps) and not g.clear:
                    continue
                right = g is not None and best >= 0.5 * (pe - ps) and goal in (g.goal_id, g.second_goal)
                out.append((float(raw), int(right)))
    finally:
        propose_module.CALIBRATION = saved
    return out


def isotonic(points: list[tuple[float, int]]) -> list[tuple[float, float]]:
    """Knots of the isotonic regression of the labels on the scores: each block of the fit (a run of scores with one
    share right) as its mean score and its share right, so that the curve interpolated between them rises.

    >>> isotonic([(0.1, 0), (0.2, 1), (0.3, 0), (0.4, 1)])
    [(0.1, 0.0), (0.25, 0.5), (0.4, 1.0)]
    """
    blocks: list = []  # [sum of labels, count, sum of scores]
    for x, y in sorted(points):
        blocks.append([float(y), 1, x])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            y2, n2, x2 = blocks.pop()
            blocks[-1][0] += y2
            blocks[-1][1] += n2
            blocks[-1][2] += x2
    return [(round(sx / n, 4), round(total / n, 4)) for total, n, sx in blocks]


def render(knots) -> str:
    return "raw,confidence\n" + "".join(f"{x},{y}\n" for x, y in knots)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = ap.parse_args()
    pts = pairs()
    text = render(isotonic(pts))
    if args.write:
        tmp = OUT.with_suffix(".csv.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(OUT)
    print(f"{len(pts)} proposals of the tuned split, {sum(y for _x, y in pts)} right as proposed")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
