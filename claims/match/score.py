"""Stage 2 of matching: score candidate pairs of claims from different articles.

All arrays, no per-pair Python: each feature is computed over the candidate
pairs at once (numpy, scipy.sparse).  The evidence, per pair (a, b):

* **ratio margin** (Artetxe & Schwenk 2019): ``cos / mean(r_a, r_b)`` where
  ``r_a`` is the mean cosine of ``a`` to its :data:`BACKGROUND_K` nearest
  candidates in *other* articles (the global background: a claim in a crowded
  region of the space needs a higher cosine), mapped to [0, 1] by
  :func:`claims.similarity.margin_score`;
* **rank**: the larger of b's rank among a's candidates in b's article and a's
  rank among b's candidates in a's article (0 = mutual best);
* **lexical**: TF-IDF cosine over stems and numbers
  (:func:`claims.similarity.stem_matrix`), so shared rare names and figures
  count across kk/ru/en;
* **article prior**: how much the two articles have in common, the share of
  claims of the shorter article that have a mutual-best partner in the other
  with margin score >= :data:`ANCHOR_SCORE` (1.0 for a translation, near 0 for
  an unrelated article that shares one look-alike sentence).

``score = hybrid(margin, lexical) + PRIOR_WEIGHT * prior`` (capped at 1), symmetric
in a and b.  The constants are measured (``benchmarks/xref_dev.py``,
``benchmarks/ntrex_clusters.py``, ``benchmarks/seed_clusters.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from claims.match.candidates import Candidates
from claims.similarity import hybrid_score, margin_score, stem_cosine_pairs, stem_matrix

__all__ = [
    "ANCHOR_SCORE",
    "BACKGROUND_K",
    "PRIOR_WEIGHT",
    "PairScorer",
    "PairScores",
    "SAME_LANGUAGE_LEXICAL",
    "score_pairs",
    "wordless_pairs",
]

BACKGROUND_K = 16
LOCAL_K = 4
MIN_BACKGROUND = 0.05
MUTUAL_BONUS = 0.2
ANCHOR_SCORE = 0.6
PRIOR_WEIGHT = 0.15
LOCAL_WEIGHT = 1.0
LEXICAL_WEIGHT = 0.4
SAME_LANGUAGE_LEXICAL = 0.1  # least stem overlap of a same-language pair that may join


@dataclass(frozen=True, slots=True)
class PairScores:
    """Per candidate pair: the final ``score`` and the evidence behind it (all arrays)."""

    score: np.ndarray
    cosine: np.ndarray
    semantic: np.ndarray
    lexical: np.ndarray
    rank: np.ndarray
    prior: np.ndarray
    local: np.ndarray
    gap: np.ndarray | None = None  # cosine below the best of either end in the other's article


class PairScorer(Protocol):
    """Scores candidate pairs (the pipeline's default: :func:`score_pairs`)."""

    def __call__(
        self,
        candidates: Candidates,
        *,
        texts: Sequence[str],
        articles: np.ndarray,
        languages: np.ndarray | None = None,
    ) -> PairScores: ...


@dataclass(frozen=True, slots=True)
class _Directed:
    """Every cross-article candidate pair in both directions, sorted by (source, article, -cos)."""

    src: np.ndarray
    dst: np.ndarray
    cos: np.ndarray
    edge: np.ndarray
    rank: np.ndarray
    first: np.ndarray  # index of the first (best) pair of each pair's group
    local: np.ndarray  # (sum, count) of src's BACKGROUND_K best candidate cosines in dst's article


def _group_starts(keys: np.ndarray) -> np.ndarray:
    """Index of the first element of each element's run of equal ``keys`` (sorted)."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    new = np.empty(len(keys), dtype=bool)
    new[0] = True
    new[1:] = keys[1:] != keys[:-1]
    return np.maximum.accumulate(np.where(new, np.arange(len(keys)), 0))


def _order_by(keys: np.ndarray, cos: np.ndarray) -> np.ndarray:
    """Order by ``keys`` ascending, then cosine descending: one float argsort, not a lexsort.

    Keys stay below 2**31 claims x articles in practice; the cosine fills the fraction.
    """
    combined = keys.astype(np.float64) + (1.0 - np.clip(cos, -1.0, 1.0)) / 2.001
    return np.argsort(combined, kind="stable")


def _directed(
    candidates: Candidates, articles: np.ndarray, cross: np.ndarray, apart: np.ndarray | None
) -> _Directed:
    index = np.flatnonzero(cross)
    src = np.concatenate([candidates.rows[index], candidates.cols[index]])
    dst = np.concatenate([candidates.cols[index], candidates.rows[index]])
    cos = np.concatenate([candidates.cosine[index], candidates.cosine[index]])
    edge = np.concatenate([index, index])
    group = src * (int(articles.max(initial=0)) + 1) + articles[dst]
    order = _order_by(group, cos)
    src, dst, cos, edge, group = src[order], dst[order], cos[order], edge[order], group[order]
    starts = _group_starts(group)
    total = np.concatenate([[0.0], np.cumsum(cos, dtype=np.float64)])
    ends = np.searchsorted(group, group, side="right")
    last = np.minimum(ends, starts + LOCAL_K)
    local = np.stack([total[last] - total[starts], last - starts]).astype(np.float32)
    late_flags = None if apart is None else apart[edge]
    if late_flags is not None and late_flags.any() and not late_flags.all():
        # Pairs that cannot join rank after every pair that can: a look-alike in one's
        # own language must not push the real counterpart down the list.
        late = _order_by(group * 2 + late_flags, cos)
        src, dst, cos, edge, group = src[late], dst[late], cos[late], edge[late], group[late]
        local = local[:, late]
        starts = _group_starts(group)
    rank = np.arange(len(group)) - starts
    return _Directed(src, dst, cos, edge, rank, starts, local)


def _background(n: int, directed: _Directed) -> np.ndarray:
    """Mean cosine of each claim's BACKGROUND_K nearest candidates in other articles."""
    order = _order_by(directed.src, directed.cos)
    src, cos = directed.src[order], directed.cos[order]
    fallback = float(np.median(cos)) if len(cos) else 1.0
    position = np.arange(len(src)) - _group_starts(src)
    top = position < BACKGROUND_K
    sums = np.bincount(src[top], weights=cos[top], minlength=n)
    counts = np.bincount(src[top], minlength=n)
    return np.asarray((sums + fallback * (BACKGROUND_K - counts)) / BACKGROUND_K, dtype=np.float32)


def _prior(
    candidates: Candidates, articles: np.ndarray, anchor: np.ndarray, cross: np.ndarray
) -> np.ndarray:
    """Per pair: mutual-best anchors between its two articles / claims of the shorter one."""
    first, second = articles[candidates.rows], articles[candidates.cols]
    n_articles = int(articles.max(initial=0)) + 1
    key = np.minimum(first, second).astype(np.int64) * n_articles + np.maximum(first, second)
    found, inverse = np.unique(key, return_inverse=True)
    counts = np.bincount(inverse, weights=(anchor & cross).astype(np.float64), minlength=len(found))
    sizes = np.bincount(articles, minlength=n_articles)
    shorter = np.minimum(sizes[found // n_articles], sizes[found % n_articles])
    return np.asarray(np.minimum(1.0, counts / np.maximum(shorter, 1))[inverse], dtype=np.float32)


def wordless_pairs(
    languages: np.ndarray, rows: np.ndarray, cols: np.ndarray, lexical: np.ndarray
) -> np.ndarray:
    """Per pair ``(rows[i], cols[i])``: two claims in one known language (``languages``:
    one code per claim, negative unknown) sharing fewer stems than
    :data:`SAME_LANGUAGE_LEXICAL` (``lexical``), which may not join."""
    left, right = languages[rows], languages[cols]
    return np.asarray((left == right) & (left >= 0) & (lexical < SAME_LANGUAGE_LEXICAL))


def score_pairs(
    candidates: Candidates,
    *,
    texts: Sequence[str],
    articles: np.ndarray,
    prior_weight: float = PRIOR_WEIGHT,
    mutual_prior_weight: float = 0.0,
    lexical: bool = True,
    languages: np.ndarray | None = None,
) -> PairScores:
    """Score every candidate pair (see the module docstring); same-article pairs get score 0.

    ``articles`` holds one integer article code per claim.  ``prior_weight``,
    ``mutual_prior_weight`` (an extra ``weight * prior`` for mutual-best pairs only; off by
    default: measured, it trades xref_dev precision for NTREX per-document recall) and
    ``lexical`` exist for measurement.  ``languages``: one integer language code per claim
    (negative: unknown); a pair of two claims in one language sharing fewer stems than
    :data:`SAME_LANGUAGE_LEXICAL` then ranks after every other candidate of its end in
    the other's article (it may not join, see :func:`claims.match.clusters.graph_edges`).
    """
    m = len(candidates)
    n = len(texts)
    cross = articles[candidates.rows] != articles[candidates.cols]
    lex = np.zeros(m, dtype=np.float32)
    if lexical and m:
        lex = stem_cosine_pairs(stem_matrix(texts), candidates.rows, candidates.cols)
    apart = None
    if languages is not None:
        apart = cross & wordless_pairs(languages, candidates.rows, candidates.cols, lex)
    directed = _directed(candidates, articles, cross, apart)
    background = _background(n, directed)
    rank = np.zeros(m, dtype=np.int64)
    np.maximum.at(rank, directed.edge, directed.rank)
    gap = np.zeros(m, dtype=np.float32)
    np.maximum.at(gap, directed.edge, directed.cos[directed.first] - directed.cos)
    # Negative cosines (anti-correlated rows) never match; backgrounds are floored so a
    # sparse region does not turn a weak cosine into a huge margin.
    cosine = np.maximum(candidates.cosine, 0.0)
    background = np.maximum(background, MIN_BACKGROUND)
    denominator = (background[candidates.rows] + background[candidates.cols]) / 2
    semantic = margin_score(cosine / denominator)
    # A group shorter than BACKGROUND_K (the rest of that article is outside the k-NN
    # list) is padded with the claim's global background, as in Artetxe & Schwenk.
    sums, counts = directed.local
    padded = (sums + (LOCAL_K - counts) * background[directed.src]) / LOCAL_K
    local_bg = np.zeros(m, dtype=np.float32)
    np.add.at(local_bg, directed.edge, padded / 2)
    local = np.where(cross, margin_score(cosine / np.maximum(local_bg, MIN_BACKGROUND)), 0.0)
    mixed = (LOCAL_WEIGHT * local + (1 - LOCAL_WEIGHT) * semantic).astype(np.float32)
    base = hybrid_score(mixed, lex) + LEXICAL_WEIGHT * lex + MUTUAL_BONUS * (rank == 0)
    prior = _prior(candidates, articles, (rank == 0) & (mixed >= ANCHOR_SCORE), cross)
    bonus = (prior_weight + mutual_prior_weight * (rank == 0)) * prior
    score = np.where(cross, np.minimum(1.0, base + bonus), 0.0).astype(np.float32)
    return PairScores(score, candidates.cosine, semantic, lex, rank, prior, local, gap)
