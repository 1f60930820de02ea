"""Quantities: digits, number words, Kazakh case suffixes, ranges, approximators, units."""
# ruff: noqa: E501  (case tables read best one case per line)

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.numbers import compare_quantities, extract_quantities, format_quantity


def _one(text: str, language: str) -> tuple[float, float, str, str | None, str, str]:
    found = [q for q in extract_quantities(text, language=language) if q.kind == "cardinal"]
    assert len(found) == 1, found
    q = found[0]
    return q.low, q.high, q.bound, q.unit, q.kind, q.surface


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("kk", "1300-ге жуық кәсіпкерлік нысанға залал келді", (1300, 1300, "nearly", "noun:кәсіп", "cardinal", "1300-ге жуық")),
        ("kk", "100-ден астам сауда орталығы тоналды", (100, 100, "gt", "noun:сауда", "cardinal", "100-ден астам")),
        ("kk", "шығыны 2-3 миллиард АҚШ долларын құрайды", (2e9, 3e9, "eq", "USD", "cardinal", "2-3 миллиард АҚШ долларын")),
        ("kk", "шамамен 5 пайыз", (5, 5, "about", "%", "cardinal", "шамамен 5 пайыз")),
        ("kk", "екі жүз елу адам келді", (250, 250, "eq", "people", "cardinal", "екі жүз елу адам")),
        ("kk", "үш мыңнан астам адам", (3000, 3000, "gt", "people", "cardinal", "үш мыңнан астам адам")),
        ("kk", "кем дегенде 40 адам", (40, 40, "ge", "people", "cardinal", "кем дегенде 40 адам")),
        ("kk", "100-ден кем адам", (100, 100, "lt", "people", "cardinal", "100-ден кем адам")),
        ("ru", "около 1300 объектов", (1300, 1300, "about", "noun:объек", "cardinal", "около 1300")),
        ("ru", "свыше 100 торговых центров", (100, 100, "gt", "noun:торго", "cardinal", "свыше 100")),
        ("ru", "от 2 до 3 млрд долларов", (2e9, 3e9, "eq", "USD", "cardinal", "от 2 до 3 млрд долларов")),
        ("ru", "двести пятьдесят человек", (250, 250, "eq", "people", "cardinal", "двести пятьдесят человек")),
        ("ru", "не менее двадцати человек", (20, 20, "ge", "people", "cardinal", "не менее двадцати человек")),
        ("ru", "почти 500 полицейских машин", (500, 500, "nearly", "noun:полиц", "cardinal", "почти 500")),
        ("en", "losses of $2.5 billion", (2.5e9, 2.5e9, "eq", "USD", "cardinal", "$2.5 billion")),
        ("en", "more than 1,300 businesses", (1300, 1300, "gt", "noun:busin", "cardinal", "more than 1,300")),
        ("en", "two hundred and fifty people", (250, 250, "eq", "people", "cardinal", "two hundred and fifty people")),
        ("en", "2–3 billion dollars", (2e9, 3e9, "eq", "USD", "cardinal", "2–3 billion dollars")),
        ("en", "at least 40 people", (40, 40, "ge", "people", "cardinal", "at least 40 people")),
        ("en", "nearly 500 police cars", (500, 500, "nearly", "noun:polic", "cardinal", "nearly 500")),
    ],
)  # fmt: skip
def test_cardinals(language: str, text: str, expected: tuple[object, ...]) -> None:
    low, high, bound, unit, kind, surface = _one(text, language)
    assert (low, high, bound, unit, kind, surface) == expected
    assert surface in text


@pytest.mark.parametrize(
    ("language", "text", "ordinals"),
    [
        ("kk", "шарттың 2 және 4-баптарына сәйкес", ["2", "4-баптарына"]),
        ("kk", "бірінші және екінші жылу электр орталықтары", ["бірінші", "екінші"]),
        ("ru", "3-й батальон", ["3-й"]),
        ("en", "the 4th article", ["4th"]),
    ],
)
def test_ordinals_are_not_counts(language: str, text: str, ordinals: list[str]) -> None:
    found = extract_quantities(text, language=language)
    assert [q.surface for q in found if q.kind == "ordinal"] == ordinals
    assert not [q for q in found if q.kind == "cardinal"]


@pytest.mark.parametrize(
    ("language", "text", "year"),
    [("kk", "2022 жылы болды", 2022), ("ru", "в 2021 году", 2021), ("en", "in 2020 there", 2020)],
)
def test_years(language: str, text: str, year: int) -> None:
    (q,) = extract_quantities(text, language=language)
    assert (q.kind, q.low) == ("year", year)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("kk", "сол бір алмағайып шақта бұл үшін жүзеге асыру"),
        ("kk", "оның ойынша онда бірге"),
        ("ru", "один из них сказал"),
        ("en", "one of them said"),
        ("ru", "5 января 2022 года"),
    ],
)
def test_no_false_quantities(language: str, text: str) -> None:
    found = extract_quantities(text, language=language)
    assert [q for q in found if q.kind == "cardinal" and not q.weak] == []


def _q(text: str, language: str = "kk"):  # type: ignore[no-untyped-def]
    return next(q for q in extract_quantities(text, language=language) if q.kind == "cardinal")


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "relation"),
    [
        ("1300-ге жуық", "kk", "1500-ден астам", "kk", "differ"),
        ("1300", "kk", "1500", "kk", "differ"),
        ("more than 100", "en", "80", "en", "differ"),
        ("2-3 миллиард АҚШ долларын", "kk", "$2.5 billion", "en", "approx"),
        ("500-ге жуық", "kk", "about 500", "en", "approx"),
        ("1300", "kk", "1 300", "ru", "same"),
        ("2,5 млн", "ru", "2.5 million", "en", "same"),
        ("100-ден астам", "kk", "свыше 100", "ru", "approx"),
    ],
)
def test_compare(a: str, la: str, b: str, lb: str, relation: str) -> None:
    assert compare_quantities(_q(a, la), _q(b, lb)) == relation
    assert compare_quantities(_q(b, lb), _q(a, la)) == relation


def test_format() -> None:
    assert format_quantity(_q("1300-ге жуық")) == "~1300"
    assert format_quantity(_q("1500-ден астам")) == ">1500"
    assert format_quantity(_q("$2.5 billion", "en")) == "2.5 bn USD"


@given(st.text(alphabet="0123456789 -–,.абвжқүмыңAKaz$%жуықастамmorethan", max_size=60))
def test_spans_index_text(text: str) -> None:
    for q in extract_quantities(text, language="kk") + extract_quantities(text, language="en"):
        assert text[q.start : q.end] == q.surface
        assert q.low <= q.high or math.isnan(q.low)


def test_gold_is_not_six() -> None:
    # "алтын" (gold) = "алты" (six) + accusative-looking "н"
    assert extract_quantities("алтын медаль", language="kk") == []
