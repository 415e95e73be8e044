"""`dialoguelib ingest` of a one-paragraph statement, the whole command as a user runs it, for two source
trees in turns, against `python -c "import pandas"` in the same rounds.

    git worktree add /tmp/old <commit>
    python -m benchmarks.compare_startup /tmp/old/src src [--rounds 5]

Prints a Markdown table for ``benchmarks/RESULTS.md``: medians, and each command's time over pandas'
import (target: the ingest command at most 2.5x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks._env import user_env, wall_seconds

PARAGRAPH = (
    "Both governments will strengthen their cooperation against arms trafficking and will create a "
    "binational working group on firearms tracing before the end of 2023.\n"
)
CLI = "import sys; from dialoguelib.cli import main; sys.exit(main(sys.argv[1:]))"


def ingest_seconds(src: Path, work: Path) -> float:
    """One whole `dialoguelib ingest` with the library of ``src``."""
    statement = work / "statement.txt"
    env = user_env(PYTHONPATH=str(src.resolve()))  # bytecode cached, as a user's install has it
    args = [
        "ingest",
        str(statement),
        "--id",
        "one-paragraph",
        "--code",
        "ONE",
        "--date",
        "2023-01-01",
        "--title",
        "One paragraph",
        "--review",
        str(work / "review.csv"),
        "--force",
        "--quiet",
    ]
    return wall_seconds([sys.executable, "-c", CLI, *args], env=env, cwd=str(work))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path, help="the old tree's src folder")
    ap.add_argument("new", type=Path, help="the new tree's src folder")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="startup-"))
    (work / "statement.txt").write_text(PARAGRAPH, encoding="utf-8")
    times: dict[str, list[float]] = {"import pandas": [], "old": [], "new": []}
    for tree in (args.old, args.new):  # bytecode caches written once, outside the rounds
        ingest_seconds(tree, work)
    for _ in range(args.rounds):
        times["import pandas"].append(wall_seconds([sys.executable, "-c", "import pandas"]))
        times["old"].append(ingest_seconds(args.old, work))
        times["new"].append(ingest_seconds(args.new, work))
    pandas = statistics.median(times["import pandas"])
    print(f"Whole command, {args.rounds} rounds in turns on {os.cpu_count()} cores; medians.\n")
    print("| command | seconds | over `import pandas` |\n|---|---:|---:|")
    print(f'| `python -c "import pandas"` | {pandas:.2f} | 1.00x |')
    for name in ("old", "new"):
        m = statistics.median(times[name])
        print(f"| `dialoguelib ingest` (one paragraph), {name} tree | {m:.2f} | {m / pandas:.2f}x |")
    new = statistics.median(times["new"]) / pandas
    print(f"\nTarget: at most 2.5x: {'met' if new <= 2.5 else 'missed'} ({new:.2f}x).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
