"""Parse a claim once into the facts that comparisons read.

:func:`parse_facts` turns a claim text into :class:`ClaimFacts`: the
quantities it states (with approximators, ranges and units, from
:mod:`claims.numbers`), its polarity with the negation cues and their spans
(:mod:`claims.negation`), the entities it names folded to canonical ids
across scripts (:mod:`claims.entities`), and its time references resolved
against the article's publication date (:mod:`claims.dates`).  Hint checkers
(:mod:`claims.compare`) read these facts and never re-parse the text.

Negative existentials ("Қаза тапқандар жоқ", "Погибших нет", "No one was
killed") and negated bounds ("1 метрден аспаған", "did not exceed 1 m") state
a fact rather than deny one: :attr:`ClaimFacts.negative` is False for them,
and the cues stay in :attr:`ClaimFacts.cues` for highlighting.

Each claim also carries its stance in time (tables in :mod:`claims.lang.stance`):
:attr:`ClaimFacts.plan` (a plan, promise, need or forecast: "төленетінін айтты",
"будет", "will"), :attr:`ClaimFacts.later` (a later state: "кейін", "теперь",
"now") and :attr:`ClaimFacts.versions` (two versions or a revision:
"бастапқыда", "хотя", "initially ... but now"), with the article's date, and
:attr:`ClaimFacts.causes`: the cause phrases it states (:mod:`claims.causes`), and
:attr:`ClaimFacts.speakers`: the people its attribution names (who said it is a fact too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex

from claims.causes import CausePhrase, find_causes
from claims.clocks import find_clock_times
from claims.dates import TimeRef, find_times
from claims.entities import EntityMention, extract_entities
from claims.lang import negation as negation_table
from claims.lang import stance
from claims.lang.reporting import REPORT_STEMS, REPORT_VERBS
from claims.negation import NegationCue, find_negations
from claims.numbers import extract_quantities
from claims.quantity import Quantity

__all__ = ["ClaimFacts", "StatedFacts", "facts_of", "parse_facts", "stated_facts"]


@dataclass(frozen=True, slots=True)
class StatedFacts:
    """The quantities, times and causes one claim text states: the part of
    :class:`ClaimFacts` that depends on the text, language and date only."""

    text: str
    language: str
    published: date | None
    quantities: tuple[Quantity, ...]
    times: tuple[TimeRef, ...]
    causes: tuple[CausePhrase, ...]


@lru_cache(maxsize=65536)
def _stated(text: str, language: str, published: date | None) -> StatedFacts:
    reports = not _stance(text)[0]  # a plan may name a day ahead; a report tells the past
    times = find_times(text, language=language, published=published, past=reports)
    times += find_clock_times(text)
    return StatedFacts(
        text=text,
        language=language,
        published=published,
        quantities=tuple(extract_quantities(text, language=language)),
        times=tuple(sorted(times, key=lambda t: t.start)),
        causes=find_causes(text, language=language),
    )


def stated_facts(text: str, *, language: str, published: date | None = None) -> StatedFacts:
    """The quantities, times and causes of ``text``, parsed once per (text, language, date).

    :func:`parse_facts` builds every :class:`ClaimFacts` on this, so a stage that needs
    only these fields (:func:`claims.match.questions.fact_kinds`) shares the parse with
    :mod:`claims.compare` instead of re-parsing, and skips the entities, negation and
    stance it does not read.
    """
    return _stated(text, language, published)


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """Everything checkable one claim states; spans index the claim text."""

    text: str
    language: str
    quantities: tuple[Quantity, ...]
    negative: bool
    cues: tuple[NegationCue, ...]
    entities: tuple[EntityMention, ...]
    times: tuple[TimeRef, ...]
    published: date | None = None
    plan: bool = False
    later: bool = False
    versions: bool = False
    causes: tuple[CausePhrase, ...] = ()
    speakers: tuple[EntityMention, ...] = ()  # people named in the claim's attribution
    zeros: tuple[NegationCue, ...] = ()  # cues that state a count of none ("Погибших нет")

    @property
    def cardinals(self) -> tuple[Quantity, ...]:
        """Counted and measured quantities (no years, ordinals, numbers in dates or durations)."""
        spans = [(t.start, t.end) for t in self.times if t.kind in ("date", "duration", "clock")]
        return tuple(
            q
            for q in self.quantities
            if q.kind == "cardinal" and not q.weak and not any(s <= q.start < e for s, e in spans)
        )

    @property
    def dates(self) -> tuple[TimeRef, ...]:
        """Dated references (a year, maybe a month and a day)."""
        return tuple(t for t in self.times if t.kind == "date" and t.year is not None)

    @property
    def clocks(self) -> tuple[TimeRef, ...]:
        """Stated clock times ("02:40", "4:40 a.m.")."""
        return tuple(t for t in self.times if t.kind == "clock")

    @property
    def durations(self) -> tuple[TimeRef, ...]:
        """Stated durations ("тура 2 жыл", "three years since")."""
        return tuple(t for t in self.times if t.kind == "duration")


def _denies(text: str, cues: tuple[NegationCue, ...]) -> bool:
    """True if some cue denies the claim's predicate (not a "none"/"at most" statement)."""
    live = []
    for cue in cues:
        word = cue.surface.lower()
        if word in negation_table.BOUND_CUES:
            continue  # "1 метрден аспаған" bounds a number
        if word in negation_table.SHORT_OF_CUES and any(ch.isdigit() for ch in text[: cue.start]):
            continue  # "500 гектарға жетпейді" falls short of a number
        if _states_zero(text, cue):
            continue
        if word in ("not", "не") and _bounds(text[cue.end :]):
            continue  # "did not exceed", "не превысил" bound a number
        if cue.stem and not _kk_predicate(text, cue):
            continue
        live.append(cue)
    return bool(live)


def _states_zero(text: str, cue: NegationCue) -> bool:
    """A cue that states a count of none: "No one", "nobody", "Қаза тапқандар жоқ",
    "Погибших нет" (a fact stated, not a denial)."""
    word = cue.surface.lower()
    if word in ("no", "not") and regex.match(r"\s*(?:one|body)\b", text[cue.end :]):
        return True
    return word in ("жоқ", "нет") and cue.kind == "negator" and _existential(text, cue)


_ATTRIBUTIVE = regex.compile(r"(?:ған|ген|қан|кен|йтын|йтін|с)$")
_CONVERB = regex.compile(r"(?:й|йынша|йінше|стан|стен)$")


def _bounds(after: str) -> bool:
    """Whether the words after "not" / "не" bound a figure ("exceed", "превысил", "reach")."""
    words = after.lower().split()[:2]  # "not exceed", "did not ever exceed" is rare
    return any(w.startswith(negation_table.BOUND_AFTER_NOT) for w in words)


def _kk_predicate(text: str, cue: NegationCue) -> bool:
    """A Kazakh negative verb that negates the claim, not a modifier inside it.

    "күтпеген көлемі" (an unexpected volume) and "келіспей, сотқа жүгінді"
    (disagreeing, went to court) do not deny the predicate; "жіберілмегенін
    көрсетті" (showed it was not sent) and a clause-final "қатыспайды" do.
    """
    word = cue.surface.lower()
    tail = text[cue.end :].strip(' .,!?;:»"')
    if len(tail.split()) <= 1:
        return True
    nxt = text[cue.end : cue.end + 2].lstrip()
    if _ATTRIBUTIVE.search(word) and not nxt.startswith((",", "–", "-", ";", ".")):
        return False
    return not _CONVERB.search(word)


def _existential(text: str, cue: NegationCue) -> bool:
    """ "Қаза тапқандар жоқ", "Погибших нет": a count of zero, not a denial of an event."""
    before = text[: cue.start].rstrip(" ,–—-").split()
    if not before:
        return False
    last = before[-1].lower()
    if last in negation_table.EXISTENTIAL_NOUNS:
        return True  # "Қаза тапқан адам жоқ", "жертв нет"
    plural_kk = last.endswith(("тар", "тер", "лар", "лер", "дар", "дер"))
    genitive_ru = last.endswith(("ших", "вших", "ых", "их", "ов", "ев"))
    return plural_kk or genitive_ru


_WORD = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}]+)?")
_CLAUSE_END = regex.compile(r"\s*(?:[.,;:!?»\"”)]|$)")
_KK_REPORT = frozenset(w for w in REPORT_VERBS["kk"] if " " not in w)


_AFTER_QUANTITY = regex.compile(r"\d[\d.,]*\s+(?:[\p{L}-]+\s+)?\Z")


def _plan(text: str, matches: list[regex.Match[str]], tokens: list[str]) -> bool:
    """A plan, promise, need or forecast ("төленетінін айтты", "будет", "will"); not a
    quantity's target ("against 500 hectares planned").  ``matches``: the words of
    ``text`` (:data:`_WORD`), ``tokens`` the same lower-cased."""
    for at, (match, word) in enumerate(zip(matches, tokens, strict=True)):
        if word in stance.PLAN_TARGET_PARTICIPLES and _AFTER_QUANTITY.search(text[: match.start()]):
            continue
        if word in stance.PLAN_WORDS or word.startswith(stance.PLAN_STEMS):
            return True
        if match.group(0) in stance.PLAN_CASED:
            return True
        if stance.KK_FUTURE_PARTICIPLE.match(word) and not _attributive(
            text, match.end(), tokens, at
        ):
            return True
        if _ru_future(word):
            return True
    ends = [m for m in matches if _CLAUSE_END.match(text, m.end())]
    return any(
        stance.KK_FUTURE_FINITE.match(m.group(0).lower()) and m.group(0).lower() not in _KK_REPORT
        for m in ends
    )


def _attributive(text: str, end: int, tokens: list[str], at: int) -> bool:
    """A bare Kazakh -атын/-етін participle that qualifies the next word ("шектесетін
    ауыл": the village that borders), not a plan ("берілетін болады", "төленетінін")."""
    if not stance.KK_BARE_PARTICIPLE.match(tokens[at]) or _CLAUSE_END.match(text, end):
        return False
    following = tokens[at + 1] if at + 1 < len(tokens) else ""
    return not following.startswith(stance.KK_PARTICIPLE_AUXILIARY)


def _ru_future(word: str) -> bool:
    """A Russian perfective future ("выплатят", "построят"), not a prefixed present."""
    if len(word) < 7 or not stance.RU_PERFECTIVE_FUTURE.match(word):
        return False
    return stance.RU_IMPERFECTIVE.search(word) is None


def _later(tokens: list[str]) -> bool:
    """A later state of things ("кейін", "үш күннен кейін", "теперь", "now"; not
    "жаңбырдан кейін")."""
    if any(w in stance.LATER_WORDS for w in tokens) or stance.has_phrase(
        tokens, stance.LATER_PHRASES
    ):
        return True
    return any(
        w == stance.KK_LATER_ADVERB
        and (
            i == 0
            or not tokens[i - 1].endswith(stance.KK_ABLATIVE)
            or tokens[i - 1] in stance.KK_LATER_SPANS
        )
        for i, w in enumerate(tokens)
    )


@lru_cache(maxsize=65536)
def _stance(text: str) -> tuple[bool, bool, bool]:
    """(plan, later, versions) of a claim text; see :mod:`claims.lang.stance`.  Cached:
    :func:`_stated` reads the plan to date a claim's days, :func:`parse_facts` all three."""
    matches = list(_WORD.finditer(text))
    tokens = [m.group(0).lower() for m in matches]
    return _plan(text, matches, tokens), _later(tokens), _versions(tokens)


def _versions(tokens: list[str]) -> bool:
    """A revision ("initially ... but now") or a concession with a report ("although X said")."""
    first = any(w in stance.VERSIONS_WORDS for w in tokens)
    if (first or stance.has_phrase(tokens, stance.VERSIONS_PHRASES)) and _later(tokens):
        return True
    for i, word in enumerate(tokens):
        kk_concedes = stance.KK_CONCESSIVE.match(word) is not None
        if kk_concedes and word.startswith(REPORT_STEMS):
            return True  # "хабарлағанымен": although (they) reported
        concedes = kk_concedes or word in stance.CONCESSIVE_WORDS
        if concedes and any(w.startswith(REPORT_STEMS) for w in tokens[i + 1 :]):
            return True
    return False


def parse_facts(
    text: str,
    *,
    language: str,
    published: date | None,
    context: str | None = None,
    speaker: str | None = None,
) -> ClaimFacts:
    """The facts of one claim (see the module docstring); ``context`` is its article text,
    ``speaker`` the attribution segmentation cut off ("резерват директоры Бекзат Қуанышев"),
    whose named people become :attr:`ClaimFacts.speakers`."""
    cues = tuple(find_negations(text, language=language))
    plan, later, versions = _stance(text)
    stated = stated_facts(text, language=language, published=published)
    return ClaimFacts(
        text=text,
        language=language,
        quantities=stated.quantities,
        negative=_denies(text, cues),
        cues=cues,
        entities=tuple(extract_entities(text, context=context)),
        times=stated.times,
        published=published,
        plan=plan,
        later=later,
        versions=versions,
        causes=stated.causes,
        speakers=tuple(m for m in extract_entities(speaker, context=context) if m.kind == "person")
        if speaker
        else (),
        zeros=tuple(cue for cue in cues if _states_zero(text, cue)),
    )


@lru_cache(maxsize=32768)
def _facts_of(
    text: str, language: str, published: date | None, context: str | None, speaker: str | None
) -> ClaimFacts:
    return parse_facts(
        text, language=language, published=published, context=context, speaker=speaker
    )


def facts_of(
    text: str,
    *,
    language: str,
    published: date | None = None,
    context: str | None = None,
    speaker: str | None = None,
) -> ClaimFacts:
    """:func:`parse_facts`, once per (text, language, date, article, speaker), however many
    pairs or passes read it; its quantities, times and causes come from :func:`stated_facts`,
    which the matcher reads too."""
    return _facts_of(text, language, published, context, speaker)
