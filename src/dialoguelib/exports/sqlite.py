"""The SQLite database (Python's ``sqlite3``) and its Datasette metadata.

Tables keep their primary and foreign keys from ``datapackage.json``; lists are JSON arrays
(Datasette facets them item by item); ``commitments_fts`` is a full-text index (FTS5) over the
quotes, folded like the library's search (case and accents; whole words), and
:func:`dialoguelib.query.search.fts_query` turns a search into its query, so that it finds what
``ds.search`` finds; the views ``commitments_named`` and ``commitment_actors_named`` join the names
in (one row per commitment, and one per actor of a commitment); ``about`` holds the version
and citation. :func:`metadata` is the Datasette metadata: titles and descriptions from the
codebook, facets, label columns for foreign keys, the source addresses.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd

from ..package.schema import TABLE_ORDER, table_schema
from . import frames

__all__ = ["write_sqlite", "metadata", "LABELS", "FACETS"]

_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT", "string": "TEXT"}
# foreign keys shown by name: table -> its label column
LABELS = {"documents": "title", "goals": "name", "areas": "name", "actors": "name"}
FACETS = ["goal_id", "area_id", "modality", "party", "document_id", "kind"]


def _ddl(descriptor: dict, name: str, columns: list[str]) -> str:
    schema = table_schema(descriptor, name)["schema"]
    types = {f["name"]: _TYPES.get(f.get("type", "string"), "TEXT") for f in schema["fields"]}
    parts = [f'"{c}" {types.get(c, "TEXT")}' for c in columns]
    if schema.get("primaryKey"):
        parts.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in schema["primaryKey"]) + ")")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        parts.append(f'FOREIGN KEY ("{fk["fields"][0]}") REFERENCES "{ref["resource"]}" ("{ref["fields"][0]}")')
    return f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(parts) + "\n)"


def _json_lists(s: pd.Series) -> list:
    """Each list of ``s`` as a JSON array; lists repeat (tags, actor ids), so each distinct one is encoded once."""
    seen: dict = {}
    out = []
    for v in s:
        k = tuple(v) if isinstance(v, list) else v
        if k not in seen:
            seen[k] = None if k is None else json.dumps(v, ensure_ascii=False)
        out.append(seen[k])
    return out


def _cells(df: pd.DataFrame):
    """The rows of ``df`` as tuples of SQLite values (lists as JSON arrays, dates as ISO text, missing as NULL)."""
    lists = set(frames.list_columns(df))
    cols = []
    for c in df.columns:
        s = df[c]
        if c in lists:
            cols.append(_json_lists(s))
        elif pd.api.types.is_datetime64_any_dtype(s):
            cols.append(s.dt.strftime("%Y-%m-%d").to_numpy(dtype=object, na_value=None).tolist())
        elif pd.api.types.is_bool_dtype(s):
            cols.append(s.astype(int).tolist())
        else:
            cols.append(s.astype(object).to_numpy(dtype=object, na_value=None).tolist())
    return zip(*cols)


def write_sqlite(data, path: Path) -> None:
    """Write the database of ``data`` (a dataset or selection) to ``path``.

    Parameters
    ----------
    data : Dataset or Selection
        What to export.
    path : Path
        Where to write (it does not exist yet; :func:`dialoguelib.exports.export` renames it into place).
    """
    tables = frames.tables(data)
    con = sqlite3.connect(path)
    try:
        # a new file renamed into place when complete: no journal needed; keys were checked by load()
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        with con:
            for name in TABLE_ORDER:
                df = tables[name]
                con.execute(_ddl(data.descriptor, name, list(df.columns)))
                marks = ", ".join("?" for _ in df.columns)
                con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', _cells(df))
            con.execute(
                "CREATE VIRTUAL TABLE commitments_fts USING fts5(quote, content='commitments', content_rowid='rowid', "
                "tokenize='unicode61 remove_diacritics 2')"
            )
            con.execute("INSERT INTO commitments_fts (rowid, quote) SELECT rowid, quote FROM commitments")
            con.execute("""CREATE VIEW commitments_named AS
                SELECT c.commitment_id, d.code AS document, d.date, g.name AS goal, a.name AS area, c.kind, c.modality,
                       c.party, c.quote, c.start, c."end", c.notes
                FROM commitments c JOIN documents d USING (document_id) JOIN goals g ON g.goal_id = c.goal_id
                LEFT JOIN areas a ON a.area_id = c.area_id""")
            con.execute("""CREATE VIEW commitment_actors_named AS
                SELECT ca.commitment_id, ca.actor_id, ac.name AS actor, ac.acronym, ac.type AS actor_type,
                       ac.country, ca.role, d.code AS document, g.name AS goal, ar.name AS area, c.quote
                FROM commitment_actors ca JOIN actors ac USING (actor_id) JOIN commitments c USING (commitment_id)
                JOIN documents d USING (document_id) JOIN goals g ON g.goal_id = c.goal_id
                LEFT JOIN areas ar ON ar.area_id = c.area_id""")
            con.execute("CREATE TABLE about (item TEXT PRIMARY KEY, value TEXT)")
            con.executemany("INSERT INTO about VALUES (?, ?)", frames.about(data))
    finally:
        con.close()


def _column_description(field: dict, is_list: bool) -> str:
    """A field's description from the codebook; a list field says how it is held here (a JSON array, not '|' text)."""
    text = field.get("description", "")
    if not is_list:
        return text
    text = text.replace(", separated by '|'", "").replace(" separated by '|'", "").rstrip(".")
    return (
        f"{text}: a JSON array in this database (Datasette facets it item by item; a row filter "
        f"'{field['name']} array contains' finds one item)."
    )


def _home(descriptor: dict, about: dict, n: int) -> str:
    """The database's home page text: what it holds, how to search it and how to cite it."""
    warning = f"{about['illustrative']}. " if "illustrative" in about else ""
    return (
        f"{warning}{descriptor.get('description', '')} {n} commitments ({about['selection']}), data version "
        f"{about['version']}. Start with 'commitments_named' (one row per commitment, names joined in) or "
        "'commitment_actors_named' (who is named in each). Searching the commitments table finds whole words of "
        'the quotes, all of them required, and "quoted phrases", regardless of case and accents (as '
        f"dialoguelib's search does). Cite as: {about['citation']}"
    )


def metadata(data, database: str) -> dict:
    """Datasette metadata for the database written by :func:`write_sqlite`.

    Parameters
    ----------
    data : Dataset or Selection
        What was exported.
    database : str
        The database's name in Datasette (its file name without ``.db``).

    Returns
    -------
    dict
        To be written as JSON and given to ``datasette -m``.
    """
    d = data.descriptor
    about = dict(frames.about(data))
    typed = frames.tables(data)
    tables = {}
    for res in d["resources"]:
        name = res["name"]
        fields = res["schema"]["fields"]
        lists = set(frames.list_columns(typed[name]))  # JSON arrays in this database
        entry = {
            "title": name.replace("_", " ").capitalize(),
            "description": res.get("description", ""),
            "columns": {f["name"]: _column_description(f, f["name"] in lists) for f in fields},
        }
        if name in LABELS:
            entry["label_column"] = LABELS[name]
        if name == "commitments":
            # raw FTS5 queries: words are whole words, all of them must match, "quoted phrases" match as phrases
            entry.update(
                facets=FACETS + [{"array": "tags"}],
                fts_table="commitments_fts",
                fts_pk="rowid",
                sort="commitment_id",
                searchmode="raw",
            )
        if name == "commitment_actors":
            entry["facets"] = ["role", "actor_id"]
        tables[name] = entry
    tables["about"] = {"title": "About this data", "description": "Version, citation, selection and sources."}
    tables["commitments_named"] = {
        "title": "Commitments, named",
        "description": "One row per commitment with its document, goal and area by name.",
    }
    tables["commitment_actors_named"] = {
        "title": "Who is named in each commitment",
        "description": "One row per actor of a commitment (lead, partner or target), with the actor's name, "
        "type and country and the commitment's document, goal, area and words. Facet by actor or role.",
        "facets": ["actor", "role", "goal"],
    }
    urls = [u for u in data.documents["source_url"].dropna() if str(u).startswith(("http://", "https://"))]
    return {
        "title": d.get("title", "dialoguelib data"),
        "description": _home(d, about, len(data)),
        "license": about["license"],
        "source": "; ".join(data.documents["title"].astype(str)),
        "source_url": urls[0] if urls else None,
        "databases": {database: {"tables": tables}},
    }
