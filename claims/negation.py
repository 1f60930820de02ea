"""Negation cues and claim polarity for Kazakh, Russian and English.

A claim is *negative* when it contains at least one negator that is not
cancelled: Kazakh "жоқ", "емес" and negative verb forms (stem + -ма/-ме/-ба/
-бе/-па/-пе + a tense, participle or converb suffix: "қатыспайтынын",
"атпағанын", "бермеді", "қоймастан"); Russian "не", "нет", "нельзя";
English "not", "n't", "no", "never", "none", "neither", "nor", "nobody",
"nothing", "cannot".  Negative-concord words ("ешқандай", "бірде-бір",
"ешкім", "еш", "ни", "никакой", "никто"...) *reinforce* a negation: they make
a claim negative on their own but never flip it back, so "бірде-бір оқ атқан
жоқ" is one negative statement.  A real double negation ("барған жоқ емес",
"бармаған емес", "не мог не", "not without") cancels.

The Kazakh verb rule is suffix-anchored and checks the consonant the marker
must follow (-ма after vowels and р л й у; -ба after м н ң з ж; -па after
voiceless consonants), which keeps "мемлекет", "бастама", "мақсат",
"қарапайым", "жабайы" out; an exception list covers the remaining
homographs ("жаппай", "қамау").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from claims.lang import negation as _lang
from claims.textnorm import normalize

__all__ = ["NegationCue", "Polarity", "find_negations", "is_negative_verb", "polarity"]

CueKind = Literal["negator", "concord"]


@dataclass(frozen=True, slots=True)
class NegationCue:
    """One negation word in a text; ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    kind: CueKind
    stem: str = ""  # the verb stem of a Kazakh negative verb form ("қатыс")


@dataclass(frozen=True, slots=True)
class Polarity:
    """Polarity of a claim and the cues that decided it."""

    negative: bool
    cues: tuple[NegationCue, ...]


_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-‐‑][\p{L}\p{M}]+)*(?:['’][\p{L}]+)?")

_NEGATORS = _lang.NEGATORS
_CONCORD = _lang.CONCORD
_NOT_NEGATION = _lang.NOT_NEGATION
_CANCEL_NEXT = _lang.CANCEL_NEXT
_NEG_MARKERS = _lang.KK_NEG_MARKERS
_SUFFIX = regex.compile(rf"{_lang.KK_NEG_TAIL}{_lang.KK_NEG_ENDS}{{0,3}}|с|стан|стен|сқа|ске")
_KK_EXCEPTIONS = _lang.KK_EXCEPTIONS
_KK_EXCEPTION_STEMS = _lang.KK_EXCEPTION_STEMS


def is_negative_verb(word: str) -> str | None:
    """The verb stem if ``word`` is a Kazakh negative verb form, else None."""
    norm = normalize(word)
    if norm in _KK_EXCEPTIONS or norm.startswith(_KK_EXCEPTION_STEMS):
        return None
    for i in range(2, len(norm) - 2):
        marker = norm[i : i + 2]
        if marker not in _NEG_MARKERS:
            continue
        before = norm[i - 1]
        allowed = _lang.AFTER_MARKER[marker[0]]
        if before in allowed and _SUFFIX.fullmatch(norm[i + 2 :]):
            return norm[:i]
    return None


def _cue_kind(norm: str, language: str) -> CueKind | None:
    if norm.endswith(('n"t', "n't")) and language == "en":
        return "negator"
    key = language if language in _NEGATORS else "kk"  # Kazakh "не" means "what"
    negators, concord = _NEGATORS[key], _CONCORD[key]
    if norm in negators:
        return "negator"
    if norm in concord:
        return "concord"
    return None


def _inside_expression(norms: list[str], i: int) -> bool:
    for phrase in _NOT_NEGATION:
        for k, word in enumerate(phrase):
            if word == norms[i] and tuple(norms[i - k : i - k + len(phrase)]) == phrase:
                return True
    return False


_NUMERO_DOT = regex.compile(r"\.\s*\d")
_NUMERO_BARE = regex.compile(r"\s+\d")


def _numero(norm: str, text: str, start: int, end: int) -> bool:
    """The word ``text[start:end]`` is a numero sign, not a negator: "No. 1", or a
    capitalised "No 5" inside a sentence ("plant No 2"); "no 24-hour warning" negates."""
    if norm not in _lang.NUMERO_WORDS:
        return False
    if _NUMERO_DOT.match(text, end):
        return True
    inside = start > 0 and not text[:start].rstrip().endswith((".", "!", "?"))
    return text[start].isupper() and inside and _NUMERO_BARE.match(text, end) is not None


def find_negations(text: str, *, language: str = "kk") -> list[NegationCue]:
    """Negation cues in ``text`` (left to right), cancelled double negations removed."""
    words = [(m.start(), m.end(), str(m.group(0))) for m in _WORD.finditer(text)]
    norms = [normalize(w) for _, _, w in words]
    cues: list[tuple[int, NegationCue]] = []
    for i, ((start, end, surface), norm) in enumerate(zip(words, norms, strict=True)):
        kind = _cue_kind(norm, language)
        stem = ""
        if kind is None and language == "kk":
            found = is_negative_verb(surface)
            kind, stem = ("negator", found) if found else (None, "")
        if kind is None or _inside_expression(norms, i) or _numero(norm, text, start, end):
            continue
        cues.append((i, NegationCue(start, end, surface, kind, stem)))
    return _cancel_double(cues, norms)


def _cancel_double(cues: list[tuple[int, NegationCue]], norms: list[str]) -> list[NegationCue]:
    """Drop negator pairs that cancel: "бармаған емес", "жоқ емес", "не мог не"."""
    out: list[NegationCue] = []
    skip: set[int] = set()
    for n, (i, cue) in enumerate(cues):
        if i in skip:
            continue
        nxt = cues[n + 1] if n + 1 < len(cues) else None
        if nxt is not None and cue.kind == nxt[1].kind == "negator":
            j = nxt[0]
            kk_pair = j == i + 1 and norms[j] == "емес"
            ru_pair = norms[i] == "не" and norms[j] == "не" and j - i == 2
            if kk_pair or ru_pair:
                skip.add(j)
                continue
        if i + 1 < len(norms) and (norms[i], norms[i + 1]) in _CANCEL_NEXT:
            continue
        out.append(cue)
    return out


def polarity(text: str, *, language: str = "kk") -> Polarity:
    """Negative if any negation cue survives (concord words reinforce, never flip)."""
    cues = tuple(find_negations(text, language=language))
    return Polarity(negative=bool(cues), cues=cues)
