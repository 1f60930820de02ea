"""Growing finished review clusters by ties, for :mod:`claims.match.clusters` (step 5).

A tie brings a claim left alone into the cluster of a claim it is tied with, never merging
two clusters: :func:`tie_pairs` (one claim restated twice by the other report) and
:func:`sibling_pairs` (one language cut a sentence into clauses, the other kept it whole)
find the pairs, :func:`attach_ties` moves the claims.
"""

from __future__ import annotations

import numpy as np

from claims.match.graph import ClaimGraph
from claims.match.score import MUTUAL_BONUS

__all__ = ["TIE_GAP", "attach_ties", "sibling_pairs", "tie_pairs"]

TIE_GAP = 0.01  # cosine below the best counterpart of a tie pair (tie_pairs; < 0: off)


def tie_pairs(
    graph: ClaimGraph, *, threshold: float, least_cosine: float, max_rank: int
) -> np.ndarray:
    """Pairs tied with an end's best counterpart: one claim restated twice (bool per pair).

    A claim restated by two claims of another report (a follow-up's lead "a year ago the
    flood cut off two villages" and its body "back then the water cut off both
    villages") is the mutual best of only one of them; the other pair is as close (its cosine within
    :data:`TIE_GAP` of each end's best in the other's article, rank at most
    ``max_rank``) and would reach ``threshold`` with the mutual-best bonus
    (:data:`claims.match.score.MUTUAL_BONUS`).  Its cosine must reach
    ``least_cosine`` (close enough to ask one question;
    :data:`claims.match.clusters.QUESTION_COSINE`): where every cosine is
    alike, near-ties between unrelated claims are common.  :func:`attach_ties` lets such
    a pair bring a claim left alone into its counterpart's cluster.
    """
    cand, scores = graph.candidates, graph.scores
    if scores.gap is None or TIE_GAP < 0:
        return np.zeros(len(cand), dtype=bool)
    cross = graph.articles[cand.rows] != graph.articles[cand.cols]
    return np.asarray(
        cross
        & (scores.rank > 0)
        & (scores.rank <= max_rank)
        & (scores.gap <= TIE_GAP)
        & (scores.score + MUTUAL_BONUS >= threshold)
        & (cand.cosine >= least_cosine),
        dtype=bool,
    )


def sibling_pairs(
    graph: ClaimGraph, edge: np.ndarray, *, least_cosine: float, max_rank: int
) -> np.ndarray:
    """Pairs meeting a claim cut from the same sentence as the other end's partner (bool).

    One language cuts "the dam broke, but nobody was hurt" into two clause claims, the
    other keeps it whole: the whole is the mutual best of one piece only.  A candidate
    pair ``(w, p)`` whose ``p`` shares its sentence (article and context span) with a
    claim that ``w`` has an ``edge`` to, whose cosine reaches ``least_cosine``
    and whose rank is at most ``max_rank``, lets a lone ``p`` join ``w``'s cluster
    (:func:`attach_ties`).
    """
    cand = graph.candidates
    out = np.zeros(len(cand), dtype=bool)
    if graph.claims is None or not edge.any():
        return out
    codes: dict[tuple[int, int, int], int] = {}
    sentence = np.asarray(
        [
            codes.setdefault((int(a), c.context_start, c.context_end), len(codes))
            for a, c in zip(graph.articles.tolist(), graph.claims, strict=True)
        ],
        dtype=np.int64,
    )
    if len(codes) == len(sentence):  # no sentence gave two claims
        return out
    n_sent = len(codes)
    rows, cols = cand.rows[edge], cand.cols[edge]
    met = np.concatenate([rows * n_sent + sentence[cols], cols * n_sent + sentence[rows]])
    near = np.flatnonzero(
        (graph.articles[cand.rows] != graph.articles[cand.cols])
        & ~edge
        & (cand.cosine >= least_cosine)
        & (graph.scores.rank <= max_rank)
    )
    left, right = cand.rows[near], cand.cols[near]
    hit = np.isin(left * n_sent + sentence[right], met) | np.isin(
        right * n_sent + sentence[left], met
    )
    out[near[hit]] = True
    return out


def attach_ties(
    labels: np.ndarray, rows: np.ndarray, cols: np.ndarray, value: np.ndarray, *, cap: int
) -> np.ndarray:
    """Labels after each claim alone in its cluster joins the cluster of its tie pair.

    Pairs ``(rows[i], cols[i])`` are taken best ``value`` first.  Only a claim alone moves
    (two claims alone form a pair): a tie never merges two clusters, so one tied
    restatement cannot chain two questions together, and the clusters the edges made
    (split by :func:`claims.match.clusters.review_labels`) stay as they are; no cluster
    grows past ``cap``.
    """
    out = labels.copy()
    sizes = np.bincount(out)
    for at in np.argsort(-value, kind="stable").tolist():
        a, b = int(rows[at]), int(cols[at])
        if sizes[out[b]] == 1 and sizes[out[a]] > 1:
            a, b = b, a
        if sizes[out[a]] != 1 or out[a] == out[b] or sizes[out[b]] >= cap:
            continue
        sizes[out[a]] -= 1
        out[a] = out[b]
        sizes[out[b]] += 1
    return out
