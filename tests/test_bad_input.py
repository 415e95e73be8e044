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
from conftest import ARGS, EXAMPLE, STATUS_ROW, ingest_argv, read_table, release_after, snapshot, write_table
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


# ------------------------------------------------------------------ the attacks of issue 29: one error line each, nothing changed
STATUS = STATUS_ROW
BY_OPTIONS = ["--commitment", "JS-46", "--status", "in_progress", "--as-of", "2022-01-01", "--url", "https://example.org/x"]


def _statuses(tmp_path: Path, *rows: dict) -> str:
    path = tmp_path / "statuses.csv"
    pd.DataFrame(list(rows)).to_csv(path, index=False)
    return str(path)


@pytest.mark.parametrize("table,row", [("goals", 1), ("areas", 1), ("actors", 1)])
def test_two_goals_areas_or_actors_of_one_name_are_refused(data_copy, capsys, table, row):
    df = read_table(data_copy, table)
    df.loc[row, "name"] = " " + df.loc[0, "name"].upper()  # the same name, as names are compared
    write_table(data_copy, table, df)
    err = _error(capsys, ["--data-dir", str(data_copy), "summary"])
    assert f"{table}.csv, row {row + 1}" in err and "field 'name'" in err and "is also row 1's" in err


def test_a_descriptor_nested_100000_deep_is_one_error_line(data_copy, capsys):
    (data_copy / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000)
    err = _error(capsys, ["--data-dir", str(data_copy), "summary"])
    assert "datapackage.json: JSON nested too deeply" in err


def test_a_record_file_field_over_the_csv_limit_is_one_error_line(data_copy, tmp_path, capsys):
    before = snapshot(data_copy)
    path = _statuses(tmp_path, {**STATUS, "evidence_note": "x" * 131_073})
    err = _error(capsys, ["--data-dir", str(data_copy), "record", "status", "--file", path])
    assert "statuses.csv, row 1" in err and "at most 131,072 characters" in err and snapshot(data_copy) == before


@pytest.mark.parametrize(
    "change,message",
    [
        # after the assessment's as_of (which a recorded day before it breaks anyway), before the day it is entered
        ({"recorded": "2022-01-02"}, "field 'recorded': '2022-01-02' is before today"),
        ({"evidence_note": "one\ntwo"}, "field 'evidence_note': a line break"),
        ({"assessed_by": "t\u200bx"}, "field 'assessed_by': an invisible character U+200B ZERO WIDTH SPACE"),
        ({"evidence_note": "abc \u202e def"}, "an invisible character U+202E RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_a_backdated_or_multi_line_or_invisible_status_row_is_refused(data_copy, tmp_path, capsys, change, message):
    before = snapshot(data_copy)
    err = _error(capsys, ["--data-dir", str(data_copy), "record", "status", "--file", _statuses(tmp_path, {**STATUS, **change})])
    assert message in err and snapshot(data_copy) == before


def test_a_status_row_given_twice_is_refused(data_copy, tmp_path, capsys):
    before = snapshot(data_copy)
    err = _error(capsys, ["--data-dir", str(data_copy), "record", "status", "--file", _statuses(tmp_path, STATUS, STATUS)])
    assert "row 2, field 'update_id': a copy of 'SU-0001'" in err and snapshot(data_copy) == before
    assert cli.main(["--data-dir", str(data_copy), "record", "status", "--file", _statuses(tmp_path, STATUS)]) == 0
    err = _error(capsys, ["--data-dir", str(data_copy), "record", "status", "--file", _statuses(tmp_path, STATUS)])
    assert "a copy of 'SU-0001'" in err  # the same assessment again, a day later, is still a copy


def test_by_can_neither_break_a_line_nor_forge_a_release_heading(data_copy, capsys):
    forged = "t\n\n## 9.9.9 (2030-01-01)\n\n- forged"
    err = _error(capsys, ["--data-dir", str(data_copy), "record", "status", *BY_OPTIONS, "--note", "n", "--by", forged])
    assert err.startswith("error: --by: a line break")
    assert cli.main(["--data-dir", str(data_copy), "record", "status", *BY_OPTIONS, "--note", "n", "--by", "## 9.9.9 x"]) == 0
    log = (data_copy / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = [line for line in log.splitlines() if line.startswith("## ")]
    assert headings[0].startswith(f"## {release_after(1)} ") and not any("9.9.9" in h for h in headings)
    assert dialoguelib.load(data_copy).release.version == release_after(1)


def test_zero_width_or_bidi_characters_in_names_are_refused(data_copy, capsys):
    actors = read_table(data_copy, "actors")
    actors.loc[actors["actor_id"] == "dea", "name"] = "Drug Enforcement\u200b Administration"
    write_table(data_copy, "actors", actors)
    err = _error(capsys, ["--data-dir", str(data_copy), "summary"])
    assert "actors.csv" in err and "field 'name'" in err and "U+200B ZERO WIDTH SPACE" in err


def test_a_title_with_braces_keeps_the_bibtex_citation_whole(data_copy, capsys):
    import json

    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc["title"] += " } @misc{evil, {x}"
    path.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cli.main(["--data-dir", str(data_copy), "cite", "--format", "bibtex"]) == 0
    bib = capsys.readouterr().out
    unescaped = bib.replace("\\{", "").replace("\\}", "")
    depth, lowest = 0, 1
    for i, ch in enumerate(unescaped):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if i > unescaped.index("{") and i < len(unescaped.rstrip()) - 1:
            lowest = min(lowest, depth)
    assert depth == 0 and lowest >= 1, bib  # one entry: the title's braces never close it early
    assert bib.count("@misc{") == 1 and "\\} @misc\\{evil, \\{x\\}" in bib


@pytest.mark.parametrize("field,value", [("title", "Another title"), ("contributors", [{"title": "Someone Else"}])])
def test_an_edit_to_the_descriptors_cited_fields_is_an_unreleased_change(data_copy, capsys, field, value):
    import json

    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc[field] = value
    path.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert dialoguelib.load(data_copy).release.modified
    assert cli.main(["--data-dir", str(data_copy), "cite"]) == 0
    assert "unreleased changes" in capsys.readouterr().out


def test_a_duplicated_proposal_id_in_a_review_file_is_refused(case, capsys):
    data, review = case
    before = snapshot(data)
    df = pd.read_csv(review, dtype=str, keep_default_na=False)
    _edit(review, 2, proposal_id=df.loc[0, "proposal_id"])
    err = _error(capsys, ["--data-dir", str(data), "merge", str(review)])
    assert "row 2" in err and "field 'proposal_id'" in err and "is also row 1's" in err and snapshot(data) == before


def test_a_review_row_pointing_into_another_document_is_refused(case, capsys):
    data, review = case
    before = snapshot(data)
    # a document of the data, the 2021 joint statement, with offsets and a quote that are right for it
    start, end = 200, 280
    quote = dialoguelib.load(data).raw_texts["joint-statement-2021-10-08"][start:end]
    _edit(review, 1, document_id="joint-statement-2021-10-08", start=str(start), end=str(end), quote=quote)
    err = _error(capsys, ["--data-dir", str(data), "merge", str(review)])
    assert "row 1" in err and "field 'document_id'" in err and "points into 'joint-statement-2021-10-08'" in err
    assert snapshot(data) == before


def test_a_table_linked_from_outside_the_folder_is_refused(data_copy, tmp_path, capsys):
    outside = tmp_path / "actors.csv"
    shutil.move(data_copy / "actors.csv", outside)
    (data_copy / "actors.csv").symlink_to(outside)
    err = _error(capsys, ["--data-dir", str(data_copy), "summary"])
    assert "actors.csv: leads to" in err and "outside the data folder" in err


def test_a_descriptor_name_with_a_parent_step_is_refused(data_copy, tmp_path, capsys):
    import json

    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc["name"] = "../../evil"
    path.write_text(json.dumps(desc, indent=2) + "\n", encoding="utf-8")
    err = _error(capsys, ["--data-dir", str(data_copy), "export", "--format", "csv", "--out", str(tmp_path / "x.zip")])
    assert "name '../../evil' is not a data package name" in err and not (tmp_path / "x.zip").exists()


def test_diff_refuses_a_zip_that_unpacks_past_its_cap(ds, tmp_path, capsys, monkeypatch):
    import importlib

    diff = importlib.import_module("dialoguelib.curate.diff")  # the module (the package exports its function)
    out = ds.export("csv", tmp_path / "d.zip").path
    monkeypatch.setattr(diff, "MAX_UNZIPPED", 100_000)  # the export unpacks to more than this
    err = _error(capsys, ["diff", str(out), str(ds.data_dir)])
    assert "unpacks to more than" in err


@pytest.mark.parametrize("command", ["record", "merge"])
def test_a_change_without_data_dir_leaves_the_shipped_data_and_names_the_folder_it_changes(
    case, tmp_path, capsys, monkeypatch, command
):
    from dialoguelib import config

    data, review = case
    shipped = snapshot(config.PACKAGE_DATA)
    monkeypatch.delenv(config.DATA_ENV_VAR, raising=False)
    argv = ["merge", str(review)] if command == "merge" else ["record", "status", "--file", _statuses(tmp_path, STATUS)]
    err = _error(capsys, argv)
    assert f"error: {command} changes a data folder, and none was named; expected --data-dir FOLDER" in err
    assert str(config.PACKAGE_DATA) in err and snapshot(config.PACKAGE_DATA) == shipped
    monkeypatch.setenv(config.DATA_ENV_VAR, str(data))  # named by the environment: changed, and said so
    assert cli.main(argv) == 0
    assert f"The data in {data} is now version {release_after(1)}" in capsys.readouterr().out
    assert snapshot(config.PACKAGE_DATA) == shipped


def test_merge_names_the_commitments_it_added(case, capsys):
    data, review = case
    assert cli.main(["--data-dir", str(data), "merge", str(review)]) == 0
    out = capsys.readouterr().out
    ds = dialoguelib.load(data)
    added = [c for c in ds.commitments["commitment_id"] if c not in set(dialoguelib.load().commitments["commitment_id"])]
    assert added and f"{len(added)} added ({added[0]}, " in out and added[-1] in out, out
