"""Claims left alone that state one specific figure in another language join its cluster."""

from __future__ import annotations

import numpy as np

from claims.match.clusters import review_labels
from claims.match.figures import figure_pairs
from claims.match.graph import ClaimGraph
from claims.model import Claim
from claims.similarity import figures
from tests.claims.match.factories import report_claims, scored_graph

KK = [
    "Өрт 19 тамызда басталды.",
    "Өртті сөндіруге 400 құтқарушы жұмылдырылды.",
    "Жалтыркөл ауылынан 310 тұрғын көшірілді.",
]
EN = [
    "The fire broke out on August 19.",
    "Some 400 rescuers fought the blaze.",
    "Residents were moved out, 310 in all, to the school in the next village.",
]


def _graph(cosine_evacuation: float, *, rank: int = 2, en: list[str] | None = None) -> ClaimGraph:
    texts = en if en is not None else EN
    pairs = [(0, 3), (1, 4), (2, 5)]
    cosine = np.asarray([0.95, 0.95, cosine_evacuation], dtype=np.float32)
    return scored_graph(
        [*report_claims("kk", KK), *report_claims("en", texts)],
        pairs,
        cosine=cosine,
        score=np.asarray([1.0, 1.0, 0.5]),
        rank=np.asarray([0, 0, rank]),
    )


def test_figures_are_scaled_numbers_of_ten_or_more_but_no_years() -> None:
    assert figures("около 12 тыс. гектаров") == figures("12,000 hectares") == {"12000"}
    assert figures("В 2024 году горело 2 села.") == frozenset()
    assert figures("1 146 адам, 3,5 млн теңге") == {"1146", "3500000"}
    assert figures("310 жителей") == figures("310 residents") != figures("311 residents")


def test_a_figure_across_languages_brings_a_lone_claim_into_its_counterparts_cluster() -> None:
    labels = review_labels(_graph(0.83), threshold=0.8)
    assert labels[2] == labels[5]
    assert labels[0] == labels[3] != labels[2]


def test_no_figure_a_low_cosine_or_a_far_rank_keeps_the_two_apart() -> None:
    other = [*EN[:2], "Residents were moved out to the school in the next village."]
    labels = review_labels(_graph(0.83, en=other), threshold=0.8)
    assert labels[2] != labels[5]
    labels = review_labels(_graph(0.70), threshold=0.8)
    assert labels[2] != labels[5]
    labels = review_labels(_graph(0.83, rank=5), threshold=0.8)
    assert labels[2] != labels[5]


def _one_pair_figure(claims: list[Claim], pair: tuple[int, int]) -> bool:
    """Whether :func:`figure_pairs` chooses ``pair``, the only candidate (cosine 0.83, rank 2)."""
    graph = scored_graph(
        claims,
        [pair],
        cosine=np.asarray([0.83], dtype=np.float32),
        score=np.asarray([0.5]),
        rank=np.asarray([2]),
    )
    none = np.zeros(1, dtype=bool)
    return bool(figure_pairs(graph, none, least_cosine=0.815, max_rank=3)[0])


def test_one_language_is_left_to_the_stems_and_taken_pairs_are_not_asked_again() -> None:
    graph = _graph(0.83)
    taken = np.asarray([False, False, True])
    found = figure_pairs(graph, taken, least_cosine=0.815, max_rank=3)
    assert found.tolist() == [True, True, False]  # "19", "400" shared; the taken pair not asked
    same = [*report_claims("kk", KK), *report_claims("kk2", KK)]
    assert not _one_pair_figure(same, (2, 5))


def _four_reports(en_last: str, kk_last: str) -> ClaimGraph:
    """en, kk, ru and an English wire: the last claims of en and wire, and of kk and ru,
    restate each other (sure pairs); en and kk's last claims meet at cosine 0.83 only."""
    en = [*EN[:2], en_last]
    kk = [*KK[:2], kk_last]
    ru = ["Пожар начался 19 августа.", "Огонь тушили 400 спасателей.", "Жителей вывезли в школу."]
    wire = ["Some 310 people were taken to a school."]
    claims = [*report_claims("en", en), *report_claims("kk", kk), *report_claims("ru", ru)]
    claims += report_claims("wire", wire)
    pairs = [(0, 3), (1, 4), (0, 6), (1, 7), (3, 6), (4, 7), (5, 8), (2, 9), (2, 5)]
    sure = len(pairs) - 1
    return scored_graph(
        claims,
        pairs,
        cosine=np.asarray([0.95] * sure + [0.83], dtype=np.float32),
        score=np.asarray([1.0] * sure + [0.5]),
        rank=[0] * sure + [2],
    )


def test_one_figure_merges_two_finished_clusters_unless_dated_apart() -> None:
    graph = _four_reports(EN[2], KK[2])
    labels = review_labels(graph, threshold=0.8)
    assert labels[2] == labels[9] and labels[5] == labels[8]  # each with its restatement
    assert labels[2] == labels[5]  # and the two clusters of the same 310 are one
    # the en claim dates an area on one day, the kk claim the move a month before: apart
    graph = _four_reports(
        "By 21 September 12,000 hectares had burned, 310 homes among them.",
        "19 тамызда Жалтыркөл ауылынан 310 тұрғын көшірілді.",
    )
    labels = review_labels(graph, threshold=0.8)
    assert labels[2] != labels[5]


def test_a_figure_the_article_repeats_tells_no_claim_apart() -> None:
    kk = [*KK[:2], "Жалтыркөл ауылынан 310 тұрғын көшірілді.", "310 тұрғын үйіне оралды."]
    claims = [*report_claims("kk", kk), *report_claims("en", EN)]
    assert not _one_pair_figure(claims, (2, 6))
    claims[3] = report_claims("kk", [*kk[:3], "Тұрғындар үйіне оралды."])[3]
    assert _one_pair_figure(claims, (2, 6))
