"""Who a proposal is about: its party (US, MX or both) from the words before its verb, the data's
actors by name, alias, acronym, title or Spanish name, and new-actor candidates (trimmed, split,
fuzzy-matched against the known names with rapidfuzz)."""

from __future__ import annotations

import re

from .lexicon import ACRONYM_RE, ACTOR_ALIASES, NOT_ACRONYMS, ORG_ES_RE, ORG_RE, PARTY_TITLES

__all__ = ["fold", "party", "Gazetteer", "candidates"]

_FOLD = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ’", "aeiouunAEIOUUN'")


def fold(text: str) -> str:
    """Accents and curly apostrophes folded (same length), for matching names: "México" -> "Mexico"."""
    return text.translate(_FOLD)


def party(head: str) -> str:
    """US, MX or both, from the words before a clause's modality verb (its subject)."""
    h = fold(head).lower()
    if re.search(
        r"\b(we|our|both|together|united states and mexico|mexico and the united states|the two|ambos|ambas|las dos|los dos|"
        r"mexico y (?:los )?estados unidos|estados unidos y mexico|nuestros (?:dos )?(?:paises|gobiernos)|bilateral|binational|"
        r"binacional|joint|conjunt[oa]s?)\b",
        h,
    ):
        return "both"
    us = bool(re.search(r"\bthe united states\b|\bu\.s\.|\bestados unidos\b|\bamerican\b", h)) or bool(
        PARTY_TITLES["US"].search(head)
    )
    mx = bool(re.search(r"\bmexic|\bmexican", h)) or bool(PARTY_TITLES["MX"].search(head))
    if us and not mx:
        return "US"
    if mx and not us:
        return "MX"
    if us and mx:  # "the Treasury and Mexico's UIF": both
        return "both"
    return "both"


class Gazetteer:
    """The data's actors by every name, alias, acronym and known title, found in one pass over a (folded) clause."""

    def __init__(self, ds):
        self.by_name: dict = {}
        acronyms: dict = {}
        for r in ds.actors.itertuples(index=False):
            for n in dict.fromkeys([r.name, *r.aliases, *ACTOR_ALIASES.get(r.actor_id, [])]):
                if len(n) >= 4:
                    self.by_name.setdefault(" ".join(fold(n).lower().split()), r.actor_id)
            if isinstance(r.acronym, str):
                acronyms.setdefault(r.acronym, r.actor_id)
        self.acronyms = acronyms
        self.names = set(self.by_name) | {a.lower() for a in acronyms}
        self.folded = sorted({fold(n).lower() for n in self.names})  # for fuzzy matching
        self._joined = "\n".join(self.names)  # "x in any name" as one search
        self._inside = re.compile("|".join(map(re.escape, sorted(self.names, key=len, reverse=True)))) if self.names else None
        # longest names first, so that "Department of Treasury's Office of Foreign Assets Control" wins over "Treasury"
        # matched on the lower-cased clause, at word starts: the same matches as ignoring case, faster
        words = [("" if re.match(r"\w", n) else r"(?<!\w)") + r"\s+".join(re.escape(w) for w in n.split())
                 for n in sorted(self.by_name, key=len, reverse=True)]  # fmt: skip
        self.name_re = re.compile(r"(?:\b|(?<!\w)(?=\W))(?:" + "|".join(words) + r")(?!\w)") if words else None
        acr = sorted(acronyms, key=len, reverse=True)
        self.acronym_re = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, acr)) + r")(?![\w])") if acr else None

    def find(self, folded_clause: str) -> list[str]:
        """Actor ids named in a clause (accents folded), in order of first mention."""
        found = []
        if self.name_re is not None:
            found += [self.by_name[" ".join(m.group(0).split())] for m in self.name_re.finditer(folded_clause.lower())]
        if self.acronym_re is not None:
            found += [self.acronyms[m.group(0)] for m in self.acronym_re.finditer(folded_clause)]
        return list(dict.fromkeys(found))

    def knows(self, name: str) -> bool:
        """Whether a lower-cased name (no line break) is a known name, lies inside one, or holds one."""
        return name in self._joined or (self._inside is not None and self._inside.search(name) is not None)


_ARTICLE = re.compile(r"^(?:The|the|La|El|Los|Las|Del|del|Today|Hoy)\s+")
_AND = re.compile(r"\s+(?:and|y)\s+(?=(?:the\s+|la\s+|el\s+|los\s+|las\s+)?[A-ZÁÉÍÓÚ])")  # "the FBI and the Navy"
_ARTICLE_ANY_CASE = re.compile(r"^(?:the|la|el|los|las)\s+", re.IGNORECASE)
_BARE_ACRONYM = re.compile(r"(?<![\w.])([A-Z][A-Z&]{2,9})(?![\w.])")  # FGR, SSPC, GANSEG


def candidates(clause: str, gazetteer: Gazetteer) -> list[str]:
    """New-actor candidates in a clause: organisation names and acronyms not in the data, trimmed and split.

    Parameters
    ----------
    clause : str
        The proposal's text.
    gazetteer : Gazetteer
        The data's actors: a name that is known, lies inside a known name or holds one, or is a
        spelling of one (a token-sort ratio of 90 or more, accents folded), is no candidate.

    Returns
    -------
    list of str
        Names with no leading article, split at "and"/"y", no all-caps word that is a heading or label.
    """
    from rapidfuzz import fuzz, process

    known_names = gazetteer.names
    found = []
    for m in [*ORG_RE.finditer(clause), *ORG_ES_RE.finditer(clause)]:
        name = _ARTICLE.sub("", " ".join(m.group(0).split()))
        for part in _AND.split(name):  # "the FBI and the Navy": two bodies
            part = _ARTICLE_ANY_CASE.sub("", part).strip(" ,")
            if len(part) < 4 or gazetteer.knows(part.lower()):
                continue
            if process.extractOne(fold(part).lower(), gazetteer.folded, scorer=fuzz.token_sort_ratio, score_cutoff=90):
                continue  # a spelling of a known actor's name
            found.append(part)
    for m in ACRONYM_RE.finditer(clause):
        if m.group(1).lower() not in known_names:
            found.append(m.group(1))
    for m in _BARE_ACRONYM.finditer(clause):
        w = m.group(1)
        if w not in NOT_ACRONYMS and w.lower() not in known_names and not clause.isupper():
            found.append(w)
    return list(dict.fromkeys(found))
