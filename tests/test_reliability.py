"""evaluation/reliability.py: the agreement coefficients, the unit matching, and the codebook's block kept fresh."""

import json
import math
import shutil
from pathlib import Path

import pytest

from conftest import read_table, write_table

ROOT = Path(__file__).resolve().parents[1]
CODEBOOK = ROOT / "data" / "README.md"

from evaluation import reliability as rel  # noqa: E402


@pytest.fixture(scope="module")
def result():
    return rel.reliability()


# --- the codebook -----------------------------------------------------------------------------


def test_codebook_block_is_the_computed_markdown(result):
    block = rel.codebook_block(CODEBOOK.read_text(encoding="utf-8"))
    assert block == rel.markdown(result).strip("\n"), "run: python -m evaluation.reliability --write data/README.md"


def test_codebook_section_sits_before_left_out():
    text = CODEBOOK.read_text(encoding="utf-8")
    assert text.index("## Reliability") < text.index(rel.START) < text.index(rel.END) < text.index("## Left out, and why")


def test_check_passes_on_the_codebook_and_fails_on_a_stale_copy(tmp_path, capsys):
    assert rel.main(["--check", str(CODEBOOK)]) == 0
    stale = tmp_path / "README.md"
    stale.write_text(CODEBOOK.read_text(encoding="utf-8").replace("| 94.8% |", "| 99.9% |"), encoding="utf-8")
    capsys.readouterr()
    assert rel.main(["--check", str(stale)]) == 1
    err = capsys.readouterr().err
    assert "differ from the computed ones" in err and "99.9%" in err and "--write" in err
    assert rel.main(["--write", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == CODEBOOK.read_text(encoding="utf-8")
    assert not [p.name for p in tmp_path.iterdir() if p.name != "README.md"]  # no temporary file left
    assert rel.main(["--check", str(stale)]) == 0


def test_check_and_write_refuse_a_codebook_without_markers(tmp_path, capsys):
    bare = tmp_path / "README.md"
    bare.write_text("# Codebook\n", encoding="utf-8")
    assert rel.main(["--check", str(bare)]) == 1
    assert rel.main(["--write", str(bare)]) == 1
    assert rel.START in capsys.readouterr().err
    assert bare.read_text(encoding="utf-8") == "# Codebook\n"


def test_with_block_replaces_only_the_block():
    text = f"a\n{rel.START}\nold\n{rel.END}\nb\n"
    assert rel.with_block(text, "new\n") == f"a\n{rel.START}\nnew\n{rel.END}\nb\n"


# --- the numbers on the real data -------------------------------------------------------------


def test_real_data_units(result):
    u = result["units"]
    assert (u["second_pass"], u["curated"]) == (90, 96)
    assert u["second_pass_matched"] == 90 and u["curated_matched"] == 96 and u["f1"] == 1.0
    # the five passages data/second-pass/README.md lists as split by the curated rows
    assert u["splits"] == [
        ["FS-01", "FS-02", "FS-03"],
        ["FS-20", "FS-21"],
        ["FS-33", "FS-34"],
        ["JS-06", "JS-07"],
        ["JS-17", "JS-18"],
    ]
    assert u["one_to_one"] == 90 and u["f1_one_to_one"] == pytest.approx(2 * 90 / (90 + 96))
    assert u["merges"] == []


def test_real_data_codes(result):
    c = result["codes"]
    assert {f: v["n"] for f, v in c.items()} == {"goal_id": 96, "area_id": 96, "modality": 96, "party": 96}
    assert "JS-53" in c["goal_id"]["disagreements"] and c["area_id"]["disagreements"] == ["JS-53", "JS-54"]
    assert c["modality"]["disagreements"] == [] and c["party"]["kappa"] == 1.0


# --- perturbed copies: the numbers move ------------------------------------------------------


def test_changing_a_curated_modality_lowers_modality_agreement(data_copy, result):
    df = read_table(data_copy, "commitments")
    row = df["commitment_id"] == "JS-01"
    assert df.loc[row, "modality"].item() == "need"
    df.loc[row, "modality"] = "will"
    write_table(data_copy, "commitments", df)
    again = rel.reliability(data_copy)
    changed = again["codes"]["modality"]
    assert changed["disagreements"] == ["JS-01"]
    assert changed["agreement"] == pytest.approx(95 / 96)
    assert changed["kappa"] < result["codes"]["modality"]["kappa"]
    assert changed["alpha"] < result["codes"]["modality"]["alpha"]
    assert rel.markdown(again) != rel.markdown(result)


def _second_pass(folder):
    path = folder / "second-pass" / "commitments.jsonl"
    return path, [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write_second_pass(path, units):
    path.write_text("".join(json.dumps(u, ensure_ascii=False) + "\n" for u in units), encoding="utf-8")


def test_dropping_a_second_pass_unit_lowers_unit_agreement(data_copy, result):
    path, units = _second_pass(data_copy)
    dropped = next(
        u for u in units if " ".join(u["quote"].split()).startswith("We plan to share information to detect money laundering")
    )
    _write_second_pass(path, [u for u in units if u is not dropped])
    u = rel.reliability(data_copy)["units"]
    assert u["second_pass"] == 89 and u["curated_matched"] == 94  # JS-17 and JS-18 lose their unit
    assert u["share_curated_matched"] == pytest.approx(94 / 96) and u["f1"] < result["units"]["f1"]
    assert ["JS-17", "JS-18"] not in u["splits"]
    assert rel.reliability(data_copy)["codes"]["goal_id"]["n"] == 94


def test_recoding_a_second_pass_goal_lowers_goal_agreement(data_copy, result):
    path, units = _second_pass(data_copy)
    for u in units:
        if u["goal_id"] == "prevent" and u["area_id"] == "arms-trafficking":
            u["goal_id"] = "protect"
    _write_second_pass(path, units)
    goal = rel.reliability(data_copy)["codes"]["goal_id"]
    assert goal["agreement"] < result["codes"]["goal_id"]["agreement"]
    assert goal["kappa"] < result["codes"]["goal_id"]["kappa"] and goal["alpha"] < result["codes"]["goal_id"]["alpha"]


def test_a_second_pass_quote_off_its_offsets_is_refused(data_copy):
    path, units = _second_pass(data_copy)
    units[0]["start"] += 1
    _write_second_pass(path, units)
    with pytest.raises(ValueError, match="not the raw text"):
        rel.reliability(data_copy)


def test_check_fails_against_a_codebook_whose_data_changed(data_copy, capsys):
    path, units = _second_pass(data_copy)
    units[0]["party"] = "US"
    _write_second_pass(path, units)
    readme = data_copy / "README.md"
    shutil.copy(CODEBOOK, readme)
    assert rel.main(["--data-dir", str(data_copy), "--check", str(readme)]) == 1
    assert "| party | 96 | 100.0%" in capsys.readouterr().err


# --- unit matching ----------------------------------------------------------------------------


def test_matching_needs_half_of_the_shorter_span():
    assert rel.overlap((0, 10), (10, 20)) == 0
    assert rel.matches((0, 10), (5, 100))  # 5 of the shorter 10
    assert not rel.matches((0, 10), (6, 100))  # 4 of 10
    assert rel.matches((20, 30), (0, 1000))  # a clause inside a long passage
    assert not rel.matches((0, 0), (0, 10))


# --- the coefficients -------------------------------------------------------------------------


def test_perfect_agreement_is_one():
    a = ["x", "y", "z", "x", "y"]
    assert rel.percent_agreement(a, a) == 1.0
    assert rel.cohen_kappa(a, a) == 1.0
    assert rel.krippendorff_alpha_nominal(zip(a, a)) == 1.0


def test_kappa_of_the_textbook_two_by_two():
    # 50 cases: both yes 20, both no 15, A yes B no 5, A no B yes 10: po = .7, pe = .5, kappa = .4
    a = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    b = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    assert rel.percent_agreement(a, b) == pytest.approx(0.7)
    assert rel.cohen_kappa(a, b) == pytest.approx(0.4)


def test_alpha_of_krippendorffs_binary_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", A: two observers, binary data.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert round(rel.krippendorff_alpha_nominal(zip(a, b)), 3) == 0.095


def test_alpha_of_krippendorffs_four_coder_example_with_missing_values():
    # Krippendorff (2011), C: four observers, nominal values 1..5, missing data; alpha = 0.743.
    n = None
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert rel.krippendorff_alpha_nominal(zip(*coders)) == pytest.approx(0.743, abs=5e-4)


def test_alpha_of_two_complete_coders_is_scotts_pi_corrected_for_sample_size():
    a, b = ["x", "x", "y", "y", "z"], ["x", "y", "y", "y", "z"]
    n = 2 * len(a)
    pooled = {c: (a + b).count(c) / n for c in set(a + b)}
    po, pe = rel.percent_agreement(a, b), sum(p * p for p in pooled.values())
    # alpha = 1 - (n - 1) / n * (1 - po) / (1 - pe) (Krippendorff 2004, for two coders)
    assert rel.krippendorff_alpha_nominal(zip(a, b)) == pytest.approx(1 - (n - 1) / n * (1 - po) / (1 - pe))


def test_undefined_coefficients_are_nan():
    same = ["x", "x", "x"]
    assert math.isnan(rel.cohen_kappa(same, same))
    assert math.isnan(rel.krippendorff_alpha_nominal(zip(same, same)))
    assert math.isnan(rel.krippendorff_alpha_nominal([("x", None), (None, "y")]))  # no pairable unit
    assert math.isnan(rel.percent_agreement([], []))
    with pytest.raises(ValueError):
        rel.cohen_kappa(["x"], ["x", "y"])


def test_markdown_shows_nan_as_not_available(result):
    codes = {**result["codes"], "party": {**result["codes"]["party"], "kappa": math.nan}}
    assert "| party | 96 | 100.0% | n/a |" in rel.markdown({**result, "codes": codes})
