"""Clock times: parsing (claims.clocks) and the time hint on two claims that disagree."""

from __future__ import annotations

from datetime import date

from claims.clocks import clock_minutes, find_clock_times
from claims.compare import link_hints
from claims.model import Article, Claim, claim_id_for


def test_clock_times_in_kk_ru_en() -> None:
    found = [
        (r.surface, r.label)
        for text in ("Өрт сағат 03:15 шамасында басталды.", "около 03:15", "at about 5:15 a.m.")
        for r in find_clock_times(text)
    ]
    assert found == [("03:15", "03:15"), ("03:15", "03:15"), ("5:15 a.m.", "05:15")]


def test_decimals_and_scores_are_no_clock_times() -> None:
    assert find_clock_times("инфляция 8.30 процента, счёт 2:1") == []


def test_an_unmarked_hour_up_to_12_means_either_half_of_the_day() -> None:
    (ref,) = find_clock_times("at 4:40")
    assert clock_minutes(ref) == (280, 1000)
    (pm,) = find_clock_times("at 11 pm")
    assert clock_minutes(pm) == (23 * 60,)


def _hint_kinds(a: tuple[str, str], b: tuple[str, str]) -> set[str]:
    articles, claims = {}, []
    for n, (language, text) in enumerate((a, b)):
        aid = f"A{n}"
        articles[aid] = Article(aid, f"src{n}", "t", text, language, aid, date(2025, 1, 20))
        claims.append(Claim(claim_id_for(aid, 0, len(text)), aid, text, 0, len(text), 0, len(text)))
    (hints,) = link_hints([(claims[0], claims[1])], articles=articles)
    return {h.kind for h in hints}


def test_clock_times_hours_apart_conflict() -> None:
    assert "time" in _hint_kinds(
        ("kk", "Өрт сағат 03:15 шамасында басталды."), ("en", "The fire started at 5:15 a.m.")
    )


def test_clock_times_that_agree_draw_no_hint() -> None:
    assert "time" not in _hint_kinds(
        ("ru", "Пожар начался около 03:15."), ("en", "The fire started at about 3:20 a.m.")
    )
    assert "time" not in _hint_kinds(
        ("ru", "Пожар начался в 15:15."), ("en", "The fire started at 3:15 in the afternoon.")
    )
