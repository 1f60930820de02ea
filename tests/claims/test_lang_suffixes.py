"""Numerals read the one Kazakh suffix table (claims.lang.suffixes), not a copy of it."""

from __future__ import annotations

import pytest

from claims.lang.numerals import digit_suffix, word_value
from claims.lang.suffixes import (
    KK_DECLENSION_ENDINGS,
    KK_EQUATIVE_ENDINGS,
    KK_POSSESSIVE_ENDINGS,
    KK_SIMILATIVE_ENDINGS,
)


@pytest.mark.parametrize(
    "ending", [*KK_DECLENSION_ENDINGS, *KK_POSSESSIVE_ENDINGS, *KK_SIMILATIVE_ENDINGS]
)
def test_every_table_ending_is_read_after_a_digit(ending: str) -> None:
    assert digit_suffix(ending) in ("case", "ordinal"), ending


@pytest.mark.parametrize("ending", KK_EQUATIVE_ENDINGS)
def test_the_equative_is_not_a_numeral_ending(ending: str) -> None:
    assert digit_suffix(ending) is None
    assert word_value("алты" + ending, "kk") is None


@pytest.mark.parametrize(
    ("word", "value"), [("бестей", 5.0), ("жүзден", 100.0), ("алпысқа", 60.0), ("мыңнан", 1000.0)]
)
def test_number_words_with_table_endings(word: str, value: float) -> None:
    assert word_value(word, "kk") == (value, False)
