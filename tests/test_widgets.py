"""Explorers: controls update the figures and the table in place."""

import html
import zipfile

import pandas as pd
import pytest

from dialoguelib import render, widgets


def _table(explorer) -> str:
    """The explorer's interactive table as the text of its cells (HTML, escaped), row by row."""
    return "\n".join(" | ".join(map(str, row)) for row in explorer.table.df.itertuples(index=False))


def _titles(explorer):
    return [f["layout"]["title"]["text"] for f in explorer.figures()]


def test_goal_dropdown_updates_figures_and_table(ds):
    e = widgets.goal_explorer(ds, goal="protect")
    before_titles, before_table = _titles(e), _table(e)
    e.controls["goal"].value = "pursue"
    assert len(e.selection) == len(ds.by_goal("pursue"))
    assert all(t.startswith("Pursue criminal networks") for t in _titles(e)) and _titles(e) != before_titles
    assert _table(e) != before_table and "JS-47" in _table(e) and "JS-32" not in _table(e)


def test_filters_compose_in_the_panel(ds):
    e = widgets.goal_explorer(ds, goal="prevent")
    e.set(document=("joint-statement-2021-10-08",), modality=("affirm",), text="firearms")
    assert list(e.selection.tidy.commitment_id) == list(
        ds.filter(goal="prevent", document="JS", modality="affirm", text="firearms").tidy.commitment_id
    )
    assert "<b>2 commitments</b>" in e.headline.outputs[0]["data"]["text/html"]


def test_actor_combobox_accepts_acronyms_and_reports_unknown_names(ds):
    e = widgets.actor_explorer(ds, actor="DEA")
    e.controls["actor"].value = "SAMHSA"
    assert list(e.selection.tidy.commitment_id) == ["JS-34"]
    assert "Substance Abuse" in _titles(e)[0]
    e.controls["actor"].value = "SAMSHA"
    assert "No actor matches &#x27;SAMSHA&#x27;. Did you mean" in e.status.value and "SAMHSA" in e.status.value
    assert "Valid values" not in e.status.value and e.status.value.count("(") <= 3  # one line, not every valid id
    assert list(e.selection.tidy.commitment_id) == ["JS-34"]  # the last good selection stays


def test_reset_puts_every_control_back_and_the_panel_is_marked_live(ds):
    e = widgets.goal_explorer(ds, goal="protect")
    e.set(goal="pursue", text="financiers")
    assert len(e.selection) < 27
    e.reset_button.click()
    assert e.values() == e.initial and len(e.selection) == 27
    assert "dlx-live-panel" in e.widget._dom_classes and "Live panel" in e.widget.children[0].value


def test_actor_role_filter(ds):
    e = widgets.actor_explorer(ds, actor="TCOs")
    e.set(role=("target",))
    assert len(e.selection) == len(ds.by_actor("tco", role="target"))


def test_area_explorer_shows_the_objective(ds):
    e = widgets.area_explorer(ds, area="extraditions")
    assert "Increase bilateral cooperation to facilitate the extradition" in e.extra.value
    e.controls["area"].value = "arms-trafficking"
    assert "Increase binational efforts to reduce illicit arms trafficking" in e.extra.value


def test_source_reader_highlights_the_selection(ds):
    e = widgets.source_reader(ds, document="JS")
    assert e.extra.value.count("<mark") == 54
    e.set(goal=("pursue",))
    assert e.extra.value.count('data-selected="1"') == len(ds.filter(document="JS", goal="pursue"))
    e.controls["source"].value = "fact-sheet-2021-10-08"
    assert e.extra.value.count("<mark") == 42


def test_overview_explorer_filters_by_text(ds):
    e = widgets.overview_explorer(ds)
    e.controls["text"].value = "memorandum"
    assert len(e.selection) == 2
    assert "JS-32" in _table(e) and _table(e).count('<mark class="dlx-hit">') == 2  # what matched, highlighted
    assert e.table._dt_args["buttons"][2]["extend"] == "csvHtml5" and e.table._dt_args["column_filters"] == "footer"
    assert "&lt;span" not in e.table._dt_args["data_json"] and '<span class=\\"dlx-id\\">JS-32' in e.table._dt_args["data_json"]
    e.controls["text"].value = "arms"
    assert "harms" not in _table(e) and '<mark class="dlx-hit">arms</mark>' in _table(e)
    # its files are named as a report table's, with the data's release, and the CSV carries a BOM for Excel
    csv, excel = e.table._dt_args["buttons"][2:4]
    assert csv["filename"] == excel["filename"] == f"commitments-data-{ds.release.version}" and csv["bom"] is True


def test_table_caps_rows_and_escapes(ds):
    html = render.commitments_table_html(ds, max_rows=5)
    assert html.count("<tr>") == 6 and "Showing the first 5 of 96" in html
    assert "Mexico’s" in render.commitments_table_html(ds.by_actor("national-search-commission"))


def test_headline_counts_agree_in_number(ds):
    one = render.headline(ds.by_actor("cyber-working-group"), "the cyber working group")
    assert one.startswith('<p class="dlx-headline"><b>1 commitment</b> in scope')
    assert "1 concrete action, 0 objectives, 0 principles" in one and "; 1 actor involved" in one
    assert render.headline(ds, "all").startswith('<p class="dlx-headline"><b>96 commitments</b>')


def test_several_choices_are_checkboxes_that_act_as_one_value(ds):
    from dialoguelib.widgets.controls import CheckboxGroup

    e = widgets.overview_explorer(ds)
    modality = e.controls["modality"]
    assert isinstance(modality, CheckboxGroup) and isinstance(e.controls["document"], CheckboxGroup)
    assert len(modality.boxes) == len(modality.options) >= 8  # every choice shown, none behind a scroll
    n = len(e.selection)
    modality.boxes[[v for _, v in modality.options].index("pledge")].value = True  # a click on one box
    assert modality.value == ("pledge",) and len(e.selection) == len(ds.filter(modality=["pledge"])) < n
    e.set(modality=("commit", "pledge"))  # set from code: the boxes follow, in the options' order
    assert [b.description for b in modality.boxes if b.value] == [
        label for label, v in modality.options if v in ("commit", "pledge")
    ]
    e.reset()
    assert modality.value == () and not any(b.value for b in modality.boxes) and len(e.selection) == n
    with pytest.raises(Exception, match="not one of the choices"):
        modality.value = ("promise",)


def test_a_large_selection_fills_the_table_with_its_first_rows_and_a_note_that_says_how_to_get_the_rest(
    ds, monkeypatch, tmp_path
):
    from dialoguelib.widgets import explorer

    monkeypatch.setattr(explorer, "TABLE_MAX_ROWS", 5)
    e = widgets.goal_explorer(ds, goal="protect")
    sel = ds.by_goal("protect")
    assert len(e.selection) == len(sel) > 5
    # the table holds the selection's first five rows, in the data's order, and only those
    shown = [c.split(">")[1].split("<")[0] for c in e.table.df["id"]]
    assert shown == list(sel.tidy.commitment_id[:5])
    note = e.table_note.value
    assert f"The first 5 of {len(sel)} commitments" in note
    # the note's line of code gives the whole selection
    code = note.split("<code>")[1].split("</code>")[0]
    call = html.unescape(code)
    assert call.endswith('.export("csv", "commitments.zip")')
    again = eval(call.removesuffix('.export("csv", "commitments.zip")'), {"ds": ds})
    assert list(again.tidy.commitment_id) == list(e.selection.tidy.commitment_id)
    # and runs as written on any install (csv needs no extra), saving every row of the selection
    out = tmp_path / "commitments.zip"
    eval(call.replace('"commitments.zip"', repr(str(out))), {"ds": ds})
    with zipfile.ZipFile(out) as z:
        table = next(n for n in z.namelist() if n.endswith("/commitments.csv"))
        saved = pd.read_csv(z.open(table), encoding="utf-8-sig")
    assert sorted(saved["commitment_id"]) == sorted(sel.tidy.commitment_id)
    # a selection that fits shows every row, with no note
    e.set(goal="pursue", text="money")
    assert len(e.table.df) == len(e.selection) == 2 and e.table_note.value == ""
    assert e.table.df["quote"].str.contains('<mark class="dlx-hit">money</mark>').all()
    e.set(goal="prevent", text="")
    assert len(e.table.df) == 5 and f"of {len(ds.by_goal('prevent'))} commitments" in e.table_note.value


def test_head_takes_the_first_rows_of_a_selection_in_the_datas_order(ds):
    sel = ds.filter(text="arms")
    assert len(sel) > 2
    assert list(sel.head(2).tidy.commitment_id) == list(sel.tidy.commitment_id[:2])
    assert sel.head(2).terms == sel.terms and sel.head(2).filters[-1] == "first 2"
    assert len(sel.head(1000)) == len(sel) and sel.head(1000).filters == sel.filters
    assert len(ds.head(0)) == 0
    for bad in (-1, 2.5, "3", True):
        with pytest.raises(ValueError, match=r"head: n must be a whole number of 0 or more, got "):
            ds.head(bad)
