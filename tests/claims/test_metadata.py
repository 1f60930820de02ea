"""Dates, language, source attribution and front matter found in article text."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from claims.lang.scripts import KAZAKH_LETTERS
from claims.metadata import (
    detect_language,
    find_attribution,
    find_date,
    normalize_source,
    parse_date,
    source_from_url,
    split_front_matter,
)
from tests.shared_data import SHARED_DATA

NTREX = SHARED_DATA / "ntrex128_dev_kaz_rus_eng.json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03 Қаңтар, 2024", date(2024, 1, 3)),
        ("Президент • 03 Қаңтар, 2024", date(2024, 1, 3)),
        ("Денсаулық • 05 Мамыр, 2024", date(2024, 5, 5)),
        ("2024 жылғы 3 қаңтардағы сұхбат", date(2024, 1, 3)),
        ("2023 жылы 16 желтоқсанда", date(2023, 12, 16)),
        ("12 қыркүйек 2022", date(2022, 9, 12)),
        ("1 сәуір, 2021", date(2021, 4, 1)),
        ("5 января 2024", date(2024, 1, 5)),
        ("5 января 2024 года", date(2024, 1, 5)),
        ("12 мая 2023 г.", date(2023, 5, 12)),
        ("1 марта 2020", date(2020, 3, 1)),
        ("31 декабря 1999", date(1999, 12, 31)),
        ("January 5, 2024", date(2024, 1, 5)),
        ("Jan. 5, 2024", date(2024, 1, 5)),
        ("5 January 2024", date(2024, 1, 5)),
        ("September 21st, 2023", date(2023, 9, 21)),
        ("2024-01-05", date(2024, 1, 5)),
        ("2024-01-05T10:00:00+05:00", date(2024, 1, 5)),
        ("05.01.2024", date(2024, 1, 5)),
        ("Опубликовано: 05.01.2024 10:15", date(2024, 1, 5)),
    ],
)
def test_find_date_in_three_languages(text: str, expected: date) -> None:
    found = find_date(text)
    assert found is not None
    assert found[0] == expected
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["31.02.2024", "32 января 2024", "no date here", "2 мин оқу үшін", "Қазан қаласы 2024", ""],
)
def test_find_date_rejects_non_dates(text: str) -> None:
    assert find_date(text) is None


def test_find_date_returns_span() -> None:
    text = "Жарияланды: 03 Қаңтар, 2024"
    found = find_date(text)
    assert found is not None
    _, start, end = found
    assert text[start:end] == "03 Қаңтар, 2024"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Мемлекет басшысы Қасым-Жомарт Тоқаев келіссөз жүргізді.", "kk"),
        ("Бүгін Астанада үкімет отырысы өтті, онда бюджет қаралды.", "kk"),
        ("Президент Казахстана провёл встречу с премьер-министром.", "ru"),
        (
            "Касым-Жомарт Токаев (Қасым-Жомарт Тоқаев) заявил журналистам, что экономика растёт, "
            "а инфляция замедляется уже третий месяц подряд.",
            "ru",
        ),
        ("The president of Kazakhstan met the prime minister on Friday.", "en"),
        ("12345 — 678", "und"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.skipif(not NTREX.exists(), reason="shared NTREX data not present")
def test_detect_language_on_ntrex_documents() -> None:
    documents = json.loads(NTREX.read_text(encoding="utf-8"))["documents"]
    wrong: list[str] = []
    for document in documents:
        for key, language in (("kaz", "kk"), ("rus", "ru"), ("eng", "en")):
            text = "\n".join(segment[key] for segment in document["segments"])
            if detect_language(text) != language:
                wrong.append(f"{document['doc_id']}:{key}")
    assert len(documents) == 60
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Сұхбатында айтты, деп жазады Egemen.kz.", "egemen.kz"),
        ("Тоқаев келіссөз жүргізді. Бұл туралы Ақорда хабарлады.", "Ақорда"),
        ("Цены выросли на 5%, сообщает Tengrinews.kz со ссылкой на Бюро.", "tengrinews.kz"),
        ("Курс вырос, передает РИА Новости.", "РИА Новости"),
        ("The bank raised rates on Friday, reports Reuters.", "Reuters"),
        ("ALMATY (Reuters) - The bank raised its key rate.", "Reuters"),
        ("He said nothing about the source of the figures.", None),
    ],
)
def test_find_attribution(text: str, expected: str | None) -> None:
    assert find_attribution(text) == expected


def test_normalize_source_and_url_host() -> None:
    assert normalize_source(" «Egemen.KZ» ") == "egemen.kz"
    assert normalize_source("www.Akorda.kz") == "akorda.kz"
    assert normalize_source("Reuters.") == "Reuters"
    assert source_from_url("https://www.Tengrinews.kz/news/1") == "tengrinews.kz"
    assert source_from_url("not a url") is None


def test_split_front_matter() -> None:
    text = (
        '---\ntitle: "Заголовок: важное"\nsource: tengrinews.kz\npublished: 2024-01-05\n---\nBody'
    )
    fields, body, offset = split_front_matter(text)
    assert fields == {
        "title": "Заголовок: важное",
        "source": "tengrinews.kz",
        "published": "2024-01-05",
    }
    assert body == "Body"
    assert text[offset:] == body


def test_split_front_matter_absent() -> None:
    text = "No front matter\n---\nhere"
    assert split_front_matter(text) == ({}, text, 0)


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x52F), max_size=60))
@example("\u03ff\u0400\u04ff\u0500 Zz")
@example("\u0500\u0500 Zz")  # U+0500 is Cyrillic Supplement, not counted
def test_detect_language_counts_scripts_by_code_point(text: str) -> None:
    # the byte counting must equal counting the letters themselves
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    if cyrillic == latin == 0:
        expected = "und"
    elif latin > cyrillic:
        expected = "en"
    else:
        kazakh = sum(text.count(letter) for letter in KAZAKH_LETTERS)
        expected = "kk" if kazakh >= 0.02 * cyrillic else "ru"
    assert detect_language(text) == expected


def test_attribution_hints_are_literals_every_match_contains() -> None:
    from claims import metadata

    assert metadata._literal_heads(r"сообщил[аио]?|reports?|мәлім\s+етті|пишет") == (
        "сообщил",
        "report",
        "мәлім",
        "пишет",
    )
    with pytest.raises(ValueError):
        metadata._literal_heads(r"x(?:a|b)")
    for pattern, hints in zip(metadata._ATTRIBUTION_RES, metadata._ATTRIBUTION_HINTS, strict=True):
        assert hints and all(hint for hint in hints), pattern.pattern
    text = "Бұл туралы Ақорда хабарлады. Ранее сообщает Tengrinews.kz о погоде."
    assert find_attribution(text) == "Ақорда"
