"""The matcher's fact kinds and compare's hints read one parse of a claim text."""

from __future__ import annotations

import pytest

import claims.facts
import claims.match.questions
from claims.compare import compare_cluster
from claims.metadata import detect_language
from claims.model import Article, Claim
from claims.numbers import extract_quantities
from claims.quantity import Quantity

TEXT = "Паводок затопил ровно 417 жилых домов и 23 моста в одном районе."


def test_one_claim_text_is_parsed_once_by_the_matcher_and_compare(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed: list[str] = []

    def counting(text: str, *, language: str = "kk") -> list[Quantity]:
        parsed.append(text)
        return extract_quantities(text, language=language)

    for module in (claims.facts, claims.match.questions):
        monkeypatch.setattr(module, "extract_quantities", counting, raising=False)
    language = detect_language(TEXT)
    article = Article("A", "src", "title", TEXT, language, "hash")
    claim = Claim("A0", "A", TEXT, 0, len(TEXT), 0, len(TEXT), None, 0.5, position=0)

    kinds = claims.match.questions.fact_kinds(claim)
    compare_cluster([claim], articles={"A": article})

    assert "count:homes" in kinds
    assert parsed.count(TEXT) == 1
