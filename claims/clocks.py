"""Clock times in claims: "02:40", "сағат 02:40", "около 02:40", "4:40 a.m.", "11 pm".

:func:`find_clock_times` returns :class:`~claims.dates.TimeRef` of ``kind == "clock"``
with ``hour`` (0-23) and ``minute``; ``half`` says whether the hour is on a 24-hour clock
or marked a.m./p.m. ("24h", "am", "pm"), so "4:40" without a mark compares with both
04:40 and 16:40 (:func:`clock_minutes`).  The half-day marks are in
:mod:`claims.lang.timewords`.  Digits with a dot ("11.30") are decimals, not times.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from claims.dates import TimeRef
from claims.lang import timewords as tw

__all__ = ["DAY_MINUTES", "clock_minutes", "find_clock_times"]

_MARKS = "|".join(
    regex.escape(m) for m in sorted(tw.MORNING_MARKS + tw.AFTERNOON_MARKS, key=len, reverse=True)
)
_CLOCK = regex.compile(
    rf"(?<![\d:.,])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])"
    rf"(?:\s*(?P<mark>{_MARKS})(?!\p{{L}}))?"
    rf"|(?<![\d:.,])(?P<bare>1[0-2]|0?[1-9])\s*(?P<only>{_MARKS})(?!\p{{L}})",
    regex.IGNORECASE,
)
DAY_MINUTES = 24 * 60


def find_clock_times(text: str) -> list[TimeRef]:
    """Every clock time in ``text``, left to right (``text[start:end] == surface``)."""
    out: list[TimeRef] = []
    for m in _CLOCK.finditer(text):
        mark = (m.group("mark") or m.group("only") or "").lower()
        hour = int(m.group("hour") or m.group("bare"))
        minute = int(m.group("minute") or 0)
        half = "24h"
        if mark:
            half = "am" if mark in tw.MORNING_MARKS else "pm"
            if hour > 12:
                half = "24h"  # "16:40 pm": the 24-hour reading stands
            else:
                hour = hour % 12 + (12 if half == "pm" else 0)
        start, end = m.span()
        ref = TimeRef(start, end, text[start:end], None, kind="clock")
        out.append(replace(ref, hour=hour, minute=minute, half=half))
    return out


def clock_minutes(ref: TimeRef) -> tuple[int, ...]:
    """The minutes after midnight ``ref`` can mean: one for a marked or 24-hour time past
    noon, two ("4:40": 04:40 or 16:40) for an unmarked hour up to 12."""
    if ref.hour is None:
        return ()
    base = ref.hour * 60 + (ref.minute or 0)
    if ref.half == "24h" and 1 <= ref.hour <= 12 and not ref.surface.startswith("0"):
        return (base, (base + 12 * 60) % DAY_MINUTES)
    return (base,)
