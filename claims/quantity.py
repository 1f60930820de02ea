"""The value model of a number read from text: an interval, a bound, a unit.

:class:`Quantity` is what :mod:`claims.numbers` extracts; :func:`compare_quantities`
says whether two are the ``same``, ``approx`` (their intervals overlap: "2-3
миллиард" vs "$2.5 billion", "шамамен 300" vs "300-ге жуық") or ``differ``
("шамамен 300" vs "около 350": both hedged, yet 350 lies outside what "about
300" allows).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from claims.lang.quantifiers import Bound

__all__ = ["Bound", "Kind", "Quantity", "Relation", "compare_quantities", "format_quantity"]

Kind = Literal["cardinal", "ordinal", "year"]
Relation = Literal["same", "approx", "differ"]
# how far an approximator reaches: "about 300" allows 285..315, "nearly 300" 270..300
ABOUT = 0.05
NEARLY = 0.1


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
    weak: bool = False  # a lone "бір"/"один"/"one": more often an article than a count

    @property
    def approximate(self) -> bool:
        """True when the text hedges the number (range or approximator)."""
        return self.bound != "eq" or self.low != self.high

    def interval(self) -> tuple[float, float]:
        """The values the text allows, after applying the approximator."""
        lo, hi = self.low - self.tolerance, self.high + self.tolerance
        if self.bound == "about":
            return lo * (1 - ABOUT), hi * (1 + ABOUT)
        if self.bound == "nearly":
            return lo * (1 - NEARLY), hi * 1.0
        if self.bound in ("gt", "ge"):
            return lo, math.inf
        if self.bound in ("lt", "le"):
            return 0.0, hi
        return lo, hi


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
