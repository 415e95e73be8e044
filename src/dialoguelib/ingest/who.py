"""Who a proposal is about: its party (US, MX or both) from the words before its verb, the data's
actors by name, alias, acronym, title or Spanish name, and new-actor candidates (trimmed, split,
fuzzy-matched against the known names with rapidfuzz)."""

from __future__ import annotations

import bisect
import re

from ..package.text import fold, unaccent
from .rules.bodies import ACRONYM_RE, ACTOR_ALIASES, FRAMEWORK_NAME, KNOWN_BODIES, NOT_ACRONYMS, ORG_ES_RE, ORG_RE, PARTY_TITLES

__all__ = ["party", "document_voice", "Voices", "Gazetteer", "candidates", "third_country", "THIRD_COUNTRY"]


# Subjects that name both governments (or a body of both); first person ("we", "our") is not one of them:
# it is the voice of whoever speaks (see document_voice and Voices).
_BOTH = re.compile(
    r"\b(both|together|united states and mexico|mexico and the united states|the two|ambos(?! ordenes)|"
    r"ambas(?! dependencias| secretarias)|las dos|los dos|"
    r"mexico y (?:los )?estados unidos|estados unidos y mexico|our (?:two )?(?:countries|nations|governments|peoples|delegations)|"
    r"security implementation group|grupo de implementacion de seguridad|high-level security (?:group|dialogue)|"
    r"grupo de alto nivel de seguridad|ganseg|dialogo de alto nivel|"
    r"nuestros (?:dos )?(?:paises|gobiernos|pueblos)|nuestras (?:dos )?naciones|bilateral|binational|binacional|joint|"
    r"conjunt[oa]s?|the leaders|the presidents|the delegations|the parties|both sides|the sides|they|"
    r"las delegaciones|las partes|los mandatarios|los presidentes|ambas partes)\b"
)
# "la red consular en los Estados Unidos": a place, not a subject
_US = re.compile(
    r"\bthe united states\b|\bu\.s\.|(?<!\ben )(?<!\ben los )\bestados unidos\b|"
    r"(?<!north )(?<!latin )(?<!central )(?<!south )\bamerican\b"
)
# U.S. states named as a partner ("junto con las autoridades de salud de California"); never Baja California
_US_STATES = re.compile(r"(?<!baja )\bcalifornia\b|\btexas\b|\barizona\b|\bnew mexico\b|\bnuevo mexico\b")
# Mexico's states, governors and federal agencies ("dependencias") are Mexico's, and so are both its
# orders of government ("ambos órdenes de gobierno", federal and state).
_MX = re.compile(
    r"\bmexic|\bmexican|\bgobiernos? (?:estatal|municipal)|\bgobernador|\bordenes de gobierno|\bdependencias\b|"
    r"\bpolicias (?:estatales|municipales)|\bfiscalias (?:estatales|de los estados)|\bentidades federativas"
)
# "will be provided by the U.S. government", "será fortalecida por la SSPC": the agent after the verb is the subject
_AGENT = re.compile(r"(?:will|shall) be \w+ (?:by|through)\s+(.{1,60})|ser(?:á|án) \w+ (?:por|a cargo de)\s+(.{1,60})", re.I)
# With whom: a partner of the other side after the verb ("with Mexico's FGR", "junto con el Departamento de
# Estado"), counterparts, or an exchange makes one voice's undertaking both sides'.
_PARTNER = re.compile(r"\b(?:with|alongside|con|junto a)\s+(.{1,70})", re.IGNORECASE)
# "cumplir con las solicitudes de", "con recursos de la INL", "with funding from": no partner in the undertaking
_NO_PARTNER = re.compile(
    r"(?:\b(?:cumpl\w*|comply\w*|complies)\s+$)|^(?:(?:el |la )?(?:recursos|fondos|apoyo|financiamiento|asistencia|"
    r"donativos?)\b|(?:the )?(?:funding|support|resources|assistance|funds|grants?)\s+(?:from|of)\b)",
    re.IGNORECASE,
)
# A head that opens with its partner and names no subject: "Con el Departamento de Estado trabajaremos"
_WITH_FIRST = re.compile(r"^\W*(?:junto con|junto a|en coordinacion con|con|together with|along with|with|alongside)\s")
_SHARED = re.compile(
    r"\b(?:exchange|exchanging|intercambi\w*|counterparts?|contrapartes?|bilateral|binacional|conjunt[oa]s?|joint)\b"
)
_ESTADOUNIDENSE = re.compile(r"\bestadounidenses?\b")


def _no_partner(rest: str, m) -> bool:
    """Whether a "with ..." after the verb names no partner in the undertaking: "cumplir con", "con recursos de"."""
    return bool(_NO_PARTNER.search(rest, 0, m.start())) or bool(_NO_PARTNER.match(m.group(1)))


def _names_side(text: str, side: str) -> bool:
    """Whether ``text`` names a government, body or office of ``side`` (US or MX)."""
    low = fold(text)
    if side == "US":
        return bool(_US.search(low) or _ESTADOUNIDENSE.search(low) or PARTY_TITLES["US"].search(text) or _US_STATES.search(low))
    return bool(_MX.search(low) or PARTY_TITLES["MX"].search(text))


# A phrase put before the subject ("Para integrar el equipo binacional, la FGR asignará", "In coordination with Mexico's
# FGR, the DEA will"): what it names is no subject.
_FRONTED = re.compile(
    r"^\W*(?:para|por|en|con|durante|antes|tras|desde|a partir|como|mediante|ante|asimismo|ademas|"
    r"in|to|as|with|by|under|for|after|before|during|over|through|also|additionally|furthermore|moreover)\b[^,]*,",
    re.IGNORECASE,
)


def _subject(head: str) -> str:
    """The subject of a clause's head: the words after a fronted phrase and its comma, when they name a party."""
    if not _FRONTED.match(fold(head)):
        return head
    after = head[head.rfind(",") + 1 :]
    return after if party(after, "") else head


def party(head: str, voice: str = "both", rest: str = "") -> str:
    """US, MX or both, from the words before a clause's modality verb (its subject).

    Parameters
    ----------
    head : str
        The clause up to its modality verb.
    voice : str
        Whose words these are when the subject names no government ("we", "our government", an
        impersonal "se reforzará", a bullet): ``US``, ``MX`` or ``both`` (default ``both``, as in
        a joint statement).
    rest : str
        The clause after its verb (default ""): one side's undertaking done with the other side
        ("with Mexico's FGR", "con sus contrapartes", an exchange) is both sides'.

    Returns
    -------
    str
        ``US``, ``MX`` or ``both``.

    >>> party("The two delegations"), party("Mexico’s FGR"), party("We", voice="US"), party("We")
    ('both', 'MX', 'US', 'both')
    >>> party("We ", voice="US", rest="work with the Attorney General of Mexico")
    'both'
    >>> party("Para integrar el equipo binacional, la FGR"), party("In coordination with Mexico's FGR, the DEA")
    ('MX', 'US')
    """
    head = _subject(head)
    h = fold(head)
    if _WITH_FIRST.match(h) and "," not in head:
        return party("", voice, f"{head} {rest}")  # the partner first, the subject left unsaid
    if _BOTH.search(h):
        return "both"
    us = bool(_US.search(h)) or bool(PARTY_TITLES["US"].search(head))
    mx = bool(_MX.search(h)) or bool(PARTY_TITLES["MX"].search(head))
    if us and mx:  # "the Treasury and Mexico's UIF": both
        return "both"
    if us or mx:
        return "US" if us else "MX"
    agent = _AGENT.match(rest)
    if agent:
        named = party(agent.group(1) or agent.group(2), "")
        if named:
            return named
    if voice in ("US", "MX") and rest:
        other = "MX" if voice == "US" else "US"
        partners = [m for m in _PARTNER.finditer(rest) if not _no_partner(rest, m)]
        if _SHARED.search(fold(rest)) or any(_names_side(m.group(1), other) for m in partners):
            return "both"
    return voice


# A wire story's dateline ("Ciudad de México, 14 mar (Agencia ...).-") or a byline: the text is news, not a government's.
_WIRE = re.compile(
    r"^[A-ZÁÉÍÓÚÑ][^\n]{2,60}\([A-Z][^)\n]{1,40}\)\s*\.?\s*[-–—]|^(?:By|Por) [A-ZÁÉÍÓÚÑ][\w.]+(?: [A-ZÁÉÍÓÚÑ][\w.]+){0,3}$",
    re.MULTILINE,
)
# A text that says it is a joint or leaders' statement, a little further down (a newspaper's reprint).
_JOINT_TITLE = re.compile(
    r"\b(?:joint (?:statement|communiqu[ée]|declaration|readout)|leaders[’']? (?:statement|declaration)|"
    r"declaraci[oó]n (?:conjunta|de (?:los )?l[ií]deres)|comunicado conjunto)\b",
    re.IGNORECASE,
)
# A third country that shares the undertakings of a trilateral text (a North American leaders' summit).
THIRD_COUNTRY = re.compile(r"\b(?:Canada|Canadá|Canadian|canadiense|Ottawa)\b")
_TRILATERAL = re.compile(
    r"\b(?:trilateral|three (?:countries|governments|nations|leaders)|(?:tres|los tres) (?:países|gobiernos|naciones|líderes)|"
    r"North America|América del Norte|all three)\b",
    re.IGNORECASE,
)


def third_country(head: str, document_third: str, named: str) -> str:
    """The third country that shares a clause's undertaking (``"Canada"``), or "".

    Parameters
    ----------
    head : str
        The clause's subject (the words before its verb).
    document_third : str
        The third country of a trilateral text ("" for a bilateral one).
    named : str
        The party the subject names (``both``, ``US``, ``MX`` or "" for none).

    Returns
    -------
    str
        "Canada" when the subject names it, or speaks for three ("our three governments", "the leaders of
        North America"), or, in a trilateral text, names none of the governments ("we", "the leaders"); ""
        when it names the two governments only ("President Biden and President López Obrador agreed").
    """
    if THIRD_COUNTRY.search(head) or _TRILATERAL.search(head):
        return "Canada"
    if document_third and not named:
        return document_third
    return ""


# Who publishes a statement, from its masthead: one government, or both (a joint text).
_JOINT_TEXT = re.compile(r"\b(?:joint|conjunt[oa])\b", re.IGNORECASE)
_BINATIONAL = re.compile(
    r"\b(?:trilateral|bilateral|binational|binacional|"
    r"U\.S\.[-–]Mexico|Mexico[-–](?:U\.S\.|United States)|United States[-–]Mexico|México[-–]Estados Unidos|"
    r"Estados Unidos[-–]México)(?!\w)",
    re.IGNORECASE,
)
_PUBLISHER = {
    "US": re.compile(
        r"White House|Press Secretary|U\.S\. Embassy|Embajada de (?:los )?Estados Unidos|Department of (?:State|Justice|"
        r"Homeland Security|the Treasury|Defense|Health and Human Services)|Homeland Security|Treasury|State Department|"
        r"Justice Department|\b(?:DHS|DOJ|ATF|DEA|FBI|CBP|ICE|HSI|FinCEN|OFAC|INL|ONDCP|HHS|CDC|SAMHSA)\b",
        re.IGNORECASE,
    ),
    "MX": re.compile(
        r"Gobierno de México|Government of Mexico|Secretar[ií]a de|Secretariat of|Presidencia de la República|"
        r"(?:Presidenta|Presidente) de los Estados Unidos Mexicanos|Palacio Nacional|Fiscalía General|Gabinete de Seguridad|"
        r"Guardia Nacional|Embajada de México|Cancillería|Mexican (?:Foreign Secretary|Secretary|Attorney General|Government)|"
        r"Unidad de Inteligencia Financiera|Hacienda|"
        r"\b(?:SRE|SSPC|FGR|SEDENA|SEMAR|UIF|SHCP|COFEPRIS|CONASAMA|ANAM|INM)\b",
        re.IGNORECASE,
    ),
}


def document_voice(text: str, start: int = 0) -> str:
    """Whose voice a statement speaks in when a sentence names no government: from its masthead.

    Parameters
    ----------
    text : str
        The statement.
    start : int
        Where its body begins (default 0).

    Returns
    -------
    str
        ``both`` for a binational text (its first five lines say bilateral, binacional, trilateral or
        U.S.-Mexico), a joint one ("joint", "conjunto") unless two offices of one side issue it
        together, or one whose first three lines name both governments' offices, or none; ``US`` or
        ``MX`` when they name only one side's (a Treasury press release, an SSPC communiqué, the
        joint release of the UIF and the SHCP, a presidential transcript).

    >>> document_voice("SECRETARÍA DE SALUD\\nComunicado 312\\n\\nSalud refuerza la prevención"), document_voice("Joint Statement\\n")
    ('MX', 'both')
    """
    lines = [line for line in text[start : start + 3000].splitlines() if line.strip()]
    first = FRAMEWORK_NAME.sub(" ", "\n".join(lines[:5]))  # "the U.S.-Mexico Bicentennial Framework" is no joint text
    if _WIRE.search(first) and _names_side(first, "US") and _names_side(first, "MX"):
        return "both"  # a news agency's or a paper's report of a meeting of the two: its unnamed subjects are the meeting's
    masthead_sides = [side for side, rx in _PUBLISHER.items() if rx.search("\n".join(lines[:3]))]
    issuers = sum(any(rx.search(line) for rx in _PUBLISHER.values()) for line in lines[:3])
    # a joint text: binational words, or "joint" unless two offices of one side issue it together (the
    # joint release of two Mexican agencies is Mexico's; the SRE's "comunicado conjunto" is with the other side)
    one_sides_pair = len(masthead_sides) == 1 and issuers >= 2
    if _BINATIONAL.search(first) or (_JOINT_TEXT.search(first) and not one_sides_pair):
        return "both"
    if _JOINT_TITLE.search("\n".join(lines[:12])) and not one_sides_pair:
        return "both"  # a reprint: the site's furniture first, then "Full text: joint statement"
    return masthead_sides[0] if len(masthead_sides) == 1 else "both"


# A speaker's label at the start of a paragraph of a transcript: "AMBASSADOR SALAZAR:", "PRESIDENTA:", "Q:".
_SPEAKER = re.compile(r"(?m)^([A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ.’'\- ]{0,60}):\s+(?:\([^)\n]{1,40}\)\s*)?")
# Speakers whose words are never commitments: the moderator, the press.
MUTED_SPEAKERS = re.compile(
    r"MODERAT(?:OR|RIX)|MODERADORA?|QUESTION|PREGUNTA|INTERLOCUTORA?|Q|REPORTER|PERIODISTA|PARTICIPANTE?|AUDIENCE|OPERATOR|"
    r"MASTER OF CEREMONIES|MAESTR[OA] DE CEREMONIAS"
)
# Spanish titles in a label speak for Mexico unless the name is a known U.S. official's.
_MX_TITLES = re.compile(
    r"\b(?:PRESIDENTA|PRESIDENTE|SECRETARI[OA]|SUBSECRETARI[OA]|CANCILLER|FISCAL|ALMIRANTE|GOBERNADORA?|FOREIGN SECRETARY)\b"
)


# "Grupo de Trabajo Conjunto sobre Extradiciones (GTC)": a name and the acronym the text gives it
_DEFINED = re.compile(
    r"((?:[A-ZÁÉÍÓÚÑ][\w’'\-]*[ \t]+(?:(?:de|del|la|las|los|el|y|sobre|para|en|of|for|on|and|the)[ \t]+)*){1,10})"
    r"\(([A-Z][A-Za-z0-9&]{1,9})\)"
)
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z0-9&]{1,9}\b")


class Voices:
    """Who speaks where: the statement's voice, in a transcript each speaker's side from their label on, and
    the acronyms the statement defines (so that "el GTC" is read as the joint group it names)."""

    def __init__(self, text: str, gazetteer, start: int = 0, lines: bool = False):
        self.document = document_voice(text, start)
        head = text[start : start + 3000]
        # a trilateral text: a third country named beside the two, with words of three
        self.third = "Canada" if THIRD_COUNTRY.search(head) and _TRILATERAL.search(head) else ""
        self.acronyms = {m.group(2): " ".join(m.group(1).split()) for m in _DEFINED.finditer(text, start)}
        self.marks: list = []  # (label start, words start, side, end of a muted speaker's paragraph or -1), in text order
        brk = "\n" if lines else "\n\n"
        for m in _SPEAKER.finditer(text, start):
            label = m.group(1).strip()
            if label in ("GOAL", "FACT SHEET", "NOTE", "NOTA"):
                continue
            countries = {gazetteer.country.get(a) for a in gazetteer.find(unaccent(label))} & {"US", "MX"}
            side = countries.pop() if len(countries) == 1 else "MX" if _MX_TITLES.search(label) else self.document
            muted = -1
            if MUTED_SPEAKERS.fullmatch(label):  # the moderator's or a reporter's words: their paragraph
                end = text.find(brk, m.end())
                muted = len(text) if end == -1 else end
            self.marks.append((m.start(), m.end(), side, muted))
        self._starts = [k[0] for k in self.marks]

    def expand(self, head: str) -> str:
        """``head`` followed by what the acronyms in it stand for, where the statement defined them."""
        if not self.acronyms:
            return head
        names = [self.acronyms[m.group(0)] for m in _ACRONYM.finditer(head) if m.group(0) in self.acronyms]
        # one acronym is one body: a definition that runs over two ("the DOJ and Mexico's Office (FGR)") says nothing
        names = [n for n in names if party(n, "") != "both" or _BOTH.search(fold(n))]
        return head if not names else f"{head} ({'; '.join(names)})"

    def at(self, s: int) -> tuple[int, str, bool]:
        """For the sentence starting at ``s``: where its words start (after a speaker's label), whose side
        speaks them, and whether they are a moderator's or the press's (never commitments)."""
        k = bisect.bisect_right(self._starts, s) - 1
        if k < 0:
            return s, self.document, False
        label_start, words, side, muted_to = self.marks[k]
        return (words if label_start == s else s), side, s < muted_to


class Gazetteer:
    """The data's actors by every name, alias, acronym and known title, found in one pass over a (folded) clause."""

    def __init__(self, ds):
        self.by_name: dict = {}
        acronyms: dict = {}
        self.country = dict(zip(ds.actors["actor_id"], ds.actors["country"]))  # US, MX, binational, ...
        for r in ds.actors.itertuples(index=False):
            for n in dict.fromkeys([r.name, *r.aliases, *ACTOR_ALIASES.get(r.actor_id, [])]):
                if len(n) >= 4:
                    self.by_name.setdefault(" ".join(fold(n).split()), r.actor_id)
            if isinstance(r.acronym, str):
                acronyms.setdefault(r.acronym, r.actor_id)
        self.acronyms = acronyms
        self.names = set(self.by_name) | {a.lower() for a in acronyms}
        self.folded = sorted({fold(n) for n in self.names})  # for fuzzy matching
        self._joined = "\n".join(self.names)  # "x in any name" as one search
        self._inside = re.compile("|".join(map(re.escape, sorted(self.names, key=len, reverse=True)))) if self.names else None
        self._index_bodies()
        # longest names first, so that "Department of Treasury's Office of Foreign Assets Control" wins over "Treasury"
        # matched on the lower-cased clause, at word starts: the same matches as ignoring case, faster
        words = [
            ("" if re.match(r"\w", n) else r"(?<!\w)") + r"\s+".join(re.escape(w) for w in n.split())
            for n in sorted(self.by_name, key=len, reverse=True)
        ]
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

    def body(self, name: str) -> str:
        """The canonical name of a body of :data:`~dialoguelib.ingest.rules.bodies.KNOWN_BODIES` that ``name`` names
        ("DHS", "Departamento de Seguridad Nacional" -> "Department of Homeland Security (DHS)"), else ``name``."""
        return self._cased.get(name) or self._loose.get(" ".join(fold(name).split())) or name

    def bodies_in(self, clause: str) -> list[str]:
        """The canonical names of the known bodies a clause names, in order of first mention."""
        hits = [(m.start(), self._cased[m.group(0)]) for m in self._cased_re.finditer(clause)] if self._cased_re else []
        if self._loose_re is not None:
            hits += [(m.start(), self._loose[" ".join(m.group(0).split())]) for m in self._loose_re.finditer(fold(clause))]
        return list(dict.fromkeys(name for _pos, name in sorted(hits)))

    def _index_bodies(self) -> None:
        """Index KNOWN_BODIES by name, leaving out those the data already holds as actors."""
        self._cased, self._loose = {}, {}
        for canonical, *names in KNOWN_BODIES:
            if any(" ".join(fold(n).split()) in self.names for n in names):
                continue  # an actor of the data: found by find(), not a candidate
            for n in names:
                if n.isupper() or " " not in n:
                    self._cased[n] = canonical
                else:
                    self._loose[" ".join(fold(n).split())] = canonical
        by_length = sorted(self._cased, key=len, reverse=True)
        loose = [r"\s+".join(map(re.escape, n.split())) for n in sorted(self._loose, key=len, reverse=True)]
        # (an empty alternation would match everywhere: a data folder that holds every known body has none)
        self._cased_re = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, by_length)) + r")(?![\w])") if by_length else None
        self._loose_re = re.compile(r"\b(?:" + "|".join(loose) + r")(?!\w)") if loose else None

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
        Names with no leading article, split at "and"/"y", no all-caps word that is a heading or label;
        a body of :data:`~dialoguelib.ingest.rules.bodies.KNOWN_BODIES` by its canonical name, once.
    """
    known_names = gazetteer.names
    found = []
    for m in [*ORG_RE.finditer(clause), *ORG_ES_RE.finditer(clause)]:
        name = _ARTICLE.sub("", " ".join(m.group(0).split()))
        for part in _AND.split(name):  # "the FBI and the Navy": two bodies
            part = _ARTICLE_ANY_CASE.sub("", part).strip(" ,")
            new = _new_name(part, gazetteer) if len(part) >= 4 else None
            if new:
                found.append(new)
    for m in ACRONYM_RE.finditer(clause):
        if m.group(1).lower() not in known_names:
            found.append(gazetteer.body(m.group(1)))
    for m in _BARE_ACRONYM.finditer(clause):
        w = m.group(1)
        if w not in NOT_ACRONYMS and w.lower() not in known_names and not clause.isupper():
            found.append(gazetteer.body(w))
    found += gazetteer.bodies_in(clause)
    return list(dict.fromkeys(found))


def _new_name(part: str, gazetteer: Gazetteer) -> str | None:
    """A name as a candidate: a body of the lexicon by its canonical name; None for a known actor or a spelling of one."""
    from rapidfuzz import fuzz, process

    known = gazetteer.body(part)
    if known != part:
        return known  # a body of the lexicon, by its canonical name
    if gazetteer.knows(part.lower()):
        return None
    if process.extractOne(fold(part), gazetteer.folded, scorer=fuzz.token_sort_ratio, score_cutoff=90):
        return None  # a spelling of a known actor's name
    return part
