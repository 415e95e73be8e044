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
        # longest names first, so that "Department of Treasury's Office of Foreign Assets Control" wins over "Treasury"
        words = [r"\s+".join(re.escape(w) for w in n.split()) for n in sorted(self.by_name, key=len, reverse=True)]
        self.name_re = re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE) if words else None
        acr = sorted(acronyms, key=len, reverse=True)
        self.acronym_re = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, acr)) + r")(?![\w])") if acr else None

    def find(self, folded_clause: str) -> list[str]:
        """Actor ids named in a clause (accents folded), in order of first mention."""
        found = []
        if self.name_re is not None:
            found += [self.by_name[" ".join(m.group(0).lower().split())] for m in self.name_re.finditer(folded_clause)]
        if self.acronym_re is not None:
            found += [self.acronyms[m.group(0)] for m in self.acronym_re.finditer(folded_clause)]
        return list(dict.fromkeys(found))


def candidates(clause: str, known_names: set, known_folded: list) -> list[str]:
    """New-actor candidates in a clause: organisation names and acronyms not in the data, trimmed and split.

    Parameters
    ----------
    clause : str
        The proposal's text.
    known_names : set of str
        The data's actor names, aliases and acronyms, lower-cased.
    known_folded : list of str
        The same with accents folded, for fuzzy matching (a token-sort ratio of 90 or more is a known actor).

    Returns
    -------
    list of str
        Names with no leading article, split at "and"/"y", no all-caps word that is a heading or label.
    """
    from rapidfuzz import fuzz, process

    found = []
    for m in [*ORG_RE.finditer(clause), *ORG_ES_RE.finditer(clause)]:
        name = re.sub(r"^(?:The|the|La|El|Los|Las|Del|del|Today|Hoy)\s+", "", " ".join(m.group(0).split()))
        for part in re.split(
            r"\s+(?:and|y)\s+(?=(?:the\s+|la\s+|el\s+|los\s+|las\s+)?[A-ZÁÉÍÓÚ])", name
        ):  # "the FBI and the Navy": two bodies
            part = re.sub(r"^(?:the|la|el|los|las)\s+", "", part, flags=re.IGNORECASE).strip(" ,")
            if len(part) < 4 or part.lower() in known_names:
                continue
            if any(part.lower() in k or k in part.lower() for k in known_names):
                continue
            if process.extractOne(fold(part).lower(), known_folded, scorer=fuzz.token_sort_ratio, score_cutoff=90):
                continue  # a spelling of a known actor's name
            found.append(part)
    for m in ACRONYM_RE.finditer(clause):
        if m.group(1).lower() not in known_names:
            found.append(m.group(1))
    for m in re.finditer(r"(?<![\w.])([A-Z][A-Z&]{2,9})(?![\w.])", clause):  # bare acronyms: FGR, SSPC, GANSEG
        w = m.group(1)
        if w not in NOT_ACRONYMS and w.lower() not in known_names and not clause.isupper():
            found.append(w)
    return list(dict.fromkeys(found))
