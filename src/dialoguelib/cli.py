"""Command line: ``dialoguelib summary`` (and, with the reports, ``dialoguelib report``)."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .dataset import UnknownValueError, load
from .validation import DataValidationError


def summary_text(ds) -> str:
    """A plain-text summary of the dataset: documents, goals and areas with their counts."""
    t = ds.tidy
    lines = [f"dialoguelib {__version__}, data {ds.version} ({ds.data_dir})", ""]
    lines.append(f"{len(ds)} commitments from {len(ds.documents)} documents, {len(ds.actors)} actors")
    for doc in ds.documents.itertuples(index=False):
        n = int((t["document_id"] == doc.document_id).sum())
        lines.append(f"  {doc.code:<4} {doc.date:%Y-%m-%d}  {n:>4}  {doc.title}")
    lines.append("")
    lines.append(f"{'goal / area':<78} {'all':>4} {'actions':>7}")
    for goal in ds.goals.itertuples(index=False):
        g = t[t["goal_id"] == goal.goal_id]
        lines.append(f"{goal.name:<78} {len(g):>4} {int((g['kind'] == 'action').sum()):>7}")
        for area in ds.areas[ds.areas["goal_id"] == goal.goal_id].itertuples(index=False):
            a = t[t["area_id"] == area.area_id]
            lines.append(f"  {area.name[:76]:<76} {len(a):>4} {int((a['kind'] == 'action').sum()):>7}")
    lines.append("")
    mod = ds.counts("modality")
    lines.append("modality: " + ", ".join(f"{m} {n}" for m, n in zip(mod["modality"], mod["n"])))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="dialoguelib", description=__doc__)
    parser.add_argument("--version", action="version", version=f"dialoguelib {__version__}")
    parser.add_argument("--data-dir", help="data folder to load (default: $DIALOGUELIB_DATA or the shipped data)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("summary", help="load and validate the data, print a summary table")
    args = parser.parse_args(argv)
    try:
        ds = load(args.data_dir)
    except (DataValidationError, UnknownValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "summary":
        print(summary_text(ds))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
