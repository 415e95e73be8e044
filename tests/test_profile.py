"""How concrete, how new, how late: the specificity profile against the codebook's hand-checked rows, novelty,
overdue and stale under as_of on the illustrative record, the criterion filter and bad input."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import dialoguelib
from dialoguelib.errors import DateParameterError, UnknownValueError
from dialoguelib.query import profile

CODEBOOK = Path(__file__).resolve().parents[1] / "data" / "README.md"
NO = "—"


def _annotation() -> pd.DataFrame:
    """The hand-checked rows of the codebook (between its specificity markers)."""
    text = CODEBOOK.read_text(encoding="utf-8")
    block = text.split("<!-- specificity:start -->", 1)[1].split("<!-- specificity:end -->", 1)[0]
    lines = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    return pd.DataFrame(rows, columns=header).set_index("id")


@pytest.fixture(scope="module")
def ill(tmp_path_factory):
    from dialoguelib.curate.illustrative import illustrative_record

    return dialoguelib.load(illustrative_record(tmp_path_factory.mktemp("ill") / "data"))


def test_the_annotation_covers_at_least_thirty_rows_of_both_seeds(ds):
    notes = _annotation()
    assert len(notes) >= 30 and notes.index.is_unique
    assert {i.split("-")[0] for i in notes.index} == {"JS", "FS"}
    assert set(notes.index) <= set(ds.commitments["commitment_id"])
    assert list(notes.columns) == list(profile.CRITERIA)
    for c in profile.CRITERIA:  # every criterion is seen both ways
        assert (notes[c] == NO).any() and (notes[c] != NO).any(), c


@pytest.mark.parametrize("criterion", profile.CRITERIA)
def test_each_criterion_equals_the_hand_checked_rows(ds, criterion):
    notes = _annotation()
    computed = ds.specificity().set_index("commitment_id").loc[notes.index]
    differ = []
    for cid, cell in notes[criterion].items():
        said = cell != NO
        got = bool(computed.loc[cid, f"meets_{criterion}"])
        words = computed.loc[cid, f"{criterion}_words"]
        if said != got:
            differ.append(f"{cid}: annotated {'yes' if said else 'no'}, computed {'yes' if got else 'no'} ({words!r})")
        elif said and cell.casefold() not in words.casefold():
            differ.append(f"{cid}: annotated words {cell!r} are not in the computed words {words!r}")
        elif not said and words:
            differ.append(f"{cid}: no, but words {words!r}")
    assert differ == [], "\n".join(differ)


def test_the_rules_refuse_years_dates_ordinals_and_vague_plurals():
    assert profile._target_words("to process over 80,000 seized weapons in Mexico.") == "80,000 seized weapons"
    assert profile._target_words("expand the Network to ten more municipalities.") == "ten more municipalities"
    assert profile._target_words("reduce homicides by 30 percent by 2024") == "30 percent by 2024"
    assert profile._target_words("3. Capacitar a 500 policías estatales.") == "500 policías estatales"
    for text in [
        "convening our working group by 2022",
        "such as the October 6 designation",
        "the threats of the 21st century",
        "help solve the thousands of cases",
        "the impacts of COVID-19 on G7 members",
        "under Goal 3 of the framework",
        "reunión del 6 de octubre",
        # a list item's or an agreement's own number
        "1. Ampliar el rastreo de armas aseguradas a todas las fiscalías estatales.",
        "2) Instalar un laboratorio binacional de balística.",
        "Objective 2.1: Strengthen oversight and container control at the ports of entry.",
        "ACUERDO 3.5. El CNIH habrá de incorporar los perfiles que remita la contraparte.",
    ]:
        assert profile._target_words(text) == "", text
    assert profile._delivery_words("the Network plans to consider creating Task Forces", ["task-force"]) == ""
    assert profile._delivery_words("commit to stand up two additional ballistics labs to process", ["lab"]) == (
        "stand up two additional ballistics labs"
    )


def test_a_commitment_with_a_number_is_an_output_and_the_profile_is_its_own_for_every_row(ds):
    p = ds.specificity()
    assert len(p) == len(ds) and list(p.commitment_id) == list(ds.commitments.commitment_id)
    assert (p.criteria_met == p[[f"meets_{c}" for c in profile.CRITERIA]].sum(axis=1)).all()
    assert (p.meets_output >= p.meets_target).all()  # a measurable target is something to report done
    assert not (p.meets_output & ~p.meets_instrument & ~p.meets_target).any()
    for c in profile.CRITERIA:  # a yes has its words, a no has none
        assert ((p[f"{c}_words"] != "") == p[f"meets_{c}"]).all(), c
    # a selection's profile is the whole's, restricted
    sel = ds.by_goal("protect")
    assert sel.specificity().equals(p[p.commitment_id.isin(sel.tidy.commitment_id)].reset_index(drop=True))


def test_shares_by_goal_and_area_count_the_profile(ds):
    p = ds.specificity().assign(goal=ds.tidy.goal.astype(str).to_numpy())
    shares = ds.specificity_shares("goal")
    for goal, part in p.groupby("goal"):
        assert shares.loc[goal, "commitments"] == len(part)
        for c in profile.CRITERIA:
            assert shares.loc[goal, c] == part[f"meets_{c}"].sum()
            assert shares.loc[goal, f"{c}_share"] == pytest.approx(part[f"meets_{c}"].mean())
    by_area = ds.specificity_shares("area")
    assert by_area["commitments"].sum() == len(ds) and by_area.index[-1] == "Goal level (no single area)"
    with pytest.raises(UnknownValueError, match="unknown grouping 'actor'.*'goal', 'area'"):
        ds.specificity_shares("actor")


def test_filter_by_criterion_keeps_the_commitments_meeting_every_one(ds):
    p = ds.specificity().set_index("commitment_id")
    both = ds.filter(meets=["output", "Who acts"])
    assert set(both.tidy.commitment_id) == set(p.index[p.meets_output & p.meets_who]) == {"FS-04", "JS-33", "JS-34", "JS-37"}
    assert len(ds.by_goal("pursue").filter(meets="output")) == 0
    assert "meets=output&who" in repr(both)
    with pytest.raises(UnknownValueError) as err:
        ds.filter(meets="concretness")
    assert "unknown criterion 'concretness'" in str(err.value)
    assert "'who', 'instrument', 'target', 'deadline', 'output'" in str(err.value)


def test_novelty_follows_the_lineage_links(ds, ill):
    assert set(ds.specificity().novelty) == {"new"}  # the shipped data has no links
    p = ill.specificity().set_index("commitment_id")
    assert p.loc["ILLFU-01", "novelty"] == "partly new" and p.loc["ILLFU-01", "novelty_words"] == "extends JS-35"
    assert p.loc["ILLFU-02", "novelty"] == "not new" and p.loc["ILLFU-02", "novelty_words"] == "restates JS-43"
    assert p.loc["ILLFU-03", "novelty"] == "not new" and p.loc["JS-35", "novelty"] == "new"
    assert p.loc["ILLFU-01", "meets_target"] and p.loc["ILLFU-01", "target_words"] == "ten more municipalities"
    # the record as of a day before the follow-up holds no link: the 2021 rows are new, as before
    assert set(ill.as_of("2022-06-30").specificity().novelty) == {"new"}


def test_overdue_follows_the_day_and_a_completion_recorded_by_then(ill):
    before = ill.overdue(as_of="2022-12-31").set_index("commitment_id")
    after = ill.overdue(as_of="2023-01-01").set_index("commitment_id")
    assert not before.overdue.any()
    assert list(after.index[after.overdue]) == ["JS-46"]
    row = after.loc["JS-46"]
    assert row.deadline == pd.Timestamp("2022-12-31") and row.deadline_words == "by 2022" and row.status == "In progress"
    assert row.state == "Overdue"
    # the same on the record cut at that day, and a selection answers for its own rows only
    assert list(ill.as_of("2023-01-01").overdue().query("overdue").commitment_id) == ["JS-46"]
    assert ill.by_goal("protect").overdue(as_of="2023-01-01").overdue.sum() == 0
    # a completion recorded by the day ends it; one recorded later does not count on that day
    assert ill.overdue(as_of="2023-01-01").shape[0] == len(ill)  # the follow-up statement is dated 2022-10-20


def test_stale_counts_months_since_the_latest_evidence(ill):
    def state(day, cid, months=12):
        return ill.overdue(as_of=day, months=months).set_index("commitment_id").loc[cid]

    # JS-32: in progress as of 2022-03-01, stalled as of 2023-06-30 (recorded 2023-07-01)
    assert not state("2023-02-28", "JS-32").stale and state("2023-03-02", "JS-32").stale
    assert not state("2024-06-30", "JS-32").stale and state("2024-07-01", "JS-32").stale
    assert state("2023-03-02", "JS-32", months=24).stale == np.False_
    # JS-35: completed as of 2022-10-20 (recorded 2022-10-21), corrected to partial (recorded 2023-01-10)
    assert state("2022-12-01", "JS-35").state == "Completed" and state("2023-01-10", "JS-35").state == "Up to date"
    assert state("2023-10-20", "JS-35").status == "Partly done" and not state("2023-10-20", "JS-35").stale
    assert state("2023-10-21", "JS-35").stale and state("2023-10-21", "JS-35").state == "Stale"
    # never assessed: counts from its document's date
    assert state("2022-10-08", "JS-01").state == "Not assessed" and state("2022-10-09", "JS-01").state == "Stale"
    assert state("2022-10-20", "ILLFU-01").state == "Not assessed"


def test_states_over_time_partition_the_commitments_alive_on_each_day(ill):
    over = ill.overdue_over_time()
    totals = over.groupby("date")["n"].sum()
    for day, n in totals.items():
        assert n == len(ill.overdue(as_of=day))
    table = over.pivot(index="date", columns="state", values="n")
    assert table.loc[pd.Timestamp("2023-01-01"), "Overdue"] == 1 and table.loc[pd.Timestamp("2022-12-31"), "Overdue"] == 0
    assert list(table.columns) == list(profile.STATES)


def test_bad_days_and_months_are_refused_with_the_format(ds, ill):
    with pytest.raises(DateParameterError, match=r"as_of '31/12/2022': not a date in the form YYYY-MM-DD"):
        ds.overdue(as_of="31/12/2022")
    with pytest.raises(DateParameterError, match="before the first document"):
        ds.overdue(as_of="2020-01-01")
    with pytest.raises(DateParameterError, match=r"after the day this record stands as of \(2022-06-30\)"):
        ill.as_of("2022-06-30").overdue(as_of="2023-01-01")
    for bad in (0, -3, 1.5, "12", True):
        with pytest.raises(DateParameterError, match="months"):
            ds.overdue(as_of="2023-01-01", months=bad)


def test_the_profile_is_computed_once_per_record(ds):
    first = ds.specificity()
    assert ds._memo["profile"] is profile._profile(ds)
    assert ds.specificity().equals(first)
    later = ds.as_of("2021-10-08")
    assert later.specificity().equals(first)  # cut from the full record's, not computed again
    assert re.fullmatch(r"\d+", str(int(first.criteria_met.sum())))


def test_a_deadline_falls_in_the_month_its_timing_names_in_english_and_spanish():
    named = {
        "by March 2023": 3,
        "antes de junio de 2027": 6,
        "para septiembre de 2025": 9,
        "antes de setiembre de 2025": 9,
        "antes de octubre de 2027": 10,
        "para noviembre de 2026": 11,
        "antes de diciembre de 2025": 12,
        "by 2022": 12,
    }
    assert {t: profile._month_of(t) for t in named} == named
