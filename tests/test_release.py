"""Citable releases: the data's version, content digest, changelog and citation; diffs between versions."""

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

import dialoguelib
from conftest import ARGS, EXAMPLE, read_table, release_after, write_table
from dialoguelib.cli import main
from dialoguelib.config import PACKAGE_DATA
from dialoguelib.curate.diff import diff, diff_text
from dialoguelib.ingest import ingest_document, merge_review

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_data_is_the_release_its_descriptor_and_changelog_name():
    ds = dialoguelib.load()
    r = ds.release
    assert not r.modified, (
        f"the tables' digest is {r.digest}, the release {r.version} recorded {r.recorded}: rows changed, so bump "
        "'version', set 'content_digest' and 'created' in data/datapackage.json and add a data/CHANGELOG.md entry"
    )
    newest = (ROOT / "data" / "CHANGELOG.md").read_text(encoding="utf-8").split("\n## ")[1]
    assert newest.startswith(f"{r.version} ({r.date})") and f"sha256:{r.digest}" in newest
    assert (
        ds.citation
        == f"dialogue-explorer team ({r.date[:4]}). {r.title} (version {r.version}, {r.date}) [Data set]. Content digest sha256:{r.digest[:12]}."
    )


def test_citation_cff_names_the_same_release():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    r = dialoguelib.load().release
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == r.version and str(cff["date-released"]) == r.date and cff["title"] == r.title
    assert any(i["value"] == f"sha256:{r.digest}" for i in cff["identifiers"])


def test_a_hand_edit_makes_the_citation_say_unreleased_changes(data_copy, capsys):
    com = read_table(data_copy, "commitments")
    com.loc[0, "notes"] = "edited by hand"
    write_table(data_copy, "commitments", com)
    ds = dialoguelib.load(data_copy)
    assert ds.release.modified and "with unreleased changes" in ds.citation and "(the release had sha256:" in ds.citation
    assert main(["--data-dir", str(data_copy), "cite"]) == 0
    captured = capsys.readouterr()
    assert "with unreleased changes" in captured.out and f"differ from release {release_after(0)}" in captured.err


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("version", "1.0", r"version '1.0' is not a semantic version.*MAJOR.MINOR.PATCH"),
        ("content_digest", "md5:abc", r"content_digest 'md5:abc' is malformed"),
    ],
)
def test_a_malformed_release_in_the_descriptor_is_refused(data_copy, field, value, message):
    path = data_copy / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    d[field] = value
    path.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(dialoguelib.DataValidationError, match=message) as exc:
        dialoguelib.load(data_copy)
    assert "datapackage.json" in str(exc.value)


def test_diff_of_a_folder_with_itself_is_empty(capsys):
    assert diff(dialoguelib.load(), PACKAGE_DATA).empty
    assert main(["diff", str(PACKAGE_DATA), str(PACKAGE_DATA)]) == 0
    assert "No differences" in capsys.readouterr().out


def test_diff_against_a_merged_follow_up_lists_exactly_the_merged_rows(data_copy, tmp_path, capsys):
    old = dialoguelib.load()
    review_path, _ = ingest_document(EXAMPLE, data_dir=data_copy, review_path=tmp_path / "review.csv", **ARGS)
    review = pd.read_csv(review_path, dtype=str, keep_default_na=False)
    review["decision"] = "accept"
    review.to_csv(review_path, index=False)
    merge_review(review_path, data_dir=data_copy)
    new = dialoguelib.load(data_copy)
    changes = diff(old, new)
    added = new.commitments[~new.commitments["commitment_id"].isin(old.commitments["commitment_id"])]
    assert len(added) == len(review)
    got = changes.groupby("table")["key"].apply(set).to_dict()
    assert set(changes["change"]) == {"added"}
    assert got == {
        "documents": {"illustrative-2024-01-01"},
        "commitments": set(added["commitment_id"]),
        "commitment_actors": {
            f"{c}|{a}"
            for c, a in new.commitment_actors[new.commitment_actors["commitment_id"].isin(added["commitment_id"])][
                ["commitment_id", "actor_id"]
            ].itertuples(index=False)
        },
    }
    text = diff_text(changes, old, new)
    assert (
        f"data {release_after(0)} (sha256:" in text
        and f"data {release_after(1)} (sha256:" in text
        and f"commitments: {len(added)} added, 0 removed" in text
    )
    assert main(["diff", str(PACKAGE_DATA), str(data_copy), "--format", "csv"]) == 0
    csv_out = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert len(csv_out) == len(changes) and list(csv_out.columns) == ["table", "key", "change", "field", "old", "new", "reason"]


def test_diff_names_each_changed_field_with_the_curators_reason(data_copy, tmp_path):
    com = read_table(data_copy, "commitments")
    i = com.index[com["commitment_id"] == "JS-47"][0]
    com.loc[i, "goal_id"], com.loc[i, "area_id"] = "cross-cutting", ""
    old_notes = com.loc[i, "notes"]
    com.loc[i, "notes"] = "Recoded: the measure serves every goal."
    write_table(data_copy, "commitments", com)
    changes = diff(PACKAGE_DATA, data_copy)
    assert set(zip(changes["key"], changes["field"], changes["old"], changes["new"])) == {
        ("JS-47", "goal_id", "pursue", "cross-cutting"),
        ("JS-47", "area_id", "illicit-financiers", ""),
        ("JS-47", "notes", old_notes, "Recoded: the measure serves every goal."),
    }
    assert set(changes["reason"]) == {"Recoded: the measure serves every goal."}


def test_diff_reads_an_export_zip_and_refuses_other_schemas(data_copy, tmp_path, capsys):
    zip_path = dialoguelib.load().export("csv", tmp_path / "v1.zip").path
    assert diff(zip_path, PACKAGE_DATA).empty
    path = data_copy / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    com = next(r for r in d["resources"] if r["name"] == "commitments")
    com["schema"]["fields"].append({"name": "status", "type": "string"})
    path.write_text(json.dumps(d, indent=2), encoding="utf-8")
    table = read_table(data_copy, "commitments")
    table["status"] = ""
    write_table(data_copy, "commitments", table)
    assert main(["diff", str(zip_path), str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "have different schemas: commitments (only in NEW: status)" in err and "Traceback" not in err
    not_data = tmp_path / "x.txt"
    not_data.write_text("hello")
    assert main(["diff", str(not_data), str(data_copy)]) == 2
    assert "expected a data folder or a zip" in capsys.readouterr().err
