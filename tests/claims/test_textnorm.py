"""Tests for claims.textnorm.normalize."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.textnorm import normalize, script_of_word


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Бiрде-бiр оқ атқан жоқ", "бірде-бір оқ атқан жоқ"),  # Latin i in Kazakh words
        ("Пpезидент Тoкаев", "президент токаев"),  # Latin p, o in Cyrillic words
        ("ВCЕ", "все"),  # upper-case Latin C inside a Cyrillic word
        ("Моscow", "moscow"),  # Cyrillic М, о inside a Latin word
        ("«Алматы»", '"алматы"'),
        ("„Астана“ “x” 'y'", '"астана" "x" "y"'),
        ("а – б — в ‐ г - д", "а - б - в - г - д"),
        ("  екі \n\t сөз  ", "екі сөз"),
        ("10 000 адам", "10000 адам"),
        ("10\u00a0000 адам", "10000 адам"),
        ("1,234,567 people", "1234567 people"),
        ("1.500 руб", "1500 руб"),
        ("2,5 млн", "2.5 млн"),
        ("1,234.5", "1234.5"),
        ("2022 2023 жылдар", "2022 2023 жылдар"),  # years are not thousand groups
        ("ЁЛКА", "елка"),
        ("Қазақстан\u00adдағы", "қазақстандағы"),  # soft hyphen dropped
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_lookalike_variants_normalise_to_the_same_text() -> None:
    genuine = "Бітімгерлік күштері операцияларға қатыспайды"
    spoofed = "Бiтiмгeрлiк күштeрi oпeрациялapға қaтыспaйды"
    assert spoofed != genuine
    assert normalize(spoofed) == normalize(genuine)


def test_script_of_word_majority_and_tie() -> None:
    assert script_of_word("бiрде") == "Cyrillic"
    assert script_of_word("mоscow") == "Latin"
    assert script_of_word("аb") == "Cyrillic"
    assert script_of_word("аb", tie="Latin") == "Latin"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(max_size=80))
def test_normalize_has_no_outer_or_double_whitespace(text: str) -> None:
    out = normalize(text)
    assert out == out.strip()
    assert "  " not in out
    assert "\n" not in out
