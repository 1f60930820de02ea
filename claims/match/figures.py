"""Pairs across languages that state one specific figure, for :mod:`claims.match.clusters`.

Two reports in two languages that give one figure ("около 12 тыс. гектаров" / "12,000
hectares"; "310 жителей" / "310 residents") most likely answer one question even when
their cosine is too low for an edge: a translation-free wire rewrite drops the detail
that made the two sentences alike.  :func:`figure_pairs` finds such pairs among those
no other rule joined; :func:`claims.match.clusters.graph_edges` merges their clusters as one
question (:func:`claims.match.clusters.merge_questions`) unless the two claims are dated
apart (:func:`claims.match.dated.dated_apart`).  Measured: as merges before that veto,
xref_dev's precision fell 0.892 -> 0.790 (the start and the area of a flood chained); with
it, xref_dev is unchanged and xref_dev2's restatements sharing a cluster rise 0.895 -> 0.947
(as ties, bringing only a claim left alone: 0.895), at a precision of 0.959 -> 0.860, and
NTREX translations per document lose a little (same links F1 0.926 -> 0.920).  In one
language the stems already count shared figures (:func:`claims.similarity.stem_matrix`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from claims.match.ends import best_of_either
from claims.match.graph import ClaimGraph, claim_languages
from claims.model import Claim
from claims.similarity import figures

__all__ = ["figure_pairs"]


def figure_pairs(
    graph: ClaimGraph, taken: np.ndarray, *, least_cosine: float, max_rank: int
) -> np.ndarray:
    """Per candidate pair: two claims in two known, different languages, not ``taken``,
    with a cosine of at least ``least_cosine`` and a rank of at most ``max_rank``, the
    nearest counterpart (cosine) of at least one end in the other's article, that share a
    specific figure (:func:`claims.similarity.figures`) no other claim of either article
    states: a figure a document repeats ("10 points" twice) tells no claim apart (NTREX
    translations, per document, share-a-cluster F1 0.809 -> 0.877 with this rule)."""
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
    claims = graph.claims
    counts = _figure_counts(claims, articles, np.concatenate([cand.rows[idx], cand.cols[idx]]))
    pairs = zip(cand.rows[idx].tolist(), cand.cols[idx].tolist(), strict=True)
    for at, (a, b) in zip(idx.tolist(), pairs, strict=True):
        shared = figures(claims[a].read) & figures(claims[b].read)
        own_a, own_b = counts[int(articles[a])], counts[int(articles[b])]
        chosen[at] = any(own_a[f] == 1 and own_b[f] == 1 for f in shared)
    return chosen


def _figure_counts(
    claims: Sequence[Claim], articles: np.ndarray, ends: np.ndarray
) -> dict[int, Counter[str]]:
    """For each article of ``ends``: in how many of its claims each figure occurs."""
    wanted = set(articles[ends].tolist())
    counts: dict[int, Counter[str]] = {a: Counter() for a in wanted}
    for i in np.flatnonzero(np.isin(articles, list(wanted))).tolist():
        counts[int(articles[i])].update(figures(claims[i].read))
    return counts


def _languages(graph: ClaimGraph, ends: np.ndarray) -> np.ndarray:
    """Language codes of the claims ``ends`` (:func:`claim_languages`; -1: no letters)."""
    if graph.languages is not None:
        return np.asarray(graph.languages[ends], dtype=np.int64)
    assert graph.claims is not None
    claims = graph.claims
    return claim_languages([claims[i] for i in ends.tolist()])
