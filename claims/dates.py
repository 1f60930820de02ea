"""The one date parser: dates, periods and durations in Kazakh, Russian and English.

:func:`find_times` reads every time reference in a text and returns
:class:`TimeRef` values, left to right, non-overlapping:

* calendar dates in digits, words and ordinals, with day, month and year in
  any order: "5 декабря 2022", "2025 жылғы 20 мамырда", "April 5, 2025",
  "05.01.2024", "жиырмасыншы ақпан күні екі мың жиырмасыншы жылы",
  "20-сыншы ақпан күні 2020-сыншы жылы", "наурыздың 21-інде";
* years: "1978 жылы", "в 2019-м", "in 2024", "16-ншы жылы", "он алтыншы жылы";
* day ranges and nights: "6-7 апреля", "6 сәуірден 7 сәуірге қараған түні",
  "7 сәуірге қараған түні" and "в ночь на 7 апреля" (all the night of 6-7 April);
* months and seasons: "2025 жылдың қазан айында", "в октябре", "биыл көктемде",
  "in spring 2024";
* relative dates resolved against ``published``: "биыл", "былтыр", "кеше",
  "в прошлом году", "last year", "бір жыл бұрын", "два года назад";
* durations: "екі айдан кейін", "в течение двух месяцев", "two months later",
  "тура 2 жыл", "three years since", "14 жылдан бері" (``kind == "duration"``
  with ``amount`` and ``unit``);
* periods named by a unit: "жыл сайын", "осы аптада", "соңғы 2 жылда".

Without ``published``, relative references are still found (``year`` None).
Ingest metadata (:func:`claims.metadata.find_date`) and the time facts of
claims both read this module, so they cannot disagree.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

import regex

from claims.datetokens import DASHES, Num, Tok, number, tokens, unit_of, year_value
from claims.lang import timewords as tw
from claims.lang.months import SEASONS, month_number
from claims.lang.numerals import multiplier
from claims.lang.quantifiers import is_year_word

__all__ = ["TimeKind", "TimeRef", "find_date", "find_times"]

TimeKind = Literal["date", "duration", "period", "clock"]


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time reference; ``text[start:end] == surface``.

    A ``date`` has a year (None if relative and unresolved), maybe a month and a
    day; ``day_to`` closes a day range ("6-7 April").  A ``duration`` has
    ``amount`` and ``unit`` (``years``, ``months``, ``weeks``, ``days``, ``hours``).
    """

    start: int
    end: int
    surface: str
    year: int | None
    month: int | None = None
    day: int | None = None
    relative: bool = False
    day_to: int | None = None
    kind: TimeKind = "date"
    amount: float | None = None
    unit: str | None = None
    season: str | None = None
    hour: int | None = None  # a ``clock`` time (claims.clocks): hour, minute, "24h"/"am"/"pm"
    minute: int | None = None
    half: str | None = None

    @property
    def label(self) -> str:
        """ "2022", "2022-01", "2022-01-05", "2025-04-06/07", "2 years", "04:40"."""
        if self.kind == "clock":
            return f"{self.hour or 0:02d}:{self.minute or 0:02d}"
        if self.kind != "date":
            return f"{self.amount:g} {self.unit}" if self.amount is not None else str(self.unit)
        year = "?" if self.year is None else str(self.year)
        if self.month is None:
            return year + (f" {self.season}" if self.season else "")
        if self.day is None:
            return f"{year}-{self.month:02d}"
        to = f"/{self.day_to:02d}" if self.day_to not in (None, self.day) else ""
        return f"{year}-{self.month:02d}-{self.day:02d}{to}"

    def days(self) -> tuple[int, int] | None:
        """The closed day range of a dated reference within its month, else None."""
        if self.day is None:
            return None
        return self.day, self.day_to or self.day


_KK_AGO = tw.AGO_WORDS
_AFTER_WORDS = tw.AFTER_WORDS
_SINCE_WORDS = tw.SINCE_WORDS
_PERIOD_AFTER = tw.PERIOD_AFTER
_PERIOD_BEFORE = tw.PERIOD_BEFORE
_BEFORE_DURATION = tw.BEFORE_DURATION
_PRE_YEAR = tw.PRE_YEAR
_RELATIVE_STEMS = tuple(tw.RELATIVE_STEMS)
_WEEKDAYS = tw.WEEKDAYS
_RELATIVE_MAX = max(len(p) for p, _, _ in tw.RELATIVE)
_RELATIVE_TABLE = {p: (scope, offset) for p, scope, offset in tw.RELATIVE}
_ABLATIVE = ("дан", "ден", "тан", "тен", "нан", "нен")
_NIGHT_KK = tw.KK_NIGHT


# --------------------------------------------------------------------------- scanner


@dataclass
class _Scan:
    text: str
    toks: list[Tok]
    language: str
    published: date | None
    out: list[TimeRef]

    def ref(self, first: int, last: int, year: int | None, **kw: object) -> TimeRef:
        start, end = self.toks[first].start, self.toks[last].end
        return TimeRef(start, end, self.text[start:end], year, **kw)  # type: ignore[arg-type]

    def norm(self, j: int) -> str:
        return self.toks[j].norm if 0 <= j < len(self.toks) else ""


def _year_after(scan: _Scan, j: int) -> tuple[int | None, int]:
    """A year stated at token ``j`` ("2022", "2022 года", "екі мың жиырмасыншы жылы")."""
    if j >= len(scan.toks):
        return None, j - 1
    if scan.norm(j) == ",":
        j += 1
    num = number(scan.toks, j, scan.language) if j < len(scan.toks) else None
    if num is None:
        return None, j - 1
    has_word = is_year_word(scan.norm(num.last + 1))
    year = year_value(num, scan.published)
    if year is None or not (has_word or num.digits == 4):
        return None, j - 1
    return year, num.last + (1 if has_word else 0)


def _day_month(scan: _Scan, i: int, num: Num) -> tuple[TimeRef, int] | None:
    """ "6 сәуірден", "6-7 апреля", "жиырмасыншы ақпан күні", "5 декабря 2022"."""
    j, day, day_to = num.last + 1, int(num.value), None
    if scan.norm(j) in DASHES or scan.norm(j) in ("по", "и", "–"):
        other = number(scan.toks, j + 1, scan.language) if j + 1 < len(scan.toks) else None
        if other is not None and 1 <= other.value <= 31 and month_number(scan.norm(other.last + 1)):
            day_to, j = int(other.value), other.last + 1
    month = month_number(scan.norm(j)) if 0 < day <= 31 and num.digits <= 2 else None
    if month is None:
        return None
    last = j
    if scan.norm(j + 1) in ("күні", "айы", "айының", "айында"):
        last = j + 1
    year, last2 = _year_after(scan, last + 1)
    if year is None:
        year = _implied_year(scan, i, month)
    else:
        last = last2
    ref = scan.ref(i, last, year, month=month, day=day, day_to=day_to)
    return ref, last


def _implied_year(scan: _Scan, i: int, month: int) -> int | None:
    """The year before a day-month ("2025 жылғы 20 мамырда"), else the publication's year."""
    for ref in reversed(scan.out):
        if (
            ref.kind == "date"
            and ref.month is None
            and ref.year
            and ref.end >= scan.toks[i].start - 12
        ):
            return ref.year
    if scan.published is None:
        return None
    year = scan.published.year
    return year - 1 if month > scan.published.month + 1 else year


def _merge_preceding_year(scan: _Scan, ref: TimeRef) -> TimeRef:
    """ "2025 жылғы 20 мамырда": a bare year just before a day-month joins it."""
    if scan.out:
        prev = scan.out[-1]
        gap = scan.text[prev.end : ref.start]
        if prev.kind == "date" and prev.month is None and not prev.relative and len(gap) <= 3:
            scan.out.pop()
            return replace(
                ref, start=prev.start, surface=scan.text[prev.start : ref.end], year=prev.year
            )
    return ref


def _nights(scan: _Scan, ref: TimeRef, last: int) -> tuple[TimeRef, int]:
    """Day ranges: "6 сәуірден 7 сәуірге", "7 сәуірге қараған түні", "в ночь на 7 апреля"."""
    prev = scan.out[-1] if scan.out else None
    month_word = scan.toks[last].norm
    if (
        prev is not None
        and prev.day is not None
        and prev.month == ref.month
        and scan.text[prev.end : ref.start].strip() == ""
        and scan.text[prev.start : prev.end].lower().endswith(_ABLATIVE)
    ):
        scan.out.pop()
        ref = replace(ref, start=prev.start, surface=scan.text[prev.start : ref.end],
                      day=prev.day, day_to=ref.day)  # fmt: skip
    pair = (scan.norm(last + 1), scan.norm(last + 2))
    if pair in _NIGHT_KK and ref.day is not None and not month_word.endswith(_ABLATIVE):
        end = scan.toks[last + 2].end
        start_day = ref.day if ref.day_to not in (None, ref.day) else max(1, ref.day - 1)
        ref = replace(ref, end=end, surface=scan.text[ref.start : end], day=start_day,
                      day_to=ref.day_to or ref.day)  # fmt: skip
        last += 2
    return ref, last


_RU_NIGHT = regex.compile(r"(?:в\s+)?ночь\s+(?:с\s+\d{1,2}\s+)?на\s+$")


def _ru_night(scan: _Scan, i: int) -> None:
    """ "в ночь на 7 апреля" / "в ночь с 6 на 7 апреля" / "night of April 6-7"."""
    if not scan.out:
        return
    ref = scan.out[-1]
    before = scan.text[max(0, ref.start - 16) : ref.start].lower()
    m = _RU_NIGHT.search(before)
    if m is None or ref.day is None:
        return
    start = ref.start - (len(before) - m.start())
    day_from = ref.day - 1 if ref.day_to in (None, ref.day) else ref.day
    scan.out[-1] = replace(
        ref,
        start=start,
        surface=scan.text[start : ref.end],
        day=max(1, day_from),
        day_to=ref.day_to or ref.day,
    )


def _month_first(scan: _Scan, i: int, month: int) -> int:
    """ "April 5, 2025", "October 2025", "қазан айында", "в октябре", "наурыздың 21-інде"."""
    j = i + 1
    if scan.norm(j) == "." and len(scan.norm(i)) <= 4:
        i, j = i + 1, j + 1  # "Jan. 5"
    num = number(scan.toks, j, scan.language) if j < len(scan.toks) else None
    if (num is not None and 1 <= num.value <= 31 and num.digits in (1, 2)) or (
        num is not None and num.ordinal and 1 <= num.value <= 31
    ):
        assert num is not None
        year, last = _year_after(scan, num.last + 1)
        if year is None:
            year, last = _implied_year(scan, i, month), num.last
        scan.out.append(scan.ref(i, last, year, month=month, day=int(num.value)))
        return last + 1
    last = i + 1 if scan.norm(i + 1) in tw.MONTH_NOUNS else i
    year, last2 = _year_after(scan, last + 1)
    if year is None:
        year = _implied_year(scan, i, month)
        ref = scan.ref(i, last, year, month=month)
        ref = _merge_preceding_year(scan, ref)
    else:
        ref, last = scan.ref(i, last2, year, month=month), last2
    scan.out.append(ref)
    return last + 1


_RELATIVE_FIRST = frozenset(p[0] for p in _RELATIVE_TABLE)
_RELATIVE_PREFIX = (*_RELATIVE_STEMS, *_WEEKDAYS)


def _relative(scan: _Scan, i: int) -> int | None:
    first = scan.norm(i)
    if first not in _RELATIVE_FIRST and not first.startswith(_RELATIVE_PREFIX):
        return None
    for n in range(_RELATIVE_MAX, 0, -1):
        phrase = tuple(scan.norm(i + k) for k in range(n))
        found = _RELATIVE_TABLE.get(phrase)
        if found is None:
            continue
        scope, offset = found
        pub, last = scan.published, i + n - 1
        if pub is None:
            scan.out.append(scan.ref(i, last, None, relative=True))
        elif scope == "year":
            scan.out.append(scan.ref(i, last, pub.year + offset, relative=True))
        else:
            day = pub + timedelta(days=offset)
            scan.out.append(
                scan.ref(i, last, day.year, month=day.month, day=day.day, relative=True)
            )
        return last + 1
    norm = scan.norm(i)
    if norm.startswith(_RELATIVE_STEMS) and len(norm) <= 12 and norm != "кешен":
        return _relative_stem(scan, i, norm)
    if norm.startswith(_WEEKDAYS) and len(norm) <= 14:
        begin = i - 1 if scan.norm(i - 1) in _PERIOD_BEFORE else i
        scan.out.append(scan.ref(begin, i, None, kind="period", unit="days", relative=True))
        return i + 1
    return None


def _relative_stem(scan: _Scan, i: int, norm: str) -> int:
    """ "бүгіннен", "биылдыққа", "былтырғыдай": an inflected relative word."""
    stem = next(s for s in _RELATIVE_STEMS if norm.startswith(s))
    offset, scope = tw.RELATIVE_STEMS[stem]
    pub = scan.published
    if pub is None:
        scan.out.append(scan.ref(i, i, None, relative=True))
    elif scope == "year":
        scan.out.append(scan.ref(i, i, pub.year + offset, relative=True))
    else:
        day = pub + timedelta(days=offset)
        scan.out.append(scan.ref(i, i, day.year, month=day.month, day=day.day, relative=True))
    return i + 1


def _season(scan: _Scan, i: int) -> int | None:
    norm = scan.norm(i)
    for season, stems in SEASONS.items():
        for stem in stems:
            if not norm.startswith(stem):
                continue
            rest = norm[len(stem) :]
            ok = rest in tw.SEASON_ENDINGS if not stem.isascii() else rest == ""
            bare_ok = stem in ("қыс", "көктем", "күз") or scan.norm(i - 1) in _PERIOD_BEFORE
            if not ok or (rest == "" and not stem.isascii() and not bare_ok):
                continue
            if stem in ("лет", "зим", "весн", "осен") and rest not in ("ом", "ой", "ою", "у"):
                continue
            year = None
            prev = scan.out[-1] if scan.out else None
            if prev is not None and prev.month is None and prev.end >= scan.toks[i].start - 2:
                year = prev.year
                scan.out.pop()
                first = next(k for k, t in enumerate(scan.toks) if t.start == prev.start)
            else:
                first = i
                y2, last = _year_after(scan, i + 1)
                if y2 is not None:
                    scan.out.append(scan.ref(first, last, y2, season=season))
                    return last + 1
            scan.out.append(scan.ref(first, i, year, season=season, relative=year is not None))
            return i + 1
    return None


def _duration(scan: _Scan, i: int, num: Num) -> int | None:
    """ "екі айдан кейін", "в течение двух месяцев", "two months later", "тура 2 жыл"."""
    j = num.last + 1
    unit = unit_of(scan.norm(j))
    if unit is None or (num.ordinal and unit != "centuries"):
        return None
    first, last = i, j
    while first > 0 and scan.norm(first - 1) in _BEFORE_DURATION:
        first -= 1
    after = scan.norm(j + 1)
    if after in _KK_AGO and unit == "years" and scan.published is not None:
        year = scan.published.year - int(num.value)
        scan.out.append(scan.ref(first, j + 1, year, relative=True))
        return j + 2
    if after in _AFTER_WORDS | _SINCE_WORDS | _KK_AGO or after in ("астам", "бері"):
        last = j + 1
    scan.out.append(scan.ref(first, last, None, kind="duration", amount=num.value, unit=unit))
    return last + 1


def _period(scan: _Scan, i: int) -> int | None:
    """A unit named as a period: "жыл сайын", "осы аптада", "бірнеше жыл бұрын"."""
    unit = unit_of(scan.norm(i))
    if unit is None:
        return None
    before, after = scan.norm(i - 1), scan.norm(i + 1)
    if before in _PERIOD_BEFORE or after in _PERIOD_AFTER | _KK_AGO:
        first = i - 1 if before in _PERIOD_BEFORE else i
        last = i + 1 if after in _PERIOD_AFTER | _KK_AGO else i
        scan.out.append(scan.ref(first, last, None, kind="period", unit=unit))
        return last + 1
    return None


def _at_number(scan: _Scan, i: int, num: Num) -> int | None:
    found = _day_month(scan, i, num)
    if found is not None:
        ref, last = found
        ref = _merge_preceding_year(scan, ref)
        ref, last = _nights(scan, ref, last)
        scan.out.append(ref)
        _ru_night(scan, i)
        return last + 1
    after = scan.norm(num.last + 1)
    if is_year_word(after) or (num.suffix in ("м", "го", "й") and num.digits == 4):
        year = year_value(num, scan.published)
        plain = num.digits == 4 or num.ordinal or (num.digits == 0 and num.value >= 1000)
        if (
            year is not None
            and plain
            and (not num.suffix or num.ordinal or num.suffix in ("м", "го", "й"))
        ):
            last = num.last + (1 if is_year_word(after) else 0)
            scan.out.append(scan.ref(i, last, year))
            return last + 1
    bare = unit_of(after) is None and multiplier(after) is None
    if num.digits == 4 and 1900 <= num.value <= 2100 and not num.suffix:  # noqa: SIM102
        if scan.norm(i - 1) in _PRE_YEAR or bare:
            scan.out.append(scan.ref(i, i, int(num.value)))
            return i + 1
    return _duration(scan, i, num)


_ISO = regex.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)|(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"
)


def _numeric_dates(text: str) -> list[TimeRef]:
    out = []
    for m in _ISO.finditer(text):
        y, mo, d = (
            (m.group(1), m.group(2), m.group(3))
            if m.group(1)
            else (m.group(6), m.group(5), m.group(4))
        )
        if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31:
            out.append(TimeRef(m.start(), m.end(), str(m.group(0)), int(y), int(mo), int(d)))
    return out


def find_times(
    text: str, *, language: str = "kk", published: date | None = None, past: bool = False
) -> list[TimeRef]:
    """Every time reference in ``text`` (see the module docstring), left to right.

    A day and month without a year take the publication's year (the year before for a
    month more than one ahead).  With ``past`` (a claim that reports, not one that plans)
    the days of a claim all take the year before when the publication's year would put one
    of them more than :data:`PAST_MARGIN_DAYS` after the publication (a month alone keeps
    its year: "since February" is vague): a wire story of 20 August 2026 saying "declared
    on Aug. 20, lifted on Sept. 2" tells of 2025.
    """
    numeric, toks = _prepare(text)
    refs = _scan(text, numeric, toks, language=language, published=published)
    return _in_the_past(refs, published) if past and published is not None else refs


PAST_MARGIN_DAYS = 3  # a report dated a day or two before the days it tells of stays as it is


def _days_after(ref: TimeRef, published: date) -> int:
    """Days from ``published`` to ``ref``'s day in the publication's year (negative: before)."""
    month, day = ref.month or 1, ref.day or 1
    last = calendar.monthrange(published.year, month)[1]
    return (date(published.year, month, min(day, last)) - published).days


_YEAR_DIGITS = regex.compile(r"(?<!\d)\d{4}(?!\d)")


def _in_the_past(refs: list[TimeRef], published: date) -> list[TimeRef]:
    """``refs`` with the implied year of each day-month moved back one when one of them
    would fall after ``published`` (see :func:`find_times`)."""
    implied = [
        k
        for k, ref in enumerate(refs)
        if ref.kind == "date"
        and ref.day is not None
        and ref.month is not None
        and ref.year == published.year
        and not ref.relative
        and _YEAR_DIGITS.search(ref.surface) is None
    ]
    late = any(_days_after(refs[k], published) > PAST_MARGIN_DAYS for k in implied)
    if not late:
        return refs
    out = list(refs)
    for k in implied:
        out[k] = replace(out[k], year=published.year - 1)
    return out


def _prepare(text: str) -> tuple[list[TimeRef], list[Tok]]:
    """The numeric dates of ``text`` and its other tokens (the same in every language)."""
    numeric = _numeric_dates(text)
    toks = tokens(text)
    if numeric:
        taken = [(r.start, r.end) for r in numeric]
        toks = [t for t in toks if not any(s <= t.start < e for s, e in taken)]
    return numeric, toks


def _scan(
    text: str, numeric: list[TimeRef], toks: list[Tok], *, language: str, published: date | None
) -> list[TimeRef]:
    scan = _Scan(text, toks, language, published, [])
    i = 0
    while i < len(toks):
        nxt = _relative(scan, i)
        if nxt is None and toks[i].norm[:1].isalnum():
            num = number(toks, i, language)
            month = month_number(toks[i].norm) if num is None else None
            if num is not None:
                nxt = _at_number(scan, i, num)
                if nxt is None and num.last > i:
                    nxt = num.last + 1
            elif month is not None and _month_context(scan, i):
                nxt = _month_first(scan, i, month)
            else:
                nxt = _season(scan, i) or _period(scan, i)
        i = nxt if nxt is not None else i + 1
    return sorted(numeric + scan.out, key=lambda r: r.start)


def _month_context(scan: _Scan, i: int) -> bool:
    """A month word read as a month: lower-case in kk/ru (else "Қазан" is Kazan), any in en."""
    tok = scan.toks[i]
    if scan.language == "en" or tok.text[:1].islower():
        return True
    nxt = scan.norm(i + 1)
    return nxt[:1].isdigit() or nxt in tw.MONTH_NOUNS


def find_date(text: str) -> tuple[date, int, int] | None:
    """First full calendar date (year, month, day) in ``text`` as ``(date, start, end)``.

    Read as Kazakh, then Russian, then English.  A calendar date that is not relative
    has its month from a month word or is numeric, so a text with neither has none
    (and is not scanned three times).
    """
    numeric, toks = _prepare(text)
    if not numeric and not any(month_number(t.norm) for t in toks):
        return None
    for language in ("kk", "ru", "en"):
        for ref in _scan(text, numeric, toks, language=language, published=None):
            if ref.kind == "date" and ref.year and ref.month and ref.day and not ref.relative:
                try:
                    return date(ref.year, ref.month, ref.day), ref.start, ref.end
                except ValueError:
                    continue
    return None
