"""Tests for claims.similarity: symmetric pair scores."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from claims.similarity import (
    MARGIN_SPAN,
    hybrid_score,
    lexical_similarity,
    lexical_similarity_pairs,
    margin_score,
    ratio_margin,
    stems,
)

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(st.text(max_size=60), st.text(max_size=60))
def test_lexical_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    score = lexical_similarity(a, b)
    assert score == lexical_similarity(b, a)
    assert 0.0 <= score <= 1.0


def test_lexical_similarity_sees_through_typography() -> None:
    genuine = "Бітімгерлік күштері «бірде-бір» оқ атқан жоқ"
    spoofed = "бiтiмгeрлiк КҮШТЕРІ “бірде—бір” оқ атқан жоқ"
    assert lexical_similarity(genuine, spoofed) == 1.0
    assert lexical_similarity(genuine, "Алматыда ауа райы жылы болады") < 0.5


def test_lexical_similarity_pairs_matches_single_calls() -> None:
    texts = ["10 000 адам келді", "10000 адам келді", "мүлде басқа сөйлем"]
    rows, cols = np.array([0, 0, 1]), np.array([1, 2, 2])
    expected = [lexical_similarity(texts[r], texts[c]) for r, c in zip(rows, cols, strict=True)]
    np.testing.assert_allclose(lexical_similarity_pairs(texts, rows, cols), expected)


@given(st.floats(min_value=-1.0, max_value=1.0), unit, unit)
def test_ratio_margin_is_symmetric(cosine: float, r_a: float, r_b: float) -> None:
    forward = ratio_margin(np.array([cosine]), np.array([r_a]), np.array([r_b]))
    backward = ratio_margin(np.array([cosine]), np.array([r_b]), np.array([r_a]))
    assert forward[0] == backward[0]


def test_ratio_margin_rewards_pairs_in_sparse_neighbourhoods() -> None:
    cosine = np.array([0.85, 0.85])
    crowded = np.array([0.84, 0.84])
    sparse = np.array([0.70, 0.70])
    margins = ratio_margin(
        cosine, np.array([crowded[0], sparse[0]]), np.array([crowded[1], sparse[1]])
    )
    assert margins[1] > margins[0]


def test_margin_score_mapping() -> None:
    scores = margin_score(np.array([0.5, 1.0, 1.0 + MARGIN_SPAN / 2, 2.0]))
    np.testing.assert_allclose(scores, [0.0, 0.5, 1.0, 1.0], atol=1e-6)


@given(unit, unit)
def test_hybrid_score_bounds_and_lexical_only_raises(semantic: float, lexical: float) -> None:
    score = float(hybrid_score(np.array([semantic]), np.array([lexical]))[0])
    assert min(semantic, 1.0) - 1e-6 <= score <= max(semantic, lexical) + 1e-6
    lower = float(hybrid_score(np.array([semantic]), np.array([0.0]))[0])
    assert score >= lower - 1e-6


def test_a_number_before_a_multiplier_word_is_one_number_in_every_language() -> None:
    # "300 мың теңге" / "300 тысяч тенге" / "300,000 tenge" share their figure; so do
    # "18,4 мың гектар" and "18,400 hectares"
    figures = [stems(t) for t in ("300 мың теңге", "300 тысяч тенге", "300,000 tenge")]
    assert all("300000" in found for found in figures)
    assert "18400" in stems("18,4 мың гектар") and "18400" in stems("18,400 hectares")
    assert "1200000000" in stems("1,2 миллиард теңге қажет")
    assert stems("20 мамырда")[0] == "20"  # a number before another word stays as it is
