"""Re-execute the committed notebooks and keep only the outputs that nbval compares.

The rule for what is committed in notebooks/ (tests/test_notebooks.py enforces it):
code cells carry no outputs except those tagged ``nbval-check-output``, whose outputs
are small deterministic text (Markdown headlines, count tables); no figures, no
plotly.js, no widget state, no execution counts.

Usage: python tools/refresh_notebooks.py [NOTEBOOK ...]
"""

import argparse
import tempfile
from pathlib import Path

import nbformat

from dialoguelib.runs import notebooks

KEEP = "nbval-check-output"
KEEP_MIME = ("text/plain", "text/markdown", "text/html")


def strip(nb) -> None:
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if cell.cell_type != "code":
            continue
        if KEEP not in cell.metadata.get("tags", []):
            cell.outputs = []
            continue
        kept = []
        for out in cell.outputs:
            if out.get("output_type") in ("execute_result", "display_data"):
                out["data"] = {k: v for k, v in out["data"].items() if k in KEEP_MIME}
                out["metadata"] = {}
                kept.append(out)
        cell.outputs = kept
    for key in ("papermill", "widgets"):
        nb.metadata.pop(key, None)


def refresh(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / path.name
        notebooks.execute(path, out)
        nb = nbformat.read(out, as_version=4)
    # drop the cell papermill injects when parameters are passed (none are here)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    strip(nb)
    tmp_path = path.with_name(f".{path.name}.tmp")
    nbformat.write(nb, tmp_path)
    tmp_path.replace(path)
    print(f"{path}: {path.stat().st_size:,} bytes")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to refresh (default: every numbered one)")
    args = parser.parse_args(argv)
    targets = args.notebooks or sorted(notebooks.notebook_dir().glob("[0-9]*.ipynb"))
    for p in targets:
        if p.suffix != ".ipynb" or not p.is_file():
            parser.error(f"{p}: expected a notebook file (.ipynb)")
        refresh(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
