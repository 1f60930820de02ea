"""Shared factories for the matching tests that build a ClaimGraph by hand."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from claims.match.candidates import Candidates
from claims.match.graph import ClaimGraph
from claims.match.score import PairScores
from claims.model import Claim

__all__ = ["report_claims", "scored_graph", "text_claim"]


def text_claim(article: str, index: int, text: str) -> Claim:
    """Claim ``index`` of ``article`` (id ``article + index``), its own whole text, worth 0.5."""
    return Claim(f"{article}{index}", article, text, 0, len(text), 0, len(text), None, 0.5,
                 position=index)  # fmt: skip


def report_claims(article: str, texts: Sequence[str]) -> list[Claim]:
    """One :func:`text_claim` of ``article`` per text, in reading order."""
    return [text_claim(article, i, text) for i, text in enumerate(texts)]


def _per_pair(value: ArrayLike, n: int) -> np.ndarray:
    """``value`` (one for every pair, or one per pair) as a writable float32 array of ``n``."""
    return np.array(np.broadcast_to(np.asarray(value, dtype=np.float32), (n,)))


def scored_graph(
    claims: Sequence[Claim],
    pairs: Sequence[tuple[int, int]],
    *,
    cosine: ArrayLike,
    score: ArrayLike,
    rank: ArrayLike,
    lexical: ArrayLike = 0.0,
    semantic: ArrayLike = 0.0,
    local: ArrayLike = 0.0,
    gap: ArrayLike | None = None,
    worthiness: float = 0.5,
) -> ClaimGraph:
    """A scored candidate graph of ``claims``, as the scorer would hand it to clustering.

    ``pairs`` are the candidate pairs ``(row, col)``, ``row < col``, indices into ``claims``.
    Each evidence option is one value for every pair or one value per pair; the candidate
    and score cosines are the same, the prior is zero and ``gap=None`` leaves the gap
    unmeasured.  Articles are coded by sorted article id, each claim's place is its index
    among the claims of its article in the order given, and every claim is worth
    ``worthiness``.
    """
    n = len(pairs)
    rows = np.asarray([row for row, _ in pairs], dtype=np.int64).reshape(n)
    cols = np.asarray([col for _, col in pairs], dtype=np.int64).reshape(n)
    cosines = _per_pair(cosine, n)
    zero = np.zeros(n, dtype=np.float32)
    scores = PairScores(
        _per_pair(score, n),
        cosines,
        _per_pair(semantic, n),
        _per_pair(lexical, n),
        np.array(np.broadcast_to(np.asarray(rank, dtype=np.int64), (n,))),
        zero,
        _per_pair(local, n),
        None if gap is None else _per_pair(gap, n),
    )
    ids = [claim.article_id for claim in claims]
    code = {article: i for i, article in enumerate(sorted(set(ids)))}
    places = [ids[:i].count(article) for i, article in enumerate(ids)]
    return ClaimGraph(
        Candidates(rows, cols, cosines),
        scores,
        np.asarray([code[article] for article in ids], dtype=np.int64),
        np.full(len(claims), worthiness, dtype=np.float32),
        np.asarray(places, dtype=np.int64),
        claims,
    )
