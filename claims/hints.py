"""Hint checkers for one aligned pair of claims: they read facts, never text.

Each checker is a :class:`HintChecker` (a small Protocol): a callable from a
:class:`FactPair` to one :class:`~claims.model.Hint` or None; pass your own to
:func:`claims.compare.link_hints` (``checkers=``) to swap or fake one.  They are
built for precision: a hint fires only where the two claims state the *same
kind* of fact and the values cannot both be true.

* :func:`number_hint`: a quantity on each side that no quantity on the other
  side is compatible with, of the same unit (or both bare counts), of similar
  magnitude.  Approximators and ranges widen a value ("шамамен 300" allows
  285-315, so "около 350" differs while "300-ге жуық" and "About 300" agree);
  a total matches an enumeration (684 + 462 = 1 146).
* :func:`negation_hint`: one claim denies, the other affirms, and they share
  an entity or a number (so they speak of the same thing).  "Қаза
  тапқандар жоқ" / "No one was killed" and "1 метрден аспаған" are not denials
  (see :mod:`claims.facts`).
* :func:`entity_hint`: a swap: each side names a person (or a place) the
  other does not, after folding aliases, scripts and inflection.
* :func:`cause_hint`: both claims state a cause (of the effect their link is
  about) and the cause phrases share no cause concept and (almost) no content
  stems: "күрт жылыну мен нөсер жаңбыр" vs "арнаның мұз бен қоқысқа бітеліп
  қалуы".  Across languages stems cannot meet, so only named cause concepts
  (rain, thaw, ice, debris ... in :mod:`claims.lang.causes`) are compared, and
  the hint fires only when each side names one and none is shared.
* :func:`time_hint`: day ranges in the same month that do not meet ("6-7
  April" vs "April 5"), explicit years that differ, durations that differ.

:func:`later_step` is not a hint: it says why two claims about one matter are
``related`` rather than restatements or conflicts, from their stance in time
(:attr:`ClaimFacts.plan`, ``later``, ``versions`` and dates): one reports two
versions and the other one; one is a plan ("төленеді", "will be paid") and the
other, published at least :data:`STEP_DAYS` later, is not; or the later one
describes a later state ("кейін", "теперь", "now", or a date after the other
article was published).
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Protocol

from claims.causes import CausePhrase
from claims.clocks import DAY_MINUTES, clock_minutes
from claims.dates import TimeRef
from claims.entities import EntityMention, label_of
from claims.facts import ClaimFacts
from claims.lang.aliases import CAPITAL_WORDS, place_kind
from claims.lang.counted import counted_things
from claims.lang.suffixes import strip_endings
from claims.lang.translit import name_key, names_match
from claims.model import Hint
from claims.quantity import Quantity, compare_quantities, format_quantity

__all__ = [
    "DEFAULT_CHECKERS",
    "FactPair",
    "HintChecker",
    "LinkStance",
    "MAX_SHARED_CAUSE",
    "STEP_DAYS",
    "cause_hint",
    "entity_hint",
    "later_step",
    "link_stance",
    "negation_hint",
    "number_hint",
    "numbers_agree",
    "time_hint",
]


@dataclass(frozen=True, slots=True)
class FactPair:
    """Two claims' ids and facts, ordered by claim id."""

    id_a: str
    a: ClaimFacts
    id_b: str
    b: ClaimFacts

    @property
    def ids(self) -> tuple[str, str]:
        return self.id_a, self.id_b


class HintChecker(Protocol):
    """One kind of check on an aligned pair: a hint, or None when the facts agree."""

    def __call__(self, pair: FactPair, /) -> Hint | None: ...


# a lonely quantity is compared with the other side's only when of similar size
_MAX_RATIO_UNIT = 5.0
_MAX_RATIO_BARE = 4.0


# --------------------------------------------------------------------------- numbers


def _unit_key(q: Quantity) -> str:
    if q.unit is None or q.unit.startswith("noun:"):
        return ""
    return q.unit


def _compatible(q: Quantity, others: Sequence[Quantity]) -> bool:
    return any(compare_quantities(q, o) != "differ" for o in others)


def _parts(qs: Sequence[Quantity]) -> list[tuple[float, ...]]:
    """Combinations of two or three exact quantities (an enumeration's parts)."""
    exact = [q.low for q in qs if not q.approximate]
    return [c for n in (2, 3) for c in combinations(exact, n)]


def _lonely(qa: Sequence[Quantity], qb: Sequence[Quantity]) -> list[Quantity]:
    """Quantities of ``qa`` that nothing in ``qb`` allows (a total matches its parts)."""
    totals_b = {sum(c) for c in _parts(qb)}
    exact_b = {o.low for o in qb if not o.approximate}
    in_parts = {x for c in _parts(qa) if sum(c) in exact_b for x in c}
    return [
        q
        for q in qa
        if not _compatible(q, qb)
        and not (not q.approximate and (q.low in totals_b or q.low in in_parts))
    ]


def _distance(a: Quantity, b: Quantity) -> float:
    mid_a = abs((a.low + a.high) / 2) or 1e-9
    mid_b = abs((b.low + b.high) / 2) or 1e-9
    return abs(math.log(mid_a) - math.log(mid_b))


def _number_candidates(pair: FactPair) -> list[tuple[Quantity, Quantity, float]]:
    qa, qb = pair.a.cardinals, pair.b.cardinals
    out: list[tuple[Quantity, Quantity, float]] = []
    for key in sorted({_unit_key(q) for q in qa} & {_unit_key(q) for q in qb}):
        side_a = [q for q in qa if _unit_key(q) == key]
        side_b = [q for q in qb if _unit_key(q) == key]
        lonely_a, lonely_b = _lonely(side_a, side_b), _lonely(side_b, side_a)
        limit = math.log(_MAX_RATIO_UNIT if key else _MAX_RATIO_BARE)
        for a in lonely_a:
            for b in lonely_b:
                if _distance(a, b) <= limit:
                    out.append((a, b, _distance(a, b)))
    return out


def number_hint(pair: FactPair) -> Hint | None:
    """Quantities of the same unit and magnitude that cannot both be true, or a count of
    none against a count of the same thing (:func:`_none_against_some`)."""
    found = _number_candidates(pair)
    if not found:
        return _none_against_some(pair)
    a, b, _ = min(found, key=lambda t: (t[2], t[0].start, t[1].start))
    unit = a.unit if a.unit and not a.unit.startswith("noun:") else ""
    message = f"numbers differ: {format_quantity(a)} vs {format_quantity(b)}"
    message += f" ({unit})" if unit and unit not in format_quantity(a) else ""
    return Hint("number", message, pair.ids, ((pair.id_a, a.surface), (pair.id_b, b.surface)))


def _none_against_some(pair: FactPair) -> Hint | None:
    """ "Погибших нет" / "No one died" against "two people died": one claim states none of a
    counted thing (:attr:`claims.facts.ClaimFacts.zeros`), the other a count of it."""
    for none_id, none, some_id, some in (
        (pair.id_a, pair.a, pair.id_b, pair.b),
        (pair.id_b, pair.b, pair.id_a, pair.a),
    ):
        if not none.zeros or some.zeros or not some.cardinals:
            continue
        if counted_things(none.text) & counted_things(some.text):
            count = some.cardinals[0]
            message = f"numbers differ: none vs {format_quantity(count)}"
            values = {none_id: none.zeros[0].surface, some_id: count.surface}
            return Hint("number", message, pair.ids, tuple((i, values[i]) for i in pair.ids))
    return None


# --------------------------------------------------------------------------- negation


def _anchor(facts: ClaimFacts, stems: Sequence[str]) -> str:
    """The word of an affirmative claim that matches a negated verb, else its last word."""
    words = [w.strip('.,;:!?«»"()') for w in facts.text.split()]
    words = [w for w in words if w]
    for size in (None, 3):  # the whole stem first ("қалға": "қалғанын", not "қалалық")
        for stem in stems:
            for word in words:
                if len(stem) >= 3 and word.lower().startswith(stem[:size]):
                    return word
    return words[-1] if words else facts.text


def _capital_keys(text: str) -> list[str]:
    words = [w.strip('.,;:!?«»"()') for w in text.split()]
    return [name_key(strip_endings(w)) for w in words if len(w) >= 4 and w[:1].isupper()]


ANCHOR_STEM = 5  # letters of a word's stem two claims in one language share ...
ANCHOR_WORDS = 2  # ... in this many words, to speak of the same thing


def _bare_words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without the punctuation around them."""
    return [w.strip('.,;:!?«»"()–—').lower() for w in text.split()]


def _stems(facts: ClaimFacts) -> set[str]:
    return {w[:ANCHOR_STEM] for w in _bare_words(facts.text) if len(w) >= ANCHOR_STEM}


def _shared_anchor(pair: FactPair) -> bool:
    """Both claims name one entity or one number, or (in one language) share
    :data:`ANCHOR_WORDS` word stems: they speak of the same thing."""
    if any(_same(x, y) for x in pair.a.entities for y in pair.b.entities):
        return True
    same_language = pair.a.language == pair.b.language
    if same_language and len(_stems(pair.a) & _stems(pair.b)) >= ANCHOR_WORDS:
        return True
    caps_a, caps_b = _capital_keys(pair.a.text), _capital_keys(pair.b.text)
    if any(names_match(x, y) for x in caps_a for y in caps_b):
        return True  # a name at the start of a sentence is not an entity mention, yet shared
    return any(
        compare_quantities(x, y) != "differ" for x in pair.a.cardinals for y in pair.b.cardinals
    )


def _before_cue(facts: ClaimFacts, start: int) -> list[str]:
    """The stem of the word before a particle cue ("қалған жоқ", "выплат нет"): what it denies."""
    words = _bare_words(facts.text[:start])
    word = words[-1] if words else ""
    return [word[:ANCHOR_STEM]] if len(word) >= ANCHOR_STEM else []


def negation_hint(pair: FactPair) -> Hint | None:
    """One claim denies what the other affirms."""
    if pair.a.negative == pair.b.negative or not _shared_anchor(pair):
        return None
    neg_id, neg = (pair.id_a, pair.a) if pair.a.negative else (pair.id_b, pair.b)
    pos_id, pos = (pair.id_b, pair.b) if pair.a.negative else (pair.id_a, pair.a)
    cues = sorted(neg.cues, key=lambda c: (c.kind != "negator", c.start))
    stems = [c.stem for c in neg.cues if c.stem] or _before_cue(neg, cues[0].start)
    values = {neg_id: cues[0].surface, pos_id: _anchor(pos, stems)}
    message = f"polarity differs: negative ('{cues[0].surface}') vs affirmative"
    return Hint("negation", message, pair.ids, tuple((i, values[i]) for i in pair.ids))


# --------------------------------------------------------------------------- entities


def _keys(mention: EntityMention) -> tuple[str, ...]:
    if mention.curated:
        return (mention.entity_id,)
    return tuple(mention.entity_id.removeprefix("NAME:").split())


def _same(a: EntityMention, b: EntityMention) -> bool:
    if a.curated or b.curated:
        return a.entity_id == b.entity_id
    return any(names_match(x, y) for x in _keys(a) for y in _keys(b))


def _unmatched(
    side: Sequence[EntityMention], other: Sequence[EntityMention]
) -> list[EntityMention]:
    return [m for m in side if not any(_same(m, o) for o in other)]


def entity_hint(pair: FactPair) -> Hint | None:
    """Each side names a person (or a place, or a curated entity of one type) the other lacks,
    or, failing that, each is attributed to a person the other does not name."""
    ea, eb = pair.a.entities, pair.b.entities
    role = {id(m): _role(m, pair.a.text) for m in ea} | {id(m): _role(m, pair.b.text) for m in eb}
    only_a, only_b = _unmatched(ea, eb), _unmatched(eb, ea)
    kinds = sorted({role[id(m)] for m in (*only_a, *only_b)} - {"other", "place"})
    for kind in kinds:
        a = [m for m in only_a if role[id(m)] == kind]
        b = [m for m in only_b if role[id(m)] == kind]
        a_named, b_named = [m for m in a if not m.curated], [m for m in b if not m.curated]
        a_cur, b_cur = [m for m in a if m.curated], [m for m in b if m.curated]
        found = (a_named[0], b_named[0]) if a_named and b_named else None
        if found is None and a_cur and b_cur:
            found = a_cur[0], b_cur[0]
        if found is not None:
            x, y = found
            what = "actors" if kind in ("actor", "person") else kind.removeprefix("place:") + "s"
            message = f"different {what}: {_label(x)} vs {_label(y)}"
            values = ((pair.id_a, x.surface), (pair.id_b, y.surface))
            return Hint("entity", message, pair.ids, values)
    return _speaker_hint(pair)


def _speaker_hint(pair: FactPair) -> Hint | None:
    """Each claim is attributed to a named person the other claim neither names nor quotes:
    "..., – деді резерват директоры Бекзат Қуанышев" / "По словам директора резервата
    Ерлана Нуркенова, ..." (who said it is checkable)."""
    sa, sb = pair.a.speakers, pair.b.speakers
    if not sa or not sb:
        return None
    only_a = _unmatched(sa, [*sb, *pair.b.entities])
    only_b = _unmatched(sb, [*sa, *pair.a.entities])
    if len(only_a) < len(sa) or len(only_b) < len(sb):
        return None  # one speaker is the other's, or named in the other claim
    x, y = only_a[0], only_b[0]
    message = f"different speakers: {x.surface} vs {y.surface}"
    return Hint("entity", message, pair.ids, ((pair.id_a, x.surface), (pair.id_b, y.surface)))


def _role(mention: EntityMention, text: str) -> str:
    """What a swap compares: curated countries and organisations are all actors, except a
    country that only says where ("Қазақстан астанасында", "столица Казахстана")."""
    if mention.curated and mention.kind == "place:gpe" and _names_a_place(mention, text):
        return "place"
    if mention.curated and mention.kind in ("org", "place:gpe"):
        return "actor"
    if mention.kind == "org":
        return "other"  # "Облыс прокуратурасы" vs "Аудан әкімдігі": who reports, not what happened
    return mention.kind


def _names_a_place(mention: EntityMention, text: str) -> bool:
    after = text[mention.end :].split()[:1]
    before = text[: mention.start].split()[-1:]
    words = [w.strip('.,;:!?«»"()').lower() for w in after + before]
    return any(w.startswith(CAPITAL_WORDS) or place_kind(w) is not None for w in words)


def _label(mention: EntityMention) -> str:
    return label_of(mention.entity_id) if mention.curated else mention.surface


# --------------------------------------------------------------------------- time


def _day_conflict(ta: TimeRef, tb: TimeRef) -> bool:
    da, db = ta.days(), tb.days()
    if da is None or db is None or (ta.year, ta.month) != (tb.year, tb.month):
        return False
    return da[1] < db[0] or db[1] < da[0]


def _time_conflict(pair: FactPair) -> tuple[TimeRef, TimeRef] | None:
    dates_a, dates_b = pair.a.dates, pair.b.dates
    for ta in dates_a:
        for tb in dates_b:
            if _day_conflict(ta, tb):
                return ta, tb
    explicit_a = [t for t in dates_a if not t.relative and t.month is not None]
    explicit_b = [t for t in dates_b if not t.relative and t.month is not None]
    months_a = {(t.year, t.month) for t in explicit_a}
    if explicit_a and explicit_b and not months_a & {(t.year, t.month) for t in explicit_b}:
        return explicit_a[0], explicit_b[0]
    years_a = {t.year for t in dates_a}
    years_b = {t.year for t in dates_b}
    if dates_a and dates_b and not years_a & years_b:
        return dates_a[0], dates_b[0]
    return _clock_conflict(pair.a.clocks, pair.b.clocks) or _duration_conflict(
        pair.a.durations, pair.b.durations
    )


CLOCK_MINUTES = 30  # two clock times this close agree ("about 02:40" / "02:55")


def _clock_conflict(ca: Sequence[TimeRef], cb: Sequence[TimeRef]) -> tuple[TimeRef, TimeRef] | None:
    """Both claims state a clock time, and none of one side's is near one of the other's."""
    if not ca or not cb:
        return None
    for ta in ca:
        for tb in cb:
            gaps = [abs(x - y) for x in clock_minutes(ta) for y in clock_minutes(tb)]
            if any(min(g, DAY_MINUTES - g) <= CLOCK_MINUTES for g in gaps):
                return None
    return ca[0], cb[0]


def _duration_conflict(
    da: Sequence[TimeRef], db: Sequence[TimeRef]
) -> tuple[TimeRef, TimeRef] | None:
    stated_b = {(t.unit, t.amount) for t in db}
    for ta in da:
        for tb in db:
            comparable = ta.unit == tb.unit and None not in (ta.amount, tb.amount)
            if comparable and ta.amount != tb.amount and (ta.unit, ta.amount) not in stated_b:
                return ta, tb
    return None


def time_hint(pair: FactPair) -> Hint | None:
    """Dates or durations both claims state that do not agree."""
    found = _time_conflict(pair)
    if found is None:
        return None
    ta, tb = found
    message = f"times differ: {ta.label} vs {tb.label}"
    return Hint("time", message, pair.ids, ((pair.id_a, ta.surface), (pair.id_b, tb.surface)))


# --------------------------------------------------------------------------- causes

MAX_SHARED_CAUSE = 0.25  # share of the shorter cause's stems the other may have and still differ


def _stems_meet(x: str, y: str) -> bool:
    return x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))


def _shared_share(a: Sequence[CausePhrase], b: Sequence[CausePhrase]) -> float:
    stems_a = {s for c in a for s in c.stems}
    stems_b = {s for c in b for s in c.stems}
    if not stems_a or not stems_b:
        return 1.0
    small, large = sorted((stems_a, stems_b), key=len)
    shared = sum(1 for x in small if any(_stems_meet(x, y) for y in large))
    return shared / len(small)


def _causes_differ(pair: FactPair) -> bool:
    a, b = pair.a.causes, pair.b.causes
    concepts_a = {k for c in a for k in c.concepts}
    concepts_b = {k for c in b for k in c.concepts}
    if concepts_a & concepts_b:
        return False
    if pair.a.language != pair.b.language:
        if not concepts_a or not concepts_b:
            return False  # no stems in common across languages: only named causes compare
        caps_a = [k for c in a for k in _capital_keys(c.surface)]
        caps_b = [k for c in b for k in _capital_keys(c.surface)]
        return not any(names_match(x, y) for x in caps_a for y in caps_b)
    return _shared_share(a, b) <= MAX_SHARED_CAUSE


def cause_hint(pair: FactPair) -> Hint | None:
    """Both claims state a cause, and the two causes have nothing in common."""
    if not pair.a.causes or not pair.b.causes or not _causes_differ(pair):
        return None
    x, y = pair.a.causes[0], pair.b.causes[0]
    message = f"causes differ: {x.surface} vs {y.surface}"
    return Hint("cause", message, pair.ids, ((pair.id_a, x.surface), (pair.id_b, y.surface)))


# --------------------------------------------------------------------------- later states

STEP_DAYS = 30  # articles this far apart can describe two states of one matter


def _first_day(t: TimeRef) -> date | None:
    if t.year is None or t.kind != "date":
        return None
    return date(t.year, t.month or 1, t.day or 1)


def _last_day(t: TimeRef) -> date | None:
    if t.year is None or t.kind != "date":
        return None
    if t.month is None:
        return date(t.year, 12, 31)
    if t.day is None:
        return date(t.year, t.month, calendar.monthrange(t.year, t.month)[1])
    return date(t.year, t.month, t.day_to or t.day)


def _dated_after(x: ClaimFacts, y: ClaimFacts) -> TimeRef | None:
    """A date of ``x`` that starts after ``y``'s article appeared, and that ``y`` does not reach."""
    if y.published is None:
        return None
    reach = max((d for t in y.dates if (d := _last_day(t)) is not None), default=y.published)
    for t in x.dates:
        first = _first_day(t)
        if first is not None and first > max(reach, y.published):
            return t
    return None


def _frame(facts: ClaimFacts, published: date) -> date:
    """When a claim stands: the last day it dates itself to, else its article's date
    ("Былтыр ... хабарлаған еді" in 2026 stands in 2025)."""
    last = [d for t in facts.dates if (d := _last_day(t)) is not None]
    return min(max(last), published) if last else published


def _one_way_step(x: ClaimFacts, y: ClaimFacts) -> str | None:
    """Why ``x`` (the later claim) is a later state of ``y``, else None."""
    dated = _dated_after(x, y)
    if dated is not None:
        return f"later state: {dated.label}, after the other report"
    if x.published is None or y.published is None:
        return None
    if y.plan and not x.plan and (x.published - _frame(y, y.published)).days >= STEP_DAYS:
        return "later state: the outcome of what the earlier report announced"
    if (x.published - y.published).days < STEP_DAYS:
        return None
    if x.later and not y.later:
        return "later state: what the later report says happened since"
    return None


def numbers_agree(pair: FactPair) -> bool:
    """Every number one claim states is allowed by the other's (a total by its parts), and
    that side states a count of at least 10 or two numbers: their facts positively agree."""
    qa, qb = pair.a.cardinals, pair.b.cardinals
    if not qa or not qb:
        return False
    for side, other in ((qa, qb), (qb, qa)):
        telling = len(side) >= 2 or any(abs(q.high) >= 10 for q in side)
        if telling and not _lonely(side, other):
            return True
    return False


@dataclass(frozen=True, slots=True)
class LinkStance:
    """What an aligned pair's facts say beyond hints: a later step (why the pair is
    ``related``), and whether their numbers positively agree."""

    step: str | None = None
    numbers_agree: bool = False


def link_stance(pair: FactPair) -> LinkStance:
    """:func:`later_step` and :func:`numbers_agree` of one pair."""
    return LinkStance(later_step(pair), numbers_agree(pair))


def later_step(pair: FactPair) -> str | None:
    """Why two claims about one matter relate rather than restate (see the module doc)."""
    a, b = pair.a, pair.b
    if a.versions != b.versions:
        return "one report gives two versions (or a revision), the other one"
    return _one_way_step(a, b) or _one_way_step(b, a)


DEFAULT_CHECKERS: tuple[HintChecker, ...] = (
    number_hint,
    negation_hint,
    entity_hint,
    time_hint,
    cause_hint,
)
