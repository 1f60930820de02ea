"""Alignment inside review clusters: many-to-many links between sources.

For every pair of claims from two different sources in one cluster, the link
score is the cosine of their embeddings; pairs below :data:`MIN_LINK_SCORE` are
not linked.  The relation follows from the score and the pair's checkable hints
(computed per link by an injected :class:`PairChecker`, by default
:func:`claims.compare.link_hints`): a pair that restates (score at least
:data:`SAME_SCORE`) but differs in a number, polarity, entity or date is a
``conflict``; without such a hint it is ``same``; a weaker pair is ``related``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from claims.compare import link_hints
from claims.model import Article, Claim, Cluster, Hint, Link, Relation

__all__ = ["Aligner", "MIN_LINK_SCORE", "PairChecker", "SAME_SCORE", "align_clusters"]

MIN_LINK_SCORE = 0.80
SAME_SCORE = 0.88
_CHECKABLE = frozenset({"number", "negation", "entity", "time"})


class PairChecker(Protocol):
    """Computes the hints of each aligned pair, in order."""

    def __call__(
        self, pairs: Sequence[tuple[Claim, Claim]], *, articles: Mapping[str, Article]
    ) -> list[tuple[Hint, ...]]: ...


class Aligner(Protocol):
    """Turns review clusters into links (what the pipeline calls)."""

    def __call__(
        self,
        clusters: Sequence[Cluster],
        claims: Sequence[Claim],
        embeddings: np.ndarray,
        *,
        articles: Mapping[str, Article],
    ) -> list[Link]: ...


def _relation(score: float, hints: tuple[Hint, ...]) -> Relation:
    if score < SAME_SCORE:
        return "related"
    return "conflict" if any(h.kind in _CHECKABLE for h in hints) else "same"


def _candidate_pairs(
    cluster: Cluster,
    index: Mapping[str, int],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    articles: Mapping[str, Article],
) -> list[tuple[int, int, float]]:
    rows = [index[cid] for cid in cluster.claim_ids]
    pairs = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            source_a = articles[claims[a].article_id].source
            source_b = articles[claims[b].article_id].source
            if source_a == source_b:
                continue
            score = float(np.clip(vectors[a] @ vectors[b], 0.0, 1.0))
            if score >= MIN_LINK_SCORE:
                pairs.append(
                    (a, b, score) if claims[a].claim_id < claims[b].claim_id else (b, a, score)
                )
    return pairs


def align_clusters(
    clusters: Sequence[Cluster],
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    *,
    articles: Mapping[str, Article],
    checker: PairChecker = link_hints,
) -> list[Link]:
    """Links between claims of different sources inside each cluster (see module doc).

    ``embeddings`` has one row per claim in ``claims``.  Links come in cluster
    order (as given), then in member order; ``claim_a < claim_b`` in each.
    """
    if len(embeddings) != len(claims):
        raise ValueError(f"got {len(embeddings)} embeddings for {len(claims)} claims")
    norms = np.linalg.norm(embeddings, axis=1, keepdims=True)
    vectors = np.asarray(embeddings, dtype=np.float32) / np.maximum(norms, 1e-12)
    index = {claim.claim_id: i for i, claim in enumerate(claims)}
    found: list[tuple[str, int, int, float]] = []
    for cluster in clusters:
        for a, b, score in _candidate_pairs(cluster, index, claims, vectors, articles):
            found.append((cluster.cluster_id, a, b, score))
    hints = checker([(claims[a], claims[b]) for _, a, b, _ in found], articles=articles)
    return [
        Link(cid, claims[a].claim_id, claims[b].claim_id, _relation(score, h), round(score, 4), h)
        for (cid, a, b, score), h in zip(found, hints, strict=True)
    ]
