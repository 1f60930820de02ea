"""Quantities in claim texts (Kazakh, Russian, English) and how they compare.

:func:`extract_quantities` turns digits and number words into structured
:class:`Quantity` values: an interval ``[low, high]`` (an exact number has
``low == high``), a bound (``eq``, ``about``, ``nearly``, ``gt``, ``ge``,
``lt``, ``le``) from approximators such as "жуық", "астам", "около",
"more than", a unit (``USD``, ``KZT``, ``%``, ``people``... or ``noun:<stem>``
for the counted noun), and a kind (``cardinal``, ``ordinal``, ``year``).
Kazakh case suffixes on numerals ("1300-ге", "100-ден") are understood;
"4-баптары" is an ordinal ("article 4"), and so is "2" in "2 және 4-баптары".

:func:`compare_quantities` says whether two quantities are the ``same``,
``approx`` (their intervals overlap: "2-3 миллиард" vs "$2.5 billion") or
``differ`` ("1300-ге жуық" vs "1500-ден астам").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import regex

from claims.textnorm import normalize

__all__ = [
    "Bound",
    "Quantity",
    "compare_quantities",
    "extract_quantities",
    "format_quantity",
    "is_month",
]

Bound = Literal["eq", "about", "nearly", "gt", "ge", "lt", "le"]
Kind = Literal["cardinal", "ordinal", "year"]
Relation = Literal["same", "approx", "differ"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a text; ``text[start:end] == surface``."""

    low: float
    high: float
    bound: Bound
    unit: str | None
    kind: Kind
    start: int
    end: int
    surface: str
    tolerance: float = 0.0

    @property
    def approximate(self) -> bool:
        """True when the text hedges the number (range or approximator)."""
        return self.bound != "eq" or self.low != self.high

    def interval(self) -> tuple[float, float]:
        """The values the text allows, after applying the approximator."""
        lo, hi = self.low - self.tolerance, self.high + self.tolerance
        if self.bound == "about":
            return lo * 0.9, hi * 1.1
        if self.bound == "nearly":
            return lo * 0.85, hi * 1.02
        if self.bound in ("gt", "ge"):
            return lo, math.inf
        if self.bound in ("lt", "le"):
            return 0.0, hi
        return lo, hi


# --------------------------------------------------------------------------- tokens

_TOKEN = regex.compile(
    r"""
    (?P<date>(?<!\d)\d{1,2}[./]\d{1,2}[./]\d{2,4}(?!\d)|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)
            |(?<!\d)\d{1,2}:\d{2}(?!\d))
   |(?P<num>(?<![\d.,])\d{1,3}(?:[\u00a0\u2009\u202f ]\d{3})+(?![\d])(?:[.,]\d+)?
            |\d+(?:[.,]\d+)*)
   |(?P<word>[\p{L}\p{M}]+)
   |(?P<sym>[$€₸₽%~+№])
   |(?P<dash>[-‐‑‒–—])
   |(?P<punct>[^\s\p{L}\p{M}\d])
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    text: str
    norm: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        kind = str(m.lastgroup)
        raw = str(m.group(0))
        out.append(_Tok(kind, raw, normalize(raw) if kind != "dash" else "-", m.start(), m.end()))
    return out


# --------------------------------------------------------------------------- lexicons

# Kazakh case endings that may follow a numeral after a hyphen ("1300-ге")
# or directly on a number word ("жүзден").
KK_CASE = frozenset(
    [
        "ге",
        "ке",
        "ға",
        "қа",
        "не",
        "на",
        "а",
        "е",
        "ні",
        "ны",
        "ді",
        "ды",
        "ті",
        "ты",
        "н",
        "де",
        "да",
        "те",
        "та",
        "нде",
        "нда",
        "ден",
        "дан",
        "тен",
        "тан",
        "нен",
        "нан",
        "мен",
        "бен",
        "пен",
        "дей",
        "дай",
        "тей",
        "тай",
        "дың",
        "дің",
        "тың",
        "тің",
        "ның",
        "нің",
        "ы",
        "і",
        "сы",
        "сі",
    ]
)
_ORDINAL_SUFFIX = frozenset(
    [
        "ші",
        "шы",
        "інші",
        "ыншы",
        "нші",
        "ншы",
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

_KK_WORDS = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60,
    "жетпіс": 70, "сексен": 80, "тоқсан": 90, "жүз": 100,
}  # fmt: skip
# Words that look like an inflected Kazakh numeral but are something else.
_KK_NOT_NUMBER = frozenset(
    [
        "үшін",
        "бесін",
        "бірге",
        "бірде",
        "бірі",
        "біреу",
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
    ]
)
_KK_ORDINAL = ("інші", "ыншы", "нші", "ншы")

_RU_WORDS: dict[str, int] = {}
for _forms, _value in (
    ("один одна одно одного одной одному одним одну одном", 1),
    ("два две двух двум двумя", 2),
    ("три трех трем тремя", 3),
    ("четыре четырех четырем четырьмя", 4),
    ("сорок сорока", 40),
    ("девяносто девяноста", 90),
    ("сто ста", 100),
    ("двести двухсот двумстам двумястами двухстах", 200),
    ("триста трехсот тремстам тремястами трехстах", 300),
    ("четыреста четырехсот четыремстам", 400),
    ("пятьдесят пятидесяти пятьюдесятью", 50),
    ("шестьдесят шестидесяти шестьюдесятью", 60),
    ("семьдесят семидесяти семьюдесятью", 70),
    ("восемьдесят восьмидесяти восемьюдесятью", 80),
):
    _RU_WORDS.update(dict.fromkeys(_forms.split(), _value))
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

_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_EN_ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip

# multiplier stems -> factor; a word matches when it starts with the stem and
# the rest is a short inflection ("миллиардқа", "тысячами", "millions").
_MULTIPLIERS = (
    ("триллион", 1e12), ("трлн", 1e12), ("trillion", 1e12),
    ("миллиард", 1e9), ("млрд", 1e9), ("billion", 1e9), ("bn", 1e9),
    ("миллион", 1e6), ("млн", 1e6), ("million", 1e6), ("mln", 1e6), ("mn", 1e6),
    ("мың", 1e3), ("тысяч", 1e3), ("тыс", 1e3), ("thousand", 1e3),
)  # fmt: skip

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
        ("максимум", "le"),
)  # fmt: skip
_BEFORE = tuple((tuple(phrase.split()), bound) for phrase, bound in _BEFORE_PHRASES)
_AFTER: dict[str, Bound] = {
    "жуық": "nearly", "шамасында": "about", "шамалы": "about", "шақты": "about",
    "қаралы": "about", "астам": "gt", "артық": "gt", "аса": "gt", "көп": "gt",
    "кем": "lt", "дейін": "le",
}  # fmt: skip
_AFTER_PHRASES: tuple[tuple[tuple[str, ...], Bound], ...] = (
    (("or", "more"), "ge"), (("и", "более"), "ge"), (("или", "более"), "ge"), (("+",), "ge"),
)  # fmt: skip

# unit stems (normalised) -> canonical unit; first match wins
_UNIT_WORDS = (
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
    ("persons", "people"), ("person", "people"), ("тонна", "t"), ("тонн", "t"),
    ("tonne", "t"), ("tons", "t"), ("гектар", "ha"), ("hectare", "ha"),
    ("жыл", "years"), ("год", "years"), ("лет", "years"), ("year", "years"),
    ("ай", "months"), ("месяц", "months"), ("month", "months"),
    ("күн", "days"), ("день", "days"), ("дня", "days"), ("дней", "days"), ("day", "days"),
)  # fmt: skip
_EXACT_UNITS = frozenset(
    {"ай", "км", "km", "чел", "usd", "eur", "kzt", "лет", "дня", "дней", "кг", "kg", "см", "cm"}
)
_SYMBOL_UNITS = {"$": "USD", "€": "EUR", "₸": "KZT", "₽": "RUB", "%": "%"}
_YEAR_WORDS = ("жыл", "год", "г", "year", "ж")
_YEAR_BEFORE = frozenset(["in", "since", "by", "until", "в", "с", "до", "from"])
_CONJ = frozenset(["және", "мен", "и", "and", "or", "немесе", "или"])
_RANGE_FROM = frozenset(["от", "from", "between"])
_RANGE_TO = frozenset(["до", "to", "and"])
_STOP = frozenset(
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


# --------------------------------------------------------------------------- parsing


def _multiplier(norm: str) -> float | None:
    for stem, factor in _MULTIPLIERS:
        if norm.startswith(stem) and len(norm) - len(stem) <= 5:
            if stem in ("bn", "mn", "mln", "тыс") and norm != stem:
                continue
            return factor
    return None


def _word_value(norm: str, language: str) -> tuple[float, bool] | None:
    """Value of one number word and whether it is an ordinal, or None."""
    if language == "en":
        if norm in _EN_WORDS:
            return float(_EN_WORDS[norm]), False
        if norm in _EN_ORDINAL:
            return float(_EN_ORDINAL[norm]), True
        return None
    if language == "ru":
        return (float(_RU_WORDS[norm]), False) if norm in _RU_WORDS else None
    if norm in _KK_NOT_NUMBER:
        return None
    for stem, value in _KK_WORDS.items():
        if not norm.startswith(stem):
            continue
        rest = norm[len(stem) :]
        if rest == "":
            return float(value), False
        if stem == "он":
            continue  # "онда", "оны" are pronouns
        if rest in _KK_ORDINAL or rest.lstrip("ыі") in _KK_ORDINAL:
            return float(value), True
        if rest in KK_CASE and rest != "н" and stem != "бір":  # "алтын" is gold
            return float(value), False
    return None


@dataclass
class _Group:
    """A run of tokens read as one number (before approximators and units)."""

    low: float
    high: float
    first: int  # token index
    last: int
    ordinal: bool = False
    multiplied: bool = False
    words_only: bool = False
    tolerance: float = 0.0
    suffixed: str = ""  # Kazakh case suffix on the last numeral


def _number_at(toks: Sequence[_Tok], i: int, language: str) -> _Group | None:
    """Read digits or number words starting at token ``i``."""
    tok = toks[i]
    if tok.kind == "num":
        try:
            value = float(tok.norm)
        except ValueError:
            return None
        group = _Group(value, value, i, i)
        _digit_suffix(toks, group)
        return group
    if tok.kind != "word":
        return None
    return _words_at(toks, i, language)


def _digit_suffix(toks: Sequence[_Tok], group: _Group) -> None:
    """Attach "-ге", "-ші", "th", "-баптары" after a digit token."""
    j = group.last
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is None or nxt.start != toks[j].end:
        return
    if nxt.kind == "word" and nxt.norm in _ORDINAL_SUFFIX:
        group.ordinal, group.last = True, j + 1
        return
    if nxt.kind != "dash" or j + 2 >= len(toks):
        return
    word = toks[j + 2]
    if word.kind != "word" or word.start != nxt.end:
        return
    if word.norm in KK_CASE:
        group.suffixed, group.last = word.norm, j + 2
    elif word.norm in _ORDINAL_SUFFIX or _multiplier(word.norm) is None:
        group.ordinal, group.last = True, j + 2


def _words_at(toks: Sequence[_Tok], i: int, language: str) -> _Group | None:
    total = current = 0.0
    j, seen, ordinal = i, False, False
    last = i
    while j < len(toks) and toks[j].kind == "word":
        norm = toks[j].norm
        if seen and language == "en" and norm == "and":
            j += 1
            continue
        found = _word_value(norm, language)
        if found is None:
            break
        value, is_ord = found
        if value == 100 and current:
            current *= 100
        elif value == 100:
            current = 100
        else:
            current += value
        seen, ordinal, last = True, is_ord, j
        j += 1
        if is_ord:
            break
    if not seen:
        return None
    total += current
    group = _Group(total, total, i, last, ordinal=ordinal, words_only=True)
    if language == "kk":
        rest = toks[last].norm
        for stem in _KK_WORDS:
            if rest.startswith(stem) and rest[len(stem) :] in KK_CASE:
                group.suffixed = rest[len(stem) :]
    # a lone "бір"/"один"/"one" is an article or pronoun, not a count
    single = last == i and group.low == 1 and not ordinal
    nxt_mult = last + 1 < len(toks) and _multiplier(toks[last + 1].norm) is not None
    if single and not nxt_mult:
        return None
    return group


def _apply_multiplier(toks: Sequence[_Tok], group: _Group) -> None:
    j = group.last + 1
    if group.ordinal or j >= len(toks) or toks[j].kind != "word":
        return
    factor = _multiplier(toks[j].norm)
    if factor is None:
        return
    group.low *= factor
    group.high *= factor
    group.last, group.multiplied = j, True
    rest = toks[j].norm
    for stem, _ in _MULTIPLIERS:
        if rest.startswith(stem) and rest[len(stem) :] in KK_CASE:
            group.suffixed = rest[len(stem) :]


def _precision(group: _Group, toks: Sequence[_Tok]) -> None:
    """ "2.5 billion" means 2.45-2.55 billion: widen by half the last digit."""
    if not group.multiplied or group.low != group.high or toks[group.first].kind != "num":
        return
    digits = toks[group.first].norm
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    factor = _multiplier(toks[group.last].norm) or 1.0
    group.tolerance = 0.5 * 10.0**-decimals * factor


def _range(toks: Sequence[_Tok], group: _Group, language: str) -> None:
    """ "2-3 миллиард", "от 2 до 3", "2 to 3", "2-ден 3-ке дейін"."""
    j = group.last + 1
    if j + 1 >= len(toks):
        return
    link = toks[j]
    prev = toks[group.first - 1].norm if group.first > 0 else ""
    linked = link.kind == "dash" or (
        link.kind == "word" and link.norm in _RANGE_TO and (prev in _RANGE_FROM or language == "en")
    )
    if not linked and group.suffixed not in ("ден", "дан", "тен", "тан", "нен", "нан"):
        return
    k = j if not linked else j + 1
    other = _number_at(toks, k, language) if k < len(toks) else None
    if other is None or other.ordinal or other.words_only != group.words_only:
        return
    if not linked and not _is_word(toks, other.last + 1, "дейін"):
        return
    _apply_multiplier(toks, other)
    if other.multiplied and not group.multiplied:
        factor = _multiplier(toks[other.last].norm) or 1.0
        group.low *= factor
        group.multiplied = True
    if other.high <= group.low:
        return
    group.high, group.last, group.suffixed = other.high, other.last, other.suffixed


def _is_word(toks: Sequence[_Tok], j: int, norm: str) -> bool:
    return j < len(toks) and toks[j].norm == norm


def _before_bound(toks: Sequence[_Tok], i: int) -> tuple[Bound, int]:
    for phrase, bound in _BEFORE:
        n = len(phrase)
        if i - n < 0:
            continue
        if tuple(t.norm for t in toks[i - n : i]) == phrase:
            return bound, i - n
    return "eq", i


def _after_bound(toks: Sequence[_Tok], j: int) -> tuple[Bound, int]:
    """Approximator after the number (or after one counted noun in the ablative)."""
    for phrase, bound in _AFTER_PHRASES:
        if tuple(t.norm for t in toks[j : j + len(phrase)]) == phrase:
            return bound, j + len(phrase) - 1
    if j < len(toks) and toks[j].norm in _AFTER:
        if toks[j].norm == "кем" and _is_word(toks, j + 1, "дегенде"):
            return "eq", j - 1
        return _AFTER[toks[j].norm], j
    if (
        j + 1 < len(toks)
        and toks[j].kind == "word"
        and toks[j + 1].norm in ("астам", "артық", "жуық", "кем", "аса")
        and regex.search(r"(дан|ден|тан|тен|нан|нен|ға|ге|қа|ке)$", toks[j].norm)
    ):
        return _AFTER[toks[j + 1].norm], j + 1
    return "eq", j - 1


def _unit_after(toks: Sequence[_Tok], j: int) -> tuple[str | None, int, bool]:
    """(unit, last token index used, known) for the words after a number."""
    if j < len(toks) and toks[j].kind == "sym" and toks[j].text in _SYMBOL_UNITS:
        return _SYMBOL_UNITS[toks[j].text], j, True
    words: list[tuple[int, str]] = []
    k = j
    while k < len(toks) and len(words) < 2 and toks[k].kind == "word":
        words.append((k, toks[k].norm))
        k += 1
    if not words:
        return None, j - 1, False
    pair = " ".join(w for _, w in words)
    for stem, unit in _UNIT_WORDS:
        if " " in stem and pair.startswith(stem):
            return unit, words[1][0], True
    first_idx, first = words[0]
    for stem, unit in _UNIT_WORDS:
        if " " in stem:
            continue
        exact = stem in _EXACT_UNITS
        if (exact and first == stem) or (not exact and first.startswith(stem)):
            return unit, first_idx, True
    if len(first) >= 3 and first not in _STOP and _multiplier(first) is None:
        return "noun:" + first[:5], j - 1, False
    return None, j - 1, False


def _year_like(toks: Sequence[_Tok], group: _Group, unit: str | None) -> bool:
    if group.words_only or group.multiplied or group.low != group.high:
        return False
    value = group.low
    if not (value.is_integer() and 1800 <= value <= 2100):
        return False
    tok = toks[group.first]
    if tok.kind != "num" or len(tok.text) != 4:
        return False
    nxt = toks[group.last + 1].norm if group.last + 1 < len(toks) else ""
    prev = toks[group.first - 1].norm if group.first > 0 else ""
    if any(nxt.startswith(w) for w in _YEAR_WORDS) or prev in _YEAR_BEFORE:
        return True
    return unit is None


MONTHS = (
    "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан",
    "январ феврал март апрел мая июн июл август сентябр октябр ноябр декабр",
    "january february march april may june july august september october november december",
)
_MONTH_STEMS = tuple(stem for line in MONTHS for stem in line.split())


def is_month(norm: str) -> bool:
    """True if the normalised word is a month name (kk/ru/en, inflected)."""
    return any(norm.startswith(stem) and len(norm) - len(stem) <= 4 for stem in _MONTH_STEMS)


def _next_is_month(toks: Sequence[_Tok], j: int) -> bool:
    k = j + 1
    return k < len(toks) and toks[k].kind == "word" and is_month(toks[k].norm)


def _prev_is_month(toks: Sequence[_Tok], i: int) -> bool:
    tok = toks[i]
    if tok.kind != "num" or len(tok.text) > 2 or i == 0:
        return False
    return toks[i - 1].kind == "word" and is_month(toks[i - 1].norm)


def _coordinated_ordinal(toks: Sequence[_Tok], group: _Group, language: str) -> bool:
    """ "2 және 4-баптары": a bare number joined to an ordinal is an ordinal too."""
    j = group.last + 1
    if group.ordinal or group.suffixed or j + 1 >= len(toks):
        return group.ordinal
    if toks[j].norm not in _CONJ and toks[j].norm != ",":
        return False
    other = _number_at(toks, j + 1, language)
    return other is not None and other.ordinal


def extract_quantities(text: str, *, language: str = "kk") -> list[Quantity]:
    """All quantities in ``text``, left to right; ``text[q.start:q.end] == q.surface``."""
    toks = _tokens(text)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        quantity, nxt = _quantity_at(text, toks, i, language)
        if quantity is not None:
            out.append(quantity)
        i = nxt
    return out


def _quantity_at(
    text: str, toks: Sequence[_Tok], i: int, language: str
) -> tuple[Quantity | None, int]:
    group = _number_at(toks, i, language)
    if group is None:
        return None, i + 1
    if toks[i].kind == "date":
        return None, i + 1
    if _next_is_month(toks, group.last) or _prev_is_month(toks, group.first):
        return None, group.last + 1
    if _coordinated_ordinal(toks, group, language):
        start, end = toks[group.first].start, toks[group.last].end
        q = Quantity(group.low, group.high, "eq", None, "ordinal", start, end, text[start:end])
        return q, group.last + 1
    _apply_multiplier(toks, group)
    _range(toks, group, language)
    _precision(group, toks)
    bound, first = _before_bound(toks, group.first)
    ranged = group.low != group.high and first == group.first > 0
    if ranged and toks[first - 1].norm in _RANGE_FROM:
        first -= 1
    lead_unit = None
    if first > 0 and toks[first - 1].kind == "sym" and toks[first - 1].text in "$€₸₽":
        lead_unit, first = _SYMBOL_UNITS[toks[first - 1].text], first - 1
        if bound == "eq":
            bound, first = _before_bound(toks, first)
    after, last = _after_bound(toks, group.last + 1)
    if after != "eq":
        bound = after
    unit, unit_last, known = _unit_after(toks, max(last, group.last) + 1)
    if lead_unit is not None:
        unit, known = lead_unit, True
    elif known:
        last = max(last, unit_last)
        if bound == "eq":
            after, more = _after_bound(toks, last + 1)
            bound, last = (after, more) if after != "eq" else (bound, last)
    last = max(last, group.last)
    kind: Kind = "cardinal"
    if _year_like(toks, group, unit if known else None):
        kind, unit, bound = "year", None, "eq"
        first, last = group.first, group.last
    start, end = toks[first].start, toks[last].end
    q = Quantity(
        group.low, group.high, bound, unit, kind, start, end, text[start:end], group.tolerance
    )
    return q, last + 1


# --------------------------------------------------------------------------- comparing


def compare_quantities(a: Quantity, b: Quantity) -> Relation:
    """``same`` (equal exact values), ``approx`` (overlapping intervals) or ``differ``."""
    if not a.approximate and not b.approximate and a.low == b.low:
        return "same"
    a_lo, a_hi = a.interval()
    b_lo, b_hi = b.interval()
    if a_lo <= b_hi and b_lo <= a_hi:
        return "approx"
    return "differ"


def _fmt(value: float) -> str:
    for factor, suffix in ((1e12, " trn"), (1e9, " bn"), (1e6, " m")):
        if abs(value) >= factor:
            return f"{value / factor:.3g}{suffix}"
    return f"{value:.6g}"


_PREFIX = {"eq": "", "about": "~", "nearly": "~", "gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


def format_quantity(q: Quantity) -> str:
    """Compact normalised form for messages: "~1300", ">1500", "2 bn–3 bn USD"."""
    value = _fmt(q.low) if q.low == q.high else f"{_fmt(q.low)}–{_fmt(q.high)}"
    unit = "" if q.unit is None or q.unit.startswith("noun:") else f" {q.unit}"
    return f"{_PREFIX[q.bound]}{value}{unit}"
