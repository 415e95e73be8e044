"""The development set: statements the team wrote in the styles of real follow-ups, with gold annotations.

See ``evaluation/README.md``. ``load()`` returns each statement with its text (as
``dialoguelib.ingest.read_statement`` reads it: HTML pages through their main-text extraction)
and its gold spans located in that text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
GOALS = {"protect", "prevent", "pursue", "cross-cutting", "outside"}
PARTIES = {"US", "MX", "both"}
KINDS = {"action", "objective", "principle"}
SPLITS = {"tuned", "fresh"}


@dataclass
class Gold:
    start: int
    end: int
    quote: str
    clear: bool
    goal_id: str
    area_id: str | None
    party: str
    actors: list[str]
    modality: str
    kind: str
    second_goal: str | None = None  # a second goal that would also be right
    third_countries: list[str] = field(default_factory=list)  # a third country that shares the undertaking
    parts: list[tuple[int, int]] = field(default_factory=list)  # where the codebook asks for separate commitments
    links: list[tuple[str, str]] = field(default_factory=list)  # (earlier commitment id, relation)


@dataclass
class Statement:
    id: str
    path: Path
    language: str
    kind: str
    text: str
    split: str = "tuned"  # "fresh": written after the rules it measures, see README.md
    commitments: list[Gold] = field(default_factory=list)
    progress: list[tuple[int, int, str, str | None]] = field(default_factory=list)  # (start, end, status, refers_to)
    traps: list[tuple[int, int, str]] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    links_annotated: bool = False  # whether the gold says which earlier commitments it links to (``links``)


class GoldError(ValueError):
    pass


def _locate(text: str, quote: str, occurrence: int, where: str, unique: bool = True) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos == -1:
            raise GoldError(f"{where}: quote not found in the text (occurrence {occurrence}): {quote[:80]!r}")
    if unique and occurrence == 1 and text.find(quote, pos + 1) != -1:
        raise GoldError(f"{where}: quote occurs more than once; give 'occurrence': {quote[:80]!r}")
    return pos, pos + len(quote)


def read_text(path: Path) -> str:
    """The statement's text as ingestion reads it."""
    from dialoguelib.ingest import read_statement

    return read_statement(path)


def load(root: Path = ROOT, areas: dict | None = None, actors: set | None = None) -> list[Statement]:
    """Every statement of the development set with its gold, checked (quotes found, values valid).

    ``areas`` ({area_id: goal_id}) and ``actors`` (ids) default to the shipped data's.
    """
    if areas is None or actors is None:
        import dialoguelib

        ds = dialoguelib.load()
        areas = dict(zip(ds.areas["area_id"].astype(str), ds.areas["goal_id"].astype(str)))
        actors = set(ds.actors["actor_id"])
    return [_statement(gold_path, root, areas, actors) for gold_path in sorted((root / "gold").glob("*.json"))]


def _statement(gold_path: Path, root: Path, areas: dict, actors: set) -> Statement:
    """One statement and its gold, checked."""
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = g["document"]
    sources = list((root / "statements").glob(gold_path.stem + ".*"))
    if len(sources) != 1:
        raise GoldError(f"{gold_path.name}: expected one statement file named {gold_path.stem}.*, found {len(sources)}")
    text = read_text(sources[0])
    if doc.get("split", "tuned") not in SPLITS:
        raise GoldError(f"{gold_path.name}: split {doc['split']!r} is not one of {sorted(SPLITS)}")
    st = Statement(doc["id"], sources[0], doc["language"], doc["kind"], text, doc.get("split", "tuned"), meta=doc)
    st.links_annotated = any("links" in c for c in g["commitments"])
    for i, c in enumerate(g["commitments"]):
        st.commitments.append(_gold(c, text, f"{gold_path.name} commitments[{i}]", areas, actors))
    extracted = text != sources[0].read_text(encoding="utf-8")
    for i, p in enumerate(g.get("progress", [])):
        s, e = _locate(text, p["quote"], p.get("occurrence", 1), f"{gold_path.name} progress[{i}]", unique=False)
        st.progress.append((s, e, p.get("status", ""), p.get("refers_to")))
    for i, p in enumerate(g.get("traps", [])):
        if extracted and p["quote"] not in text:
            continue  # a saved page's headline or byline that the main-text extraction left out
        # a repeated lead-in or heading among traps: any occurrence is a trap
        s, e = _locate(text, p["quote"], p.get("occurrence", 1), f"{gold_path.name} traps[{i}]", unique=False)
        st.traps.append((s, e, p.get("why", "")))
    return st


def _gold(c: dict, text: str, where: str, areas: dict, actors: set) -> Gold:
    """One gold commitment, its quote found in the text and its codes checked."""
    s, e = _locate(text, c["quote"], c.get("occurrence", 1), where)
    if c["goal_id"] not in GOALS or c["party"] not in PARTIES or c["kind"] not in KINDS:
        raise GoldError(f"{where}: goal, party or kind not valid: {c['goal_id']}, {c['party']}, {c['kind']}")
    area = c.get("area_id") or None
    if area is not None and areas.get(area) != c["goal_id"]:
        raise GoldError(f"{where}: area {area!r} is not an area of goal {c['goal_id']!r}")
    unknown = [a for a in c.get("actors", []) if not a.startswith("new:") and a not in actors]
    if unknown:
        raise GoldError(f"{where}: unknown actor id {unknown[0]!r}")
    if c.get("second_goal") not in GOALS | {None}:
        raise GoldError(f"{where}: second_goal {c['second_goal']!r} is not a goal")
    parts = []
    for part in c.get("parts", []):
        k = c["quote"].find(part)
        if k == -1:
            raise GoldError(f"{where}: part not found in the quote: {part[:80]!r}")
        parts.append((s + k, s + k + len(part)))
    links = [(link["earlier_id"], link["relation"]) for link in c.get("links", [])]
    return Gold(
        s,
        e,
        c["quote"],
        bool(c.get("clear", True)),
        c["goal_id"],
        area,
        c["party"],
        list(c.get("actors", [])),
        c["modality"],
        c["kind"],
        c.get("second_goal"),
        list(c.get("third_countries", [])),
        parts,
        links,
    )
