"""Stage 1 of matching: candidate pairs from a sparse k-nearest-neighbour graph.

Nothing in matching builds an n-by-n matrix: every later stage scores only the
pairs proposed here.

ANN library: **faiss-cpu**.  Up to :data:`EXACT_MAX_ROWS` rows the graph is
exact (``IndexFlatIP``: blocked BLAS inner products, O(n) memory); up to
:data:`FLAT_IVF_MAX_ROWS` an inverted file over full vectors (``IVF{nlist},Flat``,
99.95 % of the above-threshold neighbours at 10k rows); above it an inverted
file with 4-bit product-quantisation fast-scan (``IVF{nlist},PQ{d/4}x4fs``)
proposes candidates.  Candidate cosines are always recomputed exactly from the
vectors.  On this 2-core machine usearch and hnswlib (HNSW) needed 50-80 s to
build and query 100k x 384 vectors, while IVF-PQ fast-scan does it in ~10 s
with ~98 % recall (``benchmarks/cluster_scale.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import faiss
import numpy as np

__all__ = [
    "CandidateFinder",
    "Candidates",
    "EXACT_MAX_ROWS",
    "FLAT_IVF_MAX_ROWS",
    "as_unit_rows",
    "find_candidates",
    "knn_graph",
]

EXACT_MAX_ROWS = 5_000
FLAT_IVF_MAX_ROWS = 20_000
_SEARCH_BLOCK = 8_192


@dataclass(frozen=True, slots=True)
class Candidates:
    """Undirected candidate pairs ``rows[i] < cols[i]`` with their exact ``cosine``."""

    rows: np.ndarray
    cols: np.ndarray
    cosine: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)


class CandidateFinder(Protocol):
    """Proposes the pairs worth scoring (the pipeline's default: :func:`find_candidates`)."""

    def __call__(self, vectors: np.ndarray, *, k: int) -> Candidates: ...


def as_unit_rows(embeddings: np.ndarray) -> np.ndarray:
    """``embeddings`` as contiguous float32 rows of unit length (zero rows stay zero)."""
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


@contextmanager
def _one_thread() -> Iterator[None]:
    """faiss with one OpenMP thread: its k-means on tiny PQ sub-problems (96 slices of 16
    centroids) spends more time in thread barriers than working, 7x slower on a busy 2-core
    machine; the trained index is the same."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _approximate_index(vectors: np.ndarray) -> faiss.Index:
    n, dim = vectors.shape
    nlist = int(min(1024, max(64, 1.6 * math.sqrt(n))))
    quantise = n > FLAT_IVF_MAX_ROWS and dim % 4 == 0
    recipe = f"IVF{nlist},PQ{dim // 4}x4fs" if quantise else f"IVF{nlist},Flat"
    index = faiss.index_factory(dim, recipe, faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(0)
    sample = rng.choice(n, size=min(n, 60 * nlist), replace=False)
    faiss.extract_index_ivf(index).cp.niter = 10
    with _one_thread():
        index.train(vectors[np.sort(sample)])
    index.add(vectors)
    faiss.extract_index_ivf(index).nprobe = 8
    return index


def _search(index: faiss.Index, vectors: np.ndarray, k: int) -> np.ndarray:
    """``index.search`` in blocks of :data:`_SEARCH_BLOCK` queries (each query is searched on
    its own, so the result is the same): fast-scan builds lookup tables for every query of a
    call at once, 0.6 GB for 100k queries."""
    found = np.empty((len(vectors), k), dtype=np.int64)
    for begin in range(0, len(vectors), _SEARCH_BLOCK):
        _, block = index.search(vectors[begin : begin + _SEARCH_BLOCK], k)
        found[begin : begin + _SEARCH_BLOCK] = block
    return found


def knn_graph(embeddings: np.ndarray, *, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest other rows of every row: ``(indices, cosines)``, both ``(n, k)``.

    Rows are compared by cosine.  Exact up to :data:`EXACT_MAX_ROWS` rows, faiss
    IVF candidates with exact re-scoring above.  Missing neighbours (fewer
    than ``k`` other rows) have index -1 and cosine -inf.  Sorted by
    decreasing cosine.
    """
    vectors = as_unit_rows(embeddings)
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
        found = _search(_approximate_index(vectors), vectors, k + 1)
        cosines = _exact_cosines(vectors, found)
    self_hit = (found == np.arange(n)[:, None]) | (found < 0)
    found[self_hit] = -1
    cosines[self_hit] = -np.inf
    order = np.argsort(-cosines, axis=1, kind="stable")[:, :k]
    indices = np.take_along_axis(found, order, axis=1)
    return indices, np.take_along_axis(cosines, order, axis=1)


def find_candidates(vectors: np.ndarray, *, k: int) -> Candidates:
    """Every pair in which one row is among the other's ``k`` nearest neighbours, once."""
    indices, cosines = knn_graph(vectors, k=k)
    n = len(indices)
    rows = np.repeat(np.arange(n, dtype=np.int64), indices.shape[1])
    cols = indices.ravel()
    cos = cosines.ravel()
    keep = cols >= 0
    rows, cols, cos = rows[keep], cols[keep], cos[keep]
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    pairs, first = np.unique(low * n + high, return_index=True)
    return Candidates(pairs // n, pairs % n, cos[first].astype(np.float32))
