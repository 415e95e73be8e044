"""Changes to a data folder are all or nothing: a merge (or an ingest) killed between any two file
operations leaves the old data or the new, never a mix, and the next command leaves no temporary file."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

import dialoguelib
from conftest import ARGS, EXAMPLE, STATUS_ROW, count_steps, killed_at_step, snapshot
from dialoguelib import cli
from dialoguelib.errors import StoreError
from dialoguelib.ingest import ingest_document, merge_review
from dialoguelib.package import store

ROOT = Path(__file__).resolve().parents[1]
LEFTOVERS = (store.STAGING, store.JOURNAL)


def _leftovers(folder: Path) -> list[str]:
    return [
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.name in LEFTOVERS or p.name.endswith(".dialoguelib-tmp") or p.name.endswith(".tmp")
    ]


@pytest.fixture
def reviewed(data_copy, tmp_path):
    """A pristine data folder and a review set with a decision on every row."""
    review_path, _ = ingest_document(EXAMPLE, data_dir=data_copy, review_path=tmp_path / "review" / "r.csv", **ARGS)
    review = pd.read_csv(review_path, dtype=str, keep_default_na=False)
    review["decision"] = "accept"
    review.to_csv(review_path, index=False)
    return data_copy, review_path


def test_a_merge_killed_between_any_two_file_operations_leaves_the_old_or_the_new_data(reviewed, tmp_path, monkeypatch):
    pristine, review_path = reviewed
    old = snapshot(pristine)
    clean = tmp_path / "clean"
    shutil.copytree(pristine, clean)
    steps = count_steps(monkeypatch, lambda: merge_review(review_path, data_dir=clean))
    new = snapshot(clean)
    assert new != old and len(steps) >= 10, steps
    outcomes = []
    for n in range(1, len(steps) + 1):
        folder = tmp_path / f"crash-{n}"
        shutil.copytree(pristine, folder)
        assert killed_at_step(n, lambda: merge_review(review_path, data_dir=folder)) == 137, steps[n - 1]
        # the next command finishes or undoes the change: a load, or the merge run again
        if n % 2:
            ds = dialoguelib.load(folder)
            state = snapshot(folder)
            assert state in (old, new), f"a mix after a crash at step {n} ({steps[n - 1]})"
            assert len(ds) == (96 if state == old else 96 + len(pd.read_csv(review_path)))
            outcomes.append("old" if state == old else "new")
            assert _leftovers(folder) == [], f"left behind after a crash at step {n} ({steps[n - 1]})"
        merge_review(review_path, data_dir=folder)
        assert snapshot(folder) == new, f"a re-run after a crash at step {n} ({steps[n - 1]})"
        assert _leftovers(folder) == []
    assert "old" in outcomes and "new" in outcomes  # crashes before and after the commit point were both tried


def test_an_ingest_killed_at_any_point_changes_nothing_and_a_rerun_works(data_copy, tmp_path, monkeypatch):
    old = snapshot(data_copy)
    run = lambda review: ingest_document(EXAMPLE, data_dir=data_copy, review_path=review, **ARGS)  # noqa: E731
    steps = count_steps(monkeypatch, lambda: run(tmp_path / "dry" / "r.csv"))
    assert len(steps) >= 6
    for n in range(1, len(steps) + 1):
        review = tmp_path / f"crash-{n}" / "r.csv"
        assert killed_at_step(n, lambda: run(review)) == 137
        assert snapshot(data_copy) == old
        assert not review.exists(), "the review file is written last"
        run(review)
        assert sorted(p.name for p in review.parent.iterdir()) == ["r.csv", "r.document.json", "r.followup.csv", "r.source.txt"]


def test_a_folder_with_only_staged_files_is_the_old_data(reviewed, tmp_path):
    folder, review_path = reviewed
    old = snapshot(folder)
    (folder / store.STAGING).mkdir()
    (folder / store.STAGING / "commitments.csv").write_text("half a table")
    assert len(dialoguelib.load(folder)) == 96
    assert snapshot(folder) == old and _leftovers(folder) == []


def test_an_unreadable_journal_is_a_clear_error(data_copy, capsys):
    (data_copy / store.JOURNAL).write_text("{not json")
    assert cli.main(["--data-dir", str(data_copy), "summary"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "journal of an interrupted change cannot be read" in err and "Traceback" not in err


def test_writers_take_turns(data_copy):
    """Another process holding the folder makes a writer wait (or refuse at once); this process's own hold does not."""
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom dialoguelib.package import store\nwith store.locked(sys.argv[1]):\n"
            "    print('held', flush=True)\n    time.sleep(600)",
            str(data_copy),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="is being changed .* by another process"):
            with store.locked(data_copy, blocking=False):
                pass
    finally:
        holder.kill()
        holder.wait(timeout=60)
    with store.locked(data_copy, blocking=False):
        with store.locked(data_copy, blocking=False):  # re-entrant: a load inside a change never waits for itself
            pass


def test_a_transaction_refuses_paths_outside_the_folder(data_copy):
    txn = store.Transaction(data_copy)
    for bad in ("../outside.csv", "/etc/passwd", ".hidden"):
        with pytest.raises(StoreError, match="inside the data folder"):
            txn.write(bad, b"x")
    txn.abort()
    assert _leftovers(data_copy) == []


def test_a_status_recording_killed_at_any_point_leaves_the_old_ledger_or_the_new(data_copy, tmp_path, monkeypatch):
    from dialoguelib.curate.recording import record_statuses

    row = dict(STATUS_ROW)  # recorded: today, the day it is entered
    old = snapshot(data_copy)
    clean = tmp_path / "clean"
    shutil.copytree(data_copy, clean)
    steps = count_steps(monkeypatch, lambda: record_statuses([row], data_dir=clean))
    new = snapshot(clean)
    assert new != old and len(steps) >= 6, steps
    outcomes = set()
    for n in range(1, len(steps) + 1):
        folder = tmp_path / f"crash-{n}"
        shutil.copytree(data_copy, folder)
        assert killed_at_step(n, lambda: record_statuses([row], data_dir=folder)) == 137
        ds = dialoguelib.load(folder)  # finishes or undoes the change
        state = snapshot(folder)
        assert state in (old, new), f"a mix after a crash at step {n} ({steps[n - 1]})"
        assert len(ds.status_updates) == (0 if state == old else 1) and _leftovers(folder) == []
        outcomes.add("old" if state == old else "new")
    assert outcomes == {"old", "new"}
