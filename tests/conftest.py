import shutil
from pathlib import Path

import pandas as pd
import pytest

import dialoguelib
from dialoguelib.query.dataset import PACKAGE_DATA

ROOT = Path(__file__).resolve().parents[1]
#: The illustrative statement written for the ingestion tutorial, and how the tests register it.
EXAMPLE = ROOT / "examples" / "illustrative-statement.txt"
ARGS = dict(document_id="illustrative-2024-01-01", code="ILL24", date="2024-01-01", title="Illustrative statement")


#: A status update every ledger test records (JS-46 in progress, with its evidence); recorded is today.
STATUS_ROW = {
    "commitment_id": "JS-46",
    "status": "in_progress",
    "as_of": "2022-01-01",
    "assessed_by": "t",
    "evidence_url": "https://example.org/x",
    "evidence_note": "n",
}


def release_after(steps: int = 1) -> str:
    """The version the shipped data's release becomes after ``steps`` changes (each change: minor version up)."""
    import json

    version = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["version"]
    major, minor, _ = (int(x) for x in version.split("."))
    return f"{major}.{minor + steps}.0"


def ingest_argv(data_dir, statement, review, document_id="x-1", code="XX", date="2024-01-01", title="t") -> list[str]:
    """The command line (after ``dialoguelib``) that ingests ``statement`` into a review file."""
    return [
        "--data-dir",
        str(data_dir),
        "ingest",
        str(statement),
        "--id",
        document_id,
        "--code",
        code,
        "--date",
        date,
        "--title",
        title,
        "--review",
        str(review),
    ]


def snapshot(folder: Path) -> dict:
    """Every file under ``folder`` and its bytes: what "nothing changed" is checked against."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def ds():
    return dialoguelib.load()


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the shipped data folder."""
    dest = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA.resolve(), dest)
    for p in dest.rglob("*"):
        p.chmod(0o644 if p.is_file() else 0o755)
    return dest


def read_table(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def write_table(folder: Path, name: str, df: pd.DataFrame) -> None:
    df.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")


# ------------------------------------------------------------------ the store's file operations, counted or cut short
def count_steps(monkeypatch, fn) -> list[str]:
    """The labels of the file operations ``fn`` makes through the store (merge, record, ingest)."""
    from dialoguelib.package import store

    labels = []
    monkeypatch.setattr(store, "_step", labels.append)
    fn()
    monkeypatch.setattr(store, "_step", lambda label: None)
    return labels


def killed_at_step(n: int, fn) -> int:
    """Run ``fn`` in a forked process that ends (as a kill would: no cleanup) at its n-th file operation."""
    import os

    from dialoguelib.package import store

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        status = 0
        try:
            calls = []

            def step(label):
                calls.append(label)
                if len(calls) == n:
                    os._exit(137)

            store._step = step
            fn()
        except BaseException:
            status = 1
        os._exit(status)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)
