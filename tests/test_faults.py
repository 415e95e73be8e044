"""Faults while the data folder changes: a full disk at every file operation of merge, record and ingest,
a kill followed by each command, a change after an interrupted one, a ledger edited after its release,
a report batch beside a merge. Every command run here runs under a timeout: none may hang."""

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import dialoguelib
from conftest import ARGS, EXAMPLE, STATUS_ROW, count_steps, killed_at_step, read_table, release_after, snapshot, write_table
from dialoguelib import cli
from dialoguelib.errors import StoreError
from dialoguelib.ingest import ingest_document
from dialoguelib.package import store

BIN = Path(sys.executable).parent
HANG = 600  # seconds: a bound against a hang on a busy machine, not a speed requirement
ROW = STATUS_ROW


def _leftovers(folder: Path) -> list[str]:
    return [
        str(p.relative_to(folder))
        for p in folder.parent.rglob("*")
        if p.name in (store.STAGING, store.JOURNAL) or p.name.endswith(".dialoguelib-tmp")
    ]


def _status_file(tmp_path: Path, **change) -> Path:
    path = tmp_path / "statuses.csv"
    pd.DataFrame([{**ROW, **change}]).to_csv(path, index=False)
    return path


@pytest.fixture
def reviewed(data_copy, tmp_path):
    """A data folder and a review set with every row accepted."""
    review, _ = ingest_document(EXAMPLE, data_dir=data_copy, review_path=tmp_path / "review" / "r.csv", **ARGS)
    df = pd.read_csv(review, dtype=str, keep_default_na=False)
    df["decision"] = "accept"
    df.to_csv(review, index=False)
    return data_copy, review


def _full_at(monkeypatch, n: int) -> None:
    """The n-th file operation from now fails as on a full disk (once: the disk is full at that moment)."""
    calls = []

    def step(label):
        calls.append(label)
        if len(calls) == n:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store, "_step", step)


def _run(argv, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "dialoguelib"), *argv], capture_output=True, text=True, timeout=HANG, **kwargs)


# ------------------------------------------------------------------ a full disk at every file operation
@pytest.fixture
def one_day(monkeypatch):
    """Today stays the day the test began for the write path (the release date, a status row's ``recorded``): a
    test that compares runs made minutes apart must not see midnight pass between them."""
    import datetime

    from dialoguelib.curate import recording
    from dialoguelib.package import changelog

    day = datetime.datetime.now(datetime.UTC).date()

    class Date(datetime.date):
        @classmethod
        def today(cls):
            return cls(day.year, day.month, day.day)

    class DateTime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(day.year, day.month, day.day, 12, tzinfo=tz)

    frozen = type("FrozenDatetime", (), {"date": Date, "datetime": DateTime, "UTC": datetime.UTC})
    for module in (recording, changelog):
        monkeypatch.setattr(module, "_dt", frozen)
    return day


@pytest.mark.parametrize("command", ["record", "merge"])
def test_a_full_disk_at_any_file_operation_is_one_error_line_and_the_folder_as_before(
    reviewed, tmp_path, monkeypatch, capsys, command, one_day
):
    folder, review = reviewed
    statuses = _status_file(tmp_path)
    argv = {"record": ["record", "status", "--file", str(statuses)], "merge": ["merge", str(review)]}[command]
    old = snapshot(folder)
    dry = tmp_path / "dry"
    shutil.copytree(folder, dry / "data")
    steps = count_steps(monkeypatch, lambda: cli.main(["--data-dir", str(dry / "data"), *argv]))
    new = snapshot(dry / "data")
    capsys.readouterr()
    assert len(steps) >= 6 and new != old, steps
    outcomes = set()
    for n in range(1, len(steps) + 1):
        case = tmp_path / f"full-{n}"
        shutil.copytree(folder, case / "data")
        _full_at(monkeypatch, n)
        status = cli.main(["--data-dir", str(case / "data"), *argv])
        monkeypatch.setattr(store, "_step", lambda label: None)
        err = capsys.readouterr().err
        assert "Traceback" not in err and _leftovers(case / "data") == [], (steps[n - 1], err)
        if status == 2:  # before the commit point: the folder as it was, and one line that says why
            assert err.strip().splitlines()[-1].startswith("error: ") and "No space left on device" in err, err
            assert snapshot(case / "data") == old, steps[n - 1]
            outcomes.add("refused")
        else:  # after it: the change is finished there and then
            assert status == 0 and snapshot(case / "data") == new, (steps[n - 1], err)
            outcomes.add("finished")
    assert outcomes == {"refused", "finished"}


def _limited(max_bytes: int):
    def apply():  # in the child: writes past the limit fail with EFBIG instead of a SIGXFSZ that ends the process
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return apply


@pytest.mark.parametrize("command", ["record", "merge"])
def test_a_file_size_limit_in_a_real_process_is_an_error_and_no_change(reviewed, tmp_path, command):
    folder, review = reviewed
    old = snapshot(folder)
    argv = {
        "record": ["record", "status", "--file", str(_status_file(tmp_path))],
        "merge": ["merge", str(review)],
    }[command]
    run = _run(["--data-dir", str(folder), *argv], preexec_fn=_limited(4096))  # datapackage.json alone is larger
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith("error: cannot change ") and "File too large" in run.stderr, run.stderr
    assert snapshot(folder) == old and _leftovers(folder) == []


def test_an_ingest_on_a_full_disk_leaves_no_review_set_and_no_temporary_file(data_copy, tmp_path, monkeypatch, capsys):
    argv = [
        "--data-dir",
        str(data_copy),
        "ingest",
        str(EXAMPLE),
        "--id",
        ARGS["document_id"],
        "--code",
        ARGS["code"],
        "--date",
        ARGS["date"],
        "--title",
        ARGS["title"],
        "--quiet",
    ]
    steps = count_steps(monkeypatch, lambda: cli.main([*argv, "--review", str(tmp_path / "dry" / "r.csv")]))
    capsys.readouterr()
    assert len(steps) >= 8, steps
    for n in range(1, len(steps) + 1):
        out = tmp_path / f"full-{n}"
        _full_at(monkeypatch, n)
        assert cli.main([*argv, "--review", str(out / "r.csv")]) == 2, steps[n - 1]
        monkeypatch.setattr(store, "_step", lambda label: None)
        err = capsys.readouterr().err
        assert err.startswith("error: cannot write the review set") and "No space left on device" in err, err
        assert list(out.iterdir()) == [], (steps[n - 1], list(out.iterdir()))


def test_an_ingest_killed_at_any_point_leaves_no_partial_set_once_it_is_run_again(data_copy, tmp_path, monkeypatch):
    run = lambda review: ingest_document(EXAMPLE, data_dir=data_copy, review_path=review, **ARGS)  # noqa: E731
    steps = count_steps(monkeypatch, lambda: run(tmp_path / "dry" / "r.csv"))
    for n in range(1, len(steps) + 1):
        review = tmp_path / f"kill-{n}" / "r.csv"
        assert killed_at_step(n, lambda: run(review)) == 137
        assert not review.exists(), "the review file is renamed into place last"
        left = {p.name for p in review.parent.iterdir()}
        assert left <= {"r.source.txt", "r.document.json", "r.followup.csv"} | {
            f".{x}.dialoguelib-tmp" for x in ("r.csv", "r.source.txt", "r.document.json", "r.followup.csv")
        }, left
        run(review)
        assert sorted(p.name for p in review.parent.iterdir()) == [
            "r.csv",
            "r.document.json",
            "r.followup.csv",
            "r.source.txt",
        ]


# ------------------------------------------------------------------ a kill, then each command
@pytest.fixture(scope="module")
def killed(tmp_path_factory):
    """The data, the data with a record killed before its commit point (staged files left) and after it (its
    journal left), the snapshots of the folder before and after that record, and a review set to merge."""
    root = tmp_path_factory.mktemp("killed")
    shutil.copytree(dialoguelib.load().data_dir.resolve(), root / "pristine")
    for p in (root / "pristine").rglob("*"):
        p.chmod(0o644 if p.is_file() else 0o755)
    from dialoguelib.curate.recording import record_statuses

    labels: list[str] = []
    shutil.copytree(root / "pristine", root / "done")
    saved, store._step = store._step, labels.append
    try:
        record_statuses([ROW], data_dir=root / "done")
    finally:
        store._step = saved
    journal = next(i for i, x in enumerate(labels) if "dialoguelib-journal" in x and x.startswith("write"))
    # the n-th operation (1-based) is labels[n - 1]: killed as the journal is written, or as the first file moves
    for name, n in (("staged", journal + 1), ("committed", journal + 3)):
        shutil.copytree(root / "pristine", root / name)
        assert killed_at_step(n, lambda name=name: record_statuses([ROW], data_dir=root / name)) == 137
        assert (root / name / store.STAGING).exists() and (root / name / store.JOURNAL).exists() == (name == "committed")
    review, _ = ingest_document(EXAMPLE, data_dir=root / "pristine", review_path=root / "review" / "r.csv", **ARGS)
    df = pd.read_csv(review, dtype=str, keep_default_na=False)
    df["decision"] = "accept"
    df.to_csv(review, index=False)
    return root, snapshot(root / "pristine"), snapshot(root / "done"), review


@pytest.mark.parametrize("state", ["staged", "committed"])
@pytest.mark.parametrize("command", ["record", "merge", "summary", "export"])
def test_a_kill_then_any_command_finishes_or_undoes_the_change_and_runs(killed, tmp_path, state, command):
    root, old, new, review = killed
    folder = tmp_path / "data"
    shutil.copytree(root / state, folder)
    argv = {
        "record": ["record", "link", "--later", "JS-36", "--earlier", "JS-35", "--relation", "extends"],
        "merge": ["merge", str(review)],
        "summary": ["summary"],
        "export": ["export", "--format", "json", "--out", str(tmp_path / "out.ndjson")],
    }[command]
    run = _run(["--data-dir", str(folder), *argv])
    assert run.returncode == 0, run.stderr
    assert _leftovers(folder) == [] and not store.needs_recovery(folder)
    ledger = (folder / "status_updates.csv").read_bytes()
    assert ledger == (new if state == "committed" else old)["status_updates.csv"]


@pytest.mark.notebooks
def test_a_kill_then_a_report_finishes_the_change_and_builds_from_it(killed, tmp_path):
    root, _, new, _ = killed
    folder = tmp_path / "data"
    shutil.copytree(root / "committed", folder)
    run = _run(["--data-dir", str(folder), "report", "--goal", "protect", "--out", str(tmp_path / "r"), "--quiet"])
    assert run.returncode == 0, run.stderr
    assert snapshot(folder) == new and _leftovers(folder) == []
    assert (tmp_path / "r" / "goal-protect.html").is_file()


def test_record_after_an_interrupted_change_does_not_wait_for_its_own_lock(data_copy):
    """A staging folder left behind (a killed record, a full disk), then record: it clears it and records."""
    (data_copy / store.STAGING).mkdir()
    (data_copy / store.STAGING / "status_updates.csv").write_text("half a table")
    run = _run(
        [
            "--data-dir",
            str(data_copy),
            "record",
            "status",
            "--commitment",
            "JS-46",
            "--status",
            "in_progress",
            "--as-of",
            "2022-01-01",
            "--by",
            "t",
            "--url",
            "https://example.org/x",
            "--note",
            "n",
        ]
    )
    assert run.returncode == 0, run.stderr
    assert len(dialoguelib.load(data_copy).status_updates) == 1 and _leftovers(data_copy) == []


def test_a_load_inside_a_change_never_waits_for_the_lock_its_process_holds(data_copy):
    """Whatever is left in the folder, the writer's own load does not wait for the writer."""
    code = textwrap.dedent(f"""
        from pathlib import Path
        import dialoguelib
        from dialoguelib.package import store
        from dialoguelib.package.change import changing
        folder = Path({str(data_copy)!r})
        with changing(folder):
            (folder / store.STAGING).mkdir()  # as if another process had left it
            print(len(dialoguelib.load(folder)))
    """)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=HANG)
    assert run.returncode == 0 and run.stdout.strip() == "96", run.stderr


# ------------------------------------------------------------------ the ledger against its release
def _record(folder: Path, tmp_path: Path, **change) -> subprocess.CompletedProcess:
    return _run(["--data-dir", str(folder), "record", "status", "--file", str(_status_file(tmp_path, **change))])


def test_a_released_ledger_row_edited_by_hand_stops_the_next_release(data_copy, tmp_path):
    assert _record(data_copy, tmp_path).returncode == 0
    su = read_table(data_copy, "status_updates")
    su.loc[0, "status"] = "completed"  # a released row, edited in place
    write_table(data_copy, "status_updates", su)
    before = snapshot(data_copy)
    run = _record(data_copy, tmp_path, commitment_id="JS-47")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"error: {data_copy / 'status_updates.csv'}: rows released in {release_after(1)} were edited or removed" in run.stderr
    assert "append-only" in run.stderr and snapshot(data_copy) == before  # no release made of the edited row
    merged = _run(
        ["--data-dir", str(data_copy), "record", "link", "--later", "JS-36", "--earlier", "JS-35", "--relation", "extends"]
    )
    assert (
        merged.returncode == 2 and f"rows released in {release_after(1)} were edited" in merged.stderr
    )  # any change, not only record


def test_rows_appended_by_hand_are_released_and_listed_in_the_changelog(data_copy, tmp_path):
    assert _record(data_copy, tmp_path).returncode == 0
    su = read_table(data_copy, "status_updates")
    su.loc[1] = {**su.loc[0].to_dict(), "update_id": "SU-0002", "commitment_id": "JS-47"}
    write_table(data_copy, "status_updates", su)
    com = read_table(data_copy, "commitments")
    com.loc[0, "notes"] = "recoded by hand"
    write_table(data_copy, "commitments", com)
    assert _record(data_copy, tmp_path, commitment_id="JS-48").returncode == 0
    newest = (data_copy / "CHANGELOG.md").read_text(encoding="utf-8").split("\n## ")[1]
    assert newest.startswith(release_after(2)) and "Recorded `SU-0003`" in newest
    assert f"1 row(s) of `status_updates.csv` added by hand since {release_after(1)}: `SU-0002`" in newest
    assert f"edits made by hand since {release_after(1)} to `commitments.csv`" in newest
    assert not dialoguelib.load(data_copy).release.modified


def test_a_folder_released_without_a_record_of_each_table_is_checked_against_its_digest(data_copy, tmp_path):
    import json

    path = data_copy / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    del d["dialoguelib:released"]  # as a folder released before the record existed
    path.write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _record(data_copy, tmp_path).returncode == 0  # its tables match its digest: a release, now with the record
    d = json.loads(path.read_text(encoding="utf-8"))
    del d["dialoguelib:released"]
    path.write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    su = read_table(data_copy, "status_updates")
    su.loc[0, "status"] = "completed"  # a released row edited by hand
    write_table(data_copy, "status_updates", su)
    before = snapshot(data_copy)
    run = _record(data_copy, tmp_path, commitment_id="JS-47")
    assert run.returncode == 2 and f"the tables differ from release {release_after(1)}" in run.stderr, run.stderr
    assert "dialoguelib diff" in run.stderr and snapshot(data_copy) == before


# ------------------------------------------------------------------ a report batch and a change
def test_a_batch_builds_from_the_release_it_loaded_or_not_at_all(data_copy, tmp_path):
    from dialoguelib import reports

    ds = dialoguelib.load(data_copy)
    jobs = reports.plan(ds, goals=["protect"])
    assert _record(data_copy, tmp_path).returncode == 0  # a change lands between the load and the batch
    with pytest.raises(StoreError, match="changed since it was loaded"):
        reports.build(ds, jobs, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    ds = dialoguelib.load(data_copy)
    hold = (
        f"import fcntl, os, sys; fd = os.open({str(data_copy)!r}, os.O_RDONLY); fcntl.flock(fd, fcntl.LOCK_EX); "
        "print('held', flush=True); sys.stdin.read()"
    )  # another process in the middle of a change
    holder = subprocess.Popen([sys.executable, "-c", hold], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="is being changed"):  # a change at work: the batch does not start
            reports.build(ds, jobs, tmp_path / "out")
    finally:
        holder.communicate("", timeout=HANG)


def test_a_change_waits_for_a_batch_that_reads_the_folder(data_copy, tmp_path):
    statuses = _status_file(tmp_path)
    with store.locked(data_copy, shared=True):  # what reports.build holds while its workers run
        writer = subprocess.Popen(
            [str(BIN / "dialoguelib"), "--data-dir", str(data_copy), "record", "status", "--file", str(statuses)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stderr.readline().startswith(f"waiting for {data_copy}")  # said, then waits
        assert writer.poll() is None and dialoguelib.load(data_copy).status_updates.empty
    out, err = writer.communicate(timeout=HANG)
    assert writer.returncode == 0 and "Recorded 1 status update" in out, err
