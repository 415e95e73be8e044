"""Time the library's loads, queries, charts and explorer updates for two source trees, taking turns.

A machine whose speed drifts (a shared 2-core VM) makes two benchmark runs an hour apart
incomparable; running the same measurements for the old and the new code alternately, in
fresh interpreters, tells a regression from the machine's noise.

    git worktree add /tmp/old <commit>
    python -m benchmarks.compare /tmp/old/src src [--rounds 2]

Prints a Markdown table: the median of each round, old and new, in milliseconds (``--only TEXT``: the
measurements whose name holds TEXT; ``--times N``: medians over N times as many calls). Needs the
synthetic corpus of ``benchmarks/run.py`` (``benchmarks/_work/synthetic``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = ROOT / "benchmarks" / "_work" / "synthetic"

MEASURE = r"""
import inspect, json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
import dialoguelib
from dialoguelib import charts, widgets
kw = {"cache": False} if "cache" in inspect.signature(dialoguelib.load).parameters else {}
SYN, ONLY, TIMES = sys.argv[2], sys.argv[3], int(sys.argv[4])
res = {}
def timed(name, fn, n=7, per=1):
    if ONLY not in name:
        return
    fn(); ts = []
    for _ in range(n * TIMES):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    res[name] = statistics.median(ts) * 1000 / per
big = dialoguelib.load(SYN, **kw)
timed("load (real data)", lambda: dialoguelib.load(**kw))
timed("load (100k)", lambda: dialoguelib.load(SYN, **kw), 3)
queries = {
    "by_goal": lambda ds: ds.by_goal("prevent"), "by_actor(role)": lambda ds: ds.by_actor("TCOs", role="target"),
    "by_tag": lambda ds: ds.by_tag("precursors"), "search": lambda ds: ds.search("working group"),
    "counts(actor)": lambda ds: ds.counts("actor"), "counts(document)": lambda ds: ds.counts("document"),
    "counts(tag)": lambda ds: ds.counts("tag"), "actor_goal_matrix": lambda ds: ds.actor_goal_matrix(),
    "area_coverage": lambda ds: ds.area_coverage(),
}
for k, f in queries.items():
    timed(k + " (100k)", lambda: f(big), 15)
for k in ("framework_sunburst", "top_actors", "commitment_map"):
    timed(k + " (100k)", lambda: getattr(charts, k)(big), 5)
timed("actor_network (100k)", lambda: charts.actor_network(big, focus="DEA"), 5)
if ONLY in "overview explorer: text (100k)":
    e = widgets.overview_explorer(big)
    timed("overview explorer: text (100k)", lambda: (e.set(text="firearms"), e.set(text="")), 5, per=2)
if ONLY in "goal explorer: goal (100k)":
    g = widgets.goal_explorer(big, goal="protect")
    timed("goal explorer: goal (100k)", lambda: (g.set(goal="pursue"), g.set(goal="protect")), 5, per=2)
print(json.dumps(res))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", help="the old tree's src/ folder")
    ap.add_argument("new", help="the new tree's src/ folder")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--only", default="", help="only the measurements whose name contains this text")
    ap.add_argument("--times", type=int, default=1, help="take each median over this many times the usual calls")
    args = ap.parse_args()
    if not (SYNTHETIC / "datapackage.json").exists():
        print(f"error: {SYNTHETIC} not found; run `python -m benchmarks.run --only library` once to make it", file=sys.stderr)
        return 2
    rounds = []
    for _ in range(args.rounds):
        pair = {}
        for label, src in (("old", args.old), ("new", args.new)):
            run = subprocess.run(
                [sys.executable, "-c", MEASURE, str(Path(src).resolve()), str(SYNTHETIC), args.only, str(args.times)],
                capture_output=True,
                text=True,
                check=True,
            )
            pair[label] = json.loads(run.stdout.strip().splitlines()[-1])
        rounds.append(pair)
    header = " | ".join(f"old {i + 1} | new {i + 1}" for i in range(len(rounds)))
    print(f"| ms | {header} |")
    print("|---|" + "---:|" * (2 * len(rounds)))
    for key in rounds[0]["old"]:
        cells = " | ".join(f"{r['old'][key]:.1f} | {r['new'][key]:.1f}" for r in rounds)
        print(f"| {key} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
