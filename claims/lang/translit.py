"""Transliteration folding of names across Kazakh, Russian and Latin script.

:func:`name_key` turns a name in any of the three spellings into one
Latin-letter key: Kazakh letters fold onto their Russian counterparts
(ә->а, ғ->г, қ->к, ң->н, ө->о, ұ/ү->у, һ->х, і->и), Cyrillic is romanised,
and letters that spellings disagree on (y/i, kh/h, double letters) are
merged.  "Теректісай", "Теректисай" and "Terektisai" share a key, and so do
"Жақыпбеков"/"Жакыпбеков"/"Zhakypbekov" and "Тоқаев"/"Токаев"/"Tokayev".
:func:`names_match` compares two keys allowing an inflected tail
("теректиса" from "Теректисая" matches "теректисай").
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

__all__ = ["KK_TO_RU", "name_key", "names_match", "romanize"]

KK_TO_RU = str.maketrans("әғқңөұүһі", "агкноуухи")
_ROMAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_ROMAN_TABLE = str.maketrans(_ROMAN)
_LATIN_MERGE = (("kh", "h"), ("j", "zh"), ("zhzh", "zh"), ("y", "i"), ("w", "v"), ("q", "k"))


def romanize(text: str) -> str:
    """Lower-case Latin transliteration of a Kazakh or Russian word (Latin passes through)."""
    return text.lower().translate(KK_TO_RU).translate(_ROMAN_TABLE)


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """One key for the spellings of a name in kk, ru and en (see the module docstring)."""
    key = romanize(word.replace("-", ""))
    for old, new in _LATIN_MERGE:
        key = key.replace(old, new)
    out: list[str] = []
    for ch in key:
        if ch.isalpha() and not (out and out[-1] == ch):
            out.append(ch)
    key = "".join(out)
    # "-aev" / "-ayev", "-iia" / "-ia": vowels that spellings add between vowels
    return key.replace("aie", "ae").replace("aiev", "aev").replace("iia", "ia")


def names_match(a: str, b: str) -> bool:
    """True if two :func:`name_key` keys name the same thing (allowing an inflected tail)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 4:
        return False
    if long.startswith(short[: max(4, len(short) - 1)]) and len(long) - len(short) <= 4:
        return True
    if len(short) >= 6 and Levenshtein.distance(a, b) <= max(1, len(short) // 6):
        return True
    # "Baldwin" / "Болдуин": spellings of a foreign name differ in vowels and w/v/u
    sa, sb = _skeleton(a), _skeleton(b)
    return min(len(sa), len(sb)) >= 4 and Levenshtein.distance(sa, sb) <= 1


def _skeleton(key: str) -> str:
    """The consonants of a key, with w/v/u merged: "baldvin" -> "bldvn"."""
    return "".join(ch for ch in key.replace("w", "v") if ch not in "aeiouy")
