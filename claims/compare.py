"""Stage 5: consistency hints for one cluster of claims.

:func:`compare_cluster` looks at the claims of one cluster and returns
:class:`~claims.model.Hint` objects a reviewer must look at:

* ``singleton`` - every claim comes from one source ("only in source X");
* ``number``    - quantities of the same unit/kind differ ("~1300 vs >1500");
  overlapping ranges and hedged values ("2-3 миллиард" vs "$2.5 billion") do
  not count;
* ``negation``  - some claims are negative and others affirmative;
* ``entity``    - the claims name different actors, or an actor appears on one
  side only (and not even in the other claim's sentence);
* ``time``      - the claims' anchored times differ, or their articles were
  published far apart (a time difference, not a contradiction);
* ``nli``       - an optional NLI model says two claims contradict.

``Hint.values`` pairs claim ids with exact substrings of the claim texts (for
highlighting); the normalised comparison is in ``Hint.message``.  Output is
deterministic: claims are ordered by (article, start, id), hints by kind then
claim ids.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, Literal, Protocol

import regex

from claims.entities import EntityMention, extract_entities, label_of
from claims.errors import ClaimsError
from claims.model import Article, Claim, Hint, HintKind
from claims.negation import Polarity, find_negations, polarity
from claims.numbers import Quantity, compare_quantities, extract_quantities, format_quantity
from claims.timeref import TimeRef, extract_times

__all__ = [
    "MAX_PUBLISH_GAP_DAYS",
    "NliError",
    "NliLabel",
    "NliModel",
    "compare_cluster",
    "find_highlights",
    "link_hints",
    "load_nli",
]

MAX_PUBLISH_GAP_DAYS = 60
NliLabel = Literal["entail", "neutral", "contradict"]
HighlightKind = Literal["number", "negation", "entity", "time"]
_KIND_ORDER: dict[HintKind, int] = {
    "singleton": 0,
    "number": 1,
    "negation": 2,
    "entity": 3,
    "time": 4,
    "nli": 5,
}


class NliError(ClaimsError):
    """An NLI model could not be loaded (offline) or used."""


class NliModel(Protocol):
    """Anything that labels (premise, hypothesis) pairs."""

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NliLabel]:
        """One label per pair, in order."""
        ...


# --------------------------------------------------------------------------- per-claim facts


@dataclass(frozen=True, slots=True)
class _Facts:
    claim: Claim
    article: Article
    quantities: tuple[Quantity, ...]
    polarity: Polarity
    entities: tuple[EntityMention, ...]
    times: tuple[TimeRef, ...]

    @property
    def language(self) -> str:
        return self.article.language


def _facts(claim: Claim, article: Article) -> _Facts:
    language = article.language
    quantities = tuple(
        q for q in extract_quantities(claim.text, language=language) if q.kind == "cardinal"
    )
    return _Facts(
        claim=claim,
        article=article,
        quantities=quantities,
        polarity=polarity(claim.text, language=language),
        entities=tuple(extract_entities(claim.text, context=article.text)),
        times=tuple(extract_times(claim.text, language=language, published=article.published)),
    )


# --------------------------------------------------------------------------- numbers


def _unit_key(q: Quantity) -> str:
    return q.unit or "noun:"


def _noun_after(text: str, q: Quantity) -> str:
    m = regex.match(r"\s*([\p{L}\p{M}]+)", text[q.end :])
    return str(m.group(1)) if m else ""


def _closest_differing(
    qa: Sequence[Quantity], qb: Sequence[Quantity]
) -> tuple[Quantity, Quantity] | None:
    """The closest incompatible pair, if some quantity has no compatible partner."""
    lonely_a = [a for a in qa if all(compare_quantities(a, b) == "differ" for b in qb)]
    lonely_b = [b for b in qb if all(compare_quantities(a, b) == "differ" for a in qa)]
    if not lonely_a and not lonely_b:
        return None
    pairs = [(a, b) for a in qa for b in qb if a in lonely_a or b in lonely_b]

    def distance(pair: tuple[Quantity, Quantity]) -> float:
        a, b = pair
        mid_a, mid_b = (a.low + a.high) / 2 or 1e-9, (b.low + b.high) / 2 or 1e-9
        return abs(math.log(abs(mid_a) + 1e-9) - math.log(abs(mid_b) + 1e-9))

    return min(pairs, key=lambda p: (distance(p), p[0].start, p[1].start))


def _number_pairs(fa: _Facts, fb: _Facts) -> list[tuple[str, Quantity, Quantity]]:
    """(label, qa, qb) for each unit both claims quantify differently."""
    out: list[tuple[str, Quantity, Quantity]] = []
    keys_a = {_unit_key(q) for q in fa.quantities}
    keys_b = {_unit_key(q) for q in fb.quantities}
    for key in sorted(keys_a & keys_b):
        if key == "noun:":
            continue
        qa = [q for q in fa.quantities if _unit_key(q) == key]
        qb = [q for q in fb.quantities if _unit_key(q) == key]
        found = _closest_differing(qa, qb)
        if found is not None:
            label = _noun_after(fa.claim.text, found[0]) if key.startswith("noun:") else key
            out.append((label, *found))
    # counted nouns cannot match across languages: compare a lone bare count on each side
    generic_a = [q for q in fa.quantities if q.unit is None or q.unit.startswith("noun:")]
    generic_b = [q for q in fb.quantities if q.unit is None or q.unit.startswith("noun:")]
    matched = {_unit_key(q) for q in generic_a} & {_unit_key(q) for q in generic_b}
    lone = len(generic_a) == 1 and len(generic_b) == 1 and not (matched - {"noun:"})
    if lone and (fa.language != fb.language or _unit_key(generic_a[0]) == "noun:"):
        found = _closest_differing(generic_a, generic_b)
        if found is not None:
            out.append(("", *found))
    return out


def _number_hints(facts: Sequence[_Facts]) -> list[Hint]:
    groups: dict[str, dict[str, Quantity]] = {}
    labels: dict[str, str] = {}
    for fa, fb in combinations(facts, 2):
        for key, qa, qb in _number_pairs(fa, fb):
            group = groups.setdefault(key, {})
            group.setdefault(fa.claim.claim_id, qa)
            group.setdefault(fb.claim.claim_id, qb)
            if key == "":  # lone counts across languages: name both counted nouns
                nouns = (_noun_after(fa.claim.text, qa), _noun_after(fb.claim.text, qb))
                labels.setdefault(key, "/".join(dict.fromkeys(n for n in nouns if n)))
    hints = []
    order = [f.claim.claim_id for f in facts]
    for key, members in groups.items():
        label = labels.get(key, key)
        ids = tuple(c for c in order if c in members)
        shown = list(dict.fromkeys(format_quantity(members[c]) for c in ids))
        suffix = f" ({label})" if label else ""
        message = f"numbers differ: {' vs '.join(shown)}{suffix}"
        values = tuple((c, members[c].surface) for c in ids)
        hints.append(Hint("number", message, ids, values))
    return hints


# --------------------------------------------------------------------------- negation


def _affirmative_anchor(fact: _Facts, stems: Sequence[str]) -> str:
    """The word of an affirmative claim that matches a negated verb, else its last word."""
    words = [str(w) for w in regex.findall(r"[\p{L}\p{M}]+", fact.claim.text)]
    for stem in stems:
        for word in words:
            if len(stem) >= 3 and word.lower().startswith(stem[: max(3, len(stem))]):
                return word
    return words[-1] if words else fact.claim.text


def _negation_hints(facts: Sequence[_Facts]) -> list[Hint]:
    negative = [f for f in facts if f.polarity.negative]
    positive = [f for f in facts if not f.polarity.negative]
    if not negative or not positive:
        return []
    stems = [c.stem for f in negative for c in f.polarity.cues if c.stem]
    values: list[tuple[str, str]] = []
    for f in facts:
        if f.polarity.negative:
            cues = sorted(f.polarity.cues, key=lambda c: (c.kind != "negator", c.start))
            values.append((f.claim.claim_id, cues[0].surface))
        else:
            values.append((f.claim.claim_id, _affirmative_anchor(f, stems)))
    first_cue = next(v for c, v in values if c == negative[0].claim.claim_id)
    message = (
        f"polarity differs: {len(negative)} negative (e.g. '{first_cue}') "
        f"vs {len(positive)} affirmative"
    )
    return [Hint("negation", message, tuple(f.claim.claim_id for f in facts), tuple(values))]


# --------------------------------------------------------------------------- entities


def _entity_ids(fact: _Facts, *, curated_only: bool) -> dict[str, EntityMention]:
    out: dict[str, EntityMention] = {}
    for mention in fact.entities:
        if curated_only and not mention.curated:
            continue
        out.setdefault(mention.entity_id, mention)
    return out


def _in_context(fact: _Facts, entity_id: str) -> bool:
    sentence = fact.article.text[fact.claim.context_start : fact.claim.context_end]
    if fact.claim.speaker:
        sentence += " " + fact.claim.speaker
    mentions = extract_entities(sentence, context=fact.article.text)
    return any(m.entity_id == entity_id for m in mentions)


def _entity_pair_hint(fa: _Facts, fb: _Facts) -> Hint | None:
    cross = fa.language != fb.language
    ea = _entity_ids(fa, curated_only=cross)
    eb = _entity_ids(fb, curated_only=cross)
    only_a = [e for e in ea if e not in eb]
    only_b = [e for e in eb if e not in ea]
    ids = (fa.claim.claim_id, fb.claim.claim_id)
    if only_a and only_b:
        a, b = only_a[0], only_b[0]
        message = f"different actors: {label_of(a)} vs {label_of(b)}"
        values = ((ids[0], ea[a].surface), (ids[1], eb[b].surface))
        return Hint("entity", message, ids, values)
    for missing_from, present, only, table in ((fb, fa, only_a, ea), (fa, fb, only_b, eb)):
        extra = [e for e in only if not _in_context(missing_from, e)]
        if extra and (ea or eb) and (_entity_ids(missing_from, curated_only=cross)):
            e = extra[0]
            message = f"entity on one side only: {label_of(e)} not named in the other claim"
            return Hint("entity", message, ids, ((present.claim.claim_id, table[e].surface),))
    return None


def _entity_hints(facts: Sequence[_Facts]) -> list[Hint]:
    hints = []
    for fa, fb in combinations(facts, 2):
        if fa.article.article_id == fb.article.article_id:
            continue
        hint = _entity_pair_hint(fa, fb)
        if hint is not None:
            hints.append(hint)
    return hints


# --------------------------------------------------------------------------- time


def _time_hints(facts: Sequence[_Facts], *, max_gap_days: int) -> list[Hint]:
    hints = []
    for fa, fb in combinations(facts, 2):
        years_a = {t.year for t in fa.times}
        years_b = {t.year for t in fb.times}
        if years_a and years_b and not years_a & years_b:
            ta, tb = fa.times[0], fb.times[0]
            message = f"times differ: {ta.label} vs {tb.label}"
            ids = (fa.claim.claim_id, fb.claim.claim_id)
            hints.append(Hint("time", message, ids, ((ids[0], ta.surface), (ids[1], tb.surface))))
    dated = [f for f in facts if f.article.published is not None]
    if len(dated) >= 2:
        first = min(dated, key=lambda f: (f.article.published or 0, f.claim.claim_id))
        last = max(dated, key=lambda f: (f.article.published or 0, f.claim.claim_id))
        assert first.article.published is not None and last.article.published is not None
        gap = (last.article.published - first.article.published).days
        if gap > max_gap_days:
            message = (
                f"sources speak from different dates: {first.article.source} "
                f"{first.article.published.isoformat()} vs {last.article.source} "
                f"{last.article.published.isoformat()} ({gap} days apart) - a time "
                "difference, not necessarily a contradiction"
            )
            dated_ids = tuple(f.claim.claim_id for f in dated)
            values = tuple((f.claim.claim_id, f.times[0].surface) for f in dated if f.times)
            hints.append(Hint("time", message, dated_ids, values))
    return hints


# --------------------------------------------------------------------------- singleton / nli


def _singleton_hints(facts: Sequence[_Facts]) -> list[Hint]:
    sources = sorted({f.article.source for f in facts})
    if len(sources) != 1:
        return []
    message = f"only in source {sources[0]}"
    return [Hint("singleton", message, tuple(f.claim.claim_id for f in facts))]


def _nli_hints(facts: Sequence[_Facts], nli: NliModel) -> list[Hint]:
    pairs = [
        (fa, fb)
        for fa, fb in combinations(facts, 2)
        if fa.article.article_id != fb.article.article_id
    ]
    if not pairs:
        return []
    texts = [(a.claim.text, b.claim.text) for a, b in pairs]
    texts += [(b.claim.text, a.claim.text) for a, b in pairs]
    labels = nli.predict(texts)
    if len(labels) != len(texts):
        raise NliError(f"NLI model returned {len(labels)} labels for {len(texts)} pairs")
    hints = []
    for k, (fa, fb) in enumerate(pairs):
        if "contradict" in (labels[k], labels[k + len(pairs)]):
            ids = (fa.claim.claim_id, fb.claim.claim_id)
            values = ((ids[0], fa.claim.text), (ids[1], fb.claim.text))
            hints.append(Hint("nli", "NLI model: these claims contradict", ids, values))
    return hints


# --------------------------------------------------------------------------- public


def compare_cluster(
    claims: Sequence[Claim],
    *,
    articles: Mapping[str, Article],
    nli: NliModel | None = None,
    max_gap_days: int = MAX_PUBLISH_GAP_DAYS,
) -> list[Hint]:
    """Consistency hints for the claims of one cluster (see the module docstring).

    Raises :class:`~claims.errors.ClaimsError` if a claim's article is not in
    ``articles``.
    """
    facts = []
    for claim in sorted(claims, key=lambda c: (c.article_id, c.start, c.claim_id)):
        article = articles.get(claim.article_id)
        if article is None:
            raise ClaimsError(
                f"claim {claim.claim_id} refers to unknown article {claim.article_id}"
            )
        facts.append(_facts(claim, article))
    if not facts:
        return []
    hints = _singleton_hints(facts) + _number_hints(facts) + _negation_hints(facts)
    hints += _entity_hints(facts) + _time_hints(facts, max_gap_days=max_gap_days)
    if nli is not None:
        hints += _nli_hints(facts, nli)
    return sorted(hints, key=lambda h: (_KIND_ORDER[h.kind], h.claim_ids, h.message))


def link_hints(
    pairs: Sequence[tuple[Claim, Claim]], *, articles: Mapping[str, Article]
) -> list[tuple[Hint, ...]]:
    """Checkable hints (number, negation, entity, time) for each aligned pair, in order.

    Each claim is parsed into its facts once, however many pairs it is in.  The
    distance between the two articles' publication dates is never a hint here
    (it is context for the cluster, not a conflict).
    """
    cache: dict[str, _Facts] = {}

    def facts_of(claim: Claim) -> _Facts:
        found = cache.get(claim.claim_id)
        if found is None:
            article = articles.get(claim.article_id)
            if article is None:
                raise ClaimsError(
                    f"claim {claim.claim_id} refers to unknown article {claim.article_id}"
                )
            found = cache[claim.claim_id] = _facts(claim, article)
        return found

    out: list[tuple[Hint, ...]] = []
    for a, b in pairs:
        pair = sorted((facts_of(a), facts_of(b)), key=lambda f: f.claim.claim_id)
        hints = _number_hints(pair) + _negation_hints(pair) + _entity_hints(pair)
        hints += _time_hints(pair, max_gap_days=10**9)
        out.append(tuple(sorted(hints, key=lambda h: (_KIND_ORDER[h.kind], h.message))))
    return out


def find_highlights(text: str, *, language: str = "kk") -> list[tuple[int, int, str]]:
    """Spans ``(start, end, kind)`` of numbers, negations, entities and dates in ``text``.

    ``kind`` is ``number``, ``negation``, ``entity`` or ``time``; spans index
    ``text`` exactly and are sorted.
    """
    spans: set[tuple[int, int, str]] = set()
    for q in extract_quantities(text, language=language):
        spans.add((q.start, q.end, "time" if q.kind == "year" else "number"))
    spans.update((c.start, c.end, "negation") for c in find_negations(text, language=language))
    spans.update((e.start, e.end, "entity") for e in extract_entities(text))
    spans.update((t.start, t.end, "time") for t in extract_times(text, language=language))
    return sorted(spans)


# --------------------------------------------------------------------------- NLI loader


class _CrossEncoderNli:
    """A sentence-transformers CrossEncoder NLI model behind :class:`NliModel`."""

    def __init__(self, model: Any, labels: Sequence[NliLabel]) -> None:
        self._model = model
        self._labels = list(labels)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NliLabel]:
        if not pairs:
            return []
        scores = self._model.predict(list(pairs), show_progress_bar=False)
        return [self._labels[int(row.argmax())] for row in scores]


def _label_map(model: Any, name: str) -> list[NliLabel]:
    config = getattr(model, "config", None) or getattr(
        getattr(model, "model", None), "config", None
    )
    id2label = dict(getattr(config, "id2label", {}) or {})
    labels: list[NliLabel] = []
    for index in range(len(id2label)):
        raw = str(id2label.get(index, "")).lower()
        labels.append(
            "contradict" if "contra" in raw else "entail" if "entail" in raw else "neutral"
        )
    if "contradict" not in labels:
        raise NliError(f"model {name!r} has no contradiction label: {sorted(id2label.values())}")
    return labels


def load_nli(path_or_name: str) -> NliModel:
    """Load a CrossEncoder NLI model strictly offline (``local_files_only``); NliError if absent.

    ``path_or_name`` is a local directory or the name of a model already in the
    Hugging Face cache; nothing is ever downloaded.
    """
    looks_like_path = path_or_name.startswith(("/", ".", "~")) or os.sep in path_or_name[:1]
    if looks_like_path and not Path(path_or_name).expanduser().exists():
        raise NliError(f"cannot load NLI model {path_or_name!r} offline: no such directory")
    try:
        from sentence_transformers import CrossEncoder

        model = CrossEncoder(path_or_name, local_files_only=True)
    except Exception as exc:  # the library raises many kinds; report one line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise NliError(f"cannot load NLI model {path_or_name!r} offline: {reason}") from None
    return _CrossEncoderNli(model, _label_map(model, path_or_name))
