"""Generate a synthetic data folder at scale from the real tables (same shape and distributions).

Each synthetic document is a raw text made of commitment quotes sampled from the real
ones (with their goal, area, modality, actors ...), separated by filler sentences, so
offsets, sha256 and every validation rule hold exactly as for the real data.

Usage: python -m benchmarks.synthetic OUT_DIR [--documents 1000] [--commitments 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from dialoguelib.query.dataset import PACKAGE_DATA

FILLER = "This paragraph restates context without a commitment.\n\n"


def generate(out: Path, documents: int = 1000, commitments: int = 100_000, seed: int = 0, ledger: int | None = None) -> Path:
    """Write the synthetic folder; ``ledger`` status updates (default 0: none) and half as many lineage links."""
    rng = np.random.default_rng(seed)
    src = PACKAGE_DATA.resolve()
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "raw").mkdir(parents=True)

    def read(name):
        return pd.read_csv(src / f"{name}.csv", dtype=str, keep_default_na=False)

    com, links = read("commitments"), read("commitment_actors")
    for name in ("goals", "areas", "actors", "milestones", "statuses"):
        shutil.copy(src / f"{name}.csv", out / f"{name}.csv")
    dp = json.loads((src / "datapackage.json").read_text(encoding="utf-8"))
    # goals and areas quote the real fact sheet: keep it as document 0
    docs = [read("documents").set_index("code").loc["FS"].to_dict() | {"code": "FS"}]
    shutil.copy(src / docs[0]["raw_path"], out / docs[0]["raw_path"])
    per_doc = np.full(documents, commitments // documents)
    per_doc[: commitments % documents] += 1
    sample = rng.integers(0, len(com), size=commitments)
    link_groups = {cid: g[["actor_id", "role"]].to_numpy() for cid, g in links.groupby("commitment_id")}
    rows, link_rows = [], []
    k = 0
    for d in range(documents):
        code = f"S{d:04d}"
        doc_id = f"synthetic-{d:04d}"
        parts, pos = [], 0
        for i in range(per_doc[d]):
            base = com.iloc[sample[k]]
            k += 1
            parts.append(FILLER)
            pos += len(FILLER)
            quote = base["quote"]
            cid = f"{code}-{i + 1:03d}"
            rows.append(
                {**base.to_dict(), "commitment_id": cid, "document_id": doc_id, "start": str(pos), "end": str(pos + len(quote))}
            )
            parts.append(quote + "\n\n")
            pos += len(quote) + 2
            for actor, role in link_groups.get(base["commitment_id"], []):
                link_rows.append((cid, actor, role))
        text = "".join(parts)
        raw = f"raw/{doc_id}.txt"
        (out / raw).write_text(text, encoding="utf-8", newline="")
        date = pd.Timestamp("2021-10-08") + pd.Timedelta(days=int(d))
        docs.append(
            {
                "document_id": doc_id,
                "code": code,
                "title": f"Synthetic statement {d}",
                "date": date.strftime("%Y-%m-%d"),
                "kind": "statement",
                "publisher": "Synthetic",
                "source_url": "",
                "raw_path": raw,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "language": "en",
                "original_path": "",
                "original_sha256": "",
                "milestone_id": "",
            }
        )
    cols = list(read("documents").columns)
    pd.DataFrame(docs)[cols].to_csv(out / "documents.csv", index=False, lineterminator="\n")
    pd.DataFrame(rows)[list(com.columns)].to_csv(out / "commitments.csv", index=False, lineterminator="\n")
    pd.DataFrame(link_rows, columns=list(links.columns)).to_csv(out / "commitment_actors.csv", index=False, lineterminator="\n")
    _follow_through(out, rng, pd.DataFrame(rows), docs, ledger or 0)
    (out / "datapackage.json").write_text(json.dumps(dp, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


STATUSES = ["not_started", "in_progress", "partial", "completed", "stalled", "dropped"]


def _follow_through(out: Path, rng, com: pd.DataFrame, docs: list, n: int) -> None:
    """A ledger of about ``n`` status updates (half with an evidence span: another commitment's quote in a
    document dated no later than the row's recording; half with an address) and ``n // 2`` links from later
    documents' commitments to earlier ones (a tenth of them supersessions, always from a later document: no cycles)."""
    dates = {d["document_id"]: np.datetime64(d["date"], "D") for d in docs}
    com_date = com["document_id"].map(dates).to_numpy().astype("datetime64[D]")
    pick = rng.integers(0, len(com), size=n)
    evidence = rng.integers(0, len(com), size=n)
    as_of = np.maximum(com_date[pick], com_date[evidence]) + rng.integers(0, 400, size=n).astype("timedelta64[D]")
    recorded = as_of + rng.integers(0, 30, size=n).astype("timedelta64[D]")
    span = np.arange(n) % 2 == 1
    ev = lambda col: np.where(span, com[col].to_numpy(dtype=object)[evidence], "")  # noqa: E731
    su = pd.DataFrame(
        {
            "update_id": [f"SU-{i + 1:06d}" for i in range(n)],
            "commitment_id": com["commitment_id"].to_numpy()[pick],
            "as_of": as_of.astype(str),
            "status": np.array(STATUSES)[rng.integers(0, len(STATUSES), size=n)],
            "evidence_document": ev("document_id"),
            "evidence_start": ev("start"),
            "evidence_end": ev("end"),
            "evidence_quote": ev("quote"),
            "evidence_url": np.where(span, "", np.char.add("https://example.org/synthetic/", np.arange(n).astype(str))),
            "evidence_note": np.where(span, "", "synthetic evidence"),
            "assessed_by": "synthetic",
            "recorded": recorded.astype(str),
        }
    )
    su = su.drop_duplicates(["commitment_id", "as_of", "recorded"])  # one status per commitment, day and recording
    su.to_csv(out / "status_updates.csv", index=False, lineterminator="\n")
    a, b = rng.integers(0, len(com), size=(2, n))
    later, earlier = np.where(com_date[a] > com_date[b], a, b), np.where(com_date[a] > com_date[b], b, a)
    keep = com_date[later] != com_date[earlier]
    links = (
        pd.DataFrame(
            {
                "later_id": com["commitment_id"].to_numpy()[later[keep]],
                "earlier_id": com["commitment_id"].to_numpy()[earlier[keep]],
            }
        )
        .drop_duplicates()
        .head(n // 2)
    )
    kinds = np.array(["restates", "extends", "implements", "narrows", "supersedes"])
    links["relation"] = kinds[np.where(rng.random(len(links)) < 0.1, 4, rng.integers(0, 4, size=len(links)))]
    links["reason"] = "synthetic"
    links.to_csv(out / "commitment_links.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--commitments", type=int, default=100_000)
    ap.add_argument("--ledger", type=int, default=0, help="status updates in the ledger (and half as many links)")
    a = ap.parse_args()
    print(generate(Path(a.out), a.documents, a.commitments, ledger=a.ledger))
