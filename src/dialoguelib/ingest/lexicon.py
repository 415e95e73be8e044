"""The words ingestion looks for: modality verbs and their strength, action verbs, purpose markers,
organisation names, dates, the framework's section headings and instruments."""

from __future__ import annotations

import re

# Order matters: the first that matches a clause's head names its modality.
MODALITY_PATTERNS = [
    ("reaffirm", r"\breaffirm(?:s|ed)?\b"),
    ("affirm", r"\baffirm(?:s|ed)?\b"),
    ("pledge", r"\bpledge(?:s|d)?\b"),
    ("intend", r"\bintend(?:s|ed)?\b|\bwith the intent to\b"),
    ("commit", r"\bcommit(?:s|ted)?\b(?!\s+crimes?)|\bcommitment to\b"),
    ("plan", r"\bplan(?:s|ned)? to\b"),
    ("propose", r"\bpropose(?:s|d)?\b"),
    ("agree", r"\bagree(?:s|d)? to\b|\bagreed\b"),
    ("seek", r"\bseek(?:s)?\b"),
    ("continue", r"\bcontinue(?:s)? to\b"),
    ("will", r"\bwill\b"),
    ("must", r"\bmust\b"),
    ("need", r"\bneed(?:s)? (?:to|and want to)\b|\bneed and want\b"),
    # Spanish: the same modalities (first-pass lexicon; see issue 12 for what remains)
    ("reaffirm", r"\breafirm(?:an|aron|amos|ó)\b"),
    ("commit", r"\b(?:se|nos) comprome(?:te|ten|tieron|temos|timos)\b|\bcompromiso de\b"),
    ("agree", r"\bacord(?:aron|amos|ó)\b|\bacuerdan\b"),
    ("continue", r"\bcontinuar(?:án|emos|á)\b|\bseguir(?:án|emos|á)\b"),
    ("objective", r"\bObjetivo(?: conjunto)? \d+(?:\.\d+)*:"),
    ("will", r"\b\w+(?:ará|erá|irá)n?\b|\b\w+(?:aremos|eremos|iremos)\b|\bvamos a\b|\bse prevé\b"),
]
MODALITY_RE = [(m, re.compile(p, re.IGNORECASE)) for m, p in MODALITY_PATTERNS]
STRENGTH = {
    "pledge": 0.95,
    "commit": 0.95,
    "reaffirm": 0.9,
    "affirm": 0.85,
    "intend": 0.9,
    "plan": 0.85,
    "agree": 0.9,
    "propose": 0.8,
    "seek": 0.8,
    "continue": 0.75,
    "will": 0.75,
    "must": 0.7,
    "need": 0.65,
    "objective": 0.6,
}

# Verbs that open a new action in a list of actions ("..., and strengthen ...").
ACTION_VERBS = {
    "address",
    "advance",
    "build",
    "collaborate",
    "combat",
    "conduct",
    "consider",
    "continue",
    "convene",
    "coordinate",
    "counter",
    "create",
    "develop",
    "disrupt",
    "dismantle",
    "diminish",
    "enhance",
    "ensure",
    "establish",
    "expand",
    "explore",
    "extradite",
    "facilitate",
    "fight",
    "focus",
    "foster",
    "freeze",
    "identify",
    "implement",
    "improve",
    "increase",
    "indict",
    "invest",
    "launch",
    "limit",
    "place",
    "prevent",
    "professionalize",
    "promote",
    "prosecute",
    "protect",
    "provide",
    "pursue",
    "reduce",
    "regularly",
    "share",
    "sign",
    "stand",
    "standardize",
    "strengthen",
    "support",
    "target",
    "track",
    "work",
    "evaluate",
    "arrest",
    "seize",
    "stop",
    "bring",
    "respond",
}
ING_STEMS = ACTION_VERBS | {"secure"}  # "securing modes of travel" is an action; "secure communities" is not
# After these, the rest of the sentence is the purpose or means of the action: no more cuts.
PURPOSE_MARKERS = re.compile(
    r"\b(?:in order to|with the intent to|with the goal of|with a focus on|focused on|so as to|"
    r"to help|for the benefit of)\b",
    re.IGNORECASE,
)
CROSS_CUTTING_CUES = re.compile(
    r"human rights|corruption|sovereignt|equity|civil rights|racial justice|shared responsibility|"
    r"holistic|new vision|concrete actions|coordinated manner|face security challenges",
    re.IGNORECASE,
)
ABBREVIATIONS = [
    "U.S.",
    "U.N.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "No.",
    "St.",
    "e.g.",
    "i.e.",
    "etc.",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Gen.",
    "Sen.",
    "Rep.",
    "Jr.",
    "Inc.",
    "Co.",
]
SENTENCE_END = re.compile(r"[.!?][”\"')\]]*(?=\s+[A-Z“\"(*•\-]|\s*$)|\n\s*\n|\n(?=\s*[•\-*]\s)")
ORG_WORDS = (
    r"(?:Office|Department|Commission|Agency|Administration|Unit|Program|Programme|Network|Council|Ministry|"
    r"Secretariat|Bureau|Group|Force|Institute|Service|Cartel|Guard|Directorate|Prosecutor|Attorney|Court|Center|Centre|Navy|Army|Police)"
)
ORG_RE = re.compile(
    rf"\b(?:[A-Z][\w’'\-]+\s+)(?:(?:of|for|and|the|on|de|del|la|y)\s+|[A-Z][\w’'\-]+\s+)*{ORG_WORDS}\b"
    rf"(?:\s+(?:of|for|on)\s+(?:[A-Z][\w’'\-]+\s*)+)?"
)
ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})\)")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
TIMING_RES = [
    re.compile(r"\bby (?:the end of )?(?:(?:" + MONTHS + r")\s+)?(\d{4})\b"),
    re.compile(r"\b(?:" + MONTHS + r")(?:\s+\d{1,2})?(?:,\s*\d{4})?\b"),
    re.compile(r"\b(?:annually|year-round|every year|each year|quarterly|monthly|biannually)\b", re.IGNORECASE),
    re.compile(r"\bwithin (?:the next )?\w+ (?:days|weeks|months|years)\b", re.IGNORECASE),
    re.compile(r"\bin (?:the lead-up to |early |late )?(\d{4})\b"),
]
SECTION_RE = re.compile(r"\bTo (protect our people|prevent transborder crime|pursue criminal networks)\b", re.IGNORECASE)
SECTION_GOAL = {"protect our people": "protect", "prevent transborder crime": "prevent", "pursue criminal networks": "pursue"}
INSTRUMENT_PATTERNS = {
    "mou": r"\bmemorand(?:um|a) of understanding\b|\bMoUs?\b",
    "network": r"\bnetwork for\b|\bNetwork\b",
    "working-group": r"\bworking group\b",
    "task-force": r"\btask forces?\b",
    "lab": r"\blab(?:s|oratory|oratories)?\b",
    "grant": r"\bgrants?\b",
    "designation": r"\bdesignation\b",
    "program": r"\bprogram(?:me)?\b",
    "meeting": r"\bmeet(?:ing)?s?\b",
    "training": r"\btraining\b",
    "technical-assistance": r"\btechnical assistance\b",
}

# Spanish descriptions of the goals and areas (the team's own wording), so that goal and area
# suggestions work on Spanish statements: extra examples for ingest.suggest.Suggester.
SPANISH_EXAMPLES = [
    ("protect", None, "proteger a nuestra gente comunidades seguras y sanas salud pública"),
    ("prevent", None, "prevenir la delincuencia transfronteriza tráfico de drogas armas fauna personas"),
    ("pursue", None, "perseguir a las redes criminales desmantelar finanzas ilícitas de las organizaciones criminales"),
    (
        "cross-cutting",
        None,
        "derechos humanos soberanía responsabilidad compartida confianza mutua intercambio de información evaluación",
    ),
    (
        "protect",
        "public-health",
        "salud pública consumo de drogas adicciones tratamiento prevención naloxona sobredosis reducción de daños",
    ),
    ("protect", "safe-communities", "comunidades seguras desarrollo social jóvenes oportunidades causas de la violencia"),
    ("protect", "homicide-reduction", "reducir homicidios violencia de alto impacto víctimas desaparecidos búsqueda"),
    (
        "prevent",
        "secure-travel-commerce",
        "comercio seguro viajes puertos de entrada aduanas inspección contenedores cruces fronterizos",
    ),
    ("prevent", "arms-trafficking", "tráfico de armas de fuego municiones rastreo balística armas aseguradas"),
    (
        "prevent",
        "tco-supply-chains",
        "cadenas de suministro precursores químicos fentanilo drogas sintéticas laboratorios clandestinos",
    ),
    ("prevent", "human-smuggling-trafficking", "tráfico ilícito de migrantes trata de personas redes de tráfico de personas"),
    ("pursue", "illicit-financiers", "finanzas ilícitas lavado de dinero inteligencia financiera flujos financieros activos"),
    ("pursue", "justice-sector-capacity", "fortalecer capacidades fiscales policías jueces sistema de justicia investigaciones"),
    ("pursue", "extraditions", "extradiciones procesar a los responsables entregas órdenes de aprehensión"),
]
