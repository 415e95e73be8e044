"""Ingest proposes follow-through (links to earlier commitments, progress as status updates); merge adds it."""

import pandas as pd
import pytest

import dialoguelib
from conftest import ROOT, snapshot
from dialoguelib.curate.illustrative import ILLUSTRATIVE
from dialoguelib.errors import ReviewError
from dialoguelib.ingest import ingest_document, merge_review, propose
from dialoguelib.ingest.followup import FOLLOWUP_COLUMNS, propose_followup

FOLLOW_UP = ROOT / "examples" / "illustrative-follow-up.txt"
SPANISH = (
    "Comunicado conjunto ilustrativo (escrito por el equipo; no es un documento real).\n\n"
    "La Red para la Prevención de Homicidios se puso en marcha en tres estados. La comitiva agradeció la hospitalidad.\n\n"
    "Ambos gobiernos se comprometen a ampliar la Red para la Prevención de Homicidios a diez municipios más.\n"
)


@pytest.fixture(scope="module")
def followup(ds):
    text = FOLLOW_UP.read_text(encoding="utf-8")
    proposals = propose(ds, text, "x", existing=ds)
    return text, proposals, propose_followup(ds, text, proposals, "2022-10-20")


def test_links_point_each_proposal_to_the_earlier_commitment_it_takes_up(followup):
    _, proposals, f = followup
    links = f[f["kind"] == "link"]
    by_quote = dict(zip(proposals["proposal_id"], proposals["quote"]))
    got = {by_quote[p][:30]: (c, r) for p, c, r in zip(links["proposal_id"], links["commitment_id"], links["relation"])}
    assert got == {
        "Both countries pledge to expan": ("JS-35", "extends"),
        "The United States and Mexico c": ("JS-43", "restates"),
        "We intend to create a bilatera": ("JS-50", "restates"),
    }
    assert links["reason"].str.contains("similar to JS-").all()
    assert "extends: 'expand'" in links.iloc[0]["reason"] and "homicide" in links.iloc[0]["reason"]
    assert list(f.columns) == FOLLOWUP_COLUMNS and list(links["followup_id"]) == ["L001", "L002", "L003"]


def test_progress_sentences_become_status_proposals_with_their_evidence_span(followup):
    text, _, f = followup
    st = f[f["kind"] == "status"].set_index("commitment_id")
    assert st.loc["JS-46", "status"] == "in_progress" and "'met for the first time'" in st.loc["JS-46", "reason"]
    assert st.loc["JS-35", "status"] == "completed" and "'was launched'" in st.loc["JS-35", "reason"]
    for r in st.itertuples():
        assert text[int(r.evidence_start) : int(r.evidence_end)] == r.evidence_quote and r.as_of == "2022-10-20"
    assert not st["evidence_quote"].str.contains("thanked their hosts").any()  # no progress verb
    assert not st["evidence_quote"].str.contains("Both countries pledge").any()  # a commitment, not a report
    assert (st.loc["JS-46", "confidence"] > 0.5) and len(st) == 2


def test_spanish_progress_and_links_are_found_through_the_bodies_named(ds):
    proposals = propose(ds, SPANISH, "x", existing=ds, language="es")
    f = propose_followup(ds, SPANISH, proposals, "2022-10-20")
    rows = {(k, c, r or s) for k, c, r, s in zip(f["kind"], f["commitment_id"], f["relation"], f["status"])}
    assert rows == {("link", "JS-35", "extends"), ("status", "JS-35", "completed")}
    assert f[f["kind"] == "status"]["reason"].str.contains("'se puso en marcha'").all()
    assert f["reason"].str.contains("network-homicide-prevention").all()


def test_nothing_is_proposed_against_documents_dated_after_the_statement(ds):
    text = FOLLOW_UP.read_text(encoding="utf-8")
    assert propose_followup(ds, text, propose(ds, text, "x"), "2020-01-01").empty


def _ingest(data_copy, tmp_path):
    review, _ = ingest_document(FOLLOW_UP, data_dir=data_copy, review_path=tmp_path / "r.csv", **ILLUSTRATIVE)
    rows = pd.read_csv(review, dtype=str, keep_default_na=False).assign(decision="accept")
    rows.to_csv(review, index=False)
    path = tmp_path / "r.followup.csv"
    return review, path, pd.read_csv(path, dtype=str, keep_default_na=False)


def test_merge_adds_accepted_links_and_statuses_with_the_rows_in_one_release(data_copy, tmp_path):
    review, path, f = _ingest(data_copy, tmp_path)
    f["decision"] = "accept"
    f.loc[f["kind"] == "status", "assessed_by"] = "reviewer"
    f.loc[f["commitment_id"] == "JS-43", "relation"] = "extends"  # a reviewer's fix
    f.to_csv(path, index=False)
    counts = merge_review(review, data_dir=data_copy)
    assert (counts["added"], counts["links"], counts["statuses"], counts["undecided"]) == (3, 3, 2, 0)
    ds = dialoguelib.load(data_copy)
    assert set(zip(ds.commitment_links["later_id"], ds.commitment_links["relation"], ds.commitment_links["earlier_id"])) == {
        ("ILLFU-01", "extends", "JS-35"),
        ("ILLFU-02", "extends", "JS-43"),
        ("ILLFU-03", "restates", "JS-50"),
    }
    su = ds.status_updates
    assert list(su["update_id"]) == ["SU-0001", "SU-0002"] and set(su["evidence_document"]) == {ILLUSTRATIVE["document_id"]}
    assert (su["recorded"] == pd.Timestamp.now(tz="UTC").normalize().tz_localize(None)).all()
    log = (data_copy / "CHANGELOG.md").read_text(encoding="utf-8").split("\n## ")[1]
    assert "Linked `ILLFU-02` extends `JS-43`" in log and "Recorded `SU-0002`" in log and "Added commitment `ILLFU-01`" in log
    after = snapshot(data_copy)
    again = merge_review(review, data_dir=data_copy)
    assert (again["added"], again["links"], again["statuses"]) == (0, 0, 0) and snapshot(data_copy) == after


def test_undecided_follow_up_rows_are_left_out_and_can_be_merged_later(data_copy, tmp_path):
    review, path, f = _ingest(data_copy, tmp_path)
    counts = merge_review(review, data_dir=data_copy)
    assert counts["undecided"] == len(f) and counts["links"] == 0
    f["decision"] = ["accept" if k == "link" else "drop" for k in f["kind"]]
    f.to_csv(path, index=False)
    counts = merge_review(review, data_dir=data_copy)
    assert (counts["added"], counts["links"], counts["undecided"]) == (0, 3, 0)


@pytest.mark.parametrize(
    ("edit", "field", "message"),
    [
        (lambda f: f.assign(decision="maybe"), "decision", "decision 'maybe'"),
        (lambda f: f.assign(decision="accept"), "assessed_by", "no assessor"),
        (
            lambda f: f.assign(decision="accept", assessed_by="r", evidence_quote="words that are not in it"),
            "evidence_quote",
            "not the text at its offsets, nor found once",
        ),
        (
            lambda f: f.assign(decision=["accept" if k == "link" else "drop" for k in f["kind"]], proposal_id="P009"),
            "proposal_id",
            "proposal 'P009' was not merged",
        ),
    ],
)
def test_bad_follow_up_rows_are_refused_naming_the_file_row_and_field(data_copy, tmp_path, edit, field, message):
    review, path, f = _ingest(data_copy, tmp_path)
    edit(f).to_csv(path, index=False)
    before = snapshot(data_copy)
    with pytest.raises(ReviewError) as err:
        merge_review(review, data_dir=data_copy)
    row = 1 if field in ("decision", "proposal_id") else int(f.index[f["kind"] == "status"][0]) + 1  # the first row at fault
    assert err.value.path == str(path) and err.value.field == field and err.value.row == row and message in str(err.value)
    assert snapshot(data_copy) == before


def test_a_status_whose_quote_was_edited_is_found_again_in_the_text(data_copy, tmp_path):
    review, path, f = _ingest(data_copy, tmp_path)
    f["decision"] = ["accept" if k == "status" else "drop" for k in f["kind"]]
    f["assessed_by"] = "r"
    i = f.index[(f["commitment_id"] == "JS-35") & (f["kind"] == "status")][0]
    f.loc[i, "evidence_quote"] = "The Network for Homicide Prevention was launched"  # shortened by the reviewer
    f.to_csv(path, index=False)
    merge_review(review, data_dir=data_copy)
    su = dialoguelib.load(data_copy).status_updates.set_index("commitment_id")
    assert su.loc["JS-35", "evidence_quote"] == "The Network for Homicide Prevention was launched"
