"""A Russian "По словам X" speaker comes out in the nominative (issue 10: "президента")."""

from __future__ import annotations

import pytest

from claims.segment import extract_claims


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("По словам президента, миротворцы не сделали ни одного выстрела.", "президент"),
        (
            "По словам министра обороны, в миссии участвовали 2500 военнослужащих.",
            "министр обороны",
        ),
        ("По словам Касым-Жомарта Токаева, миссия завершена.", "Касым-Жомарт Токаев"),
        ("По мнению председателя комитета, закон нужен.", "председатель комитета"),
        ("По данным пресс-секретаря, встреча прошла в Астане.", "пресс-секретарь"),
        ("По данным министерства, доходы выросли на 5 процентов.", "министерство"),
        ("По словам главы МИД, переговоры идут.", "глава МИД"),
        ("По словам Марии Ивановой, всё прошло хорошо.", "Марии Ивановой"),  # left as is
    ],
)
def test_according_to_speaker_is_nominative(sentence: str, speaker: str) -> None:
    [claim] = extract_claims(sentence, article_id="A1", language="ru")
    assert claim.speaker == speaker
