"""Check-worthiness: features fire as documented and rank claims sensibly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claims.worthiness import BASE, WEIGHTS, explain, score


def test_plain_sentence_scores_base_plus_its_features() -> None:
    text = "Кездесу жылы жағдайда өткізілді деп саналады."
    assert explain(text) == {}
    assert score(text) == BASE


def test_numbers_entities_negation_rank_above_plain_text() -> None:
    plain = score("Кездесу жылы жағдайда өткізілді деп саналады.")
    numeric = score("Шығын 2-3 миллиард АҚШ долларын құрайды.")
    negated = score("Бітімгерлік күштер операцияларға қатыспағанын мәлімдеді.")
    assert numeric > negated > plain
    assert set(explain("Шығын 2-3 миллиард АҚШ долларын құрайды.")) == {
        "number",
        "entity",
        "factual_verb",
    }
    assert "negation" in explain("ҰҚШҰ күштері бірде-бір оқ атқан жоқ.")
    assert "negation" in explain("Күштер операцияға қатыспағанын айтты.")
    assert "negation" in explain("The troops did not fire a single shot.")


def test_low_value_sentences_rank_low() -> None:
    claim = score("ҰҚШҰ күштері 2022 жылы 6 қаңтарда Алматыға келді.", speaker="Президент")
    for low in [
        "Бұл туралы Ақорда хабарлады.",
        "Фото: akorda.kz",
        "Құрметті отандастар!",
        "Бұл не үшін керек?",
        "оқылды",
    ]:
        assert score(low) < 0.25 < claim, low
    assert "question" in explain("Неге?")
    assert "meta" in explain("Сұхбат берді", meta=True)


def test_weights_are_documented_in_the_module_table() -> None:
    import claims.worthiness as module

    doc = module.__doc__ or ""
    for name, weight in WEIGHTS.items():
        assert name in doc
        assert f"{weight:+.2f}" in doc


@given(st.text(max_size=200), st.booleans(), st.booleans())
def test_score_is_always_in_unit_interval(text: str, meta: bool, question: bool) -> None:
    value = score(text, speaker="X" if meta else None, meta=meta, question=question)
    assert 0.0 <= value <= 1.0
    expected = min(
        1.0,
        max(
            0.0,
            BASE
            + sum(
                explain(text, speaker="X" if meta else None, meta=meta, question=question).values()
            ),
        ),
    )
    assert value == round(expected, 4)


def test_caller_flags_do_not_leak_through_the_text_cache() -> None:
    text = "Министр 2024 жылы 5 млн теңге бөлінгенін айтты"
    plain = explain(text)
    flagged = explain(text, speaker="Министр", meta=True, question=True)
    assert explain(text) == plain  # the flagged call did not change the cached features
    assert {"attributed", "meta", "question"} <= flagged.keys()
    assert not {"attributed", "meta", "question"} & plain.keys()
    assert list(flagged) == [name for name in WEIGHTS if name in flagged]  # table order
