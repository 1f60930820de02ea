"""The cause hint: two claims that give different causes of one event (kk, ru, en)."""
# ruff: noqa: E501  (claim texts read best on one line)

from __future__ import annotations

from datetime import date

import pytest

from claims.causes import find_causes
from claims.compare import link_hints
from tests.claims.pairs import claim_pair, hint_kinds

BASE = date(2025, 4, 8)
LATER = date(2026, 4, 7)

KK_THAW = "Темірболатов бөгеттің бұзылуына күрт жылыну мен нөсер жаңбырдан кейін өзенге құйылған судың күтпеген көлемі себеп болғанын айтты."
KK_ICE = "Облыстық төтенше жағдайлар департаментінің бастығы Асқар Темірболатов енді бөгеттің бұзылуына су тастағыш арнаның мұз бен қоқысқа бітеліп қалуы себеп болғанын мойындады."
RU_THAW = "Причиной прорыва он назвал резкое потепление и ливни, из-за которых в реку поступило неожиданно много воды."

CHANGED = [
    (("kk", KK_THAW, BASE), ("kk", KK_ICE, LATER)),
    (("ru", "Дамбу прорвало из-за резкого потепления и ливней.", BASE), ("ru", "Дамбу прорвало из-за засора водосброса льдом и мусором.", LATER)),
    (("en", "The dam failed because of heavy rain.", BASE), ("en", "The dam failed because of a spillway clogged with ice.", LATER)),
    (("en", "The fire was caused by a short circuit in the kitchen.", BASE), ("en", "The fire was caused by a cigarette left on a sofa.", BASE)),
    (("ru", RU_THAW, BASE), ("kk", KK_ICE, LATER)),  # across languages: named causes differ
    # a steppe fire: lightning (Kazakh "started from lightning's striking") against a campfire
    (("kk", "Алдын ала деректер бойынша, өрт құрғақ найзағай түсуінен басталған.", BASE), ("ru", "По предварительной версии, возгорание произошло из-за непотушенного костра отдыхающих.", BASE)),
    (("en", "Investigators concluded that lightning from a dry thunderstorm had started the blaze.", LATER), ("ru", "По предварительной версии, возгорание произошло из-за непотушенного костра отдыхающих.", BASE)),
]  # fmt: skip

SAME_CAUSE = [
    (("kk", KK_THAW, BASE), ("kk", "Бөгеттің бұзылуына нөсер жаңбыр мен күрт жылыну себеп болды.", BASE)),
    (("ru", "Дамбу прорвало из-за резкого потепления и ливней.", BASE), ("ru", "Причиной прорыва стали ливни и резкое потепление.", BASE)),
    (("en", "The dam failed because of heavy rain.", BASE), ("en", "Heavy rain caused the dam to fail.", BASE)),
    (("ru", RU_THAW, BASE), ("kk", KK_THAW, BASE)),  # translated
    (("en", "The dam failed due to a sudden thaw and heavy rain.", BASE), ("kk", KK_THAW, BASE)),
    (("kk", "Сараптама өрттің құрғақ найзағай түсуінен басталғанын растады.", LATER), ("en", "Investigators concluded that lightning from a dry thunderstorm had started the blaze.", LATER)),
]  # fmt: skip

NO_CAUSE = [
    (("kk", KK_THAW, BASE), ("kk", "Бөгеттің бір бөлігін су шайып кетті.", BASE)),
    (("ru", "Дамбу прорвало из-за резкого потепления и ливней.", BASE), ("ru", "Дамбу прорвало ночью 7 апреля.", BASE)),
    (("en", "The dam failed because of heavy rain.", BASE), ("en", "The dam failed on April 7.", BASE)),
    (("kk", "Соның салдарынан Теректісай ауылын су басты.", BASE), ("kk", KK_ICE, LATER)),  # "because of that" names no cause
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), CHANGED)
def test_a_changed_cause_fires(a: tuple[str, str, date], b: tuple[str, str, date]) -> None:
    assert "cause" in hint_kinds(a, b)


@pytest.mark.parametrize(("a", "b"), SAME_CAUSE)
def test_the_same_cause_reworded_or_translated_does_not_fire(
    a: tuple[str, str, date], b: tuple[str, str, date]
) -> None:
    assert "cause" not in hint_kinds(a, b)


@pytest.mark.parametrize(("a", "b"), NO_CAUSE)
def test_a_claim_without_a_cause_does_not_fire(
    a: tuple[str, str, date], b: tuple[str, str, date]
) -> None:
    assert "cause" not in hint_kinds(a, b)


def test_cross_language_causes_without_a_named_concept_do_not_fire() -> None:
    ru = ("ru", "Авария произошла из-за ошибки диспетчера.", BASE)
    en = ("en", "The accident happened because of a failed signal relay.", BASE)
    assert "cause" not in hint_kinds(ru, en)  # precision: nothing to compare across languages


def test_the_hint_highlights_both_cause_phrases() -> None:
    pair, articles = claim_pair(("kk", KK_THAW, BASE), ("kk", KK_ICE, LATER))
    (hints,) = link_hints([pair], articles=articles)
    (hint,) = [h for h in hints if h.kind == "cause"]
    values = dict(hint.values)
    assert "күрт жылыну мен нөсер жаңбырдан" in values[pair[0].claim_id]
    assert "арнаның мұз бен қоқысқа бітеліп" in values[pair[1].claim_id]
    for claim in pair:
        assert values[claim.claim_id] in claim.text


@pytest.mark.parametrize(
    ("language", "text", "cause"),
    [
        (
            "kk",
            KK_THAW,
            "күрт жылыну мен нөсер жаңбырдан кейін өзенге құйылған судың күтпеген көлемі",
        ),
        ("kk", "Нөсер жаңбыр салдарынан көшелерді су басты.", "Нөсер жаңбыр"),
        ("ru", RU_THAW, "резкое потепление и ливни"),
        ("en", "Officials blamed a sudden thaw for the breach.", "sudden thaw"),
        ("en", "The breach was the result of poor maintenance.", "poor maintenance"),
    ],
)
def test_find_causes_cuts_the_cause_phrase(language: str, text: str, cause: str) -> None:
    assert [c.surface for c in find_causes(text, language=language)] == [cause]


def test_a_cause_not_yet_known_is_no_cause() -> None:
    unknown = ("kk", "Бөгеттің бұзылу себебі әлі анықталмаған.", BASE)
    assert find_causes(unknown[1], language="kk") == ()
    assert "cause" not in hint_kinds(unknown, ("kk", KK_ICE, LATER))
    assert find_causes("Причина прорыва пока не установлена.", language="ru") == ()


def test_find_causes_skips_a_cause_that_points_back() -> None:
    assert find_causes("Соның салдарынан ауылды су басты.", language="kk") == ()
    assert find_causes("Шли ливни, из-за которых река вышла из берегов.", language="ru") == ()


def test_a_time_or_place_the_fire_started_from_is_no_cause() -> None:
    # only a verbal noun in the ablative ("түсуінен") says what started it
    assert find_causes("Өрт 19 тамыздан басталды.", language="kk") == ()
    assert find_causes("Өрт резерваттың солтүстігінен басталды.", language="kk") == ()


def test_investigators_finding_a_cause_is_not_an_unknown_cause() -> None:
    (found,) = find_causes(
        "Investigators concluded that lightning from a dry thunderstorm had started the blaze.",
        language="en",
    )
    assert "lightning" in found.concepts
    assert find_causes("The cause of the blaze is under investigation.", language="en") == ()
