"""The names ingestion looks for: other names of the data's actors, bodies of the two governments the
2021 data does not hold, titles and offices that name a party, and how organisation names and acronyms
are written."""

from __future__ import annotations

import re

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
    "tco": [
        "organizaciones criminales transnacionales",
        "organizaciones criminales",
        "organizaciones delictivas",
        "grupos criminales",
        "grupos delictivos",
        "cartels",
        "cárteles",
        "carteles",
    ],
    "dea": ["Administración para el Control de Drogas"],
    "unodc": ["Oficina de las Naciones Unidas contra la Droga y el Delito", "ONUDD"],
    "unodc-port-container-control-program": ["Programa de Control de Contenedores"],
    "network-homicide-prevention": ["Red para la Prevención de Homicidios", "Network for Homicide Prevention"],
    "national-search-commission": ["Comisión Nacional de Búsqueda"],
    "samhsa": ["Administración de Servicios de Salud Mental y Abuso de Sustancias"],
    "ofac": ["Oficina de Control de Activos Extranjeros"],
}
# Bodies of the two governments (and others) that follow-up statements name but the 2021 data does not:
# each new-actor candidate that is one of their names is given as the first (its canonical name), so that
# "DHS", "Department of Homeland Security" and "Departamento de Seguridad Nacional" are one candidate.
# Names of one word (Defensa, Marina) and acronyms are matched with their case; the others ignoring it.
KNOWN_BODIES = [
    [
        "Department of Homeland Security (DHS)",
        "DHS",
        "Department of Homeland Security",
        "U.S. Department of Homeland Security",
        "Homeland Security",
        "Departamento de Seguridad Nacional",
    ],
    [
        "Department of Justice (DOJ)",
        "DOJ",
        "Department of Justice",
        "U.S. Department of Justice",
        "Justice Department",
        "Departamento de Justicia",
    ],
    ["Department of State", "State Department", "U.S. Department of State", "Departamento de Estado"],
    [
        "Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF)",
        "ATF",
        "Bureau of Alcohol, Tobacco, Firearms and Explosives",
        "Oficina de Alcohol, Tabaco, Armas de Fuego y Explosivos",
    ],
    [
        "Financial Crimes Enforcement Network (FinCEN)",
        "FinCEN",
        "Financial Crimes Enforcement Network",
        "Red de Control de Delitos Financieros",
    ],
    [
        "U.S. Customs and Border Protection (CBP)",
        "CBP",
        "Customs and Border Protection",
        "Oficina de Aduanas y Protección Fronteriza",
    ],
    ["Homeland Security Investigations (HSI)", "HSI", "Homeland Security Investigations"],
    [
        "Bureau of International Narcotics and Law Enforcement Affairs (INL)",
        "INL",
        "Bureau of International Narcotics and Law Enforcement Affairs",
        "Oficina Internacional de Asuntos Antinarcóticos y Aplicación de la Ley",
    ],
    ["Federal Bureau of Investigation (FBI)", "FBI", "Federal Bureau of Investigation", "Buró Federal de Investigaciones"],
    ["Food and Drug Administration (FDA)", "FDA", "Food and Drug Administration", "Administración de Alimentos y Medicamentos"],
    ["Centers for Disease Control and Prevention (CDC)", "CDC", "Centers for Disease Control and Prevention"],
    ["National Institute on Drug Abuse (NIDA)", "NIDA", "National Institute on Drug Abuse"],
    [
        "Office of National Drug Control Policy (ONDCP)",
        "ONDCP",
        "Office of National Drug Control Policy",
        "Oficina de Política Nacional para el Control de Drogas",
    ],
    ["U.S. Agency for International Development (USAID)", "USAID", "Agency for International Development"],
    ["Immigration and Customs Enforcement (ICE)", "Immigration and Customs Enforcement"],
    [
        "Fiscalía General de la República (FGR)",
        "FGR",
        "Fiscalía General de la República",
        "Attorney General’s Office",
        "Attorney General's Office",
        "Office of the Attorney General of Mexico",
        "Mexico’s Attorney General’s Office",
    ],
    [
        "Secretaría de Seguridad y Protección Ciudadana (SSPC)",
        "SSPC",
        "Secretaría de Seguridad y Protección Ciudadana",
        "Secretariat of Security and Citizen Protection",
        "Security and Citizen Protection Secretariat",
    ],
    [
        "Secretaría de la Defensa Nacional (SEDENA)",
        "SEDENA",
        "Defensa",
        "Secretaría de la Defensa Nacional",
        "Secretariat of National Defense",
        "Ministry of Defense",
        "National Defense Secretariat",
    ],
    ["Secretaría de Marina (SEMAR)", "SEMAR", "Marina", "Secretaría de Marina", "Mexican Navy", "Secretariat of the Navy"],
    ["Guardia Nacional", "Guardia Nacional", "Mexico’s National Guard", "Mexican National Guard"],
    [
        "Secretaría de Relaciones Exteriores (SRE)",
        "SRE",
        "Secretaría de Relaciones Exteriores",
        "Secretariat of Foreign Affairs",
        "Foreign Ministry",
        "Cancillería",
    ],
    ["Secretaría de Salud", "Secretaría de Salud", "Mexico’s Ministry of Health", "Secretariat of Health"],
    ["Secretaría de Educación Pública (SEP)", "SEP", "Secretaría de Educación Pública"],
    [
        "Comisión Federal para la Protección contra Riesgos Sanitarios (COFEPRIS)",
        "COFEPRIS",
        "Comisión Federal para la Protección contra Riesgos Sanitarios",
    ],
    [
        "Comisión Nacional de Salud Mental y Adicciones (CONASAMA)",
        "CONASAMA",
        "Comisión Nacional de Salud Mental y Adicciones",
        "National Commission on Mental Health and Addictions",
    ],
    ["Agencia Nacional de Aduanas de México (ANAM)", "ANAM", "Agencia Nacional de Aduanas de México", "National Customs Agency"],
    ["Instituto Nacional de Migración (INM)", "INM", "Instituto Nacional de Migración", "National Migration Institute"],
    ["Gabinete de Seguridad", "Gabinete de Seguridad", "Security Cabinet"],
    ["Grupo de Alto Nivel de Seguridad (GANSEG)", "GANSEG", "Grupo de Alto Nivel de Seguridad", "High-Level Security Group"],
    ["Security Implementation Group", "Security Implementation Group", "Grupo de Implementación de Seguridad"],
    [
        "High-Level Security Dialogue",
        "High-Level Security Dialogue",
        "Diálogo de Alto Nivel sobre Seguridad",
        "Diálogo de Alto Nivel de Seguridad",
    ],
    ["Sinaloa Cartel", "Sinaloa Cartel", "Cártel de Sinaloa", "Cartel de Sinaloa"],
    ["Canada", "Canada", "Canadá"],
]
# Titles and offices that name a party without naming an actor in actors.csv.
PARTY_TITLES = {
    "US": re.compile(
        r"\b(?:President Biden|Secretary (?:of State|of Homeland Security|Blinken|Mayorkas|Becerra|Yellen)|"
        r"Attorney General Garland|U\.S\. (?:Attorney General|delegation|government|officials)|Washington|"
        r"the Treasury|Treasury|FinCEN|OFAC|DEA|ATF|FBI|DHS|HSI|Department of (?:State|Justice|Homeland Security)|"
        r"Justice Department|State Department|the American|estadounidense|Departamento de (?:Estado|Justicia|Seguridad Nacional)|"
        r"Gobierno de Estados Unidos|gobierno estadounidense|Tesoro|White House|Casa Blanca|ONDCP|CBP|ICE|INL|HHS|CDC|"
        r"NIDA|SAMHSA|FDA|U\.S\. Embassy|Embajada de (?:los )?Estados Unidos|Homeland Security)\b"
    ),
    "MX": re.compile(
        r"\b(?:President López Obrador|presidente López Obrador|presidenta Sheinbaum|President Sheinbaum|"
        r"Mexican (?:government|delegation|authorities|officials|Navy|Army)|Government of Mexico|Gobierno de México|"
        r"gobierno mexicano|delegación mexicana|autoridades mexicanas|Foreign Secretary|[Cc]anciller|[Cc]ancillería|"
        r"SRE|SSPC|FGR|UIF|SEDENA|SEMAR|GN|COFEPRIS|ANAM|Secretar(?:ía|iat) (?:de|of)|Fiscalía|Guardia Nacional|"
        r"Attorney General of Mexico|Attorney General’s Office|Mexico’s|Fiscal General de la República|INM|"
        r"CONASAMA|IMSS|Secretaría de Salud|Gabinete de Seguridad|Unidad de Inteligencia Financiera|[Ll]a Presidenta|"
        r"red consular|consulados de México)\b"
    ),
}
# All-caps words that are not bodies: headings, labels, document kinds.
NOT_ACRONYMS = {
    "FACT",
    "SHEET",
    "THE",
    "WHITE",
    "HOUSE",
    "GOAL",
    "QUESTION",
    "PREGUNTA",
    "END",
    "TEXT",
    "FY",
    "MR",
    "II",
    "III",
    "IV",
    "USA",
    "NOTE",
    "NEW",
    "AND",
    "FOR",
    "OUR",
    "DE",
    "LA",
    "EL",
    "LOS",
    "LAS",
    "DEL",
    "Y",
    "PM",
    "AM",
    "EST",
    "CDT",
    "UTC",
    "MODERATOR",
    "SECRETARY",
    "PRESIDENT",
    "GENERAL",
    "ATTORNEY",
    "FOREIGN",
    "COOPERATION",
    "WITH",
    "MEXICO",
    "STATES",
    "UNITED",
    "PROGRESS",
    "SINCE",
    "COMMITMENTS",
    "OCTOBER",
    "SECRETARIO",
    "SECRETARIA",
    "FISCAL",
    "CANCILLER",
    "PRESIDENTE",
    "HLSD",
    "USD",
    "MXN",
}  # # "securing modes of travel" is an action; "secure communities" is not
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


# The framework's own name, in English and in Spanish: it holds "Public Health" and "Safe Communities"
# but says nothing about what a sentence is about, so it is left out before texts are compared.
FRAMEWORK_NAME = re.compile(
    r"(?:U\.S\.[-–]Mexico\s+)?Bicentennial\s+Framework(?:\s+for\s+Security,\s+Public\s+Health,?\s+and\s+Safe\s+Communities)?|"
    r"Entendimiento\s+Bicentenario(?:\s+(?:sobre|para\s+la|de|en\s+materia\s+de)\s+Seguridad,\s+Salud\s+P[úu]blica\s+y\s+"
    r"Comunidades\s+Seguras)?(?:\s+(?:M[ée]xico\s*[-–]\s*Estados\s+Unidos|Estados\s+Unidos\s*[-–]\s*M[ée]xico))?",
    re.IGNORECASE,
)
# The two governments by name: every statement names them, so they tell nothing about which commitment it takes up.
COUNTRY_NAMES = re.compile(
    r"\b(?:the\s+)?(?:United\s+States(?:\s+of\s+America)?|U\.S\.(?:\s+government)?|Mexico|México|Estados\s+Unidos"
    r"(?:\s+Mexicanos)?|(?:los\s+)?Estados\s+Unidos\s+de\s+América)(?!\w)",
    re.IGNORECASE,
)
# Places and criminal organisations by name: where something is done and against whom, never what is done
# (masked before a goal is suggested, ingest.masking). Matched on folded, lower-case text.
PLACE_NAMES = re.compile(
    r"\b(?:cartel(?:es)? (?:de |del )?(?:jalisco nueva generacion|sinaloa|golfo|noreste|santa rosa de lima)|"
    r"(?:sinaloa|gulf|jalisco new generation) cartel|la familia michoacana|los chapitos|carteles unidos)\b|"
    r"\b(?:baja california(?: sur)?|sonora|chihuahua|coahuila|nuevo leon|tamaulipas|sinaloa|durango|jalisco|michoacan|"
    r"guerrero|oaxaca|chiapas|tabasco|veracruz|quintana roo|yucatan|campeche|zacatecas|guanajuato|queretaro|"
    r"aguascalientes|colima|nayarit|morelos|puebla|tlaxcala|hidalgo|san luis potosi|estado de mexico|"
    r"ciudad de mexico|mexico city|tijuana|mexicali|ensenada|nogales|ciudad juarez|juarez|nuevo laredo|laredo|"
    r"reynosa|matamoros|piedras negras|monterrey|guadalajara|culiacan|hermosillo|guaymas|manzanillo|"
    r"lazaro cardenas|el paso|san diego|tucson|phoenix|houston|washington(?:,? d\.?c\.?)?|texas|arizona|"
    r"(?<!baja )california|new mexico|nuevo mexico)\b"
)
# People by their titles ("Secretary Mayorkas", "Mexico's Secretary of Security", "la canciller Alicia Bárcena",
# "el titular de la SSPC"): who speaks, masked before a goal is suggested (ingest.masking).
PEOPLE_TITLES = re.compile(
    r"\b(?:(?:Vice\s+|Deputy\s+|Under\s+|Assistant\s+)?(?:President|Secretary|Prime\s+Minister|Minister|Attorney\s+General|"
    r"Ambassador|Governor|Administrator|Commissioner|Director|Chancellor|Foreign\s+Secretary)|"
    r"(?:[Ss]ub)?[Ss]ecretari[oa]|[Pp]residenta?e?|[Mm]inistr[oa]|[Ff]iscal\s+[Gg]eneral|[Ee]mbajador[a]?|[Cc]anciller|"
    r"[Gg]obernador[a]?|[Tt]itular|[Dd]irector[a]?)"
    r"(?:\s+(?:of|for|de|del|de\s+la|de\s+los)\s+(?:the\s+|la\s+|el\s+|los\s+)?[A-ZÁÉÍÓÚÑ][\w’'\-]*(?:\s+(?:and|y|de|of)?\s*[A-ZÁÉÍÓÚÑ][\w’'\-]*)*)?"
    r"(?:\s+[A-ZÁÉÍÓÚÑ][\w.’'\-]*){0,4}"
)
# Offices of the two governments ("Department of Homeland Security", "Secretaría de Seguridad y Protección
# Ciudadana", "the Attorney General's Office"): who acts, masked before a goal is suggested.
OFFICES = re.compile(
    r"\b(?:(?:Department|Secretariat|Ministry|Office|Bureau|Agency|Administration|Service)\s+(?:of|for)\s+(?:the\s+)?"
    r"[A-Z][\w’'\-]*(?:,?\s+(?:and\s+|of\s+|for\s+)?[A-Z][\w’'\-]*)*|"
    r"(?:Secretar[ií]a|Fiscal[ií]a|Departamento|Oficina|Agencia|Unidad|Gabinete|Guardia|Procuradur[ií]a|Administraci[oó]n|"
    r"Canciller[ií]a)(?:\s+(?:(?:de|del|de\s+la|de\s+los|de\s+las|para\s+el|para\s+la|y)\s+)?[A-ZÁÉÍÓÚÑ][\w’'\-]*)+|"
    r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*\s+(?:Department|Secretariat|Ministry)|Attorney\s+General[’']s\s+Office|"
    r"White\s+House|Casa\s+Blanca|Palacio\s+Nacional|State\s+Department|Treasury)"
)
