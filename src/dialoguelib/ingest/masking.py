"""Who says it carries no goal weight: names of people, offices, countries and the framework's own title masked
out of a clause before its goal and area are suggested.

"Secretary Mayorkas and Secretary Rodríguez reaffirmed their commitment to the framework" leaves "reaffirmed
their commitment to the", and nothing of the Department of Homeland Security's "Security" or of the framework's
"Public Health" and "Safe Communities" can pull it to a goal. Places and the cartels' names are masked too (where
and against whom, not what: "Tucson, Phoenix" or "Cártel Jalisco Nueva Generación" pulled rows to wrong goals on
the development set). Names of programmes, networks and working groups (named for what they do) are kept.
"""

from __future__ import annotations

import re

from ..package.text import fold
from .rules.bodies import ACTOR_ALIASES, COUNTRY_NAMES, FRAMEWORK_NAME, KNOWN_BODIES, OFFICES, PEOPLE_TITLES, PLACE_NAMES

__all__ = ["Masker", "MASKED_TYPES"]

# Actors of these types are who acts or speaks, not what is done.
MASKED_TYPES = {
    "country",
    "government",
    "official",
    "department",
    "agency",
    "subnational_government",
    "international_organization",
}
_ACRONYM = re.compile(r"(?<![\w.])(?!TCOs?\b|MoUs?\b)[A-Z][A-Za-z&]{0,2}[A-Z]{1,8}s?(?![\w])")
_DEMONYMS = re.compile(r"\b(?:mexican[oa]?s?|american[oa]?s?|estadounidenses?|canadian|canadienses?|canad[aá])\b", re.IGNORECASE)


class Masker:
    """Mask the names that say who, not what, out of a text (see the module's docstring).

    Parameters
    ----------
    ds : Dataset
        The data whose actors of :data:`MASKED_TYPES` are masked by name, alias and acronym.
    """

    def __init__(self, ds):
        names = set()
        for r in ds.actors.itertuples(index=False):
            if r.type in MASKED_TYPES:
                names.update(n for n in [r.name, *r.aliases, *ACTOR_ALIASES.get(r.actor_id, [])] if len(n) >= 4)
        for canonical, *others in KNOWN_BODIES:
            names.update(n for n in [canonical, *others] if len(n) >= 4 and not n.isupper())
        words = sorted({" ".join(fold(n).lower().split()) for n in names}, key=len, reverse=True)
        body = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in words)
        self._names = re.compile(r"(?<!\w)(?:" + body + r")(?!\w)") if body else None

    def __call__(self, text: str) -> str:
        """``text`` folded to lower case without accents, with the names that say who replaced by spaces.

        >>> import dialoguelib
        >>> " ".join(Masker(dialoguelib.load())("Secretary Mayorkas and Mexico's SSPC reaffirmed their commitment.").split())
        "and 's reaffirmed their commitment."
        """
        text = FRAMEWORK_NAME.sub(" ", text)
        text = PEOPLE_TITLES.sub(" ", text)
        text = OFFICES.sub(" ", text)
        text = _ACRONYM.sub(" ", text)
        text = COUNTRY_NAMES.sub(" ", text)
        low = fold(text).lower()
        if self._names is not None:
            low = self._names.sub(" ", low)
        low = PLACE_NAMES.sub(" ", low)
        return _DEMONYMS.sub(" ", low)
