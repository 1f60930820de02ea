"""Page furniture: general kk/ru/en rules, not tuned to the two seed files."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.furniture import is_furniture_line, same_line, strip_furniture
from tests.shared_data import SHARED_DATA

BODY_RU = (
    "Токаев подписал закон о республиканском бюджете на 2024 год. "
    "Расходы бюджета составят 23 трлн тенге, говорится в сообщении Акорды."
)
BODY_EN = (
    "The National Bank of Kazakhstan raised its key rate to 16.5 percent on Friday. "
    "Analysts had expected a smaller increase of 50 basis points."
)


@pytest.mark.parametrize(
    "line",
    [
        "1 234 просмотров",
        "Просмотров: 15",
        "5,210 views",
        "347 рет көрсетілді",
        "1.2K views",
        "3 мин чтения",
        "4 min read",
        "Время чтения: 3 мин",
        "Reading time: 4 min",
        "2 мин оқу үшін",
        "Фото: akorda.kz",
        "Фото с сайта tengrinews.kz",
        "Фото с сайта пресс-службы Министерства иностранных дел Республики Казахстан",
        "Photo: Reuters",
        "Photo by John Smith/Getty Images",
        "Getty Images",
        "© Reuters",
        "Поделиться",
        "Share this",
        "Facebook | Twitter | Telegram",
        "Бөлісу",
        "Әлеуметтік желіде бөлісіңіз: Telegram | WhatsApp | VK",
        "Поделитесь в соцсетях: VK · Telegram",
        "Related coverage: Kazakhstan expands drone patrols over protected areas",
        "По теме: Пожар в Абайской области",
        "Реклама",
        "Теги: экономика, бюджет",
        "Читайте также: Курс доллара вырос",
        "Подписывайтесь на наш Telegram-канал",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        BODY_RU,
        BODY_EN,
        "Фотовыставка открылась в Астане.",
        "Views differ on the reform, the minister said.",
        "В 2023 году бюджет составил 20 трлн тенге.",
        "Share prices fell 3 percent on Monday.",
        "Related officials said the dam held.",
        "347 адам қаза тапты.",
        "",
    ],
)
def test_prose_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture_line(line)


def test_russian_page() -> None:
    page = "\n".join(
        [
            "Токаев подписал закон о бюджете",
            "Политика • 5 января 2024",
            "1 234",
            "просмотров",
            "3 мин",
            "чтения",
            "Фото с сайта akorda.kz",
            "",
            BODY_RU,
            "",
            "Токаев подписал закон о бюджете",
            "Закон вступает в силу с 1 января, дефицит не превысит трёх процентов ВВП.",
            "Поделиться",
            "Последние новости",
            "Курс доллара вырос",
            "Экономика • 6 января 2024",
        ]
    )
    result = strip_furniture(page)
    assert result.title == "Токаев подписал закон о бюджете"
    assert result.published == date(2024, 1, 5)
    assert result.text == (
        BODY_RU + "\n\nЗакон вступает в силу с 1 января, дефицит не превысит трёх процентов ВВП."
    )


def test_english_page() -> None:
    page = "\n".join(
        [
            "Kazakhstan raises key rate to 16.5%",
            "Kazakhstan raises key rate to 16.5%",
            "By Jane Doe | January 5, 2024",
            "5,210 views",
            "4 min read",
            "Photo: Reuters",
            BODY_EN,
            "Getty Images",
            "Share this",
            "Related articles",
            "Tenge falls against the dollar",
            "Latest news",
        ]
    )
    result = strip_furniture(page)
    assert result.title == "Kazakhstan raises key rate to 16.5%"
    assert result.published == date(2024, 1, 5)
    assert result.text == BODY_EN


def test_kazakh_counters_on_two_lines() -> None:
    page = "Тақырып\n362\nоқылды\n347 рет\nкөрсетілді\n2 мин\nоқу үшін\n\n" + BODY_RU
    result = strip_furniture(page)
    assert result.text == BODY_RU
    assert result.title == "Тақырып"


def test_related_heading_before_body_does_not_cut_article() -> None:
    page = "Latest news\nHeadline of the story\n" + BODY_EN
    result = strip_furniture(page)
    assert result.title == "Headline of the story"
    assert result.text == BODY_EN


def test_given_title_removes_repeats_anywhere() -> None:
    page = f"Headline\n{BODY_EN}\nheadline \n{BODY_EN}"
    result = strip_furniture(page, title="Headline")
    assert result.title == "Headline"
    assert result.text == f"{BODY_EN}\n{BODY_EN}"


def test_text_without_headline_keeps_first_sentence() -> None:
    result = strip_furniture(BODY_EN)
    assert result.text == BODY_EN
    assert result.title and BODY_EN.startswith(result.title.rstrip("…"))


def test_prose_date_is_not_a_byline() -> None:
    line = "5 января 2024 года в Алматы прошёл митинг сторонников оппозиции."
    result = strip_furniture(f"Заголовок\n{line}")
    assert result.published is None
    assert result.text == line


def test_same_line() -> None:
    assert same_line("  Қаңтар  оқиғасы ", "қаңтар оқиғасы")
    assert not same_line("Қаңтар оқиғасы", "Қаңтар оқиғасы кезінде")


_LINES = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
        st.sampled_from(
            ["362", "оқылды", "Фото: akorda.kz", "Соңғы жаңалықтар", "Президент • 03 Қаңтар, 2024"]
        ),
        st.just(BODY_RU),
    ),
    max_size=20,
)


@given(_LINES)
def test_stripping_never_adds_text(lines: list[str]) -> None:
    page = "\n".join(line.replace("\n", " ") for line in lines)
    result = strip_furniture(page)
    source_lines = {line.strip() for line in page.split("\n")}
    for line in result.text.split("\n"):
        assert line == "" or line.strip() in source_lines
    assert len(result.text) <= len(page)


DATA = SHARED_DATA


@pytest.mark.skipif(not (DATA / "ntrex128_dev_kaz_rus_eng.json").exists(), reason="no NTREX")
def test_no_real_news_line_is_taken_for_furniture() -> None:
    """2,868 NTREX news lines (kk/ru/en): only the headline leaves the text."""
    data = json.loads((DATA / "ntrex128_dev_kaz_rus_eng.json").read_text(encoding="utf-8"))
    wrongly_removed: list[str] = []
    for document in data["documents"]:
        for key in ("kaz", "rus", "eng"):
            lines = [segment[key] for segment in document["segments"]]
            result = strip_furniture("\n".join(lines))
            assert result.title == lines[0].strip()
            assert result.published is None
            wrongly_removed += [line for line in result.removed if not same_line(line, lines[0])]
    assert wrongly_removed == []


@pytest.mark.skipif(not (DATA / "tatoeba.rus-eng.rus").exists(), reason="no Tatoeba")
@pytest.mark.parametrize("name", ["tatoeba.rus-eng.rus", "tatoeba.rus-eng.eng"])
def test_no_everyday_sentence_is_furniture(name: str) -> None:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1000
    assert [line for line in lines if is_furniture_line(line)] == []


@pytest.mark.parametrize(
    "line",
    [
        "facebook " * 28 + "zz",
        "share this " * 25 + "q",
        "1" + " " * 255 + "x",
        "1 " * 129 + "x",
        "просмотров " + "1 " * 120 + "x",
        "Фото: " + "а" * 250,
        "Президент • " + "03 Қаңтар, 2024 " * 5,
    ],
)
def test_pathological_lines_are_fast(line: str) -> None:
    start = time.perf_counter()
    strip_furniture(f"Headline\n{line}\n{line}\n{BODY_EN}")
    assert time.perf_counter() - start < 0.1


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("By Jane Doe, Reuters", "Reuters"),
        ("By Jane Doe and John Smith | Reuters", "Reuters"),
        ("Автор: Айгерим Сейсенбаева, Tengrinews.kz", "Tengrinews.kz"),
        ("Текст: Иван Петров / Vlast.kz", "Vlast.kz"),
        ("By Jane Doe", None),
        ("By Jane Doe | January 5, 2024", None),
    ],
)
def test_author_byline_is_dropped_and_names_the_outlet(line: str, outlet: str | None) -> None:
    result = strip_furniture(f"Headline\n{line}\n{BODY_EN}")
    assert result.text == BODY_EN
    assert result.byline_source == outlet


@pytest.mark.parametrize(
    "line", ["By the end of the year, prices rose.", "By contrast, the bank held rates"]
)
def test_prose_starting_with_by_is_kept(line: str) -> None:
    result = strip_furniture(f"Headline\n{line}\n{BODY_EN}")
    assert result.text == f"{line}\n{BODY_EN}"
    assert result.byline_source is None
