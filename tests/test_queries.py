"""Query helpers, their composition, summaries and name resolution."""

import re

import pytest

from dialoguelib import UnknownValueError, render
from dialoguelib.query import search


@pytest.mark.parametrize("name", ["pursue", "Pursue criminal networks", "PURSUE CRIMINAL NETWORKS", "3", "goal 3"])
def test_goal_accepts_id_name_and_number(ds, name):
    sel = ds.by_goal(name)
    assert len(sel) == 21 and set(sel.tidy["goal_id"].astype(str)) == {"pursue"}


@pytest.mark.parametrize("name", ["DEA", "dea", "Drug Enforcement Administration", "drug enforcement administration"])
def test_actor_accepts_acronym_and_name_in_any_case(ds, name):
    assert list(ds.by_actor(name).tidy["commitment_id"]) == ["JS-47"]


def test_actor_alias_as_written(ds):
    assert ds.resolve("actor", "President Andrés Manuel Lopez Obrador") == "andres-manuel-lopez-obrador"
    assert ds.resolve("actor", "andrés manuel lópez obrador") == "andres-manuel-lopez-obrador"


def test_actor_role_narrows_the_selection(ds):
    assert len(ds.by_actor("TCOs", role="target")) == 14
    assert len(ds.by_actor("TCOs", role="lead")) == 0
    assert list(ds.by_actor("SAMHSA", role="lead").tidy["commitment_id"]) == ["JS-34"]


def test_area_by_name(ds):
    sel = ds.by_area("Increase Cooperation on Extraditions")
    assert sorted(sel.tidy["commitment_id"]) == ["FS-42", "JS-42"]


@pytest.mark.parametrize(
    "name", ["JS", "joint-statement-2021-10-08", "Joint Statement: U.S.-Mexico High-Level Security Dialogue"]
)
def test_document_by_code_id_or_title(ds, name):
    assert len(ds.by_document(name)) == 54


def test_modality_party_tag(ds):
    assert len(ds.by_modality("intend")) == 4
    assert sorted(ds.by_party("MX").tidy["commitment_id"]) == ["JS-37"]
    assert len(ds.by_party("US")) == 2
    assert set(ds.by_tag("fentanyl").tidy["commitment_id"]) == {"JS-47", "JS-48"}


def test_instrument_filter(ds):
    wg = ds.filter(instrument="working-group")
    assert sorted(wg.tidy["commitment_id"]) == ["JS-46", "JS-50"]
    assert all("working group" in q for q in wg.tidy["quote"].str.replace("\n", " "))


def test_search_is_case_insensitive_and_spans_line_breaks(ds):
    # "precursor chemical regulation" is broken across lines in the raw text only if wrapped; both match
    assert list(ds.search("PRECURSOR chemical regulation").tidy["commitment_id"]) == ["JS-50"]
    assert list(ds.search("80,000 seized weapons").tidy["commitment_id"]) == ["JS-43"]


def test_filters_compose(ds):
    a = ds.by_goal("prevent").by_document("JS").by_modality("affirm")
    b = ds.filter(goal="prevent", document="JS", modality="affirm")
    assert list(a.tidy["commitment_id"]) == list(b.tidy["commitment_id"])
    assert len(a) == 5 and a.filters == ("goal=prevent", "document=joint-statement-2021-10-08", "modality=affirm")
    assert set(a.long["commitment_id"]) <= set(a.tidy["commitment_id"])


def test_list_values_match_any(ds):
    assert len(ds.filter(modality=["intend", "plan"])) == len(ds.by_modality("intend")) + len(ds.by_modality("plan"))


def test_counts_by_every_field(ds):
    for field in ["goal", "area", "actor", "document", "modality", "party", "kind", "instrument", "tag"]:
        c = ds.counts(field)
        assert list(c.columns) == [field, "n"] and (c["n"] > 0).any()
    assert ds.counts("goal")["n"].sum() == len(ds)
    assert ds.counts("area")["n"].sum() == ds.commitments["area_id"].notna().sum()
    assert ds.counts("document").set_index("document")["n"].to_dict() == {
        "Joint Statement: U.S.-Mexico High-Level Security Dialogue": 54,
        "FACT SHEET: U.S.-Mexico High-Level Security Dialogue": 42,
    }


def test_counts_by_area_lists_empty_areas_in_a_selection(ds):
    c = ds.by_actor("CJNG").counts("area")
    assert len(c) == 10 and c["n"].sum() == 1


def test_counts_by_actor_can_leave_out_the_two_governments(ds):
    c = ds.counts("actor", exclude_countries=True)
    assert "United States" not in set(c["actor"]) and c.iloc[0]["actor"] == "Transnational Criminal Organizations"


def test_actor_goal_matrix(ds):
    m = ds.actor_goal_matrix()
    assert list(m.columns) == list(ds.goals["name"])
    assert m.loc["Mexico"].sum() == len(ds.by_actor("Mexico"))
    assert m.index[0] == "United States"


def test_context_shows_the_source_around_a_quote(ds):
    p = ds.context("JS-37", chars=40)
    assert p.quote.startswith("To prevent transborder crime, Mexico intends")
    assert p.before.endswith("\n\n") and "[[" in str(p)
    assert ds.paragraph_text("JS", p.paragraph).startswith("To prevent transborder crime")


@pytest.mark.parametrize(
    "parameter,value,suggestion",
    [
        ("goal", "protekt", "Protect our people [protect]"),
        ("area", "extradition", "Increase Cooperation on Extraditions [extraditions]"),
        ("actor", "Treasury Dept", "U.S. Department of the Treasury [us-treasury]"),
        ("actor", "SAMSHA", "Substance Abuse and Mental Health Services Administration (SAMHSA) [samhsa]"),
    ],
)
def test_unknown_value_lists_close_matches(ds, parameter, value, suggestion):
    with pytest.raises(UnknownValueError) as info:
        ds.resolve(parameter, value)
    assert suggestion in info.value.suggestions
    assert f"unknown {parameter} {value!r}" in str(info.value)


def test_unknown_goal_lists_the_valid_ones(ds):
    with pytest.raises(ValueError, match="Valid values: 'protect', 'prevent', 'pursue', 'cross-cutting'"):
        ds.by_goal("peace")


def test_unknown_filter_name_is_refused(ds):
    with pytest.raises(UnknownValueError, match="unknown filter 'gaol'.*'goal'"):
        ds.filter(gaol="protect")


def test_tidy_has_one_row_per_commitment_and_actor_lists(ds):
    t = ds.tidy
    assert t["commitment_id"].is_unique and len(t) == 96
    row = t.set_index("commitment_id").loc["JS-47"]
    assert {"Office of Foreign Assets Control", "Drug Enforcement Administration"} <= set(row["actors"])
    assert row["lead_actors"] == ["United States", "Mexico"]
    assert len(ds.long) == len(ds.commitment_actors)


# ------------------------------------------------------------------ search by words
@pytest.mark.parametrize(
    ("query", "must", "must_not"),
    [
        ("arms", {"JS-38", "FS-21"}, {"JS-32", "FS-11"}),  # "harms" is not "arms"
        ("ARMS", {"JS-38"}, {"JS-32"}),
        ('"working group"', {"JS-46", "JS-50"}, set()),
        ("méxico", {"FS-01"}, set()),
        ("labs ballistics", {"JS-43"}, set()),
    ],
)
def test_search_matches_whole_words_and_phrases_whatever_the_case_and_accents(ds, query, must, must_not):
    found = set(ds.search(query).tidy["commitment_id"])
    assert must <= found and not (must_not & found)
    for q in ds.search(query).tidy["quote"]:
        assert search.matches_all(search.fold(" ".join(q.split())), search.terms(query))


def test_search_agrees_with_plain_python_at_scale(ds):
    for query in ["arms", "to", "working group", '"human smuggling"', "mexico cooperation"]:
        terms = search.terms(query)
        expected = [
            cid
            for cid, q in zip(ds.tidy["commitment_id"], ds.tidy["quote"])
            if search.matches_all(search.fold(" ".join(q.split())), terms)
        ]
        assert list(ds.search(query).tidy["commitment_id"]) == expected, query
        # a small selection's quotes are tested one by one, not scanned joined: the same answer
        few = ds.by_actor("DEA")
        assert list(few.search(query).tidy["commitment_id"]) == [c for c in expected if c in set(few.tidy["commitment_id"])]


def test_a_terms_pattern_finds_what_the_plain_rule_finds(ds):
    # the rule written out: the term's words, any white space between them, no letter or digit just before or after
    def plain(term):
        return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in term.split()) + r"(?!\w)")

    texts = [search.fold(q) for q in ds.raw_texts.values()] + ["harms arms farms_arms arms_ 2arms árms o'brien's o'brien"]
    for term in ["arms", "working group", "o'brien", "mexico", "a", "de", "u.s.", "2021", "human  smuggling", "s"]:
        for text in texts:
            expected = [m.span() for m in plain(term).finditer(text)]
            assert [m.span() for m in search.term_pattern(term).finditer(text)] == expected, term


def test_folding_with_the_map_back_is_folding_each_character(ds):
    def each(text):  # the rule written out: each character folded, and where each folded character comes from
        folded = [search.fold_char(ch) for ch in text]
        return "".join(folded), [i for i, f in enumerate(folded) for _ in f]

    texts = [*ds.raw_texts.values(), "Straße ﬁnal é\u0301 İstanbul ’x’", "ÀÉÎõü ñ", "plain", ""]
    for text in texts:
        assert search.fold_with_map(text) == each(text)
    assert search.match_spans("İstanbul’s Straße: ARMS", search.terms("arms")) == [(19, 23)]


def test_matches_are_highlighted_in_tables_and_the_source_and_bold_is_shown_as_bold(ds):
    sel = ds.search("ARMS")
    table = render.commitments_table_html(sel)
    assert table.count('<mark class="dlx-hit">arms</mark>') == 4 and "harms" not in table
    source = render.source_html(ds, "JS", selection=sel)
    assert source.count('<mark class="dlx-hit">') >= 2 and "harms" in source
    assert '<mark class="dlx-hit">harms' not in source and "h<mark" not in source
    cards = render.commitment_cards(ds.by_goal("protect"))
    assert "<b>Protect our people</b> by investing" in cards and "**Protect" not in cards
    assert ds.tidy.set_index("commitment_id").loc["JS-22", "quote"].startswith("**Protect our people**")  # stored verbatim


def _shown_one_character_at_a_time(text, terms):
    """The plain rule of render.quotes.quote_html: every character's state (a bold marker, bold, matched), then each
    run of shown characters in one state escaped and wrapped."""
    import html

    n = len(text)
    hidden, bold, hit = [False] * n, [False] * n, [False] * n
    for m in re.finditer(r"\*\*(.+?)\*\*", text, re.DOTALL):
        for k in (*range(m.start(), m.start() + 2), *range(m.end() - 2, m.end())):
            hidden[k] = True
        for k in range(m.start(1), m.end(1)):
            bold[k] = True
    for s, e in search.match_spans(text, list(terms)):
        for k in range(s, e):
            hit[k] = True
    out, i = [], 0
    while i < n:
        if hidden[i]:
            i += 1
            continue
        j = i
        while j < n and not hidden[j] and (bold[j], hit[j]) == (bold[i], hit[i]):
            j += 1
        piece = html.escape(text[i:j], quote=True)
        piece = f'<mark class="dlx-hit">{piece}</mark>' if hit[i] else piece
        out.append(f"<b>{piece}</b>" if bold[i] else piece)
        i = j
    return "".join(out)


def test_a_quote_is_shown_as_the_plain_rule_shows_it_character_by_character(ds):
    import random

    from dialoguelib.render.quotes import quote_html

    rng = random.Random(7)
    pieces = "arms firearms working group the and ** **arms group** ß İ & < \n".split(" ")
    texts = [*ds.commitments["quote"].astype(str), *ds.raw_texts.values(), "", "****", "x**arms**y", "abc **def"]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    shown = 0
    for query in ("", "arms", '"working group"', "the and", "strasse", "istanbul"):
        terms = search.terms(query) if query else []
        for text in texts:
            html = quote_html(text, terms)
            assert html == _shown_one_character_at_a_time(text, terms), (query, text[:80])
            shown += html.count("<mark") + html.count("<b>")
    assert shown > 1000  # the texts hold many marks and bold runs, not only plain text


def test_the_source_reader_starts_at_the_text_not_its_metadata_header(ds):
    text = ds.raw_texts["joint-statement-2021-10-08"]
    assert text.startswith("---\n")
    shown = render.source_html(ds, "JS")
    assert "title:" not in shown.split('padding:10px">', 1)[1][:200]


def test_the_rows_validation_found_for_each_key_are_the_rows_the_codes_would_look_up(tmp_path):
    """load() keeps the row each link, ledger and lineage row refers to, as the foreign-key check found it; the codes
    start from those rows. They equal a lookup in the typed tables, also when the file lists the commitments out of
    order (load puts them in order), and a record as of a day looks its own up."""
    import dataclasses

    import numpy as np

    import dialoguelib
    from conftest import read_table, write_table
    from dialoguelib.curate.illustrative import illustrative_record
    from dialoguelib.query.codes import positions
    from dialoguelib.query.dataset import Dataset

    folder = illustrative_record(tmp_path / "data")
    write_table(folder, "commitments", read_table(folder, "commitments").iloc[::-1])
    ds = dialoguelib.load(folder)
    assert len(ds.status_updates) and len(ds.commitment_links)
    assert {k: len(v) for k, v in ds.tables.references.items()} == {
        ("commitment_actors", "commitment_id"): len(ds.commitment_actors),
        ("commitment_actors", "actor_id"): len(ds.commitment_actors),
        ("status_updates", "commitment_id"): len(ds.status_updates),
        ("commitment_links", "later_id"): len(ds.commitment_links),
        ("commitment_links", "earlier_id"): len(ds.commitment_links),
    }
    plain = Dataset(dataclasses.replace(ds.tables, references={}), folder)  # the same record, every row looked up
    ids = ds.commitments["commitment_id"]
    for record in (ds, ds.as_of("2022-06-30")):
        expected = {
            "link_row": positions(record.commitment_actors["commitment_id"], ids),
            "status_row": positions(record.status_updates["commitment_id"], ids),
            "later_row": positions(record.commitment_links["later_id"], ids),
            "earlier_row": positions(record.commitment_links["earlier_id"], ids),
        }
        for name, rows in expected.items():
            assert np.array_equal(getattr(record.codes, name), rows), name
            assert (rows >= 0).all() and (name != "link_row" or len(np.unique(rows)) > 1)
        actors = positions(record.commitment_actors["actor_id"], ds.actors["actor_id"])
        assert np.array_equal(record.codes.links["actor"], actors)
    # and every answer built on them is the same
    for fn in (lambda d: d.specificity(), lambda d: d.overdue(as_of="2024-06-30"), lambda d: d.status(), lambda d: d.tidy):
        assert fn(ds).equals(fn(plain))
    assert ds.by_actor("DEA").tidy.equals(plain.by_actor("DEA").tidy)


def test_a_selection_of_everything_shares_the_whole_datas_columns_until_one_is_changed(tmp_path):
    import dialoguelib

    ds = dialoguelib.load()  # a record of its own: the session's is shared
    everything = ds.filter()
    assert len(everything) == len(ds) and everything.tidy.equals(ds.tidy) and everything.long.equals(ds.long)
    first = ds.tidy["quote"].iloc[0]
    t = everything.tidy
    t.loc[t.index[0], "quote"] = "changed"
    everything.commitments.loc[0, "quote"] = "changed"
    assert ds.tidy["quote"].iloc[0] == ds.commitments["quote"].iloc[0] == first != "changed"
