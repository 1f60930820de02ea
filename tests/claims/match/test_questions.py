"""Question-level grouping: claims of one question with other facts, in two reports of one event."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from claims.lang.counted import counted_things
from claims.match.clusters import merge_questions, review_labels
from claims.match.dated import days_between, other_questions
from claims.match.graph import ClaimGraph
from claims.match.questions import CAUSE, DAY, fact_kinds, shared_kinds
from tests.claims.match.factories import report_claims, scored_graph, text_claim


def test_counted_things_fold_kk_ru_en_nouns_on_either_side_of_the_number() -> None:
    assert counted_things("Кейін үйлердің 64-і жарамсыз деп танылды.") == {"homes"}
    assert counted_things("подтоплены около 350 жилых домов.") == {"homes"}
    assert counted_things("About 300 homes were flooded.") == {"homes"}
    assert counted_things("Река вышла из берегов.") == frozenset()


def test_fact_kinds_are_currencies_and_counted_things_not_people_or_durations() -> None:
    assert fact_kinds(text_claim("a", 0, "The average payout was 4.3 million tenge.")) == {"KZT"}
    assert fact_kinds(text_claim("a", 0, "от 3 до 5 млн тенге")) == {"KZT"}
    assert fact_kinds(text_claim("a", 0, "Evacuated 1,146 people within 2 days.")) == frozenset()
    assert fact_kinds(text_claim("a", 0, "Homes were flooded.")) == frozenset()  # no number


def test_shared_kinds_needs_one_unit_and_no_unit_of_its_own() -> None:
    claims = [
        text_claim("a", 0, "The average payout was 4.3 million tenge."),
        text_claim("b", 0, "Компенсация составит от 3 до 5 млн тенге."),
        text_claim("b", 1, "Sixty-four homes were declared unfit."),
        text_claim("a", 1, "подтоплены около 350 жилых домов."),
        text_claim("a", 2, "Each of 291 families whose homes flooded got 500,000 tenge."),
    ]
    rows, cols = np.asarray([0, 2, 2, 4]), np.asarray([1, 3, 0, 2])
    assert shared_kinds(claims, rows, cols, counts=True)[0].tolist() == [True, True, False, False]
    assert shared_kinds(claims, rows, cols, counts=False)[0].tolist() == [True, False, False, False]


def test_merge_questions_takes_best_pairs_first_and_keeps_the_cap() -> None:
    labels = np.asarray([0, 0, 1, 1, 2, 2])
    rows, cols = np.asarray([1, 3]), np.asarray([2, 4])
    merged = merge_questions(labels, rows, cols, np.asarray([0.9, 0.8]), cap=4)
    assert merged[0] == merged[2] and merged[3] != merged[4]
    merged = merge_questions(labels, rows, cols, np.asarray([0.8, 0.9]), cap=4)
    assert merged[2] == merged[4] and merged[0] != merged[2]
    assert len(set(merge_questions(labels, rows, cols, np.ones(2), cap=6).tolist())) == 1


def _event_graph(
    texts_a: list[str],
    texts_b: list[str],
    pairs: dict[tuple[int, int], float],
    *,
    far: frozenset[tuple[int, int]] = frozenset(),
) -> ClaimGraph:
    """Two reports of one event: A's claims then B's; ``(a, b) -> cosine``, >= 0.9 sure
    (rank 0), else rank 2, or rank 5 for the pairs in ``far``."""
    keys = sorted(pairs)
    cosine = np.asarray([pairs[k] for k in keys], dtype=np.float32)
    rank = np.where(cosine >= 0.9, 0, 2)
    rank[[i for i, key in enumerate(keys) if key in far]] = 5
    return scored_graph(
        [*report_claims("a", texts_a), *report_claims("b", texts_b)],
        [(a, len(texts_a) + b) for a, b in keys],
        cosine=cosine,
        score=np.where(cosine >= 0.9, 1.0, 0.5),
        rank=rank,
    )


FILLER_A = ["The river rose overnight.", "The dam broke at dawn.", "Roads were closed."]
FILLER_B = ["Река поднялась ночью.", "Дамбу прорвало на рассвете.", "Дороги перекрыты."]


def test_a_promised_range_and_the_average_paid_share_a_cluster_in_one_event() -> None:
    texts_a = [*FILLER_A, "The average payout was 4.3 million tenge."]
    texts_b = [*FILLER_B, "Семьям выплатят от 3 до 5 млн тенге."]
    sure = {(0, 0): 0.95, (1, 1): 0.95}  # two sure pairs of four claims: one event
    labels = review_labels(_event_graph(texts_a, texts_b, sure | {(3, 3): 0.83}), threshold=0.8)
    assert labels[3] == labels[len(texts_a) + 3]
    # no shared kind of fact (a count of homes against money) stays apart
    texts_b[3] = "Подтоплены около 350 жилых домов."
    labels = review_labels(_event_graph(texts_a, texts_b, sure | {(3, 3): 0.83}), threshold=0.8)
    assert labels[3] != labels[len(texts_a) + 3]
    # a low cosine stays apart
    texts_b[3] = "Семьям выплатят от 3 до 5 млн тенге."
    labels = review_labels(_event_graph(texts_a, texts_b, sure | {(3, 3): 0.7}), threshold=0.8)
    assert labels[3] != labels[len(texts_a) + 3]
    # without the claims (no facts to read) the graph joins nothing new
    graph = dataclasses.replace(_event_graph(texts_a, texts_b, sure | {(3, 3): 0.83}), claims=None)
    labels = review_labels(graph, threshold=0.8)
    assert labels[3] != labels[len(texts_a) + 3]


def test_a_calendar_day_is_a_kind_of_fact_in_kk_ru_en_but_a_year_or_month_is_not() -> None:
    assert DAY in fact_kinds(
        text_claim("a", 0, "The dam gave way in the early hours of April 5, 2025.")
    )
    assert DAY in fact_kinds(text_claim("a", 0, "Бөгет 6 сәуірден 7 сәуірге қараған түні бұзылды."))
    assert DAY in fact_kinds(text_claim("a", 0, "Дамбу прорвало в ночь на 7 апреля."))
    assert DAY not in fact_kinds(text_claim("a", 0, "The dam was rebuilt in October 2025."))
    assert DAY not in fact_kinds(text_claim("a", 0, "The dam was rebuilt in 2025."))


def test_shared_kinds_with_days_pairs_two_dated_claims_and_days_alone_are_not_a_unit() -> None:
    claims = [
        text_claim("a", 0, "The dam gave way on April 5, 2025."),
        text_claim("b", 0, "Дамбу прорвало в ночь на 7 апреля."),
        text_claim("b", 1, "Режим ЧС сняли 20 мая, выплатив 4 млн тенге."),
        text_claim("a", 1, "The average payout was 4.3 million tenge."),
    ]
    rows, cols = np.asarray([0, 2]), np.asarray([1, 3])
    assert shared_kinds(claims, rows, cols, counts=True)[1].tolist() == [True, False]
    # a day on one side only is no unit of its own: the two amounts in tenge still share
    assert shared_kinds(claims, rows, cols, counts=True)[0].tolist() == [False, True]


def test_two_dates_of_one_event_share_a_cluster_when_no_other_question_took_them() -> None:
    texts_a = [*FILLER_A, "The earthen dam gave way in the early hours of April 5, 2025."]
    texts_b = [*FILLER_B, "Плотину размыло в ночь с 6 на 7 апреля 2025 года."]
    sure = {(0, 0): 0.95, (1, 1): 0.95}
    labels = review_labels(_event_graph(texts_a, texts_b, sure | {(3, 3): 0.82}), threshold=0.8)
    assert labels[3] == labels[len(texts_a) + 3]
    # a pair of one currency is taken first: the dated claim of B that also pays stays apart
    texts_a.append("The average payout was 4.3 million tenge.")
    texts_b[3] = "Семьям выплатят от 3 до 5 млн тенге до 7 апреля."
    pairs = sure | {(3, 3): 0.84, (4, 3): 0.83}
    labels = review_labels(_event_graph(texts_a, texts_b, pairs), threshold=0.8)
    assert labels[4] == labels[len(texts_a) + 3] != labels[3]


def test_two_dates_far_down_either_claims_list_stay_apart() -> None:
    # many claims of a story name a day (start, area on a date, emergency from a date): a
    # dated pair is one question only when each is among the other's best few counterparts
    texts_a = [*FILLER_A, "The earthen dam gave way in the early hours of April 5, 2025."]
    texts_b = [*FILLER_B, "Плотину размыло в ночь с 6 на 7 апреля 2025 года."]
    sure = {(0, 0): 0.95, (1, 1): 0.95}
    graph = _event_graph(texts_a, texts_b, sure | {(3, 3): 0.82}, far=frozenset({(3, 3)}))
    labels = review_labels(graph, threshold=0.8)
    assert labels[3] != labels[len(texts_a) + 3]


def test_two_stated_causes_of_one_event_are_one_question() -> None:
    assert CAUSE in fact_kinds(
        text_claim("a", 0, "Алдын ала деректер бойынша, өрт құрғақ найзағай түсуінен басталған.")
    )
    assert CAUSE in fact_kinds(
        text_claim("b", 0, "Возгорание произошло из-за непотушенного костра отдыхающих.")
    )
    assert CAUSE not in fact_kinds(text_claim("a", 1, "Өрт 19 тамыздан басталды."))
    texts_a = [*FILLER_A, "Алдын ала деректер бойынша, өрт құрғақ найзағай түсуінен басталған."]
    texts_b = [*FILLER_B, "Возгорание произошло из-за непотушенного костра отдыхающих."]
    sure = {(0, 0): 0.95, (1, 1): 0.95}
    labels = review_labels(_event_graph(texts_a, texts_b, sure | {(3, 3): 0.83}), threshold=0.8)
    assert labels[3] == labels[len(texts_a) + 3]
    # a cause on one side only is no question of its own
    texts_b[3] = "Пожар охватил 12 тысяч гектаров."
    labels = review_labels(_event_graph(texts_a, texts_b, sure | {(3, 3): 0.83}), threshold=0.8)
    assert labels[3] != labels[len(texts_a) + 3]


def test_a_day_beside_a_measure_the_other_lacks_asks_another_question() -> None:
    # "as of 21 August the fire covered 12,000 ha" dates the area, not the start
    claims = [
        text_claim("a", 0, "As of August 21, the fire covered 12,000 hectares."),
        text_claim("b", 0, "Пожар начался 19 августа."),
        text_claim("b", 1, "На 21 августа площадь пожара составила около 12 тыс. гектаров."),
    ]
    rows, cols = np.asarray([0, 0]), np.asarray([1, 2])
    unit, day = shared_kinds(claims, rows, cols, counts=True)
    assert day.tolist() == [False, True]
    assert unit.tolist() == [False, True]


START_EN = "The fire broke out in the reserve on the afternoon of Aug. 18, 2025."
AREA_RU = "Площадь пожара в резервате к утру 21 августа достигла около 12 тыс. гектаров."


def test_two_days_apart_with_a_measure_on_one_side_only_are_two_questions() -> None:
    claims = [
        text_claim("a", 0, START_EN),
        text_claim("b", 0, AREA_RU),
        text_claim("b", 1, "Огонь вспыхнул днём 19 августа."),
        text_claim("a", 1, "By August 21 the fire covered 12,000 hectares."),
        text_claim("a", 2, "The fire was out by Aug. 21, 2025."),
    ]
    rows, cols = np.asarray([0, 0, 3, 1]), np.asarray([1, 2, 1, 4])
    # start / area on two days: apart; two starts on two days: a conflict to review, not
    # two questions; two areas on one day: one question; one day in common: one question
    assert other_questions(claims, rows, cols).tolist() == [True, False, False, False]


def test_a_close_start_and_area_claim_share_no_cluster_however_alike() -> None:
    texts_a = [*FILLER_A, START_EN]
    texts_b = [*FILLER_B, AREA_RU]
    labels = review_labels(_event_graph(texts_a, texts_b, {(3, 3): 0.95}), threshold=0.8)
    assert labels[3] != labels[len(texts_a) + 3]
    # the same closeness with one day joins: the veto reads the facts, not the cosine
    texts_b[3] = "Пожар вспыхнул днём 18 августа 2025 года в резервате."
    labels = review_labels(_event_graph(texts_a, texts_b, {(3, 3): 0.95}), threshold=0.8)
    assert labels[3] == labels[len(texts_a) + 3]


def test_days_more_than_a_month_apart_are_two_questions_but_a_slip_is_a_conflict() -> None:
    assert days_between(frozenset({(4, 5)}), frozenset({(5, 20)})) == 45
    assert days_between(frozenset({(12, 30)}), frozenset({(1, 2)})) == 3
    assert days_between(frozenset({(2, 29)}), frozenset({(3, 1)})) == 1
    claims = [
        text_claim("a", 0, "The earthen dam gave way in the early hours of April 5, 2025."),
        text_claim("b", 0, "Режим чрезвычайной ситуации в районе сняли 20 мая 2025 года."),
        text_claim("b", 1, "Дамбу прорвало в ночь на 7 апреля."),
        text_claim("b", 2, "Дамбу прорвало 5 мая."),
    ]
    rows, cols = np.asarray([0, 0, 0]), np.asarray([1, 2, 3])
    # 45 days apart: the break and the end of the emergency; two days or one month (the
    # same day of the next month) apart: one question, dated differently
    assert other_questions(claims, rows, cols).tolist() == [True, False, False]


def test_a_zero_stated_without_a_number_counts_and_a_lone_one_does_not() -> None:
    # "Погибших нет" / "Қаза тапқан адам жоқ" / "No one died" state a count of deaths: zero
    for text in ("Погибших нет.", "Қаза тапқан адам жоқ", "No one died."):
        assert fact_kinds(text_claim("a", 0, text)) == {"count:deaths"}, text
    assert fact_kinds(text_claim("a", 0, "Homes burned, one by one.")) == frozenset()
    claims = [
        text_claim("a", 0, "Погибших нет."),
        text_claim("b", 0, "No one died, but two firefighters were treated for burns."),
    ]
    unit, _ = shared_kinds(claims, np.asarray([0]), np.asarray([1]), counts=True)
    assert unit.tolist() == [True]


_DAYS = st.frozensets(st.tuples(st.integers(0, 13), st.integers(0, 32)), min_size=1, max_size=3)


@given(_DAYS, _DAYS)
def test_days_between_is_symmetric_and_at_most_half_a_year(
    left: frozenset[tuple[int, int]], right: frozenset[tuple[int, int]]
) -> None:
    gap = days_between(left, right)
    assert gap == days_between(right, left)
    assert 0 <= gap <= 182
    assert days_between(left, left) == 0
