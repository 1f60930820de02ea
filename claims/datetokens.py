"""Tokens and numbers of the one date parser (:mod:`claims.dates`).

:func:`tokens` cuts a text into words, digit groups and dashes; :func:`number` reads a
number in digits ("20-сыншы") or words ("жиырмасыншы", "twentieth") at a token;
:func:`unit_of` names the time unit a word is ("жыл", "года", "months");
:func:`year_value` reads a year from a number before "жыл" / "год".  The words come from
:mod:`claims.lang` (numerals, time words).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import regex

from claims.lang import timewords as tw
from claims.lang.numerals import add_word_value, digit_suffix, multiplier, word_value

__all__ = ["DASHES", "Num", "Tok", "number", "tokens", "unit_of", "year_value"]

_UNITS = tw.UNITS
_NOT_UNIT = tw.NOT_UNIT

_TOKEN = regex.compile(r"\d+(?:[-‐‑–]?[\p{L}]+)?|[\p{L}\p{M}]+(?:-[\p{L}]+)?|[-‐‑‒–—]|\S")
DASHES = frozenset("-‐‑‒–—")


class Tok(NamedTuple):
    """One token: its text, its lower-cased form (ё as е) and its span."""

    text: str
    norm: str
    start: int
    end: int


def tokens(text: str) -> list[Tok]:
    """Words, digit groups (with a suffix: "20-сыншы"), dashes and other marks, in order."""
    out = []
    for m in _TOKEN.finditer(text):
        word = str(m.group(0))
        start, end = m.span()
        out.append(Tok(word, word.lower().replace("ё", "е"), start, end))
    return out


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True, slots=True)
class Num:
    """A number read at tokens ``first`` to ``last`` (digits, or number words)."""

    value: float
    ordinal: bool
    digits: int  # number of digits (0 for words)
    first: int
    last: int
    suffix: str = ""


_DIGIT_NUM = regex.compile(r"(\d+)[-‐‑–]?([\p{L}]*)")


def _digit_num(toks: Sequence[Tok], i: int) -> Num | None:
    m = _DIGIT_NUM.fullmatch(toks[i].norm)
    if m is None:
        return None
    digits, suffix = str(m.group(1)), str(m.group(2))
    kind = digit_suffix(suffix) if suffix else None
    if suffix and kind is None and multiplier(suffix) is None:
        return None
    return Num(float(digits), kind == "ordinal", len(digits), i, i, suffix)


def _word_num(toks: Sequence[Tok], i: int, language: str) -> Num | None:
    total = current = 0.0
    last, ordinal, j = -1, False, i
    while j < len(toks):
        found = word_value(toks[j].norm, language)
        if found is None:
            if language == "en" and toks[j].norm in ("and", "-") and last >= 0:
                j += 1
                continue
            break
        value, is_ord = found
        total, current = add_word_value(total, current, value)
        last, ordinal, j = j, is_ord, j + 1
        if is_ord:
            break
    if last < 0:
        return None
    return Num(total + current, ordinal, 0, i, last)


def number(toks: Sequence[Tok], i: int, language: str) -> Num | None:
    """The number that starts at token ``i`` (digits or ``language``'s words), or None."""
    if toks[i].norm[:1].isdigit():
        return _digit_num(toks, i)
    return _word_num(toks, i, language)


@lru_cache(maxsize=65536)
def unit_of(norm: str) -> str | None:
    """The time unit a lower-cased word names ("жылы" -> "years", "айға" -> "months"), or None."""
    if norm in _NOT_UNIT:
        return None
    for stem, unit, max_rest in _UNITS:
        if norm.startswith(stem) and len(norm) - len(stem) <= max_rest:
            if stem == "ай" and norm not in tw.KK_MONTH_FORMS:
                return None
            if stem == "ден" and norm not in ("день",):
                continue
            return unit
    if norm in tw.RU_DAY_FORMS:
        return "days"
    return None


def year_value(num: Num, published: date | None) -> int | None:
    """A year from a number read before "жыл"/"год": 2020, "2020-сыншы", "он алтыншы" (2016)."""
    value = int(num.value)
    if 1000 <= value <= 2200:
        return value
    if num.ordinal and 0 <= value < 100:  # "16-ншы жылы", "он алтыншы жылы"
        pivot = (published.year if published else 2030) % 100
        return (2000 if value <= pivot + 5 else 1900) + value
    return None
