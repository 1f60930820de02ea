"""Mutual-best pairs between two articles' claims, for :mod:`claims.match.clusters`.

:func:`best_per_end` keeps the candidate pairs that are the best of both their ends towards
the other end's article, :func:`best_of_either` those that are the best of at least one;
:func:`ends_of` says which pairs touch an end already used.
"""

from __future__ import annotations

import numpy as np

from claims.match.candidates import Candidates

__all__ = ["best_of_either", "best_per_end", "ends_of"]


def best_per_end(
    cand: Candidates, chosen: np.ndarray, value: np.ndarray, articles: np.ndarray
) -> np.ndarray:
    """The ``chosen`` pairs that are the best (``value``) of both ends in the other's article."""
    return _best(cand, chosen, value, articles, both=True)


def best_of_either(
    cand: Candidates, chosen: np.ndarray, value: np.ndarray, articles: np.ndarray
) -> np.ndarray:
    """The ``chosen`` pairs that are the best (``value``) of at least one end in the other's
    article."""
    return _best(cand, chosen, value, articles, both=False)


def _best(
    cand: Candidates,
    chosen: np.ndarray,
    value: np.ndarray,
    articles: np.ndarray,
    *,
    both: bool,
) -> np.ndarray:
    idx = np.flatnonzero(chosen)
    out = np.zeros(len(chosen), dtype=bool)
    if not len(idx):
        return out
    n_art = int(articles.max()) + 1
    ok = np.full(len(idx), both, dtype=bool)
    for end, other in ((cand.rows[idx], cand.cols[idx]), (cand.cols[idx], cand.rows[idx])):
        key = _end_keys(end, other, articles, n_art)
        order = np.lexsort((-value[idx], key))
        first = np.ones(len(idx), dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        top = np.zeros(len(idx), dtype=bool)
        top[order[first]] = True
        ok = ok & top if both else ok | top
    out[idx[ok]] = True
    return out


def ends_of(cand: Candidates, pairs: np.ndarray, articles: np.ndarray) -> np.ndarray:
    """Per pair: is either end already an end of ``pairs`` towards the other's article?"""
    n_art = int(articles.max()) + 1 if len(articles) else 1
    idx = np.flatnonzero(pairs)
    used = np.concatenate(
        [
            _end_keys(cand.rows[idx], cand.cols[idx], articles, n_art),
            _end_keys(cand.cols[idx], cand.rows[idx], articles, n_art),
        ]
    )
    left = _end_keys(cand.rows, cand.cols, articles, n_art)
    right = _end_keys(cand.cols, cand.rows, articles, n_art)
    return np.asarray(np.isin(left, used) | np.isin(right, used), dtype=bool)


def _end_keys(ends: np.ndarray, others: np.ndarray, articles: np.ndarray, n_art: int) -> np.ndarray:
    """One key per (claim, the other end's article): an end as :func:`best_per_end` ranks it."""
    return np.asarray(ends.astype(np.int64) * n_art + articles[others], dtype=np.int64)
