"""Polarity: Kazakh negative verb morphology, negators, concord words, double negation."""
# ruff: noqa: E501  (case tables read best one case per line)

from __future__ import annotations

from pathlib import Path

import pytest

from claims.negation import find_negations, is_negative_verb, polarity


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("қатыспайтынын", "қатыс"),
        ("қатыспағанын", "қатыс"),
        ("атпағанын", "ат"),
        ("бермеді", "бер"),
        ("қоймастан", "қой"),
        ("болмайды", "бол"),
        ("келмейтінін", "кел"),
        ("жасамады", "жаса"),
        ("алмау", "ал"),
        ("БЕРМЕДІ", "бер"),
    ],
)
def test_kazakh_negative_verbs(word: str, stem: str) -> None:
    assert is_negative_verb(word) == stem


@pytest.mark.parametrize(
    "word",
    [
        "мемлекет", "мемлекеттік", "бастама", "бастамасымен", "қарама", "мақсат", "болма",
        "маған", "шамамен", "жаппай", "қарапайым", "жабайы", "сыпайы", "немесе", "қарамастан",
        "қамау", "бағдарламаға", "мамандары", "бармақ", "тамаша", "ақпарат", "бейбіт",
    ],
)  # fmt: skip
def test_kazakh_non_negative_words(word: str) -> None:
    assert is_negative_verb(word) is None


@pytest.mark.parametrize(
    ("language", "text", "negative"),
    [
        ("kk", "ҰҚШҰ бітімгерлік күштері лаңкестікке қарсы операцияларға қатысқан жоқ, бірде-бір оқ атқан жоқ", True),
        ("kk", "Бітімгерлік күштері әскери операцияларға қатыспайтынын ашып айтқым келеді", True),
        ("kk", "Бітімгерлік күштері әскери операцияларға қатысты", False),
        ("kk", "Мұның террорлық шабуыл екеніне ешқандай күмәнім жоқ", True),
        ("kk", "Бұл оңай емес", True),
        ("kk", "Ол бармаған емес", False),
        ("kk", "Ол барған жоқ емес", False),
        ("kk", "ешкім келген", True),
        ("ru", "Миротворцы не участвовали в операциях", True),
        ("ru", "Миротворцы не сделали ни одного выстрела", True),
        ("ru", "Никакого участия не было", True),
        ("ru", "Погибли не менее 100 человек", False),
        ("ru", "Это касается не только армии", False),
        ("ru", "Я не мог не сказать об этом", False),
        ("ru", "Миротворцы участвовали в операциях", False),
        ("en", "They did not take part", True),
        ("en", "They will not take part", True),
        ("en", "They didn't fire a single shot", True),
        ("en", "Nobody was hurt", True),
        ("en", "No more than 100 people came", False),
        ("en", "Not only the army took part", False),
        ("en", "They took part in the operation", False),
    ],
)  # fmt: skip
def test_polarity(language: str, text: str, negative: bool) -> None:
    assert polarity(text, language=language).negative is negative


def test_concord_reinforces_not_flips() -> None:
    result = polarity("бірде-бір оқ атқан жоқ", language="kk")
    assert result.negative
    assert [(c.surface, c.kind) for c in result.cues] == [
        ("бірде-бір", "concord"),
        ("жоқ", "negator"),
    ]


def test_will_not_and_did_not_agree() -> None:
    assert polarity("will not take part", language="en") == polarity(
        "will not take part", language="en"
    )
    assert polarity("did not take part", language="en").negative
    assert polarity("қатыспайды", language="kk").negative
    assert polarity("қатыспады", language="kk").negative


def test_cue_spans_index_text() -> None:
    text = "Олар қатыспағанын, бірде-бір оқ атпағанын айтты."
    for cue in find_negations(text, language="kk"):
        assert text[cue.start : cue.end] == cue.surface


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_seed_articles_have_only_true_negative_verbs() -> None:
    """Measured on the two seed articles: every form found is a real negative verb."""
    import regex

    words = []
    for path in sorted(SEEDS.glob("*.txt")):
        words += [w for w in regex.findall(r"\p{L}+", path.read_text(encoding="utf-8"))]
    found = {w.lower() for w in words if is_negative_verb(w)}
    assert found == {"атпағанын", "қатыспағанын", "қатыспайтынын", "қоймастан"}


@pytest.mark.parametrize(
    "text",
    [
        "Boilers at the city's No. 1 power plant failed.",
        "The plant No 2 failed.",
        "Two boilers at the No. 1 plant failed.",
        "Unit No 3 stopped.",
    ],
)
def test_the_numero_sign_no_is_not_a_negation(text: str) -> None:
    # "No. 1" and a capitalised "No 2" inside a sentence number a thing; "No. 1" gave a
    # false "polarity differs" hint against "№2"
    assert find_negations(text, language="en") == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [("There was no 24-hour warning.", "no"), ("No 5 people died.", "No"), ("No boilers failed.", "No")],
)  # fmt: skip
def test_no_before_a_noun_or_a_count_is_still_a_negation(text: str, cue: str) -> None:
    assert [c.surface for c in find_negations(text, language="en")] == [cue]
