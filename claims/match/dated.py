"""Close pairs that date two questions of one story apart, for :mod:`claims.match.clusters`.

The claims of one story share its place and its event, so their embeddings are close
whatever they state: "the fire broke out in the Kumiskol reserve on Aug. 18" and "by the
morning of 21 August the fire in the Kumiskol reserve covered about 12,000 hectares" were
each other's best counterpart (cosine 0.90) on xref_dev2, and the edge chained the start
and the area of the fire into one cluster; on xref_dev "the dam gave way on April 5" met
"the emergency regime was lifted on 20 May" (0.85) and kept it from its counterpart "a
state of emergency was declared".  :func:`other_questions` tells such a pair
from its facts; :func:`dated_apart` asks it only of pairs that may name a day, because
parsing every claim of a 100,000-claim store costs minutes.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import numpy as np
import regex

from claims.lang.months import month_pattern
from claims.match.graph import ClaimGraph
from claims.match.questions import fact_days, fact_kinds, measure_apart
from claims.model import Claim

__all__ = ["DAY_WINDOW", "dated_apart", "days_between", "other_questions"]

_MONTH = regex.compile(month_pattern())
_DIGIT = regex.compile(r"\d")
# Days further apart than this date two questions ("gave way on April 5" / "the emergency
# was lifted on May 20"); a one-month slip of one date (5 April / 5 May) stays a conflict.
DAY_WINDOW = 31


def other_questions(claims: Sequence[Claim], rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Per pair: do the two claims answer two questions of one story, each on its own day?

    Both name calendar days (:func:`claims.match.questions.fact_days`), no day in common,
    and one states a measure the other lacks (a folded unit of
    :func:`claims.match.questions.fact_kinds`), or the days lie more than
    :data:`DAY_WINDOW` apart (:func:`days_between`).  Two starts on two days near each
    other ("broke out on Aug. 18" / "вспыхнул 19 августа") state no measure apart: a
    conflict to review, not two questions.
    """
    out = np.zeros(len(rows), dtype=bool)
    for at, (a, b) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        left, right = fact_days(claims[a]), fact_days(claims[b])
        if not left or not right or left & right:
            continue
        measure = measure_apart(fact_kinds(claims[a]), fact_kinds(claims[b]))
        out[at] = measure or days_between(left, right) > DAY_WINDOW
    return out


def days_between(left: frozenset[tuple[int, int]], right: frozenset[tuple[int, int]]) -> int:
    """The fewest days between a (month, day) of ``left`` and one of ``right``, in a year
    that wraps (30 December and 2 January are 3 days apart; 29 February reads as the 28th)."""
    gaps = [abs(_day_of_year(x) - _day_of_year(y)) for x in left for y in right]
    return min(min(gap, 365 - gap) for gap in gaps)


def _day_of_year(day: tuple[int, int]) -> int:
    month, number = day
    month = min(max(month, 1), 12)
    last = calendar.monthrange(2001, month)[1]
    return date(2001, month, min(max(number, 1), last)).timetuple().tm_yday


def dated_apart(graph: ClaimGraph, chosen: np.ndarray) -> np.ndarray:
    """The ``chosen`` pairs whose claims date two questions apart (:func:`other_questions`),
    parsed only where both claims may name a calendar day (:func:`_may_name_day`)."""
    out = np.zeros(len(chosen), dtype=bool)
    idx = np.flatnonzero(chosen)
    if graph.claims is None or not len(idx):
        return out
    claims, cand = graph.claims, graph.candidates
    ends = np.unique(np.concatenate([cand.rows[idx], cand.cols[idx]]))
    dated = np.zeros(len(claims), dtype=bool)
    dated[ends] = [_may_name_day(claims[i].read) for i in ends.tolist()]
    idx = idx[dated[cand.rows[idx]] & dated[cand.cols[idx]]]
    out[idx] = other_questions(claims, cand.rows[idx], cand.cols[idx])
    return out


@lru_cache(maxsize=131072)
def _may_name_day(text: str) -> bool:
    """Whether ``text`` holds a digit and a word that starts like a month: a cheap test
    before the parse."""
    return _DIGIT.search(text) is not None and _MONTH.search(text) is not None
