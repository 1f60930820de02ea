"""Russian and English quantities in news phrasing: words, digits, separators, bounds, ranges."""

from __future__ import annotations

import pytest

from claims.numbers import extract_quantities
from claims.quantity import compare_quantities


def _one(text: str, language: str) -> tuple[float, float, str, str | None]:
    (q,) = [
        q
        for q in extract_quantities(text, language=language)
        if q.kind == "cardinal" and not q.weak
    ]
    return q.low, q.high, q.bound, q.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В Коктерекском районе эвакуированы 1\u00a0146 жителей сёл", (1146, 1146, "eq", "people")),
        ("подтоплены около 350 жилых домов", (350, 350, "about", None)),
        ("К работам привлечены более 300 спасателей и добровольцев", (300, 300, "gt", None)),
        ("Дамба находится в трёх километрах выше по течению", (3, 3, "eq", "km")),
        ("выплатят компенсацию от 3 до 5 млн тенге", (3e6, 5e6, "eq", "KZT")),
        ("единовременную помощь — по 500 тысяч тенге", (5e5, 5e5, "eq", "KZT")),
        ("уровень воды оставался ниже одного метра", (1, 1, "lt", "m")),
        ("Ущерб оценивается в 2,5 млрд долларов", (2.5e9, 2.5e9, "eq", "USD")),
        ("инфляция составила 8,7 процента", (8.7, 8.7, "eq", "%")),
        ("пострадали почти 500 полицейских машин", (500, 500, "nearly", None)),
        ("временно восстановить дамбу удастся за 2–3 дня", (2, 3, "eq", "days")),
    ],
)
def test_russian_quantities(text: str, expected: tuple[float, float, str, str | None]) -> None:
    low, high, bound, unit = _one(text, "ru")
    assert (low, high, bound) == expected[:3]
    assert unit == expected[3] or (
        expected[3] is None and (unit is None or unit.startswith("noun:"))
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Emergency services evacuated 1,146 people", (1146, 1146, "eq", "people")),
        ("About 300 homes were flooded in Terektisai and Zhanatilek.", (300, 300, "about", None)),
        (
            "Sixty-four of the flooded homes were later declared unfit to live in.",
            (64, 64, "eq", None),
        ),
        ("The average payout was 4.3 million tenge.", (4.3e6, 4.3e6, "eq", "KZT")),
        (
            "Rebuilding the dam cost 2.1 billion tenge from the national budget",
            (2.1e9, 2.1e9, "eq", "KZT"),
        ),
        ("floods forced more than 100,000 people from their homes", (1e5, 1e5, "gt", "people")),
        ("losses of $3 billion to $4 billion", (3e9, 4e9, "eq", "USD")),
        ("nearly 40 percent of voters", (40, 40, "nearly", "%")),
    ],
)
def test_english_quantities(text: str, expected: tuple[float, float, str, str | None]) -> None:
    low, high, bound, unit = _one(text, "en")
    assert (low, high, bound) == expected[:3]
    assert unit == expected[3] or (
        expected[3] is None and (unit is None or unit.startswith("noun:"))
    )


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "relation"),
    [
        ("шамамен 300 тұрғын үй", "kk", "около 350 жилых домов", "ru", "differ"),
        ("шамамен 300 тұрғын үй", "kk", "About 300 homes", "en", "approx"),
        ("300-ге жуық үйді", "kk", "About 300 homes", "en", "approx"),
        ("3-5 миллион теңге", "kk", "6-8 миллион теңге", "kk", "differ"),
        ("3-5 миллион теңге", "kk", "от 3 до 5 млн тенге", "ru", "approx"),
        ("4,3 миллион теңге", "kk", "4.3 million tenge", "en", "same"),
        ("1 146 адам", "kk", "1,146 people", "en", "same"),
        ("үш жүзден астам құтқарушы", "kk", "более 300 спасателей", "ru", "approx"),
    ],
)
def test_quantities_compare_across_languages(
    a: str, la: str, b: str, lb: str, relation: str
) -> None:
    (qa,) = [q for q in extract_quantities(a, language=la) if not q.weak]
    (qb,) = [q for q in extract_quantities(b, language=lb) if not q.weak]
    assert compare_quantities(qa, qb) == relation
    assert compare_quantities(qb, qa) == relation


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("тұрғындар саны шамамен 40 мың адам", "kk", "около 60 тысяч жителей", "ru"),
        ("около 60 тысяч жителей", "ru", "about 40,000 residents", "en"),
        ("40 мың тұрғындарды", "kk", "около 60 тысяч человек", "ru"),
    ],
)
def test_residents_are_counted_as_people(a: str, la: str, b: str, lb: str) -> None:
    # "жителей"/"residents"/"тұрғындар" counts compare with "адам"/"человек"/"people"
    (qa,) = [q for q in extract_quantities(a, language=la) if not q.weak]
    (qb,) = [q for q in extract_quantities(b, language=lb) if not q.weak]
    assert qa.unit == qb.unit == "people"
    assert compare_quantities(qa, qb) == "differ"


@pytest.mark.parametrize("text", ["шамамен 300 тұрғын үй", "шамамен 120 тұрғын үйді су басқан"])
def test_a_residential_house_is_not_a_resident(text: str) -> None:
    (q,) = [q for q in extract_quantities(text, language="kk") if not q.weak]
    assert q.unit != "people"


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Эвакуированы 2000 жителей.", "ru", "cardinal"),
        ("Жарықсыз 2000 тұрғын қалды", "kk", "cardinal"),
        ("2020 жылы", "kk", "year"),
        ("в 1998 г.", "ru", "year"),
    ],
)
def test_a_year_needs_a_year_word_not_a_word_starting_like_one(
    text: str, language: str, kind: str
) -> None:
    # the twin of the dates fix: "2000 жителей" was a year because "жителей" starts with "ж"
    assert extract_quantities(text, language=language)[0].kind == kind


def test_an_abbreviated_multiplier_with_its_full_stop_keeps_its_unit() -> None:
    # "тыс." / "млн." end no sentence before a lower-case word: the unit after them counts
    (area,) = extract_quantities("площадь составила около 12 тыс. гектаров", language="ru")
    assert (area.low, area.unit, area.bound) == (12000, "ha", "about")
    assert area.surface == "около 12 тыс. гектаров"
    (money,) = extract_quantities("выплатят по 5 млн. тенге", language="ru")
    assert (money.low, money.unit) == (5_000_000, "KZT")
    (hectares,) = extract_quantities("сгорело 300 га леса", language="ru")
    assert (hectares.low, hectares.unit) == (300, "ha")
    # a full stop before a capital ends the sentence: no unit is borrowed from the next one
    (alone,) = extract_quantities("Сгорело 12 тыс. Огонь потушили.", language="ru")
    assert (alone.low, alone.unit) == (12000, None)
