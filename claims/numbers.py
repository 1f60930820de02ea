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

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from claims.lang import months as _months
from claims.lang import numerals as _numerals
from claims.lang import quantifiers as _q
from claims.quantity import Bound, Kind, Quantity, compare_quantities, format_quantity
from claims.textnorm import normalize

__all__ = [
    "Bound",
    "Quantity",
    "compare_quantities",
    "extract_quantities",
    "format_quantity",
    "is_month",
]
# Quantity, Bound, compare_quantities and format_quantity live in claims.quantity
# (the value model); this module reads them out of text.

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
        norm = _norm_word(raw) if kind == "word" else normalize(raw) if kind != "dash" else "-"
        out.append(_Tok(kind, raw, norm, m.start(), m.end()))
    return out


@lru_cache(maxsize=65536)
def _norm_word(word: str) -> str:
    return normalize(word)


# --------------------------------------------------------------------------- lexicons
# (all language tables live in claims.lang)

KK_CASE = _numerals.KK_CASE
_ORDINAL_SUFFIX = _numerals.ORDINAL_SUFFIXES
_KK_WORDS = _numerals.KK_WORDS
_MULTIPLIERS = _numerals.MULTIPLIERS
_BEFORE = _q.BEFORE
_AFTER = _q.AFTER
_AFTER_PHRASES = _q.AFTER_PHRASES
_UNIT_WORDS = _q.UNIT_WORDS
_EXACT_UNITS = _q.EXACT_UNITS
_SYMBOL_UNITS = _q.SYMBOL_UNITS
_YEAR_BEFORE = _q.YEAR_BEFORE
_CONJ = _q.CONJUNCTIONS
_RANGE_FROM = _q.RANGE_FROM
_RANGE_TO = _q.RANGE_TO
_STOP = _q.STOP_WORDS


# --------------------------------------------------------------------------- parsing


def _multiplier(norm: str) -> float | None:
    return _numerals.multiplier(norm)


def _word_value(norm: str, language: str) -> tuple[float, bool] | None:
    """Value of one number word and whether it is an ordinal, or None."""
    return _numerals.word_value(norm, language)


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
    weak: bool = False


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
        found_next = (
            j + 1 < len(toks) and toks[j + 1].kind == "dash" and toks[j + 1].start == toks[j].end
        )
        if found_next and language == "en" and j + 2 < len(toks):
            tens = _word_value(norm, language)
            units = _word_value(toks[j + 2].norm, language)
            if tens and units and tens[0] % 10 == 0 and 20 <= tens[0] <= 90 and units[0] < 10:
                current += tens[0] + units[0]
                seen, ordinal, last = True, units[1], j + 2
                j += 3
                continue
        found = _word_value(norm, language)
        if found is None:
            break
        value, is_ord = found
        total, current = _numerals.add_word_value(total, current, value)
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
    if single and not nxt_mult and not _unit_after(toks, last + 1)[2]:
        group.weak = True
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


def _abbreviation_stop(toks: Sequence[_Tok], group: _Group) -> bool:
    """Whether the number ends in an abbreviated multiplier whose full stop ends no
    sentence: "12 тыс. гектаров" (the unit follows), not "12 тыс. Огонь ..."."""
    j = group.last
    if not group.multiplied or toks[j].norm not in _numerals.ABBREVIATED_MULTIPLIERS:
        return False
    if j + 2 >= len(toks) or toks[j + 1].text != "." or toks[j + 1].start != toks[j].end:
        return False
    following = toks[j + 2]
    return following.kind == "word" and following.text[:1].islower()


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
    if k < len(toks) and toks[k].kind == "sym" and toks[k].text in "$€₸₽":
        k += 1  # "$3 billion to $4 billion"
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
        and toks[j + 1].norm in _q.AFTER_WITH_NOUN
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
    if _q.is_year_word(nxt) or prev in _YEAR_BEFORE:
        return True
    return unit is None


MONTHS = tuple(
    " ".join(stems[k] for stems, _ in _months.MONTHS.values()) for k in range(3)
)  # kk, ru and en month stems, one line each (kept for callers of the old table)


def is_month(norm: str) -> bool:
    """True if the normalised word is a month name (kk/ru/en, inflected)."""
    return _months.is_month(norm)


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
    stop = group.last + 1 if _abbreviation_stop(toks, group) else group.last
    after, last = _after_bound(toks, stop + 1)
    if after != "eq":
        bound = after
    unit, unit_last, known = _unit_after(toks, max(last, stop) + 1)
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
        group.low,
        group.high,
        bound,
        unit,
        kind,
        start,
        end,
        text[start:end],
        group.tolerance,
        group.weak,
    )
    return q, last + 1
