"""Third-person pronouns that open a claim, and the words an antecedent phrase may not start with.

``SUBJECT`` and ``POSSESSIVE`` map a lower-cased pronoun to its number (``"pl"`` or ``"sg"``)
per language: Kazakh "олар" / "олардың", Russian "они" / "их", English "they" / "their".
English "it" is left out on purpose: "It is expected that ..." has no antecedent.
``KK_PLURAL`` matches a Kazakh plural noun in the nominative ("күштер", "күштері"), ``KK_CASE``
a Kazakh word with an oblique case ending (not the genitive), ``KK_GENITIVE`` the genitive.
``CONTRAST`` finds a second, contrasted clause.  ``NOT_AFTER`` are Kazakh postpositions
that make the pronoun no subject.  ``RU_PLURAL_VERB`` and ``EN_VERB`` end a Russian or
English subject phrase (``EN_PLURAL_VERBS`` / ``EN_SINGULAR_VERBS`` tell its number when the
head noun does not); ``LEADING`` are the words (connectives, demonstratives, prepositions,
postpositions) a subject phrase never starts with.
"""

from __future__ import annotations

import regex

from claims.lang._util import words

__all__ = [
    "CONTRAST",
    "EN_PLURAL_VERBS",
    "EN_SINGULAR_VERBS",
    "EN_VERB",
    "KK_CASE",
    "KK_GENITIVE",
    "KK_PLURAL",
    "LEADING",
    "NOT_AFTER",
    "POSSESSIVE",
    "RU_PLURAL_VERB",
    "SUBJECT",
]

SUBJECT: dict[str, dict[str, str]] = {
    "kk": {"олар": "pl", "ол": "sg"},
    "ru": {"они": "pl", "он": "sg", "она": "sg"},
    "en": {"they": "pl", "he": "sg", "she": "sg"},
}
POSSESSIVE: dict[str, dict[str, str]] = {
    "kk": {"олардың": "pl", "оның": "sg"},
    "ru": {"их": "pl", "его": "sg", "её": "sg", "ее": "sg"},
    "en": {"their": "pl", "his": "sg", "its": "sg"},
}

# A sentence with a contrasted second clause has two subjects: its first is no safe antecedent
# ("Rangers may have dominated possession but Livingston did more ... They should have scored").
CONTRAST = regex.compile(
    r"(?<!\p{L})(?:but|while|whereas|although|though|но|однако|хотя|бірақ|алайда|дегенмен)(?!\p{L})"
    r"|,\s+а(?!\p{L})",
    regex.IGNORECASE,
)
# A pronoun followed by one of these is the object of a postposition or a partitive ("Олар
# туралы ...", "Оның ішінде ..."), not the subject or possessor of the claim.
NOT_AFTER = frozenset(
    words("туралы үшін сияқты секілді арқылы ішінде арасында орнына алдында кейін соң бері жөнінде")
)
KK_PLURAL = regex.compile(r"^\p{L}{3,}(?:лар|лер|дар|дер|тар|тер)(?:ы|і)?$")
KK_GENITIVE = regex.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
KK_CASE = regex.compile(
    r"\p{L}(?:да|де|та|те|дан|ден|тан|тен|нан|нен|ға|ге|қа|ке|на|не|мен|бен|пен|ны|ні|ды|ді|ты|ті"
    r"|ын|ін)$"
)
RU_PLURAL_VERB = regex.compile(r"\p{L}{2,}(?:ли|лись|ются|ятся|утся|ют|ят|ены|аны|яты|уты|иты)$")
EN_PLURAL_VERBS = frozenset(words("are were have do remain"))
EN_SINGULAR_VERBS = frozenset(words("is was has does says remains"))
EN_VERB = regex.compile(
    r"^(?:are|were|is|was|have|has|had|will|would|can|could|did|do|does|may|must|should"
    r"|said|say|says|took|remain|remains|stayed|\p{L}{2,}ed)$"
)
LEADING = frozenset(
    words(
        "бұл осы сол ол олар мұндай ал бірақ алайда сонда кейін және "
        "сәйкес туралы бойынша үшін арқылы дейін бері қарай сияқты секілді ішінде "
        "это этот эта эти тот та те они он она в во на по с со к о об из у за при для после "
        "однако но а и также тогда как когда если что чтобы хотя поэтому затем потом "
        "this these that those they he she it in on at after before however but and so "
        "also then there for by with from of as when if while though because we you i "
        "what who which where how why"
    )
)
