"""Sentence splitting and claim extraction: goldens, seeds, splitting rules, provenance."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.errors import ClaimsError
from claims.ingest import parse_document
from claims.model import Claim, claim_id_for
from claims.segment import extract_claims, split_sentences

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SEEDS = {"000": "000_d584ff334e9af6fb.txt", "001": "001_c7d509376adc05ed.txt"}


def _golden(lang: str) -> list[tuple[str, list[str]]]:
    data = json.loads((DATA / f"pysbd_{lang}_golden.json").read_text(encoding="utf-8"))
    seen: dict[str, list[str]] = {}
    for case in data["cases"]:
        seen.setdefault(case["text"], case["expected"])
    return list(seen.items())


@pytest.mark.parametrize(("text", "expected"), _golden("kk"))
def test_pysbd_kazakh_golden(text: str, expected: list[str]) -> None:
    got = [s.text.strip() for s in split_sentences(text, language="kk")]
    assert got == [e.strip() for e in expected]


@pytest.mark.parametrize(("text", "expected"), _golden("ru"))
def test_pysbd_russian_golden(text: str, expected: list[str]) -> None:
    got = [s.text.strip() for s in split_sentences(text, language="ru")]
    assert got == [e.strip() for e in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ол 2020 ж. келді. Т.б. мәселелер.", ["Ол 2020 ж. келді.", "Т.б. мәселелер."]),
        ("Алма, алмұрт т.б. Бұл жемістер.", ["Алма, алмұрт т.б.", "Бұл жемістер."]),
        ("Б.з.б. 3 ғ. салынған. Кейін қирады.", ["Б.з.б. 3 ғ. салынған.", "Кейін қирады."]),
        (
            "Бюджет 1,5 млн. теңге. Шығын 3.5 млрд. АҚШ доллары.",
            ["Бюджет 1,5 млн. теңге.", "Шығын 3.5 млрд. АҚШ доллары."],
        ),
        (
            "Г. Марченко мен Қ.-Ж. Тоқаев кездесті. Келіссөз өтті.",
            ["Г. Марченко мен Қ.-Ж. Тоқаев кездесті.", "Келіссөз өтті."],
        ),
        (
            "Шығын 2-3 миллиард долларды құрайды. Бұл көп.",
            ["Шығын 2-3 миллиард долларды құрайды.", "Бұл көп."],
        ),
        (
            "Mr. Smith went to the U.S. embassy. He left at 5 p.m. on Monday.",
            ["Mr. Smith went to the U.S. embassy.", "He left at 5 p.m. on Monday."],
        ),
        (
            "Рост составил 3,5% в 2010-2012 гг. и т.д. Дальше хуже.",
            ["Рост составил 3,5% в 2010-2012 гг. и т.д.", "Дальше хуже."],
        ),
        (
            "– Бұл дұрыс емес, – деді Мемлекет басшысы. Келісім жасалды.",
            ["– Бұл дұрыс емес, – деді Мемлекет басшысы.", "Келісім жасалды."],
        ),
        (
            "«Біз дайынбыз. Бәрі жақсы болады», деді Президент. Кездесу аяқталды.",
            ["«Біз дайынбыз.", "Бәрі жақсы болады», деді Президент.", "Кездесу аяқталды."],
        ),
        (
            "«К чему? – спросила мама. – Завтра выходной». Он кивнул.",
            ["«К чему? – спросила мама. – Завтра выходной».", "Он кивнул."],
        ),
    ],
)
def test_sentence_rules(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_ambiguous_question_case_is_two_sentences() -> None:
    # Documented decision (pySBD reading): a "?" not followed by an attribution
    # ("– деді", "деп") closes the sentence even before a lower-case word.
    text = "Оқушылар үйі, Достық даңғылы, Абай даналығы, ауыл шаруашылығы – кім? не?"
    assert [s.text for s in split_sentences(text)][-1] == "не?"
    assert len(split_sentences("Қайда барасың? – деп сұрады ол.")) == 1


# --- seeds -------------------------------------------------------------------


def _norm(text: str) -> str:
    text = regex.sub(r"[«»\"“”„'’–—]", " ", text.casefold())
    text = regex.sub(r"\s+", " ", text).strip()
    return text.strip(" .,;:!?")


def _seed_claims(key: str) -> list[Claim]:
    path = ROOT / "seeds" / SEEDS[key]
    article = parse_document(path.read_bytes(), name=path.name)
    claims = extract_claims(article.text, article_id=article.article_id)
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text
    return claims


def _expected() -> list[dict[str, str | None]]:
    data = json.loads((ROOT / "seeds" / "expected_claims.json").read_text(encoding="utf-8"))
    claims: list[dict[str, str | None]] = data["claims"]
    return claims


@pytest.fixture(scope="module")
def seed_claims() -> dict[str, list[Claim]]:
    return {key: _seed_claims(key) for key in SEEDS}


def test_every_expected_seed_claim_is_produced_with_its_speaker(
    seed_claims: dict[str, list[Claim]],
) -> None:
    missing = []
    for item in _expected():
        produced = {_norm(c.text): c.speaker for c in seed_claims[str(item["article"])]}
        key = _norm(str(item["text"]))
        if key not in produced or produced[key] != item["speaker"]:
            missing.append((item["article"], item["text"], produced.get(key, "<absent>")))
    assert missing == []


def test_seed_precision(seed_claims: dict[str, list[Claim]]) -> None:
    expected = {(str(e["article"]), _norm(str(e["text"]))) for e in _expected()}
    produced = [(key, _norm(c.text)) for key, claims in seed_claims.items() for c in claims]
    true_positive = sum(1 for p in produced if p in expected)
    assert true_positive / len(produced) >= 0.95
    assert true_positive == len(expected)


def test_seed_meta_sentences_rank_low(seed_claims: dict[str, list[Claim]]) -> None:
    by_text = {c.text: c for c in seed_claims["000"]}
    meta = by_text["Бұл туралы Ақорда хабарлады."]
    loss = by_text["мемлекеттің алдын ала экономикалық шығыны 2-3 миллиард АҚШ долларын құрайды."]
    assert meta.score < 0.2 < loss.score
    assert loss.score == max(c.score for c in seed_claims["000"])


# --- claims ------------------------------------------------------------------


def test_coordinated_reported_clauses_give_one_claim_each() -> None:
    text = (
        "Сондай-ақ лаңкестердің зорлық әрекеттері салдарынан көптеген құқық қорғау "
        "қызметкерлері мен бейбіт тұрғындардың құрбан болғанын, 1300-ге жуық кәсіпкерлік "
        "нысанға залал келгенін, 100-ден астам сауда орталығы мен банктердің тоналғанын, "
        "500-ге жуық полиция машинасы өртенгенін айтты."
    )
    claims = extract_claims(text, article_id="A1")
    assert [c.text for c in claims] == [
        "лаңкестердің зорлық әрекеттері салдарынан көптеген құқық қорғау қызметкерлері мен "
        "бейбіт тұрғындардың құрбан болғанын",
        "1300-ге жуық кәсіпкерлік нысанға залал келгенін",
        "100-ден астам сауда орталығы мен банктердің тоналғанын",
        "500-ге жуық полиция машинасы өртенгенін",
    ]
    assert {(c.context_start, c.context_end) for c in claims} == {(0, len(text))}
    assert [c.position for c in claims] == [0, 1, 2, 3]


def test_single_reported_clause_is_not_split() -> None:
    text = "Шарль Мишель кездесудің зор пайдасы болғанын айтты."
    claims = extract_claims(text, article_id="A1")
    assert [(c.text, c.speaker) for c in claims] == [(text, "Шарль Мишель")]


def test_parallel_subjects_give_one_claim_per_contingent() -> None:
    text = (
        "Армения жасағы нан зауытын және су мекемесін, Беларусь жасағы Жетігендегі "
        "аэродромды, Ресей жасағы телекоммуникация нысандарын күзетті."
    )
    claims = extract_claims(text, article_id="A1")
    assert [c.text for c in claims] == [
        "Армения жасағы нан зауытын және су мекемесін",
        "Беларусь жасағы Жетігендегі аэродромды",
        "Ресей жасағы телекоммуникация нысандарын күзетті.",
    ]


def test_comma_list_without_parallel_objects_is_not_split() -> None:
    text = "Біз Ресейге емес, Ұжымдық қауіпсіздік туралы шарт ұйымына жүгіндік."
    assert len(extract_claims(text, article_id="A1")) == 1


def test_russian_and_english_that_clauses() -> None:
    ru = "Токаев заявил, что Казахстан не участвует в операции, и что войска уйдут 13 января."
    claims = extract_claims(ru, article_id="A1", language="ru")
    assert [(c.text, c.speaker) for c in claims] == [
        ("Казахстан не участвует в операции", "Токаев"),
        ("войска уйдут 13 января.", "Токаев"),
    ]
    en = "The minister said that prices rose 5% and that wages fell in May."
    claims = extract_claims(en, article_id="A1", language="en")
    assert [c.text for c in claims] == ["prices rose 5%", "wages fell in May."]


def test_claim_ids_are_stable_and_derived_from_span() -> None:
    text = "Бюджет 5 млрд теңгені құрады. Бұл туралы министрлік хабарлады."
    first = extract_claims(text, article_id="A9")
    assert first == extract_claims(text, article_id="A9")
    assert all(c.claim_id == claim_id_for("A9", c.start, c.end) for c in first)
    assert all(0.0 <= c.score <= 1.0 for c in first)


def test_bad_input_raises_one_line_claims_error() -> None:
    with pytest.raises(ClaimsError, match="decode"):
        split_sentences(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ClaimsError, match="decode"):
        extract_claims(b"bytes", article_id="A1")  # type: ignore[arg-type]
    with pytest.raises(ClaimsError, match="article_id"):
        extract_claims("Мәтін.", article_id="")


def test_empty_and_blank_text_give_nothing() -> None:
    assert split_sentences("") == []
    assert extract_claims(" \n\t ", article_id="A1") == []


# --- provenance properties ---------------------------------------------------

_ALPHABET = st.sampled_from(
    list("абвгдеҚқҒғҰұҮүӘәІіӨөҺһЖжТтБбМмAaBbUuSs0123456789")
    + list(" \n\t\r\u00a0  ,.;:!?…«»\"“”„'()–—-")
    + ["т.б.", "ж.", "млн.", "Mr.", "U.S.", "Г. ", "– деді Президент.", "», деді ол.", "\n– "]
    + ["болғанын, ", "келгенін айтты.", ", что ", " said that ", " and that "]
)
_TEXT = st.lists(_ALPHABET, max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_sentence_spans_are_exact_ordered_and_stripped(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for sentence in sentences:
        assert 0 <= previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(["kk", "ru", "en", "xx"]))
def test_claim_spans_are_exact_and_inside_context(text: str, language: str) -> None:
    claims = extract_claims(text, article_id="A1", language=language)
    for index, claim in enumerate(claims):
        assert claim.position == index
        assert 0 <= claim.context_start <= claim.start < claim.end <= claim.context_end
        assert claim.context_end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert claim.text == claim.text.strip()
        assert 0.0 <= claim.score <= 1.0
    spans = [(c.start, c.end) for c in claims]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_enumerated_contingents_read_with_their_shared_verb() -> None:
    text = (
        "Армения жасағы «Ақсай» нан зауытын және «Алматы су» мекемесін, Беларусь жасағы "
        "Жетігендегі аэродромды, Ресей жасағы үшінші жылу электр орталығын күзетті."
    )
    claims = extract_claims(text, article_id="a", language="kk")
    assert [c.text for c in claims][1] == "Беларусь жасағы Жетігендегі аэродромды"
    assert claims[1].read == "Беларусь жасағы Жетігендегі аэродромды күзетті"
    assert claims[-1].reading is None and claims[-1].text.endswith("күзетті.")
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.read.startswith(claim.text)


def test_wire_dateline_is_cut_off_and_credit_lines_give_no_claim() -> None:
    text = (
        "Steppe Wire · April 8, 2026 · By Daniyar Ospan\n\n"
        "AKTOBE, Kazakhstan, April 8 (Steppe Wire) – A year after the breach, the dam has "
        "been fully rebuilt, local officials said on Tuesday.\n\n"
        "(Reporting by Daniyar Ospan; editing by Helen Marsh)"
    )
    claims = extract_claims(text, article_id="w", language="en")
    # the closing attribution, with when it was made, is the speaker, not the claim
    assert [c.text for c in claims] == ["A year after the breach, the dam has been fully rebuilt"]
    assert claims[0].speaker == "local officials"
    assert text[claims[0].start : claims[0].end] == claims[0].text


def test_a_closing_english_attribution_with_when_or_how_gives_the_speaker() -> None:
    cases = {
        "The dam was rebuilt, the ministry said in a statement.": (
            "The dam was rebuilt",
            "the ministry",
        ),
        "The plant will close, the company said in a statement on Monday.": (
            "The plant will close",
            "the company",
        ),
        "Prices rose 5 percent, officials said late on Friday.": (
            "Prices rose 5 percent",
            "officials",
        ),
        "He said the plant will close in 2025.": ("He said the plant will close in 2025.", None),
    }
    for text, (claim, speaker) in cases.items():
        (found,) = extract_claims(text, article_id="a", language="en")
        assert (found.text, found.speaker) == (claim, speaker)


def test_a_sentence_without_a_letter_gives_no_claim() -> None:
    # footnote marks, rules and bare figures left between paragraphs are no claims
    text = (
        "Мемлекет басшысы Тоқаев келіссөз жүргізді. (2)\n\nБұл туралы Ақорда хабарлады. [3]"
        "\n\n12.05.2024\n\n—\n\nThe rate rose to 16.5 percent. 16,5 %"
    )
    claims = extract_claims(text, article_id="A", language="kk")
    assert [c.text for c in claims] == [
        "Мемлекет басшысы Тоқаев келіссөз жүргізді.",
        "Бұл туралы Ақорда хабарлады.",
        "The rate rose to 16.5 percent.",
    ]
    assert [c.position for c in claims] == [0, 1, 2]


def test_a_unit_with_a_slash_may_end_a_sentence() -> None:
    # "18 м/с." is no abbreviation: the next sentence is a claim of its own (a planted cause)
    text = (
        "Пожар быстро распространился из-за сильного ветра с порывами до 18 м/с. "
        "По предварительной версии, возгорание произошло из-за непотушенного костра."
    )
    claims = extract_claims(text, article_id="a", language="ru")
    assert [c.text for c in claims] == [
        "Пожар быстро распространился из-за сильного ветра с порывами до 18 м/с.",
        "По предварительной версии, возгорание произошло из-за непотушенного костра.",
    ]
    (wind,) = extract_claims("Жел екпіні секундына 18 м/с. Өрт тез тарады.", article_id="b")[:1]
    assert wind.text == "Жел екпіні секундына 18 м/с."
