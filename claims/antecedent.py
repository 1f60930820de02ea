"""A claim that opens with a third-person pronoun reads with its antecedent.

"Олар Қазақстандағы жағдай толық тұрақтанғанша болады" says nothing a reviewer can match
until "олар" is the peacekeepers of the sentence before.  :func:`resolve_antecedents` gives
such a claim a :attr:`claims.model.Claim.reading` that puts the subject phrase of the previous
sentence in front of it: "ҰҚШҰ-ның бітімгерлік күштері Олар Қазақстандағы жағдай ...",
"Бітімгерлік күштері Олардың негізгі міндеті ...".  The claim stays a suffix of its reading (a
view can mark the added words) and its span (``text``, ``start``, ``end``) never changes.  In
front rather than in place of the pronoun: no case to inflect, and on the seeds the e5 vectors
come closer ("stay until stable" vs "withdrawn ahead of schedule": cosine 0.852 as it is,
0.881 with the pronoun replaced, 0.894 with the phrase in front; the 1st neighbour).

Conservative by design: only the first claim of a sentence, only a pronoun that is its first
word (tables in :mod:`claims.lang.pronouns`), only the sentence just before, and only a subject
phrase that agrees in number and opens that sentence (one without a contrasted second clause:
"Rangers may have dominated possession but Livingston did more ..." has two subjects):

* plural: Kazakh - a nominative plural noun ("күштері", "содырлар") among its first four words,
  with its genitive and bare modifiers ("ҰҚШҰ-ның бітімгерлік"); Russian / English - the words
  before the first plural verb ("Миротворцы ОДКБ были ...", "The CSTO peacekeepers were ...");
* singular: a person or organisation that opens the sentence (Kazakh titles and names as
  :func:`claims.speaker.subject_of` finds them, else :func:`claims.entities.extract_entities`;
  in English also a capitalised name right before a singular verb: "Kovacic did ...").

A previous sentence that itself opened with a resolved pronoun passes its antecedent on.
No clear antecedent: the reading stays as it was (``None`` unless it came from an enumeration).
"""

from __future__ import annotations

from dataclasses import replace

import regex

from claims.entities import extract_entities
from claims.lang.pronouns import (
    CONTRAST,
    EN_PLURAL_VERBS,
    EN_SINGULAR_VERBS,
    EN_VERB,
    KK_CASE,
    KK_GENITIVE,
    KK_PLURAL,
    LEADING,
    NOT_AFTER,
    POSSESSIVE,
    RU_PLURAL_VERB,
    SUBJECT,
)
from claims.model import Claim
from claims.speaker import subject_of

__all__ = ["resolve_antecedents"]

_FIRST = regex.compile(r"[\s\p{Pd}«\"“„(]*(\p{L}+)(?![\p{L}-])")
_TOKEN = regex.compile(r"\S+")
_EDGE = "«»\"“”„()[]'’.,;:!?–—-"
_BREAK = regex.compile(r"[,;:–—]$")
_PLURAL_WINDOW = 4
_NAME_WORD = regex.compile(r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\Z")


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Words of ``text[start:end]`` as ``(word stripped of punctuation, start, end)``."""
    out: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text, start, end):
        raw = match.group()
        core = raw.strip(_EDGE)
        if not core:
            continue
        left = match.start() + raw.index(core)
        out.append((core, left, left + len(core)))
        if _BREAK.search(raw) and len(out) <= _PLURAL_WINDOW:
            out.append(("", match.end(), match.end()))  # a clause break: no phrase spans it
    return out


def _pronoun(claim: Claim, lang: str) -> str | None:
    """The number (``"pl"``/``"sg"``) of a subject or possessive pronoun opening the claim."""
    match = _FIRST.match(claim.text)
    if match is None or match.end(1) >= len(claim.text.rstrip()):
        return None
    word = match.group(1).lower()
    after = claim.text[match.end(1) :].split(maxsplit=1)
    if after and after[0].strip(_EDGE).lower() in NOT_AFTER:
        return None
    return SUBJECT[lang].get(word) or POSSESSIVE[lang].get(word)


def _kk_plural(words: list[tuple[str, int, int]]) -> tuple[int, int] | None:
    first = 0
    for index, (word, _start, end) in enumerate(words[:_PLURAL_WINDOW]):
        low = word.lower()
        if not word or low in LEADING or (KK_CASE.search(low) and not KK_GENITIVE.search(low)):
            first = index + 1
            continue
        if KK_PLURAL.match(low) and low not in SUBJECT["kk"]:
            return words[first][1], end
    return None


def _verb_phrase(
    words: list[tuple[str, int, int]], is_verb: regex.Pattern[str]
) -> tuple[int, str] | None:
    """Index of the first verb after a subject of 1-4 words, and the verb (lower-cased)."""
    if not words or (words[0][0].lower() in LEADING and words[0][0].lower() != "the"):
        return None
    for index, (word, _start, _end) in enumerate(words[:6]):
        if not word:
            return None
        if index and is_verb.search(word.lower()):
            return index, word.lower()
    return None


def _ru_en_plural(words: list[tuple[str, int, int]], lang: str) -> tuple[int, int] | None:
    found = _verb_phrase(words, RU_PLURAL_VERB if lang == "ru" else EN_VERB)
    if found is None:
        return None
    index, verb = found
    if any(
        w.lower() in SUBJECT[lang] or w.lower() in POSSESSIVE[lang] for w, _s, _e in words[:index]
    ):
        return None
    head = words[index - 1][0]
    if lang == "en" and verb in EN_SINGULAR_VERBS:
        return None
    plural_head = head.endswith("s") and not head.endswith(("ss", "'s", "’s"))
    if lang == "en" and verb not in EN_PLURAL_VERBS and not plural_head:
        return None
    return words[0][1], words[index - 1][2]


def _singular(text: str, claim: Claim, words: list[tuple[str, int, int]], lang: str) -> str | None:
    """A person or organisation opening ``claim`` (not a place, not a possessor: "X's")."""
    if not words or not words[0][0]:
        return None
    start = words[0][1] - claim.start
    mentions = extract_entities(claim.text)
    if lang == "kk":
        found = subject_of(text, claim.start, claim.end)
        if found is None or found[1] != words[0][1] or found[0].lower() in SUBJECT["kk"]:
            return None
        inside = [m for m in mentions if m.start < found[2] - claim.start and m.end > start]
        return None if any(m.kind.startswith("place") for m in inside) else found[0]
    for mention in mentions:
        possessor = claim.text.startswith(("'s", "’s"), mention.end)
        if mention.start == start and mention.kind in ("person", "org") and not possessor:
            return mention.surface
    name = _en_name(words) if lang == "en" else None
    if name is None:
        return None
    if any(m.kind.startswith("place") for m in mentions if m.start < start + len(name)):
        return None  # "North Korea said ...": a country is no "he"
    return name


def _en_name(words: list[tuple[str, int, int]]) -> str | None:
    """A capitalised name of 1-3 words right before a singular verb ("Kovacic did ...")."""
    found = _verb_phrase(words, EN_VERB)
    if found is None or found[0] > 3 or found[1] in EN_PLURAL_VERBS:
        return None
    names = [w for w, _s, _e in words[: found[0]]]
    if names[0].lower() in LEADING or not all(_NAME_WORD.match(w) for w in names):
        return None
    return " ".join(names)


def _subject(text: str, claim: Claim, number: str, lang: str) -> str | None:
    """The subject phrase opening ``claim`` if it agrees with a pronoun of ``number``."""
    words = _tokens(text, claim.start, claim.end)
    if number == "sg":
        return _singular(text, claim, words, lang)
    span = _kk_plural(words) if lang == "kk" else _ru_en_plural(words, lang)
    return text[span[0] : span[1]] if span else None


def _antecedent(
    text: str, before: Claim, chained: tuple[str, str] | None, number: str, lang: str
) -> str | None:
    """The antecedent the sentence ``before`` offers a pronoun of ``number``."""
    if chained is not None:
        return chained[1] if chained[0] == number else None
    if _pronoun(before, lang) is not None:
        return None  # an unresolved pronoun opens it: its subject is unknown
    if CONTRAST.search(text, before.start, before.end):
        return None  # two clauses, two subjects
    return _subject(text, before, number, lang)


def resolve_antecedents(claims: list[Claim], *, text: str, language: str) -> list[Claim]:
    """``claims`` of one article (in order), pronoun-led ones given a reading with the antecedent.

    ``text`` is the article text the claims' offsets point into; ``language`` is ``kk``,
    ``ru`` or ``en`` (another language changes nothing).
    """
    lang = language.lower()[:2]
    if lang not in SUBJECT:
        return claims
    out = list(claims)
    found: dict[int, tuple[str, str]] = {}  # first claim of a sentence -> (number, antecedent)
    previous: int | None = None
    for index, claim in enumerate(claims):
        if index and claims[index - 1].context_start == claim.context_start:
            continue  # not the first claim of its sentence
        pronoun = _pronoun(claim, lang)
        if pronoun is not None and previous is not None:
            phrase = _antecedent(text, claims[previous], found.get(previous), pronoun, lang)
            if phrase:
                found[index] = (pronoun, phrase)
                out[index] = replace(claim, reading=f"{phrase} {claim.read}")
        previous = index
    return out
