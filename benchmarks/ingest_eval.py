"""Leave-one-document-out evaluation of commitment proposals on the curated seeds.

For each document: suggestions learn from the other document's curated rows (plus the
framework's goal and area descriptions), proposals are made on this document's raw text,
and compared with its curated rows. A proposal matches a curated row when their spans
overlap by at least half of the longer of the two (one-to-one, best overlap first).

    python benchmarks/ingest_eval.py            # prints a Markdown section
"""

from __future__ import annotations

import sys

import dialoguelib
from dialoguelib.ingest import Suggester, propose

TARGETS = {"recall": 0.9, "precision": 0.8, "goal accuracy": 0.85}


def match(proposals, curated):
    pairs = []
    for i, (ps, pe) in enumerate(zip(proposals["start"], proposals["end"])):
        for j, (cs, ce) in enumerate(zip(curated["start"], curated["end"])):
            overlap = min(pe, ce) - max(ps, cs)
            if overlap > 0 and overlap >= 0.5 * max(pe - ps, ce - cs):
                pairs.append((overlap, i, j))
    used_p, used_c, out = set(), set(), []
    for _overlap, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_c:
            used_p.add(i)
            used_c.add(j)
            out.append((i, j))
    return out


def evaluate(ds=None) -> dict:
    ds = ds or dialoguelib.load()
    docs = list(ds.documents["document_id"])
    totals = {"proposals": 0, "curated": 0, "matched": 0, "goal_ok": 0, "area_ok": 0}
    per_doc = []
    for held in docs:
        train = [d for d in docs if d != held]
        proposals = propose(ds, ds.raw_texts[held], held, suggester=Suggester(ds, documents=train))
        curated = ds.tidy[ds.tidy["document_id"] == held].reset_index(drop=True)
        pairs = match(proposals, curated)
        goal_ok = sum(proposals["goal_id"].iloc[i] == str(curated["goal_id"].iloc[j]) for i, j in pairs)
        area_ok = sum(
            (proposals["area_id"].iloc[i] or None)
            == (None if curated["area_id"].isna().iloc[j] else str(curated["area_id"].iloc[j]))
            for i, j in pairs
        )
        row = {
            "document": held,
            "proposals": len(proposals),
            "curated": len(curated),
            "matched": len(pairs),
            "goal_ok": goal_ok,
            "area_ok": area_ok,
            "missed": [curated["commitment_id"].iloc[j] for j in range(len(curated)) if j not in {b for _, b in pairs}],
        }
        per_doc.append(row)
        for k in totals:
            totals[k] += row[k]
    m = totals["matched"] or 1
    return {
        "per_doc": per_doc,
        "precision": totals["matched"] / max(totals["proposals"], 1),
        "recall": totals["matched"] / max(totals["curated"], 1),
        "goal accuracy": totals["goal_ok"] / m,
        "area accuracy": totals["area_ok"] / m,
        "totals": totals,
    }


def markdown(result: dict) -> str:
    lines = [
        "## Ingestion quality (leave-one-document-out on the curated seeds)",
        "",
        "| held-out document | proposals | curated | matched | precision | recall | goal acc. | area acc. |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["per_doc"]:
        m = r["matched"] or 1
        lines.append(
            f"| {r['document']} | {r['proposals']} | {r['curated']} | {r['matched']} | {r['matched'] / max(r['proposals'], 1):.2f} | "
            f"{r['matched'] / r['curated']:.2f} | {r['goal_ok'] / m:.2f} | {r['area_ok'] / m:.2f} |"
        )
    lines += ["", "| measure (both documents) | value | target |", "|---|---:|---|"]
    for k in ["precision", "recall", "goal accuracy", "area accuracy"]:
        target = TARGETS.get(k)
        verdict = "" if target is None else (f">= {target}: met" if result[k] >= target else f">= {target}: missed")
        lines.append(f"| {k} | {result[k]:.2f} | {verdict} |")
    missed = [f"{r['document']}: {', '.join(r['missed'])}" for r in result["per_doc"] if r["missed"]]
    if missed:
        lines += ["", "Curated rows with no matching proposal: " + "; ".join(missed) + "."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(evaluate()))
    sys.exit(0)
