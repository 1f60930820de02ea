"""A claim that opens with a 3rd-person pronoun reads with its antecedent; its span stays exact."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.antecedent import resolve_antecedents
from claims.model import Claim
from claims.segment import extract_claims


def _reading_of(text: str, language: str, starts: str) -> str | None:
    claims = extract_claims(text, article_id="a", language=language)
    return next(c for c in claims if c.text.startswith(starts)).reading


def test_kk_they_reads_with_the_subject_of_the_sentence_before() -> None:
    text = (
        "ҰҚШҰ-ның бітімгерлік күштері шарттың 4-бабына сәйкес орналастырылды. "
        "Олар Қазақстандағы жағдай толық тұрақтанғанша болады."
    )
    reading = _reading_of(text, "kk", "Олар")
    assert (
        reading
        == "ҰҚШҰ-ның бітімгерлік күштері Олар Қазақстандағы жағдай толық тұрақтанғанша болады."
    )


def test_kk_their_takes_the_plural_subject_and_skips_a_leading_connective() -> None:
    text = (
        "Сондықтан бітімгерлік күштері әскери операцияларға қатыспайды. "
        "Олардың негізгі міндеті – стратегиялық нысандарды қорғау."
    )
    assert _reading_of(text, "kk", "Олардың") == (
        "бітімгерлік күштері Олардың негізгі міндеті – стратегиялық нысандарды қорғау."
    )


def test_kk_he_reads_with_a_named_person_but_not_with_a_place() -> None:
    person = "Лопес Обрадор жастарға қолдау көрсетуге уәде берді. Ол жұмыссыздық туралы айтты."
    assert _reading_of(person, "kk", "Ол ") == "Лопес Обрадор Ол жұмыссыздық туралы айтты."
    place = (
        "Грейсон Мьюс ауданында тұратын жүргізуші үйіне оралғысы келді. "
        "Ол жағдайды білгенде, не айтарын білмеді."
    )
    assert _reading_of(place, "kk", "Ол ") is None


def test_kk_pronoun_before_a_postposition_is_not_a_subject() -> None:
    text = (
        "Куәгерлер оқиға орнынан қашқан күдіктілерді байқаған. "
        "Олар туралы ақпараты бар адам полицияға хабарласуы керек."
    )
    assert _reading_of(text, "kk", "Олар") is None


def test_ru_they_and_their_read_with_the_words_before_the_plural_verb() -> None:
    text = (
        "Миротворческие силы ОДКБ были направлены в Алматы. "
        "Они охраняли стратегические объекты. Их задача выполнена."
    )
    assert _reading_of(text, "ru", "Они") == (
        "Миротворческие силы ОДКБ Они охраняли стратегические объекты."
    )
    # chained: the sentence before opened with a resolved "Они"
    assert _reading_of(text, "ru", "Их") == "Миротворческие силы ОДКБ Их задача выполнена."


def test_ru_she_reads_with_an_organisation_and_a_conjunction_is_no_subject() -> None:
    party = "Лейбористская партия — это больше не организация. Она не терпит несогласных."
    assert _reading_of(party, "ru", "Она") == "Лейбористская партия Она не терпит несогласных."
    text = "Как сообщают источники, продажи упали. Их марку сравнивали с Goop."
    assert _reading_of(text, "ru", "Их") is None


def test_en_they_and_their_need_a_plural_subject() -> None:
    text = (
        "The CSTO peacekeepers were deployed to Almaty in January. "
        "They will stay until the situation fully stabilises."
    )
    assert _reading_of(text, "en", "They") == (
        "The CSTO peacekeepers They will stay until the situation fully stabilises."
    )
    guarded = "Russian troops guarded the airport. Their task was to protect it."
    assert _reading_of(guarded, "en", "Their") == "Russian troops Their task was to protect it."
    singular = "The mayor was re-elected in May. They will stay until the end."
    assert _reading_of(singular, "en", "They") is None
    two = "Rangers may have dominated possession but Livingston did more. They should have scored."
    assert _reading_of(two, "en", "They") is None
    boss = "The boss guarded the airport. They will stay until the end."
    assert _reading_of(boss, "en", "They") is None


def test_en_possessor_and_pronoun_subjects_give_no_antecedent() -> None:
    statue = "Parliament's statue of Cromwell becomes a memorial. Its removal would be justice."
    assert _reading_of(statue, "en", "Its") is None
    pronoun = "As good as they were, nothing came of it. Their final ball was lacking."
    assert _reading_of(pronoun, "en", "Their") is None


def test_en_he_reads_with_a_name_before_a_singular_verb_but_not_with_a_country() -> None:
    text = "Kovacic did a quick give-and-go at midfield. He then fired a through ball."
    assert _reading_of(text, "en", "He") == "Kovacic He then fired a through ball."
    country = "North Korea said it was ready for talks. He said Kim wanted guarantees."
    assert _reading_of(country, "en", "He") is None
    question = "What is certain is that the war shaped us. His achievements are worth noting."
    assert _reading_of(question, "en", "His") is None


def test_first_sentence_and_other_languages_are_left_alone() -> None:
    assert _reading_of("Олар жағдай тұрақтанғанша болады.", "kk", "Олар") is None
    text = "Die Truppen wurden entsandt. Sie bleiben bis zur Stabilisierung."
    claims = extract_claims(text, article_id="a", language="de")
    assert resolve_antecedents(claims, text=text, language="de") == claims
    assert all(c.reading is None for c in claims)


def test_an_enumeration_reading_keeps_its_predicate_behind_the_antecedent() -> None:
    text = "Ресей жасақтары шекараға жетті. Олар X-ты"
    before = Claim("K0", "a", "Ресей жасақтары шекараға жетті", 0, 30, 0, 31)
    claim = Claim("K1", "a", "Олар X-ты", 32, 41, 32, 41, reading="Олар X-ты күзетті")
    resolved = resolve_antecedents([before, claim], text=text, language="kk")[1]
    assert resolved.reading == "Ресей жасақтары Олар X-ты күзетті"
    assert (resolved.text, resolved.start, resolved.end) == (claim.text, claim.start, claim.end)
    text = "Ресей жасағы шекараға жеткен. Олар X-ты"  # "олар" needs a plural
    singular = replace(before, text=text[:28], end=28, context_end=29)
    claim = replace(claim, start=30, end=39, context_start=30, context_end=39)
    assert resolve_antecedents([singular, claim], text=text, language="kk")[1] == claim


_SENTENCES = st.sampled_from(
    [
        "ҰҚШҰ-ның бітімгерлік күштері Алматыға келді.",
        "Олар нысандарды күзетті.",
        "Олардың міндеті – нысандарды қорғау.",
        "Ол бұл туралы айтты.",
        "Мемлекет басшысы Қасым-Жомарт Тоқаев мәлімдеме жасады.",
        "Биыл су тасқыны болды.",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=6))
def test_spans_stay_exact_and_the_claim_ends_its_reading(sentences: list[str]) -> None:
    text = " ".join(sentences)
    for claim in extract_claims(text, article_id="a", language="kk"):
        assert text[claim.start : claim.end] == claim.text
        assert claim.read.endswith(claim.text)
        if claim.reading is not None:
            assert claim.text.split()[0] in ("Олар", "Олардың", "Ол")
