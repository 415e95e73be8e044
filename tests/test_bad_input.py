"""Bad input gets one line, ``error: ...``, naming the file, row and field (for merge: the review
file and its row) and what was expected; exit status 2; never a traceback; nothing changed."""

import errno
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import dialoguelib
from conftest import ARGS, EXAMPLE, ingest_argv, read_table, snapshot, write_table
from dialoguelib import cli
from dialoguelib.ingest import ingest_document
from dialoguelib.reports import pages

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A data folder and a review set with every row accepted, made once; tests work on copies."""
    root = tmp_path_factory.mktemp("template")
    shutil.copytree(dialoguelib.load().data_dir.resolve(), root / "data")
    review, _ = ingest_document(EXAMPLE, data_dir=root / "data", review_path=root / "review" / "r.csv", **ARGS)
    df = pd.read_csv(review, dtype=str, keep_default_na=False)
    df["decision"] = "accept"
    df.to_csv(review, index=False)
    return root


@pytest.fixture
def case(template, tmp_path):
    shutil.copytree(template, tmp_path, dirs_exist_ok=True)
    return tmp_path / "data", tmp_path / "review" / "r.csv"


def _error(capsys, argv) -> str:
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err, captured.err
    err = captured.err.strip().splitlines()[-1]  # progress lines may come first
    assert err.startswith("error: "), captured.err
    return err


def _edit(review: Path, row: int, **fields) -> None:
    df = pd.read_csv(review, dtype=str, keep_default_na=False)
    for k, v in fields.items():
        df.loc[row - 1, k] = v
    df.to_csv(review, index=False)


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("start", "abc", "field 'start': 'abc' is not a character offset; expected a whole number such as 227"),
        ("start", "227.0", "field 'start': '227.0' is not a character offset"),
        ("end", "", "field 'end': '' is not a character offset"),
        ("start", "-5", "field 'start': '-5' is not a character offset"),
        ("end", "12345678901234567890123", "field 'end': '12345678901234567890123' is not a character offset"),
        ("end", "999999", "field 'end': offsets"),
        ("goal_id", "peace", "field 'goal_id': unknown goal 'peace'"),
        ("area_id", "extraditions", "field 'area_id': area 'extraditions' belongs to goal 'pursue'"),
        ("modality", "promise", "field 'modality': unknown modality 'promise'"),
        ("party", "Canada", "field 'party': unknown party 'Canada'"),
        ("actors", "united-states:lead;dea-agency:partner", "field 'actors': unknown actor 'dea-agency'"),
        ("actors", "united-states:boss", "field 'actors': unknown role 'boss'"),
        ("actors", "united-states", "field 'actors': entry 'united-states' has no role"),
        ("tags", "Not A Tag", "field 'tags': 'Not A Tag' does not match the pattern"),
        ("deadline_year", "soon", "field 'deadline_year': 'soon' is not an integer"),
        ("notes", "a NUL \x00 here", "field 'notes': a control character U+0000"),
        ("quote", "Words that are nowhere in the text", "field 'quote': the quote is not in the text"),
    ],
)
def test_merge_names_the_review_file_its_row_and_field(case, capsys, field, value, message):
    data, review = case
    before = snapshot(data)
    _edit(review, 2, **{field: value})
    err = _error(capsys, ["--data-dir", str(data), "merge", str(review)])
    assert f"{review}, row 2 (proposal_id='P002'), " in err or f"{review}, " in err, err
    assert message in err, err
    assert ".dialoguelib-staging" not in err and "/tmp/tmp" not in err  # no scratch file is named
    assert snapshot(data) == before


def test_merge_of_a_latin1_review_file(case, capsys):
    data, review = case
    text = review.read_text(encoding="utf-8").replace("Mexico", "México")
    review.write_bytes(text.encode("latin-1", errors="replace"))  # "é" as one byte (curly quotes, not in Latin-1, as "?")
    err = _error(capsys, ["--data-dir", str(data), "merge", str(review)])
    assert f"{review}: not valid UTF-8" in err and "CSV UTF-8" in err


def test_a_straight_apostrophe_typed_curly_shows_both_code_points(case, capsys):
    data, review = case
    text = EXAMPLE.read_text(encoding="utf-8")  # the review's own document ("Mexico's Financial Intelligence Unit")
    i = text.index("'")
    df = pd.read_csv(review, dtype=str, keep_default_na=False)
    df.loc[0, ["start", "end", "quote"]] = [str(i - 5), str(i + 5), text[i - 5 : i] + "’" + text[i + 1 : i + 5]]
    df.to_csv(review, index=False)
    err = _error(capsys, ["--data-dir", str(data), "merge", str(review)])
    assert f"row 1 (proposal_id='{df.proposal_id[0]}'), field 'quote'" in err
    assert "U+0027 APOSTROPHE" in err and "U+2019 RIGHT SINGLE QUOTATION MARK" in err and "character 6" in err


@pytest.mark.parametrize(
    "content,message",
    [
        ("{}", "datapackage.json: no 'resources' list"),
        ("null", "datapackage.json: the descriptor is NoneType, not an object"),
        ('{"resources": [{"name": "goals"}]}', "resources[0] has no 'name' and 'path'"),
        (
            '{"resources": [{"name": "goals", "path": "../goals.csv", "schema": {"fields": [{"name": "x"}]}}]}',
            "leaves the data folder",
        ),
        ("[1, 2", "datapackage.json: malformed JSON"),
    ],
)
def test_a_broken_descriptor(data_copy, capsys, content, message):
    (data_copy / "datapackage.json").write_text(content)
    assert message in _error(capsys, ["--data-dir", str(data_copy), "summary"])


@pytest.mark.parametrize(
    "command",
    [
        ["ingest", str(EXAMPLE), "--id", "x-1", "--code", "XX", "--date", "2024-01-01", "--title", "t"],
        ["merge", "r.csv"],
        ["summary"],
        ["report", "--goal", "protect"],
    ],
)
def test_a_data_folder_that_does_not_exist(tmp_path, capsys, command):
    err = _error(capsys, ["--data-dir", str(tmp_path / "nowhere"), *command])
    assert "nowhere: data folder not found" in err and "DIALOGUELIB_DATA" in err


def test_data_dir_is_accepted_after_the_command_too(data_copy, capsys):
    assert cli.main(["summary", "--data-dir", str(data_copy)]) == 0
    assert str(data_copy) in capsys.readouterr().out


def test_a_full_disk_while_writing_plotly_js(tmp_path, capsys, monkeypatch):
    def full(path, data, mode=None):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(pages, "atomic_write", full)
    err = _error(capsys, ["report", "--goal", "protect", "--out", str(tmp_path / "r")])
    assert "plotly.min.js" in err and "No space left on device" in err


def test_an_empty_output_folder_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "the output folder is empty" in _error(capsys, ["report", "--goal", "protect", "--out", ""])
    assert list(tmp_path.iterdir()) == []


def test_summary_into_a_closed_pipe_prints_no_traceback():
    p = subprocess.Popen([str(BIN / "dialoguelib"), "summary"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()  # the reader is gone before the first line is written, as with `| head` on a long output
    err = p.stderr.read().decode()
    assert p.wait() in (0, 141) and "Traceback" not in err and "BrokenPipe" not in err


def test_a_statement_with_control_characters_is_refused(data_copy, tmp_path, capsys):
    bad = tmp_path / "form-feed.txt"
    bad.write_bytes(b"We pledge to act.\nPage two\x0cstarts here.\n")
    err = _error(
        capsys,
        ingest_argv(data_copy, bad, tmp_path / "r.csv"),
    )
    assert "control character U+000C at line 2, column 9" in err
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"We pledge to act." + b" " * 9000 + b"\x00 hidden after the first 8 KB\n")
    err = _error(
        capsys,
        ingest_argv(data_copy, nul, tmp_path / "r.csv"),
    )
    assert "NUL bytes (at byte 9017)" in err and not (tmp_path / "r.csv").exists()


@pytest.mark.parametrize(
    "table,field,value",
    [
        ("commitments", "notes", "a bell \x07 in a note"),
        ("actors", "name", "Name\x1bwith escape"),
        ("documents", "title", "Title\x00"),
        ("goals", "name", "Protect\x85 our people"),
    ],
)
def test_control_characters_in_any_text_field_are_refused(data_copy, table, field, value):
    df = read_table(data_copy, table)
    df.loc[0, field] = value
    write_table(data_copy, table, df)
    with pytest.raises(dialoguelib.DataValidationError) as info:
        dialoguelib.load(data_copy)
    assert (info.value.row, info.value.field) == (1, field) and "control character U+" in str(info.value)


@pytest.mark.parametrize(
    "raw_path,message",
    [
        ("/etc/hostname", "is not inside raw/"),
        ("raw/../datapackage.json", "is not inside raw/"),
        ("../data/raw/2021-10-08-fact-sheet.txt", "is not inside raw/"),
        ("raw", "is not inside raw/"),
        ("raw/link.txt", "outside raw/ (through a symbolic link)"),
    ],
)
def test_raw_path_stays_inside_raw(data_copy, raw_path, message):
    outside = data_copy.parent / "outside.txt"
    outside.write_bytes((data_copy / "raw" / "2021-10-08-fact-sheet.txt").read_bytes())
    (data_copy / "raw" / "link.txt").symlink_to(outside)
    df = read_table(data_copy, "documents")
    df.loc[1, "raw_path"] = raw_path
    write_table(data_copy, "documents", df)
    with pytest.raises(dialoguelib.DataValidationError) as info:
        dialoguelib.load(data_copy)
    assert (info.value.row, info.value.field) == (2, "raw_path") and message in str(info.value)


def test_the_merge_hint_that_ingest_prints_works_as_printed(tmp_path):
    data = tmp_path / "my data"  # a space, so the hint must quote it
    shutil.copytree(dialoguelib.load().data_dir.resolve(), data)
    run = subprocess.run(
        [
            str(BIN / "dialoguelib"),
            *ingest_argv(
                data,
                EXAMPLE,
                tmp_path / "r.csv",
                document_id=ARGS["document_id"],
                code="ILL24",
                date="2024-01-01",
                title="Illustrative",
            ),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    hint = run.stdout.strip().splitlines()[-1].strip()
    assert hint.startswith("dialoguelib ")
    df = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    df["decision"] = "accept"
    df.to_csv(tmp_path / "r.csv", index=False)
    words = shlex.split(hint)
    merged = subprocess.run([str(BIN / words[0]), *words[1:]], capture_output=True, text=True, cwd=ROOT)
    assert merged.returncode == 0, merged.stderr
    assert f"Merged: the document added, {len(df)} added" in merged.stdout
    assert len(dialoguelib.load(data).by_document("ILL24")) == len(df)


def test_an_existing_raw_file_with_other_content_is_refused(case, capsys):
    data, review = case
    (data / "raw" / EXAMPLE.name).write_text("something else\n")
    err = _error(capsys, ["--data-dir", str(data), "merge", str(review)])
    assert "r.document.json, field 'raw_path'" in err and "already exists with other content" in err


def test_a_source_changed_after_ingest_is_refused(case, capsys):
    data, review = case
    source = review.with_name("r.source.txt")
    before = snapshot(data)
    source.write_bytes(source.read_bytes() + b"More text.\n")
    err = _error(capsys, ["--data-dir", str(data), "merge", str(review)])
    assert "r.source.txt, field 'sha256': the text has changed since ingest" in err
    assert snapshot(data) == before and source.exists()  # nothing merged; the file is left for the user to inspect
