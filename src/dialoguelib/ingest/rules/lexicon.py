"""The words ingestion looks for: modality verbs and their strength, action verbs, purpose markers,
what is not an undertaking, sentence and list boundaries, dates, the framework's section headings and
instruments (names of bodies and offices are in :mod:`dialoguelib.ingest.rules.bodies`)."""

from __future__ import annotations

import re

from ...package.text import MONTH_NUMBERS

# The first modality word of a clause names its modality (see ingest.propose._modality).
MODALITY_PATTERNS_EN = [
    ("reaffirm", r"\breaffirm(?:s|ed)?\b"),
    ("affirm", r"\baffirm(?:s|ed)?\b"),
    ("pledge", r"\bpledge(?:s|d)?\b"),
    ("intend", r"\bintend(?:s|ed)?\b|\bwith the intent to\b"),
    ("commit", r"\bcommit(?:s|ted)?\b(?!\s+crimes?)|\bcommitment to\b"),
    # verbs of decision in readouts: "decided to establish", "instructed their cabinets to intensify"
    (
        "commit",
        r"\bdecide(?:s|d)? to\b|\bresolve(?:s|d)? to\b|\bset out to\b|\bundert(?:ake|akes|ook|aken) to\b|\bare determined to\b",
    ),
    (
        "commit",
        r"\binstruct(?:s|ed)?\b(?=[^.;:]{0,80}?\bto\s+[a-z])|(?<!was )(?<!were )(?<!been )\blaunch(?:es)? (?:a|an|the)\b"
        # "launched a campaign ... to warn": a launch with a purpose; a launch alone is a past event
        r"|(?<!was )(?<!were )(?<!been )\blaunched (?:a|an)\b(?=[^.;:]{0,100}?,?\s+to\s+[a-z]+)",
    ),
    # "I have directed our consulate to assign ...", "tasked its Financial Subgroup with preparing ..."
    (
        "commit",
        r"\bdirect(?:s|ed)? (?:our|the|my|his|her|their|its|all)\b(?=[^;:]{0,100}?\bto\s+[a-z])"
        r"|\b(?:task|charge)(?:s|d|ed)?\b(?=[^;:]{0,100}?\bwith\s+[a-z]+ing\b)"
        r"|\b(?:have|has) asked\b(?=[^;:]{0,100}?\bto\s+[a-z])",
    ),
    ("commit", r"^\s*This (?:also )?includes? \w+ing\b"),  # "This includes enhancing our efforts to ...": carried over
    # (not the noun: "action plans to reduce overdoses were drafted")
    ("plan", r"(?<!action )(?<!work )(?<!national )(?<!local )(?<!joint )(?<!the )(?<!a )\bplan(?:s|ned)? to\b"),
    (
        "propose",
        r"\b(?:are|am|is) (?:also )?requesting\b|\bsolicitamos\b|\bpropose(?:s|d)?\b|\boffer(?:s|ed)? to\b|\b(?:is|are|stands?|remains?) (?:also )?(?:prepared|ready|willing) to\b",
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
    # reported speech: "said that the United States would keep working", "reiterated that her government would"
    (
        "will",
        r"\b(?:said|stated|stressed|noted|confirmed|reiterated|announced|underscored|indicated|added|affirmed) that\b"
        r"(?=[^.;:]{0,80}?\bwould\s+[a-z])",
    ),
    ("must", r"\bmust\b|\b(?:is|are) to be \w+(?:ed|en)\b"),
    ("need", r"\bneed(?:s)? (?:to|and want to)\b|\bneed and want\b"),
]
# Spanish: the same modalities (slower to match: futures are found by their endings)
MODALITY_PATTERNS_ES = [
    ("reaffirm", r"\breafirm(?:a|an|aron|amos|ó)\b|\brefrend(?:a|an|aron|amos|ó)\b"),
    ("commit", r"\b(?:se|nos|me) comprome(?:te|ten|tieron|temos|timos|tió|to)\b|\bcompromiso (?:de|con|para)\b"),
    (
        "commit",
        r"(?<!se le )(?<!se les )\binstruy(?:eron|ó|en|e)\b(?! procesos?\b)|\bdetermin(?:ó|aron)\b|\bdecidi(?:ó|eron|mos)\b|\bresolvi(?:ó|eron)\b",
    ),
    (
        "agree",
        r"\bacord(?:aron|amos|ó)\b|\bacuerdan\b|\bconvin(?:ieron|imos|o) en\b|\bquedamos (?:de|en)\b"
        r"|\bcoincid(?:ieron|imos|ió) en (?:la necesidad de|que)\b|\bqued(?:amos|aron|ó) (?:de|en)\b"
        r"|\bqued(?:ó|aron) establecid[oa]s?\b",
    ),
    ("commit", r"\bqueda(?:rá|n|rán)? a cargo de\b"),  # "Queda a cargo de la FEAI capacitar ..."
    (
        "propose",
        r"\bofreci(?:ó|eron|mos)\b|\bofrec(?:e|en)\b|\b(?:hemos|han|ha) ofrecido\b|\best(?:amos|á|án) dispuest[oa]s? a\b",
    ),
    ("agree", r"\b(?:hemos|han|ha) acordado\b"),
    ("seek", r"\bse propus(?:ieron|o)\b|\bse propone(?:n)?\b"),
    # news copy: "se busca reducir", "buscan ampliar", "se pretende reducir", "tiene como objetivo fortalecer"
    (
        "seek",
        r"\b(?:se )?(?:busca|buscan|buscará|buscarán|pretende|pretenden)\s+(?:\w+\s+)?[a-záéíóúñ]+(?:ar|er|ir)\b"
        r"|\btienen? (?:como|por) (?:objetivo|propósito|finalidad)\b",
    ),
    # "se destacó la necesidad de agilizar", "subrayaron la importancia de fortalecer"
    (
        "need",
        r"\b(?:se )?(?:destac|subray|enfatiz|plante|resalt|señal|reconoci)(?:ó|aron|ieron)\s+(?:también\s+)?"
        r"(?:la|que es)\s+(?:necesidad|importancia|urgencia|conveniencia|necesario|importante|urgente)\s+(?:de\s+)?",
    ),
    # "ambos gobiernos han establecido un grupo técnico que revisará ...": a body set up to act
    ("commit", r"\b(?:han|hemos)\s+(?:establecido|creado|instalado|conformado|puesto en marcha)\s+(?=(?:un|una)\b)"),
    (
        "reaffirm",
        r"\breiter(?:a|an|aron|ó|amos)\b(?! su (?:preocupaci|postura|posici|llamado|rechazo|inter[eé]s|exigencia|petici|solicitud|reclamo))",
    ),
    ("will", r"\bse tiene previsto\b|\best(?:á|a|án) previst[oa]s?\b|\best(?:á|a|án) contemplad[oa]s?\b"),
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
        r"contestar\b|leer\b|contar\b|haber\b|ver\b|comentar\b|poner (?:la|el|las|los) (?:\w+ )?(?:lámina|video|gráfica|presentación|siguiente))"
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
    "accelerate",
    "adopt",
    "align",
    "allocate",
    "analyze",
    "assess",
    "assist",
    "attack",
    "broaden",
    "coordinate",
    "cut",
    "decrease",
    "deepen",
    "define",
    "deliver",
    "deploy",
    "design",
    "detect",
    "dismantle",
    "double",
    "educate",
    "eliminate",
    "enable",
    "encourage",
    "engage",
    "equip",
    "exchange",
    "extend",
    "finance",
    "form",
    "fund",
    "harmonize",
    "hold",
    "host",
    "inspect",
    "integrate",
    "intensify",
    "investigate",
    "issue",
    "join",
    "lead",
    "maintain",
    "map",
    "measure",
    "mobilize",
    "modernize",
    "monitor",
    "open",
    "organize",
    "partner",
    "prioritize",
    "publish",
    "raise",
    "reinforce",
    "report",
    "review",
    "scale",
    "set",
    "speed",
    "step",
    "streamline",
    "study",
    "train",
    "trace",
    "upgrade",
    "use",
    "warn",
    "agree",
    "create",
    "hire",
    "dedicate",
    "offer",
    "present",
    "complete",
    "prepare",
}
# Spanish infinitives that are nouns too, so an opening word ending in -ar/-er/-ir is not always an objective.
NOT_INFINITIVES = {
    "lugar",
    "mujer",
    "hogar",
    "militar",
    "particular",
    "popular",
    "similar",
    "titular",
    "familiar",
    "nivel",
    "poder",
    "deber",
    "ser",
    "mar",
    "par",
    "bienestar",
    "sur",
    "por",
}
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
# After these, "que" and "that" open reported speech, not a relative clause: "la ATF confirmó que rastreará".
REPORTING = {
    "confirmó",
    "confirmaron",
    "aseguró",
    "aseguraron",
    "señaló",
    "informó",
    "anunció",
    "anunciaron",
    "reiteró",
    "reiteraron",
    "indicó",
    "dijo",
    "explicó",
    "precisó",
    "añadió",
    "destacó",
    "said",
    "confirmed",
    "announced",
    "stated",
    "stressed",
    "noted",
    "reiterated",
    "added",
    "indicated",
    "underscored",
    "emphasized",
    "subrayó",
    "enfatizó",
    "afirmó",
    "agregó",
    "sostuvo",
    "informed",
    "told",
    "assured",
    "detalló",
    "puntualizó",
    "refirió",
    "expuso",
    "mencionó",
    "comentó",
    "manifestó",
    "sostuvieron",
    "apuntó",
    "aseveró",
    "adelantó",
    "planteó",
    "expresó",
    "señalaron",
    "informaron",
    "indicaron",
    "explained",
    "detailed",
    "es",
    "is",
    "fue",
    "was",
}  # # "lo que sí le puedo decir es que vamos a", "the point is that we will"
# After "will": no undertaking but a court's process or a speaker's procedure ("will face charges", "I will be brief").
NOT_UNDERTAKINGS = re.compile(
    r"\s+(?:now\s+|first\s+|never\s+)?(?:face|be sentenced|be arraigned|appear before|remain in custody|be brief|hear|"
    r"take (?:\w+ )?questions|turn to|give the floor|begin with|start with|forget|presentad[oa]s? ante|remitid[oa]s?|"
    r"juzgad[oa]s?|ser juzgad[oa]s?|sentenciad[oa]s?|vinculad[oa]s? a proceso|responder (?:por|ante)|"
    r"determine (?:any|the|a) sentence|entrar(?:á|án) en vigor|take effect|enter into force|"
    r"(?:de|sobre) los detalles|a conocer los detalles|en vigor)\b"
)
# After "need to": no undertaking but a wish ("we need to make more progress", "need to do more").
NOT_NEEDS = re.compile(r"\s+(?:to\s+)?(?:make\s+(?:more|further|real)\s+progress|do\s+(?:more|better))\b")
# The framework's goal names alone (a heading or a bullet): no undertaking.
GOAL_NAME_ALONE = re.compile(
    r"\s*(?:[•\-*]\s+)?\**(?:protect our people|prevent transborder crime|pursue criminal networks|proteger a nuestra gente|"
    r"prevenir la delincuencia transfronteriza|perseguir a las redes criminales)\**[.!]?\s*$",
    re.IGNORECASE,
)
# A lead-in of a list of members ("estará integrado por:", "is composed of:"): its items are no undertakings.
MEMBERS = re.compile(
    r"\b(?:integrad[oa]s?|conformad[oa]s?|compuest[oa]s?|formad[oa]s?) por\b|\b(?:composed|made up|consist(?:s|ing)?) of\b|"
    r"\bmembers? (?:are|will be|include)\b|\bparticipa(?:n|rán) (?:las|los)\b",
    re.IGNORECASE,
)
# Subjects that are no government: obligations a statement places on companies, industry or defendants.
NOT_GOVERNMENTS = re.compile(
    r"\b(?:empresas|establecimientos|farmacias|poseedores|importadores|particulares|industria|cámaras|asociaciones|"
    r"plataformas|companies|firms|businesses|industry|manufacturers|retailers|importers|defendants?|senado|senador(?:es|as)?|"
    r"legisladores|diputados|congress|congressional|esta comisión)\b",
    re.IGNORECASE,
)
# Boilerplate of press releases that binds nobody: sanctions' legal effects, the presumption of innocence.
BOILERPLATE = re.compile(
    r"\s*(?:As a result of today[’']s action|Unless an exception applies|An indictment is merely an allegation|"
    r"All defendants are presumed innocent|Todos? (?:los|las) (?:acusad[oa]s|imputad[oa]s) se presume)"
)
# "We hope that ... will", "I am sure we will": a belief, not an undertaking.
BELIEF = re.compile(
    r"\b(?:hope|hopes|hoped|sure|confident|expect|expects|believe|believes|trust|esperamos|espera|esperan|confiamos|"
    r"seguro|segura|seguros|convencid[oa]s?)\b"
)
# A past meeting in a sentence's head: "At the previous meeting", "En la sesión anterior".
PAST_MEETING = re.compile(
    r"\b(?:at|in|during) (?:the|its|their) (?:previous|last|prior|first) (?:meeting|session|round)|"
    r"\ben (?:la|su) (?:sesión|reunión) (?:anterior|pasada|de ayer)|\ben (?:la|su) (?:primera|última) (?:sesión|reunión)|"
    r"\b(?:at|in|during) yesterday[’']s (?:meeting|session)",
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
LIST_MARKER = r"(?:[•\-*]|(?:\d{1,2}|[a-z]|[ivx]{1,4}|[IVX]{1,4})[.)]|\([a-z0-9]{1,3}\))\s"
# (sentences are found in a text whose list items' dots are masked as \x01, see segment._protect)
_ENDS = (
    r"[.!?][”\"')\]»]*(?=\s+[A-Z¿¡“\"«(*•\-ÁÉÍÓÚÑ]|\s*$)|:(?=[ \t]*\n)|\n\s*\n|\n(?=\s*"
    + LIST_MARKER.replace("[.)]", "[.)\x01]")
    + r")|\n(?=\s*(?:"
    + OBJECTIVE_LABEL
    + r"))"
)
SENTENCE_END = re.compile(_ENDS)
# For texts with one paragraph per line (a saved page's extracted text): every line ends a sentence too.
SENTENCE_END_LINES = re.compile(_ENDS + r"|\n")
_NAMES = list(MONTH_NUMBERS)
MONTHS = "|".join(m.capitalize() for m in _NAMES[:12])  # English months, as written (capitalised)
MESES = "|".join(_NAMES[12:])  # Spanish months (any case where the patterns ignore it)
# Dates, deadlines and frequencies as written, in English and Spanish; the first two give a deadline's year.
TIMING_RES = [
    re.compile(r"\bby (?:the end of )?(?:(?:" + MONTHS + r")\s+)?(\d{4})\b"),
    re.compile(
        r"\b(?:antes del?|a m[aá]s tardar(?: en| el)?|para) (?:(?:finales|fines) (?:de |del )?)?"
        r"(?:(?:el |la )?(?:a[ñn]o )?(?:\d{1,2} de )?(?:(?:" + MESES + r") (?:de |del )?)?)(\d{4})\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:" + MONTHS + r")(?:\s+\d{1,2})?(?:,\s*\d{4})?\b"),
    re.compile(r"\b(?:\d{1,2} de )?(?:" + MESES + r")(?: de(?:l)? \d{4})?\b", re.IGNORECASE),
    re.compile(r"\b(?:annually|year-round|every year|each year|quarterly|monthly|biannually)\b", re.IGNORECASE),
    re.compile(
        r"\b(?:anualmente|cada a[ñn]o|cada mes|cada (?:dos|tres|cuatro|seis) meses|cada trimestre|cada semestre|"
        r"mensualmente|trimestralmente|semestralmente)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\bwithin (?:the next )?\w+ (?:days|weeks|months|years)\b", re.IGNORECASE),
    re.compile(
        r"\ben un plazo (?:no mayor )?(?:de|a) \w+ (?:d[ií]as|semanas|meses|a[ñn]os)(?: h[aá]biles| naturales)?\b", re.IGNORECASE
    ),
    re.compile(r"\bin (?:the lead-up to |early |late )?(\d{4})\b"),
    re.compile(r"\b(?:en|durante) (?:el (?:a[ñn]o )?)?(\d{4})\b"),
]
# The patterns whose first group is a deadline's year ("by 2022", "antes de junio de 2027").
DEADLINE_RES = TIMING_RES[:2]
SECTION_RE = re.compile(r"\bTo (protect our people|prevent transborder crime|pursue criminal networks)\b", re.IGNORECASE)
SECTION_GOAL = {"protect our people": "protect", "prevent transborder crime": "prevent", "pursue criminal networks": "pursue"}
INSTRUMENT_PATTERNS = {
    "mou": r"\bmemorand(?:um|a) of understanding\b|\bMoUs?\b|\bmemor[aá]nd(?:um|o)s? de entendimiento\b",
    "network": r"\bnetwork for\b|\bNetwork\b|\bred (?:para|binacional|nacional)\b",
    "working-group": r"\bworking group\b|\bgrupos? (?:de trabajo|t[eé]cnicos?|binacional(?:es)?)\b",
    "task-force": r"\btask forces?\b|\bfuerzas? de tarea\b",
    "lab": r"\blab(?:s|oratory|oratories)?\b|\blaboratorios?\b",
    "grant": r"\bgrants?\b|\bsubvenci[oó]n(?:es)?\b|\bdonativos?\b",
    "designation": r"\bdesignation\b|\bdesignaci[oó]n(?:es)?\b",
    "program": r"\bprogram(?:me)?\b|\bprogramas?\b",
    "meeting": r"\bmeet(?:ing)?s?\b|\breuni[oó]n(?:es)?\b|\bse reunir[aá]n?\b",
    "training": r"\btraining\b|\bcapacitaci[oó]n\b",
    "technical-assistance": r"\btechnical assistance\b|\basistencia t[eé]cnica\b",
}
