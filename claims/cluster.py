"""Compatibility module: review clustering lives in :mod:`claims.match`.

``workbench.pipeline`` and older callers import :func:`cluster_claims`,
:data:`DEFAULT_THRESHOLD` and :func:`validate_threshold` from here; they are the
review-cluster entry point of :mod:`claims.match.clusters` (several claims per
article allowed).  :func:`cluster_embeddings` is plain single linkage over the
k-NN graph of :mod:`claims.match.candidates` (vectors only, no articles), kept
for callers that cluster raw vectors.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from claims.match.candidates import EXACT_MAX_ROWS, FLAT_IVF_MAX_ROWS, knn_graph
from claims.match.clusters import (
    DEFAULT_THRESHOLD,
    MAX_CLUSTER_SIZE,
    cluster_claims,
    validate_threshold,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "EXACT_MAX_ROWS",
    "FLAT_IVF_MAX_ROWS",
    "MAX_CLUSTER_SIZE",
    "cluster_claims",
    "cluster_embeddings",
    "knn_graph",
    "validate_threshold",
]

GRAPH_K = 16  # neighbours per row in cluster_embeddings


def _first_seen_labels(labels: np.ndarray) -> np.ndarray:
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return np.asarray(rank[np.unique(labels, return_inverse=True)[1]], dtype=np.int64)


def cluster_embeddings(embeddings: np.ndarray, *, threshold: float) -> np.ndarray:
    """Single-linkage clusters at cosine ``threshold``: one int label per row.

    Equals scikit-learn's ``AgglomerativeClustering(linkage="single",
    metric="cosine", distance_threshold=1 - threshold)`` whenever every merge
    edge is among the :data:`GRAPH_K` nearest neighbours.  Labels are numbered
    in order of first appearance (row 0 has label 0).
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
