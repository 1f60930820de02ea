"""Time references in claim texts, anchored to the article's publication date.

Explicit dates ("5 қаңтар 2022", "5 января 2022 года", "January 5, 2022",
"05.01.2022", "2022-01-05") and years ("2022 жылы", "в 2022 году", "in 2022")
are read as they are.  Relative expressions need the article's ``published``
date: "биыл"/"в этом году"/"this year", "былтыр"/"өткен жылы"/"в прошлом
году"/"last year", "келесі жылы"/"next year", "2 жыл бұрын"/"два года
назад"/"2 years ago", "тура 2 жыл уақыт өтті"/"прошло 2 года"/"2 years have
passed" (the event lies 2 years back), "кеше"/"вчера"/"yesterday",
"бүгін"/"сегодня"/"today".  Without a publication date they are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import regex

from claims.entities import fold
from claims.numbers import MONTHS, extract_quantities

__all__ = ["TimeRef", "extract_times"]


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A point in time a claim refers to; ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    year: int
    month: int | None = None
    day: int | None = None
    relative: bool = False

    @property
    def label(self) -> str:
        """ "2022", "2022-01" or "2022-01-05"."""
        if self.month is None:
            return f"{self.year}"
        if self.day is None:
            return f"{self.year}-{self.month:02d}"
        return f"{self.year}-{self.month:02d}-{self.day:02d}"


_SMALL = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "один": 1, "одного": 1, "два": 2, "двух": 2, "три": 3, "трех": 3,
    "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a": 1,
}  # fmt: skip
_N = r"(?P<n>\d{1,3}|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")"
_B = r"(?<![\p{L}\p{M}\d])"
_E = r"(?![\p{L}\p{M}])"

# (pattern, year offset); the pattern may capture ``n`` (years back)
_RELATIVE_YEAR = tuple(
    (regex.compile(_B + pattern + _E), offset)
    for pattern, offset in (
        (r"биыл(?:ғы)?|в\s+этом\s+году|this\s+year|этого\s+года|осы\s+жылы", 0),
        (
            r"былтыр(?:ғы)?|өткен\s+жыл(?:ы|ғы|дың)?|в\s+прошлом\s+году|прошлого\s+года"
            r"|last\s+year",
            -1,
        ),
        (r"келесі\s+жыл(?:ы|ғы)?|в\s+следующем\s+году|next\s+year", 1),
    )
)  # fmt: skip
_YEARS_BACK = tuple(
    regex.compile(_B + pattern + _E)
    for pattern in (
        _N + r"\s+жыл\s+бұрын(?:ғы)?",
        _N + r"\s+(?:год|года|лет)\s+назад",
        _N + r"\s+years?\s+ago",
        r"(?:тура\s+)?" + _N + r"\s+жыл\s+(?:уақыт\s+)?(?:өтті|болды|толды)",
        r"прошл[оа]\s+(?:уже\s+|ровно\s+)?" + _N + r"\s+(?:год|года|лет)",
        _N + r"\s+years?\s+(?:have|had)\s+passed",
    )
)
_RELATIVE_DAY = tuple(
    (regex.compile(_B + pattern + _E), offset)
    for pattern, offset in (
        (r"кеше(?:гі)?|вчера|yesterday", -1),
        (r"бүгін(?:гі)?|сегодня|today", 0),
        (r"ертең(?:гі)?|завтра|tomorrow", 1),
    )
)
_MONTH_STEMS = [line.split() for line in MONTHS]
_MONTH = (
    r"(?P<month>(?:"
    + "|".join(sorted({s for line in _MONTH_STEMS for s in line}, key=len, reverse=True))
    + r")[\p{L}]{0,4})"
)
_DATES = (
    regex.compile(r"(?<!\d)(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?!\d)"),
    regex.compile(r"(?<!\d)(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})(?!\d)"),
    regex.compile(
        r"(?<!\d)(?:(?P<year>\d{4})\s+жылғы\s+)?(?P<day>\d{1,2})\s+"
        + _MONTH
        + r"(?:\s+(?P<year2>\d{4}))?"
    ),
    regex.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?(?!\d)"),
)


def _month_number(word: str) -> int | None:
    for line in _MONTH_STEMS:
        for index, stem in enumerate(line):
            if word.startswith(stem):
                return index + 1
    return None


def _n(value: str) -> int:
    return int(value) if value.isdigit() else _SMALL[value]


def _explicit(text: str, folded: str) -> list[TimeRef]:
    out: list[TimeRef] = []
    for pattern in _DATES:
        for m in pattern.finditer(folded):
            groups = m.groupdict()
            year = groups.get("year") or groups.get("year2")
            month = _month_number(groups["month"]) if groups.get("month") else None
            if month is None and groups.get("mon"):
                month = int(groups["mon"])
            if year is None or month is None or not 1 <= month <= 12:
                continue
            day = int(groups["day"]) if groups.get("day") else None
            start, end = m.start(), m.end()
            out.append(TimeRef(start, end, text[start:end], int(year), month, day))
    return out


def _relative(text: str, folded: str, published: date) -> list[TimeRef]:
    out: list[TimeRef] = []
    for pattern, offset in _RELATIVE_YEAR:
        for m in pattern.finditer(folded):
            surface = text[m.start() : m.end()]
            out.append(TimeRef(m.start(), m.end(), surface, published.year + offset, relative=True))
    for pattern in _YEARS_BACK:
        for m in pattern.finditer(folded):
            year = published.year - _n(str(m.group("n")))
            surface = text[m.start() : m.end()]
            out.append(TimeRef(m.start(), m.end(), surface, year, relative=True))
    for pattern, offset in _RELATIVE_DAY:
        for m in pattern.finditer(folded):
            day = published + timedelta(days=offset)
            surface = text[m.start() : m.end()]
            ref = TimeRef(m.start(), m.end(), surface, day.year, day.month, day.day, True)
            out.append(ref)
    return out


def extract_times(
    text: str, *, language: str = "kk", published: date | None = None
) -> list[TimeRef]:
    """Time references in ``text``, left to right, overlaps resolved to the longest."""
    folded = fold(text)
    found = _explicit(text, folded)
    if published is not None:
        found += _relative(text, folded, published)
    for q in extract_quantities(text, language=language):
        if q.kind == "year":
            found.append(TimeRef(q.start, q.end, q.surface, int(q.low)))
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    chosen: list[TimeRef] = []
    for ref in found:
        if chosen and ref.start < chosen[-1].end:
            continue
        chosen.append(ref)
    return chosen
