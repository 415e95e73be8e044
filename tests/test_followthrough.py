"""Follow-through: the timeline, lineage, the status ledger, as-of queries, recording and its bad input."""

import shutil

import pandas as pd
import pytest

import dialoguelib
from conftest import read_table, release_after, snapshot, write_table
from dialoguelib import cli
from dialoguelib.curate.illustrative import ILLUSTRATIVE, illustrative_record
from dialoguelib.curate.recording import add_links, record_statuses
from dialoguelib.errors import DataValidationError, DateParameterError

DOC = ILLUSTRATIVE["document_id"]


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    """The illustrative record, built once; tests that change data work on copies of it."""
    return illustrative_record(tmp_path_factory.mktemp("ill") / "data")


@pytest.fixture(scope="module")
def ill(record):
    return dialoguelib.load(record)


@pytest.fixture
def copy(record, tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(record, dest)
    return dest


# ------------------------------------------------------------------ the shipped data
def test_the_timeline_holds_the_reference_milestones_and_keeps_the_unconfirmed_visible(ds):
    m = ds.milestones
    assert len(m) == 12 and m["date"].is_monotonic_increasing
    assert m["kind"].astype(str).value_counts().to_dict() == {"implementation": 8, "dialogue": 3, "action_plan": 1}
    unconfirmed = m[~m["confirmed"]]
    assert set(unconfirmed["milestone_id"]) == {
        "phase-two-2023",
        "implementation-meeting-2023",
        "dialogue-2023",
        "communique-2025",
        "implementation-group-2026",
    }
    assert unconfirmed["notes"].str.contains("not confirmed").all()
    assert m.set_index("milestone_id").loc["action-plan-2022", "source_address"].startswith("https://mx.usembassy.gov/")
    # both seed documents link to the launch
    assert set(ds.documents["milestone_id"]) == {"dialogue-2021"}


def test_shipped_commitments_have_no_status_and_show_as_not_assessed(ds):
    assert ds.status_updates.empty and ds.commitment_links.empty
    st = ds.status()
    assert len(st) == 96 and set(st["status"].astype(str)) == {"not_assessed"} and st["g20_score"].isna().all()
    counts = ds.status_counts()
    assert list(counts.columns)[:2] == ["Not assessed", "Not started"]
    assert counts["Not assessed"].sum() == 96 and counts.drop(columns="Not assessed").to_numpy().sum() == 0
    assert ds.compliance()["scored"].sum() == 0


def test_the_status_scale_maps_to_the_g20_score(ds):
    scale = ds.statuses.set_index(ds.statuses["status_id"].astype(str))["g20_score"]
    assert scale["completed"] == 1 and scale["in_progress"] == 0 and scale["partial"] == 0
    assert scale["not_started"] == -1 and scale["stalled"] == -1 and scale["dropped"] == -1
    assert pd.isna(scale["superseded"])


# ------------------------------------------------------------------ the illustrative record
def test_the_illustrative_record_is_labelled_and_valid(ill):
    doc = ill.documents.set_index("document_id").loc[DOC]
    assert "not a real document" in doc["title"] and "illustrative" in doc["publisher"]
    assert len(ill.status_updates) == 5 and len(ill.commitment_links) == 3
    assert ill.release.version == release_after(2) and not ill.release.modified  # the statement, then the statuses


def test_latest_status_takes_the_latest_as_of_then_the_latest_recording(ill):
    st = ill.status().set_index("commitment_id")
    assert st.loc["JS-32", "status"] == "stalled"  # 2023-06-30 over 2022-03-01
    assert st.loc["JS-35", "status"] == "partial"  # same as_of, the correction recorded later wins
    assert st.loc["JS-35", "evidence_quote"].startswith("The Network for Homicide Prevention was launched")
    assert st.loc["JS-46", "label"] == "In progress" and st.loc["JS-46", "g20_score"] == 0
    assert st.loc["JS-12", "status"] == "not_assessed"


def test_history_keeps_every_row_and_marks_what_superseded_it(ill):
    h = ill.status_history("js-35")
    assert list(h["update_id"]) == ["SU-0003", "SU-0004"]
    assert list(h["current"]) == [False, True] and h["superseded_by"].iloc[0] == "SU-0004"
    assert ill.status_history("JS-12").empty


def test_lineage_follows_links_both_ways(ill):
    forward = ill.lineage("JS-35")
    assert list(zip(forward["later_id"], forward["relation"], forward["earlier_id"])) == [("ILLFU-01", "extends", "JS-35")]
    assert ill.lineage("ILLFU-01").equals(forward)
    assert forward["later_date"].iloc[0] > forward["earlier_date"].iloc[0]
    assert ill.lineage("JS-12").empty


def test_unmentioned_are_the_commitments_nothing_later_took_up(ill):
    quiet = set(ill.unmentioned()["commitment_id"].astype(str))
    assert {"JS-32", "JS-35", "JS-43", "JS-46", "JS-50"}.isdisjoint(quiet)
    assert "JS-12" in quiet and len(quiet) == len(ill) - 5


def test_status_counts_and_compliance_add_up(ill):
    counts = ill.status_counts()
    assert counts.to_numpy().sum() == len(ill)
    assert counts.loc["Protect our people", "Partly done"] == 1 and counts.loc["Protect our people", "Stalled"] == 1
    comp = ill.compliance()
    assert comp.loc["Protect our people", "scored"] == 2 and comp.loc["Protect our people", "score"] == -0.5
    assert ill.status_counts("area").to_numpy().sum() == len(ill)


def test_status_over_time_counts_each_commitment_once_per_day(ill):
    over = ill.status_over_time()
    per_day = over.groupby("date")["n"].sum()
    assert per_day[pd.Timestamp("2021-10-08")] == 96 and per_day[pd.Timestamp("2022-10-20")] == 99
    day = over[over["date"] == pd.Timestamp("2022-10-20")].set_index("status")["n"]
    assert day["In progress"] == 1  # JS-32's in_progress was recorded 2022-03-02; JS-46's the day after (2022-10-21)


# ------------------------------------------------------------------ as of a day
@pytest.mark.parametrize(
    ("day", "documents", "statuses"),
    [
        ("2021-10-08", 2, {}),
        ("2022-06-30", 2, {"JS-32": "in_progress"}),
        ("2022-12-31", 3, {"JS-32": "in_progress", "JS-35": "completed", "JS-46": "in_progress"}),
        ("2023-12-31", 3, {"JS-32": "stalled", "JS-35": "partial", "JS-46": "in_progress"}),
    ],
)
def test_as_of_keeps_what_was_published_and_recorded_by_then(ill, day, documents, statuses):
    past = ill.as_of(day)
    assert len(past.documents) == documents and (past.documents["date"] <= pd.Timestamp(day)).all()
    assert (past.milestones["date"] <= pd.Timestamp(day)).all()
    assert (past.status_updates["recorded"] <= pd.Timestamp(day)).all()
    st = past.status()
    assert dict(st[st["status"] != "not_assessed"].set_index("commitment_id")["status"].astype(str)) == statuses
    if documents == 2:
        assert len(past) == 96 and past.commitment_links.empty and DOC not in past.raw_texts
        assert list(past.counts("document")["document"]) != [] and DOC not in set(past.tidy["document_id"].cat.categories)


def test_as_of_is_the_same_whatever_was_recorded_later(ill, copy):
    before = ill.as_of("2022-12-31").status()
    record_statuses(
        [
            {
                "commitment_id": "JS-12",
                "status": "not_started",
                "as_of": "2024-01-01",
                "assessed_by": "t",
                "evidence_url": "https://example.org/a",
                "evidence_note": "n",
                "recorded": "2024-01-02",
            }
        ],
        data_dir=copy,
        backdated=True,  # a ledger kept elsewhere: its own recording date
    )
    after = dialoguelib.load(copy).as_of("2022-12-31").status()
    pd.testing.assert_frame_equal(before, after)


def test_the_status_on_each_day_is_the_latest_row_recorded_by_then(copy):
    """The spans each day's status is read from (the charts over time, overdue) agree, day by day, with the
    rule written out: of the rows recorded by the day, the latest as_of, then recorded, then row."""
    from dialoguelib.query.followthrough import _status_rows_on

    late = {**GOOD, "commitment_id": "JS-32", "as_of": "2022-06-01", "status": "completed", "recorded": "2023-08-01"}
    again = [{**GOOD, "as_of": day, "recorded": rec} for day, rec in [("2022-10-20", "2022-11-01"), ("2022-12-01", "2022-12-01")]]
    record_statuses(
        [late, *again, {**GOOD, "as_of": "2022-11-15", "status": "stalled", "recorded": "2023-01-10"}],
        data_dir=copy,
        backdated=True,
    )
    ds = dialoguelib.load(copy)
    su = ds.status_updates.assign(row=range(len(ds.status_updates)))
    for day in pd.date_range("2022-03-01", "2023-08-02"):
        known = su[su["recorded"] <= day].sort_values(["as_of", "recorded", "row"])
        expected = known.groupby("commitment_id", observed=True)["update_id"].last().to_dict()
        rows = _status_rows_on(ds, day)
        got = {c: su["update_id"].iat[r] for c, r in zip(ds.commitments["commitment_id"], rows) if r >= 0}
        assert got == expected, day


def test_a_selection_as_of_a_day_keeps_its_filters(ill):
    sel = ill.by_goal("protect").as_of("2021-12-31")
    assert len(sel) == 27 and (sel.tidy["goal_id"] == "protect").all() and "as of 2021-12-31" in sel.filters
    assert len(ill.as_of("2022-12-31").by_goal("protect")) == 28


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2021-10-07", "before the first document of the record (2021-10-08)"),
        ("31/12/2022", "not a date in the form YYYY-MM-DD"),
        ("2022-02-30", "no such day"),
        ("", "not a date"),
    ],
)
def test_bad_as_of_dates_are_refused_clearly(ds, day, message):
    with pytest.raises(DateParameterError, match="as_of") as err:
        ds.as_of(day)
    assert message in str(err.value)


def test_export_as_of_a_day_writes_the_record_of_that_day(ill, tmp_path):
    out = tmp_path / "past.zip"
    ill.as_of("2022-06-30").export("csv", out)
    import zipfile

    with zipfile.ZipFile(out) as z:
        z.extractall(tmp_path / "x")
    (folder,) = (tmp_path / "x").iterdir()
    back = dialoguelib.load(folder)
    assert len(back.documents) == 2 and len(back) == 96 and list(back.status_updates["update_id"]) == ["SU-0001"]


def test_cli_export_and_status_take_an_as_of_date(record, tmp_path, capsys):
    assert cli.main(["--data-dir", str(record), "status", "JS-35", "--as-of", "2022-12-31"]) == 0
    out = capsys.readouterr().out
    assert "Status as of 2022-12-31: Completed" in out and "SU-0004" not in out and "ILLFU-01 (2022-10-20) extends JS-35" in out
    assert (
        cli.main(
            [
                "--data-dir",
                str(record),
                "export",
                "--format",
                "json",
                "--out",
                str(tmp_path / "a.ndjson"),
                "--as-of",
                "2021-12-31",
            ]
        )
        == 0
    )
    assert "as of 2021-12-31" in capsys.readouterr().out
    assert cli.main(["--data-dir", str(record), "status", "JS-35", "--as-of", "yesterday"]) == 2
    assert "as_of 'yesterday': not a date" in capsys.readouterr().err


# ------------------------------------------------------------------ recording, and what it refuses
GOOD = {
    "commitment_id": "JS-12",
    "status": "in_progress",
    "as_of": "2022-10-20",
    "assessed_by": "tester",
    "evidence_document": DOC,
    "evidence_quote": "The delegations thanked their hosts for a productive visit.",
}


def test_recording_a_status_finds_its_quote_and_releases_the_data(copy):
    before = dialoguelib.load(copy).release.version
    done = record_statuses([GOOD], data_dir=copy)
    ds = dialoguelib.load(copy)
    row = ds.status_updates.iloc[-1]
    text = ds.raw_texts[DOC]
    assert row["update_id"] == "SU-0006" and text[row["evidence_start"] : row["evidence_end"]] == GOOD["evidence_quote"]
    assert done["version"] != before and ds.release.version == done["version"] and not ds.release.modified
    assert "Recorded `SU-0006`: `JS-12` in_progress as of 2022-10-20" in (copy / "CHANGELOG.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"commitment_id": "JS-999"}, "commitment_id", "'JS-999' refers to no row of commitments"),
        ({"status": "done"}, "status", "'done' refers to no row of statuses"),
        ({"as_of": "2021-01-01"}, "as_of", "before 'JS-12' was published (2021-10-08)"),
        ({"as_of": "2022-13-01"}, "as_of", "is not a date"),
        ({"as_of": "2030-01-01", "recorded": "2026-01-01"}, "as_of", "after the row was recorded"),
        ({"evidence_quote": "words that are not there"}, "evidence_quote", "found 0 times"),
        ({"evidence_start": "0", "evidence_end": "5"}, "evidence_quote", "does not match the raw text at 0:5"),
        ({"evidence_document": "", "evidence_quote": ""}, "evidence_document", "no evidence"),
        (
            {"evidence_document": "", "evidence_quote": "", "evidence_url": "ftp://example.org/x", "evidence_note": "n"},
            "evidence_url",
            "does not match the pattern",
        ),
        (
            {"evidence_document": "", "evidence_quote": "", "evidence_url": "https://example.org/x"},
            "evidence_note",
            "an evidence_url without a note",
        ),
        ({"recorded": "2022-01-01", "as_of": "2021-12-01"}, "evidence_document", "after the row was recorded"),
        ({"assessed_by": ""}, "assessed_by", "missing value"),
    ],
)
def test_bad_status_rows_are_refused_naming_row_and_field_and_nothing_changes(copy, change, field, message):
    before = snapshot(copy)
    with pytest.raises(DataValidationError) as err:
        record_statuses([GOOD, {**GOOD, **change}], data_dir=copy, backdated="recorded" in change)
    assert err.value.field == field and err.value.row == 2 and message in str(err.value), str(err.value)
    assert snapshot(copy) == before


def test_two_rows_that_disagree_for_one_commitment_and_date_are_refused(copy):
    clash = {**GOOD, "status": "completed", "recorded": "2023-01-01"}
    with pytest.raises(DataValidationError, match="one status per commitment, as-of date and recording date"):
        record_statuses([{**GOOD, "recorded": "2023-01-01"}, clash], data_dir=copy, backdated=True)
    correction = [{**GOOD, "recorded": "2023-01-01"}, {**clash, "recorded": "2023-02-01"}]
    record_statuses(correction, data_dir=copy, backdated=True)


def test_a_ledger_edited_in_place_is_caught_by_the_next_recording(copy):
    su = read_table(copy, "status_updates")
    su.loc[0, "status"] = "completed"
    write_table(copy, "status_updates", su)
    assert dialoguelib.load(copy).release.modified  # the edit shows as unreleased changes
    from dialoguelib.package.ledger import check_appended

    with pytest.raises(DataValidationError, match="was changed"):
        check_appended(copy / "status_updates.csv", su.assign(status="in_progress"), su)
    with pytest.raises(DataValidationError, match="was removed"):
        check_appended(copy / "status_updates.csv", su, su.iloc[1:])


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            {"later_id": "ILLFU-01", "earlier_id": "JS-999", "relation": "extends"},
            "earlier_id",
            "refers to no row of commitments",
        ),
        ({"later_id": "JS-35", "earlier_id": "ILLFU-01", "relation": "extends"}, "later_id", "points forward in time"),
        ({"later_id": "JS-35", "earlier_id": "JS-35", "relation": "restates"}, "earlier_id", "linked to itself"),
        ({"later_id": "ILLFU-01", "earlier_id": "JS-35", "relation": "restates"}, "later_id", "duplicate primary key"),
        ({"later_id": "ILLFU-01", "earlier_id": "JS-36", "relation": "repeats"}, "relation", "is not an allowed value"),
    ],
)
def test_bad_links_are_refused_and_nothing_changes(copy, row, field, message):
    before = snapshot(copy)
    with pytest.raises(DataValidationError) as err:
        add_links([row], data_dir=copy)
    assert err.value.field == field and message in str(err.value), str(err.value)
    assert snapshot(copy) == before


def test_supersession_cycles_and_links_both_ways_are_refused(copy):
    add_links([{"later_id": "JS-36", "earlier_id": "JS-35", "relation": "supersedes"}], data_dir=copy)
    with pytest.raises(DataValidationError, match="linked both ways"):
        add_links([{"later_id": "JS-35", "earlier_id": "JS-36", "relation": "supersedes"}], data_dir=copy)
    add_links([{"later_id": "JS-37", "earlier_id": "JS-36", "relation": "supersedes"}], data_dir=copy)
    with pytest.raises(DataValidationError, match="supersession runs in a circle: .*JS-3[567] supersedes JS-3[567]"):
        add_links([{"later_id": "JS-35", "earlier_id": "JS-37", "relation": "supersedes"}], data_dir=copy)


def test_a_hand_edited_ledger_with_a_bad_row_fails_to_load_naming_it(copy):
    su = read_table(copy, "status_updates")
    su.loc[1, "evidence_quote"] = su.loc[1, "evidence_quote"].replace("first", "second")
    write_table(copy, "status_updates", su)
    with pytest.raises(DataValidationError) as err:
        dialoguelib.load(copy)
    assert "status_updates.csv, row 2 (update_id='SU-0002'), field 'evidence_quote'" in str(err.value)


def test_cli_records_statuses_and_links_from_files_and_reports_bad_rows(copy, tmp_path, capsys):
    rows = tmp_path / "s.csv"
    pd.DataFrame([GOOD, {**GOOD, "commitment_id": "JS-13", "status": "done"}]).to_csv(rows, index=False)
    assert cli.main(["--data-dir", str(copy), "record", "status", "--file", str(rows)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {rows}, row 2, field 'status': 'done' refers to no row of statuses") and "Traceback" not in err
    assert (
        cli.main(
            ["--data-dir", str(copy), "record", "link", "--later", "ILLFU-03", "--earlier", "JS-49", "--relation", "narrows"]
        )
        == 0
    )
    assert "Added 1 link." in capsys.readouterr().out
    assert len(dialoguelib.load(copy).commitment_links) == 4


def test_cli_names_the_option_at_fault_when_a_row_is_given_by_options(copy, capsys):
    base = ["--data-dir", str(copy), "record"]
    assert cli.main(base + ["status", "--commitment", "JS-32", "--status", "in_progress", "--by", "x"]) == 2
    assert capsys.readouterr().err.startswith("error: --as-of: missing value")
    assert (
        cli.main(base + ["status", "--commitment", "JS-32", "--status", "in_progress", "--by", "x", "--as-of", "2022-01-01"]) == 2
    )
    assert capsys.readouterr().err.startswith("error: --document: no evidence")
    assert cli.main(base + ["link", "--later", "ILLFU-01", "--earlier", "JS-999", "--relation", "extends"]) == 2
    assert capsys.readouterr().err.startswith("error: --earlier: 'JS-999' refers to no row of commitments")
    assert cli.main(["--data-dir", str(copy), "status", "JS-3"]) == 2
    err = capsys.readouterr().err
    assert "unknown commitment 'JS-3'. Did you mean:" in err and "Traceback" not in err
