"""The development set: statements the team wrote in the styles of real follow-ups, with gold annotations.

See ``benchmarks/devset/README.md``. ``load()`` returns each statement with its text (as
``dialoguelib.ingest.read_statement`` reads it: HTML pages through their main-text extraction)
and its gold spans located in that text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "devset"
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


@dataclass
class Statement:
    id: str
    path: Path
    language: str
    kind: str
    text: str
    split: str = "tuned"  # "fresh": written after the rules it measures, see README.md
    commitments: list[Gold] = field(default_factory=list)
    progress: list[tuple[int, int, str]] = field(default_factory=list)
    traps: list[tuple[int, int, str]] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


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
    out = []
    for gold_path in sorted((root / "gold").glob("*.json")):
        g = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = g["document"]
        sources = [p for p in (root / "statements").glob(gold_path.stem + ".*")]
        if len(sources) != 1:
            raise GoldError(f"{gold_path.name}: expected one statement file named {gold_path.stem}.*, found {len(sources)}")
        text = read_text(sources[0])
        if doc.get("split", "tuned") not in SPLITS:
            raise GoldError(f"{gold_path.name}: split {doc['split']!r} is not one of {sorted(SPLITS)}")
        st = Statement(doc["id"], sources[0], doc["language"], doc["kind"], text, doc.get("split", "tuned"), meta=doc)
        for i, c in enumerate(g["commitments"]):
            where = f"{gold_path.name} commitments[{i}]"
            s, e = _locate(text, c["quote"], c.get("occurrence", 1), where)
            if c["goal_id"] not in GOALS or c["party"] not in PARTIES or c["kind"] not in KINDS:
                raise GoldError(f"{where}: goal, party or kind not valid: {c['goal_id']}, {c['party']}, {c['kind']}")
            area = c.get("area_id") or None
            if area is not None and areas.get(area) != c["goal_id"]:
                raise GoldError(f"{where}: area {area!r} is not an area of goal {c['goal_id']!r}")
            for a in c.get("actors", []):
                if not a.startswith("new:") and a not in actors:
                    raise GoldError(f"{where}: unknown actor id {a!r}")
            st.commitments.append(Gold(s, e, c["quote"], bool(c.get("clear", True)), c["goal_id"], area, c["party"],
                                       list(c.get("actors", [])), c["modality"], c["kind"]))  # fmt: skip
        for name, target in (("progress", st.progress), ("traps", st.traps)):
            for i, p in enumerate(g.get(name, [])):
                if name == "traps" and text != sources[0].read_text(encoding="utf-8") and p["quote"] not in text:
                    continue  # a saved page's headline or byline that the main-text extraction left out
                # a repeated lead-in or heading among traps: any occurrence is a trap
                s, e = _locate(text, p["quote"], p.get("occurrence", 1), f"{gold_path.name} {name}[{i}]", unique=False)
                target.append((s, e, p.get("status") or p.get("why", "")))
        out.append(st)
    return out
