"""Pairs across languages that state one specific figure, for :mod:`claims.match.clusters`.

Two reports in two languages that give one figure ("около 12 тыс. гектаров" / "12,000
hectares"; "310 жителей" / "310 residents") most likely answer one question even when
their cosine is too low for an edge: a translation-free wire rewrite drops the detail
that made the two sentences alike.  :func:`figure_pairs` finds such pairs among those
no other rule joined; :func:`claims.match.clusters.graph_edges` lets them bring a claim
left alone into its counterpart's cluster (never merge two clusters: merging them as
questions cost xref_dev's precision 0.892 -> 0.790).  In one language the stems already
count shared figures (:func:`claims.similarity.stem_matrix`).
"""

from __future__ import annotations

import numpy as np

from claims.match.ends import best_of_either
from claims.match.graph import ClaimGraph, claim_languages
from claims.similarity import figure_matrix

__all__ = ["figure_pairs"]


def figure_pairs(
    graph: ClaimGraph, taken: np.ndarray, *, least_cosine: float, max_rank: int
) -> np.ndarray:
    """Per candidate pair: two claims in two known, different languages, not ``taken``,
    with a cosine of at least ``least_cosine`` and a rank of at most ``max_rank``, the
    nearest counterpart (cosine) of at least one end in the other's article, that share a
    specific figure (:func:`claims.similarity.figures`)."""
    cand = graph.candidates
    chosen = np.zeros(len(cand), dtype=bool)
    if graph.claims is None or not len(cand):
        return chosen
    articles = graph.articles
    cross = articles[cand.rows] != articles[cand.cols]
    idx = np.flatnonzero(
        cross & ~taken & (cand.cosine >= least_cosine) & (graph.scores.rank <= max_rank)
    )
    if len(idx):
        ends = np.unique(np.concatenate([cand.rows[idx], cand.cols[idx]]))
        code = _languages(graph, ends)
        left = code[np.searchsorted(ends, cand.rows[idx])]
        right = code[np.searchsorted(ends, cand.cols[idx])]
        idx = idx[(left >= 0) & (right >= 0) & (left != right)]
    if not len(idx):
        return chosen
    # nearest of an end: among every candidate pair that touches an end of these pairs
    ends = np.unique(np.concatenate([cand.rows[idx], cand.cols[idx]]))
    touching = cross & (np.isin(cand.rows, ends) | np.isin(cand.cols, ends))
    nearest = best_of_either(cand, touching, cand.cosine, articles)
    idx = idx[nearest[idx]]
    if not len(idx):
        return chosen
    ends = np.unique(np.concatenate([cand.rows[idx], cand.cols[idx]]))
    matrix = figure_matrix([graph.claims[i].read for i in ends.tolist()])
    row_of = np.searchsorted(ends, cand.rows[idx])
    col_of = np.searchsorted(ends, cand.cols[idx])
    shared = np.asarray(matrix[row_of].multiply(matrix[col_of]).sum(axis=1)).ravel() > 0
    chosen[idx[shared]] = True
    return chosen


def _languages(graph: ClaimGraph, ends: np.ndarray) -> np.ndarray:
    """Language codes of the claims ``ends`` (:func:`claim_languages`; -1: no letters)."""
    if graph.languages is not None:
        return np.asarray(graph.languages[ends], dtype=np.int64)
    assert graph.claims is not None
    claims = graph.claims
    return claim_languages([claims[i] for i in ends.tolist()])
