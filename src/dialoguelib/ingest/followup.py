"""Follow-through proposals of a new statement: lineage links and progress reports, for review.

Two kinds of rows, written by ``ingest`` to the review set's ``NAME.followup.csv``
(:data:`FOLLOWUP_COLUMNS`), each with an empty ``decision``:

- **link**: a proposed commitment of the new statement that restates, extends, implements,
  narrows or supersedes an earlier commitment (the most similar one of an older or same-day
  document: TF-IDF cosine of the quotes, or the bodies both name); the relation is guessed
  from the new quote's words ("expand", "additional" -> extends; "replace" -> supersedes;
  a concrete action under an earlier objective -> implements; otherwise restates).
- **status**: a sentence that reports an earlier commitment done or under way ("the working
  group met for the first time", "the memorandum was signed", "se firmó"), matched to the
  commitment it reports on; the sentence is the evidence span, the verb suggests the status.

Each row has a ``reason`` (the words that decided it) and a ``confidence``. ``merge`` adds the
accepted rows with the commitments, in the same transaction (:func:`followup_rows`).
"""

from __future__ import annotations

import bisect
import itertools
import re

import numpy as np
import pandas as pd

from ..errors import ReviewError
from ..package.text import fold, unaccent
from .rules.bodies import COUNTRY_NAMES, FRAMEWORK_NAME
from .rules.topics import AREA_KEYWORDS
from .segment import sentences
from .suggest import Suggester
from .tfidf import Tfidf
from .who import Gazetteer

__all__ = [
    "FOLLOWUP_COLUMNS",
    "LINK_FROM",
    "PROGRESS_FROM",
    "propose_followup",
    "followup_rows",
    "read_followup",
    "stage_followup",
    "followup_changes",
]

FOLLOWUP_COLUMNS = [
    "followup_id",
    "decision",
    "kind",
    "proposal_id",
    "commitment_id",
    "relation",
    "status",
    "as_of",
    "evidence_start",
    "evidence_end",
    "evidence_quote",
    "assessed_by",
    "confidence",
    "reason",
]
LINK_FROM = 0.25  # similarity (with the bonus of the same area or goal) from which a proposal is linked
PROGRESS_FROM = 0.2  # similarity from which a progress sentence is matched to a commitment

# Verbs that report progress, by the status they suggest (English and Spanish; past and perfect forms).
PROGRESS = {
    "completed": re.compile(
        r"\b(?:(?:was|were|has been|have been) (?:signed|launched|established|created|inaugurated|opened|completed|"
        r"adopted|approved|installed|set up|stood up|concluded|finalized|delivered)|signed|launched|inaugurated|"
        r"entered into force|came into force|completed|concluded|finalized|"
        r"se (?:firmó|firmaron|lanzó|creó|crearon|estableció|establecieron|inauguró|inauguraron|instaló|instalaron|"
        r"concluyó|aprobó|puso en marcha)|(?:fue|fueron) (?:firmad[oa]s?|cread[oa]s?|establecid[oa]s?|inaugurad[oa]s?|"
        r"instalad[oa]s?|aprobad[oa]s?|lanzad[oa]s?)|firmaron|inauguraron|entró en vigor|pusieron en marcha|concluyeron)\b",
        re.IGNORECASE,
    ),
    "in_progress": re.compile(
        r"\b(?:met for the first time|met|held its first|held their first|convened|began|has begun|have begun|started|"
        r"initiated|made progress|advanced|is under way|are under way|is underway|are underway|"
        r"se reunió|se reunieron|sesionó|sesionaron|celebró su primera|iniciaron|inició|comenzó|comenzaron|avanzaron|"
        r"se avanzó|está en marcha|están en marcha)\b",
        re.IGNORECASE,
    ),
    # results reported with a past or perfect verb, or a body that now works ("have processed more than 30,000",
    # "has designated", "dismantled 1,130", "now meets every quarter", "han desmantelado", "opera ya", "remitió")
    "in_progress_result": re.compile(
        r"\b(?:(?:has|have|had)\s+(?:since\s+|already\s+|now\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ne|ught|ozen)|"
        r"(?:processed|seized|designated|dismantled|trained|traced|arrested|extradited|froze|frozen|opened|delivered|"
        r"equipped|helped|reviewed|placed|brought together|carried out|entered|submitted|answered|received)|"
        r"now (?:meets|sends|brings|operates|works|takes part|take part|runs|covers)|"
        r"(?:ha|han|hemos)\s+(?:\w+\s+)?[a-záéíóúñ]+(?:ado|ido)s?|se han [a-záéíóúñ]+(?:ado|ido)s?|"
        r"opera(?:n)? (?:ya|en|desde)|ya (?:est[aá] funcionando|opera|proces[oó])|dio cuenta|"
        r"[a-záéíóúñ]+(?:ó|aron|ieron))\b",
        re.IGNORECASE,
    ),
    "stalled": re.compile(
        r"\b(?:(?:was|were|has been|have been) (?:postponed|suspended|paused|delayed)|"
        r"se (?:pospuso|suspendió|aplazó)|(?:fue|fueron) (?:pospuest[oa]s?|suspendid[oa]s?|aplazad[oa]s?))\b",
        re.IGNORECASE,
    ),
}
# A result is reported with a figure, or since a date, or as now under way: "more than 30,000", "since 2021", "ya".
_RESULT = re.compile(r"\d|\b(?:since|desde|now|ya|so far|to date|hasta ahora|en lo que va)\b", re.IGNORECASE)
EXTENDS = re.compile(
    r"\b(?:expand\w*|extend\w*|additional|more|further|increas\w*|scale up|broaden\w*|ampli\w*|adicional\w*|más|extender|"
    r"aumentar|incrementar)\b",
    re.IGNORECASE,
)
SUPERSEDES = re.compile(r"\b(?:replac\w*|supersed\w*|in place of|instead of|sustitu\w*|reemplaz\w*|en lugar de)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{4,}")
_COUNTRIES = {"united-states", "mexico"}


def _unnamed(texts: list[str]) -> list[str]:
    """The texts without the framework's own name and the two countries' names, which would make any two of
    them look alike."""
    return [COUNTRY_NAMES.sub(" ", FRAMEWORK_NAME.sub(" ", t)) for t in texts]


def _shared(a: str, b: str) -> list[str]:
    wa = {w.lower() for w in _WORD.findall(unaccent(a))}
    return sorted({w.lower() for w in _WORD.findall(unaccent(b))} & wa - {"will", "with", "both", "their", "that", "this"})[:6]


def _actor_overlap(found: list[set], earlier_actors: list[set]) -> np.ndarray:
    """Jaccard overlap of the bodies named (the two governments left out): a signal that crosses languages."""
    out = np.zeros((len(found), len(earlier_actors)))
    bodies = [(j, b - _COUNTRIES) for j, b in enumerate(earlier_actors)]
    bodies = [(j, b) for j, b in bodies if b]
    by_body: dict = {}
    for j, b in bodies:
        for x in b:
            by_body.setdefault(x, []).append(j)
    for i, a in enumerate(found):
        a = a - _COUNTRIES
        for j in {j for x in a for j in by_body.get(x, ())}:  # only the earlier commitments that share a body
            b = earlier_actors[j] - _COUNTRIES
            out[i, j] = len(a & b) / len(a | b)
    return out


def _earlier(ds, date: str) -> pd.DataFrame:
    tidy = ds.tidy
    return tidy[(tidy["date"] <= pd.Timestamp(date)).to_numpy()].reset_index(drop=True)


def propose_followup(ds, text: str, proposals: pd.DataFrame, date: str, tfidf: Tfidf | None = None) -> pd.DataFrame:
    """Proposed links and status updates of a new statement (see the module's docstring).

    Parameters
    ----------
    ds : Dataset
        The data the statement joins: its commitments are the earlier ends.
    text : str
        The statement's text (offsets point into it).
    proposals : DataFrame
        Its proposed commitments (what :func:`propose` returned).
    date : str
        Its date, ``YYYY-MM-DD``: earlier ends come from documents dated on or before it, and it
        is the proposed status's ``as_of``.
    tfidf : Tfidf, optional
        The run's fitted TF-IDF, in which texts are compared (default None: the suggester's, fitted here).

    Returns
    -------
    DataFrame
        Columns :data:`FOLLOWUP_COLUMNS`: links (``L001`` ...) then status updates (``S001`` ...), ``decision`` empty.
    """
    earlier = _earlier(ds, date)
    if earlier.empty:
        return pd.DataFrame([], columns=FOLLOWUP_COLUMNS)
    gaz = Gazetteer(ds)
    tfidf = tfidf or Suggester(ds).vectorizer
    rows = _link_rows(earlier, proposals, tfidf) + _progress_rows(earlier, text, proposals, date, tfidf, gaz)
    out = pd.DataFrame(rows, columns=FOLLOWUP_COLUMNS, dtype=object).fillna("")
    n_links = int((out["kind"] == "link").sum())
    out["followup_id"] = [f"L{i + 1:03d}" if k == "link" else f"S{i + 1 - n_links:03d}" for i, k in enumerate(out["kind"])]
    return out


def _similar(earlier: pd.DataFrame, texts: list[str], found: list[set], tfidf: Tfidf) -> np.ndarray:
    """How alike each text is to each earlier commitment: TF-IDF cosine, or the bodies both name (a signal
    that crosses languages), whichever is higher."""
    earlier_actors = [set(a) for a in earlier["actor_ids"]]
    quotes = [str(q) for q in earlier["quote"]]
    return np.maximum(tfidf.cosine(_unnamed(quotes), _unnamed(texts)), 0.6 * _actor_overlap(found, earlier_actors))


_AREA_WORDS = None


def _area_words(text: str) -> str:
    """The area whose words (the suggester's bilingual lexicon) weigh most in a sentence, or "": what a report is
    about, in either language."""
    global _AREA_WORDS
    if _AREA_WORDS is None:
        _AREA_WORDS = [
            (area, re.compile(r"\b(?:" + "|".join(rx for rx, _w in entries) + r")\b"), max(w for _r, w in entries))
            for area, entries in AREA_KEYWORDS.items()
        ]
    low = fold(text)
    best = max(((len(rx.findall(low)) * w, area) for area, rx, w in _AREA_WORDS), default=(0, ""))
    return best[1] if best[0] else ""


def _same_area(earlier: pd.DataFrame, proposals: pd.DataFrame, area_bonus: float = 0.1) -> np.ndarray:
    """A bonus for an earlier commitment of the proposal's suggested area (``area_bonus``) or goal (0.05): what is
    done decides which earlier commitment a new one takes up, as much as the words it shares."""
    areas = earlier["area_id"].astype(str).to_numpy()
    goals = earlier["goal_id"].astype(str).to_numpy()
    out = np.zeros((len(proposals), len(earlier)))
    for i, (a, g) in enumerate(zip(proposals["area_id"].astype(str), proposals["goal_id"].astype(str))):
        out[i] = 0.05 * (goals == g) + (area_bonus * (areas == a) if a else 0.0)
    return out


def _link_rows(earlier: pd.DataFrame, proposals: pd.DataFrame, tfidf: Tfidf) -> list[dict]:
    """A proposed link for each proposal like enough to an earlier commitment, with the relation its words suggest."""
    if not len(proposals):
        return []
    quotes = [str(q) for q in proposals["quote"]]
    found = [{x.split(":", 1)[0].strip() for x in str(a).split(";") if x.strip()} for a in proposals["actors"]]
    sims = _similar(earlier, quotes, found, tfidf) + _same_area(earlier, proposals)
    rows = []
    for i, p in enumerate(proposals.to_dict("records")):
        j = int(sims[i].argmax())
        if sims[i, j] < LINK_FROM:
            continue
        old = earlier.iloc[j]
        words = _shared(p["quote"], old["quote"]) or sorted((found[i] & set(old["actor_ids"])) - _COUNTRIES)
        relation, why = _relation(p, old)
        rows.append(
            {
                "kind": "link",
                "proposal_id": p["proposal_id"],
                "commitment_id": old["commitment_id"],
                "relation": relation,
                "confidence": round(float(min(sims[i, j] + 0.2, 1.0)), 3),
                "reason": f"similar to {old['commitment_id']} ({sims[i, j]:.2f}; shared: {', '.join(words)}); {relation}: {why}",
            }
        )
    return rows


def _relation(p: dict, old) -> tuple[str, str]:
    """The relation of a proposal to the earlier commitment it is like, and the words that say so."""
    if SUPERSEDES.search(p["quote"]):
        return "supersedes", f"'{SUPERSEDES.search(p['quote']).group(0)}'"
    if EXTENDS.search(p["quote"]) and not EXTENDS.search(str(old["quote"])):
        return "extends", f"'{EXTENDS.search(p['quote']).group(0)}'"
    if p["kind"] == "action" and old["kind"] == "objective":
        return "implements", "an action under an earlier objective"
    return "restates", "no word of change"


def _progress_rows(earlier: pd.DataFrame, text: str, proposals: pd.DataFrame, date: str, tfidf: Tfidf, gaz) -> list[dict]:
    """A proposed status update for each sentence that reports progress (and is not itself proposed) on an earlier commitment."""
    proposed = sorted(zip(proposals["start"].astype(int), proposals["end"].astype(int))) if len(proposals) else []
    starts = [ps for ps, _pe in proposed]
    reach = list(itertools.accumulate((pe for _ps, pe in proposed), max))  # the furthest end of the proposals so far
    reports = []
    for s, e in sentences(text):
        k = bisect.bisect_left(starts, e)  # the proposals that start before the sentence ends
        if k and reach[k - 1] > s:
            continue  # a proposal overlaps it
        for status, rx in PROGRESS.items():
            m = rx.search(text[s:e])
            if m and (status != "in_progress_result" or _RESULT.search(text[s:e])):
                reports.append((s, e, "in_progress" if status == "in_progress_result" else status, m.group(0)))
                break
    if not reports:
        return []
    said = [text[s:e] for s, e, _, _ in reports]
    found = [set(gaz.find(unaccent(t))) for t in said]
    areas = pd.DataFrame({"area_id": [_area_words(t) for t in _unnamed(said)], "goal_id": ""})
    # a report in Spanish shares few words with the English commitments: the area its words name counts as much
    sims = _similar(earlier, said, found, tfidf) + _same_area(earlier, areas, area_bonus=PROGRESS_FROM)
    rows = []
    for k, ((s, e, status, verb), row_sims) in enumerate(zip(reports, sims)):
        j = int(row_sims.argmax())
        if row_sims[j] < PROGRESS_FROM:
            continue
        old = earlier.iloc[j]
        words = _shared(text[s:e], old["quote"]) or sorted((found[k] & set(old["actor_ids"])) - _COUNTRIES)
        rows.append(
            {
                "kind": "status",
                "commitment_id": old["commitment_id"],
                "status": status,
                "as_of": date,
                "evidence_start": s,
                "evidence_end": e,
                "evidence_quote": text[s:e],
                "confidence": round(float(min(row_sims[j] + 0.3, 1.0)), 3),
                "reason": f"'{verb}' suggests {status}; reports on {old['commitment_id']} ({row_sims[j]:.2f}; "
                f"shared: {', '.join(words)})",
            }
        )
    return rows


def followup_rows(path, followup: pd.DataFrame, ids: dict, text: str, doc_id: str, date: str, today: str) -> tuple[list, list]:
    """The accepted rows of a review's follow-up file, as ``commitment_links`` and ``status_updates`` rows.

    Parameters
    ----------
    path : Path
        The follow-up file, named in errors.
    followup : DataFrame
        Its rows (text cells); ``accept`` and ``fix`` rows are added, ``drop`` and undecided (empty) rows are not.
    ids : dict
        Proposal id -> the commitment id it was merged as (or already had).
    text : str
        The document's text (evidence quotes are checked against it, and found again when edited).
    doc_id, date, today : str
        The document's id and date (the default ``as_of``), and the recording date.

    Returns
    -------
    (list of dict, list of dict)
        The links and the status updates (without ``update_id``).

    Raises
    ------
    ReviewError
        An unknown decision, a link from a dropped proposal, an evidence quote not in the
        text, a status without ``assessed_by``; naming the file, row and field.
    """
    links, statuses = [], []
    for i, r in enumerate(followup.to_dict("records")):
        key = f"followup_id={r.get('followup_id', '')!r}"
        decision = str(r.get("decision", "")).strip().lower()
        if decision not in ("accept", "fix", "drop", ""):
            raise ReviewError(
                path,
                f"decision {r.get('decision', '')!r}",
                row=i + 1,
                field="decision",
                key=key,
                expected="accept, fix or drop (or empty: not decided yet, left out of this merge)",
            )
        if decision in ("drop", ""):
            continue
        kind = str(r["kind"]).strip()
        if kind == "link":
            later = ids.get(str(r["proposal_id"]).strip())
            if later is None:
                raise ReviewError(
                    path,
                    f"proposal {r['proposal_id']!r} was not merged (dropped, or no such proposal)",
                    row=i + 1,
                    field="proposal_id",
                    key=key,
                    expected="a proposal of the review file that is accepted or fixed (or drop this link)",
                )
            links.append(
                {
                    "later_id": later,
                    "earlier_id": str(r["commitment_id"]).strip().upper(),
                    "relation": str(r["relation"]).strip(),
                    "reason": str(r["reason"]).strip(),
                }
            )
        elif kind == "status":
            statuses.append(_status_row(path, r, i, key, text, doc_id, date, today))
        else:
            raise ReviewError(path, f"kind {kind!r}", row=i + 1, field="kind", key=key, expected="link or status")
    return links, statuses


def _status_row(path, r: dict, i: int, key: str, text: str, doc_id: str, date: str, today: str) -> dict:
    """An accepted status row of the follow-up file as a ``status_updates`` row (its evidence found in the text)."""
    quote = str(r["evidence_quote"])
    try:
        start, end = int(r["evidence_start"]), int(r["evidence_end"])
    except ValueError:
        start = end = -1
    if text[start:end] != quote or start < 0:
        if text.count(quote) != 1 or not quote:
            raise ReviewError(
                path,
                "the evidence quote is not the text at its offsets, nor found once in it",
                row=i + 1,
                field="evidence_quote",
                key=key,
                expected="the exact words of the statement (edit the quote and the offsets follow)",
            )
        start = text.index(quote)
        end = start + len(quote)
    by = str(r.get("assessed_by", "")).strip()
    if not by:
        raise ReviewError(
            path,
            "no assessor",
            row=i + 1,
            field="assessed_by",
            key=key,
            expected="who assessed it (a name or a team) on every accepted status row",
        )
    return {
        "commitment_id": str(r["commitment_id"]).strip().upper(),
        "as_of": str(r["as_of"]).strip() or date,
        "status": str(r["status"]).strip(),
        "evidence_document": doc_id,
        "evidence_start": str(start),
        "evidence_end": str(end),
        "evidence_quote": text[start:end],
        "evidence_url": "",
        "evidence_note": "",
        "assessed_by": by,
        "recorded": today,
    }


def read_followup(rs, merged_as: dict, texts: dict, found, ds) -> tuple[list, list, int]:
    """The accepted follow-up rows of a review set, not yet in the data (none when it has no follow-up file).

    Parameters
    ----------
    rs : ReviewSet
        The review set.
    merged_as : dict
        Proposal id -> the commitment id it was merged as (or already had).
    texts : dict
        Document id -> text, the new document's included.
    found : tuple or None
        What :func:`~dialoguelib.ingest.review.read_document` returned (the document row first).
    ds : Dataset
        The data before the merge.

    Returns
    -------
    (list of dict, list of dict, int)
        Links and status updates to add, and how many rows are undecided (left out).
    """
    import io

    from ..package.text import first_control_character

    path = rs.followup
    if not path.exists():
        return [], [], 0
    try:
        followup = pd.read_csv(io.BytesIO(path.read_bytes()), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ReviewError(
            path, f"not a CSV file that ingest wrote ({exc})", expected="the follow-up CSV of the review set"
        ) from None
    except pd.errors.EmptyDataError:
        return [], [], 0
    missing = [c for c in FOLLOWUP_COLUMNS if c not in followup.columns]
    if missing:
        raise ReviewError(path, f"missing column(s) {missing}", expected=f"the columns {FOLLOWUP_COLUMNS}")
    for column in FOLLOWUP_COLUMNS:
        hit = first_control_character(followup[column].tolist())
        if hit is not None:
            raise ReviewError(
                path,
                f"a control character U+{ord(hit[2]):04X}",
                row=hit[0] + 1,
                field=column,
                expected="text without control characters",
            )
    if found is None:
        doc_id, date = "", ""
    else:
        doc_id, date = found[0]["document_id"], found[0]["date"]
    today = f"{pd.Timestamp.now(tz='UTC'):%Y-%m-%d}"
    links, statuses = followup_rows(path, followup, merged_as, texts.get(doc_id, ""), doc_id, date, today)
    have_links = set(zip(ds.commitment_links["later_id"].astype(str), ds.commitment_links["earlier_id"].astype(str)))
    links = [x for x in links if (x["later_id"], x["earlier_id"]) not in have_links]
    su = ds.status_updates
    have = set(
        zip(
            su["commitment_id"].astype(str),
            su["as_of"].dt.strftime("%Y-%m-%d"),
            su["status"].astype(str),
            su["evidence_document"].astype(str),
            su["evidence_start"].astype(str),
        )
    )
    statuses = [
        x
        for x in statuses
        if (x["commitment_id"], x["as_of"], x["status"], x["evidence_document"], x["evidence_start"]) not in have
    ]
    return links, statuses, int((followup["decision"].str.strip() == "").sum())


def stage_followup(data_dir, ds, links: list, statuses: list) -> dict:
    """The new bytes of ``commitment_links.csv`` and ``status_updates.csv`` with the rows appended
    (each status given the next ``update_id``); ``{}`` for a table with nothing to add.

    Parameters
    ----------
    data_dir : Path
        The data folder.
    ds : Dataset
        The data before the merge.
    links, statuses : list of dict
        What :func:`read_followup` returned.

    Returns
    -------
    dict
        ``{file name: bytes}``.
    """
    from ..package import store
    from ..package.schema import table_fields

    out = {}
    used = [int(u.split("-", 1)[1]) for u in ds.status_updates["update_id"].astype(str)]
    for n, row in enumerate(statuses, start=max(used, default=0) + 1):
        row["update_id"] = f"SU-{n:04d}"
    for name, rows in (("commitment_links", links), ("status_updates", statuses)):
        if rows:
            columns = [f["name"] for f in table_fields(ds.descriptor, name)]
            old = (data_dir / f"{name}.csv").read_bytes()
            out[f"{name}.csv"] = old + store.csv_bytes(pd.DataFrame(rows, columns=columns).fillna(""), header=False)
    return out


def followup_changes(links: list, statuses: list) -> list[str]:
    """The changelog lines of the links and status updates a merge adds.

    Parameters
    ----------
    links, statuses : list of dict
        The rows added (statuses with their ``update_id``).

    Returns
    -------
    list of str
    """
    lines = [f"Linked `{x['later_id']}` {x['relation']} `{x['earlier_id']}`" for x in links]
    lines += [
        f"Recorded `{x['update_id']}`: `{x['commitment_id']}` {x['status']} as of {x['as_of']} ({x['assessed_by']})"
        for x in statuses
    ]
    return lines
