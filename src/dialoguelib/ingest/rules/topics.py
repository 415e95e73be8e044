"""The words that decide a proposal's goal and area: a bilingual keyword lexicon per area, cues for
cross-cutting rows and for rows outside the framework, Spanish examples and stop words (used by
:mod:`dialoguelib.ingest.suggest`)."""

from __future__ import annotations

import re

# Cues are matched on lower-case text with accents folded.
CROSS_CUTTING_CUES = re.compile(
    r"\b(?:human rights|corruption|sovereignt|equity|civil rights|racial justice|shared responsibility|"
    r"holistic|new vision|concrete actions|coordinated manner|face security challenges|indicators|scorecard|"
    r"transparen\w*|secure channel|accountab\w*|evaluat\w* (?:the |their |its )?results|"
    r"(?:monitor|track)\w* (?:the )?(?:implementation|progress) of (?:the|these|our) (?:commitments|agreements))"
)

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

# A bilingual keyword lexicon per area, from the areas' descriptions in the fact sheet and their usual
# vocabulary in English and Spanish (matched on lower-case text with accents folded). Each hit adds
# its weight to the area's votes in ingest.suggest.Suggester.
AREA_KEYWORDS = {
    "public-health": [
        (
            r"overdos\w*|naloxone|addiction\w*|substance (?:use|abuse)|drug use|treatment|recovery|harm reduction|"
            r"prevention campaign\w*|public health|health authorit\w*|counterfeit pills?|sobredosis|naloxona|adiccion\w*|"
            r"consumo de drogas|consumo|tratamiento|salud publica|autoridades de salud|campanas? de prevencion|"
            r"atencion a las adicciones|prevencion del consumo|(?:drug )?demand reduction|reduc\w* (?:the )?demand for drugs|"
            r"alternatives to incarceration|mental health|reduccion de la demanda|demanda de drogas|"
            r"alternativas al encarcelamiento|salud mental",
            1.0,
        ),
    ],
    "safe-communities": [
        (
            r"young people|youth|recruitment|root causes|economic opportunit\w*|vulnerable|social programs?|"
            r"jovenes|ninas|ninos|adolescentes|reclutamiento|causas de la violencia|oportunidades",
            1.0,
        ),
    ],
    "homicide-reduction": [
        (
            r"homicides?|high-impact crime|violent crime|homicidios?|delitos de alto impacto|femicides?|feminicidios?|"
            r"network for homicide prevention|red para la prevencion de homicidios",
            1.6,
        ),
    ],
    "secure-travel-commerce": [
        (
            r"ports? of entry|container\w*|cargo|customs|seaports?|airports?|rail|vehicles?|checkpoints?|inspection\w*|"
            r"x-ray|scanners?|trade|commerce|travel|garitas?|aduan\w*|contenedor\w*|puertos?|cruces fronterizos|"
            r"revision de los vehiculos|rayos gamma|inspeccion\w*|carga",
            0.8,
        ),
    ],
    "arms-trafficking": [
        (
            r"firearms?|guns?|weapons?|ammunition|arms trafficking|tracing|traced|ballistic\w*|straw purchas\w*|"
            r"\batf\b|armas?|municiones|rastreo|balistic\w*|trafico de armas|(?:arms|gun|weapons?|firearms?) smuggl\w*|"
            r"smuggl\w* (?:of )?(?:firearms|arms|weapons|guns|ammunition)",
            1.2,
        ),
    ],
    "tco-supply-chains": [
        (
            r"precursor\w*|chemicals?|clandestine lab\w*|drug lab\w*|laborator\w* clandestin\w*|synthetic drug production|"
            r"supply chains?|shipments?|pill press\w*|drug trafficking|routes|precursores|quimicos|laboratorios clandestinos|"
            r"cadenas de suministro|cargamentos|rutas|produccion de drogas|trafico de drogas",
            1.0,
        ),
    ],
    "human-smuggling-trafficking": [
        (
            r"human smuggl\w*|migrant smuggl\w*|people smuggl\w*|smuggl\w* (?:of )?(?:migrants|people|persons)|"
            r"smugglers? (?:of|who \w+) (?:migrants|people)|smuggling (?:networks?|organizations?|rings?)(?! of)|human trafficking|"
            r"trafficking in persons|trafico (?:ilicito )?de (?:migrantes|personas)|trata de personas|tratantes|polleros|"
            r"traficantes de (?:personas|migrantes)|trafica\w* (?:con|a) (?:migrantes|personas)|"
            r"smuggle (?:migrants|people|persons)|traffick\w* (?:in|of) (?:persons|people|migrants)",
            1.3,
        ),
        (r"smugglers?", 0.6),  # smugglers of what the sentence does not say: weaker
    ],
    "illicit-financiers": [
        (
            r"money launder\w*|launderers?|financial intelligence|financial (?:system|institution|network)s?|"
            r"sanction\w*|designat\w*|ofac|fincen|\buif\b|assets?|accounts?|front companies|shell compan\w*|cash|"
            r"virtual assets?|suspicious transactions?|illicit financ\w*|proceeds|lavado de dinero|lavado|"
            r"inteligencia financiera|cuentas|congelad\w*|activos|designaciones|operaciones con recursos de procedencia ilicita|"
            r"finanzas ilicitas|empresas fachada|transacciones|finances|finanzas|financian\w*|financing of|"
            r"financiamiento (?:ilicito|de)|bloque\w* (?:de )?(?:las |sus )?cuentas|block\w* (?:the |their )?accounts",
            1.1,
        ),
    ],
    "justice-sector-capacity": [
        (
            r"prosecutors?|judges?|forensic\w*|investigators?|investigative teams?|evidence|mutual legal assistance|"
            r"criminal justice|justice system|train(?:ing)? (?:\d|of|for)?|police|fiscales|jueces|peritos|capacitar\w*|"
            r"pruebas|asistencia juridica|equipos conjuntos de investigacion|ministerio publico|sistema de justicia|"
            r"identificacion forense|victimas|testigos|investigacion|prosecut\w*|law enforcement cooperation|"
            r"cooperacion policial|procesar|judicializ\w*",
            0.8,
        ),
    ],
    "extraditions": [
        (r"extradit\w*|fugitives?|extradicion\w*|entrega de personas|personas requeridas|requested persons", 1.5),
    ],
}
# A goal's words where no area of it fits: cyber security (the framework's cyber working group sits under prevent,
# with no area). Each hit adds this weight to the goal's votes, as an area word does to its area's goal.
GOAL_KEYWORDS = {"prevent": (re.compile(r"\b(?:cyber\w*|ciber\w*)"), 1.2)}
# Where no framework goal fits: migration, and the process of the dialogue itself (its next meeting).
# These count when no area's words are found.
OUTSIDE_CUES = re.compile(
    r"\b(?:migration|migrants?|migratori\w*|migracion|lawful pathways|asylum|refugee\w*|irregular migration|"
    r"lead the u\.s\. delegation|volvera a sesionar|sesionara|reunirse en)"
)
# The dialogue's own calendar: its next meeting is outside the framework whatever it is about (STRONG),
# other meetings of its bodies only when no area's words and no cross-cutting cue say what for (WEAK).
PROCESS_CUES = {
    "strong": re.compile(
        r"\b(?:(?:the|la) next (?:meeting|session)|meet again|volver\w* a reunir\w*|reuniran (?:nuevamente|de nuevo)|"
        r"vernos (?:otra vez|de nuevo|nuevamente)|hold (?:its|their) next (?:meeting|session)|"
        r"(?:la )?proxima (?:reunion|sesion) (?:del|de la|de los|se|sera|tendra))"
    ),
    "weak": re.compile(
        r"\b(?:next meeting|will (?:next )?meet (?:again|in)|hold the next|hold (?:its|their) (?:first|second|third|fourth|fifth) "
        r"(?:meeting|session)|(?:first|second|third|fourth|fifth) meeting (?:will|shall)|(?:shall|will|to) meet (?:at least|"
        r"every|regularly|in early|in late|in the)|proxima (?:reunion|sesion)|celebrar el (?:tercer|cuarto|quinto|proximo)|"
        r"se reunira\w*)"
    ),
}
# A principle that every action of the statement is to follow: cross-cutting, whatever the actions are about.
PRINCIPLE_CUES = re.compile(
    r"\b(?:all|these|every|todas|estas) (?:(?:of )?(?:the|these|las|estas) )?(?:\w+ )?(?:actions|activities|measures|"
    r"acciones|actividades|medidas)\b.{0,120}\b(?:human rights|sovereignt\w*|domestic law|derechos humanos|soberania|"
    r"legislacion|marco legal|enfoque de salud publica)"
)
# Cross-cutting cues in Spanish (CROSS_CUTTING_CUES holds the English ones).
CROSS_CUTTING_CUES_ES = re.compile(
    r"\b(?:derechos humanos|corrupcion|soberania|responsabilidad compartida|confianza mutua|indicadores|transparen\w*|"
    r"rendicion de cuentas|resultados de las acciones|enfoque integral|evaluar\w* (?:los |sus )?resultados|"
    r"evaluacion de (?:los )?resultados|seguimiento (?:\w+ )?al cumplimiento|cumplimiento de los acuerdos)"
)
SPANISH_STOP_WORDS = frozenset(
    "a al ante bajo con contra de del desde durante e el en entre hacia hasta la las lo los mediante para por "
    "que se sin sobre su sus tras un una unos unas y o u ya como mas muy este esta estos estas ese esa esos esas "
    "cada ambos ambas otro otra otros otras sus nuestro nuestra nuestros nuestras es son ser fue han ha".split()
)
