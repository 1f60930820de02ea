"""compare_cluster: hints per cluster, built from hand-made claims and articles."""
# ruff: noqa: E501  (claim texts read best on one line)

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.compare import (
    NliError,
    NliLabel,
    compare_cluster,
    find_highlights,
    link_hints,
    load_nli,
)
from claims.errors import ClaimsError
from claims.model import Article, Claim, Hint, claim_id_for

SEED_2022 = (
    "Қасым-Жомарт Тоқаев ел аумағына ҰҚШҰ-ның бітімгерлік күштері құрамының орналастырылуы "
    "жөнінде нақты түсіндірме жасады. Бітімгерлік күштері әскери операцияларға қатыспайтынын "
    "ашып айтқым келеді. 1300-ге жуық кәсіпкерлік нысанға залал келді. Мемлекеттің шығыны 2-3 "
    "миллиард АҚШ долларын құрайды. Бітімгерлік күштері әскери операцияларға қатысты."
)
SEED_2024 = (
    "Мемлекет басшысы Қасым-Жомарт Тоқаев сұхбат берді. ҰҚШҰ бітімгерлік күштері "
    "лаңкестікке қарсы операцияларға қатысқан жоқ, бірде-бір оқ атқан жоқ. Армения жасағы "
    "нан зауытын күзетті. Ресей жасағы жылу электр орталығын күзетті. 1500-ден астам "
    "кәсіпкерлік нысанға залал келді. ОДКБ миротворцы."
)
EN_2022 = (
    "Tokayev said losses reached $2.5 billion. Kazakhstan asked the CSTO for help. "
    "Kazakhstan asked Russia for help. The ОДКБ troops did not fight."
)


def _article(
    article_id: str, text: str, published: date | None, source: str, language: str
) -> Article:
    return Article(
        article_id=article_id,
        source=source,
        title="t",
        text=text,
        language=language,
        content_hash=article_id,
        published=published,
    )


A22 = _article("A22", SEED_2022, date(2022, 1, 7), "akorda.kz", "kk")
A24 = _article("A24", SEED_2024, date(2024, 1, 3), "egemen.kz", "kk")
A24B = _article("A24B", SEED_2024, date(2024, 1, 10), "inform.kz", "kk")
EN = _article("AEN", EN_2022, date(2022, 1, 8), "reuters.com", "en")
ARTICLES = {a.article_id: a for a in (A22, A24, A24B, EN)}


def _claim(article: Article, text: str) -> Claim:
    start = article.text.index(text)
    end = start + len(text)
    return Claim(
        claim_id_for(article.article_id, start, end),
        article.article_id,
        text,
        start,
        end,
        0,
        len(article.text),
    )


def _kinds(hints: Sequence[Hint]) -> list[str]:
    return [h.kind for h in hints]


def _assert_values_are_substrings(hints: Sequence[Hint], claims: Sequence[Claim]) -> None:
    texts = {c.claim_id: c.text for c in claims}
    for hint in hints:
        assert set(hint.claim_ids) <= set(texts)
        for claim_id, value in hint.values:
            assert value and value in texts[claim_id], (hint, value)
        assert "\n" not in hint.message


def test_seed_pair_agrees_in_polarity_and_the_publication_gap_is_no_hint() -> None:
    negated_2024 = _claim(
        A24,
        "ҰҚШҰ бітімгерлік күштері лаңкестікке қарсы операцияларға қатысқан жоқ, бірде-бір оқ атқан жоқ",
    )
    negated_2022 = _claim(
        A22, "Бітімгерлік күштері әскери операцияларға қатыспайтынын ашып айтқым келеді"
    )
    hints = compare_cluster([negated_2024, negated_2022], articles=ARTICLES)
    assert "negation" not in _kinds(hints)
    assert "time" not in _kinds(hints)  # two years between the articles is context, not a hint


def test_negated_vs_affirmed_gets_a_negation_hint() -> None:
    negated = _claim(
        A22, "Бітімгерлік күштері әскери операцияларға қатыспайтынын ашып айтқым келеді"
    )
    affirmed = _claim(A22, "Бітімгерлік күштері әскери операцияларға қатысты")
    (hints,) = link_hints([(negated, affirmed)], articles=ARTICLES)
    (hint,) = [h for h in hints if h.kind == "negation"]
    assert dict(hint.values) == {negated.claim_id: "қатыспайтынын", affirmed.claim_id: "қатысты"}
    assert "negative" in hint.message and "affirmative" in hint.message
    _assert_values_are_substrings(hints, [negated, affirmed])


def test_negation_across_languages() -> None:
    negated = _claim(EN, "The ОДКБ troops did not fight")
    affirmed = _claim(A24, "ОДКБ миротворцы")
    assert "negation" in _kinds(compare_cluster([negated, affirmed], articles=ARTICLES))


def test_numbers_that_differ_get_a_number_hint() -> None:
    a = _claim(A22, "1300-ге жуық кәсіпкерлік нысанға залал келді")
    b = _claim(A24, "1500-ден астам кәсіпкерлік нысанға залал келді")
    hints = compare_cluster([a, b], articles=ARTICLES)
    (hint,) = [h for h in hints if h.kind == "number"]
    assert dict(hint.values) == {a.claim_id: "1300-ге жуық", b.claim_id: "1500-ден астам"}
    assert hint.message == "numbers differ: ~1300 vs >1500"


def test_overlapping_range_is_not_a_number_difference() -> None:
    a = _claim(A22, "Мемлекеттің шығыны 2-3 миллиард АҚШ долларын құрайды")
    b = _claim(EN, "Tokayev said losses reached $2.5 billion")
    hints = compare_cluster([a, b], articles=ARTICLES)
    assert "number" not in _kinds(hints)
    assert "time" not in _kinds(hints)  # one day apart, no explicit times


def test_same_entity_in_two_languages_is_not_an_entity_difference() -> None:
    a = _claim(A24, "ОДКБ миротворцы")
    b = _claim(
        A22,
        "Қасым-Жомарт Тоқаев ел аумағына ҰҚШҰ-ның бітімгерлік күштері құрамының орналастырылуы жөнінде нақты түсіндірме жасады",
    )
    hints = compare_cluster([a, b], articles=ARTICLES)
    assert not [h for h in hints if h.kind == "entity" and "CSTO" in h.message]


def test_different_actors_get_an_entity_hint() -> None:
    a = _claim(A24, "Армения жасағы нан зауытын күзетті")
    b = _claim(A24B, "Ресей жасағы жылу электр орталығын күзетті")
    hints = compare_cluster([a, b], articles=ARTICLES)
    (hint,) = [h for h in hints if h.kind == "entity"]
    assert hint.message.startswith("different actors: ")
    assert set(hint.message.split(": ")[1].split(" vs ")) == {"Armenia", "Russia"}
    assert dict(hint.values) == {a.claim_id: "Армения", b.claim_id: "Ресей"}


def test_asked_russia_vs_asked_the_csto() -> None:
    a = _claim(EN, "Kazakhstan asked the CSTO for help")
    c = _claim(EN, "Kazakhstan asked Russia for help")
    # two claims of one article are not compared for actors
    assert "entity" not in _kinds(compare_cluster([a, c], articles=ARTICLES))
    en2 = _article("AEN2", EN_2022, date(2022, 1, 9), "ap.org", "en")
    c2 = _claim(en2, "Kazakhstan asked Russia for help")
    hints = compare_cluster([a, c2], articles={**ARTICLES, "AEN2": en2})
    (hint,) = [h for h in hints if h.kind == "entity"]
    assert set(hint.message.split(": ")[1].split(" vs ")) == {"CSTO", "Russia"}
    assert dict(hint.values) == {a.claim_id: "CSTO", c2.claim_id: "Russia"}


def test_singleton_names_the_source() -> None:
    a = _claim(A22, "Бітімгерлік күштері әскери операцияларға қатысты")
    hints = compare_cluster([a], articles=ARTICLES)
    assert hints == [Hint("singleton", "only in source akorda.kz", (a.claim_id,))]
    b = _claim(EN, "Kazakhstan asked the CSTO for help")
    assert "singleton" not in _kinds(compare_cluster([a, b], articles=ARTICLES))


def test_explicit_times_that_differ() -> None:
    ru = _article(
        "ARU",
        "В 2021 году было 5 случаев. В 2022 году было 5 случаев.",
        date(2022, 3, 1),
        "tass.ru",
        "ru",
    )
    a = _claim(ru, "В 2021 году было 5 случаев")
    b = _claim(ru, "В 2022 году было 5 случаев")
    (hints,) = link_hints([(a, b)], articles={"ARU": ru})
    (hint,) = [h for h in hints if h.kind == "time"]
    assert hint.message == "times differ: 2021 vs 2022"
    assert dict(hint.values) == {a.claim_id: "2021 году", b.claim_id: "2022 году"}


def test_order_is_deterministic() -> None:
    claims = [
        _claim(A22, "1300-ге жуық кәсіпкерлік нысанға залал келді"),
        _claim(A24, "1500-ден астам кәсіпкерлік нысанға залал келді"),
        _claim(A24B, "Армения жасағы нан зауытын күзетті"),
        _claim(A24, "Ресей жасағы жылу электр орталығын күзетті"),
        _claim(A22, "Бітімгерлік күштері әскери операцияларға қатысты"),
    ]
    expected = compare_cluster(claims, articles=ARTICLES)
    assert {h.kind for h in expected} >= {"number", "entity"}
    for seed in range(5):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert compare_cluster(shuffled, articles=ARTICLES) == expected
    _assert_values_are_substrings(expected, claims)


def test_unknown_article_is_a_clear_error() -> None:
    orphan = Claim("K1", "A404", "x", 0, 1, 0, 1)
    with pytest.raises(ClaimsError, match="unknown article A404"):
        compare_cluster([orphan], articles=ARTICLES)
    assert compare_cluster([], articles=ARTICLES) == []


class _FakeNli:
    """Deterministic test double: says "contradict" when exactly one text is negative."""

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NliLabel]:
        self.calls.append(list(pairs))
        out: list[NliLabel] = []
        for premise, hypothesis in pairs:
            negs = ("жоқ" in premise) + ("жоқ" in hypothesis)
            out.append("contradict" if negs == 1 else "entail")
        return out


def test_nli_hints_come_from_the_model() -> None:
    a = _claim(
        A24,
        "ҰҚШҰ бітімгерлік күштері лаңкестікке қарсы операцияларға қатысқан жоқ, бірде-бір оқ атқан жоқ",
    )
    b = _claim(A22, "Бітімгерлік күштері әскери операцияларға қатысты")
    model = _FakeNli()
    hints = compare_cluster([a, b], articles=ARTICLES, nli=model)
    (hint,) = [h for h in hints if h.kind == "nli"]
    assert set(hint.claim_ids) == {a.claim_id, b.claim_id}
    assert len(model.calls) == 1 and len(model.calls[0]) == 2  # both directions, one batch
    assert "nli" not in _kinds(compare_cluster([a, b], articles=ARTICLES))


def test_nli_returning_wrong_count_is_an_error() -> None:
    class Broken:
        def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NliLabel]:
            return []

    a = _claim(A24, "ОДКБ миротворцы")
    b = _claim(A22, "Бітімгерлік күштері әскери операцияларға қатысты")
    with pytest.raises(NliError, match="returned 0 labels for 2 pairs"):
        compare_cluster([a, b], articles=ARTICLES, nli=Broken())


def test_load_nli_offline_error_is_one_line() -> None:
    with pytest.raises(NliError) as info:
        load_nli("/nonexistent/nli-model")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("cannot load NLI model '/nonexistent/nli-model' offline")


def test_find_highlights_example() -> None:
    text = "ҰҚШҰ бітімгерлік күштері 2022 жылы 1300-ге жуық нысанды күзеткен жоқ"
    spans = {(text[s:e], kind) for s, e, kind in find_highlights(text, language="kk")}
    assert {
        ("ҰҚШҰ", "entity"),
        ("2022", "time"),
        ("1300-ге жуық", "number"),
        ("жоқ", "negation"),
    } <= spans


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("ҰҚШҰ Ресей 2022 жылы 1300-ге жуық жоқ not CSTO $2.5 bn, «»–.")
        ),
        max_size=80,
    ),
    st.sampled_from(["kk", "ru", "en"]),
)
def test_highlight_spans_index_the_text(text: str, language: str) -> None:
    spans = find_highlights(text, language=language)
    assert spans == sorted(spans)
    for start, end, kind in spans:
        assert 0 <= start < end <= len(text)
        assert kind in {"number", "negation", "entity", "time"}
        assert text[start:end].strip() == text[start:end]
