"""Data out: every format read back equals load()'s tables; selections, bad outputs, interrupted writes."""

import csv
import datetime
import io
import json
import sqlite3
import zipfile

import pandas as pd
import pytest

import dialoguelib
from conftest import read_table, write_table
from dialoguelib.cli import main
from dialoguelib.errors import OutputDirError, UnknownValueError
from dialoguelib.exports import FORMATS, export, frames

NAMES = ["documents", "goals", "areas", "actors", "commitments", "commitment_actors"]


def _lists_as_lists(df):
    out = df.copy()
    for c in frames.list_columns(df):
        out[c] = [list(v) for v in df[c]]
    return out


def _cells(df, empty_is_none=False):
    """Rows of plain values as the text formats hold them: lists '|'-joined, dates ISO, whole floats int, NA None."""

    def norm(v):
        if isinstance(v, list):
            return "|".join(v)
        if v is None or v is pd.NA or (isinstance(v, float) and v != v) or (empty_is_none and v == ""):
            return None
        if isinstance(v, (pd.Timestamp, datetime.date)):
            return f"{v:%Y-%m-%d}"
        if hasattr(v, "item"):
            v = v.item()
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return v

    return [list(df.columns)] + [[norm(v) for v in row] for row in df.astype(object).itertuples(index=False)]


@pytest.fixture(scope="module")
def ds():
    return dialoguelib.load()


def test_parquet_round_trip_keeps_every_dtype_and_duckdb_reads_it(ds, tmp_path):
    out = export(ds, "parquet", tmp_path / "pq").path
    for name in NAMES + ["tidy"]:
        back = pd.read_parquet(out / f"{name}.parquet")
        want = frames.tidy(ds) if name == "tidy" else getattr(ds, name).reset_index(drop=True)  # tidy: with the profile
        for c in want.select_dtypes("datetime").columns:  # days are DATE in Parquet: datetime.date in pandas
            assert back[c].map(type).isin([datetime.date, type(None)]).all(), (name, c)
            back[c] = pd.to_datetime(back[c]).astype(want[c].dtype)
        assert dict(back.dtypes) == dict(want.dtypes), name
        pd.testing.assert_frame_equal(_lists_as_lists(back), want, check_categorical=True)
        assert back.select_dtypes("category").columns.tolist() == want.select_dtypes("category").columns.tolist()
    for c in ("goal_id", "kind", "modality"):  # ordered categoricals stay ordered, with the library's order
        back = pd.read_parquet(out / "commitments.parquet")[c]
        assert back.cat.ordered and list(back.cat.categories) == list(ds.commitments[c].cat.categories)
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT commitment_id, quote, tags, deadline_year FROM '{out / 'commitments.parquet'}' ORDER BY commitment_id"
    ).fetchall()
    want = ds.commitments.sort_values("commitment_id")
    assert [r[0] for r in rows] == list(want["commitment_id"]) and [r[1] for r in rows] == list(want["quote"])
    assert [r[2] for r in rows] == [list(v) for v in want["tags"]]
    assert [r[3] for r in rows] == [None if pd.isna(v) else int(v) for v in want["deadline_year"]]
    meta = con.execute(
        f"SELECT value FROM parquet_kv_metadata('{out / 'tidy.parquet'}') WHERE key = 'dialoguelib:citation'"
    ).fetchone()
    assert meta[0].decode() == ds.citation


def test_sqlite_round_trip_keys_full_text_and_datasette_metadata(ds, tmp_path):
    r = export(ds, "sqlite", tmp_path / "dialogue.db")
    con = sqlite3.connect(r.path)
    for name in NAMES:
        back = pd.read_sql(f'SELECT * FROM "{name}"', con)
        table = frames.tables(ds)[name]
        for c in frames.list_columns(table):  # lists are JSON arrays in SQLite
            back[c] = [json.loads(v) for v in back[c]]
        if name == "goals":
            back["is_framework_goal"] = back["is_framework_goal"].astype(bool)
        assert _cells(back) == _cells(table), name
    types = {row[1]: row[2] for row in con.execute("PRAGMA table_info(commitments)")}
    assert types["start"] == "INTEGER" and types["quote"] == "TEXT" and types["deadline_year"] == "INTEGER"
    pk = [row[1] for row in con.execute("PRAGMA table_info(commitment_actors)") if row[5]]
    assert pk == ["commitment_id", "actor_id"]
    fks = {(row[2], row[3]) for row in con.execute("PRAGMA foreign_key_list(commitments)")}
    assert {("documents", "document_id"), ("goals", "goal_id"), ("areas", "area_id")} <= fks
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    hits = {
        row[0]
        for row in con.execute(
            "SELECT c.commitment_id FROM commitments_fts f JOIN commitments c ON c.rowid = f.rowid WHERE commitments_fts MATCH 'quote: firearms'"
        )
    }
    assert hits == set(ds.filter(text="firearms").commitments["commitment_id"])
    assert dict(con.execute("SELECT item, value FROM about"))["citation"] == ds.citation
    named = con.execute("SELECT goal, document FROM commitments_named WHERE commitment_id = 'JS-47'").fetchone()
    assert named == ("Pursue criminal networks", "JS")
    meta = json.loads(r.extra[0].read_text(encoding="utf-8"))
    table = meta["databases"]["dialogue"]["tables"]["commitments"]
    assert {"goal_id", "area_id", "modality", "party", "document_id"} <= set(table["facets"][:-1])
    assert table["fts_table"] == "commitments_fts" and meta["databases"]["dialogue"]["tables"]["goals"]["label_column"] == "name"
    assert table["columns"]["quote"].startswith("The commitment's words") and ds.citation in meta["description"]


def test_xlsx_sheets_read_back_and_are_formatted(ds, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = export(ds, "xlsx", tmp_path / "d.xlsx").path
    book = pd.read_excel(path, sheet_name=None)
    assert list(book) == list(__import__("dialoguelib.exports.excel", fromlist=["SHEETS"]).SHEETS)
    t = frames.tables(ds)
    for sheet, name in [
        ("documents", "documents"),
        ("goals", "goals"),
        ("areas", "areas"),
        ("actors", "actors"),
        ("commitment_table", "commitments"),
        ("commitment_actors", "commitment_actors"),
    ]:
        assert _cells(book[sheet], empty_is_none=True) == _cells(frames.flat(t[name]), empty_is_none=True), sheet
    tidy = book["commitments"]
    assert list(tidy["commitment_id"]) == list(ds.tidy["commitment_id"])
    js47 = tidy.set_index("commitment_id").loc["JS-47"]
    assert js47["goal"] == "Pursue criminal networks" and js47["actors"] == "; ".join(
        ds.tidy.set_index("commitment_id").loc["JS-47", "actors"]
    )
    about = dict(zip(book["about"]["item"], book["about"]["value"]))
    assert about["citation"] == ds.citation and about["version"] == ds.release.version and about["commitments"] == "96 of 96"
    dictionary = book["data dictionary"]
    assert len(dictionary) == sum(len(r["schema"]["fields"]) for r in ds.descriptor["resources"])
    wb = openpyxl.load_workbook(path)
    ws = wb["commitments"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold and ws.auto_filter.ref
    quote_col = next(c.column_letter for c in ws[1] if c.value == "quote")
    assert ws[f"{quote_col}2"].alignment.wrap_text and 20 < ws.column_dimensions[quote_col].width <= 72
    assert ws.cell(row=2, column=[c.value for c in ws[1]].index("date") + 1).is_date


def test_xlsx_text_that_looks_like_a_formula_stays_text(data_copy, tmp_path):
    actors = read_table(data_copy, "actors")
    actors.loc[actors["actor_id"] == "dea", "name"] = '=HYPERLINK("http://evil.example","click")'
    write_table(data_copy, "actors", actors)
    path = export(dialoguelib.load(data_copy), "xlsx", tmp_path / "x.xlsx").path
    with zipfile.ZipFile(path) as z:
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets and b"HYPERLINK" in sheets


def test_csv_bundle_loads_as_the_same_data_and_a_selection_as_its_rows(ds, tmp_path):
    path = export(ds, "csv", tmp_path / "d.zip").path
    with zipfile.ZipFile(path) as z:
        z.extractall(tmp_path / "x")
        top = {n.split("/")[0] for n in z.namelist()}
    assert top == {f"us-mexico-security-dialogue-2021-{ds.release.version}"}
    back = dialoguelib.load(tmp_path / "x" / top.pop())
    assert back.release.digest == ds.release.digest and not back.release.modified
    for name in NAMES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(ds, name))
    again = export(ds, "csv", tmp_path / "again.zip").path
    assert again.read_bytes() == path.read_bytes()  # the same data gives the same zip

    sel = ds.filter(goal="pursue", document="JS")
    export(sel, "csv", tmp_path / "sel.zip")
    with zipfile.ZipFile(tmp_path / "sel.zip") as z:
        z.extractall(tmp_path / "s")
    part = dialoguelib.load(next((tmp_path / "s").iterdir()))
    assert list(part.commitments["commitment_id"]) == list(sel.commitments["commitment_id"])
    assert set(part.commitment_actors["commitment_id"]) <= set(sel.commitments["commitment_id"])
    assert part.descriptor["dialoguelib:selection"]["of_release"]["content_digest"] == "sha256:" + ds.release.digest


def test_json_lines_read_back_with_nested_actors(ds, tmp_path):
    path = export(ds, "json", tmp_path / "d.ndjson").path
    back = pd.read_json(path, lines=True, dtype=False)
    assert list(back["commitment_id"]) == list(ds.tidy["commitment_id"]) and list(back["quote"]) == list(ds.tidy["quote"])
    row = back.set_index("commitment_id").loc["JS-47"]
    links = ds.commitment_actors[ds.commitment_actors["commitment_id"] == "JS-47"]
    assert [(a["actor_id"], a["role"]) for a in row["actors"]] == list(zip(links["actor_id"], links["role"].astype(str)))
    assert row["date"] == "2021-10-08" and row["goal"] == "Pursue criminal networks"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_selection_that_matches_nothing_has_headers_and_no_rows(ds, tmp_path, fmt, capsys):
    out = tmp_path / f"none.{fmt}"
    assert main(["export", "--format", fmt, "--out", str(out), "--search", "zzzqqq"]) == 0
    assert "matched no commitment" in capsys.readouterr().err
    if fmt == "xlsx":
        assert pd.read_excel(out, sheet_name="commitments").empty and list(pd.read_excel(out, sheet_name="commitments").columns)
    elif fmt == "sqlite":
        assert sqlite3.connect(out).execute("SELECT count(*) FROM commitments").fetchone() == (0,)
    elif fmt == "parquet":
        back = pd.read_parquet(out / "commitments.parquet")
        assert back.empty and list(back.columns) == list(ds.commitments.columns)
    elif fmt == "json":
        assert out.read_text() == ""
    else:
        with zipfile.ZipFile(out) as z:
            name = next(n for n in z.namelist() if n.endswith("/commitments.csv"))
            assert z.read(name).decode().count("\n") == 1  # the header only


def test_bad_outputs_are_refused_with_the_path_named(ds, tmp_path, data_copy):
    with pytest.raises(UnknownValueError, match="unknown export format 'xls'. Did you mean: 'xlsx'"):
        export(ds, "xls", tmp_path / "a.xls")
    target = tmp_path / "a.ndjson"
    target.write_text("keep me")
    with pytest.raises(OutputDirError, match=r"a.ndjson already exists; .* or --force"):
        export(ds, "json", target)
    assert target.read_text() == "keep me"
    export(ds, "json", target, force=True)
    assert target.read_text().count("\n") == len(ds)
    with pytest.raises(OutputDirError, match="is a folder that is not an earlier parquet export"):
        export(ds, "xlsx", tmp_path, force=True)
    with pytest.raises(OutputDirError, match="inside the data folder"):
        export(dialoguelib.load(data_copy), "json", data_copy / "x.ndjson")
    with pytest.raises(OutputDirError, match="does not exist; expected an existing folder"):
        export(ds, "json", tmp_path / "no" / "x.ndjson")
    with pytest.raises(OutputDirError, match="cannot write /proc/dialoguelib-x.ndjson"):
        export(ds, "json", "/proc/dialoguelib-x.ndjson")
    pq = export(ds, "parquet", tmp_path / "pq").path
    export(ds.by_goal("pursue"), "parquet", pq, force=True)  # an earlier export is replaced whole
    assert len(pd.read_parquet(pq / "commitments.parquet")) == len(ds.by_goal("pursue"))


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_an_interrupted_export_leaves_the_old_output_and_no_temporary(ds, tmp_path, monkeypatch, fmt):
    out = tmp_path / f"old.{fmt}"
    export(ds, fmt, out)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    import dialoguelib.exports as ex

    real = ex.FORMATS[fmt][0]

    def killed(data, path):
        real(data, path)  # the output is complete in its temporary path...
        raise KeyboardInterrupt  # ...when the user presses Ctrl-C

    monkeypatch.setitem(ex.FORMATS, fmt, (killed,) + ex.FORMATS[fmt][1:])
    with pytest.raises(KeyboardInterrupt):
        export(ds.by_goal("pursue"), fmt, out, force=True)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_cli_export_prints_what_it_wrote_and_the_citation(tmp_path, capsys):
    assert main(["export", "--format", "sqlite", "--out", str(tmp_path / "p.db"), "--goal", "pursue"]) == 0
    out = capsys.readouterr().out
    n = len(dialoguelib.load().by_goal("pursue"))
    assert (
        f"{n} of 96 commitments" in out
        and "p.metadata.json" in out
        and "Cite as: " in out
        and f"version {dialoguelib.load().release.version}" in out
    )
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "q.zip"), "--goal", "peace"]) == 2
    assert "unknown goal 'peace'" in capsys.readouterr().err


def test_json_lines_keep_slashes_backslashes_and_accents_as_written(data_copy, tmp_path):
    path = data_copy / "commitments.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    note = 'and/or \\ "quoted" – Pública'
    df.loc[0, "notes"] = note
    df.to_csv(path, index=False)
    out = export(dialoguelib.load(data_copy), "json", tmp_path / "d.ndjson").path
    (line,) = [
        x for x in out.read_text(encoding="utf-8").splitlines() if json.loads(x)["commitment_id"] == df.loc[0, "commitment_id"]
    ]
    assert "and/or" in line and "Pública" in line and json.loads(line)["notes"] == note


# ------------------------------------------------------------------ every table of the descriptor, every format
@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """The illustrative record: a row in every table of the descriptor (statuses, updates, links, milestones)."""
    from dialoguelib.curate.illustrative import illustrative_record

    record = dialoguelib.load(illustrative_record(tmp_path_factory.mktemp("full") / "data"))
    assert all(len(getattr(record, r["name"])) for r in record.descriptor["resources"])
    return record


def _sqlite_table(con, name, want):
    back = pd.read_sql(f'SELECT * FROM "{name}"', con)
    for c in frames.list_columns(want):  # lists are JSON arrays in SQLite
        back[c] = [json.loads(v) for v in back[c]]
    for c in want.columns:
        if pd.api.types.is_bool_dtype(want[c]):
            back[c] = back[c].astype(bool)
    return back


def test_every_table_of_the_descriptor_reads_back_from_every_format(full, tmp_path):
    """Each table `datapackage.json` lists, not only those a writer names, from the zip, xlsx, sqlite and parquet."""
    from dialoguelib.exports.excel import TABLE_SHEETS

    names = [r["name"] for r in full.descriptor["resources"]]
    assert set(names) >= set(NAMES) | {"milestones", "commitment_links", "statuses", "status_updates"}
    out = {fmt: export(full, fmt, tmp_path / f"all.{fmt}").path for fmt in ("csv", "xlsx", "sqlite", "parquet")}
    with zipfile.ZipFile(out["csv"]) as z:
        z.extractall(tmp_path / "zip")
    unzipped = dialoguelib.load(next((tmp_path / "zip").iterdir()))
    book = pd.read_excel(out["xlsx"], sheet_name=None)
    con = sqlite3.connect(out["sqlite"])
    for name in names:
        want = frames.tables(full)[name]
        pd.testing.assert_frame_equal(getattr(unzipped, name).reset_index(drop=True), want, obj=f"csv zip {name}")
        sheet = book[TABLE_SHEETS.get(name, name)]
        assert _cells(sheet, empty_is_none=True) == _cells(frames.flat(want), empty_is_none=True), f"xlsx {name}"
        assert _cells(_sqlite_table(con, name, want)) == _cells(want), f"sqlite {name}"
        back = pd.read_parquet(out["parquet"] / f"{name}.parquet")
        assert _cells(_lists_as_lists(back)) == _cells(want), f"parquet {name}"
    con.close()
    # ndjson holds the tidy view: every commitment, with its latest status
    lines = [json.loads(line) for line in export(full, "json", tmp_path / "all.ndjson").path.read_text("utf-8").splitlines()]
    status = full.status()
    assert [r["commitment_id"] for r in lines] == list(full.tidy.commitment_id)
    assert [r["status"] for r in lines] == [str(s) for s in status.status]


def test_the_tidy_sheet_has_each_commitments_status_and_the_workbook_every_table(full, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = export(full, "xlsx", tmp_path / "s.xlsx").path
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "about" and {"milestones", "commitment_links", "statuses", "status_updates"} <= set(wb.sheetnames)
    for ws in wb.worksheets:  # the header in row 1 (no title row above it), frozen below
        assert ws.freeze_panes == "A2" and ws["A1"].font.bold and ws["A1"].value, ws.title
    about = {r[0].value: r[1].value for r in wb["about"].iter_rows(min_row=2)}
    assert about["citation"] == full.citation
    tidy = pd.read_excel(path, sheet_name="commitments")
    status = full.status().set_index("commitment_id")
    assessed = status[status.status.astype(str) != "not_assessed"]
    assert len(assessed) > 0
    got = tidy.set_index("commitment_id").loc[assessed.index]
    assert list(got.status) == [str(s) for s in assessed.status] and list(got.status_label) == [str(s) for s in assessed.label]
    assert [d.date() for d in got.status_as_of] == [d.date() for d in assessed.as_of]
    ws = wb["commitments"]
    col = [c.value for c in ws[1]].index("status_as_of") + 1
    first = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=col).value is not None)
    assert ws.cell(row=first, column=col).is_date


def test_parquet_days_are_dates_and_lists_are_lists(full, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = export(full, "parquet", tmp_path / "pq").path
    schema = pq.read_schema(out / "status_updates.parquet")
    assert schema.field("as_of").type == pa.date32() and schema.field("recorded").type == pa.date32()
    assert pq.read_schema(out / "documents.parquet").field("date").type == pa.date32()
    tidy = pq.read_schema(out / "tidy.parquet")
    assert tidy.field("tags").type == pa.list_(pa.string()) and tidy.field("status_as_of").type == pa.date32()


def test_datasette_metadata_describes_lists_as_arrays_and_the_views_exist(full, tmp_path):
    r = export(full, "sqlite", tmp_path / "dialogue.db")
    meta = json.loads(r.extra[0].read_text(encoding="utf-8"))
    tables = meta["databases"]["dialogue"]["tables"]
    for name, column in [("commitments", "tags"), ("commitments", "instruments"), ("actors", "aliases")]:
        text = tables[name]["columns"][column]
        assert "JSON array" in text and "'|'" not in text, (name, column)
    assert "'|'" not in json.dumps(tables)  # no column says "separated by '|'" in a database of arrays
    assert "commitment_actors_named" in meta["description"] and full.citation in meta["description"]
    con = sqlite3.connect(r.path)
    rows = con.execute("SELECT commitment_id, actor, role, goal FROM commitment_actors_named").fetchall()
    ca = full.commitment_actors
    assert len(rows) == len(ca) and {(r[0], r[2]) for r in rows} == set(zip(ca.commitment_id, ca.role.astype(str)))
    names = dict(zip(full.actors.actor_id, full.actors.name))
    assert {(r[0], r[1]) for r in rows} == {(c, names[a]) for c, a in zip(ca.commitment_id, ca.actor_id)}
    views = {v for (v,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"commitments_named", "commitment_actors_named"} <= views and set(tables) >= views


def test_the_csv_zip_opens_in_excel_with_its_accents_and_loads_back_as_released(full, tmp_path):
    """Each table of the zip starts with a byte order mark (Excel's cue for UTF-8); load() reads past it."""
    path = export(full, "csv", tmp_path / "x.zip").path
    with zipfile.ZipFile(path) as z:
        tables = {n: z.read(n) for n in z.namelist() if n.endswith(".csv")}
        z.extractall(tmp_path / "x")
    assert len(tables) == len(full.descriptor["resources"])
    for name, blob in tables.items():
        assert blob.startswith(b"\xef\xbb\xbf") and not blob.startswith(b"\xef\xbb\xbf" * 2), name
    actors = next(b for n, b in tables.items() if n.endswith("actors.csv") and "commitment" not in n)
    assert "ó".encode() in actors and b"\xef\xbb\xbf" not in actors[3:]  # accents as UTF-8, after the one mark
    back = dialoguelib.load(next((tmp_path / "x").iterdir()))
    assert back.release.digest == full.release.digest and not back.release.modified
    first = pd.read_csv(tmp_path / "x" / next((tmp_path / "x").iterdir()).name / "actors.csv")
    assert first.columns[0] == "actor_id"  # pandas reads past the mark too


def test_an_export_of_an_illustrative_record_says_so_and_the_shipped_one_never(full, ds, tmp_path):
    assert full.illustrative and not ds.illustrative
    for data, flagged in [(full, True), (ds, False)]:
        book = pd.read_excel(export(data, "xlsx", tmp_path / f"{flagged}.xlsx").path, sheet_name="about")
        assert ("illustrative" in set(book["item"])) is flagged
        r = export(data, "sqlite", tmp_path / f"{flagged}.db")
        meta = json.loads(r.extra[0].read_text(encoding="utf-8"))
        assert meta["description"].startswith("Illustrative record") is flagged
        with zipfile.ZipFile(export(data, "csv", tmp_path / f"{flagged}.zip").path) as z:
            citation = z.read(next(n for n in z.namelist() if n.endswith("CITATION.txt"))).decode()
        assert citation.startswith("Illustrative record") is flagged and data.citation in citation


def test_sqlite_export_refuses_to_overwrite_its_metadata_without_force(ds, tmp_path):
    meta = tmp_path / "x.metadata.json"
    meta.write_text("my own metadata")
    with pytest.raises(OutputDirError, match=r"x.metadata.json already exists; .* or --force"):
        export(ds, "sqlite", tmp_path / "x.db")
    assert meta.read_text() == "my own metadata" and not (tmp_path / "x.db").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.metadata.json"]  # no temporary left either
    result = export(ds, "sqlite", tmp_path / "x.db", force=True)
    assert result.extra == (meta,) and json.loads(meta.read_text())["databases"]["x"]


FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "'=already"]


def test_csv_zip_cells_that_spreadsheets_would_run_are_text_and_load_back_as_released(data_copy, tmp_path):
    com = read_table(data_copy, "commitments")
    com.loc[: len(FORMULAS) - 1, "notes"] = FORMULAS
    write_table(data_copy, "commitments", com)
    actors = read_table(data_copy, "actors")
    actors.loc[actors["actor_id"] == "dea", "name"] = "=1+1"
    write_table(data_copy, "actors", actors)
    ds = dialoguelib.load(data_copy)
    path = export(ds, "csv", tmp_path / "d.zip").path
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        cells = [
            c
            for n in names
            if n.endswith(".csv")
            for row in csv.reader(io.StringIO(z.read(n).decode("utf-8"), newline=""))
            for c in row
        ]
        z.extractall(tmp_path / "x")
    live = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not c.lstrip("-").isdigit())]
    assert live == [], live  # every formula-like cell starts with an apostrophe; numbers such as -1 stay numbers
    assert {"'" + f for f in FORMULAS} <= set(cells) and "'=1+1" in cells and "-1" in cells
    back = dialoguelib.load(tmp_path / "x" / names[0].split("/")[0])
    assert back.release.digest == ds.release.digest  # read back byte for byte as the folder holds it
    notes = back.commitments.set_index("commitment_id")["notes"]
    assert list(notes[com["commitment_id"][: len(FORMULAS)]]) == FORMULAS
    from dialoguelib.curate.diff import diff

    assert diff(path, data_copy).empty


def test_a_file_linked_from_outside_the_data_folder_is_not_exported(data_copy, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for export")
    (data_copy / "README.md").unlink()
    (data_copy / "README.md").symlink_to(secret)
    with pytest.raises(dialoguelib.DataValidationError, match="outside the data folder"):
        export(dialoguelib.load(data_copy), "csv", tmp_path / "d.zip")
    assert not (tmp_path / "d.zip").exists()
