"""Goal and area suggestions: a nearest-neighbour vote over TF-IDF vectors (scikit-learn) of the
framework's goal and area descriptions and the curated rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .lexicon import CROSS_CUTTING_CUES, SPANISH_EXAMPLES

__all__ = ["Suggester"]


@dataclass
class Example:
    text: str
    goal_id: str
    area_id: str | None


class Suggester:
    """Suggest goal and area by similarity to the framework's descriptions and curated rows."""

    def __init__(self, ds, documents=None, k: int = 5):
        from sklearn.feature_extraction.text import TfidfVectorizer

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
        self.examples = examples
        self.k = k
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english", min_df=1)
        self.matrix = self.vectorizer.fit_transform([e.text for e in examples])
        self.goals = [str(g) for g in ds.goals["goal_id"]]

    def suggest(self, text: str, section_goal: str | None = None, named_goal: str | None = None) -> tuple[str, str | None, float]:
        """(goal_id, area_id or None, score in 0..1) for a clause.

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
        (str, str or None, float)
            The goal id with most votes among the ``k`` nearest examples; the area of that goal voted
            for by them (None when no area is close enough); and the goal's share of all the votes.
        """
        v = self.vectorizer.transform([text])
        sims = (self.matrix @ v.T).toarray().ravel()
        top = np.argsort(-sims)[: self.k]
        votes = {g: 0.0 for g in self.goals}
        for i in top:
            votes[self.examples[i].goal_id] += sims[i]
        if section_goal in votes:
            votes[section_goal] += 0.15 + 0.25 * max(sims[top[0]], 0)
        if named_goal in votes:
            votes[named_goal] += 1.0
        if "cross-cutting" in votes and CROSS_CUTTING_CUES.search(text):
            votes["cross-cutting"] += 0.5
        goal = max(votes, key=votes.get)
        total = sum(votes.values()) or 1.0
        area_votes: dict = {}
        for i in top:
            ex = self.examples[i]
            if ex.goal_id == goal and ex.area_id:
                area_votes[ex.area_id] = area_votes.get(ex.area_id, 0.0) + sims[i]
        area = max(area_votes, key=area_votes.get) if area_votes and max(area_votes.values()) >= 0.12 else None
        return goal, area, float(votes[goal] / total)
