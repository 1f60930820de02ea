"""Month names (kk/ru/en) with their inflected and abbreviated forms, and seasons.

Kazakh months inflect by case ("сәуірден", "сәуірге", "ақпанның", "қаңтарда"),
Russian ones by case ("января", "январе", "мая"), English has abbreviations
("Jan", "Sept").  A word is a month when it starts with a stem and the rest is
a short ending (at most :data:`MAX_ENDING` letters); three-letter
abbreviations must stand alone (optionally with a dot) so that "мартен" or
"марка" are not months.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = [
    "MAX_ENDING",
    "MONTHS",
    "MONTH_STEMS",
    "SEASONS",
    "is_month",
    "month_number",
    "month_pattern",
]

MAX_ENDING = 5

# month number -> stems in kk, ru, en (long forms first); abbreviations after "|".
MONTHS: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {
    1: (("қаңтар", "январ", "january"), ("янв", "jan")),
    2: (("ақпан", "феврал", "february"), ("фев", "feb")),
    3: (("наурыз", "март", "march"), ("мар", "mar")),
    4: (("сәуір", "апрел", "april"), ("апр", "apr")),
    5: (("мамыр", "мая", "май", "мае", "маю", "маем", "may"), ()),
    6: (("маусым", "июн", "june"), ("jun",)),
    7: (("шілде", "июл", "july"), ("jul",)),
    8: (("тамыз", "август", "august"), ("авг", "aug")),
    9: (("қыркүйек", "сентябр", "september"), ("сен", "сент", "sep", "sept")),
    10: (("қазан", "октябр", "october"), ("окт", "oct")),
    11: (("қараша", "ноябр", "november"), ("ноя", "nov")),
    12: (("желтоқсан", "декабр", "december"), ("дек", "dec")),
}
MONTH_STEMS: tuple[str, ...] = tuple(s for stems, _ in MONTHS.values() for s in stems)
# words that start like a month but are not ("қазан" also means a cauldron, kept as a month;
# "майор", "мамыра" are not months: the endings check handles most of them)
_NOT_MONTH = frozenset(
    ["майор", "майора", "майды", "майлы", "майын", "маусымдық", "марк", "маркс", "мартин",
     "mayor", "maybe", "marching", "августин"]
)  # fmt: skip
_EN_MONTH_ENDINGS = frozenset(["", "'s"])
SEASONS: dict[str, tuple[str, ...]] = {
    "winter": ("қыс", "зим", "winter"),
    "spring": ("көктем", "весн", "весен", "spring"),
    "summer": ("жаз", "лет", "summer"),
    "autumn": ("күз", "осен", "autumn", "fall"),
}


@lru_cache(maxsize=65536)
def month_number(word: str) -> int | None:
    """1-12 if the (lower-cased) word is a month name in any form, else None.

    >>> [month_number(w) for w in ("сәуірден", "апреля", "Sept.", "марка")]
    [4, 4, 9, None]
    """
    norm = word.lower().rstrip(".")
    if norm in _NOT_MONTH:
        return None
    for number, (stems, abbreviations) in MONTHS.items():
        for stem in stems:
            if not norm.startswith(stem):
                continue
            rest = norm[len(stem) :]
            if stem.isascii():
                if rest in _EN_MONTH_ENDINGS:
                    return number
                continue
            if stem.startswith("ма") and len(stem) == 3 and rest:
                continue  # "мая", "май" take no further endings
            if len(rest) <= MAX_ENDING:
                return number
        if norm in abbreviations:
            return number
    return None


def is_month(word: str) -> bool:
    """True if the word is a month name (kk/ru/en, inflected or abbreviated)."""
    return month_number(word) is not None


def month_pattern(name: str = "month") -> str:
    """A regular-expression group matching a month word (validate with :func:`month_number`)."""
    stems = sorted(
        {s for stems, abbr in MONTHS.values() for s in (*stems, *abbr)}, key=len, reverse=True
    )
    return rf"(?P<{name}>(?i:{'|'.join(stems)})[\p{{L}}']{{0,{MAX_ENDING}}}\.?)"
