"""Incremental review clustering: re-cluster only the neighbourhood that new claims reach.

A store clustered once gets a few new articles; a full :func:`cluster_claims` would redo
the whole corpus.  :func:`recluster` takes the previous labels and which rows are new:

1. **reach**: each new claim's :data:`REACH_K` nearest rows among *all* rows (exact inner
   products in blocks, :func:`nearest_rows`) are scored with the new claims by the
   engine's own graph (:func:`build_graph`, with the context rows below and every claim's
   place in its whole article); an old claim with an edge to a new one (:func:`edge_mask`:
   :func:`~claims.match.clusters.graph_edges`, the one rule :func:`review_labels` calls,
   worthiness gate and passage pairs included) *reaches* its previous cluster.
   With ``hops`` > 0 the members of reached clusters are queried in turn (each hop costs
   a k-NN query of those rows);
2. **re-cluster**: the new claims and every member of every reached cluster are clustered
   (:func:`review_labels`) together with the new claims' nearest rows as context (so that
   a new claim's candidate list is the one it has in the corpus), with the candidate k
   and size cap of the whole corpus; the context rows keep their clusters;
3. every other row keeps its previous label.

What a part cannot see, a full run may decide differently (listed and measured by
``benchmarks/incremental_cluster.py``): the background of an old claim (the mean cosine
of its nearest candidates in other articles) is taken inside the part, not the corpus;
the corpus-wide TF-IDF weights of the lexical score move a little with every new text;
and above :data:`~claims.match.candidates.FLAT_IVF_MAX_ROWS` rows the full run's
approximate index is retrained on a new sample, so a full run itself moves a few
untouched clusters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from claims.match.candidates import CandidateFinder, Candidates
from claims.match.clusters import (
    DEFAULT_THRESHOLD,
    graph_edges,
    review_labels,
    size_cap,
    validate_threshold,
)
from claims.match.graph import ClaimGraph, build_graph, candidate_k, claim_places
from claims.match.score import PairScorer, score_pairs
from claims.model import Claim

__all__ = [
    "Increment",
    "REACH_K",
    "corpus_k",
    "edge_mask",
    "exact_candidates",
    "nearest_rows",
    "recluster",
]

_QUERY_BLOCK = 256
_BLOCK_CELLS = 1 << 24  # inner products per block (64 MB): a part's rows in one product
REACH_K = 8


@dataclass(frozen=True, slots=True)
class Increment:
    """The outcome of :func:`recluster`.

    ``labels`` has one label per row: the previous label outside ``rows``, a fresh one
    (above every previous label) inside.  ``rows`` are the rows re-clustered (sorted) and
    ``replaced`` the previous labels of the clusters they held (sorted, unique).
    """

    labels: np.ndarray
    rows: np.ndarray
    replaced: np.ndarray


def corpus_k(n: int) -> int:
    """Candidate neighbours per claim that :func:`build_graph` uses for ``n`` claims."""
    return candidate_k(n)


def _top_block(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``scores`` the ``k`` largest columns, by decreasing score (ties: column)."""
    n = scores.shape[1]
    stride = max(1, n // (1024 * k))
    sub = scores[:, ::stride]
    kk = min(k, sub.shape[1])
    cut = np.partition(sub, sub.shape[1] - kk, axis=1)[:, sub.shape[1] - kk]
    # at least k entries of each row reach the k-th largest of a subsample of it; flat
    # indices (row-major, as np.nonzero's): 2-d nonzero cost 6x as much on 250 x 100k
    rows, cols = np.divmod(np.flatnonzero(scores >= cut[:, None]), n)
    values = scores[rows, cols]
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    keep = rank < k
    found = np.full((len(scores), k), -1, dtype=np.int64)
    cosines = np.full((len(scores), k), -np.inf, dtype=np.float32)
    found[rows[keep], rank[keep]] = cols[keep]
    cosines[rows[keep], rank[keep]] = values[keep]
    return found, cosines


def nearest_rows(
    vectors: np.ndarray, queries: np.ndarray, *, k: int, norms: np.ndarray | None = None
) -> np.ndarray:
    """The ``k`` rows of unit ``vectors`` nearest (by cosine) to each row index in ``queries``.

    With ``norms`` (each row's length, zero rows as 1) ``vectors`` need not be unit rows:
    the queries are scaled to unit length and each product's columns by 1 / norm, so no
    unit copy of a 100k-row matrix is made for 250 queries.

    Exact: inner products in blocks of at least :data:`_QUERY_BLOCK` queries, as many as
    fit :data:`_BLOCK_CELLS` (O(block x n) memory): a product of 256 rows by a part's few
    thousand costs ~4x the CPU per inner product of one product of all of them (BLAS on
    small blocks); the queries of a whole part as the first rows of ``vectors`` are used
    as they are (a view: BLAS's symmetric product).  A query is never its own neighbour;
    ``-1`` fills the rest when there are fewer rows.
    """
    k = max(0, min(k, len(vectors) - 1))
    out = np.full((len(queries), k), -1, dtype=np.int64)
    if k == 0:
        return out
    step = max(_QUERY_BLOCK, _BLOCK_CELLS // len(vectors))
    queries = np.asarray(queries, dtype=np.int64)
    inverse = None if norms is None else (1.0 / norms).astype(np.float32)
    for begin in range(0, len(queries), step):
        block = queries[begin : begin + step]
        if inverse is not None:
            scores = (vectors[block] * inverse[block, None]) @ vectors.T
            scores *= inverse
        else:
            whole = len(block) == len(vectors) and np.array_equal(block, np.arange(len(block)))
            scores = (vectors if whole else vectors[block]) @ vectors.T
        scores[np.arange(len(block)), block] = -np.inf
        out[begin : begin + step] = _top_block(scores, k)[0]
    return out


def edge_mask(graph: ClaimGraph, *, threshold: float) -> np.ndarray:
    """The candidate pairs :func:`review_labels` joins before any split (the one rule of
    :func:`claims.match.clusters.graph_edges`: worthiness gate and passage pairs included)."""
    return graph_edges(graph, threshold=threshold).joined


def exact_candidates(vectors: np.ndarray, *, k: int) -> Candidates:
    """:func:`find_candidates` by exact inner products at any size (a part of a corpus is
    small enough; faiss's inverted file above 5,000 rows would cost more to train)."""
    n = len(vectors)
    found = nearest_rows(vectors, np.arange(n), k=k)
    rows = np.repeat(np.arange(n, dtype=np.int64), found.shape[1])
    cols = found.ravel()
    keep = cols >= 0
    low, high = np.minimum(rows[keep], cols[keep]), np.maximum(rows[keep], cols[keep])
    pairs = np.unique(low * n + high)
    first, second = pairs // n, pairs % n
    cosine = np.einsum("nd,nd->n", vectors[first], vectors[second]).astype(np.float32)
    return Candidates(first, second, cosine)


def _fixed_k(finder: CandidateFinder, corpus: int) -> CandidateFinder:
    """``finder`` with the whole corpus's k, whatever the size of the part it is given."""

    def find(vectors: np.ndarray, *, k: int) -> Candidates:
        del k  # chosen from the part's size: a part of a large corpus would get another
        return finder(vectors, k=corpus)

    return find


@dataclass(frozen=True, slots=True)
class _Part:
    claims: Sequence[Claim]
    vectors: np.ndarray  # the embeddings as given (build_graph makes unit rows of a part)
    finder: CandidateFinder
    scorer: PairScorer
    threshold: float
    cap: int
    places: np.ndarray  # each claim's place in its whole article (not in the part)

    def graph(self, rows: np.ndarray) -> ClaimGraph:
        """The scored candidate graph of ``rows`` alone (the corpus's candidate k), with
        the claims' places in their whole articles (what :func:`passage_pairs` reads)."""
        graph = build_graph(
            [self.claims[i] for i in rows.tolist()],
            self.vectors[rows],
            finder=self.finder,
            scorer=self.scorer,
        )
        return replace(graph, places=self.places[rows])

    def labels(self, rows: np.ndarray, fixed: np.ndarray) -> np.ndarray:
        """Review labels of ``rows`` clustered alone (the corpus's k and cap); the ``fixed``
        ones (a mask over ``rows``: context that keeps its cluster) are scored but join
        nothing.  A context claim in a part smaller than the corpus sees only a slice of
        its article, so its rank and local margin there are not the corpus's: it would draw
        edges a full run does not (a part holding every row is the corpus: none fixed)."""
        graph = self.graph(rows)
        worthiness = np.where(fixed, np.float32(0.0), graph.worthiness)
        graph = replace(graph, worthiness=worthiness.astype(np.float32))
        return review_labels(graph, threshold=self.threshold, cap=self.cap)


def _reached(
    part: _Part,
    previous: np.ndarray,
    part_rows: np.ndarray,
    near: np.ndarray,
    *,
    context: np.ndarray | None = None,
) -> np.ndarray:
    """Previous labels of the clusters with a claim among ``near`` that has an edge (the
    engine's :func:`edge_mask`) to one of ``part_rows``, in the graph of ``part_rows``,
    ``near`` and the ``context`` rows (scored as in the corpus, not drawn on)."""
    near = near[near >= 0]
    extra = np.zeros(0, dtype=np.int64) if context is None else context[context >= 0]
    local = np.union1d(np.union1d(part_rows, near), extra)
    graph = part.graph(local)
    edge = edge_mask(graph, threshold=part.threshold)
    inside = np.isin(local, part_rows)
    rows, cols = graph.candidates.rows[edge], graph.candidates.cols[edge]
    touched = np.concatenate([cols[inside[rows]], rows[inside[cols]]])
    touched = local[np.unique(touched[~inside[touched]])]
    return np.unique(previous[touched[np.isin(touched, near)]])


def recluster(
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    previous: np.ndarray,
    new: np.ndarray,
    *,
    threshold: float | None = None,
    hops: int = 0,
    reach: int = REACH_K,
    context: int | None = None,
    finder: CandidateFinder = exact_candidates,
    scorer: PairScorer = score_pairs,
) -> Increment:
    """Cluster the ``new`` rows (a boolean mask) into a corpus clustered as ``previous``.

    ``previous`` holds one label per row (ignored for new rows); ``embeddings`` one row
    per claim, as for :func:`cluster_claims`.  ``reach`` nearest rows per new claim decide
    which clusters are re-clustered; ``context`` nearest rows per new claim are clustered
    with them as context (default: every row when the corpus is small enough for all-pairs
    candidates, else ``reach``; the corpus's candidate k is a little closer to a full run
    and costs twice the part).  See the module docstring.
    """
    n = len(claims)
    if len(embeddings) != n or len(previous) != n or len(new) != n:
        raise ValueError(f"got {len(embeddings)} embeddings and {len(previous)} labels for {n}")
    chosen = validate_threshold(DEFAULT_THRESHOLD if threshold is None else threshold)
    new = np.asarray(new, dtype=bool)
    previous = np.where(new, -1, np.asarray(previous, dtype=np.int64))
    if not new.any():
        return Increment(previous.copy(), np.zeros(0, dtype=np.int64), np.zeros(0, np.int64))
    k = corpus_k(n)
    vectors = np.ascontiguousarray(embeddings, dtype=np.float32)  # a view when it is one
    if vectors.ndim != 2:
        raise ValueError(f"embeddings must be a 2-d array, got shape {vectors.shape}")
    norms = np.linalg.norm(vectors, axis=1)
    norms[norms == 0.0] = 1.0
    places = claim_places(claims)
    part = _Part(claims, vectors, _fixed_k(finder, k), scorer, chosen, size_cap(n), places)
    rows = np.flatnonzero(new)
    if context is None:  # a small corpus is all context (exact); a large one, the reach
        context = k if k >= n else reach
    wide = max(reach, context)
    near = nearest_rows(vectors, rows, k=wide, norms=norms)
    # the reach graph holds the context rows too (every row of a small corpus): an edge a
    # full run draws from a pair beyond the reach (a passage pair, a block) is seen
    replaced = _reached(part, previous, rows, near[:, :reach].ravel())
    for _ in range(hops):
        grown = np.union1d(rows, np.flatnonzero(np.isin(previous, replaced)))
        frontier = np.setdiff1d(grown, rows)
        if len(frontier) == 0:
            break
        hop = nearest_rows(vectors, frontier, k=reach, norms=norms).ravel()
        replaced = np.union1d(replaced, _reached(part, previous, grown, hop))
    rows = np.union1d(rows, np.flatnonzero(np.isin(previous, replaced)))
    ctx = near[:, :context].ravel()
    local = np.union1d(rows, ctx[ctx >= 0])
    inside = np.isin(local, rows)
    fixed = ~inside & (len(local) < n)  # a part of every row is the corpus: nothing fixed
    labels = previous.copy()
    labels[rows] = int(previous.max(initial=-1)) + 1 + part.labels(local, fixed)[inside]
    return Increment(labels, rows, replaced[replaced >= 0])
