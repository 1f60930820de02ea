"""Mutual-best pairs between two articles' claims, for :mod:`claims.match.clusters`.

:func:`best_per_end` keeps the candidate pairs that are the best of both their ends towards
the other end's article; :func:`ends_of` says which pairs touch an end already used.
"""

from __future__ import annotations

import numpy as np

from claims.match.candidates import Candidates

__all__ = ["best_per_end", "ends_of"]


def best_per_end(
    cand: Candidates, chosen: np.ndarray, value: np.ndarray, articles: np.ndarray
) -> np.ndarray:
    """The ``chosen`` pairs that are the best (``value``) of both ends in the other's article."""
    idx = np.flatnonzero(chosen)
    out = np.zeros(len(chosen), dtype=bool)
    if not len(idx):
        return out
    n_art = int(articles.max()) + 1
    ok = np.ones(len(idx), dtype=bool)
    for end, other in ((cand.rows[idx], cand.cols[idx]), (cand.cols[idx], cand.rows[idx])):
        key = end.astype(np.int64) * n_art + articles[other]
        order = np.lexsort((-value[idx], key))
        first = np.ones(len(idx), dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        top = np.zeros(len(idx), dtype=bool)
        top[order[first]] = True
        ok &= top
    out[idx[ok]] = True
    return out


def ends_of(cand: Candidates, pairs: np.ndarray, articles: np.ndarray) -> np.ndarray:
    """Per pair: is either end already an end of ``pairs`` towards the other's article?"""
    n_art = int(articles.max()) + 1 if len(articles) else 1
    idx = np.flatnonzero(pairs)
    used = np.concatenate(
        [
            cand.rows[idx].astype(np.int64) * n_art + articles[cand.cols[idx]],
            cand.cols[idx].astype(np.int64) * n_art + articles[cand.rows[idx]],
        ]
    )
    left = cand.rows.astype(np.int64) * n_art + articles[cand.cols]
    right = cand.cols.astype(np.int64) * n_art + articles[cand.rows]
    return np.asarray(np.isin(left, used) | np.isin(right, used), dtype=bool)
