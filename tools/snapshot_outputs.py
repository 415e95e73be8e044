"""Everything a user gets from one source tree, written to a folder; or two such folders compared.

A restructuring promises that nothing a user sees changes. This writes, with the library of a
given ``src`` folder: every report (``report --all``), every export format of the whole data,
and the review set of every development-set statement (``ingest``). ``--compare`` then lists the
files that differ between two snapshots, build dates and times aside.

    git worktree add /tmp/old <commit>
    python tools/snapshot_outputs.py write /tmp/old/src /tmp/snap-old --devset /tmp/old/evaluation
    python tools/snapshot_outputs.py write src /tmp/snap-new
    python tools/snapshot_outputs.py compare /tmp/snap-old /tmp/snap-new
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = "import sys; from dialoguelib.cli import main; sys.exit(main(sys.argv[1:]))"
FORMATS = {"xlsx": "data.xlsx", "csv": "data.zip", "parquet": "parquet", "sqlite": "data.db", "json": "data.ndjson"}
# what differs from one build to the next: the day and time of the build, temporary folders
VOLATILE = [
    (re.compile(rb"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"), b"<TIME>"),
    (re.compile(rb"/tmp/[\w./-]+"), b"<TMP>"),
    (re.compile(rb'"duration": [\d.e-]+'), b'"duration": <S>'),
    (re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), b"<UUID>"),
    (re.compile(rb'cell-id=[0-9a-f]{8}"|"id": "[0-9a-f]{8}"'), b"<CELL-ID>"),  # papermill's injected cell
    (re.compile(rb"/[\w/.-]+?/(src/dialoguelib/data|notebooks/)"), rb"<TREE>/\1"),  # the source tree's folder
]


def _run(src: Path, *args: str, cwd: Path | None = None) -> None:
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    subprocess.run([sys.executable, "-c", CLI, *args], check=True, env=env, cwd=cwd, capture_output=True)


def write(src: Path, out: Path, devset: Path, jobs: int, parts=("reports", "exports", "review")) -> None:
    """Reports, exports and review sets of ``src``'s library into ``out``."""
    out.mkdir(parents=True, exist_ok=False)
    if "reports" in parts:
        _run(src, "report", "--all", "--jobs", str(jobs), "--out", str(out / "reports"), "--quiet")
    if "exports" in parts:
        (out / "exports").mkdir()
        for fmt, name in FORMATS.items():
            _run(src, "export", "--format", fmt, "--out", str(out / "exports" / name))
    if "review" not in parts:
        return
    review = out / "review"
    review.mkdir()
    for gold_path in sorted((devset / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = gold["document"]
        stem = gold_path.stem
        number = re.search(r"\d+", stem).group()
        statement = next((devset / "statements").glob(f"{stem}.*")).resolve()
        _run(
            src,
            "ingest",
            str(statement),
            "--id",
            stem,
            "--code",
            f"DEV{number}",
            "--date",
            doc["date"],
            "--title",
            doc["title"],
            "--review",
            str(review / f"{stem}-review.csv"),
            "--quiet",
            cwd=review,
        )


def _normal(data: bytes, home: Path | None = None) -> bytes:
    if home is not None:
        data = data.replace(str(home.resolve()).encode(), b"<SNAPSHOT>")
    for rx, repl in VOLATILE:
        data = rx.sub(repl, data)
    return data


def _contents(path: Path) -> dict[str, bytes]:
    """The files of a snapshot, a zip's members as files of their own."""
    files = {}
    for p in sorted(path.rglob("*")):
        if not p.is_file():
            continue
        rel = str(p.relative_to(path))
        if p.suffix in (".zip", ".xlsx"):
            with zipfile.ZipFile(p) as z:
                for info in z.infolist():
                    files[f"{rel}!{info.filename}"] = z.read(info)
        else:
            files[rel] = p.read_bytes()
    return files


def compare(a: Path, b: Path) -> int:
    """Print the files that differ (after the build's dates and times are masked); 0 when none."""
    fa, fb = _contents(a), _contents(b)
    only_a, only_b = sorted(set(fa) - set(fb)), sorted(set(fb) - set(fa))
    differ = [k for k in sorted(set(fa) & set(fb)) if fa[k] != fb[k] and _normal(fa[k], a) != _normal(fb[k], b)]
    for k in only_a:
        print(f"only in {a}: {k}")
    for k in only_b:
        print(f"only in {b}: {k}")
    for k in differ:
        print(f"differs: {k}")
    print(f"{len(fa)} files compared: {len(differ)} differ, {len(only_a)} only in the first, {len(only_b)} only in the second")
    return 1 if differ or only_a or only_b else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write a snapshot")
    w.add_argument("src", type=Path, help="the source tree's src folder")
    w.add_argument("out", type=Path, help="a new folder")
    w.add_argument("--devset", type=Path, default=ROOT / "evaluation", help="the development set's folder")
    w.add_argument("--jobs", type=int, default=2)
    w.add_argument("--only", action="append", choices=["reports", "exports", "review"], help="write only these parts")
    c = sub.add_parser("compare", help="compare two snapshots")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args()
    if args.command == "write":
        write(args.src, args.out, args.devset, args.jobs, args.only or ("reports", "exports", "review"))
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
