"""The scorer's rule for a fragment: a proposal with no verb, or with no object after its first verb.

The rule is the scorer's own (it does not ask ingest's lexicon), so that ingest cannot pass it by
agreeing with itself:

- **verb**: a word that is a verb by its form or by a short list: English modals and committing
  verbs, the base forms of a list of policy verbs with their -s, -ed and -ing forms; Spanish
  infinitives (with a clitic), futures, preterites, gerunds, participles after "ha"/"han"/"hemos",
  a word after an impersonal "se", and the present of a list of committing verbs.
- **object**: a word of three letters or more after the first verb that is neither a verb nor a
  function word ("to", "the", "de", "la", ...).
- A **list item** (a line that opens with a marker, or a line under a lead-in ending in ":") may
  inherit its lead-in's verb: it is a fragment only when it has no content word at all.

``is_fragment("Both countries committed to intensify", text)`` is True (no object);
``is_fragment("widen the exchange of ballistic data", text)`` is False (verb and object).
"""

from __future__ import annotations

import re

__all__ = ["is_fragment", "has_verb_and_object"]

_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÑÜáéíóúñü]+(?:[’'][a-z]+)?")
_EN_MODALS = set(
    "will shall would must should can could may might need needs pledge pledges pledged commit commits committed "
    "intend intends intended plan plans planned seek seeks sought aim aims agree agrees agreed affirm affirms "
    "affirmed reaffirm reaffirms reaffirmed continue continues continued propose proposes proposed decided resolved "
    "undertake undertakes undertook tasked directed instructed asked requested requesting expect expects is are am be "
    "was were been has have had going".split()
)
_EN_BASES = set(
    "accelerate address adopt advance align allocate analyze assess assign assist attack bring broaden build "
    "check collaborate combat complete conduct connect consider convene coordinate counter create cut decrease "
    "dedicate deepen define deliver deploy design detect develop dismantle disrupt double educate eliminate enable "
    "encourage engage enhance ensure equip establish evaluate exchange expand explore extend extradite facilitate "
    "fight finance focus form foster freeze fund give harmonize help hire hold host identify implement improve "
    "increase indict inspect integrate intensify invest investigate issue join keep launch lead limit maintain make "
    "map measure meet mobilize modernize monitor open organize partner place prepare present prevent prioritize "
    "professionalize promote prosecute protect provide publish pursue raise reduce reinforce report respond review "
    "remain scale secure seize set share sign speed stand standardize start step stop streamline strengthen study support "
    "take target tighten trace track train transfer treat upgrade use warn widen work".split()
)
_ES_VERBS = set(
    "busca buscan prevé prevén contempla contemplan establece establecen reitera reiteran refrenda refrendan acuerda "
    "acuerdan fortalece fortalecen propone proponen pretende pretenden impulsa impulsan debe deben puede pueden "
    "tiene tienen compromete comprometen destaca destacan plantea plantean subraya subrayan señala señalan "
    "contempla promueve promueven mantiene mantienen refuerza refuerzan amplía amplían va van vamos voy "
    "es son será serán está están estará estarán".split()
)
_FUNCTION = set(
    "to the a an and or of in on for with by at as from into its their our his her this that these those it we they "
    "also further more all both each other which who will shall be is are own new up out "
    "de del la las el los y e o u en con por para a al un una unos unas su sus que se lo le les este esta estos "
    "estas ese esa como más ya ambos ambas".split()
)
_ES_FORM = re.compile(r"(?:[aei]r(?:se|lo|la|los|las|le|les)?|[aeid]r(?:á|án|emos|ía|ían)|[aeií]ó|aron|ieron|ando|iendo)$")
_NOT_ES_VERBS = {"lugar", "mujer", "hogar", "militar", "particular", "popular", "similar", "titular", "familiar", "nivel"}
_MARKER = re.compile(r"\s*(?:[•\-*–]|(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|\([a-z0-9]{1,3}\))\s")


_DETERMINERS = set("the a an of its their our this that these those any every his her".split())


def _is_verb(word: str, prev: str, language: str = "en") -> bool:
    w = word.lower()
    if language == "es":
        return _is_spanish_verb(w, prev)
    if w in _EN_MODALS:
        return True
    if w in _EN_BASES:
        return prev not in _DETERMINERS  # "the exchange of": a noun
    for base in (w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-2] + "e", w[:-1] + "e", w[:-3] + "y"):
        if base in _EN_BASES and w.endswith(("s", "ed", "ing", "d")):
            return prev not in _DETERMINERS or w.endswith("ed")
    return False


def _is_spanish_verb(w: str, prev: str) -> bool:
    if w in _ES_VERBS or w in _EN_MODALS - {"is", "are", "be", "was", "were", "been", "has", "have", "had"}:
        return w in _ES_VERBS
    if w in _NOT_ES_VERBS or len(w) < 4:
        return False
    if prev in ("se", "ha", "han", "hemos", "había", "habían"):
        return True
    return bool(_ES_FORM.search(w))


def has_verb_and_object(text: str, language: str = "en") -> tuple[bool, bool]:
    """(whether ``text`` has a verb, whether a content word follows its first verb)."""
    words = _WORD.findall(text)
    prev = ""
    for k, word in enumerate(words):
        if _is_verb(word, prev, language):
            rest = words[k + 1 :]
            return True, any(
                len(w) >= 3 and w.lower() not in _FUNCTION and not _is_verb(w, p.lower(), language)
                for p, w in zip([word, *rest], rest)
            )
        prev = word.lower()
    return False, False


def _is_list_item(text: str, start: int) -> bool:
    """Whether a proposal starting at ``start`` is a list item: its line opens with a marker, or the line
    before it ends a lead-in with ":"."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() and not _MARKER.match(text[line_start : start + 1]):
        return False
    if _MARKER.match(text, line_start):
        return True
    before = text[:line_start].rstrip()
    return before.endswith(":")


def is_fragment(quote: str, text: str = "", start: int | None = None, language: str = "en") -> bool:
    """Whether a proposal is a fragment: no verb, or no object after its first verb (see the module's docstring).

    ``text`` and ``start`` place the proposal in its statement, to tell a list item (which may inherit its
    lead-in's verb) from a piece of a sentence.
    """
    verb, obj = has_verb_and_object(quote, language)
    if start is not None and text and _is_list_item(text, start):
        return not any(len(w) >= 3 and w.lower() not in _FUNCTION for w in _WORD.findall(quote))
    return not (verb and obj)
