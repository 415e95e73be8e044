"""Each class of bad input fails with one clear error naming file, row, field and expectation."""

from pathlib import Path

import pytest

import dialoguelib
from conftest import read_table, write_table
from dialoguelib import DataValidationError


def _load_error(folder) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        dialoguelib.load(folder)
    return info.value


def test_missing_file_names_the_path(data_copy):
    (data_copy / "areas.csv").unlink()
    err = _load_error(data_copy)
    assert err.path.endswith("areas.csv") and "file not found" in str(err)


def test_missing_data_folder_says_how_to_point_at_one(tmp_path):
    err = _load_error(tmp_path / "nowhere")
    assert "data folder not found" in str(err) and "DIALOGUELIB_DATA" in str(err)


def test_missing_column(data_copy):
    df = read_table(data_copy, "actors").drop(columns=["country"])
    write_table(data_copy, "actors", df)
    err = _load_error(data_copy)
    assert err.path.endswith("actors.csv") and "missing column(s) ['country']" in str(err)


def test_extra_column(data_copy):
    df = read_table(data_copy, "goals")
    df["colour"] = "red"
    write_table(data_copy, "goals", df)
    assert "unexpected column(s) ['colour']" in str(_load_error(data_copy))


def test_wrong_type(data_copy):
    df = read_table(data_copy, "commitments")
    df.loc[4, "start"] = "twelve"
    write_table(data_copy, "commitments", df)
    err = _load_error(data_copy)
    assert (err.row, err.field) == (5, "start")
    assert "'twelve' is not an integer" in str(err) and "commitment_id='JS-05'" in str(err)


def test_bad_date(data_copy):
    df = read_table(data_copy, "documents")
    df.loc[0, "date"] = "2021-13-45"
    write_table(data_copy, "documents", df)
    err = _load_error(data_copy)
    assert err.field == "date" and "ISO date" in str(err)


def test_value_outside_allowed_set(data_copy):
    df = read_table(data_copy, "commitments")
    df.loc[0, "modality"] = "promise"
    write_table(data_copy, "commitments", df)
    err = _load_error(data_copy)
    assert (err.row, err.field) == (1, "modality")
    assert "'promise' is not an allowed value" in str(err) and "'pledge'" in str(err)


def test_unknown_instrument_in_a_list(data_copy):
    df = read_table(data_copy, "commitments")
    df.loc[1, "instruments"] = "mou|treaty"
    write_table(data_copy, "commitments", df)
    err = _load_error(data_copy)
    assert err.field == "instruments" and "unknown item" in str(err)


def test_duplicate_id(data_copy):
    df = read_table(data_copy, "actors")
    df.loc[3, "actor_id"] = df.loc[2, "actor_id"]
    write_table(data_copy, "actors", df)
    err = _load_error(data_copy)
    assert (err.row, err.field) == (4, "actor_id") and "duplicate primary key" in str(err)


def test_area_of_unknown_goal(data_copy):
    df = read_table(data_copy, "areas")
    df.loc[2, "goal_id"] = "protekt"
    write_table(data_copy, "areas", df)
    err = _load_error(data_copy)
    assert err.path.endswith("areas.csv") and (err.row, err.field) == (3, "goal_id")
    assert "refers to no row of goals" in str(err)


def test_link_to_unknown_actor(data_copy):
    df = read_table(data_copy, "commitment_actors")
    df.loc[0, "actor_id"] = "cia"
    write_table(data_copy, "commitment_actors", df)
    err = _load_error(data_copy)
    assert err.field == "actor_id" and "'cia' refers to no row of actors" in str(err)


def test_link_to_unknown_commitment(data_copy):
    df = read_table(data_copy, "commitment_actors")
    df.loc[5, "commitment_id"] = "JS-99"
    write_table(data_copy, "commitment_actors", df)
    err = _load_error(data_copy)
    assert err.field == "commitment_id" and "'JS-99' refers to no row of commitments" in str(err)


def test_area_and_goal_disagree(data_copy):
    df = read_table(data_copy, "commitments")
    i = df.index[df.area_id == "extraditions"][0]
    df.loc[i, "goal_id"] = "protect"
    write_table(data_copy, "commitments", df)
    err = _load_error(data_copy)
    assert err.field == "goal_id" and "belongs to goal 'pursue'" in str(err)


def test_quote_that_does_not_match_the_raw_text(data_copy):
    df = read_table(data_copy, "commitments")
    df.loc[10, "quote"] = df.loc[10, "quote"].replace("corruption", "corruptions", 1)
    write_table(data_copy, "commitments", df)
    err = _load_error(data_copy)
    assert (err.row, err.field) == (11, "quote") and "does not match the raw text" in str(err)


def test_a_straight_apostrophe_for_a_curly_one_points_at_the_character(data_copy):
    df = read_table(data_copy, "commitments")
    i = int(df.index[df["commitment_id"] == "JS-54"][0])
    quote = df.loc[i, "quote"]
    at = quote.index("’")
    df.loc[i, "quote"] = quote.replace("’", "'", 1)
    write_table(data_copy, "commitments", df)
    err = str(_load_error(data_copy))
    assert f"they differ at character {at + 1}" in err
    assert "'’' (U+2019 RIGHT SINGLE QUOTATION MARK)" in err and "(U+0027 APOSTROPHE)" in err


def test_offsets_shifted_by_one(data_copy):
    df = read_table(data_copy, "commitments")
    df.loc[60, "start"] = str(int(df.loc[60, "start"]) + 1)
    write_table(data_copy, "commitments", df)
    assert _load_error(data_copy).field == "quote"


def test_raw_file_whose_sha256_does_not_match(data_copy):
    raw = data_copy / "raw" / "2021-10-08-fact-sheet.txt"
    raw.write_bytes(raw.read_bytes().replace(b"Joe Biden", b"Joe  Biden", 1))
    err = _load_error(data_copy)
    assert err.field == "sha256" and "byte for byte" in str(err)


def test_empty_table(data_copy):
    df = read_table(data_copy, "goals").iloc[0:0]
    write_table(data_copy, "goals", df)
    err = _load_error(data_copy)
    assert err.path.endswith("goals.csv") and "no rows" in str(err)


def test_zero_byte_file(data_copy):
    (data_copy / "actors.csv").write_bytes(b"")
    assert "the file is empty" in str(_load_error(data_copy))


def test_malformed_csv(data_copy):
    path = data_copy / "actors.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'extra,"unclosed,quote,agency,US\n', encoding="utf-8")
    err = _load_error(data_copy)
    assert err.path.endswith("actors.csv") and "malformed CSV" in str(err)


def test_not_utf8(data_copy):
    path = data_copy / "actors.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    assert "not valid UTF-8" in str(_load_error(data_copy))


def test_missing_required_value(data_copy):
    df = read_table(data_copy, "commitments")
    df.loc[2, "tags"] = ""
    write_table(data_copy, "commitments", df)
    err = _load_error(data_copy)
    assert (err.row, err.field) == (3, "tags") and "missing value" in str(err)


def test_loading_extended_data_from_a_folder_and_the_environment(data_copy, monkeypatch):
    df = read_table(data_copy, "actors")
    df.loc[len(df)] = ["cbp", "U.S. Customs and Border Protection", "CBP", "", "agency", "US"]
    write_table(data_copy, "actors", df)
    assert "cbp" in set(dialoguelib.load(data_copy).actors["actor_id"])
    monkeypatch.setenv("DIALOGUELIB_DATA", str(data_copy))
    assert dialoguelib.load().resolve("actor", "cbp") == "cbp"


def test_every_load_sees_the_files_as_they_are_now(data_copy):
    """No cache stands between the files and a load: a change is seen by the next load."""
    assert len(dialoguelib.load(data_copy)) == 96
    df = read_table(data_copy, "commitments")
    df.loc[0, "modality"] = "promise"
    write_table(data_copy, "commitments", df)
    assert "'promise' is not an allowed value" in str(_load_error(data_copy))


def test_a_change_to_a_raw_file_behind_a_symlinked_raw_folder_is_seen(data_copy, tmp_path):
    shared = tmp_path / "shared-raw"
    (data_copy / "raw").rename(shared)
    (data_copy / "raw").symlink_to(shared)
    assert len(dialoguelib.load(data_copy)) == 96
    target = shared / "2021-10-08-fact-sheet.txt"
    target.write_bytes(target.read_bytes() + b" ")
    assert _load_error(data_copy).field == "sha256"


def test_the_library_keeps_no_cache_of_validated_tables():
    import dialoguelib.query.dataset as dataset_module

    assert not hasattr(dataset_module, "_cache_dir") and "pickle" not in Path(dataset_module.__file__).read_text()
