"""Ingesting a new statement: proposals, registration, review, merge, bad input."""

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

import dialoguelib
from conftest import ARGS, EXAMPLE, ingest_argv, release_after, snapshot
from dialoguelib import cli
from dialoguelib.errors import ReviewError
from dialoguelib.ingest import IngestError, ingest_document, merge_review, novelty, propose, read_statement

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def proposals(ds):
    return propose(ds, EXAMPLE.read_text(encoding="utf-8"), "illustrative-2024-01-01", existing=ds)


def test_every_proposal_quotes_the_raw_text_at_its_offsets(proposals):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert len(proposals) >= 5
    for p in proposals.itertuples():
        assert text[p.start : p.end] == p.quote


def test_sentences_without_a_commitment_are_not_proposed(proposals):
    assert not proposals["quote"].str.contains("sunny afternoon").any()
    assert not proposals["quote"].str.contains("Illustrative joint statement").any()


def test_modality_party_deadline_and_actors(proposals):
    by = {q.split()[0] + " " + q.split()[1]: r for q, r in zip(proposals["quote"], proposals.to_dict("records"))}
    assert by["Mexico intends"]["party"] == "MX" and by["Mexico intends"]["modality"] == "intend"
    assert by["The United"]["party"] == "US"
    assert by["both governments"]["party"] == "both"  # a later clause with its own subject: its own party
    pledge = by["Both countries"]
    assert pledge["modality"] == "pledge" and pledge["party"] == "both" and str(pledge["deadline_year"]) == "2024"
    assert "network-homicide-prevention" in pledge["actors"] and "network" in pledge["instruments"]
    assert "unodc" in by["Mexico intends"]["actors"]
    assert "National Precursor Control Unit" in by["Mexico intends"]["new_actor_candidates"]
    assert any("Secretaría de Marina (SEMAR)" in c for c in proposals["new_actor_candidates"])  # "the Mexican Navy"


def test_clauses_are_split_at_semicolons(proposals):
    assert proposals["quote"].str.startswith("both governments plan to share ballistics information").any()
    share = proposals[proposals["quote"].str.startswith("both governments plan")].iloc[0]
    assert share["goal_id"] == "prevent" and share["area_id"] == "arms-trafficking"


def test_repeats_of_existing_commitments_are_flagged(ds, proposals):
    fin = proposals[proposals["quote"].str.contains("illicit financiers")].iloc[0]
    assert fin["goal_id"] == "pursue"
    assert novelty(ds, "JS").shape[0] == 54


def test_text_with_no_commitments_gives_zero_proposals(ds):
    assert len(propose(ds, "The delegations met in Mexico City. It rained.", "x")) == 0


def test_ingest_changes_nothing_and_writes_the_review_set(data_copy, tmp_path):
    before = snapshot(data_copy)
    review, props = ingest_document(EXAMPLE, data_dir=data_copy, review_path=tmp_path / "review.csv", **ARGS)
    assert snapshot(data_copy) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "review.csv",
        "review.document.json",
        "review.followup.csv",
        "review.source.txt",
    ]
    assert (tmp_path / "review.source.txt").read_bytes() == EXAMPLE.read_bytes()
    doc = json.loads((tmp_path / "review.document.json").read_text(encoding="utf-8"))["document"]
    assert doc["sha256"] == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() and doc["code"] == "ILL24"
    assert doc["raw_path"] == f"raw/{EXAMPLE.name}"
    assert len(pd.read_csv(review)) == len(props)


def test_ingest_refuses_to_overwrite_a_review_unless_forced(data_copy, tmp_path):
    review = tmp_path / "review.csv"
    ingest_document(EXAMPLE, data_dir=data_copy, review_path=review, **ARGS)
    review.write_text(review.read_text(encoding="utf-8").replace(",,", ",accept,", 1), encoding="utf-8")
    edited = review.read_bytes()
    with pytest.raises(IngestError, match="already exists .*--force"):
        ingest_document(EXAMPLE, data_dir=data_copy, review_path=review, **ARGS)
    assert review.read_bytes() == edited
    ingest_document(EXAMPLE, data_dir=data_copy, review_path=review, force=True, **ARGS)
    assert review.read_bytes() != edited


def test_review_then_merge_then_rerun_adds_nothing_twice(data_copy, tmp_path):
    review_path, props = ingest_document(EXAMPLE, data_dir=data_copy, review_path=tmp_path / "review.csv", **ARGS)
    review = pd.read_csv(review_path, dtype=str, keep_default_na=False)
    before = snapshot(data_copy)
    with pytest.raises(ReviewError, match=r"row\(s\) 1, 2, 3, 4, 5, 6 have no decision"):
        merge_review(review_path, data_dir=data_copy)
    assert snapshot(data_copy) == before
    review["decision"] = "accept"
    review.loc[0, "decision"] = "drop"
    review.loc[1, "decision"] = "fix"
    review.loc[1, "goal_id"] = "protect"
    review.loc[1, "area_id"] = "homicide-reduction"
    review.to_csv(review_path, index=False)
    counts = merge_review(review_path, data_dir=data_copy)
    followup = pd.read_csv(review_path.with_name(review_path.stem + ".followup.csv"), dtype=str, keep_default_na=False)
    assert counts == {
        "added": len(review) - 1,
        "skipped": 0,
        "dropped": 1,
        "document": "added",
        "version": release_after(1),
        "links": 0,
        "statuses": 0,
        "undecided": len(followup),
        "data_dir": data_copy,  # the folder it changed, named
        "ids": [f"ILL24-{n:02d}" for n in range(1, len(review))],
    }
    ds = dialoguelib.load(data_copy)
    # a new release: version bumped, digest recorded, changelog entry naming the document and each row
    assert ds.release.version == release_after(1) and not ds.release.modified
    log = (data_copy / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = log.split("\n## ")[1]
    assert newest.startswith(f"{release_after(1)} (") and ds.release.digest in newest and "`illustrative-2024-01-01`" in newest
    assert newest.count("Added commitment `ILL24-") == len(review) - 1 and f"\n## {release_after(0)} (" in log
    doc = ds.documents.set_index("document_id").loc["illustrative-2024-01-01"]
    assert doc["sha256"] == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() and doc["code"] == "ILL24"
    assert (data_copy / "raw" / EXAMPLE.name).read_bytes() == EXAMPLE.read_bytes()
    new = ds.by_document("ILL24").tidy
    assert list(new["commitment_id"])[:2] == ["ILL24-01", "ILL24-02"]
    assert new.iloc[0]["goal_id"] == "protect"
    after = snapshot(data_copy)
    assert merge_review(review_path, data_dir=data_copy) == {
        "added": 0,
        "skipped": len(review) - 1,
        "dropped": 1,
        "document": "present",
        "links": 0,
        "statuses": 0,
        "undecided": len(followup),
        "data_dir": data_copy,
        "ids": [],
    }
    assert snapshot(data_copy) == after


def test_merge_refuses_invalid_rows_and_changes_nothing(data_copy, tmp_path):
    review_path, _ = ingest_document(EXAMPLE, data_dir=data_copy, review_path=tmp_path / "review.csv", **ARGS)
    review = pd.read_csv(review_path, dtype=str, keep_default_na=False)
    review["decision"] = "accept"
    review.loc[2, "goal_id"] = "peace"
    review.to_csv(review_path, index=False)
    before = snapshot(data_copy)
    with pytest.raises(
        dialoguelib.DataValidationError, match=r"review.csv, row 3 \(proposal_id='P003'\), field 'goal_id': unknown goal 'peace'"
    ):
        merge_review(review_path, data_dir=data_copy)
    assert snapshot(data_copy) == before


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("Les États-Unis et le Mexique s'engagent.".encode("latin-1"), "not valid UTF-8 at byte 4"),
    ],
)
def test_bad_statement_files(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        read_statement(bad)


def test_a_text_that_ends_mid_word_gives_its_last_sentence(ds):
    text = "Joint Statement\n\nBoth governments pledge to train prosecutors. The two delegations will expand the exch"
    p = propose(ds, text, "x", language="en")
    assert p["quote"].tolist() == ["Both governments pledge to train prosecutors.", "The two delegations will expand the exch"]


def test_a_sentence_of_5000_characters_is_one_proposal_with_exact_offsets(ds):
    body = ", ".join(f"strengthen the inspection of cargo at port {i}" for i in range(110))
    sentence = f"Both governments commit to {body}."
    assert len(sentence) > 5000
    p = propose(ds, "Joint Statement\n\n" + sentence + "\n", "x", language="en")
    assert p["quote"].tolist() == [sentence] and p["start"].iloc[0] == len("Joint Statement\n\n")


def test_a_list_of_500_items_under_one_lead_in_reads_each_sentence_once(ds, monkeypatch):
    import importlib

    module = importlib.import_module("dialoguelib.ingest.propose")
    calls = []
    real = module._modalities
    monkeypatch.setattr(module, "_modalities", lambda text, language=None: calls.append(1) or real(text, language))
    items = "".join(f"- Expand the tracing of firearms seized in state number {i}\n" for i in range(500))
    p = propose(ds, "Joint Statement\n\nBoth governments committed to:\n\n" + items, "x", language="en")
    assert len(p) == 500 and (p["modality"] == "commit").all()
    assert len(calls) == 502  # one reading per sentence (heading, lead-in, items): the time grows with the list, no more


def test_a_statement_in_which_every_line_is_a_heading_gives_no_proposal(ds):
    text = "".join(f"Section {i}: Security Cooperation Will Advance Across North America\n\n" for i in range(50))
    text += "GOAL 2: PREVENT TRANSBORDER CRIME\n\nStrengthen Our Shared Border\n"
    assert len(propose(ds, text, "x", language="en")) == 0


def test_existing_document_id_or_code_is_refused(data_copy, tmp_path):
    with pytest.raises(IngestError, match="already exists"):
        ingest_document(EXAMPLE, data_dir=data_copy, **{**ARGS, "document_id": "joint-statement-2021-10-08"})
    with pytest.raises(IngestError, match="already used"):
        ingest_document(EXAMPLE, data_dir=data_copy, **{**ARGS, "code": "JS"})
    assert not (data_copy / "raw" / EXAMPLE.name).exists()


def test_cli_ingest_and_merge(data_copy, tmp_path, capsys):
    review = tmp_path / "r.csv"
    assert (
        cli.main(
            ingest_argv(
                data_copy, EXAMPLE, review, document_id=ARGS["document_id"], code="ILL24", date="2024-01-01", title="Illustrative"
            )
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "6 proposals for illustrative-2024-01-01 (ILL24, English) written to" in out and "New actor candidates" in out
    df = pd.read_csv(review, dtype=str, keep_default_na=False)
    df["decision"] = "accept"
    df.to_csv(review, index=False)
    assert cli.main(["--data-dir", str(data_copy), "merge", str(review)]) == 0
    assert f"Merged: the document added, {len(df)} added" in capsys.readouterr().out
    empty = tmp_path / "empty.txt"
    empty.write_text("Nothing is promised here.\n")
    assert (
        cli.main(
            ingest_argv(
                data_copy, empty, tmp_path / "e.csv", document_id="empty-doc", code="EMP", date="2024-02-02", title="Empty"
            )
        )
        == 0
    )
    assert "0 proposals for empty-doc (EMP, English) written" in capsys.readouterr().out
