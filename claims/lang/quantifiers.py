"""Approximators, bounds and units around numbers in kk, ru and en.

``BEFORE`` phrases precede the number ("шамамен 300", "около 350", "more than
100"); ``AFTER`` words follow it ("300-ге жуық", "100-ден астам"); units map
surface stems to canonical units ("шақырым"/"километр"/"km" -> ``km``).
"""

from __future__ import annotations

from typing import Literal

import regex

__all__ = [
    "AFTER",
    "AFTER_PHRASES",
    "AFTER_WITH_NOUN",
    "BEFORE",
    "Bound",
    "CONJUNCTIONS",
    "EXACT_UNITS",
    "RANGE_FROM",
    "RANGE_TO",
    "STOP_WORDS",
    "SYMBOL_UNITS",
    "TIME_UNITS",
    "UNIT_WORDS",
    "YEAR_BEFORE",
    "is_year_word",
]

Bound = Literal["eq", "about", "nearly", "gt", "ge", "lt", "le"]

_BEFORE_PHRASES: tuple[tuple[str, Bound], ...] = (
        ("более чем", "gt"), ("больше чем", "gt"), ("more than", "gt"), ("in excess of", "gt"),
        ("upwards of", "gt"), ("at least", "ge"), ("не менее", "ge"), ("не меньше", "ge"),
        ("как минимум", "ge"), ("кем дегенде", "ge"), ("less than", "lt"), ("fewer than", "lt"),
        ("up to", "le"), ("не более", "le"), ("не больше", "le"), ("at most", "le"),
        ("as many as", "le"), ("close to", "nearly"), ("без малого", "nearly"),
        ("шамамен", "about"), ("около", "about"), ("примерно", "about"),
        ("приблизительно", "about"), ("порядка", "about"), ("about", "about"),
        ("around", "about"), ("approximately", "about"), ("roughly", "about"),
        ("some", "about"), ("circa", "about"), ("~", "about"), ("почти", "nearly"),
        ("nearly", "nearly"), ("almost", "nearly"), ("более", "gt"), ("свыше", "gt"),
        ("больше", "gt"), ("over", "gt"), ("above", "gt"), ("кемінде", "ge"),
        ("менее", "lt"), ("меньше", "lt"), ("under", "lt"), ("below", "lt"),
        ("максимум", "le"), ("ниже", "lt"), ("выше", "gt"),
)  # fmt: skip
BEFORE: tuple[tuple[tuple[str, ...], Bound], ...] = tuple(
    (tuple(phrase.split()), bound) for phrase, bound in _BEFORE_PHRASES
)
AFTER: dict[str, Bound] = {
    "жуық": "nearly", "шамасында": "about", "шамалы": "about", "шақты": "about",
    "қаралы": "about", "астам": "gt", "артық": "gt", "аса": "gt", "көп": "gt",
    "кем": "lt", "дейін": "le", "аспаған": "le", "аспады": "le", "аспайды": "le",
    "аспайтын": "le", "аспаса": "le", "төмен": "lt", "жоғары": "gt",
}  # fmt: skip
AFTER_WITH_NOUN = frozenset(
    ["астам", "артық", "жуық", "кем", "аса", "аспаған", "аспады", "аспайды"]
)
AFTER_PHRASES: tuple[tuple[tuple[str, ...], Bound], ...] = (
    (("or", "more"), "ge"), (("и", "более"), "ge"), (("или", "более"), "ge"), (("+",), "ge"),
    (("or", "less"), "le"), (("и", "менее"), "le"),
)  # fmt: skip

# unit stems (normalised) -> canonical unit; first match wins
UNIT_WORDS: tuple[tuple[str, str], ...] = (
    ("ақш доллар", "USD"), ("доллар", "USD"), ("dollar", "USD"), ("usd", "USD"),
    ("теңге", "KZT"), ("тенге", "KZT"), ("tenge", "KZT"), ("kzt", "KZT"),
    ("рубл", "RUB"), ("рубль", "RUB"), ("rouble", "RUB"), ("ruble", "RUB"),
    ("евро", "EUR"), ("euro", "EUR"), ("eur", "EUR"),
    ("пайыз", "%"), ("процент", "%"), ("percent", "%"), ("per cent", "%"),
    ("килограмм", "kg"), ("кг", "kg"), ("kilogram", "kg"), ("kg", "kg"),
    ("фунт", "lb"), ("pound", "lb"), ("lbs", "lb"), ("дюйм", "in"), ("inch", "in"),
    ("сантиметр", "cm"), ("см", "cm"), ("centimet", "cm"), ("cm", "cm"),
    ("миль", "mi"), ("миля", "mi"), ("милях", "mi"), ("mile", "mi"),
    ("метр", "m"), ("metre", "m"), ("meter", "m"),
    ("км", "km"), ("шақырым", "km"), ("километр", "km"), ("kilomet", "km"), ("km", "km"),
    ("адам", "people"), ("человек", "people"), ("чел", "people"), ("people", "people"),
    ("persons", "people"), ("person", "people"), ("жител", "people"),
    ("тұрғын үй", "noun:тұрғы"), ("тұрғын", "people"),  # "300 тұрғын үй" counts homes
    ("resident", "people"),
    ("inhabitant", "people"), ("тонна", "t"), ("тонн", "t"),
    ("tonne", "t"), ("tons", "t"), ("гектар", "ha"), ("hectare", "ha"),
    ("га", "ha"), ("ha", "ha"),
    ("жыл", "years"), ("год", "years"), ("лет", "years"), ("year", "years"),
    ("ай", "months"), ("айдан", "months"), ("айға", "months"), ("айда", "months"),
    ("месяц", "months"), ("month", "months"),
    ("апта", "weeks"), ("недел", "weeks"), ("week", "weeks"),
    ("күн", "days"), ("тәулік", "days"), ("сутк", "days"), ("сутки", "days"), ("день", "days"),
    ("дня", "days"), ("дней", "days"), ("day", "days"),
    ("сағат", "hours"), ("час", "hours"), ("hour", "hours"),
)  # fmt: skip
EXACT_UNITS = frozenset(
    {"ай", "айдан", "айға", "айда", "км", "km", "чел", "usd", "eur", "kzt", "лет", "дня", "дней",
     "кг", "kg", "см", "cm", "час", "га", "ha"}
)  # fmt: skip
SYMBOL_UNITS = {"$": "USD", "€": "EUR", "₸": "KZT", "₽": "RUB", "%": "%"}
TIME_UNITS = frozenset(["years", "months", "weeks", "days", "hours"])
# "жылы", "года", "years"; the abbreviations "г", "гг", "ж" only alone ("2022 г.", "2022 ж."):
# "60 тысяч жителей", "2000 жителей" are no years
_YEAR_WORD = regex.compile(r"(?:жыл|год|year)[\p{L}.]{0,6}|(?:г|гг|ж)\.?")


def is_year_word(norm: str) -> bool:
    """Whether the normalised word after a number makes it a year."""
    return _YEAR_WORD.fullmatch(norm) is not None


YEAR_BEFORE = frozenset(["in", "since", "by", "until", "в", "с", "до", "from", "к"])
CONJUNCTIONS = frozenset(["және", "мен", "и", "and", "or", "немесе", "или"])
RANGE_FROM = frozenset(["от", "from", "between"])
RANGE_TO = frozenset(["до", "to", "and"])
STOP_WORDS = frozenset(
    [
        "және",
        "мен",
        "бен",
        "пен",
        "де",
        "да",
        "та",
        "те",
        "и",
        "в",
        "на",
        "с",
        "по",
        "к",
        "о",
        "от",
        "из",
        "за",
        "для",
        "the",
        "of",
        "and",
        "a",
        "an",
        "in",
        "on",
        "to",
        "for",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "that",
        "this",
        "ол",
        "бұл",
        "осы",
        "сол",
    ]
)
