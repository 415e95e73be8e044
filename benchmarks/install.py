"""Measure the two installs of the Makefile: `make report`'s (runtime only) and `make test`'s (the `test` extra).

Each install goes into a fresh virtual environment in a temporary folder, the way the Makefile
makes `.venv`: create it, upgrade pip, `pip install -e .` or `pip install -e '.[test]'`. Timed
twice per install: with this machine's pip cache (a repeat install, or CI with its pip cache
restored) and with ``--no-cache-dir`` (everything fetched from the package index). Reports the
wall time of the install command, the distributions installed and the environment's size on disk.

    python benchmarks/install.py            # print the section
    python benchmarks/install.py --write    # and put it in benchmarks/RESULTS.md

`--write` replaces the "## Installs" section of RESULTS.md, or adds it at the end of the
comparisons part, which `benchmarks/run.py` keeps from one run to the next.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
HEADING = "## Installs (`make report` against `make test`)"
INSTALLS = {"runtime (`make report`)": ".", "test extra (`make test`)": ".[test]"}


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def measure(target: str, cache: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="dlx-install-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        py = str(venv / "bin" / "python")
        subprocess.run([py, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True, capture_output=True)
        cmd = [py, "-m", "pip", "install", "--quiet", "-e", target] + ([] if cache else ["--no-cache-dir"])
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        seconds = time.perf_counter() - t0
        listed = subprocess.run([py, "-m", "pip", "list", "--format", "json"], check=True, capture_output=True, text=True)
        names = {d["name"].lower() for d in json.loads(listed.stdout)}
        return {"seconds": seconds, "distributions": len(names), "bytes": _size(venv), "names": names}


def section(rows: dict, started: str, load: str) -> list[str]:
    out = [
        HEADING,
        "",
        f"Written by `benchmarks/install.py` on {started}: a fresh virtual environment per install (Python "
        f"{sys.version.split()[0]}, pip upgraded first, not timed), then the install command, timed once. "
        f"Load average at the start: {load} (2 cores; other work was running). Without the cache, pip fetches every "
        "file again from the package index and the wheel folders pip is configured with.",
        "",
        "| install | with pip's cache | without (`--no-cache-dir`) | distributions (`pip list`) | environment on disk |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, (warm, cold) in rows.items():
        out.append(
            f"| {label} | {warm['seconds']:.1f} s | {cold['seconds']:.1f} s | {warm['distributions']} | "
            f"{warm['bytes'] / 1e6:,.0f} MB |"
        )
    (_, (runtime, _)), (_, (test, _)) = rows.items()
    extra = sorted(test["names"] - runtime["names"])
    out += [
        "",
        f"The `test` extra adds {len(extra)} distributions and {(test['bytes'] - runtime['bytes']) / 1e6:,.0f} MB: "
        + ", ".join(extra)
        + ".",
        "",
    ]
    return out


def write(lines: list[str]) -> None:
    text = RESULTS.read_text(encoding="utf-8")
    block = "\n".join(lines)
    if HEADING in text:
        start = text.index(HEADING)
        ends = [i for i in (text.find("\n## ", start + 1), text.find("\nTotal benchmark time", start)) if i != -1]
        end = min(ends) + 1 if ends else len(text)
        text = text[:start] + block + "\n" + text[end:]
    elif "\nTotal benchmark time" in text:
        at = text.index("\nTotal benchmark time") + 1
        text = text[:at] + block + "\n" + text[at:]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    tmp = RESULTS.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(RESULTS)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="put the section in benchmarks/RESULTS.md")
    args = ap.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    rows = {label: (measure(target, cache=True), measure(target, cache=False)) for label, target in INSTALLS.items()}
    lines = section(rows, started, load)
    print("\n".join(lines))
    if args.write:
        write(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
