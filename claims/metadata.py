"""Metadata found in article text: dates, language, source attribution, front matter.

Everything here is a pure function over strings with pre-compiled regular
expressions, so it is linear in the input and cheap enough for bulk ingest.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from claims.dates import find_date as _find_date
from claims.lang.months import MONTHS
from claims.lang.reporting import ATTRIBUTION_VERBS as _VERBS
from claims.lang.scripts import KAZAKH_LETTERS

__all__ = [
    "DATE_RE",
    "detect_language",
    "find_attribution",
    "find_date",
    "normalize_source",
    "parse_date",
    "source_from_url",
    "split_front_matter",
]

# --- dates -------------------------------------------------------------------

# The month table lives in claims.lang.months; the one date parser in claims.dates.
_MONTH_ALT = "|".join(
    sorted({s for stems, abbr in MONTHS.values() for s in (*stems, *abbr)}, key=len, reverse=True)
)
_MONTH = rf"(?:(?:{_MONTH_ALT})[^\W\d_]*\.?)"
_DAY = r"(?:[0-3]?\d)"
_YEAR = r"(?:(?:19|20)\d\d)"

_DATE_PATTERNS: tuple[str, ...] = (
    # 2024-01-05, 2024-01-05T10:00
    r"(?:19|20)\d\d-[01]?\d-[0-3]?\d(?![\d])",
    # 05.01.2024
    r"(?<![\d.])[0-3]?\d\.[01]?\d\.(?:19|20)\d\d(?!\d)",
    # 03 Қаңтар, 2024 / 5 января 2024 г. / 5 January 2024
    rf"(?<!\d){_DAY}(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}(?!\d)",
    # January 5, 2024
    rf"(?<![^\W\d_]){_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d(?!\d)",
    # 2024 жылғы 3 қаңтар / 2024 жылы 3 қаңтарда
    rf"(?:19|20)\d\d\s+жыл\w*\s+[0-3]?\d\s+{_MONTH}",
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# For removing date phrases from byline lines (claims.furniture); reading them is find_date's job.
DATE_RE = re.compile("|".join(f"(?:{p})" for p in _DATE_PATTERNS), re.IGNORECASE)


def find_date(text: str) -> tuple[date, int, int] | None:
    """First valid calendar date stated in ``text`` as ``(date, start, end)``.

    Understands ISO ``2024-01-05``, ``05.01.2024``, ``03 Қаңтар, 2024``,
    ``5 января 2024``, ``January 5, 2024``, ``2024 жылғы 3 қаңтар`` and dates
    in words; the parser is :func:`claims.dates.find_date`, the same one that
    reads the dates of claims.
    """
    if _YEAR_RE.search(text) is None and not re.search(r"мың|тысяч|thousand", text, re.I):
        return None
    return _find_date(text)


def parse_date(value: str) -> date | None:
    """Parse a metadata date value (ISO date/datetime or any :func:`find_date` form)."""
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    found = find_date(value)
    return found[0] if found else None


# --- language ----------------------------------------------------------------

_KAZAKH_LETTERS = KAZAKH_LETTERS
# In UTF-8 every letter U+0400-U+04FF starts with byte D0-D3 (and nothing else does), and
# A-Z a-z are single bytes: counting bytes is several times faster than regex passes.
_CYRILLIC_LEADS = (b"\xd0", b"\xd1", b"\xd2", b"\xd3")
_LATIN_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _script_counts(text: str) -> tuple[int, int]:
    """Letters of ``text`` in U+0400-U+04FF (Cyrillic) and in A-Z/a-z (Latin)."""
    data = text.encode("utf-8", "surrogatepass")
    cyrillic = sum(data.count(lead) for lead in _CYRILLIC_LEADS)
    return cyrillic, len(data) - len(data.translate(None, _LATIN_BYTES))


def detect_language(text: str, *, sample: int = 20000) -> str:
    """``kk``, ``ru`` or ``en`` by script proportions (``und`` if no letters).

    Kazakh-specific letters (ә ғ қ ң ө ұ ү һ і) are about one Cyrillic letter
    in ten in Kazakh text and absent from Russian; a Russian text quoting a
    Kazakh name stays well under the 2 % threshold.
    """
    head = text[:sample]
    cyrillic, latin = _script_counts(head)
    if cyrillic == 0 and latin == 0:
        return "und"
    if latin > cyrillic:
        return "en"
    kazakh = sum(head.count(letter) for letter in _KAZAKH_LETTERS)
    return "kk" if kazakh >= 0.02 * cyrillic else "ru"


# --- source --------------------------------------------------------------------

_TLD = r"(?:kz|ru|com|org|net|info|news|uz|kg|by|ua|uk|io|tv|media)"
_DOMAIN = rf"(?i:(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+{_TLD})"
_CAP_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*"
_NAME = rf"(?P<name>{_DOMAIN}\b|«[^»\n]{{2,40}}»|{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}})"
_ATTRIBUTION_RES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        # kk: "..., деп жазады Egemen.kz", "деп хабарлайды Kazinform"
        rf"деп\s+(?:{_VERBS['kk_after_dep']})\s+{_NAME}",
        # kk: "Бұл туралы Ақорда хабарлады"
        rf"Бұл\s+туралы\s+{_NAME}\s+(?:{_VERBS['kk_about']})",
        # ru: "сообщает Tengrinews.kz", "передает РИА Новости"
        rf"(?:{_VERBS['ru']})\s+{_NAME}",
        # ru: "по данным Tengrinews.kz" / "по информации ..."
        rf"[Пп]о\s+(?:{_VERBS['ru_source']})\s+{_NAME}",
        # en: "reports Reuters", "Reuters reported."
        rf"(?:{_VERBS['en']})\s+{_NAME}",
        # dateline: "LONDON (Reuters) -"
        rf"\((?P<agency>{_DOMAIN}|[A-ZА-ЯЁ][\w.-]{{1,20}}(?:\s+[A-ZА-ЯЁ][\w.-]*)?)\)\s*[-–—]",
    )
)


def _literal_heads(alternatives: str) -> tuple[str, ...]:
    """The literal start of each ``|`` alternative ("сообщил[аио]?" -> "сообщил",
    "reports?" -> "report", "мәлім\\s+етті" -> "мәлім"): every match contains one."""
    if "(" in alternatives or ")" in alternatives:  # a group's "|" is not a top-level one
        raise ValueError(f"groups in {alternatives!r}: give its hints by hand")
    heads = []
    for alternative in alternatives.split("|"):
        cut = re.search(r"[\\\[(.?*+{]", alternative)
        head = alternative if cut is None else alternative[: cut.start()]
        if cut is not None and cut.group() in "?*+{":
            head = head[:-1]  # the quantified character is optional
        if not head:
            raise ValueError(f"no literal start in {alternative!r}")
        heads.append(head)
    return tuple(heads)


# A literal every match of the pattern at the same index contains: a text without any of
# them skips that pattern's scan (most texts name no outlet).
_ATTRIBUTION_HINTS: tuple[tuple[str, ...], ...] = (
    _literal_heads(_VERBS["kk_after_dep"]),
    _literal_heads(_VERBS["kk_about"]),
    _literal_heads(_VERBS["ru"]),
    _literal_heads(_VERBS["ru_source"]),
    _literal_heads(_VERBS["en"]),
    ("(",),
)
_NAME_STOP = frozenset(
    {"the", "a", "an", "it", "he", "she", "they", "this", "that", "in", "on"},
)


def normalize_source(name: str) -> str:
    """Tidy a source label: strip quotes/space; domains lower-cased without ``www.``."""
    cleaned = name.strip().strip("«»\"'“”„").strip().rstrip(".,;:")
    if re.fullmatch(_DOMAIN, cleaned):
        cleaned = cleaned.lower()
        return cleaned.removeprefix("www.")
    return cleaned


def find_attribution(text: str, *, limit: int = 4000) -> str | None:
    """The outlet the text credits itself to ("деп жазады Egemen.kz", "reports Reuters")."""
    head = text[:limit]
    found: list[tuple[int, str]] = []
    for pattern, hints in zip(_ATTRIBUTION_RES, _ATTRIBUTION_HINTS, strict=True):
        if not any(hint in head for hint in hints):
            continue
        for match in pattern.finditer(head):
            name = match.group(match.lastgroup or 1)
            if name and name.split()[0].lower() not in _NAME_STOP:
                found.append((match.start(), name))
                break
    return normalize_source(min(found)[1]) if found else None


def source_from_url(url: str) -> str | None:
    """Host name of ``url`` without ``www.`` (``None`` if it has no host)."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().removeprefix("www.")


# --- front matter --------------------------------------------------------------

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_KEY_VALUE_RE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Split YAML-style ``key: value`` front matter off ``text``.

    Returns ``(fields, body, offset)`` where ``offset`` is where ``body``
    starts in ``text``.  Only flat scalar keys are read (quotes stripped);
    without front matter the fields are empty and the body is ``text``.
    """
    match = _FRONT_MATTER_RE.match(text)
    if match is None:
        return {}, text, 0
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        kv = _KEY_VALUE_RE.match(line)
        if kv is None:
            continue
        value = kv.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[kv.group(1).lower()] = value
    return fields, text[match.end() :], match.end()
