"""Time references: explicit dates and years, relative ones anchored to publication."""

from __future__ import annotations

from datetime import date

import pytest

from claims.timeref import extract_times

PUBLISHED = date(2024, 1, 3)


@pytest.mark.parametrize(
    ("language", "text", "surface", "label", "relative"),
    [
        ("kk", "Биыл ҰҚШҰ-ға Қазақстан төрағалық етеді", "Биыл", "2024", True),
        ("kk", "былтыр болды", "былтыр", "2023", True),
        ("kk", "өткен жылы болды", "өткен жылы", "2023", True),
        ("kk", "2 жыл бұрын болды", "2 жыл бұрын", "2022", True),
        ("kk", "кеше мәлімдеді", "кеше", "2024-01-02", True),
        ("kk", "2022 жылғы 5 қаңтарда", "2022 жылғы 5 қаңтарда", "2022-01-05", False),
        ("kk", "2022 жылы болды", "2022 жылы", "2022", False),
        ("ru", "в этом году", "в этом году", "2024", True),
        ("ru", "в прошлом году", "в прошлом году", "2023", True),
        ("ru", "два года назад", "два года назад", "2022", True),
        ("ru", "вчера заявил", "вчера", "2024-01-02", True),
        ("ru", "5 января 2022 года", "5 января 2022 года", "2022-01-05", False),
        ("en", "last year", "last year", "2023", True),
        ("en", "this year", "this year", "2024", True),
        ("en", "3 years ago", "3 years ago", "2021", True),
        ("en", "yesterday", "yesterday", "2024-01-02", True),
        ("en", "On January 5, 2022", "January 5, 2022", "2022-01-05", False),
        ("en", "on 05.01.2022", "05.01.2022", "2022-01-05", False),
        ("en", "in 2020", "2020", "2020", False),
    ],
)  # fmt: skip
def test_times(language: str, text: str, surface: str, label: str, relative: bool) -> None:
    (ref,) = extract_times(text, language=language, published=PUBLISHED)
    assert (ref.surface, ref.label, ref.relative) == (surface, label, relative)
    assert text[ref.start : ref.end] == ref.surface


def test_relative_needs_publication_date() -> None:
    assert extract_times("былтыр болды", language="kk", published=None) == []
    assert [r.label for r in extract_times("2022 жылы", language="kk", published=None)] == ["2022"]


def test_same_text_anchors_differently_by_date() -> None:
    text = "биыл"
    a = extract_times(text, language="kk", published=date(2022, 1, 7))
    b = extract_times(text, language="kk", published=date(2024, 1, 3))
    assert (a[0].year, b[0].year) == (2022, 2024)


def test_month_alone_is_not_anchored() -> None:
    # "Қаңтар оқиғасы" (the January events) names an event, not a date
    assert extract_times("Қаңтар оқиғасы кезінде", language="kk", published=PUBLISHED) == []
