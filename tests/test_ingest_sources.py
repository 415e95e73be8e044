"""Ingesting a saved HTML page and a Spanish text: main text extracted, page kept byte for byte,
language detected and stored; bad input (no main text, third language, mixed, NUL) refused or flagged clearly."""

import hashlib
import sys
from pathlib import Path

import pandas as pd
import pytest

import dialoguelib
from conftest import read_table, write_table
from dialoguelib import cli
from dialoguelib.errors import DataValidationError
from dialoguelib.ingest import IngestError, detect_language, ingest_document, merge_review, read_source

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "evaluation" / "statements" / "dev-11-page-sre-es-2025.html"
FRENCH = (
    "Les deux gouvernements renforceront leur coopération contre le trafic d'armes à feu et partageront "
    "davantage d'informations sur les réseaux criminels qui opèrent des deux côtés de la frontière.\n"
)


def _page(tmp_path, name="sre-2025.html") -> Path:
    p = tmp_path / name
    p.write_bytes(PAGE.read_bytes())
    return p


def _ingest_page_dropping_every_row(tmp_path, data_copy):
    """The devset page ingested as p-1 into ``data_copy``, every proposal marked drop; the review file."""
    review, _ = ingest_document(
        _page(tmp_path),
        document_id="p-1",
        code="PG",
        date="2025-09-26",
        title="t",
        data_dir=data_copy,
        review_path=tmp_path / "r.csv",
    )
    pd.read_csv(review, dtype=str, keep_default_na=False).assign(decision="drop").to_csv(review, index=False)
    return review


def test_a_saved_page_gives_its_main_text_without_navigation(tmp_path):
    src = read_source(_page(tmp_path))
    assert src.is_html and src.original == PAGE.read_bytes() and src.language == "es"
    assert "Ambas delegaciones" in src.text and "<p" not in src.text
    for boilerplate in ("Aviso de privacidad", "Mapa del sitio", "Inicio"):
        assert boilerplate not in src.text.split("\n"), boilerplate
    assert src.text.endswith("\n") and "\r" not in src.text


def test_a_page_is_ingested_and_merged_with_the_page_kept_byte_for_byte(tmp_path, data_copy):
    page = _page(tmp_path)
    review, proposals = ingest_document(
        page,
        document_id="sre-2025-09-26",
        code="SRE25",
        date="2025-09-26",
        title="Comunicado",
        data_dir=data_copy,
        review_path=tmp_path / "r.csv",
    )
    assert len(proposals) >= 5 and set(proposals["language"]) == {"es"}
    text = (tmp_path / "r.source.txt").read_text(encoding="utf-8")
    for p in proposals.itertuples():
        assert text[p.start : p.end] == p.quote
    assert (tmp_path / "r.original.html").read_bytes() == PAGE.read_bytes()
    df = pd.read_csv(review, dtype=str, keep_default_na=False)
    assert (df["reason"] != "").all() and set(df["language"]) == {"es"}
    df["decision"] = ["drop" if g == "outside" else "accept" for g in df["goal_id"]]  # outside the framework: dropped
    df.to_csv(review, index=False)
    counts = merge_review(review, data_copy)
    assert counts["document"] == "added" and counts["added"] == (df["decision"] == "accept").sum() >= 5
    ds = dialoguelib.load(data_copy)
    row = ds.row("document", "sre-2025-09-26")
    assert row["language"] == "es" and row["raw_path"] == "raw/sre-2025.txt" and row["original_path"] == "raw/sre-2025.html"
    assert (data_copy / "raw" / "sre-2025.html").read_bytes() == PAGE.read_bytes()
    assert row["original_sha256"] == hashlib.sha256(PAGE.read_bytes()).hexdigest()
    assert ds.raw_texts["sre-2025-09-26"] == text


def test_a_changed_original_page_is_caught_by_validation(tmp_path, data_copy):
    merge_review(_ingest_page_dropping_every_row(tmp_path, data_copy), data_copy)  # the document alone
    (data_copy / "raw" / "sre-2025.html").write_bytes(PAGE.read_bytes() + b"<!-- edited -->")
    with pytest.raises(
        DataValidationError, match=r"row 3 \(document_id='p-1'\), field 'original_sha256': sha256 of sre-2025.html"
    ) as exc:
        dialoguelib.load(data_copy)
    assert "sre-2025.html" in str(exc.value)
    docs = read_table(data_copy, "documents")
    docs.loc[docs["document_id"] == "p-1", "original_sha256"] = ""
    write_table(data_copy, "documents", docs)
    with pytest.raises(DataValidationError, match="original_path and original_sha256 go together"):
        dialoguelib.load(data_copy)


def test_the_review_set_refuses_a_changed_staged_page(tmp_path, data_copy):
    review = _ingest_page_dropping_every_row(tmp_path, data_copy)
    (tmp_path / "r.original.html").write_bytes(b"<html><body><p>other</p></body></html>")
    with pytest.raises(dialoguelib.errors.ReviewError, match="r.original.html.*the page has changed since ingest"):
        merge_review(review, data_copy)


def test_a_page_with_no_main_text_is_refused(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<!doctype html><html><head><script>var x=1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(IngestError, match=r"empty.html: an HTML page with no main text .*only 'Home'"):
        read_source(p)


def test_a_page_is_recognised_by_its_opening_tag_whatever_its_name(tmp_path, data_copy):
    p = tmp_path / "page.txt"
    p.write_bytes(PAGE.read_bytes())
    assert read_source(p).is_html
    with pytest.raises(IngestError, match="needs a name ending in .html"):
        ingest_document(
            p, document_id="p-1", code="PG", date="2025-09-26", title="t", data_dir=data_copy, review_path=tmp_path / "r.csv"
        )


def test_without_trafilatura_a_page_gets_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(IngestError, match=r"needs trafilatura.*pip install 'dialoguelib\[html\]'"):
        read_source(_page(tmp_path))


def test_languages_are_detected_and_a_third_language_is_refused(tmp_path, capsys, data_copy):
    es = "Ambos gobiernos se comprometen a fortalecer el intercambio de información sobre el tráfico de armas de fuego."
    en = "Both governments will strengthen the exchange of information on the trafficking of firearms across the border."
    assert max(detect_language(es).items(), key=lambda kv: kv[1])[0] == "es"
    assert max(detect_language(en).items(), key=lambda kv: kv[1])[0] == "en"
    fr = tmp_path / "fr.txt"
    fr.write_text(FRENCH, encoding="utf-8")
    with pytest.raises(IngestError, match=r"fr.txt: the text does not read as English or Spanish.*only English and Spanish"):
        read_source(fr)
    assert read_source(fr, language="es").language == "es"  # the analyst may say which
    code = cli.main(
        [
            "--data-dir",
            str(data_copy),
            "ingest",
            str(fr),
            "--id",
            "f-1",
            "--code",
            "FR",
            "--date",
            "2024-01-01",
            "--title",
            "t",
            "--review",
            str(tmp_path / "f.csv"),
        ]
    )
    out = capsys.readouterr()
    assert code == 2 and "only English and Spanish" in out.err and "Traceback" not in out.err
    assert not (tmp_path / "f.csv").exists()


def test_a_mixed_text_is_recorded_in_its_main_language_with_a_note(tmp_path, capsys, data_copy):
    mixed = tmp_path / "mixed.txt"
    mixed.write_text(
        "Both governments will strengthen the exchange of information on firearms trafficking across the border.\n\n"
        "The two delegations will meet again in the spring to review the results of the joint working groups.\n\n"
        "Ambos gobiernos se comprometen a fortalecer el intercambio de información sobre el tráfico de armas.\n",
        encoding="utf-8",
    )
    argv = [
        "--data-dir",
        str(data_copy),
        "ingest",
        str(mixed),
        "--id",
        "m-1",
        "--code",
        "MIX",
        "--date",
        "2024-01-01",
        "--title",
        "t",
        "--review",
        str(tmp_path / "m.csv"),
    ]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "(MIX, English)" in out and "mixes English" in out and "Spanish" in out
    df = pd.read_csv(tmp_path / "m.csv", dtype=str, keep_default_na=False)
    assert len(df) == 3 and set(df["language"]) == {"en"}


def test_nul_bytes_and_bad_encodings_are_refused_for_pages_too(tmp_path):
    p = tmp_path / "bin.html"
    p.write_bytes(b"<html><body>\x00</body></html>")
    with pytest.raises(IngestError, match=r"bin.html: holds NUL bytes \(at byte 12\)"):
        read_source(p)
    q = tmp_path / "latin.html"
    q.write_bytes("<html><body><p>Secretaría</p></body></html>".encode("latin-1"))
    with pytest.raises(IngestError, match=r"latin.html: not valid UTF-8 at byte"):
        read_source(q)


def test_the_explorers_and_reports_show_each_documents_language(ds):
    from dialoguelib import render
    from dialoguelib.widgets.explorers import _document_options

    labels = dict((v, k) for k, v in _document_options(ds))
    assert labels["joint-statement-2021-10-08"].endswith("· EN")
    import datetime

    assert "in English" in render.provenance(ds, "0", datetime.date(2026, 1, 1))


def test_merge_refuses_a_page_whose_name_is_taken_in_raw_by_other_bytes(tmp_path, data_copy):
    review = _ingest_page_dropping_every_row(tmp_path, data_copy)
    (data_copy / "raw" / "sre-2025.html").write_bytes(b"<html>another page</html>")
    before = (data_copy / "documents.csv").read_bytes()
    with pytest.raises(dialoguelib.errors.ReviewError, match=r"field 'original_path'.*already exists with other content"):
        merge_review(review, data_copy)
    assert (data_copy / "documents.csv").read_bytes() == before and not (data_copy / "raw" / "sre-2025.txt").exists()
