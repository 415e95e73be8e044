"""The development set (evaluation/): every gold span is found in its statement with valid codes,
and the evaluation scores it per language."""

import pytest

import dialoguelib
from dialoguelib.ingest import propose
from evaluation import devset, devset_examples, ingest_eval


@pytest.fixture(scope="module")
def statements():
    return devset.load()


def test_every_gold_span_is_in_its_statement_with_valid_codes(statements):
    assert len(statements) >= 5 and {"en", "es"} <= {s.language for s in statements}
    for st in statements:
        assert st.meta["illustrative"] is True, f"{st.id}: the development set holds only texts the team wrote"
        assert st.commitments, st.id
        for g in st.commitments:
            assert st.text[g.start : g.end] == g.quote


def test_a_gold_quote_that_is_not_in_the_text_is_refused(tmp_path):
    root = tmp_path / "devset"
    (root / "gold").mkdir(parents=True)
    (root / "statements").mkdir()
    (root / "statements" / "x.txt").write_text("The two governments will share information.\n", encoding="utf-8")
    (root / "gold" / "x.json").write_text(
        '{"document": {"id": "x", "language": "en", "kind": "readout"}, "commitments": [{"quote": "will share data", '
        '"goal_id": "cross-cutting", "party": "both", "modality": "will", "kind": "action"}]}',
        encoding="utf-8",
    )
    with pytest.raises(devset.GoldError, match=r"x.json commitments\[0\]: quote not found"):
        devset.load(root)


def test_the_splits_are_tuned_or_fresh_and_a_fresh_statement_says_when_it_was_written(statements, tmp_path):
    assert {s.split for s in statements} <= {"tuned", "fresh"}
    for st in statements:
        if st.split == "fresh":
            assert len(st.meta["written"]) == 10, st.id
    root = tmp_path / "devset"
    (root / "gold").mkdir(parents=True)
    (root / "statements").mkdir()
    (root / "statements" / "x.txt").write_text("The two governments will share information.\n", encoding="utf-8")
    (root / "gold" / "x.json").write_text(
        '{"document": {"id": "x", "language": "en", "kind": "readout", "split": "new"}, "commitments": []}', encoding="utf-8"
    )
    with pytest.raises(devset.GoldError, match=r"x.json: split 'new' is not one of \['fresh', 'tuned'\]"):
        devset.load(root)


def test_spanish_commitments_are_proposed():
    ds = dialoguelib.load()
    text = "Ambos gobiernos se comprometen a fortalecer el intercambio de información. El clima fue templado."
    p = propose(ds, text, "x")
    assert p["quote"].tolist() == ["Ambos gobiernos se comprometen a fortalecer el intercambio de información."]
    assert p["modality"].tolist() == ["commit"]
    fut = propose(ds, "La FGR y la SSPC establecerán un protocolo conjunto de análisis balístico.", "x")
    assert len(fut) == 1 and fut["modality"].iloc[0] == "will" and fut["goal_id"].iloc[0] == "prevent"


def test_the_evaluation_scores_each_language(statements):
    statements = [s for s in statements if not ingest_eval.group_of(s).startswith("batch ")]  # a held-out batch: not here
    result = ingest_eval.evaluate_devset(statements=statements)
    assert set(result) == {s.language for s in statements}
    for lang, r in result.items():
        assert r["gold"] == sum(g.clear for s in statements if s.language == lang for g in s.commitments)
        assert 0 <= r["recall"] <= 1 and 0 <= r["precision"] <= 1
        assert len(r["missed"]) == r["gold"] - round(r["recall"] * r["gold"])
    assert "| recall |" in ingest_eval.markdown_devset(result)


def test_the_suggesters_team_examples_are_the_tuned_splits_gold_and_never_a_fresh_statements(statements):
    from dialoguelib.ingest.suggest import EXAMPLES

    assert EXAMPLES.read_text(encoding="utf-8") == devset_examples.render(devset_examples.rows(statements)), (
        "run python -m evaluation.devset_examples --write"
    )
    fresh = {s.id for s in statements if s.split == "fresh"}
    sources = {r["source"] for r in devset_examples.rows(statements)}
    assert sources and not sources & fresh


def test_a_statement_is_scored_without_its_own_rows_among_the_examples(ds):
    from dialoguelib.ingest import Suggester
    from dialoguelib.ingest.suggest import team_examples

    every = team_examples()
    one = every[0]
    source = next(r for r in devset_examples.rows() if r["text"] == one.text)["source"]
    without = team_examples(exclude={source})
    assert one.text not in {e.text for e in without} and 0 < len(without) < len(every)
    assert len(Suggester(ds).examples) - len(Suggester(ds, exclude_examples={source}).examples) == len(every) - len(without)


def test_a_fragment_is_a_proposal_with_no_verb_or_no_object():
    from evaluation.fragments import is_fragment

    assert is_fragment("Both countries committed to intensify")  # no object
    assert is_fragment("the exchange of information and ballistic data.")  # no verb ("the exchange": a noun)
    assert is_fragment("y profundizar", language="es")
    assert not is_fragment("widen the exchange of ballistic data")  # a part that inherits its subject
    assert not is_fragment("Ambos gobiernos acordaron fortalecer la cooperación.", language="es")
    assert not is_fragment("se busca incrementar las inspecciones", language="es")
    text = "Both governments committed to:\n\n- Ballistics laboratories in Sonora\n"
    assert not is_fragment("Ballistics laboratories in Sonora", text, text.index("Ballistics"))  # a list item inherits


def test_a_held_out_batch_is_scored_only_when_asked_and_then_apart(statements):
    groups = ingest_eval.by_split(statements)
    assert not any(g.startswith("batch ") for g in groups)
    assert all(ingest_eval.group_of(s) != "tuned" or s.meta.get("batch") not in ingest_eval.HELD_OUT_BATCHES for s in statements)
    held = ingest_eval.by_split(statements, held_out=True)
    batches = [g for g in held if g.startswith("batch ")]
    assert batches and all(s.meta["batch"] in ingest_eval.HELD_OUT_BATCHES for g in batches for s in held[g])


def test_the_calibration_is_an_isotonic_curve_of_the_tuned_split():
    from evaluation import calibrate

    knots = calibrate.isotonic([(0.1, 0), (0.2, 1), (0.3, 0), (0.4, 1), (0.5, 1)])
    assert [y for _x, y in knots] == sorted(y for _x, y in knots)
    rows = [line.split(",") for line in calibrate.OUT.read_text(encoding="utf-8").splitlines()[1:]]
    ys = [float(y) for _x, y in rows]
    assert len(rows) >= 3 and ys == sorted(ys) and 0 <= ys[0] and ys[-1] <= 1
