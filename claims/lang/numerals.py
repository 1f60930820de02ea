"""Number words of Kazakh, Russian and English, with Kazakh ordinal and case forms.

:func:`word_value` reads one normalised word: ``(value, ordinal)`` or None.
Kazakh numerals take ordinal suffixes ("алтыншы", "бірінші", colloquial
"жиырмасыншы"), case and possessive endings ("үш жүзден", "бірінші-сінде",
"алпысқа", "отыз бірі") and the collective suffix ("алтауы", "екеуі").
:func:`digit_suffix` reads what follows a digit after an optional hyphen
("16-ншы", "20-сыншы", "2025нші", "64-і", "1300-ге", "24-те").
"""

from __future__ import annotations

from functools import lru_cache

import regex

from claims.lang.suffixes import (
    KK_DECLENSION_ENDINGS,
    KK_POSSESSIVE_ENDINGS,
    KK_SIMILATIVE_ENDINGS,
)

__all__ = [
    "ABBREVIATED_MULTIPLIERS",
    "EN_ORDINALS",
    "EN_WORDS",
    "KK_CASE",
    "KK_WORDS",
    "MULTIPLIERS",
    "ORDINAL_SUFFIXES",
    "RU_WORDS",
    "add_word_value",
    "digit_suffix",
    "multiplier",
    "word_value",
]

KK_WORDS: dict[str, int] = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "қырқ": 40, "елу": 50,
    "алпыс": 60, "жетпіс": 70, "сексен": 80, "тоқсан": 90, "жүз": 100, "мың": 1000,
}  # fmt: skip
# Kazakh case, possessive and plural endings a numeral may carry ("жүзден", "64-і", "24-те"):
# the one suffix table (claims.lang.suffixes) without the equative, with the similative
# ("бестей") and the ordinal's "-ншы" without its linking vowel.
KK_CASE = frozenset(
    [*KK_DECLENSION_ENDINGS, *KK_POSSESSIVE_ENDINGS, *KK_SIMILATIVE_ENDINGS, "ншы", "нші"]
)
# Endings after an ordinal ("бірінші-сі", "жиырмасыншы-дан", "11-інші-ге").
_KK_AFTER_ORDINAL = frozenset(KK_CASE | {"сі", "сы", "сінде", "сында", "сіне", "сына"})
_KK_ORDINAL = regex.compile(r"(?:сы|сі|ы|і)?нш(?:ы|і)")
_KK_COLLECTIVE = regex.compile(r"(?:ау|еу)(?:ы|і|мыз|міз|ң|ңыз|ңіз|ға|ге|ын|ін|лап|леп)?")
# Words that look like an inflected Kazakh numeral but are something else.
_KK_NOT_NUMBER = frozenset(
    [
        "үшін",
        "бесін",
        "бірге",
        "бірде",
        "бірі",
        "біреу",
        "біреуі",
        "біреуге",
        "бірақ",
        "жүзеге",
        "жүзе",
        "жүзі",
        "онда",
        "оны",
        "оның",
        "онан",
        "онымен",
        "она",
        "оған",
        "екен",
        "бірін",
        "бірінің",
        "біріне",
        "бірінен",
        "бірімен",
        "бірнеше",
        "бірден",
        "алтын",
        "алтынның",
        "сексенде",
        "жүзден_",
        "екіншіден",
        "бесік",
        "жетім",
        "жетік",
    ]
)
_KK_BARE_ONLY = frozenset(["он", "бір"])  # pronoun/article homographs: only bare or ordinal
_KK_EXTRA = {
    "оннан": 10, "онға": 10, "онынан": 10, "бірі": 1, "бір-ақ": 1, "екеу": 2, "үшеу": 3,
    "төртеу": 4, "бесеу": 5, "алтау": 6, "жетеу": 7, "жарты": 0.5, "жүздеген": 100,
    "мыңдаған": 1000, "ондаған": 10,
}  # fmt: skip
_KK_EXTRA_ENDS = ("", "і", "і", "ы", "міз", "іміз", "ың", "і-ақ", "нің", "ін", "ы-ақ", "ге", "ға")

_RU_WORDS: dict[str, int] = {}
for _forms, _value in (
    ("один одна одно одного одной одному одним одну одном", 1),
    ("два две двух двум двумя", 2),
    ("три трех трем тремя", 3),
    ("четыре четырех четырем четырьмя", 4),
    ("сорок сорока", 40),
    ("девяносто девяноста", 90),
    ("сто ста сотни сотен", 100),
    ("двести двухсот двумстам двумястами двухстах", 200),
    ("триста трехсот тремстам тремястами трехстах", 300),
    ("четыреста четырехсот четыремстам", 400),
    ("пятьдесят пятидесяти пятьюдесятью", 50),
    ("шестьдесят шестидесяти шестьюдесятью", 60),
    ("семьдесят семидесяти семьюдесятью", 70),
    ("восемьдесят восьмидесяти восемьюдесятью", 80),
    ("полтора полторы полутора", 1.5),
    ("тысяча тысячи тысяч тысячу тысячей тысячам тысячами", 1000),
):
    _RU_WORDS.update(dict.fromkeys(_forms.split(), int(_value) if _value != 1.5 else 1))
for _stem, _value in (
    ("пят", 5), ("шест", 6), ("сем", 7), ("девят", 9), ("десят", 10), ("одиннадцат", 11),
    ("двенадцат", 12), ("тринадцат", 13), ("четырнадцат", 14), ("пятнадцат", 15),
    ("шестнадцат", 16), ("семнадцат", 17), ("восемнадцат", 18), ("девятнадцат", 19),
    ("двадцат", 20), ("тридцат", 30),
):  # fmt: skip
    _RU_WORDS.update(dict.fromkeys((_stem + "ь", _stem + "и", _stem + "ью"), _value))
_RU_WORDS.update({"восемь": 8, "восьми": 8, "восемью": 8})
for _stem, _value in (("пят", 500), ("шест", 600), ("сем", 700), ("восем", 800), ("девят", 900)):
    _RU_WORDS[_stem + "ьсот"] = _value
    _RU_WORDS[_stem.replace("восем", "восьм") + "исот"] = _value
    _RU_WORDS[_stem.replace("восем", "восьм") + "истам"] = _value
del _RU_WORDS["семью"]  # "семью" is far more often "family"
for _k in ("полтора", "полторы", "полутора"):
    del _RU_WORDS[_k]
RU_WORDS: dict[str, int] = _RU_WORDS
_RU_ORDINAL_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13,
    "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18,
    "девятнадцат": 19, "двадцат": 20, "тридцат": 30,
}  # fmt: skip
_RU_ORDINAL_END = regex.compile(
    r"(?:ый|ой|ий|ая|ья|ое|ье|ого|ьего|его|ому|ему|ом|ем|ые|ьи|ых|их|ым|им|ую|ью)"
)

EN_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "thousand": 1000,
}  # fmt: skip
EN_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip

# multiplier stems -> factor; a word matches when it starts with the stem and
# the rest is a short inflection ("миллиардқа", "тысячами", "millions").
MULTIPLIERS: tuple[tuple[str, float], ...] = (
    ("триллион", 1e12), ("трлн", 1e12), ("trillion", 1e12),
    ("миллиард", 1e9), ("млрд", 1e9), ("billion", 1e9), ("bn", 1e9),
    ("миллион", 1e6), ("млн", 1e6), ("million", 1e6), ("mln", 1e6), ("mn", 1e6),
    ("мың", 1e3), ("тысяч", 1e3), ("тыс", 1e3), ("thousand", 1e3),
)  # fmt: skip
_EXACT_MULTIPLIERS = frozenset(["bn", "mn", "mln", "тыс"])
# written with a full stop that ends no sentence: "12 тыс. гектаров", "5 млн. тенге"
ABBREVIATED_MULTIPLIERS = frozenset(["трлн", "млрд", "млн", "тыс", "bn", "mln", "mn"])

# What may follow a digit and make it an ordinal: "-ші", "-ншы", "-сыншы", "-й", "th".
ORDINAL_SUFFIXES = frozenset(
    [
        "ші",
        "шы",
        "інші",
        "ыншы",
        "нші",
        "ншы",
        "сыншы",
        "сінші",
        "й",
        "я",
        "е",
        "го",
        "му",
        "м",
        "х",
        "ый",
        "ой",
        "ий",
        "ая",
        "ое",
        "ые",
        "ых",
        "им",
        "ым",
        "ом",
        "st",
        "nd",
        "rd",
        "th",
    ]
)
_DIGIT_ORDINAL = regex.compile(r"(?:сы|сі|ы|і)?нш(?:ы|і)|ш(?:ы|і)")


def multiplier(norm: str) -> float | None:
    """The factor of "миллион", "млрд", "мың", "thousand"... (inflected), else None."""
    for stem, factor in MULTIPLIERS:
        if norm.startswith(stem) and len(norm) - len(stem) <= 5:
            if stem in _EXACT_MULTIPLIERS and norm != stem:
                continue
            return factor
    return None


def _kk_rest(stem: str, rest: str) -> tuple[bool, bool] | None:
    """(valid, ordinal) for what follows a Kazakh numeral stem, None if it is no numeral."""
    if rest == "":
        return True, False
    m = _KK_ORDINAL.match(rest)
    if m is not None:
        after = rest[m.end() :].lstrip("-")
        if after == "" or after in _KK_AFTER_ORDINAL:
            return True, True
    if stem in _KK_BARE_ONLY:
        return None
    if rest in KK_CASE and rest != "н":
        return True, False
    if _KK_COLLECTIVE.fullmatch(rest) and stem in ("екі", "үш", "төрт", "бес", "алты", "жеті"):
        return True, False
    if stem.endswith(("ы", "і", "а", "е")) and _KK_COLLECTIVE.fullmatch(stem[-1] + rest):
        return True, False  # "алтауы" = "алт" + "ауы" after dropping the stem vowel
    return None


_KK_STEMS = tuple(sorted(KK_WORDS, key=len, reverse=True))


def _kk_value(norm: str) -> tuple[float, bool] | None:
    if norm in _KK_NOT_NUMBER:
        return None
    for word, value in _KK_EXTRA.items():
        if norm.startswith(word) and norm[len(word) :] in _KK_EXTRA_ENDS:
            return float(value), False
    head, sep, tail = norm.partition("-")
    if sep and tail not in ("ақ",) and head and tail:  # "алты-жеті", "төрт-бес": the upper end
        both = _kk_value(head), _kk_value(tail)
        if both[0] is not None and both[1] is not None:
            return both[1]
    elif sep and tail == "ақ":
        return _kk_value(head)
    for stem in _KK_STEMS:
        candidates = [stem]
        if stem[-1] in "ыі":
            candidates.append(stem[:-1])  # "алтауы", "алтыншы" -> "алт"
        for head in candidates:
            if not norm.startswith(head) or (head != stem and len(head) < 3):
                continue
            found = _kk_rest(stem, norm[len(head) :])
            if found is not None:
                return float(KK_WORDS[stem]), found[1]
    return None


def _ru_value(norm: str) -> tuple[float, bool] | None:
    if norm in RU_WORDS:
        return float(RU_WORDS[norm]), False
    for stem, value in _RU_ORDINAL_STEMS.items():
        if norm.startswith(stem) and _RU_ORDINAL_END.fullmatch(norm[len(stem) :]):
            return float(value), True
    return None


def add_word_value(total: float, current: float, value: float) -> tuple[float, float]:
    """Fold the value of the next number word into a running ``(total, current)``.

    A thousand or more multiplies what came before it into ``total`` ("екі мың жиырма",
    "three thousand"), a hundred multiplies ``current`` ("екі жүз"), anything else adds
    to it ("жиырма бес"); the number read so far is ``total + current``.
    """
    if value >= 1000:
        return total + (current or 1) * value, 0.0
    if value == 100:
        return total, (current or 1) * 100
    return total, current + value


@lru_cache(maxsize=65536)
def word_value(norm: str, language: str) -> tuple[float, bool] | None:
    """Value of one normalised number word and whether it is an ordinal, or None."""
    if language == "en":
        if norm in EN_WORDS:
            return float(EN_WORDS[norm]), False
        if norm in EN_ORDINALS:
            return float(EN_ORDINALS[norm]), True
        return None
    if language == "ru":
        return _ru_value(norm)
    return _kk_value(norm)


def digit_suffix(suffix: str) -> str | None:
    """``"ordinal"``, ``"case"`` or None for the letters glued or hyphened to a digit."""
    if suffix in ORDINAL_SUFFIXES:
        return "ordinal"
    m = _DIGIT_ORDINAL.match(suffix)
    if m is not None:
        after = suffix[m.end() :].lstrip("-")
        if after == "" or after in _KK_AFTER_ORDINAL:
            return "ordinal"
    if suffix in KK_CASE:
        return "case"
    return None
