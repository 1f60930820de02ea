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
* ``cause``     - the claims state different causes of one effect ("thaw and
  rain" vs "a spillway clogged with ice");
* ``time``      - the claims' dates differ at the finest level both state
  (day ranges "6-7 April" vs "April 5"; years) or their durations differ
  ("тура 2 жыл" vs "three years since");
* ``nli``       - an optional NLI model says two claims contradict.

The distance between two articles' publication dates is never a hint: it is
context, shown as a badge on the cluster.  Each claim is parsed once into
:class:`~claims.facts.ClaimFacts`; the checkers (:class:`PairChecker`
implementations, swappable) read facts only.

``Hint.values`` pairs claim ids with exact substrings of the claim texts (for
highlighting); the normalised comparison is in ``Hint.message``.  Output is
deterministic: claims are ordered by (article, start, id), hints by kind then
claim ids.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, Literal, Protocol

from claims.entities import extract_entities
from claims.errors import ClaimsError
from claims.facts import ClaimFacts, facts_of
from claims.hints import (
    DEFAULT_CHECKERS,
    FactPair,
    HintChecker,
    LinkStance,
    cause_hint,
    entity_hint,
    link_stance,
    negation_hint,
    number_hint,
    time_hint,
)
from claims.model import Article, Claim, Hint, HintKind
from claims.negation import find_negations
from claims.numbers import extract_quantities
from claims.timeref import extract_times

__all__ = [
    "DEFAULT_CHECKERS",
    "FactPair",
    "HintChecker",
    "LinkStance",
    "MAX_PUBLISH_GAP_DAYS",
    "NliError",
    "NliLabel",
    "NliModel",
    "cause_hint",
    "compare_cluster",
    "entity_hint",
    "find_highlights",
    "link_hints",
    "link_stances",
    "load_nli",
    "negation_hint",
    "number_hint",
    "time_hint",
]

MAX_PUBLISH_GAP_DAYS = 60  # kept for callers; the publication gap is no longer a hint
NliLabel = Literal["entail", "neutral", "contradict"]
HighlightKind = Literal["number", "negation", "entity", "time"]
_KIND_ORDER: dict[HintKind, int] = {
    "singleton": 0,
    "number": 1,
    "negation": 2,
    "entity": 3,
    "time": 4,
    "cause": 5,
    "nli": 6,
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
    facts: ClaimFacts


def _facts(claim: Claim, article: Article) -> _Facts:
    """The claim's facts, parsed once per claim text and article (:func:`claims.facts.facts_of`),
    however many pairs or passes read it."""
    parsed = facts_of(
        claim.text,
        language=article.language,
        published=article.published,
        context=article.text,
        speaker=claim.speaker,
    )
    return _Facts(claim, article, parsed)


def _pair_hints(fa: _Facts, fb: _Facts, checkers: Sequence[HintChecker]) -> list[Hint]:
    """Hints of one aligned pair; symmetric in the pair's order (sorted by claim id)."""
    first, second = sorted((fa, fb), key=lambda f: f.claim.claim_id)
    pair = FactPair(first.claim.claim_id, first.facts, second.claim.claim_id, second.facts)
    hints = [h for check in checkers if (h := check(pair)) is not None]
    return sorted(hints, key=lambda h: (_KIND_ORDER[h.kind], h.message))


# --------------------------------------------------------------------------- singleton / nli


def _singleton_hints(facts: Sequence[_Facts]) -> list[Hint]:
    """ "only in source X" when every claim of the cluster comes from one source."""
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


def _parse_all(claims: Sequence[Claim], articles: Mapping[str, Article]) -> dict[str, _Facts]:
    out: dict[str, _Facts] = {}
    for claim in claims:
        if claim.claim_id in out:
            continue
        article = articles.get(claim.article_id)
        if article is None:
            raise ClaimsError(
                f"claim {claim.claim_id} refers to unknown article {claim.article_id}"
            )
        out[claim.claim_id] = _facts(claim, article)
    return out


def compare_cluster(
    claims: Sequence[Claim],
    *,
    articles: Mapping[str, Article],
    nli: NliModel | None = None,
    max_gap_days: int = MAX_PUBLISH_GAP_DAYS,
    checkers: Sequence[HintChecker] = DEFAULT_CHECKERS,
) -> list[Hint]:
    """Hints for the claims of one cluster: ``singleton`` plus the pair hints of every
    cross-article pair (see the module docstring).

    ``max_gap_days`` is accepted for old callers and ignored: publication dates far
    apart are context, not a hint.  Raises :class:`~claims.errors.ClaimsError` if a
    claim's article is not in ``articles``.
    """
    del max_gap_days
    ordered = sorted(claims, key=lambda c: (c.article_id, c.start, c.claim_id))
    parsed = _parse_all(ordered, articles)
    facts = [parsed[c.claim_id] for c in ordered]
    if not facts:
        return []
    hints = _singleton_hints(facts)
    seen: set[tuple[str, tuple[str, ...], str]] = set()
    for fa, fb in combinations(facts, 2):
        if fa.article.article_id == fb.article.article_id:
            continue
        for hint in _pair_hints(fa, fb, checkers):
            key = (hint.kind, hint.claim_ids, hint.message)
            if key not in seen:
                seen.add(key)
                hints.append(hint)
    if nli is not None:
        hints += _nli_hints(facts, nli)
    return sorted(hints, key=lambda h: (_KIND_ORDER[h.kind], h.claim_ids, h.message))


def link_hints(
    pairs: Sequence[tuple[Claim, Claim]],
    *,
    articles: Mapping[str, Article],
    checkers: Sequence[HintChecker] = DEFAULT_CHECKERS,
) -> list[tuple[Hint, ...]]:
    """Checkable hints (number, negation, entity, time) for each aligned pair, in order.

    Each claim is parsed into its facts once, however many pairs it is in; the
    hints of a pair do not depend on its order.  The distance between the two
    articles' publication dates is never a hint here (it is context for the
    cluster, not a conflict).
    """
    parsed = _parse_all([c for pair in pairs for c in pair], articles)
    return [tuple(_pair_hints(parsed[a.claim_id], parsed[b.claim_id], checkers)) for a, b in pairs]


def link_stances(
    pairs: Sequence[tuple[Claim, Claim]], *, articles: Mapping[str, Article]
) -> list[LinkStance]:
    """For each pair, :func:`claims.hints.link_stance` on its parsed facts.

    ``step`` says why the claims relate rather than restate: a later state (one is
    a plan and the other, a month or more later, its outcome; a later report's
    "кейін" / "теперь" / "now"; a date after the other report) or one claim giving
    two versions.  ``numbers_agree``: one claim's numbers are all allowed by the other's.
    """
    parsed = _parse_all([c for pair in pairs for c in pair], articles)
    out: list[LinkStance] = []
    for a, b in pairs:
        first, second = sorted((parsed[a.claim_id], parsed[b.claim_id]), key=_by_id)
        pair = FactPair(first.claim.claim_id, first.facts, second.claim.claim_id, second.facts)
        out.append(link_stance(pair))
    return out


def _by_id(facts: _Facts) -> str:
    return facts.claim.claim_id


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
