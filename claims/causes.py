"""The cause a claim states: its phrase span, content stems and cause concepts.

:func:`find_causes` finds each cause marker of :mod:`claims.lang.causes` in a claim
and cuts the cause phrase beside it, inside its clause: after "из-за", "due to",
"себебі"; before "салдарынан", "caused"; between the dative effect and "себеп
болды" in Kazakh ("бөгеттің бұзылуына [күрт жылыну ...] себеп болды").  A phrase
of stopwords only ("Соның салдарынан", "из-за которых") states no cause.

Each :class:`CausePhrase` keeps its exact surface and span (for highlighting),
its content stems (:func:`claims.lang.suffixes.strip_endings`, cut to
:data:`STEM_LEN` letters) and the cause concepts it names
(:data:`claims.lang.causes.CONCEPTS`), which is what compares causes across
languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from claims.lang import causes as table
from claims.lang.reporting import REPORT_STEMS
from claims.lang.suffixes import strip_endings

__all__ = ["CausePhrase", "STEM_LEN", "cause_concepts", "find_causes"]

STEM_LEN = 5  # stems are compared on their first letters
_MAX_WORDS = 8  # a cause is a phrase: longer stretches are cut at this many words
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{N}]+)*")
_STOP = regex.compile(table.CLAUSE_STOPS, regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CausePhrase:
    """One stated cause: ``text[start:end] == surface``."""

    surface: str
    start: int
    end: int
    stems: frozenset[str]
    concepts: frozenset[str]


@lru_cache(maxsize=8)
def _patterns(language: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    after = "|".join(table.AFTER_MARKERS.get(language, ()))
    before = "|".join(table.BEFORE_MARKERS.get(language, ()))
    never = r"(?!x)x"
    return (
        regex.compile(after or never, regex.IGNORECASE),
        regex.compile(before or never, regex.IGNORECASE),
    )


def _stem(word: str, language: str) -> str:
    w = word.lower().replace("ё", "е")
    if language == "en":
        for end in ("ing", "ed", "es", "s"):
            if w.endswith(end) and len(w) - len(end) >= 3:
                w = w[: -len(end)]
                break
    else:
        w = strip_endings(w, keep=4)
    return w[:STEM_LEN]


def _content(word: str) -> bool:
    w = word.lower()
    if w in table.STOPWORDS or (len(w) < 3 and not w.isdigit()):
        return False
    return not w.startswith(REPORT_STEMS)


def cause_concepts(words: list[str]) -> frozenset[str]:
    """The cause concepts named by some of ``words`` (lower case)."""
    found = set()
    for concept, entries in table.CONCEPTS.items():
        for entry in entries:
            exact = entry.endswith("$")
            key = entry.rstrip("$")
            if any(w == key if exact else w.startswith(key) for w in words):
                found.add(concept)
                break
    return frozenset(found)


def _phrase(text: str, start: int, end: int, language: str) -> CausePhrase | None:
    words = [m for m in _WORD.finditer(text, start, end) if _content(m.group(0))]
    every = [m.group(0).lower() for m in _WORD.finditer(text, start, end)]
    if not words or any(w.startswith(table.UNKNOWN) for w in every):
        return None
    kept = [
        m for m in _WORD.finditer(text, start, end) if m.group(0).lower() not in table.STOPWORDS
    ]
    s, e = kept[0].start(), kept[-1].end()
    lowered = [m.group(0).lower() for m in words]
    stems = frozenset(_stem(w, language) for w in lowered)
    return CausePhrase(text[s:e], s, e, stems, cause_concepts(lowered))


def _after(text: str, pos: int) -> int:
    """Where the clause started at ``pos`` ends, at most :data:`_MAX_WORDS` words on."""
    stop = _STOP.search(text, pos)
    end = stop.start() if stop else len(text)
    words = list(_WORD.finditer(text, pos, end))
    return words[_MAX_WORDS - 1].end() if len(words) > _MAX_WORDS else end


def _before(text: str, pos: int, kk_dative: bool) -> int:
    """Where the cause before ``pos`` starts: its clause start, or after a Kazakh dative."""
    starts: list[int] = [m.end() for m in _STOP.finditer(text, 0, pos)]
    begin = max(starts, default=0)
    words = list(_WORD.finditer(text, begin, pos))
    if kk_dative:
        dative = [m for m in words if regex.search(table.KK_DATIVE, m.group(0).lower())]
        if dative:
            return int(dative[0].end())
    return int(words[-_MAX_WORDS].start()) if len(words) > _MAX_WORDS else begin


def find_causes(text: str, *, language: str) -> tuple[CausePhrase, ...]:
    """The cause phrases a claim states, in text order (see the module docstring)."""
    after, before = _patterns(language)
    found: list[CausePhrase | None] = []
    for m in after.finditer(text):
        nxt = _WORD.search(text, m.end())
        if nxt is not None and nxt.group(0).lower() in table.ANAPHORA:
            continue
        found.append(_phrase(text, m.end(), _after(text, m.end()), language))
    for m in before.finditer(text):
        prev = [w.group(0).lower() for w in _WORD.finditer(text, 0, m.start())][-1:]
        if prev and prev[0] in table.ANAPHORA:
            continue
        kk_dative = language == "kk" and regex.match(table.KK_DATIVE_MARKERS, m.group(0).lower())
        found.append(_phrase(text, _before(text, m.start(), bool(kk_dative)), m.start(), language))
    if language == "en":
        for m in regex.finditer(table.BLAME_FOR, text, regex.IGNORECASE):
            found.append(_phrase(text, m.start("cause"), m.end("cause"), language))
    unique = {(c.start, c.end): c for c in found if c is not None}
    return tuple(unique[k] for k in sorted(unique))
