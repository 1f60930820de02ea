"""Tie pairs: a claim restated by two claims of another report joins both (many-to-many)."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from claims.match.candidates import Candidates
from claims.match.clusters import MAX_RANK, QUESTION_COSINE, review_labels
from claims.match.graph import ClaimGraph
from claims.match.score import MUTUAL_BONUS, score_pairs
from claims.match.ties import attach_ties, sibling_pairs, tie_pairs
from claims.model import Claim
from tests.claims.match.factories import report_claims, scored_graph, text_claim

NEAR: dict[str, Any] = {"least_cosine": QUESTION_COSINE, "max_rank": MAX_RANK}


def test_score_pairs_gap_is_the_cosine_below_either_ends_best_counterpart() -> None:
    # a0 (article 0) has two counterparts in article 1; b1 also has c0 (article 2) closer
    candidates = Candidates(
        np.asarray([0, 0, 2], dtype=np.int64),
        np.asarray([1, 2, 3], dtype=np.int64),
        np.asarray([0.93, 0.92, 0.95], dtype=np.float32),
    )
    texts = ["Flood hit two villages.", "Two villages flooded.", "Villages under water.", "x"]
    scores = score_pairs(candidates, texts=texts, articles=np.asarray([0, 1, 1, 2]))
    assert scores.gap is not None
    assert np.allclose(scores.gap, [0.0, 0.01, 0.0], atol=1e-6)
    assert scores.rank.tolist() == [0, 1, 0]


def test_attach_ties_moves_only_a_claim_left_alone_best_pair_first_within_the_cap() -> None:
    labels = np.asarray([0, 0, 1, 2, 2, 3, 4])
    # 2 (alone) joins 0's cluster; 1 and 3 are both in clusters of two: no merge
    out = attach_ties(labels, np.asarray([2, 1]), np.asarray([0, 3]), np.ones(2), cap=10)
    assert out.tolist() == [0, 0, 0, 2, 2, 3, 4]
    # the lone end may be either end of the pair; two lone claims form a pair
    out = attach_ties(labels, np.asarray([0, 5]), np.asarray([2, 6]), np.ones(2), cap=10)
    assert out[2] == out[0] and out[5] == out[6] and out[5] != out[0]
    # a lone claim tied to two clusters joins the better tie only
    out = attach_ties(labels, np.asarray([5, 5]), np.asarray([0, 3]), np.asarray([0.8, 0.9]),
                      cap=10)  # fmt: skip
    assert out[5] == out[3] and out[5] != out[0]
    # no cluster grows past the cap
    out = attach_ties(labels, np.asarray([2]), np.asarray([0]), np.ones(1), cap=2)
    assert out.tolist() == labels.tolist()


def _restated_twice(*, gap: float, score: float) -> ClaimGraph:
    """Article a: a0 and a filler; article b: b0 (a0's mutual best) and b1 (tied with b0)."""
    a = ["The flood cut off two villages in the district.", "Schools closed for three days."]
    b = [
        "A year ago the flood cut off two villages.",
        "Back then the water cut off both villages for a week.",
        "Classes were cancelled for three days.",
    ]
    return scored_graph(
        [*report_claims("a", a), *report_claims("b", b)],
        [(0, 2), (0, 3), (1, 4)],
        cosine=[0.935, 0.935 - gap, 0.95],
        score=[1.0, score, 1.0],
        rank=[0, 1, 0],
        lexical=0.3,  # the restatements share words (the flood, villages)
        gap=[0.0, gap, 0.0],
    )


def test_a_claim_restated_twice_by_another_report_shares_a_cluster_with_both() -> None:
    near = 0.8 - MUTUAL_BONUS + 0.01  # reaches the threshold only as a mutual best
    graph = _restated_twice(gap=0.005, score=near)
    assert tie_pairs(graph, threshold=0.8, **NEAR).tolist() == [False, True, False]
    labels = review_labels(graph, threshold=0.8)
    assert labels[0] == labels[2] == labels[3] and labels[1] == labels[4] != labels[0]
    # not a tie: a counterpart clearly below the best stays apart
    labels = review_labels(_restated_twice(gap=0.05, score=near), threshold=0.8)
    assert labels[3] != labels[0]
    # a near-tie of two distant claims (unrelated claims where every cosine is alike)
    graph = _restated_twice(gap=0.005, score=near)
    far = dataclasses.replace(graph.candidates, cosine=graph.candidates.cosine - 0.3)
    assert not tie_pairs(dataclasses.replace(graph, candidates=far), threshold=0.8, **NEAR).any()
    # a tie too weak to reach the threshold even as a mutual best stays apart
    labels = review_labels(_restated_twice(gap=0.005, score=0.5), threshold=0.8)
    assert labels[3] != labels[0]
    # scores without a gap (a scorer that does not measure it) make no tie
    graph = _restated_twice(gap=0.005, score=0.7)
    graph = dataclasses.replace(graph, scores=dataclasses.replace(graph.scores, gap=None))
    assert not tie_pairs(graph, threshold=0.8, **NEAR).any()


def _split_sentence(
    *,
    cosine: float,
    rank: int,
    whole: str = "Дамбу прорвало на рассвете, но никто не пострадал.",
    lexical: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> ClaimGraph:
    """Article a cuts one sentence into two clause claims; article b keeps it ``whole``."""
    sentence = "The dam broke at dawn, but nobody was hurt."
    cut = sentence.index(", but")
    claims = [
        Claim("a0", "a", sentence[:cut], 0, cut, 0, len(sentence), None, 0.5, position=0),
        Claim(
            "a1",
            "a",
            sentence[cut + 6 :],
            cut + 6,
            len(sentence),
            0,
            len(sentence),
            None,
            0.5,
            position=1,
        ),
        text_claim("b", 0, whole),
        text_claim("a", 2, "Roads were closed."),  # its own sentence: no sibling
    ]
    return scored_graph(
        claims,
        [(0, 2), (1, 2), (2, 3)],
        cosine=[0.9, cosine, cosine],
        score=[0.9, 0.5, 0.5],
        rank=[0, rank, rank],
        gap=[0.0, 0.9 - cosine, 0.9 - cosine],
        lexical=list(lexical),
    )


def test_both_clause_claims_of_a_sentence_share_a_cluster_with_the_whole_translation() -> None:
    graph = _split_sentence(cosine=0.85, rank=1)
    edge = np.asarray([True, False, False])
    # the second piece meets the whole its sibling met; the claim of another sentence does not
    assert sibling_pairs(graph, edge, **NEAR).tolist() == [False, True, False]
    labels = review_labels(graph, threshold=0.8)
    assert labels[0] == labels[1] == labels[2] != labels[3]
    # a distant or far-ranked piece stays apart
    for far in (_split_sentence(cosine=0.7, rank=1), _split_sentence(cosine=0.85, rank=5)):
        assert not sibling_pairs(far, edge, **NEAR).any()
        assert review_labels(far, threshold=0.8)[1] != review_labels(far, threshold=0.8)[2]
    # no claims to read sentences from: no sibling pairs
    assert not sibling_pairs(dataclasses.replace(graph, claims=None), edge, **NEAR).any()


def test_a_piece_does_not_follow_its_sibling_along_an_edge_the_language_rule_removed() -> None:
    # Both reports in English: the first piece's edge to the whole shares no word (it may not
    # join), so the second piece has no sibling edge to follow, however many words it shares
    graph = _split_sentence(
        cosine=0.85, rank=1, whole="The levee gave way early; no one was injured.",
        lexical=(0.0, 0.3, 0.0),
    )  # fmt: skip
    labels = review_labels(graph, threshold=0.8)
    assert labels[0] != labels[2] and labels[1] != labels[2]
