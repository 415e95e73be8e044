"""The tuned split's gold commitments as goal and area examples for ingest's suggester.

``src/dialoguelib/ingest/rules/goal_examples.csv`` holds every clear gold commitment of the development set's
tuned split whose goal is one of the framework's (not ``outside``): its statement, language, goal,
area and words. The suggester votes with them beside the framework's descriptions and the curated
rows, so that a Spanish or a differently worded statement finds examples like it. The fresh split
is never in it; ``ingest_eval`` leaves each tuned statement's own rows out when scoring it.

    python -m evaluation.devset_examples --write    # rewrite the file from the gold
    python -m evaluation.devset_examples --check    # exit 1 when the file and the gold differ
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from evaluation import devset

OUT = Path(__file__).resolve().parents[1] / "src" / "dialoguelib" / "ingest" / "rules" / "goal_examples.csv"
COLUMNS = ["source", "language", "goal_id", "area_id", "text"]


def rows(statements=None) -> list[dict]:
    """The examples, in statement and text order."""
    statements = statements if statements is not None else devset.load()
    out = []
    for st in statements:
        if st.split != "tuned":
            continue
        for g in sorted(st.commitments, key=lambda g: g.start):
            if g.clear and g.goal_id != "outside":
                text = " ".join(g.quote.split())  # one line per example
                out.append(
                    {"source": st.id, "language": st.language, "goal_id": g.goal_id, "area_id": g.area_id or "", "text": text}
                )
    return out


def render(examples: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(examples)
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write", action="store_true")
    g.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = render(rows())
    if args.write:
        tmp = OUT.with_suffix(".csv.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(OUT)
        print(f"{OUT}: {text.count(chr(10)) - 1} examples")
        return 0
    if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
        print(f"{OUT} is stale: run python -m evaluation.devset_examples --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
