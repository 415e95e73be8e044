"""Generate a synthetic data folder at scale from the real tables (same shape and distributions).

Each synthetic document is a raw text made of commitment quotes sampled from the real
ones (with their goal, area, modality, actors ...), separated by filler sentences, so
offsets, sha256 and every validation rule hold exactly as for the real data.

Usage: python benchmarks/synthetic.py OUT_DIR [--documents 1000] [--commitments 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from dialoguelib.dataset import PACKAGE_DATA

FILLER = "This paragraph restates context without a commitment.\n\n"


def generate(out: Path, documents: int = 1000, commitments: int = 100_000, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    src = PACKAGE_DATA.resolve()
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "raw").mkdir(parents=True)

    def read(name):
        return pd.read_csv(src / f"{name}.csv", dtype=str, keep_default_na=False)

    com, links = read("commitments"), read("commitment_actors")
    for name in ("goals", "areas", "actors"):
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
            }
        )
    cols = list(read("documents").columns)
    pd.DataFrame(docs)[cols].to_csv(out / "documents.csv", index=False, lineterminator="\n")
    pd.DataFrame(rows)[list(com.columns)].to_csv(out / "commitments.csv", index=False, lineterminator="\n")
    pd.DataFrame(link_rows, columns=list(links.columns)).to_csv(out / "commitment_actors.csv", index=False, lineterminator="\n")
    (out / "datapackage.json").write_text(json.dumps(dp, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--commitments", type=int, default=100_000)
    a = ap.parse_args()
    print(generate(Path(a.out), a.documents, a.commitments))
