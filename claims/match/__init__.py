"""Stage 4: matching claims across sources, as four stages with one entry point each.

1. :mod:`claims.match.candidates` - :func:`find_candidates`: faiss k-NN candidate pairs;
2. :mod:`claims.match.score` - :func:`score_pairs`: margin, rank, stems, article prior;
3. :mod:`claims.match.clusters` - :func:`cluster_claims`: review clusters (every claim
   about one question, several per article allowed), over the scored candidate graph
   :mod:`claims.match.graph` builds (``build_graph``);
4. :mod:`claims.match.align` - :func:`align_clusters`: many-to-many links with a
   relation (``same`` / ``related`` / ``conflict``), a score and the hints behind it.

Each stage is injectable behind a small Protocol (:class:`CandidateFinder`,
:class:`PairScorer`, :class:`PairChecker`, :class:`StanceChecker`, :class:`Aligner`).
"""

from claims.match.align import Aligner, PairChecker, StanceChecker, align_clusters
from claims.match.candidates import CandidateFinder, Candidates, find_candidates
from claims.match.clusters import cluster_claims
from claims.match.score import PairScorer, PairScores, score_pairs

__all__ = [
    "Aligner",
    "CandidateFinder",
    "Candidates",
    "PairChecker",
    "PairScorer",
    "PairScores",
    "StanceChecker",
    "align_clusters",
    "cluster_claims",
    "find_candidates",
    "score_pairs",
]
