"""Kazakh and Russian case endings, and a light stemmer for names.

:func:`strip_endings` removes up to two Kazakh case/possessive endings or one
Russian inflection from a name, keeping a stem of at least ``keep`` letters:
"Теректісайдан" -> "теректісай", "Темірболатовтың" -> "темірболатов",
"Теректисая" -> "теректиса", "Коктерекском" -> "коктерек".

Why not a library: the ``kazstem`` PyPI package (0.2.1, the Kazakh morphological
analyser ``qazmorph``) was installed and tried; its wheel ships without the FST
resources it needs ("Kazakh FST resources are not installed ... download a
matching release bundle"), which an offline install cannot fetch, and it is
GPL-3.0 while this project is MIT.  Proper names are also exactly what an
analyser's lexicon lacks.  This table-driven stripper is measured instead by
benchmarks/kaznerd_facts.py (entity recall) and benchmarks/xref_hints.py (name
folding across kk/ru/en).
"""

from __future__ import annotations

__all__ = [
    "KK_CASE_ENDINGS",
    "KK_DECLENSION_ENDINGS",
    "KK_ENDINGS",
    "KK_EQUATIVE_ENDINGS",
    "KK_POSSESSIVE_ENDINGS",
    "KK_SIMILATIVE_ENDINGS",
    "RU_ADJECTIVE_SUFFIXES",
    "RU_ENDINGS",
    "RU_INFLECTIONS",
    "strip_endings",
]

# Kazakh plural, case and derivational endings (what an inflected name or numeral can carry).
KK_DECLENSION_ENDINGS: tuple[str, ...] = (
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ы",
    "і",
    "сы",
    "сі",
    "ға",
    "ге",
    "қа",
    "ке",
    "на",
    "не",
    "а",
    "е",
    "ны",
    "ні",
    "ды",
    "ді",
    "ты",
    "ті",
    "н",
    "да",
    "де",
    "та",
    "те",
    "нда",
    "нде",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "мен",
    "бен",
    "пен",
    "дағы",
    "дегі",
    "тағы",
    "тегі",
    "ндағы",
    "ндегі",
    "дық",
    "дік",
    "тық",
    "тік",
    "лық",
    "лік",
)

# The equative ("қазақша", "орысша"): on names, never read as a numeral's ending.
KK_EQUATIVE_ENDINGS: tuple[str, ...] = ("ша", "ше")

# Kazakh plural, case and derivational endings a name can carry (the equative included).
KK_CASE_ENDINGS: tuple[str, ...] = (*KK_DECLENSION_ENDINGS, *KK_EQUATIVE_ENDINGS)

# The similative ("бестей", "мұндай"): "like, about as much as" (read after numerals).
KK_SIMILATIVE_ENDINGS: tuple[str, ...] = ("дей", "дай", "тей", "тай")

# Kazakh possessive (+ case) endings, stripped from names but not matched after entities.
KK_POSSESSIVE_ENDINGS: tuple[str, ...] = (
    "сын",
    "сін",
    "ын",
    "ін",
    "ында",
    "інде",
    "сында",
    "сінде",
    "ынан",
    "інен",
    "сынан",
    "сінен",
    "ына",
    "іне",
    "сына",
    "сіне",
)

# Russian noun and adjective inflections.
RU_INFLECTIONS: tuple[str, ...] = (
    "а",
    "я",
    "у",
    "ю",
    "е",
    "и",
    "ы",
    "о",
    "ой",
    "ей",
    "ий",
    "ый",
    "ом",
    "ем",
    "ам",
    "ям",
    "ами",
    "ями",
    "ах",
    "ях",
    "ов",
    "ев",
    "ым",
    "им",
    "ого",
    "его",
    "ому",
    "ему",
    "ую",
    "юю",
    "ая",
    "яя",
    "ое",
    "ее",
    "ие",
    "ые",
    "ых",
    "их",
    "ия",
    "ию",
    "ией",
    "ии",
    "ь",
)

# Russian -ск- adjective forms of place names (Коктерекском -> коктерек).
RU_ADJECTIVE_SUFFIXES: tuple[str, ...] = (
    "ский",
    "ского",
    "ском",
    "скому",
    "ская",
    "ской",
    "скую",
    "ское",
    "ские",
    "ских",
    "ск",
)


def _longest_first(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({e for g in groups for e in g}, key=len, reverse=True))


KK_ENDINGS: tuple[str, ...] = _longest_first(KK_CASE_ENDINGS, KK_POSSESSIVE_ENDINGS)
RU_ENDINGS: tuple[str, ...] = _longest_first(RU_INFLECTIONS, RU_ADJECTIVE_SUFFIXES)


def strip_endings(word: str, *, keep: int = 5) -> str:
    """Lower-cased stem of a (proper) name without its case endings."""
    norm = word.lower().replace("ё", "е")
    head, _, tail = norm.partition("-")
    if tail and head and len(head) >= 2:
        norm = head  # "ҰҚШҰ-ның", "Алматы-ға"
    kazakh = any(ch in norm for ch in "әғқңөұүһі")
    for _ in range(2 if kazakh else 1):
        for ending in KK_ENDINGS if kazakh else RU_ENDINGS:
            if norm.endswith(ending) and len(norm) - len(ending) >= keep:
                norm = norm[: -len(ending)]
                break
        else:
            break
    return norm
