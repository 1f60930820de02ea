"""Text normalisation shared by similarity scoring and claim comparison.

:func:`normalize` maps surface variants that a reader would call "the same
text" onto one form, so that lexical similarity and number/entity comparison
are not fooled by typography:

* Unicode NFC; invisible characters (soft hyphen, zero-width space/joiners,
  BOM) are dropped;
* Latin/Cyrillic look-alikes are repaired *per word* by majority script
  (Latin ``i`` in a Kazakh word becomes ``і``, Latin ``a e o p c x y`` in a
  Cyrillic word become Cyrillic, and Cyrillic look-alikes inside a Latin word
  become Latin); a tie is broken by the script of the whole text;
* case-folding (after the look-alike repair, so ``B`` in a Cyrillic word
  becomes ``в``) and ``ё`` -> ``е``;
* every quotation mark (``« » „ “ ” ‟ " ' ‘ ’ ‚ ‹ › ` ´``) becomes ``"``;
* every dash or hyphen (``‐ ‑ ‒ – — ― − -``) becomes ``-``;
* thousand separators inside numbers are removed (``10 000``, ``10 000``,
  ``1,234,567`` -> ``10000``, ``1234567``); a remaining decimal comma between
  digits becomes a dot (``2,5`` -> ``2.5``); digits are otherwise kept;
* runs of whitespace collapse to one space, and the ends are stripped.
"""

from __future__ import annotations

import unicodedata

import regex

from claims.lang.scripts import (
    CYRILLIC_TO_LATIN,
    DASHES,
    INVISIBLE,
    LATIN_TO_CYRILLIC,
    QUOTES,
)

__all__ = ["normalize", "script_of_word"]

_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_QUOTES = dict.fromkeys(map(ord, QUOTES), '"')
_DASHES = dict.fromkeys(map(ord, DASHES), "-")
_LATIN_TO_CYRILLIC = LATIN_TO_CYRILLIC
_CYRILLIC_TO_LATIN = CYRILLIC_TO_LATIN
_TO_CYRILLIC = str.maketrans(_LATIN_TO_CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC_TO_LATIN)

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_CYRILLIC = regex.compile(r"\p{Script=Cyrillic}")
_LATIN = regex.compile(r"\p{Script=Latin}")
_SPACE = regex.compile(r"\s+")
# 1-3 digits followed by groups of exactly three digits, separated by a space
# (any kind), or by a comma/dot used consistently ("3.141" reads as 3141).
_THOUSANDS_SPACE = regex.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d])")
_THOUSANDS_MARK = regex.compile(r"(?<![\d.,])\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?!\d|\1\d)")
_DECIMAL_COMMA = regex.compile(r"(?<=\d),(?=\d)")


def script_of_word(word: str, *, tie: str = "Cyrillic") -> str:
    """Return ``"Cyrillic"`` or ``"Latin"``: the majority script of ``word``'s letters.

    Letters of other scripts are ignored; ``tie`` is returned when the counts
    are equal (including a word with neither script).
    """
    cyrillic = len(_CYRILLIC.findall(word))
    latin = len(_LATIN.findall(word))
    if cyrillic == latin:
        return tie
    return "Cyrillic" if cyrillic > latin else "Latin"


def _fix_lookalikes(text: str) -> str:
    tie = script_of_word(text)

    def repair(match: regex.Match[str]) -> str:
        word = str(match.group(0))
        if script_of_word(word, tie=tie) == "Cyrillic":
            return word.translate(_TO_CYRILLIC)
        return word.translate(_TO_LATIN)

    return str(_WORD.sub(repair, text))


def _strip_thousands(text: str) -> str:
    def join_space(match: regex.Match[str]) -> str:
        return "".join(ch for ch in str(match.group(0)) if ch.isdigit())

    def join_mark(match: regex.Match[str]) -> str:
        return str(match.group(0)).replace(str(match.group(1)), "")

    text = str(_THOUSANDS_SPACE.sub(join_space, text))
    text = str(_THOUSANDS_MARK.sub(join_mark, text))
    return str(_DECIMAL_COMMA.sub(".", text))


def normalize(text: str) -> str:
    """Normalise ``text`` for lexical comparison (see the module docstring).

    Idempotent: ``normalize(normalize(t)) == normalize(t)``.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _fix_lookalikes(text)
    text = unicodedata.normalize("NFC", text.casefold()).replace("ё", "е")
    text = text.translate(_QUOTES).translate(_DASHES)
    text = _SPACE.sub(" ", text).strip()
    return _strip_thousands(text)
