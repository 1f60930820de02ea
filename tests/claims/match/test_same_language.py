"""Two claims in one language join only when they share some words (clusters.graph_edges)."""

from __future__ import annotations

import numpy as np

from claims.match.candidates import Candidates
from claims.match.clusters import SAME_LANGUAGE_LEXICAL, graph_edges
from claims.match.graph import ClaimGraph
from claims.match.score import PairScores
from tests.claims.match.factories import text_claim

SAIGAS = "Резерват аумағындағы ақбөкендердің басым бөлігі өрт аймағынан солтүстікке қарай кетті."
PEAK = "Өрт ең қызған шақта оны сөндіруге 600-ден астам адам жұмылдырылған."
PEAK_RU = "На пике тушения работали более 600 человек."


def _pair(a: str, b: str, *, lexical: float, score: float = 0.85) -> ClaimGraph:
    """Two one-claim articles whose claims are each other's best match at ``score``."""
    claims = [text_claim("a", 0, a), text_claim("b", 0, b)]
    one = np.ones(1, dtype=np.float32)
    scores = PairScores(
        score * one, 0.9 * one, 0.8 * one, lexical * one, np.zeros(1, dtype=np.int64), 0 * one,
        0.8 * one,
    )  # fmt: skip
    candidates = Candidates(np.asarray([0]), np.asarray([1]), 0.9 * one)
    worth = np.full(2, 0.6, dtype=np.float32)
    return ClaimGraph(candidates, scores, np.asarray([0, 1]), worth, np.zeros(2, np.int64), claims)


def test_two_kazakh_claims_of_one_story_sharing_no_words_stay_apart() -> None:
    # same-language cosines run high for any two claims of a story (0.9 here): saigas fleeing
    # north and the number of firefighters were each other's best match in xref_dev2
    assert not graph_edges(_pair(SAIGAS, PEAK, lexical=0.0), threshold=0.8).edge[0]
    assert graph_edges(_pair(SAIGAS, PEAK, lexical=SAME_LANGUAGE_LEXICAL), threshold=0.8).edge[0]


def test_a_translation_needs_no_shared_words_and_a_sure_pair_joins_anyway() -> None:
    assert graph_edges(_pair(PEAK, PEAK_RU, lexical=0.0), threshold=0.8).edge[0]
    assert graph_edges(_pair(SAIGAS, PEAK, lexical=0.0, score=0.97), threshold=0.8).edge[0]
