"""Kinds of fact a claim states, for grouping claims of one question (:func:`shared_kinds`).

Two claims of two reports of one event ask one question with other facts when they state
facts of one kind: amounts in one currency ("от 3 до 5 млн тенге" / "4.3 million tenge")
or counts of one thing.  The kinds come from the quantities :mod:`claims.numbers` parses
(units folded across kk, ru and en there); a count whose unit is a bare noun is kind
``count``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import regex

from claims.facts import StatedFacts, stated_facts
from claims.lang.counted import counted_things
from claims.lang.negation import NO_EVENT
from claims.lang.quantifiers import TIME_UNITS
from claims.metadata import detect_language
from claims.model import Claim

__all__ = [
    "CAUSE",
    "COUNT",
    "DAY",
    "fact_days",
    "fact_kinds",
    "measure_apart",
    "read_language",
    "shared_kinds",
]

COUNT = "count"  # a number of something the unit tables do not fold
DAY = "day"  # a calendar day ("6 сәуірден 7 сәуірге қараған түні" / "April 5, 2025")
CAUSE = "cause"  # a stated cause ("из-за непотушенного костра" / "найзағай түсуінен басталған")
GENERIC_UNITS = frozenset({"people"})  # counted in nearly every report: no question of its own
# a zero count stated without a number: "Погибших нет", "Қаза тапқан адам жоқ", "No one died"
_ZERO = regex.compile(
    r"(?<!\p{L})(?:" + "|".join(sorted(NO_EVENT, key=len, reverse=True)) + r")(?!\p{L})",
    regex.IGNORECASE,
)


@lru_cache(maxsize=65536)
def _language(text: str) -> str:
    return detect_language(text)


def read_language(claim: Claim) -> str:
    """The language :func:`~claims.metadata.detect_language` gives the claim's
    :attr:`~claims.model.Claim.read` (``und`` without letters), once per text: the matcher
    has no articles, so what it knows of a claim's language is this."""
    return _language(claim.read)


def _facts(claim: Claim) -> StatedFacts:
    language = read_language(claim)
    return stated_facts(claim.read, language="en" if language == "und" else language)


def fact_days(claim: Claim) -> frozenset[tuple[int, int]]:
    """The calendar days ``claim`` names, as (month, day), each day of a range included."""
    days: set[tuple[int, int]] = set()
    for t in _facts(claim).times:
        if t.kind == "date" and t.day is not None and t.month is not None:
            last = t.day_to if t.day_to is not None and t.day_to >= t.day else t.day
            days |= {(t.month, d) for d in range(t.day, last + 1)}
    return frozenset(days)


def fact_kinds(claim: Claim) -> frozenset[str]:
    """The kinds of fact ``claim`` states: folded units or :data:`COUNT` things of its
    quantities, :data:`DAY` for a calendar day among its times, :data:`CAUSE` for a cause.

    The facts come from :func:`claims.facts.stated_facts`, the parse
    :func:`claims.facts.parse_facts` (and so :mod:`claims.compare`) builds on, cached per
    (text, language, date).  The matcher has no articles, so its key is
    :attr:`~claims.model.Claim.read` in the language :func:`~claims.metadata.detect_language`
    gives it, with no publication date; compare parses :attr:`~claims.model.Claim.text` with
    its article's language and date (so spans index the claim text), and the two share
    one parse wherever those keys agree.
    """
    facts = _facts(claim)
    kinds: set[str] = set()
    for quantity in facts.quantities:
        unit = quantity.unit
        if (
            unit is not None
            and not unit.startswith("noun:")
            and unit not in TIME_UNITS | GENERIC_UNITS
        ):
            kinds.add(unit)
    if any(not q.weak for q in facts.quantities) or _ZERO.search(facts.text):
        kinds |= {COUNT + ":" + thing for thing in counted_things(facts.text)}
    if any(t.kind == "date" and t.day is not None and t.month is not None for t in facts.times):
        kinds.add(DAY)
    if facts.causes:
        kinds.add(CAUSE)
    return frozenset(kinds)


def measure_apart(left: frozenset[str], right: frozenset[str]) -> bool:
    """Whether one of two claims' :func:`fact_kinds` holds a measure (a folded unit, not a
    count, day or cause) the other lacks."""
    return any(not k.startswith(COUNT) for k in (left ^ right) - {DAY, CAUSE})


def shared_kinds(
    claims: Sequence[Claim], rows: np.ndarray, cols: np.ndarray, *, counts: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: do the two claims state a fact of one folded unit (or, with ``counts``,
    both a bare count)?  And do both name a calendar day (:data:`DAY`)?  Each claim is
    parsed once for both answers."""
    cache: dict[int, frozenset[str]] = {}

    def kinds(i: int) -> frozenset[str]:
        if i not in cache:
            cache[i] = fact_kinds(claims[i])
        return cache[i]

    unit = np.zeros(len(rows), dtype=bool)
    day = np.zeros(len(rows), dtype=bool)
    for at, (a, b) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        left, right = kinds(a), kinds(b)
        units = measure_apart(left, right)
        common = left & right
        # "as of 21 August the fire covered 12,000 ha" asks no question of "it broke out on
        # 19 August": a day beside a measure the other claim lacks dates the measure
        day[at] = DAY in common and not units
        unit[at] = not units and any(counts or not k.startswith(COUNT) for k in common - {DAY})
    return unit, day
