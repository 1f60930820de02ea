"""The one date parser: kk/ru/en dates, nights, durations, relative dates; metadata agrees."""
# ruff: noqa: E501  (news sentences read best on one line)

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.dates import find_date, find_times
from claims.facts import parse_facts
from claims.metadata import find_date as metadata_find_date

PUB = date(2025, 4, 8)


def _labels(text: str, language: str, published: date | None = PUB) -> list[str]:
    return [r.label for r in find_times(text, language=language, published=published)]


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        ("kk", "Көктерек ауданында 6 сәуірден 7 сәуірге қараған түні бөгет бұзылды", "2025-04-06/07"),
        ("ru", "после того, как в ночь на 7 апреля река Шагырлы размыла часть дамбы", "2025-04-06/07"),
        ("kk", "7 сәуірге қараған түні Шағырлы өзеніндегі бөгеттің бір бөлігін су шайып кетті", "2025-04-06/07"),
        ("ru", "Паводок начался в ночь с 6 на 7 апреля", "2025-04-06/07"),
        ("en", "The dam gave way in the early hours of April 5, 2025.", "2025-04-05"),
        ("ru", "Заседание состоится 5 декабря 2022 года в Астане.", "2022-12-05"),
        ("ru", "Режим ЧС отменили 20 мая.", "2025-05-20"),
        ("ru", "Сооружение построено в 1978 году", "1978"),
        ("ru", "последний раз его ремонтировали в 2019-м.", "2019"),
        ("ru", "Об этом стало известно в прошлом году", "2024"),
        ("en", "On Tuesday, January 5, 2021, officials said", "2021-01-05"),
        ("en", "Prices rose last year", "2024"),
        ("en", "In spring 2024, floods forced people from their homes", "2024 spring"),
        ("kk", "жиырмасыншы ақпан күні екі мың жиырмасыншы жылы", "2020-02-20"),
        ("kk", "20-сыншы ақпан күні 2020-сыншы жылы", "2020-02-20"),
        ("kk", "он алтыншы жылы", "2016"),
        ("kk", "16-ншы жылы", "2016"),
        ("kk", "Төтенше жағдай режимі 2025 жылғы 20 мамырда алынды.", "2025-05-20"),
        ("kk", "Бөгет 2025 жылдың қазан айында қайта салынды.", "2025-10"),
        ("kk", "наурыздың 21-інде", "2025-03-21"),
        ("kk", "Биыл көктемде су деңгейі қалыпты.", "2025 spring"),
        ("kk", "Былтыр аудан әкімдігі хабарлаған еді.", "2024"),
    ],
)  # fmt: skip
def test_dates_in_news_phrasing(language: str, text: str, label: str) -> None:
    assert label in _labels(text, language)


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        ("kk", "екі айдан кейін жұмыс басталды", "2 months"),
        ("ru", "в течение двух месяцев работы продолжатся", "2 months"),
        ("en", "two months later the dam was rebuilt", "2 months"),
        ("kk", "Қаңтар оқиғасы болғалы тура 2 жыл уақыт өтті", "2 years"),
        ("en", "three years since the unrest", "3 years"),
        ("ru", "прошло 2 года", "2 years"),
        ("kk", "14 жылдан бері", "14 years"),
        ("ru", "восстановить дамбу удастся за 2–3 дня", "3 days"),
    ],
)
def test_durations(language: str, text: str, label: str) -> None:
    found = [r for r in find_times(text, language=language, published=PUB) if r.kind == "duration"]
    assert [r.label for r in found][:1] == [label] or label in [r.label for r in found]


def test_relative_dates_need_the_article_date() -> None:
    (ref,) = find_times("биыл", language="kk", published=None)
    assert ref.relative and ref.year is None
    assert _labels("биыл", "kk") == ["2025"]
    assert _labels("кеше", "kk") == ["2025-04-07"]


def test_metadata_and_claims_read_dates_alike() -> None:
    # the bug behind issue 8: metadata and time facts disagreed on "5 декабря 2022"
    for text in (
        "5 декабря 2022",
        "7 декабря 2022 года",
        "2025 жылғы 8 сәуір, 11:42",
        "April 8, 2026",
    ):
        found = metadata_find_date(text)
        assert found is not None
        (ref,) = [r for r in find_times(text, language="kk") if r.day]
        assert found[0] == date(ref.year or 0, ref.month or 0, ref.day or 0)
    assert find_date("Просмотров: 3 517") is None


def _first_full_date(text: str) -> tuple[date, int, int] | None:
    """find_date's definition: the first full, non-relative date read as kk, then ru, then en."""
    for language in ("kk", "ru", "en"):
        for ref in find_times(text, language=language):
            if ref.kind == "date" and ref.year and ref.month and ref.day and not ref.relative:
                try:
                    return date(ref.year, ref.month, ref.day), ref.start, ref.end
                except ValueError:
                    continue
    return None


def test_find_date_is_the_first_full_date_in_kk_ru_en() -> None:
    # find_date skips texts without a month word or a numeric date: that shortcut must not
    # lose a date, whether in digits, words, English only, or only past an invalid one
    for text in (
        "Саясат • 03 Қаңтар, 2024",
        "жиырмасыншы ақпан күні екі мың жиырмасыншы жылы",
        "Posted Jan. 5, 2024 by staff",
        "May 5 2020",
        "Updated 05.01.2024, 10:15",
        "2024-02-30 then 2024-03-01",
        "30 февраля 2024 и 1 марта 2024",
        "в ночь на 7 апреля 2024",
        "1930 жылы көшті",
        "кеше, 2024",
        "Катрина (1967) Аризона шекарасынан 40 миля",
    ):
        assert find_date(text) == _first_full_date(text), text
    assert find_date("1930 жылы көшті") is None
    found = find_date("Posted Jan. 5, 2024 by staff")
    assert found is not None and found[0] == date(2024, 1, 5)


def test_no_dates_in_counts() -> None:
    assert _labels("1 204 рет оқылды", "kk") == []
    assert _labels("Алматы қаласында 300 адам", "kk") == []


@given(st.integers(1, 28), st.integers(1, 12), st.integers(1990, 2030))
def test_digit_dates_round_trip(day: int, month: int, year: int) -> None:
    ru_months = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
    text = f"{day} {ru_months.split()[month - 1]} {year} года"
    (ref,) = find_times(text, language="ru")
    assert (ref.year, ref.month, ref.day) == (year, month, day)
    assert text[ref.start : ref.end] == ref.surface


@pytest.mark.parametrize(
    "text",
    ["Без тепла остались около 60 тысяч жителей.", "тысяча городов", "сто тысяч жителей"],
)
def test_a_noun_that_starts_like_a_year_abbreviation_is_no_year(text: str) -> None:
    # "ж."/"г." abbreviate жыл/год only as whole words: "тысяч жителей" was read as the year 1000
    assert find_times(text, language="ru") == []


@pytest.mark.parametrize(
    ("text", "language", "year"),
    [("2022 ж. қаңтарда", "kk", 2022), ("в 1998 г.", "ru", 1998), ("2021 жылы", "kk", 2021)],
)
def test_year_abbreviations_still_read_as_years(text: str, language: str, year: int) -> None:
    assert [r.year for r in find_times(text, language=language)][:1] == [year]


def test_a_year_abbreviation_and_a_year_word_in_one_text() -> None:
    assert [t.label for t in find_times("построено в 1978 г. и в 2019 году", language="ru")] == [
        "1978",
        "2019",
    ]


def test_a_report_tells_of_days_before_it_was_published() -> None:
    # xref_dev2: a wire story of 20 August 2026, a year after the fire, read "declared on
    # Aug. 20, lifted on Sept. 2" as 2026 and flagged a time conflict with "2 September 2025"
    text = "A state of emergency declared in Akbidai district on Aug. 20 was lifted on Sept. 2."
    published = date(2026, 8, 20)
    told = find_times(text, language="en", published=published, past=True)
    assert [(t.year, t.month, t.day) for t in told] == [(2025, 8, 20), (2025, 9, 2)]
    ahead = find_times(text, language="en", published=published)  # a plan may look ahead
    assert [(t.year, t.month, t.day) for t in ahead] == [(2026, 8, 20), (2026, 9, 2)]
    # the day after publication is the report's own news ("from 13 January schools close")
    soon = find_times(
        "Мектептер 13 қаңтардан бастап жабылды.", published=date(2025, 1, 12), past=True
    )
    assert [(t.year, t.month, t.day) for t in soon] == [(2025, 1, 13)]


def test_only_a_claim_that_plans_keeps_a_day_ahead() -> None:
    published = date(2026, 8, 20)
    plan = parse_facts("The session will be held on Sept. 2.", language="en", published=published)
    told = parse_facts("The emergency was lifted on Sept. 2.", language="en", published=published)
    assert [t.year for t in plan.times] == [2026] and [t.year for t in told.times] == [2025]
