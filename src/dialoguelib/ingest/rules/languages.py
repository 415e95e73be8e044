"""The words that tell English from Spanish, and both from the framework's neighbours' languages.

A paragraph's language is the one whose function words make up more of its words (articles,
prepositions, pronouns, auxiliaries: a text cannot be written without them). ``OTHER`` holds the
commonest function words of French, Portuguese, Italian and German that neither list holds: a
paragraph with as many of those as of its best language's is in neither. Only words found in one
list are kept in it ("a", "in", "e", "o", "con", "per", "dos" are left out of ``OTHER``).
"""

from __future__ import annotations

__all__ = ["FUNCTION_WORDS", "OTHER"]

_EN = """the and of to is that for on with by this will be are from at their its which have has an or it we our both
these was were been also would should they not all more between into through other such under who than said those
there any can may must being them his her he she while about against including across over each"""

_ES = """el la los las de del que y en un una por para con se su sus al lo es como más entre sobre este esta estos estas
ambos será serán han ha fue son también sin desde hasta muy ya cuando donde nuestro nuestra nuestros dijo mediante
según cual cuales le les contra durante parte además así tras ante bajo"""

_OTHER = """le les des et est du une pour dans sur au aux qui ne pas sont avec ce cette il elle nous vous leur leurs deux
plus ont été être par ou mais dont os das não um uma pelo pela pelos pelas são foi foram com ao à às nas seu sua dois
duas vão muito di che della delle degli gli sono nel nella dei alla questo anche più der die das und ist nicht mit von
zu den dem ein eine auf für sich wird werden auch nach bei aus wie oder"""

FUNCTION_WORDS = {"en": frozenset(_EN.split()), "es": frozenset(_ES.split())}
OTHER = frozenset(_OTHER.split()) - FUNCTION_WORDS["en"] - FUNCTION_WORDS["es"]
