"""The words ingestion looks for: modality verbs and their strength, action verbs, purpose markers,
organisation names, dates, the framework's section headings and instruments."""

from __future__ import annotations

import re

# The first modality word of a clause names its modality (see ingest.propose._modality).
MODALITY_PATTERNS_EN = [
    ("reaffirm", r"\breaffirm(?:s|ed)?\b"),
    ("affirm", r"\baffirm(?:s|ed)?\b"),
    ("pledge", r"\bpledge(?:s|d)?\b"),
    ("intend", r"\bintend(?:s|ed)?\b|\bwith the intent to\b"),
    ("commit", r"\bcommit(?:s|ted)?\b(?!\s+crimes?)|\bcommitment to\b"),
    # verbs of decision in readouts: "decided to establish", "instructed their cabinets to intensify"
    ("commit", r"\bdecide(?:s|d)? to\b|\bresolved to\b|\bset out to\b|\bundert(?:ake|akes|ook|aken) to\b|\bare determined to\b"),
    (
        "commit",
        r"\binstruct(?:s|ed)?\b(?=[^.;:]{0,80}?\bto\s+[a-z])|(?<!was )(?<!were )(?<!been )\blaunch(?:es|ed)? (?:a|an|the)\b",
    ),
    # "I have directed our consulate to assign ...", "tasked its Financial Subgroup with preparing ..."
    (
        "commit",
        r"\bdirect(?:s|ed)? (?:our|the|my|his|her|their|its|all)\b(?=[^.;:]{0,80}?\bto\s+[a-z])"
        r"|\btask(?:s|ed)?\b(?=[^.;:]{0,80}?\bwith\s+[a-z]+ing\b)",
    ),
    ("commit", r"^\s*This (?:also )?includes? \w+ing\b"),  # "This includes enhancing our efforts to ...": carried over
    ("plan", r"\bplan(?:s|ned)? to\b"),
    (
        "propose",
        r"\bpropose(?:s|d)?\b|\boffer(?:s|ed)? to\b|\b(?:is|are|stands?|remains?) (?:also )?(?:prepared|ready|willing) to\b",
    ),
    (
        "agree",
        r"\bagree(?:s|d)? to\b|\bagreed\b(?! on (?:"
        + "|".join("January February March April May June July August September October November December".split())
        + r"|\d))",
    ),
    ("seek", r"\bseek(?:s)?\b|\baims? to\b"),
    ("continue", r"\bcontinue(?:s)? to\b"),
    ("will", r"\bwill\b|\bshall\b|\b(?:are|is|am)\s+(?:also\s+|still\s+|now\s+)?going\s+to\b|[’']re (?:also )?going to\b"),
    ("must", r"\bmust\b"),
    ("need", r"\bneed(?:s)? (?:to|and want to)\b|\bneed and want\b"),
]
# Spanish: the same modalities (slower to match: futures are found by their endings)
MODALITY_PATTERNS_ES = [
    ("reaffirm", r"\breafirm(?:a|an|aron|amos|ó)\b|\brefrend(?:a|an|aron|amos|ó)\b"),
    ("commit", r"\b(?:se|nos|me) comprome(?:te|ten|tieron|temos|timos|tió|to)\b|\bcompromiso (?:de|con|para)\b"),
    ("commit", r"\binstruy(?:eron|ó|en|e)\b|\bdetermin(?:ó|aron)\b|\bdecidi(?:ó|eron|mos)\b|\bresolvi(?:ó|eron)\b"),
    (
        "agree",
        r"\bacord(?:aron|amos|ó)\b|\bacuerdan\b|\bconvin(?:ieron|imos|o) en\b|\bquedamos (?:de|en)\b"
        r"|\bcoincid(?:ieron|imos|ió) en (?:la necesidad de|que)\b",
    ),
    ("continue", r"\bcontinuar(?:án|emos|á)\b|\bseguir(?:án|emos|á)\b"),
    ("objective", r"\bObjetivo(?: conjunto)? \d+(?:\.\d+)*:|\bL[ií]nea de acci[oó]n \d+(?:\.\d+)*:"),
    # futures by their endings (trabajarán, establecerán, impulsaremos, pondrán, tendremos): the whole word,
    # then a look back at its end, which is faster than matching the ending inside the word
    ("will", r"\b\w+\b(?:(?<=[aeid]rá)|(?<=[aeid]rán)|(?<=[aeid]remos))|\bse prevé\b"),
    ("will", r"\b(?:hará|harán|haremos|dirá|habrá|habrán|querrá|sabrá)\b"),
    # "vamos a reforzar" (but not "les voy a decir", "vamos a empezar con las preguntas")
    (
        "will",
        r"\b(?:va|van|vamos|voy)\s+a\s+(?!decir\b|empezar\b|comenzar\b|iniciar\b|pasar\b|hablar\b|dar\b|escuchar\b|responder\b|"
        r"contestar\b|leer\b|contar\b|haber\b|ver\b|poner (?:la|el|las|los) (?:\w+ )?(?:lámina|video|gráfica|presentación|siguiente))"
        r"\w+(?:ar|er|ir)\b",
    ),
]
MODALITY_PATTERNS = MODALITY_PATTERNS_EN + MODALITY_PATTERNS_ES
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
ING_STEMS = ACTION_VERBS | {"secure"}
# Base forms that open an objective line or a bullet under a committing lead-in ("- Expand access to naloxone").
IMPERATIVES = ACTION_VERBS | {
    "accelerate", "adopt", "align", "allocate", "analyze", "assess", "assist", "attack", "broaden", "coordinate",
    "cut", "decrease", "deepen", "define", "deliver", "deploy", "design", "detect", "dismantle", "double", "educate",
    "eliminate", "enable", "encourage", "engage", "equip", "exchange", "extend", "finance", "form", "fund", "harmonize",
    "hold", "host", "inspect", "integrate", "intensify", "investigate", "issue", "join", "lead", "maintain", "map",
    "measure", "mobilize", "modernize", "monitor", "open", "organize", "partner", "prioritize", "publish", "raise",
    "reinforce", "report", "review", "scale", "set", "speed", "step", "streamline", "study", "train", "trace",
    "upgrade", "use", "warn", "agree", "create", "hire", "dedicate", "offer", "present", "complete", "prepare",
}  # fmt: skip
# Spanish infinitives that are nouns too, so an opening word ending in -ar/-er/-ir is not always an objective.
NOT_INFINITIVES = {"lugar", "mujer", "hogar", "militar", "particular", "popular", "similar", "titular", "familiar",
                   "nivel", "poder", "deber", "ser", "mar", "par", "bienestar", "sur", "por"}  # fmt: skip
# Words that make a clause's subject one of the governments (or a body acting for them).
PARTY_WORDS = re.compile(
    r"\b(?:we|our|us|both|together|the two|each|delegations?|governments?|countries|nations|officials|leaders|cabinets?|"
    r"united states|mexico|méxico|u\.s\.|mexican|american|secretar(?:y|ies|ía|io|ia)|department|ministry|president|"
    r"presidente|attorney|agenc(?:y|ies)|administration|office|authorities|autoridades|ambos|ambas|las dos|los dos|"
    r"nos|nuestr[oa]s?|gobiernos?|países|delegaci(?:ón|ones)|estados unidos|fiscalía|secretaría|partes|(?-i:[A-Z]{3,}))\b",
    re.IGNORECASE,
)
# A modality verb after these (in its clause) is in a subordinate clause, usually a past event:
# "one month after the two governments launched its second phase".
SUBORDINATE = re.compile(
    r"\b(?:after|since|when|once|before|whereas|después de que|desde que|cuando|antes de que)\b", re.IGNORECASE
)
# Relative pronouns: "who continue to suffer", "which will be", "it continues to guide".
RELATIVE = {"who", "which", "that", "it", "que", "qué", "quienes", "cual", "cuales", "this", "what"}
# Of these, the ones that make "which we will", "que ahora continuarán" relative two words back ("this" and "it"
# there are a determiner and a subject: "this communiqué shall").
RELATIVE_BACK = RELATIVE - {"this", "it"}
# After "will": no undertaking but a court's process or a speaker's procedure ("will face charges", "I will be brief").
NOT_UNDERTAKINGS = re.compile(
    r"\s+(?:now\s+|first\s+|never\s+)?(?:face|be sentenced|be arraigned|appear before|remain in custody|be brief|hear|"
    r"take (?:\w+ )?questions|turn to|give the floor|begin with|start with|forget)\b"
)
# A past meeting in a sentence's head: "At the previous meeting", "En la sesión anterior".
PAST_MEETING = re.compile(
    r"\b(?:at|in|during) (?:the|its|their) (?:previous|last|prior|first) (?:meeting|session|round)|"
    r"\ben (?:la|su) (?:sesión|reunión) (?:anterior|pasada)|\ben (?:la|su) (?:primera|última) (?:sesión|reunión)",
    re.IGNORECASE,
)
# A past time in a sentence's head: "A year ago", "In October 2021,", "Since its launch", "El año pasado".
PAST_TIME = re.compile(
    r"\b(?:a year ago|years? ago|last (?:year|spring|summer|fall|autumn|winter|month|week)|in (?:(?:"
    + "|".join("January February March April May June July August September October November December".split())
    + r")\s+)?(?:19|20)\d\d\b|since (?:its|the|then|(?:19|20)\d\d)|hace (?:un|una|dos|tres|\d+) (?:años?|meses?)|"
    r"el año pasado|en (?:(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
    r" de )?(?:19|20)\d\d\b|desde (?:su|la|el|(?:19|20)\d\d))",
    re.IGNORECASE,
)
# Names in other words: titles and Spanish names of actors in actors.csv (by id), matched accent-insensitively.
ACTOR_ALIASES = {
    "united-states": ["Estados Unidos", "EE. UU.", "EE.UU.", "EUA", "Washington"],
    "mexico": ["México", "Gobierno de México", "Mexican government", "Government of Mexico"],
    "joe-biden": ["President Biden", "presidente Biden", "presidente Joe Biden"],
    "andres-manuel-lopez-obrador": ["President López Obrador", "presidente López Obrador", "López Obrador", "AMLO"],
    "antony-blinken": ["Secretary Blinken", "secretario Blinken", "Blinken"],
    "alejandro-mayorkas": ["Secretary Mayorkas", "secretario Mayorkas", "Mayorkas"],
    "merrick-garland": ["Attorney General Garland", "fiscal general Garland", "Garland"],
    "us-treasury": ["Treasury Department", "Department of the Treasury", "Departamento del Tesoro", "Tesoro"],
    "uif": ["Unidad de Inteligencia Financiera", "Financial Intelligence Unit"],
    "cjng": ["Jalisco New Generation Cartel", "Cártel Jalisco Nueva Generación", "Cartel Jalisco Nueva Generación"],
    "tco": ["organizaciones criminales transnacionales", "organizaciones criminales", "organizaciones delictivas",
            "grupos criminales", "grupos delictivos", "cartels", "cárteles", "carteles"],
    "dea": ["Administración para el Control de Drogas"],
    "unodc": ["Oficina de las Naciones Unidas contra la Droga y el Delito", "ONUDD"],
    "unodc-port-container-control-program": ["Programa de Control de Contenedores"],
    "network-homicide-prevention": ["Red para la Prevención de Homicidios", "Network for Homicide Prevention"],
    "national-search-commission": ["Comisión Nacional de Búsqueda"],
    "samhsa": ["Administración de Servicios de Salud Mental y Abuso de Sustancias"],
    "ofac": ["Oficina de Control de Activos Extranjeros"],
}  # fmt: skip
# Bodies of the two governments (and others) that follow-up statements name but the 2021 data does not:
# each new-actor candidate that is one of their names is given as the first (its canonical name), so that
# "DHS", "Department of Homeland Security" and "Departamento de Seguridad Nacional" are one candidate.
# Names of one word (Defensa, Marina) and acronyms are matched with their case; the others ignoring it.
KNOWN_BODIES = [
    ["Department of Homeland Security (DHS)", "DHS", "Department of Homeland Security", "U.S. Department of Homeland Security",
     "Homeland Security", "Departamento de Seguridad Nacional"],
    ["Department of Justice (DOJ)", "DOJ", "Department of Justice", "U.S. Department of Justice", "Justice Department",
     "Departamento de Justicia"],
    ["Department of State", "State Department", "U.S. Department of State", "Departamento de Estado"],
    ["Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF)", "ATF", "Bureau of Alcohol, Tobacco, Firearms and Explosives",
     "Oficina de Alcohol, Tabaco, Armas de Fuego y Explosivos"],
    ["Financial Crimes Enforcement Network (FinCEN)", "FinCEN", "Financial Crimes Enforcement Network",
     "Red de Control de Delitos Financieros"],
    ["U.S. Customs and Border Protection (CBP)", "CBP", "Customs and Border Protection",
     "Oficina de Aduanas y Protección Fronteriza"],
    ["Homeland Security Investigations (HSI)", "HSI", "Homeland Security Investigations"],
    ["Bureau of International Narcotics and Law Enforcement Affairs (INL)", "INL",
     "Bureau of International Narcotics and Law Enforcement Affairs",
     "Oficina Internacional de Asuntos Antinarcóticos y Aplicación de la Ley"],
    ["Federal Bureau of Investigation (FBI)", "FBI", "Federal Bureau of Investigation", "Buró Federal de Investigaciones"],
    ["Food and Drug Administration (FDA)", "FDA", "Food and Drug Administration", "Administración de Alimentos y Medicamentos"],
    ["Centers for Disease Control and Prevention (CDC)", "CDC", "Centers for Disease Control and Prevention"],
    ["National Institute on Drug Abuse (NIDA)", "NIDA", "National Institute on Drug Abuse"],
    ["Office of National Drug Control Policy (ONDCP)", "ONDCP", "Office of National Drug Control Policy",
     "Oficina de Política Nacional para el Control de Drogas"],
    ["U.S. Agency for International Development (USAID)", "USAID", "Agency for International Development"],
    ["Immigration and Customs Enforcement (ICE)", "Immigration and Customs Enforcement"],
    ["Fiscalía General de la República (FGR)", "FGR", "Fiscalía General de la República", "Attorney General’s Office",
     "Attorney General's Office", "Office of the Attorney General of Mexico", "Mexico’s Attorney General’s Office"],
    ["Secretaría de Seguridad y Protección Ciudadana (SSPC)", "SSPC", "Secretaría de Seguridad y Protección Ciudadana",
     "Secretariat of Security and Citizen Protection", "Security and Citizen Protection Secretariat"],
    ["Secretaría de la Defensa Nacional (SEDENA)", "SEDENA", "Defensa", "Secretaría de la Defensa Nacional",
     "Secretariat of National Defense", "Ministry of Defense", "National Defense Secretariat"],
    ["Secretaría de Marina (SEMAR)", "SEMAR", "Marina", "Secretaría de Marina", "Mexican Navy", "Secretariat of the Navy"],
    ["Guardia Nacional", "Guardia Nacional", "Mexico’s National Guard", "Mexican National Guard"],
    ["Secretaría de Relaciones Exteriores (SRE)", "SRE", "Secretaría de Relaciones Exteriores", "Secretariat of Foreign Affairs",
     "Foreign Ministry", "Cancillería"],
    ["Secretaría de Salud", "Secretaría de Salud", "Mexico’s Ministry of Health", "Secretariat of Health"],
    ["Secretaría de Educación Pública (SEP)", "SEP", "Secretaría de Educación Pública"],
    ["Comisión Federal para la Protección contra Riesgos Sanitarios (COFEPRIS)", "COFEPRIS",
     "Comisión Federal para la Protección contra Riesgos Sanitarios"],
    ["Comisión Nacional de Salud Mental y Adicciones (CONASAMA)", "CONASAMA", "Comisión Nacional de Salud Mental y Adicciones",
     "National Commission on Mental Health and Addictions"],
    ["Agencia Nacional de Aduanas de México (ANAM)", "ANAM", "Agencia Nacional de Aduanas de México", "National Customs Agency"],
    ["Instituto Nacional de Migración (INM)", "INM", "Instituto Nacional de Migración", "National Migration Institute"],
    ["Gabinete de Seguridad", "Gabinete de Seguridad", "Security Cabinet"],
    ["Grupo de Alto Nivel de Seguridad (GANSEG)", "GANSEG", "Grupo de Alto Nivel de Seguridad", "High-Level Security Group"],
    ["Security Implementation Group", "Security Implementation Group", "Grupo de Implementación de Seguridad"],
    ["High-Level Security Dialogue", "High-Level Security Dialogue", "Diálogo de Alto Nivel sobre Seguridad",
     "Diálogo de Alto Nivel de Seguridad"],
    ["Sinaloa Cartel", "Sinaloa Cartel", "Cártel de Sinaloa", "Cartel de Sinaloa"],
    ["Canada", "Canada", "Canadá"],
]  # fmt: skip
# Titles and offices that name a party without naming an actor in actors.csv.
PARTY_TITLES = {
    "US": re.compile(r"\b(?:President Biden|Secretary (?:of State|of Homeland Security|Blinken|Mayorkas|Becerra|Yellen)|"
                     r"Attorney General Garland|U\.S\. (?:Attorney General|delegation|government|officials)|Washington|"
                     r"the Treasury|Treasury|FinCEN|OFAC|DEA|ATF|FBI|DHS|HSI|Department of (?:State|Justice|Homeland Security)|"
                     r"Justice Department|State Department|the American|estadounidense|Departamento de (?:Estado|Justicia|Seguridad Nacional)|"
                     r"Gobierno de Estados Unidos|gobierno estadounidense|Tesoro|White House|Casa Blanca|ONDCP|CBP|ICE|INL|HHS|CDC|"
                     r"NIDA|SAMHSA|FDA|U\.S\. Embassy|Embajada de (?:los )?Estados Unidos|Homeland Security)\b"),
    "MX": re.compile(r"\b(?:President López Obrador|presidente López Obrador|presidenta Sheinbaum|President Sheinbaum|"
                     r"Mexican (?:government|delegation|authorities|officials|Navy|Army)|Government of Mexico|Gobierno de México|"
                     r"gobierno mexicano|delegación mexicana|autoridades mexicanas|Foreign Secretary|canciller|cancillería|"
                     r"SRE|SSPC|FGR|UIF|SEDENA|SEMAR|GN|COFEPRIS|ANAM|Secretar(?:ía|iat) (?:de|of)|Fiscalía|Guardia Nacional|"
                     r"Attorney General of Mexico|Attorney General’s Office|Mexico’s|Fiscal General de la República|INM|"
                     r"CONASAMA|IMSS|Secretaría de Salud|Gabinete de Seguridad)\b"),
}  # fmt: skip
# All-caps words that are not bodies: headings, labels, document kinds.
NOT_ACRONYMS = {"FACT", "SHEET", "THE", "WHITE", "HOUSE", "GOAL", "QUESTION", "PREGUNTA", "END", "TEXT", "FY", "MR",
                "II", "III", "IV", "USA", "NOTE", "NEW", "AND", "FOR", "OUR", "DE", "LA", "EL", "LOS", "LAS", "DEL", "Y",
                "PM", "AM", "EST", "CDT", "UTC", "MODERATOR", "SECRETARY", "PRESIDENT", "GENERAL", "ATTORNEY", "FOREIGN",
                "COOPERATION", "WITH", "MEXICO", "STATES", "UNITED", "PROGRESS", "SINCE", "COMMITMENTS", "OCTOBER",
                "SECRETARIO", "SECRETARIA", "FISCAL", "CANCILLER", "PRESIDENTE", "HLSD", "USD", "MXN"}  # fmt: skip  # "securing modes of travel" is an action; "secure communities" is not
# After these, the rest of the sentence is the purpose or means of the action: no more cuts.
PURPOSE_MARKERS = re.compile(
    r"\b(?:in order to|with the intent to|with the goal of|with a focus on|focused on|so as to|"
    r"to help|for the benefit of)\b",
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
# Labels of numbered objective lines: "Joint objective 1.1.1:", "Objective 2.1:", "2.3.1 ", "Línea de acción 1.2:".
OBJECTIVE_LABEL = (
    r"(?:(?:Joint\s+)?[Oo]bjective|Objetivo(?:\s+conjunto)?|L[ií]nea\s+de\s+acci[oó]n|Action(?:\s+line)?)\s+\d+(?:\.\d+)*\s*[:.]"
    r"|\d+(?:\.\d+)+\.?(?=\s)"
)
OBJECTIVE_RE = re.compile(r"\s*(?:" + OBJECTIVE_LABEL + r")\s*")
# The marker of a list item at the start of a line: a bullet, "1.", "2)", "a)", "iv.", "(b)".
LIST_MARKER = r"(?:[•\-*]|(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|\([a-z0-9]{1,3}\))\s"
# (sentences are found in a text whose list items' dots are masked as \x01, see segment._protect)
_ENDS = (
    r"[.!?][”\"')\]»]*(?=\s+[A-Z¿¡“\"«(*•\-ÁÉÍÓÚÑ]|\s*$)|\n\s*\n|\n(?=\s*"
    + LIST_MARKER.replace("[.)]", "[.)\x01]")
    + r")|\n(?=\s*(?:"
    + OBJECTIVE_LABEL
    + r"))"
)
SENTENCE_END = re.compile(_ENDS)
# For texts with one paragraph per line (a saved page's extracted text): every line ends a sentence too.
SENTENCE_END_LINES = re.compile(_ENDS + r"|\n")
ORG_WORDS = (
    r"(?:Office|Department|Commission|Agency|Administration|Unit|Program|Programme|Network|Council|Ministry|"
    r"Secretariat|Bureau|Group|Force|Institute|Service|Cartel|Guard|Directorate|Prosecutor|Attorney|Court|Center|Centre|Navy|Army|Police|"
    r"Committee|Subgroup|Mechanism|Initiative|Partnership|Cabinet|Dialogue|Laboratory|Task Force)"
)
# Spanish names put the kind of body first: "Fiscalía General de la República", "Subgrupo sobre Drogas Sintéticas".
ORG_ES_RE = re.compile(
    r"\b(?:Fiscalía|Secretaría|Comisión|Comité|Grupo|Subgrupo|Unidad|Agencia|Oficina|Departamento|Guardia|Gabinete|Red|"
    r"Consejo|Instituto|Centro|Programa|Mesa|Diálogo|Cártel|Cartel|Administración|Procuraduría)"
    r"(?:\s+(?:(?:de|del|de la|de los|de las|para la|para el|sobre|contra|y|en materia de)\s+)?[A-ZÁÉÍÓÚÑ][\w’'\-]+)+"
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
