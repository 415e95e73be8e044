"""What ingest proposes from follow-up statements, in English and Spanish: verbs of decision, lead-ins
and the bullets under them, numbered objective lines, what is not a commitment (headlines, questions,
quoted remarks, past events, plain verbs), parties, actors and new-actor candidates.

Every text here was written for these tests in the style of a follow-up statement; none is a real one."""

import pytest

from dialoguelib.ingest import propose


@pytest.fixture(scope="module")
def p(ds):
    def run(text):
        return propose(ds, text, "x")

    return run


def quotes(df):
    return df["quote"].tolist()


@pytest.mark.parametrize(
    "sentence",
    [
        "The two delegations decided to establish a binational task force on illicit finance.",
        "The leaders instructed their cabinets to intensify joint investigations of arms traffickers.",
        "At the Justice Department, we have instructed our prosecutors to prioritize cases of firearms trafficking.",
        "The delegations also launched a joint campaign, with health authorities, to warn travelers about counterfeit pills.",
        "Both governments resolved to hold the next meeting of the dialogue in Washington.",
        "Mexico has set out to build a national forensic identification center.",
        "The Treasury aims to cut off the financing of the import companies that buy precursor chemicals.",
        "Second, we’re going to expand the exchange of information on shipments of precursors.",
        "Ambos gobiernos se comprometen a fortalecer el intercambio de información financiera.",
        "Los secretarios instruyeron a sus equipos para que presenten un plan de trabajo conjunto.",
        "La FGR determinó asignar un equipo especial de fiscales a las solicitudes de extradición.",
        "La SEDENA y la FGR pondrán en operación un segundo laboratorio de balística.",
        "Vamos a reforzar la revisión de los contenedores que entran por las garitas de Tijuana.",
        "Por su parte, el Gobierno de Estados Unidos se comprometió a reforzar la inspección de armas.",
        "For its part, the Attorney General’s Office has undertaken to prosecute the members of the network.",
        "The Group tasked its finance subgroup with preparing a common list of front companies.",
        "I have directed our consulate to assign a liaison officer to the training center.",
        "The United States is also prepared to provide forensic support to identify the victims.",
        "We are also going to connect the center to the national ballistics network.",
        "What we will do is keep sharing information with the United States.",
        "All activities under this communiqué shall be carried out with full respect for each country’s sovereignty.",
        "Ambas delegaciones refrendaron su compromiso de combatir el tráfico de armas.",
        "Las delegaciones coincidieron en la necesidad de reactivar el grupo de trabajo sobre ciberseguridad.",
        "Quedamos de vernos otra vez en febrero para revisar los avances.",
        "Lo que sí vamos a hacer es compartir toda la información que sea necesaria.",
        "ANAM y CBP quedaron de intercambiar el padrón de agentes aduanales.",
        "Queda a cargo de la FEAI capacitar a los agentes del Ministerio Público de la Federación.",
        "Por su parte, la contraparte estadounidense ofreció dar prioridad a las solicitudes de extradición.",
        "Las dos instituciones se propusieron reducir a la mitad el tiempo de trámite de las solicitudes.",
        "La FGR reitera que toda entrega se realiza con estricto apego a los derechos humanos.",
        "Se tiene previsto que el armamento asegurado sea puesto a disposición de la FGR.",
        "Está contemplada la capacitación de 160 elementos en la identificación de armas.",
        "Por parte de las autoridades estadounidenses, la ATF confirmó que rastreará el origen de las armas.",
        "President López Obrador underscored that Mexico will keep strengthening its social programs.",
        "The President said that the United States would keep working to stop the flow of arms.",
        "On the financial front, the Presidents charged their teams with stepping up pressure on money launderers.",
        "Canada, Mexico, and the United States resolve to treat synthetic drugs as a public health threat.",
        "For fiscal year 2025, we are requesting $76 million for forensic laboratories in Mexico.",
        "Mexico’s SSPC has informed us that it intends to register every pill press imported into the country.",
        "I have asked U.S. Customs and Border Protection to double its inspections of southbound traffic.",
        "The donated equipment is to be used solely for customs and security inspections.",
        "Hemos acordado con nuestros socios ampliar el intercambio de información epidemiológica.",
        "Por su parte, la contraparte estadounidense ha ofrecido recursos para capacitar a 200 peritos.",
        "Estamos dispuestos a compartir la experiencia de nuestros centros de atención a las adicciones.",
    ],
)
def test_verbs_of_decision_and_spanish_futures_are_commitments(p, sentence):
    assert quotes(p(sentence)), sentence


@pytest.mark.parametrize(
    "text",
    [
        "United States and Mexico Agree on New Steps Against Fentanyl\n\nThe sky was clear.",
        "Mr. Secretary, will the United States designate the cartels as terrorist organizations?",
        "PREGUNTA: ¿Y qué pasará con los migrantes que esperan en los albergues?",
        "“We will never stop working for the families who lost a loved one,” the Secretary said.",
        "In October 2021, both governments pledged to create a Network for Homicide Prevention.",
        "Fentanyl and other synthetic drugs continue to kill thousands of people each year.",
        "We think of the many families who continue to suffer the loss of loved ones.",
        "Today, officials met in Washington, one month after the two governments launched the second phase.",
        "Les voy a decir qué acordamos hoy.",
        "Les voy a contar lo que acordamos. Vamos a poner la primera lámina, por favor.",
        "The two alleged leaders will face federal charges in the District of Arizona.",
        "I will be brief. We will never forget the officers who lost their lives.",
        "MODERATOR: Good morning. We will hear first from the Ambassador.",
        "“This is a good day. We will not rest until every network is held to account,” said the Secretary.",
        "En la sesión anterior, las delegaciones acordaron crear un grupo de trabajo sobre armas.",
        "La delegación mexicana reiteró su preocupación por el ingreso de armas.",
        "En el primero de los casos se le instruye proceso por asociación delictuosa.",
        "Los extraditados serán presentados ante las cortes que los reclaman.",
        "As a result of today’s action, all property of the designated persons must be reported to OFAC.",
        "We hope that this center will become a model for the whole country.",
        "México y Estados Unidos acordaron en 2021 reducir el tráfico de armas.",
        "Canada will host a trilateral workshop on drug checking.",
        "No voy a comentar casos específicos.",
        "A federal district court judge will determine any sentence after considering the guidelines.",
        # past events reported as launches, wishes, goal names, the noun "plan", others' undertakings
        "The two agencies launched a joint targeting cell in Laredo in March.",
        "We need to make more progress in stopping the flow of illicit drugs.",
        "- Protect our people",
        "Prevent transborder crime.",
        "Proteger a nuestra gente",
        "- Local action plans to reduce overdoses were drafted in 12 border counties.",
        "The United States and Canada will expand the exchange of firearms trace data along their own border.",
        "Las empresas que importen precursores deberán informar mensualmente a la autoridad.",
        "El acuerdo entrará en vigor al día siguiente de su publicación.",
        "La Presidenta informará de los detalles de la llamada en la conferencia de mañana.",
        "México reiteró su exigencia de que se frene el tráfico de armas.",
    ],
)
def test_headlines_questions_quoted_remarks_past_events_and_plain_verbs_are_not(p, text):
    assert quotes(p(text)) == [], text


@pytest.mark.parametrize(
    "sentence",
    [
        "Con estas medidas se busca reducir en una cuarta parte el número de armas que cruzan de manera ilegal.",
        "Con ello se pretende reducir los homicidios dolosos en los municipios participantes.",
        "Durante el encuentro se destacó la necesidad de agilizar la entrega de información balística.",
        "La cancillería precisó que ambos gobiernos han establecido un grupo técnico que revisará cada mes los avances.",
        "Por su parte, la delegación estadounidense indicó que el Departamento de Justicia asignará diez fiscales más.",
    ],
)
def test_spanish_news_copy_reports_commitments_in_reported_speech_and_impersonal_forms(p, sentence):
    assert quotes(p(sentence)) == [sentence]


def test_a_list_of_verb_phrases_under_one_subject_is_one_unit_and_another_partys_clause_is_a_part(p):
    one = "Leaders committed to step up inspections of precursor shipments, widen the exchange of customs data, and deepen joint training of port inspectors."
    assert quotes(p(one)) == [one]
    two = "Mexico will train 200 prosecutors in ballistics; and both governments plan to share ballistics data every month."
    rows = p(two)
    assert quotes(rows) == [
        "Mexico will train 200 prosecutors in ballistics",
        "both governments plan to share ballistics data every month.",
    ]
    assert rows["party"].tolist() == ["MX", "both"]
    assert all("part " in r and "of 2 of the sentence" in r and two in r for r in rows["reason"])


def test_a_quotation_mutes_the_rest_of_its_paragraph_and_no_further(p):
    remark = "“We will not rest,” the minister said. “We will train 300 more inspectors this year.”"
    after = "Both governments will expand the exchange of firearms trace data."
    # a page's text, one paragraph per line: the remark's line ends its quotation, even one left open
    page = f"Statement on security cooperation\n{remark}\n{after}\n“An opening quote that never closes.\n{after}\n"
    assert quotes(p(page)) == [after, after]
    # a text with blank lines between paragraphs: the same
    text = f"Statement on security cooperation\n\n{remark}\n\n“An opening quote\nthat never closes.\n\n{after}\n"
    assert quotes(p(text)) == [after]


def test_a_sentence_cut_off_at_the_end_of_a_text_or_broken_across_lines_is_proposed_whole(p):
    cut = "Headline of the page\n\nThe two governments will expand the exchange of information on firearms traffi"
    assert quotes(p(cut)) == ["The two governments will expand the exchange of information on firearms traffi"]
    trailing = "We will continue to share information on the financial networks of the cartels through\n\nRelated: a story"
    assert quotes(p(trailing)) == ["We will continue to share information on the financial networks of the cartels through"]
    broken = (
        "SECRETARÍA DE SEGURIDAD\nBoletín 215\nLa SSPC informó que la Red para la Prevención de\nHomicidios sesionó.\n"
        "El titular de la SSPC explicó que la dependencia destinará 40 millones de pesos a\nprogramas de prevención para jóvenes.\n"
    )
    assert quotes(p(broken)) == [
        "El titular de la SSPC explicó que la dependencia destinará 40 millones de pesos a\nprogramas de prevención para jóvenes."
    ]


def test_a_trilateral_texts_undertakings_are_both_with_the_third_country_named(p):
    text = (
        "Leaders' Statement\n\nWe, the leaders of Canada, Mexico, and the United States, met today in Monterrey.\n\n"
        "Our three governments will expand the tracing of firearms recovered at crime scenes.\n\n"
        "President Biden and President López Obrador agreed to open a joint investigation into pill-press brokers.\n"
    )
    rows = p(text).set_index("quote")
    three = rows.loc["Our three governments will expand the tracing of firearms recovered at crime scenes."]
    assert three["party"] == "both" and "Canada" in three["new_actor_candidates"].split("|")
    assert "with a third country: Canada" in three["reason"]
    two = rows.loc["President Biden and President López Obrador agreed to open a joint investigation into pill-press brokers."]
    assert two["party"] == "both" and "Canada" not in two["new_actor_candidates"]


def test_names_of_places_and_criminal_organisations_are_no_goal_words(ds):
    from dialoguelib.ingest.masking import Masker

    masked = Masker(ds)(
        "La red consular en Tucson, Phoenix y El Paso, Texas, y las fiscalías de Baja California y Sonora "
        "investigarán al Cártel Jalisco Nueva Generación y al Sinaloa Cartel."
    )
    assert not {"tucson", "phoenix", "paso", "texas", "baja", "sonora", "jalisco", "generacion", "sinaloa"} & set(masked.split())
    assert {"consular", "fiscalias", "investigaran"} <= set(masked.split())


def test_names_of_people_offices_and_the_framework_decide_no_goal(p):
    generic = p("Secretary Mayorkas and Secretary Rodríguez reaffirmed their commitment to the framework.").iloc[0]
    assert generic["goal_id"] == "cross-cutting" and not {"secretary", "mayorkas", "rodriguez"} & set(generic["reason"].split())
    unknown = p("Both sides will keep going.").iloc[0]
    strong = p("Both governments will expand the tracing of seized firearms.").iloc[0]
    assert "weak" in unknown["reason"] and unknown["confidence"] < strong["confidence"] - 0.2  # two common words
    framed = p(
        "Guided by the U.S.-Mexico Bicentennial Framework for Security, Public Health, and Safe Communities, "
        "both governments will expand the tracing of seized firearms."
    ).iloc[0]
    assert framed["goal_id"] == "prevent" and framed["area_id"] == "arms-trafficking"
    assert "health" not in framed["reason"].lower() and "bicentennial" not in framed["reason"].lower()
    arms = p("DHS will deploy 40 officers to southbound lanes to stop the smuggling of firearms into Mexico.").iloc[0]
    assert arms["area_id"] == "arms-trafficking"
    people = p("HSI will share information with Mexican authorities to dismantle the networks that smuggle migrants.").iloc[0]
    assert people["area_id"] == "human-smuggling-trafficking"


def test_the_confidence_is_calibrated_and_rises_with_the_raw_score():
    import importlib

    module = importlib.import_module("dialoguelib.ingest.propose")
    values = [module.calibrated(x / 20) for x in range(21)]
    assert values == sorted(values) and 0 <= values[0] < values[-1] <= 1


def test_bullets_under_a_committing_lead_in_inherit_it_and_reports_do_not(p):
    text = (
        "PROGRESS SINCE 2021\n\n"
        "- The bilateral cyber working group held its first meeting and adopted a workplan.\n"
        "- In 2022, the Network brought together police chiefs from eighteen cities.\n\n"
        "NEW COMMITMENTS\n\n"
        "The United States and Mexico committed to:\n\n"
        "- Expand access to naloxone in the northern border states.\n"
        "- Train two hundred customs officers in the detection of synthetic drugs.\n"
    )
    df = p(text)
    assert [q.lstrip("- ") for q in quotes(df)] == [
        "Expand access to naloxone in the northern border states.",
        "Train two hundred customs officers in the detection of synthetic drugs.",
    ]
    assert set(df["modality"]) == {"commit"} and df["reason"].str.contains("lead-in").all()


def test_numbered_objective_lines_are_each_an_objective(p):
    text = (
        "Goal 1. Protect our people\n"
        "Joint objective 1.1.1: Promote the prevention of synthetic drug use among young people.\n"
        "2.3.1 Increase the tracing of firearms seized in Mexico.\n"
        "Línea de acción 2.2: Intercambiar de forma sistemática los resultados del rastreo de armas.\n"
    )
    found = quotes(p(text))
    assert len(found) == 3
    assert found[0].startswith("Joint objective 1.1.1: Promote") and found[2].startswith("Línea de acción 2.2")


def test_numbered_and_lettered_items_are_each_a_commitment_under_their_lead_in(p):
    df = p(
        "Ambas delegaciones acordaron:\n\na) Instalar un mecanismo de verificación de armas.\n"
        "b) Reforzar la inspección no intrusiva de la carga.\n\nThe Group agreed on the following:\n\n"
        "1. The Group shall meet every three months.\n2. Both governments will exchange information on laboratories.\n"
    )
    assert quotes(df) == [
        "a) Instalar un mecanismo de verificación de armas.",
        "b) Reforzar la inspección no intrusiva de la carga.",
        "1. The Group shall meet every three months.",
        "2. Both governments will exchange information on laboratories.",
    ]
    assert df["modality"].tolist() == ["agree", "agree", "will", "will"]


def test_lines_under_a_lead_in_are_its_items_even_without_a_marker(p):
    df = p(
        "Objetivos de la sección:\nDebilitar la estructura financiera de las organizaciones criminales.\n"
        "Agilizar los procedimientos de extradición.\n\nEl trimestre fue intenso. Hubo avances.\n"
    )
    assert quotes(df) == [
        "Debilitar la estructura financiera de las organizaciones criminales.",
        "Agilizar los procedimientos de extradición.",
    ]


def test_a_lead_in_that_says_what_is_to_be_done_besides_the_list_is_a_commitment_itself(p):
    df = p("The United States and Mexico pledge to stand together to:\n\n- Protect our people by investing in health.\n")
    assert quotes(df) == ["Protect our people by investing in health."] and df["modality"].tolist() == ["pledge"]
    df = p("We pledge to take concrete actions to strengthen our cooperation, including the following:\n\n- Share data.\n")
    assert len(df) == 2 and df["quote"].iloc[0].startswith("We pledge to take concrete actions")
    df = p("Las dos delegaciones acordaron las siguientes acciones:\n\n- Crear un grupo de trabajo.\n")
    assert quotes(df) == ["Crear un grupo de trabajo."] and df["modality"].tolist() == ["agree"]


@pytest.mark.parametrize(
    "sentence, party",
    [
        ("The two delegations will meet every six months to review progress.", "both"),
        ("Las dos delegaciones acordaron crear un grupo técnico.", "both"),
        ("President Biden will ask Congress for new funds for inspection technology.", "US"),
        ("Secretary Blinken pledged to expand support for forensic laboratories.", "US"),
        ("The Attorney General of Mexico will assign a team of prosecutors to extraditions.", "MX"),
        ("La FGR se comprometió a agilizar las extradiciones.", "MX"),
        ("El Gobierno de Estados Unidos reforzará la inspección de armas en la frontera.", "US"),
        # a phrase before the subject names no subject; a place names no subject; a full name is an office's
        ("Para integrar el equipo binacional, la FGR asignará doce fiscales a los casos de extradición.", "MX"),
        ("In coordination with Mexico's FGR, the DEA will train 200 investigators.", "US"),
        ("En lo que resta de 2024, esta Cancillería presentará una propuesta para ampliar el rastreo de armas.", "MX"),
        ("La red consular en los Estados Unidos ampliará la asesoría jurídica a las víctimas de trata.", "MX"),
        ("La Unidad de Inteligencia Financiera y el Departamento del Tesoro van a elaborar una lista común.", "both"),
    ],
)
def test_parties_from_titles_offices_and_spanish_subjects(p, sentence, party):
    df = p(sentence)
    assert df["party"].tolist() == [party], sentence


@pytest.mark.parametrize(
    "masthead, voice",
    [
        ("SECRETARÍA DE SALUD\nComunicado 312\nCiudad de México, 26 de junio de 2024\n", "MX"),
        ("U.S. DEPARTMENT OF THE TREASURY\nPress Releases\nNovember 20, 2025\n", "US"),
        ("Secretaría de Relaciones Exteriores\nComunicado conjunto No. 412\n", "both"),
        ("THE WHITE HOUSE\nBriefing Room\nReadout of the U.S.-Mexico Cabinet-Level Meeting\n", "both"),
        ("A statement\nwith no masthead\n", "both"),
    ],
)
def test_a_statement_speaks_in_its_publishers_voice(p, masthead, voice):
    from dialoguelib.ingest.who import document_voice

    assert document_voice(masthead) == voice
    df = p(masthead + "\nWe will train 500 forensic experts in 2025. Se reforzará la inspección de la carga en los puertos.\n")
    assert df["party"].tolist() == [voice, voice]
    assert df["reason"].str.endswith("party: no government named, the statement's voice").all() == (voice != "both")


@pytest.mark.parametrize(
    "sentence, party",
    [
        # the partner first, the subject unsaid: one side's undertaking with the other's
        ("Con el Departamento de Estado trabajaremos en un programa de becas para jóvenes.", "both"),
        ("También vamos a abrir, junto con las autoridades de salud de California, dos centros de atención.", "both"),
        # "cumplir con" and "con recursos de" name no partner in the undertaking
        ("Vamos a seguir cumpliendo con las solicitudes de extradición de Estados Unidos.", "MX"),
        ("Se capacitará a 160 elementos en la identificación de armas, con recursos de la INL.", "MX"),
    ],
)
def test_in_a_one_sided_text_the_other_side_as_partner_makes_an_undertaking_both_sides(p, sentence, party):
    df = p(
        "SECRETARÍA DE SEGURIDAD Y PROTECCIÓN CIUDADANA\nComunicado 12\nCiudad de México, 3 de mayo de 2024\n\n" + sentence + "\n"
    )
    assert df["party"].tolist() == [party], sentence


def test_the_framework_named_with_the_two_countries_makes_no_joint_text():
    from dialoguelib.ingest.who import document_voice

    masthead = "SECRETARÍA DE SALUD\nInforme de avances 2023\nEntendimiento Bicentenario México-Estados Unidos\n"
    assert document_voice(masthead) == "MX"


def test_a_lead_in_inside_a_list_or_a_quoted_report_passes_its_verb_and_party_to_its_items(p):
    text = (
        "SECRETARÍA DE RELACIONES EXTERIORES\nOficio 12\n\nLa Dirección General informó lo siguiente:\n\n"
        '"En la reunión celebrada el 12 de marzo, las delegaciones de México y de los Estados Unidos acordaron:\n\n'
        "a) Extender el rastreo electrónico de armas de fuego a las 32 fiscalías estatales.\n"
        'b) Realizar dos jornadas binacionales de identificación forense."\n'
    )
    df = p(text)
    assert len(df) == 2 and df["quote"].str.contains("Extender el rastreo|Realizar dos jornadas").all()
    assert df["party"].tolist() == ["both", "both"] and df["modality"].tolist() == ["agree", "agree"]


def test_the_reason_says_when_the_voice_decided_the_party_and_not_when_a_lead_in_named_it(p):
    df = p(
        "SECRETARÍA DE SALUD\nComunicado 1\n\nMéxico se compromete a:\n\n- Ampliar la atención.\n\nSe reforzará la prevención.\n"
    )
    assert df["party"].tolist() == ["MX", "MX"]
    assert [r.endswith("the statement's voice") for r in df["reason"]] == [False, True]


def test_one_sides_undertaking_with_the_other_side_or_an_exchange_is_both_sides(p):
    df = p(
        "U.S. DEPARTMENT OF JUSTICE\nOffice of Public Affairs\n\nWe will work with the Attorney General of Mexico to "
        "extradite the leaders of the network. We will also exchange ballistic data every week. We will hire 40 more "
        "prosecutors for firearms cases. Mexico will transfer the detainees by March.\n"
    )
    assert df["party"].tolist() == ["both", "both", "US", "MX"]


def test_a_transcripts_speakers_speak_for_their_side_and_the_press_commits_nobody(p):
    text = (
        "Versión estenográfica\n\nPRESIDENTA: Buenos días. Vamos a reforzar la revisión de los contenedores en Manzanillo.\n\n"
        "Y vamos a llevar la campaña a todas las secundarias.\n\nINTERLOCUTOR: Presidenta, ¿cuándo? Vamos a publicar la "
        "nota mañana.\n\nSECRETARY BLINKEN: We will fund two more laboratories in Sonora.\n\nMODERATOR: We will take "
        "two more questions.\n"
    )
    df = p(text)
    assert quotes(df) == [
        "Vamos a reforzar la revisión de los contenedores en Manzanillo.",
        "Y vamos a llevar la campaña a todas las secundarias.",
        "We will fund two more laboratories in Sonora.",
    ]
    assert df["party"].tolist() == ["MX", "MX", "US"]


@pytest.mark.parametrize(
    "text, parties",
    [
        # a joint release of two Mexican agencies is Mexico's; so are its states and both its orders of government
        (
            "SECRETARÍA DE HACIENDA Y CRÉDITO PÚBLICO\nUNIDAD DE INTELIGENCIA FINANCIERA\nComunicado conjunto No. 31\n\n"
            "Se tiene previsto ampliar la lista. Ambas dependencias reiteran su compromiso con la legalidad.",
            ["MX", "MX"],
        ),
        (
            "GABINETE DE SEGURIDAD\nComunicado 112\n\nLos gobiernos estatales se comprometieron a conectar sus arcos lectores. "
            "Ambos órdenes de gobierno brindarán atención humanitaria.",
            ["MX", "MX"],
        ),
        # an acronym the statement defined for a joint group is both sides'
        (
            "FISCALÍA GENERAL DE LA REPÚBLICA\nBoletín 12\n\nSe instaló el Grupo de Trabajo Conjunto sobre Extradiciones (GTC). "
            "El GTC presentará un protocolo en noventa días.",
            ["both"],
        ),
        # the agent of a passive is its subject
        (
            "U.S. Embassy\nPress Releases\n\nSpare parts for the vans will be provided by the Mexican government for two years.",
            ["MX"],
        ),
        (
            "REMARKS\nDepartment of State\n\nFOREIGN SECRETARY EBRARD: Mexico thanks its partners. We will train 300 customs "
            "officers. Our two delegations will meet again next year.",
            ["MX", "both"],
        ),
    ],
)
def test_parties_of_mexican_agencies_and_states_defined_acronyms_passive_agents_and_speakers(p, text, parties):
    assert p(text)["party"].tolist() == parties


def test_bullets_under_a_lead_in_of_agreements_are_both_sides(p):
    df = p(
        "FISCALÍA GENERAL DE LA REPÚBLICA\nBoletín 241\n\nEntre los acuerdos destacan:\n\n• Ampliar los equipos de investigación.\n"
    )
    assert quotes(df) == ["Ampliar los equipos de investigación."] and df["party"].tolist() == ["both"]


def test_actors_by_spanish_names_and_titles_and_new_candidates_trimmed(p):
    df = p(
        "The Treasury and Mexico’s UIF will sanction the financiers of the Jalisco New Generation Cartel. "
        "La Unidad de Inteligencia Financiera y el Cártel Jalisco Nueva Generación serán objeto de un análisis conjunto. "
        "The FBI and the Mexican Navy will create the Trilateral Fentanyl Committee with the FGR and the SSPC in FY 2025."
    )
    actors = [set(a.split(":")[0] for a in row.split(";")) for row in df["actors"]]
    assert {"us-treasury", "uif", "cjng"} <= actors[0]
    assert {"uif", "cjng"} <= actors[1]
    cands = df["new_actor_candidates"].iloc[2].split("|")
    assert "Trilateral Fentanyl Committee" in cands
    # known bodies by one name whatever the text calls them
    assert "Fiscalía General de la República (FGR)" in cands and "Secretaría de Seguridad y Protección Ciudadana (SSPC)" in cands
    assert "Federal Bureau of Investigation (FBI)" in cands and "Secretaría de Marina (SEMAR)" in cands
    assert not any(c.startswith(("The ", "the ")) for c in cands) and "FY" not in cands
    assert not any(" and " in c for c in cands)


def test_english_and_spanish_names_and_acronyms_of_one_body_are_one_candidate(p):
    df = p(
        "The Department of Homeland Security (DHS) and Mexico’s Attorney General’s Office will share case files. "
        "La Fiscalía General de la República y el Departamento de Seguridad Nacional intercambiarán expedientes. "
        "DHS y la FGR revisarán los avances. Defensa y la Marina reforzarán la vigilancia en la defensa de los puertos."
    )
    expected = ["Department of Homeland Security (DHS)", "Fiscalía General de la República (FGR)"]
    assert [sorted(c.split("|")) for c in df["new_actor_candidates"][:3]] == [sorted(expected)] * 3
    assert df["new_actor_candidates"].iloc[3].split("|") == [
        "Secretaría de la Defensa Nacional (SEDENA)",
        "Secretaría de Marina (SEMAR)",
    ]


def test_a_data_folder_that_holds_every_known_body_as_an_actor_gets_no_body_candidates(ds, monkeypatch):
    """Before, an empty alternation of body names matched everywhere and failed with a KeyError."""
    from dialoguelib.ingest import who as actors
    from dialoguelib.ingest.rules import bodies

    monkeypatch.setattr(actors, "KNOWN_BODIES", [["Department of Homeland Security (DHS)", "Homeland Security"]])
    from types import SimpleNamespace

    held = ds.actors.assign(aliases=[["Homeland Security"]] + list(ds.actors["aliases"][1:]))  # the body is an actor now
    gaz = actors.Gazetteer(SimpleNamespace(actors=held))
    assert gaz.bodies_in("Homeland Security and the FGR will meet.") == []
    assert bodies.KNOWN_BODIES  # the lexicon itself is untouched


def test_every_proposal_says_why(p):
    df = p("Both governments will strengthen cooperation against firearms trafficking.")
    reason = df["reason"].iloc[0]
    assert reason.startswith("verb: will; goal area words: firearms; words: ")
    words = reason.split("; words: ")[1].split(", ")
    assert words[0] and all(w in "both governments will strengthen cooperation against firearms trafficking" for w in words)


def test_one_paragraph_per_line_texts_split_at_every_line(p):
    text = (
        "Acuerdos de la reunión\n"
        "Las dos delegaciones acordaron crear un grupo técnico sobre armas.\n"
        "Ambos países continuarán atendiendo el fenómeno migratorio por otros mecanismos.\n"
    )
    assert quotes(p(text)) == [
        "Las dos delegaciones acordaron crear un grupo técnico sobre armas.",
        "Ambos países continuarán atendiendo el fenómeno migratorio por otros mecanismos.",
    ]


def test_outside_the_framework_is_suggested_for_migration_and_process_and_merge_asks_for_a_decision(p, tmp_path, data_copy):
    import pandas as pd

    from dialoguelib.errors import ReviewError
    from dialoguelib.ingest import ingest_document, merge_review

    df = p(
        "The delegations agreed to keep working together on the humane management of migration. "
        "Cabinet officials will meet again in Washington next year. "
        "Both governments will dismantle the human smuggling networks that exploit migrants."
    )
    assert df["goal_id"].tolist() == ["outside", "outside", "prevent"]
    assert df["reason"].iloc[0].endswith("outside the framework: migration")
    statement = tmp_path / "s.txt"
    statement.write_text("Both countries will continue to coordinate on the orderly management of migration.\n", encoding="utf-8")
    review, proposals = ingest_document(
        statement, document_id="m-1", code="MIG", date="2024-01-01", title="t", data_dir=data_copy, review_path=tmp_path / "r.csv"
    )
    assert proposals["goal_id"].tolist() == ["outside"]
    pd.read_csv(review, dtype=str, keep_default_na=False).assign(decision="accept").to_csv(review, index=False)
    with pytest.raises(ReviewError, match=r"row 1 .*field 'goal_id'.*'outside'.*drop the row, or mark it fix"):
        merge_review(review, data_copy)


@pytest.mark.parametrize(
    "sentence, goal",
    [
        ("The two delegations will meet again in Washington in early 2026.", "outside"),
        (
            "La Secretaría de Salud y sus contrapartes se reunirán nuevamente en octubre para revisar la atención a las adicciones.",
            "outside",
        ),
        ("Treasury and the UIF will meet every quarter to coordinate sanctions against money launderers.", "pursue"),
        (
            "All activities under this plan will be carried out with full respect for human rights and the sovereignty of each "
            "country.",
            "cross-cutting",
        ),
        ("Todas estas acciones habrán de sustentarse en un enfoque de salud pública y de derechos humanos.", "cross-cutting"),
        ("Both governments will train 2,000 police investigators in homicide and femicide investigations.", "protect"),
        ("The two countries will identify and prosecute the smuggling networks that transport migrants.", "prevent"),
        # an action set for the next session is about its content, not the dialogue's calendar
        (
            "Se acordó que la SSPC y el INL diseñarán un protocolo para la investigación de homicidios de mujeres, que será "
            "presentado en la próxima sesión de la Red.",
            "protect",
        ),
        ("Los gobiernos acordaron formar equipos de fiscales para investigar a las redes que trafican con migrantes.", "prevent"),
        ("Ambos gobiernos realizarán ejercicios conjuntos de respuesta a incidentes cibernéticos.", "prevent"),
        ("La Secretaría de Salud concluirá la negociación del memorándum sobre reducción de la demanda de drogas.", "protect"),
        ("Añadió que ambos países evaluarán los resultados de los equipos conjuntos dentro de seis meses.", "cross-cutting"),
        ("Ambos gobiernos van a bloquear las cuentas de quienes financian la compra de armas.", "pursue"),
    ],
)
def test_goal_cues_the_dialogues_calendar_principles_and_the_areas_words(p, sentence, goal):
    assert p(sentence)["goal_id"].tolist() == [goal], sentence


def test_an_action_plans_objective_numbers_vote_for_the_framework_goal_of_that_number(p):
    text = "Action Plan\n\nObjective 2.2: Share information on criminal organizations.\n"
    text += "Objective 3.2: Freeze the assets of money launderers.\n"
    df = p(text)
    assert df["goal_id"].tolist() == ["prevent", "pursue"]
    assert df["reason"].str.contains("in the section on this goal").all()


def test_a_long_text_proposed_in_parallel_gives_the_same_rows_as_in_one_process(ds, monkeypatch, capsys):
    import importlib

    from evaluation import devset

    module = importlib.import_module("dialoguelib.ingest.parallel")
    held_out = __import__("evaluation.ingest_eval", fromlist=["x"]).HELD_OUT_BATCHES
    kept = [s for s in devset.load() if s.path.suffix == ".txt" and s.meta.get("batch") not in held_out]
    text = "\n\n".join(s.text for s in kept) * 3
    monkeypatch.setattr(module, "PARALLEL_FROM", 10**12)
    one = propose(ds, text, "x")
    monkeypatch.setattr(module, "PARALLEL_FROM", 1000)
    many = propose(ds, text, "x", progress=True)
    assert len(one) > 300
    pd_testing = __import__("pandas").testing
    pd_testing.assert_frame_equal(one, many)
    assert "proposing" in capsys.readouterr().err  # the progress bar


def test_a_text_with_one_paragraph_per_line_is_cut_into_chunks_at_line_breaks(ds, monkeypatch):
    import importlib

    module = importlib.import_module("dialoguelib.ingest.parallel")
    line = "Both governments will expand the tracing of firearms seized in Mexico. The weather was mild.\n"
    head = "Title of the page\n"
    text = head + "".join(line.replace("firearms", f"firearms lot {i}") for i in range(400))
    spans = __import__("dialoguelib.ingest.segment", fromlist=["x"]).sentences(text, 0, lines=True)
    assert len(module._chunks(text, spans, 4, lines=True)) > 1  # a page's text has no blank line, yet it is cut
    assert len(module._chunks(text, spans, 4, lines=False)) == 1
    monkeypatch.setattr(module, "PARALLEL_FROM", 10**12)
    one = propose(ds, text, "x", language="en")
    monkeypatch.setattr(module, "PARALLEL_FROM", 1000)
    many = propose(ds, text, "x", language="en")
    assert len(one) == 400
    __import__("pandas").testing.assert_frame_equal(one, many)


def _plain_modality_alternations():
    import re

    from dialoguelib.ingest.matching import N_EN
    from dialoguelib.ingest.rules.lexicon import MODALITY_RE

    return {
        lang: re.compile("|".join(f"(?P<m{i}>{rx.pattern.lower()})" for i, (_n, rx) in enumerate(MODALITY_RE) if keep(i)))
        for lang, keep in (("en", lambda i: i < N_EN), ("es", lambda i: True), (None, lambda i: True))
    }


def test_the_matching_shortcuts_find_exactly_what_the_plain_alternations_find():
    import re

    import dialoguelib
    from dialoguelib.ingest.matching import INSTRUMENT_ANY, modality_matches
    from dialoguelib.ingest.rules.lexicon import INSTRUMENT_PATTERNS
    from dialoguelib.ingest.segment import sentences
    from evaluation import devset

    texts = [s.text for s in devset.load()] + list(dialoguelib.load().raw_texts.values())
    pieces = texts + [t[a:b] for t in texts for a, b in sentences(t)]  # whole texts, and sentence by sentence
    for lang, rx in _plain_modality_alternations().items():
        for piece in pieces:
            low = piece.lower()
            assert modality_matches(low, lang) == [(m.start(), m.end(), m.lastgroup) for m in rx.finditer(low)], piece
    instruments = re.compile("|".join(f"(?P<{k.replace('-', '_')}>{p})" for k, p in INSTRUMENT_PATTERNS.items()), re.I)
    for piece in pieces:
        assert [(m.span(), m.lastgroup) for m in INSTRUMENT_ANY.finditer(piece.lower())] == [
            (m.span(), m.lastgroup) for m in instruments.finditer(piece)
        ]


def test_the_area_keywords_with_their_first_letters_looked_at_first_match_as_without(ds):
    import re

    from dialoguelib.ingest import Suggester
    from dialoguelib.ingest.who import fold
    from evaluation import devset

    fast = Suggester(ds).keywords
    plain = re.compile(fast.pattern.partition("]))(?:")[2][:-1])  # quick() put "(?:^|(?=[letters]))(?:" in front
    assert plain.pattern.startswith(r"\b(?:(?P<k0>")
    for text in [fold(s.text).lower() for s in devset.load()]:
        assert [(m.span(), m.lastgroup) for m in fast.finditer(text)] == [(m.span(), m.lastgroup) for m in plain.finditer(text)]


def test_the_spanish_futures_merge_in_the_order_of_the_plain_alternation():
    """Random runs of words that tempt every shortcut: futures next to other verbs, a word
    that only ends like a future, "se prevé", apostrophes, digits and underscores."""
    import random

    from dialoguelib.ingest.matching import modality_matches

    words = [
        "se prevé",
        "se",
        "prevé",
        "trabajarán",
        "irá",
        "drá",
        "harán",
        "van a trabajar",
        "vamos a decir",
        "’re going to",
        "'re going to",
        "continuarán",
        "acordaron",
        "nos comprometemos",
        "se comprometen",
        "will",
        "shall",
        "instructed",
        "to",
        "reforzar",
        "_rá",
        "2rán",
        "impulsaremos",
        "Objetivo 1.2:",
        "this includes building",
        "commit crimes",
        "agreed on May",
        "é",
        "ñrá",
        ",",
        ".",
        ";",
        "\n",
        "ára",
        "rá",
    ]
    rnd = random.Random(7)
    plain = _plain_modality_alternations()
    for _ in range(3000):
        low = "".join(rnd.choice(words) + rnd.choice([" ", "", ",", "\n"]) for _ in range(rnd.randint(1, 12))).lower()
        for lang, rx in plain.items():
            assert modality_matches(low, lang) == [(m.start(), m.end(), m.lastgroup) for m in rx.finditer(low)], low


def test_first_letters_are_read_from_the_parsed_pattern():
    from dialoguelib.ingest.matching import first_letters

    assert first_letters(r"\bwill\b|\bshall\b") == {"w", "s"}
    assert first_letters(r"(?:se|nos) comprome") == {"s", "n"}
    assert first_letters(r"\b(?:va|van)?\s+a") is None  # may start with a space: any class gives None
    assert first_letters(r"^\s*this|must") == {"m"}  # an alternative anchored at the start adds nothing
    assert first_letters(r"\b\w+\b") is None
    assert first_letters(r"x?") is None  # may match empty
    assert first_letters(r"l[ií]nea") == {"l"}


def test_the_suggesters_tfidf_weighs_terms_exactly_as_scikit_learn_does():

    import numpy as np
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    import dialoguelib
    from dialoguelib.ingest import tfidf
    from dialoguelib.ingest.rules.topics import SPANISH_STOP_WORDS
    from evaluation import devset

    assert tfidf.ENGLISH_STOP_WORDS == ENGLISH_STOP_WORDS
    statements = [s.text for s in devset.load()]
    examples = list(dialoguelib.load().commitments["quote"]) + [t[: len(t) // 2] for t in statements]
    stop = sorted(ENGLISH_STOP_WORDS | SPANISH_STOP_WORDS)
    sk = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words=stop, min_df=1, strip_accents="unicode")
    expected = sk.fit_transform(examples).toarray()
    ours = tfidf.Tfidf(stop).fit(examples)
    assert list(ours.feature_names) == list(sk.get_feature_names_out())
    dense = np.zeros_like(expected)  # the examples' sparse rows, laid out as scikit-learn's dense matrix
    for i, (idx, val) in enumerate(ours.rows):
        dense[i, idx] = val
    assert np.abs(dense - expected).max() < 1e-12
    new = [t[len(t) // 2 :] for t in statements] + ["Ambos gobiernos fortalecerán la cooperación", "", "zzz qqq"]
    for text, want in zip(new, sk.transform(new).toarray()):
        row = ours.transform(text)
        got = np.zeros(len(want))
        got[row[0]] = row[1]
        assert np.abs(got - want).max() < 1e-12 and np.abs(ours.similarities(row) - expected @ want).max() < 1e-12


class _Counted(str):
    """A text that counts the characters copied out of it by slicing (``text[a:b]``)."""

    copied = 0

    def __getitem__(self, key):
        out = str.__getitem__(self, key)
        _Counted.copied += len(out)
        return out


@pytest.mark.parametrize("layout", ["one line", "one long paragraph", "lines with no final stop"])
def test_proposing_copies_each_part_of_a_long_text_a_bounded_number_of_times(ds, layout):
    # Work is counted, not timed: reading a sentence's line, paragraph or quotation marks from the paragraph's
    # start, or the rest of the text after each sentence, made the characters copied grow with the square of
    # the text's length.
    pair = (
        "Both governments will expand the exchange of firearms trace data with the border states. "
        "The delegations met in the capital for two hours, and the meeting ended at noon. "
    )
    if layout == "lines with no final stop":  # a saved page: each line a paragraph, some unclosed
        pair += "\nRead more about the security dialogue and the work of its many groups\n"
    per_char = []
    for n in (50, 200):
        text = "Statement on security cooperation\n" + ("\n" if layout == "one long paragraph" else "") + pair * n + "\n"
        _Counted.copied = 0
        rows = propose(ds, _Counted(text), "x")
        assert len(rows) == n
        per_char.append(_Counted.copied / len(text))
    assert per_char[1] < 1.2 * per_char[0], per_char


@pytest.mark.parametrize(
    "sentence, instruments, timing, year",
    [
        ("Both governments will create a working group on firearms by 2022.", "working-group", "by 2022", "2022"),
        (
            "Ambos gobiernos instalarán un laboratorio binacional de balística antes de junio de 2027.",
            "lab",
            "antes de junio de 2027",
            "2027",
        ),
        (
            "Las delegaciones firmarán un memorándum de entendimiento y ampliarán la capacitación de peritos "
            "a más tardar en 2025.",
            "mou|training",
            "a más tardar en 2025",
            "2025",
        ),
        ("La FGR y la ATF revisarán cada tres meses las solicitudes de rastreo.", "", "cada tres meses", ""),
        (
            "Se brindará asistencia técnica en un plazo no mayor a diez días hábiles.",
            "technical-assistance",
            "en un plazo no mayor a diez días hábiles",
            "",
        ),
    ],
)
def test_instruments_and_timing_are_read_in_english_and_spanish(p, sentence, instruments, timing, year):
    row = p(sentence).iloc[0]
    assert (row["instruments"], row["timing"], str(row["deadline_year"] or "")) == (instruments, timing, year), sentence
