"""The shipped data: counts, quotes against the raw texts, completeness, schema."""

import csv
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import dialoguelib
from dialoguelib.query.dataset import PACKAGE_DATA

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


def _rows(name):
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _raw(document_id):
    doc = {r["document_id"]: r for r in _rows("documents")}[document_id]
    return (DATA / doc["raw_path"]).read_text(encoding="utf-8")


COMMITMENTS = _rows("commitments")


def test_package_data_is_the_repository_data_folder():
    assert PACKAGE_DATA.resolve() == DATA.resolve()


@pytest.mark.parametrize("row", COMMITMENTS, ids=[r["commitment_id"] for r in COMMITMENTS])
def test_quote_is_the_raw_text_at_its_offsets(row):
    text = _raw(row["document_id"])
    assert text[int(row["start"]) : int(row["end"])] == row["quote"]


@pytest.mark.parametrize("name", ["goals", "areas"])
def test_descriptions_are_the_raw_text_at_their_offsets(name):
    for row in _rows(name):
        assert _raw(row["document_id"])[int(row["start"]) : int(row["end"])] == row["description"], row


def test_raw_files_match_their_sha256():
    for row in _rows("documents"):
        assert hashlib.sha256((DATA / row["raw_path"]).read_bytes()).hexdigest() == row["sha256"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_raw_files_are_the_seeds_byte_for_byte():
    for seed in SEEDS.glob("*.txt"):
        assert (DATA / "raw" / seed.name).read_bytes() == seed.read_bytes()


def test_table_counts(ds):
    assert len(ds.documents) == 2
    assert int(ds.goals["is_framework_goal"].sum()) == 3
    assert len(ds.areas) == 10
    assert ds.areas.groupby("goal_id", observed=True).size().to_dict() == {"protect": 3, "prevent": 4, "pursue": 3}
    assert ds.commitments.groupby("document_id", observed=True).size().to_dict() == {
        "fact-sheet-2021-10-08": 42,
        "joint-statement-2021-10-08": 54,
    }
    assert len(ds.actors) == 25
    assert len(ds.commitment_actors) == 224


def test_goal_names_repair_the_scraped_headers(ds):
    # The scraped fact sheet lacks the GOAL 1 header and runs GOAL 2/3 headers into their first sentence.
    assert list(ds.goals["name"][:3]) == ["Protect our people", "Prevent transborder crime", "Pursue criminal networks"]
    assert ds.goals.set_index("goal_id").loc["prevent", "description"].startswith("The United States and Mexico seek")
    assert ds.goals.set_index("goal_id").loc["pursue", "description"].startswith("Disrupt TCO financial networks")


def test_every_area_bullet_is_covered_clause_by_clause(ds):
    """The fact sheet's area bullets are split into actions that together cover the bullet's text."""
    com = ds.commitments[ds.commitments["document_id"] == "fact-sheet-2021-10-08"]
    for area in ds.areas.itertuples():
        rows = com[com["area_id"] == area.area_id]
        assert len(rows) >= 1, area.area_id
        covered = sum(len(q) for q in rows["quote"])
        # whatever is left out is joining words and punctuation ("; and ", ", and ")
        assert area.end - area.start - covered < 12 * len(rows), area.area_id


LEXICON = r"\b(pledge|commit\w*|intend\w*|intent|plans?|affirm|seek|propose|will|need|must|continue)\b"

# Occurrences of the lexicon that head commitments recorded clause by clause elsewhere
# (data/README.md explains each). Each entry is text that must surround the match.
LEAD_INS = {
    "joint-statement-2021-10-08": [
        # The head of the three goal bullets; each bullet's clauses are rows JS-22..JS-30.
        "The United States and Mexico pledge to stand together to:",
    ],
}


@pytest.mark.parametrize("document_id", ["fact-sheet-2021-10-08", "joint-statement-2021-10-08"])
def test_every_commitment_verb_lies_inside_a_commitment(ds, document_id):
    """Completeness: each pledge/commit/intend/... in the text is inside some curated quote."""
    text = ds.raw_texts[document_id]
    com = ds.commitments[ds.commitments["document_id"] == document_id]
    spans = list(zip(com["start"], com["end"]))
    missing = []
    for m in re.finditer(LEXICON, text, flags=re.IGNORECASE):
        if any(s <= m.start() < e for s, e in spans):
            continue
        around = text[max(0, m.start() - 80) : m.end() + 80]
        if not any(lead in around for lead in LEAD_INS.get(document_id, [])):
            missing.append(text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " "))
    assert missing == []


SECOND_PASS = [json.loads(line) for line in (DATA / "second-pass" / "commitments.jsonl").read_text(encoding="utf-8").splitlines()]


def test_second_pass_quotes_are_the_raw_text_at_their_offsets():
    for row in SECOND_PASS:
        assert _raw(row["document_id"])[row["start"] : row["end"]] == row["quote"], row


@pytest.mark.parametrize("document_id", ["fact-sheet-2021-10-08", "joint-statement-2021-10-08"])
def test_independent_second_pass_finds_no_commitment_the_curated_rows_miss(ds, document_id):
    """A second curator coded both texts without seeing the tables (data/second-pass/README.md).

    Every commitment of that pass is mostly covered by curated rows (the curated rows split
    more finely), and every curated row overlaps a commitment of that pass.
    """
    com = ds.commitments[ds.commitments["document_id"] == document_id]
    curated = list(zip(com["commitment_id"], com["start"], com["end"]))
    second = [(r["start"], r["end"]) for r in SECOND_PASS if r["document_id"] == document_id]
    assert second
    uncovered = []
    for s, e in second:
        covered = sum(max(0, min(e, ce) - max(s, cs)) for _, cs, ce in curated)
        if covered < 0.5 * (e - s):
            uncovered.append(_raw(document_id)[s:e])
    assert uncovered == []
    unmatched = [cid for cid, cs, ce in curated if not any(min(e, ce) > max(s, cs) for s, e in second)]
    assert unmatched == []


def test_every_column_is_described():
    dp = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for res in dp["resources"]:
        header = next(csv.reader(open(DATA / res["path"], encoding="utf-8")))
        fields = [f["name"] for f in res["schema"]["fields"]]
        assert header == fields, res["name"]
        for f in res["schema"]["fields"]:
            assert f.get("description", "").strip(), (res["name"], f["name"])


def test_frictionless_validates_the_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_goals_and_areas_are_ordered_categoricals_in_framework_order(ds):
    assert isinstance(ds.tidy["goal"].dtype, pd.CategoricalDtype) and ds.tidy["goal"].dtype.ordered
    assert list(ds.tidy["goal"].cat.categories) == list(ds.goals["name"])
    assert list(ds.tidy["area_id"].cat.categories)[:3] == ["public-health", "safe-communities", "homicide-reduction"]
    assert ds.tidy["area"].dtype.ordered


def test_dates_are_datetimes(ds):
    assert pd.api.types.is_datetime64_any_dtype(ds.documents["date"])
    assert ds.documents["date"].dt.year.tolist() == [2021, 2021]


def test_unicode_round_trips(data_copy):
    ds = dialoguelib.load(data_copy)
    from dialoguelib.package.store import atomic_write, csv_bytes

    raw = pd.read_csv(data_copy / "actors.csv", dtype=str, keep_default_na=False)
    atomic_write(data_copy / "actors.csv", csv_bytes(raw))
    again = dialoguelib.load(data_copy)
    names = set(again.actors["name"])
    assert "Cartel de Jalisco Nueva Generación" in names and "Andrés Manuel López Obrador" in names
    assert ds.resolve("actor", "Mexico’s Financial Intelligence Unit") == "uif"
    assert "’" in again.tidy.set_index("commitment_id").loc["JS-54", "quote"]
    assert (data_copy / "actors.csv").read_bytes() == (Path(PACKAGE_DATA) / "actors.csv").read_bytes()
