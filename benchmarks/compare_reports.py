"""Build every report (`dialoguelib report --all`) with two source trees, taking turns: time and size.

A report's own HTML is the page itself; the files shared by the set (``plotly.min.js``,
``datatables.js``, ``datatables.css``) and the reader pages are counted apart.

    git worktree add /tmp/old <commit>
    python -m benchmarks.compare_reports /tmp/old/src src [--rounds 2] [--jobs 2]

Prints a Markdown table (old, new, new / old) for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = {"plotly.min.js", "datatables.js", "datatables.css"}


def build(src: Path, jobs: int) -> dict:
    """One ``report --all`` with the library of ``src``: seconds, report pages and their bytes, shared bytes."""
    out = Path(tempfile.mkdtemp(prefix="reports-"))
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = "import sys; from dialoguelib.cli import main; sys.exit(main(sys.argv[1:]))"
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, "report", "--all", "--jobs", str(jobs), "--out", str(out), "--quiet"],
        check=True,
        env=env,
        capture_output=True,
    )
    seconds = time.perf_counter() - t0
    pages = [p for p in out.glob("*.html") if p.name != "index.html" and not p.name.startswith("source-")]
    result = {
        "seconds": seconds,
        "reports": len(pages),
        "report bytes": statistics.mean(p.stat().st_size for p in pages),
        "shared bytes": sum(p.stat().st_size for p in out.iterdir() if p.name in SHARED),
        "reader pages bytes": sum(p.stat().st_size for p in out.glob("source-*.html")),
    }
    shutil.rmtree(out)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path, help="the old tree's src folder")
    ap.add_argument("new", type=Path, help="the new tree's src folder")
    ap.add_argument("--rounds", type=int, default=2, help="builds per tree, alternating (default 2)")
    ap.add_argument("--jobs", type=int, default=2, help="report workers (default 2)")
    args = ap.parse_args()
    runs = {"old": [], "new": []}
    for _ in range(args.rounds):
        for name in ("old", "new"):
            runs[name].append(build(getattr(args, name).resolve(), args.jobs))
    print(f"`report --all --jobs {args.jobs}`, {args.rounds} builds per tree, alternating; medians.\n")
    print("| measure | old | new | new / old |\n|---|---:|---:|---:|")
    for key in ("seconds", "report bytes", "shared bytes", "reader pages bytes"):
        old, new = (statistics.median(r[key] for r in runs[n]) for n in ("old", "new"))
        ratio = f"{new / old:.2f}x" if old else "—"
        fmt = "{:.1f}" if key == "seconds" else "{:,.0f}"
        print(f"| {key} | {fmt.format(old)} | {fmt.format(new)} | {ratio} |")
    print(f"\nReports built: {runs['old'][0]['reports']} (old), {runs['new'][0]['reports']} (new).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
