"""Speaker attribution: direct speech, quotations, reported speech, sources, meta lines."""

from __future__ import annotations

import pytest

from claims.segment import extract_claims, split_sentences
from claims.speaker import attribute, subject_of


def _attributed(text: str, language: str = "kk") -> list[tuple[str | None, str, str]]:
    sentences = split_sentences(text, language=language)
    return [(a.speaker, text[a.start : a.end], a.kind) for a in attribute(text, sentences)]


def test_dash_turn_gives_every_sentence_the_tag_speaker_and_drops_dash_and_tag() -> None:
    text = (
        "Тоқаев түсіндірме жасады.\n"
        "– Бітімгерлік күштері операцияларға қатыспайды. Олардың міндеті – нысандарды "
        "қорғау. Олар жағдай тұрақтанғанша болады, – деді Қазақстан Президенті.\n"
        "Келіссөз аяқталды."
    )
    assert _attributed(text) == [
        (None, "Тоқаев түсіндірме жасады.", "none"),
        ("Қазақстан Президенті", "Бітімгерлік күштері операцияларға қатыспайды.", "dash"),
        ("Қазақстан Президенті", "Олардың міндеті – нысандарды қорғау.", "dash"),
        ("Қазақстан Президенті", "Олар жағдай тұрақтанғанша болады", "dash"),
        (None, "Келіссөз аяқталды.", "none"),
    ]


def test_dash_turn_starting_mid_paragraph() -> None:
    text = (
        "Ол маңызды екеніне тоқталды. – Біз қолдаймыз. "
        "Дайынбыз, – деді Еуропалық кеңестің президенті."
    )
    got = _attributed(text)
    assert got[1:] == [
        ("Еуропалық кеңестің президенті", "Біз қолдаймыз.", "dash"),
        ("Еуропалық кеңестің президенті", "Дайынбыз", "dash"),
    ]


def test_quotation_across_paragraphs_gets_the_speaker_after_it() -> None:
    text = (
        "«Аймақтарда тәртіпсіздік болды. Кеңес шешім қабылдады.\n\n"
        "Сол кезде төраға Армения еді. Күштер шығарылды», деді Қасым-Жомарт Тоқаев.\n\n"
        "Мемлекет басшысы жауап берді."
    )
    got = _attributed(text)
    assert [g[0] for g in got] == ["Қасым-Жомарт Тоқаев"] * 4 + [None]
    assert got[0][1] == "Аймақтарда тәртіпсіздік болды."
    assert got[3][1] == "Күштер шығарылды"


def test_quote_without_attribution_is_not_a_speaker() -> None:
    text = "Ол «Egemen Qazaqstan» газетіне сұхбат берді."
    assert _attributed(text) == [(None, text, "none")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Президент террористер туралы айтты.", "Президент"),
        ("Президент оқиғаларды агрессиялық акт деп атады.", "Президент"),
        ("Мемлекет басшысы бұл мәселеге баса назар аударуды баса айтты.", "Мемлекет басшысы"),
        (
            "Қасым-Жомарт Тоқаевтың мәліметін тыңдаған Шарль Мишель "
            "кездесудің пайдасы болғанын айтты.",
            "Шарль Мишель",
        ),
        (
            "Еуропалық кеңестің президенті ынтымақтастыққа дайын екенін мәлімдеді.",
            "Еуропалық кеңестің президенті",
        ),
    ],
)
def test_reported_speech_subject(sentence: str, speaker: str) -> None:
    assert _attributed(sentence)[0][0] == speaker


def test_pronoun_and_subjectless_sentences_inherit_the_previous_speaker() -> None:
    text = (
        "Шарль Мишель кездесудің пайдасы болғанын айтты. Ол ақпараттың маңызды екеніне тоқталды. "
        "Сондай-ақ ынтымақтастықты дамыту керектігін атап өтті."
    )
    assert [g[0] for g in _attributed(text)] == ["Шарль Мишель"] * 3


def test_according_to_leads() -> None:
    text = "Қасым-Жомарт Тоқаевтың бағалауынша, шығын 2-3 миллиард долларды құрайды."
    assert _attributed(text) == [
        ("Қасым-Жомарт Тоқаев", "шығын 2-3 миллиард долларды құрайды.", "according")
    ]
    ru = "По словам министра, рост составил 5%."
    assert _attributed(ru, "ru") == [
        ("министр", "рост составил 5%.", "according")
    ]  # nominative (issue 10)
    en = "According to Reuters, five people died."
    assert _attributed(en, "en") == [("Reuters", "five people died.", "according")]


@pytest.mark.parametrize(
    ("text", "language", "speaker", "content"),
    [
        ("«Мы готовы помочь», — заявил Токаев.", "ru", "Токаев", "Мы готовы помочь"),
        ("Войска уйдут через неделю, — сказал он.", "ru", None, "Войска уйдут через неделю"),
        ("Токаев заявил, что войска уйдут.", "ru", "Токаев", "Токаев заявил, что войска уйдут."),
        ("The troops will leave, Tokayev said.", "en", "Tokayev", "The troops will leave"),
        (
            "The troops will leave, said the minister.",
            "en",
            "the minister",
            "The troops will leave",
        ),
        ("Prices rose 5%, the minister said.", "en", "the minister", "Prices rose 5%"),
    ],
)
def test_russian_and_english_tags(
    text: str, language: str, speaker: str | None, content: str
) -> None:
    got = _attributed(text, language)
    assert got[0][:2] == (speaker, content)


def test_source_and_meta_sentences() -> None:
    text = (
        "Президент сұхбат берді, деп жазады Egemen.kz. Бұл туралы Ақорда хабарлады.\n"
        "Фото: akorda.kz"
    )
    assert _attributed(text) == [
        ("Egemen.kz", "Президент сұхбат берді", "source"),
        ("Ақорда", "Бұл туралы Ақорда хабарлады.", "meta"),
        (None, "Фото: akorda.kz", "meta"),
    ]
    scores = [c.score for c in extract_claims(text, article_id="A1")]
    assert max(scores[1:]) < 0.2


def test_headline_dash_attribution() -> None:
    text = "Шабуыл жасағандардың ішінде шетелдік содырлар бар – Тоқаев\nМәтін."
    assert _attributed(text)[0] == (
        "Тоқаев",
        "Шабуыл жасағандардың ішінде шетелдік содырлар бар",
        "headline",
    )


def test_subject_of_skips_oblique_case_names() -> None:
    text = "Шарль Мишельмен Қасым-Жомарт Тоқаевтың кездесуін Мемлекет басшысы Тоқаев бағалады."
    found = subject_of(text, 0, len(text))
    assert found is not None
    assert found[0] == "Мемлекет басшысы Тоқаев" or found[0] == "Мемлекет басшысы"
    assert text[found[1] : found[2]] == found[0]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "деп" introducing a complement, not an attribution tag
        ("Комиссия ассамблеяны “Уэльс Парламенті” деп атауға ұсыныс жариялады.", None),
        ("Сайлаушылар елді “Солтүстік Македония” деп өзгертуге дауыс береді.", None),
        ("“Мені тістеп алды!” деп айқайлап жатқанын түсінгенін айтты.", None),
        # "деп" + subject + reporting verb
        ("“Бұғанасы жыртылып кетті”, – деп Хаммел балаға жеткен кезде айтты.", "Хаммел"),
        ("Акула жеткіншекке шабуыл жасады, – деп ресми тараптар айтады.", "ресми тараптар"),
        ("Мерриуэзер мырза шіркеу оны ауыстырмағанын айтты.", "Мерриуэзер мырза"),
    ],
)
def test_kazakh_dep_complements_and_subjects(text: str, speaker: str | None) -> None:
    assert _attributed(text)[0][0] == speaker


def test_pronoun_leads_resolve_to_the_previous_speaker() -> None:
    text = "Адамс мырза бар жабылғанын айтты. Оның айтуынша, адамдар басқаша араласады."
    assert [g[0] for g in _attributed(text)] == ["Адамс мырза", "Адамс мырза"]
    ru = "Трамп выступил в Вирджинии. По его словам, демократы мешают работе."
    assert _attributed(ru, "ru")[1][:2] == (None, "демократы мешают работе.")
    en = "Lee spoke on Friday. He has said that unemployment draws youth to gangs."
    assert _attributed(en, "en")[1][0] is None
    en2 = "Lee said the vote was fair. 'We won,' he said."
    assert _attributed(en2, "en")[1][0] == "Lee"
