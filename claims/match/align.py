"""Stage 4 of matching: alignment inside review clusters, many-to-many links between sources.

A review cluster is tight (average linkage, :mod:`claims.match.clusters`), so every pair
of claims from two different sources in it is a candidate link.  Its score is
``max(cosine, LEXICAL_WEIGHT-boosted)``: the embedding cosine of the two readings
(:attr:`Claim.read`) raised by their stem TF-IDF cosine
(:func:`claims.similarity.stem_matrix`) as ``cos + LEXICAL_WEIGHT * lexical``, capped at 1.
A pair is linked when its score reaches :data:`MIN_LINK_SCORE` (0: every cross-source
pair of a cluster, since a cluster gathers the claims about one question) or when the two
claims are each other's best counterpart between their two articles inside the cluster.

The relation of a link, from the parsed facts of its two claims:

0. ``conflict`` when the two claims give different causes (a ``cause`` hint), even
   when the later one says "енді" / "теперь" / "now": the cause of a past event does
   not change with time, so a different account is a conflict to check;
1. ``related`` when the injected :class:`StanceChecker` (default
   :func:`claims.compare.link_stances`) finds a step between them: a later state (a plan
   and, a month or more later, its outcome; a later report's "кейін" / "теперь" / "now";
   a date after the other report appeared) or one claim giving two versions;
2. else ``conflict`` when the :class:`PairChecker` (default
   :func:`claims.compare.link_hints`) finds a checkable difference on one slot (number,
   negation, entity, time, cause);
3. else ``same`` when the pair **restates**: mutual best between the two articles with
   score at least :data:`SAME_SCORE`, any pair with score at least :data:`STRONG_SCORE`,
   or a pair with score at least :data:`AGREE_SCORE` whose numbers agree (a total and its
   parts, "1 146" and "684 ... 462");
4. else ``related`` (same question, other facts or detail).

Hints are kept on every link for the reviewer.  Thresholds measured on
``benchmarks/xref_dev.py`` (link level) and ``benchmarks/ntrex_clusters.py``
(translations linked as ``same``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np
from scipy.sparse import csr_matrix

from claims.compare import LinkStance, link_hints, link_stances
from claims.model import Article, Claim, Cluster, Hint, Link, Relation
from claims.similarity import stem_cosine_pairs, stem_matrix

__all__ = [
    "AGREE_SCORE",
    "Aligner",
    "LEXICAL_WEIGHT",
    "MIN_LINK_SCORE",
    "PairChecker",
    "SAME_SCORE",
    "STRONG_SCORE",
    "StanceChecker",
    "align_clusters",
]

LEXICAL_WEIGHT = 0.3
MIN_LINK_SCORE = 0.0
SAME_SCORE = 0.80
STRONG_SCORE = 0.95
AGREE_SCORE = 0.80
_CHECKABLE = frozenset({"number", "negation", "entity", "time", "cause"})


class PairChecker(Protocol):
    """Computes the hints of each aligned pair, in order."""

    def __call__(
        self, pairs: Sequence[tuple[Claim, Claim]], *, articles: Mapping[str, Article]
    ) -> list[tuple[Hint, ...]]: ...


class StanceChecker(Protocol):
    """For each aligned pair in order: a later step (or two versions), and agreeing numbers."""

    def __call__(
        self, pairs: Sequence[tuple[Claim, Claim]], *, articles: Mapping[str, Article]
    ) -> list[LinkStance]: ...


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


def _relation(
    score: float, restates: bool, hints: tuple[Hint, ...], stance: LinkStance
) -> Relation:
    if any(h.kind == "cause" for h in hints):
        return "conflict"  # the cause of a past event does not change with time
    if stance.step is not None:
        return "related"
    if any(h.kind in _CHECKABLE for h in hints):
        return "conflict"
    if restates or (score >= AGREE_SCORE and stance.numbers_agree):
        return "same"
    return "related"


def _cross_pairs(
    rows: list[int], claims: Sequence[Claim], articles: Mapping[str, Article]
) -> tuple[np.ndarray, np.ndarray]:
    source = [articles[claims[r].article_id].source for r in rows]
    left, right = [], []
    for i, a in enumerate(rows):
        for j in range(i + 1, len(rows)):
            if source[i] != source[j]:
                left.append(a)
                right.append(rows[j])
    return np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)


def _mutual_best(
    left: np.ndarray, right: np.ndarray, score: np.ndarray, claims: Sequence[Claim]
) -> np.ndarray:
    """Per pair: is each claim the other's best-scoring counterpart in the other's article?"""
    best: dict[tuple[int, str], float] = {}
    for a, b, s in zip(left.tolist(), right.tolist(), score.tolist(), strict=True):
        for x, y in ((a, b), (b, a)):
            key = (x, claims[y].article_id)
            best[key] = max(best.get(key, -1.0), s)
    return np.asarray(
        [
            s >= best[(a, claims[b].article_id)] and s >= best[(b, claims[a].article_id)]
            for a, b, s in zip(left.tolist(), right.tolist(), score.tolist(), strict=True)
        ],
        dtype=bool,
    )


_PAIR_BLOCK = 65_536  # pairs scored at once (two float32 rows of the embeddings each)


def _pair_scores(
    crossed: Sequence[tuple[np.ndarray, np.ndarray]],
    vectors: np.ndarray,
    lexicon: csr_matrix,
    position: Mapping[int, int],
) -> np.ndarray:
    """The score of every cross pair of every cluster, in order: one product per block of
    pairs, not one per cluster (a pair's cosines do not depend on the others with it)."""
    left = np.concatenate([np.zeros(0, dtype=np.int64), *(pair[0] for pair in crossed)])
    right = np.concatenate([np.zeros(0, dtype=np.int64), *(pair[1] for pair in crossed)])
    out = np.empty(len(left), dtype=np.float32)
    for begin in range(0, len(left), _PAIR_BLOCK):
        a, b = left[begin : begin + _PAIR_BLOCK], right[begin : begin + _PAIR_BLOCK]
        cosine = np.clip(np.einsum("nd,nd->n", vectors[a], vectors[b]), 0.0, 1.0)
        lexical = stem_cosine_pairs(
            lexicon,
            np.asarray([position[r] for r in a.tolist()], dtype=np.int64),
            np.asarray([position[r] for r in b.tolist()], dtype=np.int64),
        )
        out[begin : begin + _PAIR_BLOCK] = np.minimum(1.0, cosine + LEXICAL_WEIGHT * lexical)
    return out


def align_clusters(
    clusters: Sequence[Cluster],
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    *,
    articles: Mapping[str, Article],
    checker: PairChecker = link_hints,
    stances: StanceChecker = link_stances,
) -> list[Link]:
    """Links between claims of different sources inside each cluster (see module doc).

    ``embeddings`` has one row per claim in ``claims`` (of :attr:`Claim.read`).  Links
    come in cluster order (as given), then in member order; ``claim_a < claim_b``.
    """
    if len(embeddings) != len(claims):
        raise ValueError(f"got {len(embeddings)} embeddings for {len(claims)} claims")
    norms = np.linalg.norm(embeddings, axis=1, keepdims=True)
    vectors = np.asarray(embeddings, dtype=np.float32) / np.maximum(norms, 1e-12)
    index = {claim.claim_id: i for i, claim in enumerate(claims)}
    found: list[tuple[str, int, int, float, bool]] = []
    groups = [[index[c] for c in cluster.claim_ids] for cluster in clusters]
    in_clusters = sorted({r for rows in groups for r in rows})
    position = {r: i for i, r in enumerate(in_clusters)}
    lexicon = stem_matrix([claims[r].read for r in in_clusters])
    crossed = [_cross_pairs(rows, claims, articles) for rows in groups]
    scores = _pair_scores(crossed, vectors, lexicon, position)
    begin = 0
    for cluster, (left, right) in zip(clusters, crossed, strict=True):
        if len(left) == 0:
            continue
        score, begin = scores[begin : begin + len(left)], begin + len(left)
        mutual = _mutual_best(left, right, score, claims)
        for a, b, s, m in zip(left.tolist(), right.tolist(), score.tolist(), mutual, strict=True):
            if not (m or s >= MIN_LINK_SCORE):
                continue
            restates = bool((m and s >= SAME_SCORE) or s >= STRONG_SCORE)
            first, second = (a, b) if claims[a].claim_id < claims[b].claim_id else (b, a)
            found.append((cluster.cluster_id, first, second, float(s), restates))
    pairs = [(claims[a], claims[b]) for _, a, b, _, _ in found]
    hints = checker(pairs, articles=articles)
    judged = stances(pairs, articles=articles)
    return [
        Link(cid, claims[a].claim_id, claims[b].claim_id, _relation(s, r, h, t), round(s, 4), h)
        for (cid, a, b, s, r), h, t in zip(found, hints, judged, strict=True)
    ]
