"""The per-link cases issue 8 lists, in and across kk, ru and en (not the xref_dev strings)."""
# ruff: noqa: E501  (claim texts read best on one line)

from __future__ import annotations

from datetime import date

import pytest

from claims.entities import extract_entities
from tests.claims.pairs import hint_kinds

DAY = date(2024, 1, 3)

FLAGGED = [
    # approximate numbers that cannot both be true
    ("kk", "500-ге жуық полиция машинасы өртенді.", "ru", "Сожжено около 400 полицейских машин.", "number"),
    # ranges that do not overlap
    ("kk", "Шығын 2-3 миллиард АҚШ долларын құрайды.", "en", "Losses are estimated at $5 billion to $6 billion.", "number"),
    # negation flips, Kazakh morphology and across languages
    ("kk", "Бітімгерлік күштері әскери операцияларға қатыспайды.", "kk", "Бітімгерлік күштері әскери операцияларға қатысады.", "negation"),
    ("ru", "Миротворцы ОДКБ не участвовали в боевых операциях.", "en", "CSTO peacekeepers took part in combat operations.", "negation"),
    # entity swaps: one contingent for another, written as a noun or an adjective
    ("kk", "Армения жасағы нан зауытын күзетті.", "ru", "Российский контингент охранял хлебозавод.", "entity"),
    ("kk", "Беларусь жасағы аэродромды күзетті.", "en", "The Russian contingent guarded the airfield.", "entity"),
    # day-level dates and durations
    ("ru", "Заседание прошло 5 декабря 2022 года.", "kk", "Отырыс 2022 жылғы 7 желтоқсанда өтті.", "time"),
    ("kk", "Қаңтар оқиғасы болғалы тура 2 жыл уақыт өтті.", "en", "Three years have passed since the January events.", "time"),
    # "биыл" resolved against the article's date
    ("kk", "Биыл Қазақстан ҰҚШҰ-ға төрағалық етеді.", "ru", "В 2023 году Казахстан председательствовал в ОДКБ.", "time"),
]  # fmt: skip

AGREE = [
    ("kk", "500-ге жуық полиция машинасы өртенді.", "ru", "Сожжено почти 500 полицейских машин."),
    ("kk", "Шығын 2-3 миллиард АҚШ долларын құрайды.", "en", "Losses are estimated at $3 billion to $4 billion."),
    ("kk", "Үш жүз адам көшірілді.", "en", "300 people were evacuated."),  # words vs digits
    ("kk", "Теректісайдан 684 адам, Жаңатілектен 462 адам көшірілді.", "en", "1,146 people were evacuated."),  # parts vs total
    ("en", "The water level did not exceed 1 m.", "en", "The water level stayed below 1 m."),
    ("kk", "Су деңгейі 1 метрден аспады.", "ru", "Уровень воды оставался ниже одного метра."),
    ("kk", "Тоқаев ҰҚШҰ-ға жүгінді.", "ru", "Токаев обратился в ОДКБ."),
    ("ru", "Токаев обратился в ОДКБ.", "en", "Tokayev turned to the CSTO."),
    ("kk", "Беларусь жасағы Жетігендегі аэродромды күзетті.", "ru", "Белорусский контингент охранял аэродром в Жетыгене."),
    ("ru", "Белорусский контингент охранял аэродром в Жетыгене.", "en", "The Belarusian contingent guarded the airfield in Zhetygen."),
]  # fmt: skip


@pytest.mark.parametrize(("la", "a", "lb", "b", "kind"), FLAGGED)
def test_checkable_differences_are_flagged(la: str, a: str, lb: str, b: str, kind: str) -> None:
    assert kind in hint_kinds((la, a, DAY), (lb, b, DAY))


@pytest.mark.parametrize(("la", "a", "lb", "b"), AGREE)
def test_agreeing_restatements_get_no_hint(la: str, a: str, lb: str, b: str) -> None:
    assert hint_kinds((la, a, DAY), (lb, b, DAY)) == set()


def test_a_duration_is_compared_as_time_not_as_a_count() -> None:
    kinds = hint_kinds(
        ("kk", "Қаңтар оқиғасы болғалы тура 2 жыл уақыт өтті.", DAY),
        ("en", "Three years have passed since the January events.", DAY),
    )
    assert kinds == {"time"}


def test_country_adjectives_resolve_to_the_country() -> None:
    for text, entity_id in (
        ("Российский контингент охранял хлебозавод.", "GPE:RU"),
        ("Белорусский контингент охранял аэродром.", "GPE:BY"),
        ("The Belarusian contingent guarded the airfield.", "GPE:BY"),
    ):
        assert entity_id in {e.entity_id for e in extract_entities(text)}, text


def test_a_name_takes_the_kind_its_article_gives_it() -> None:
    article = "Эвакуированы жители сёл Теректисай и Жанатилек. Дамба находится в трёх километрах от Теректисая."
    claim = "Дамба находится в трёх километрах от Теректисая."
    (alone,) = extract_entities(claim)
    (typed,) = extract_entities(claim, context=article)
    assert (alone.kind, typed.kind) == ("other", "place:village")
    # so a village swap across languages is flagged
    wire = "The structure sits 3 km upstream of the village of Zhanatilek."
    kinds = hint_kinds(("ru", claim, DAY), ("en", wire, DAY), contexts=(article, wire))
    assert "entity" in kinds


def test_a_country_that_says_where_is_not_an_actor() -> None:
    where = ("kk", "Олардың міндеті – Қазақстан астанасындағы нысандарды күзету.", DAY)
    who = ("ru", "Таджикский контингент охранял ТЭЦ.", DAY)
    assert "entity" not in hint_kinds(where, who)
    actor = ("kk", "Қазақстан жасағы нысандарды күзетті.", DAY)
    assert "entity" in hint_kinds(actor, who)
