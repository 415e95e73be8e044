"""Goal and area suggestions: a nearest-neighbour vote over TF-IDF vectors of the framework's goal
and area descriptions, the curated rows and the team's development statements (English and Spanish,
``examples.csv``), with the bilingual keyword lexicon of :mod:`dialoguelib.ingest.rules.topics`."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..package.text import fold
from .classify import LogisticModel
from .masking import Masker
from .matching import quick
from .rules.topics import (
    AREA_KEYWORDS,
    CROSS_CUTTING_CUES,
    CROSS_CUTTING_CUES_ES,
    GOAL_KEYWORDS,
    OUTSIDE_CUES,
    PRINCIPLE_CUES,
    PROCESS_CUES,
    SPANISH_EXAMPLES,
)
from .tfidf import STOP_WORDS, Tfidf

_CROSS_CUTTING = re.compile(f"{CROSS_CUTTING_CUES.pattern}|{CROSS_CUTTING_CUES_ES.pattern}")
# "presented at the next session": a time the action is set for, not the dialogue's calendar as the action
_ADJUNCT = re.compile(r"\b(?:at|in|during|before|by|until|en|durante|antes de|para|hasta)\s+(?:the\s+)?$")

__all__ = ["Suggester"]


@dataclass
class Example:
    text: str
    goal_id: str
    area_id: str | None


EXAMPLES = Path(__file__).with_name("rules") / "goal_examples.csv"
# Which goal model suggests: "vote" (the nearest examples' TF-IDF vote with the area words) or "logistic"
# (ingest.classify); chosen by leave-one-statement-out goal accuracy on the development set (evaluation/README.md).
MODEL = "vote"
# A clause whose nearest example is less alike than this (TF-IDF cosine) and that holds no area word is a weak case.
WEAK_SIMILARITY = 0.45  # the team's development set, tuned split (evaluation/)


def team_examples(exclude=()) -> list[Example]:
    """The commitments of the team's development statements (English and Spanish) with their gold goal and area.

    Parameters
    ----------
    exclude : collection of str
        Statement ids whose rows are left out (to score a statement without its own rows).

    Returns
    -------
    list of Example
        One per clear gold commitment under a framework goal (``evaluation/devset_examples.py`` writes the file).
    """
    with EXAMPLES.open(encoding="utf-8", newline="") as f:
        return [Example(r["text"], r["goal_id"], r["area_id"] or None) for r in csv.DictReader(f) if r["source"] not in exclude]


class Suggester:
    """Suggest goal and area by similarity to the framework's descriptions, the curated rows and the team's examples."""

    def __init__(self, ds, documents=None, k: int = 5, exclude_examples=(), model: str = MODEL):
        examples = [Example(r.description, str(r.goal_id), None) for r in ds.goals.itertuples(index=False)]
        examples += [
            Example(f"{r.name}. {r.description}", str(r.goal_id), str(r.area_id)) for r in ds.areas.itertuples(index=False)
        ]
        known_areas = set(ds.areas["area_id"].astype(str))
        examples += [Example(t, g, a) for g, a, t in SPANISH_EXAMPLES if a is None or a in known_areas]
        com = ds.commitments
        if documents is not None:
            com = com[com["document_id"].astype(str).isin(documents)]
        examples += [
            Example(q, str(g), None if pd.isna(a) else str(a)) for q, g, a in zip(com["quote"], com["goal_id"], com["area_id"])
        ]
        goals = set(ds.goals["goal_id"].astype(str))
        examples += [
            e for e in team_examples(exclude_examples) if e.goal_id in goals and (e.area_id is None or e.area_id in known_areas)
        ]
        self.examples = examples
        self.k = k
        self.mask = Masker(ds)  # names of people, offices, countries and the framework's title decide nothing
        self.vectorizer = Tfidf(STOP_WORDS)
        self.area_goal = dict(zip(ds.areas["area_id"].astype(str), ds.areas["goal_id"].astype(str)))
        # every area's keywords in one expression (one pass over a clause); the group that matched names the area
        entries = [(area, rx, w) for area, es in AREA_KEYWORDS.items() if area in self.area_goal for rx, w in es]
        self.keyword_area = {f"k{i}": (area, w) for i, (area, _rx, w) in enumerate(entries)}
        self.keywords = quick(  # the first letters looked at first: the same matches, about twice as fast
            re.compile(r"\b(?:" + "|".join(f"(?P<k{i}>\\b(?:{rx})\\b)" for i, (_a, rx, _w) in enumerate(entries)) + ")")
        )
        self.vectorizer.fit([self.mask(e.text) for e in examples])
        self.goals = [str(g) for g in ds.goals["goal_id"]]
        self._terms = None
        self.model_name = model
        self.areas = sorted(self.area_goal)
        self.model = self._train() if model == "logistic" else None

    def _features(self, row, low: str, kw: dict):
        """A clause's features for the logistic model: its TF-IDF terms, then its area words' weights and its cues."""
        idx, val = row
        n = len(self.vectorizer.feature_names)
        extra = [(n + k, min(kw[a], 2.0)) for k, a in enumerate(self.areas) if a in kw]
        cues = (CROSS_CUTTING_CUES.search(low) or CROSS_CUTTING_CUES_ES.search(low), PRINCIPLE_CUES.search(low))
        extra += [(n + len(self.areas) + k, 1.0) for k, c in enumerate(cues) if c]
        if not extra:
            return idx, val
        return np.concatenate([idx, [j for j, _v in extra]]).astype(np.int64), np.concatenate([val, [v for _j, v in extra]])

    def _train(self) -> LogisticModel:
        """The logistic model, trained on the examples (names masked): an area, or a goal without one."""
        rows, labels = [], []
        for i, e in enumerate(self.examples):
            low = self.mask(e.text)
            rows.append(self._features(self.vectorizer.rows[i], low, self._keywords(low)[0]))
            labels.append(e.area_id or f"goal:{e.goal_id}")
        self._class_goal = {}
        model = LogisticModel(rows, len(self.vectorizer.feature_names) + len(self.areas) + 2, labels)
        for c in model.classes:
            self._class_goal[c] = c[5:] if c.startswith("goal:") else self.area_goal[c]
        return model

    def suggest_with_reason(
        self, text: str, section_goal: str | None = None, named_goal: str | None = None
    ) -> tuple[str, str | None, float, str]:
        """(goal_id, area_id or None, score in 0..1, reason) for a clause.

        ``section_goal`` is the goal of the section the clause sits in ("To prevent transborder
        crime, ..."); ``named_goal`` a goal its sentence names outright ("**Protect our people** by ...").

        Parameters
        ----------
        text : str
            The clause.
        section_goal : str, optional
            The goal id of the section the clause sits in, which gets extra votes (default None: no section).
        named_goal : str, optional
            The goal id the clause's sentence names, which gets a full extra vote (default None: none named).

        Returns
        -------
        (str, str or None, float, str)
            The goal id with most votes among the ``k`` nearest examples and the area keywords; the
            area of that goal voted for (None when none is close enough); the goal's share of all the
            votes, times 0.7 when no area word of that goal backs it (up to 1 with one word's full
            weight; on the development set this ranks right goals above wrong ones better than the
            share alone); and the reason: the area words found, the words the clause shares with the
            examples that voted for the goal, and any section heading or named goal that added votes.
            ``outside`` (no area) when the clause is about migration or the dialogue's own process
            and no area's words are found.
        """
        return self.suggest_many([text], [section_goal], [named_goal])[0]

    def suggest_many(self, texts: list, section_goals: list | None = None, named_goals: list | None = None) -> list:
        """:meth:`suggest_with_reason` for many clauses at once (one TF-IDF transform for all of them).

        Parameters
        ----------
        texts : list of str
            The clauses.
        section_goals, named_goals : list, optional
            One goal id or None per clause (default None: none).

        Returns
        -------
        list of (str, str or None, float, str)
            One suggestion per clause, in order.
        """
        n = len(texts)
        section_goals = section_goals or [None] * n
        named_goals = named_goals or [None] * n
        out = []
        for text, section_goal, named_goal in zip(texts, section_goals, named_goals):
            masked = self.mask(text)
            row = self.vectorizer.transform(masked)
            if self.model is not None:
                out.append(self._one_logistic(masked, row, section_goal, named_goal))
            else:
                out.append(self._one(masked, self.vectorizer.similarities(row), row, section_goal, named_goal))
        return out

    def _one(self, text, sims, row, section_goal, named_goal):
        top = np.argsort(-sims, kind="stable")[: self.k]
        votes = {g: 0.0 for g in self.goals}
        for i in top:
            votes[self.examples[i].goal_id] += sims[i]
        low = fold(text)  # (already masked and folded)
        kw, kw_words, goal_words = self._word_votes(votes, low)
        if section_goal in votes:
            votes[section_goal] += 0.15 + 0.25 * max(sims[top[0]], 0)
        if named_goal in votes:
            votes[named_goal] += 1.0
        cue = _cross_cutting_cue(votes, low)
        unclaimed = max(kw.values(), default=0.0) < 1.0 and not cue and not goal_words  # no word of any area or goal
        outside = None if named_goal is not None else _outside(low, unclaimed)
        if outside is not None:
            return outside
        if not any(votes.values()) and "cross-cutting" in votes:
            # no word of any goal or area ("reaffirmed their commitment to the framework"): a general undertaking
            return "cross-cutting", None, 0.0, "no word of any goal or area: a general undertaking (weak suggestion)"
        goal = max(votes, key=votes.get)
        total = sum(votes.values()) or 1.0
        area = self._area(goal, top, sims, kw)
        reason = self._reason(row, top, sims, goal, section_goal, named_goal, text, cue)
        if area in kw_words:
            reason = f"area words: {', '.join(dict.fromkeys(kw_words[area]))}; " + reason
        elif goal in goal_words:
            reason = f"goal words: {', '.join(goal_words[goal][1])}; " + reason
        # the goal's share of the votes, trusted less when no area word of that goal backs it, and less again when the
        # clause shares few words with any example (a share of weak votes is no strong suggestion)
        backed = min(sum(v for a, v in kw.items() if self.area_goal[a] == goal) + goal_words.get(goal, (0.0,))[0], 1.0)
        evidence = min(1.0, max(float(sims[top[0]]), 0.0) / WEAK_SIMILARITY + backed)
        if evidence < 1.0:
            reason += f" (weak: few words in common with any example, {float(sims[top[0]]):.2f})"
        return goal, area, float(votes[goal] / total * (0.7 + 0.3 * backed) * (0.3 + 0.7 * evidence) ** 2), reason

    def _word_votes(self, votes: dict, low: str) -> tuple[dict, dict, dict]:
        """The area words' and the goal words' votes added to ``votes``; the areas' weights and words, the goals' words."""
        kw, kw_words = self._keywords(low)
        for area, score in kw.items():
            votes[self.area_goal[area]] = votes.get(self.area_goal[area], 0.0) + 0.7 * score
        goal_words = _goal_words(low, votes)
        for g, (score, _words) in goal_words.items():
            votes[g] += 0.7 * score
        return kw, kw_words, goal_words

    def _one_logistic(self, low, row, section_goal, named_goal):
        """The logistic model's suggestion for a masked clause (see :mod:`dialoguelib.ingest.classify`)."""
        kw, kw_words = self._keywords(low)
        cue = _CROSS_CUTTING.search(low) or PRINCIPLE_CUES.search(low)
        unclaimed = max(kw.values(), default=0.0) < 1.0 and not cue and not _goal_words(low, self.goals)
        outside = None if named_goal is not None else _outside(low, unclaimed)
        if outside is not None:
            return outside
        feats = self._features(row, low, kw)
        p = self.model.probabilities(feats)
        by_goal = {g: 0.0 for g in self.goals}
        for k, c in enumerate(self.model.classes):
            by_goal[self._class_goal[c]] = by_goal.get(self._class_goal[c], 0.0) + float(p[k])
        weighted = dict(by_goal)
        if section_goal in weighted:
            weighted[section_goal] *= 1.5
        if named_goal in weighted:
            weighted[named_goal] *= 4.0
        total = sum(weighted.values()) or 1.0
        goal = max(weighted, key=weighted.get)
        areas = [
            (float(p[k]), c)
            for k, c in enumerate(self.model.classes)
            if not c.startswith("goal:") and self._class_goal[c] == goal
        ]
        best = max(areas, default=(0.0, None))
        area = best[1] if by_goal[goal] and best[0] / by_goal[goal] >= 0.35 else None
        reason = self._model_reason(feats, area or f"goal:{goal}", kw_words.get(area, []), section_goal, named_goal, goal)
        return goal, area, weighted[goal] / total, reason

    def _model_reason(self, feats, cls, area_words, section_goal, named_goal, goal) -> str:
        """The words that raised the chosen class most (names were masked out), and any section or named goal."""
        n = len(self.vectorizer.feature_names)
        if cls not in self.model.classes:
            cls = next(c for c in self.model.classes if self._class_goal[c] == goal)
        top = [j for j in self.model.top_features(feats, cls, 8)]
        kept = _distinct_terms(str(self.vectorizer.feature_names[j]) for j in top if j < n)
        parts = [f"area words: {', '.join(dict.fromkeys(area_words))}"] if area_words else []
        return _decided_by(
            parts, kept, goal, section_goal, named_goal, weak="no word of any goal or area (the model's prior: a weak suggestion)"
        )

    def _keywords(self, low: str) -> tuple[dict, dict]:
        """The bilingual keyword lexicon's hits in a folded clause: each area's weight (its distinct words,
        weighted) and the words found."""
        found: dict = {}
        for m in self.keywords.finditer(low):
            found.setdefault(m.lastgroup, set()).add(m.group(0))
        kw: dict = {}
        kw_words: dict = {}
        for group, hits in found.items():
            area, w = self.keyword_area[group]
            kw[area] = kw.get(area, 0.0) + w * (1 + 0.5 * (len(hits) - 1))
            kw_words.setdefault(area, []).extend(sorted(hits))
        return kw, kw_words

    def _area(self, goal: str, top, sims, kw: dict) -> str | None:
        """The area of ``goal`` that the nearest examples and the keywords vote for, when close enough."""
        area_votes: dict = {}
        for i in top:
            ex = self.examples[i]
            if ex.goal_id == goal and ex.area_id:
                area_votes[ex.area_id] = area_votes.get(ex.area_id, 0.0) + sims[i]
        for area, score in kw.items():
            if self.area_goal[area] == goal:
                area_votes[area] = area_votes.get(area, 0.0) + 0.4 * score
        return max(area_votes, key=area_votes.get) if area_votes and max(area_votes.values()) >= 0.12 else None

    def _reason(self, row, top, sims, goal, section_goal, named_goal, text, cue) -> str:
        """The words (TF-IDF terms) the clause shares with the nearest examples of the chosen goal, heaviest first."""
        kept = self._shared_terms(row, top, sims, goal)
        cue_words = [f"cross-cutting cue: {cue.group(0)}"] if goal == "cross-cutting" and cue else []
        return _decided_by([], kept, goal, section_goal, named_goal, after=cue_words, weak="no shared words (weak suggestion)")

    def _shared_terms(self, row, top, sims, goal) -> list[str]:
        """Up to five terms the clause shares with the nearest examples of ``goal``, heaviest first, none inside another."""
        if self._terms is None:
            self._terms = self.vectorizer.feature_names
            self._rows = [dict(zip(idx.tolist(), val.tolist())) for idx, val in self.vectorizer.rows]
        weight: dict = {}
        for i in top:
            if self.examples[i].goal_id != goal or sims[i] <= 0:
                continue
            ex = self._rows[i]
            for j, val in zip(*row):
                if j in ex:
                    weight[j] = weight.get(j, 0.0) + float(val * ex[j])
        return _distinct_terms(str(self._terms[j]) for j in sorted(weight, key=weight.get, reverse=True))  # heaviest first


def _distinct_terms(terms, limit: int = 5) -> list[str]:
    """The first ``limit`` of ``terms`` that are no word of a term already kept ("arms trafficking" covers "arms")."""
    kept: list = []
    for w in terms:
        if not any(w in k.split() for k in kept):
            kept.append(w)
            if len(kept) == limit:
                break
    return kept


def _decided_by(parts: list, words: list, goal, section_goal, named_goal, weak: str, after=()) -> str:
    """A suggestion's reason: ``parts``, the words that decided it, whether the sentence names the goal or sits in
    its section, then ``after``; ``weak`` when nothing decided it."""
    parts = [*parts, *(["words: " + ", ".join(words[:5])] if words else [])]
    if named_goal == goal:
        parts.append("the sentence names the goal")
    elif section_goal == goal:
        parts.append("in the section on this goal")
    return "; ".join([*parts, *after]) or weak


def _cross_cutting_cue(votes: dict, low: str):
    """A cross-cutting cue (or, stronger, a principle for all the actions) in a folded clause: its votes added."""
    cue = _CROSS_CUTTING.search(low)
    if "cross-cutting" in votes and cue:
        votes["cross-cutting"] += 0.5
    principle = PRINCIPLE_CUES.search(low)
    if "cross-cutting" in votes and principle:
        votes["cross-cutting"] += 1.5
        cue = principle
    return cue


def _goal_words(low: str, goals) -> dict:
    """The words of a goal with no area of its own in a folded clause (cyber): {goal: (weight, words)}."""
    out = {}
    for goal, (rx, weight) in GOAL_KEYWORDS.items():
        words = list(dict.fromkeys(m.group(0) for m in rx.finditer(low)))
        if words and goal in goals:
            out[goal] = (weight, words)
    return out


def _outside(low: str, unclaimed: bool):
    """The suggestion for a clause outside the framework (the dialogue's own process; migration when no area's
    words claim it), or None. The dialogue's next meeting named as the time of an action ("presented at the next
    session") counts only as the weaker cue."""
    strong = PROCESS_CUES["strong"].search(low)
    if strong and _ADJUNCT.search(low, 0, strong.start()):
        strong = None
    process = strong or (unclaimed and PROCESS_CUES["weak"].search(low))
    if process:
        return "outside", None, 0.7, f"outside the framework: the dialogue's own process ({process.group(0)})"
    outside = OUTSIDE_CUES.search(low)
    if outside and unclaimed:
        return "outside", None, 0.6, f"outside the framework: {outside.group(0)}"
    return None
