"""Stage 3a of matching: the scored candidate graph that review clustering reads.

:func:`build_graph` finds candidate pairs (:func:`claims.match.candidates.find_candidates`,
:func:`candidate_k` neighbours per claim), scores them
(:func:`claims.match.score.score_pairs`) and completes the blocks of article pairs that
share several sure pairs (:func:`complete_blocks`), so that k-NN crowding cannot hide a
claim's counterpart in a report of the same event.  :class:`ClaimGraph` holds the result;
:mod:`claims.match.clusters` turns it into review clusters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from claims.match.candidates import CandidateFinder, Candidates, as_unit_rows, find_candidates
from claims.match.questions import read_language
from claims.match.score import PairScorer, PairScores, score_pairs
from claims.model import Claim

__all__ = [
    "CANDIDATE_K",
    "ClaimGraph",
    "STRONG_SCORE",
    "build_graph",
    "candidate_k",
    "claim_languages",
    "claim_places",
    "complete_blocks",
]

CANDIDATE_K = 32
ALL_PAIRS_MAX = 1_000  # below this many claims every pair is a candidate
LARGE_K = 16  # neighbours per claim above LARGE_ROWS claims (memory and time of the scale path)
LARGE_ROWS = 20_000
STRONG_SCORE = 0.8  # a sure pair (mutual best, this score) counts towards completing its block
COMPLETE_MIN_PAIRS = 2  # article pairs sharing this many sure pairs ...
COMPLETE_SHARE = 0.1  # ... and one per 10 claims of the shorter article compare every claim pair
BLOCK_MAX = 1_024  # largest article-pair block completed (claims x claims)
COMPLETE_BUDGET = 32  # completed pairs added at most per claim of the corpus


@dataclass(frozen=True, slots=True)
class ClaimGraph:
    """Scored candidate pairs of one corpus (what clustering and alignment read)."""

    candidates: Candidates
    scores: PairScores
    articles: np.ndarray
    worthiness: np.ndarray
    places: np.ndarray | None = None  # each claim's index in its article (by position, start)
    claims: Sequence[Claim] | None = None  # the claims (question_pairs parses their facts)
    languages: np.ndarray | None = None  # claim_languages of the claims (None: not read yet)


def _article_codes(claims: Sequence[Claim]) -> np.ndarray:
    """Each claim's article as an index into the sorted article ids (``np.unique``'s codes,
    by a dict: sorting 100k Python strings in an object array cost ~90 ms per call)."""
    ids = [c.article_id for c in claims]
    index = {article: code for code, article in enumerate(sorted(set(ids)))}
    return np.fromiter((index[a] for a in ids), dtype=np.int64, count=len(ids))


def _places(claims: Sequence[Claim], articles: np.ndarray) -> np.ndarray:
    """Each claim's index inside its article, in reading order (position, then start)."""
    positions = np.asarray([c.position for c in claims], dtype=np.int64)
    starts = np.asarray([c.start for c in claims], dtype=np.int64)
    order = np.lexsort((starts, positions, articles))
    first = np.concatenate([[0], np.cumsum(np.bincount(articles))])[articles[order]]
    places = np.empty(len(claims), dtype=np.int64)
    places[order] = np.arange(len(claims)) - first
    return places


def candidate_k(n: int, *, k: int = CANDIDATE_K) -> int:
    """Candidate neighbours per claim :func:`build_graph` asks for in a corpus of ``n`` claims."""
    if n <= ALL_PAIRS_MAX:
        return n
    return min(k, LARGE_K) if n > LARGE_ROWS else k


def claim_languages(claims: Sequence[Claim]) -> np.ndarray:
    """One integer code per claim for the language of its reading
    (:func:`claims.match.questions.read_language`), -1 where it has no letters."""
    codes: dict[str, int] = {}
    out = np.empty(len(claims), dtype=np.int64)
    for at, claim in enumerate(claims):
        language = read_language(claim)
        out[at] = -1 if language == "und" else codes.setdefault(language, len(codes))
    return out


def claim_places(claims: Sequence[Claim]) -> np.ndarray:
    """Each claim's index in its article in reading order (:attr:`ClaimGraph.places`)."""
    return _places(claims, _article_codes(claims))


def build_graph(
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    *,
    finder: CandidateFinder = find_candidates,
    scorer: PairScorer = score_pairs,
    k: int = CANDIDATE_K,
) -> ClaimGraph:
    """Candidates and scores for ``claims`` (one embedding row each, of ``Claim.read``)."""
    if len(embeddings) != len(claims):
        raise ValueError(f"got {len(embeddings)} embeddings for {len(claims)} claims")
    articles = _article_codes(claims)
    vectors = as_unit_rows(embeddings)
    n = len(claims)
    candidates = finder(vectors, k=candidate_k(n, k=k))
    texts = [c.read for c in claims]
    languages = claim_languages(claims)
    scores = scorer(candidates, texts=texts, articles=articles, languages=languages)
    strong = (scores.rank == 0) & (scores.score >= STRONG_SCORE)
    completed = complete_blocks(candidates, strong, articles, vectors)
    if len(completed) > len(candidates):  # rescored: ranks and priors see the whole block
        candidates = completed
        scores = scorer(candidates, texts=texts, articles=articles, languages=languages)
    worthiness = np.asarray([c.score for c in claims], dtype=np.float32)
    places = _places(claims, articles)
    return ClaimGraph(candidates, scores, articles, worthiness, places, claims, languages)


def _article_blocks(
    candidates: Candidates, strong: np.ndarray, articles: np.ndarray, *, budget: int
) -> tuple[np.ndarray, np.ndarray]:
    """Article pairs ``(a, b)`` to complete, most shared strong pairs (per claim) first."""
    first, second = articles[candidates.rows][strong], articles[candidates.cols][strong]
    n_art = int(articles.max(initial=0)) + 1
    low, high = np.minimum(first, second), np.maximum(first, second)
    keys, counts = np.unique(low * n_art + high, return_counts=True)
    sizes = np.bincount(articles, minlength=n_art)
    left, right = sizes[keys // n_art], sizes[keys % n_art]
    share = counts / np.maximum(np.minimum(left, right), 1)
    chosen = (
        (counts >= COMPLETE_MIN_PAIRS) & (share >= COMPLETE_SHARE) & (left * right <= BLOCK_MAX)
    )
    keys, area, share = keys[chosen], (left * right)[chosen], share[chosen]
    order = np.argsort(-share, kind="stable")
    keys = keys[order][np.cumsum(area[order]) <= budget]
    return keys // n_art, keys % n_art


def complete_blocks(
    candidates: Candidates, strong: np.ndarray, articles: np.ndarray, vectors: np.ndarray
) -> Candidates:
    """``candidates`` plus every claim pair of each article pair sharing ``strong`` pairs.

    ``strong`` marks candidate pairs that are sure matches (mutual best in their article
    pair, score >= :data:`STRONG_SCORE`).  Two articles sharing at least
    :data:`COMPLETE_MIN_PAIRS` of them, and one per :data:`COMPLETE_SHARE` claims of the
    shorter article (the same event, or a translation), compare all their claims: k-NN
    crowding (every sentence of one story looks alike) hides a claim's counterpart beyond
    its k nearest neighbours.  At most :data:`BLOCK_MAX` pairs per article pair and
    :data:`COMPLETE_BUDGET` per claim in all; cosines are exact (unit ``vectors``).
    """
    n = len(articles)
    left_article, right_article = _article_blocks(
        candidates, strong, articles, budget=COMPLETE_BUDGET * n
    )
    if not len(left_article):
        return candidates
    sizes = np.bincount(articles)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    order = np.argsort(articles, kind="stable")
    width = sizes[right_article]
    area = sizes[left_article] * width
    block = np.repeat(np.arange(len(area)), area)
    offset = np.arange(int(area.sum())) - np.repeat(np.cumsum(area) - area, area)
    rows = order[starts[left_article][block] + offset // width[block]]
    cols = order[starts[right_article][block] + offset % width[block]]
    known = candidates.rows.astype(np.int64) * n + candidates.cols
    found = np.minimum(rows, cols).astype(np.int64) * n + np.maximum(rows, cols)
    new = np.setdiff1d(found, known)  # only the new pairs get a cosine (in chunks)
    cosine = np.concatenate(
        [
            np.einsum("nd,nd->n", vectors[chunk // n], vectors[chunk % n])
            for chunk in np.array_split(new, max(1, len(new) // 65_536))
        ]
    )
    pairs = np.concatenate([known, new])
    merged = np.argsort(pairs, kind="stable")
    cosines = np.concatenate([candidates.cosine, cosine.astype(np.float32)])[merged]
    return Candidates(pairs[merged] // n, pairs[merged] % n, cosines)
