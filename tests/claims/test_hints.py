"""Per-link hints: the planted conflicts of xref_dev fire, its restatements do not."""
# ruff: noqa: E501  (claim texts read best on one line)

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.compare import link_hints
from claims.facts import parse_facts
from claims.model import Article, Claim, claim_id_for

LANG = {
    "kk": date(2025, 4, 8),
    "ru": date(2025, 4, 8),
    "en": date(2026, 4, 8),
    "kk2": date(2026, 4, 7),
}


def _pair(a: tuple[str, str], b: tuple[str, str]) -> tuple[tuple[Claim, Claim], dict[str, Article]]:
    articles, claims = {}, []
    for n, (key, text) in enumerate((a, b)):
        aid = f"A{n}{key}"
        language = key[:2]
        articles[aid] = Article(aid, f"src{n}", "t", text, language, aid, LANG[key])
        claims.append(Claim(claim_id_for(aid, 0, len(text)), aid, text, 0, len(text), 0, len(text)))
    return (claims[0], claims[1]), articles


def _kinds(a: tuple[str, str], b: tuple[str, str]) -> set[str]:
    pair, articles = _pair(a, b)
    (hints,) = link_hints([pair], articles=articles)
    return {h.kind for h in hints}


CONFLICTS = [
    (("kk", "Облыстық төтенше жағдайлар департаментінің мәліметінше, екі ауылда шамамен 300 тұрғын үйді су басқан."), ("ru", "По данным областного департамента по чрезвычайным ситуациям, подтоплены около 350 жилых домов."), "number"),
    (("kk", "Үйі тұруға жарамсыз деп танылған отбасыларға 3-5 миллион теңге көлемінде өтемақы төленеді."), ("kk2", "Былтыр аудан әкімдігі үйі тұруға жарамсыз деп танылған отбасыларға 6-8 миллион теңге өтемақы төленетінін хабарлаған еді."), "number"),
    (("kk", "Қауіпсіздік мақсатында Жаңатілек ауылы электр желісінен уақытша ажыратылды."), ("ru", "Жанатилек, по данным энергетиков, от электросети не отключали."), "negation"),
    (("kk", "Аудан әкімдігінің хабарлауынша, апаттан бір күн бұрын Теректісай тұрғындарына SMS арқылы ескерту жіберілген."), ("kk2", "Облыс прокуратурасы жүргізген тексеріс апат алдында Теректісай тұрғындарына SMS арқылы ешқандай ескерту жіберілмегенін көрсетті."), "negation"),
    (("kk", "Су тасқынының салдарын жою жөніндегі жедел штабты облыс әкімінің орынбасары Гүлнар Есмағамбетова басқарады."), ("ru", "Оперативный штаб по ликвидации последствий паводка возглавляет заместитель акима области Ерболат Сапаргалиев."), "entity"),
    (("kk", "Бөгет Теректісай ауылынан 3 шақырым жерде, өзеннің жоғарғы ағысында орналасқан."), ("en", "The structure sits about 3 km upstream of the village of Zhanatilek."), "entity"),
    (("kk", "Ақтөбе облысының Көктерек ауданында 6 сәуірден 7 сәуірге қараған түні Шағырлы өзеніндегі топырақ бөгеттің бір бөлігін су шайып кетті."), ("en", "The earthen dam on the Shagyrly River in Aktobe region gave way in the early hours of April 5, 2025."), "time"),
    (("kk", "Бітімгерлік күштері әскери операцияларға қатыспайды."), ("kk2", "Бітімгерлік күштері әскери операцияларға қатысады."), "negation"),
]  # fmt: skip

AGREE = [
    (("kk", "Құтқару жұмыстарына үш жүзден астам құтқарушы мен ерікті, 48 бірлік техника тартылды."), ("ru", "К работам привлечены более 300 спасателей и добровольцев, а также 48 единиц техники.")),
    (("kk", "Бөгет Теректісай ауылынан 3 шақырым жерде, өзеннің жоғарғы ағысында орналасқан."), ("ru", "Дамба находится в трёх километрах выше по течению от Теректисая.")),
    (("kk2", "Кейін су басқан үйлердің 64-і тұруға жарамсыз деп танылды."), ("en", "Sixty-four of the flooded homes were later declared unfit to live in.")),
    (("kk", "«Бөгетті уақытша қалпына келтіруге 2-3 күн қажет», – деді департамент басшысы."), ("ru", "По его словам, временно восстановить дамбу удастся за 2–3 дня.")),
    (("kk", "Үйі тұруға жарамсыз деп танылған отбасыларға 3-5 миллион теңге көлемінде өтемақы төленеді."), ("ru", "Владельцам домов, которые признают непригодными для жилья, выплатят компенсацию от 3 до 5 млн тенге.")),
    (("kk2", "Аудан әкімдігінің мәліметінше, әр отбасыға орта есеппен 4,3 миллион теңге төленген."), ("en", "The average payout was 4.3 million tenge.")),
    (("kk2", "Ол кезде екі ауылдан 1 146 адам, оның ішінде 412 бала эвакуацияланған."), ("en", "Emergency services evacuated 1,146 people, 412 of them children.")),
    (("kk", "Бірінші кезекте бөгетке ең жақын орналасқан Теректісайдан 684 адам, екінші кезекте Жаңатілектен 462 адам көшірілді."), ("ru", "В Коктерекском районе Актюбинской области эвакуированы 1\u00a0146 жителей сёл Теректисай и Жанатилек, в том числе 412 детей.")),
    (("kk", "Облыстық төтенше жағдайлар департаментінің мәліметінше, екі ауылда шамамен 300 тұрғын үйді су басқан."), ("kk2", "Төтенше жағдайлар департаментінің дерегінше, су 300-ге жуық үйді басқан.")),
    (("kk2", "Төтенше жағдайлар департаментінің дерегінше, су 300-ге жуық үйді басқан."), ("en", "About 300 homes were flooded in Terektisai and Zhanatilek.")),
    (("kk", "Облыстық төтенше жағдайлар департаментінің бастығы Асқар Темірболатовтың айтуынша, ауыл көшелеріндегі су деңгейі 1 метрден аспаған."), ("ru", "Начальник департамента Аскар Темирболатов сообщил, что уровень воды на улицах сёл оставался ниже одного метра.")),
    (("kk", "Қаза тапқандар жоқ."), ("en", "No one was killed.")),
    (("kk", "Қаза тапқандар жоқ."), ("ru", "Погибших нет, двое жителей с признаками переохлаждения доставлены в районную больницу.")),
    (("kk", "Аудан әкімі Нұрлан Жақыпбеков үйін су басқан әр отбасыға 500 мың теңгеден бір реттік көмек төленетінін айтты."), ("ru", "Аким района Нурлан Жакыпбеков пообещал семьям, чьи дома затопило, единовременную помощь — по 500 тысяч тенге.")),
    (("kk", "Ақтөбе облысының Көктерек ауданында 6 сәуірден 7 сәуірге қараған түні Шағырлы өзеніндегі топырақ бөгеттің бір бөлігін су шайып кетті."), ("kk2", "Бір жыл бұрын, 7 сәуірге қараған түні Шағырлы өзеніндегі бөгеттің бір бөлігін су шайып кетті.")),
    (("ru", "Оба села оказались под водой после того, как в ночь на 7 апреля река Шагырлы размыла часть земляной дамбы."), ("kk", "Ақтөбе облысының Көктерек ауданында 6 сәуірден 7 сәуірге қараған түні Шағырлы өзеніндегі топырақ бөгеттің бір бөлігін су шайып кетті.")),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b", "kind"), CONFLICTS)
def test_planted_conflicts_get_a_hint_of_their_kind(
    a: tuple[str, str], b: tuple[str, str], kind: str
) -> None:
    assert kind in _kinds(a, b)


@pytest.mark.parametrize(("a", "b"), AGREE)
def test_restatements_get_no_number_negation_entity_or_time_hint(
    a: tuple[str, str], b: tuple[str, str]
) -> None:
    assert _kinds(a, b) == set()


def test_hint_values_are_exact_substrings() -> None:
    for a, b, _ in CONFLICTS:
        pair, articles = _pair(a, b)
        (hints,) = link_hints([pair], articles=articles)
        texts = {c.claim_id: c.text for c in pair}
        for hint in hints:
            assert all(value in texts[cid] for cid, value in hint.values)


def test_negative_statements_of_fact_are_not_denials() -> None:
    for text, language in (
        ("Қаза тапқандар жоқ.", "kk"),
        ("Погибших нет.", "ru"),
        ("No one was killed.", "en"),
        ("су деңгейі 1 метрден аспаған", "kk"),
        ("Қаза тапқан адам жоқ, бірақ екі өрт сөндіруші күйік алды.", "kk"),
        ("Бұл жоспарланған 500 гектарға жетпейді.", "kk"),
        ("Уровень воды не превысил одного метра.", "ru"),
        ("The water did not reach 1 m.", "en"),
    ):
        facts = parse_facts(text, language=language, published=None)
        assert not facts.negative and facts.cues
    for text, language in (
        ("Ол жиналысқа жетпеді.", "kk"),  # no figure: "did not get to the meeting" denies
        ("Дамбу не восстановили.", "ru"),
        ("Қаза тапқан адамның денесі табылмады.", "kk"),
    ):
        assert parse_facts(text, language=language, published=None).negative


CASES = (
    [a for a, _, _ in CONFLICTS]
    + [b for _, b, _ in CONFLICTS]
    + [x for pair in AGREE for x in pair]
)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CASES), st.sampled_from(CASES))
def test_hints_are_symmetric_in_the_pair_order(a: tuple[str, str], b: tuple[str, str]) -> None:
    pair, articles = _pair(a, b)
    (forward,) = link_hints([pair], articles=articles)
    (backward,) = link_hints([(pair[1], pair[0])], articles=articles)
    assert forward == backward


def test_checkers_are_swappable() -> None:
    from claims.hints import FactPair
    from claims.model import Hint

    seen: list[FactPair] = []

    def fake(pair: FactPair) -> Hint | None:
        seen.append(pair)
        return Hint("nli", "fake", pair.ids)

    (a, b, _kind) = CONFLICTS[0]
    pair, articles = _pair(a, b)
    (hints,) = link_hints([pair], articles=articles, checkers=(fake,))
    assert [h.message for h in hints] == ["fake"]
    assert seen and seen[0].a.quantities  # the checker reads parsed facts, not text


@pytest.mark.parametrize(
    ("a", "b", "hinted"),
    [
        (("ru", "Без света остались около 25 тысяч жителей."), ("kk", "Жарықсыз қалған тұрғындар саны шамамен 15 мың адам."), True),
        (("kk", "Ол кезде 15 мыңға жуық тұрғын жарықсыз отырды."), ("ru", "Без света остались около 25 тысяч жителей."), True),
        (("en", "About 25,000 residents were left without power."), ("kk", "Жарықсыз 15 мың адам қалды."), True),
        (("ru", "Без света остались 2 300 жителей."), ("kk", "Жарықсыз 2 300 адам қалды."), False),
        (("kk", "Жылусыз қалған тұрғындар саны шамамен 40 мың адам."), ("ru", "Без тепла остались около 60 тысяч жителей."), True),
        (("ru", "Эвакуированы 1200 жителей."), ("en", "About 2,000 residents were evacuated."), True),
    ],
)  # fmt: skip
def test_people_nouns_count_people(a: tuple[str, str], b: tuple[str, str], hinted: bool) -> None:
    """ "жителей", "тұрғын", "residents" count people, as "адам" does: their numbers compare."""
    assert ("number" in _kinds(a, b)) is hinted


def test_negation_anchored_by_shared_words_in_one_language() -> None:
    """Two kk claims about one common noun (no name, no number) still meet on their words:
    "мектеп жарықсыз қалған жоқ" denies what "мектептің жарықсыз қалғанын анықтады" affirms."""
    a = ("kk", "Тексеріс қалалық мектептің де 3 сағат бойы жарықсыз қалғанын анықтады.")
    b = ("kk", "Қалалық мектеп жарықсыз қалған жоқ.")
    pair, articles = _pair(a, b)
    (hints,) = link_hints([pair], articles=articles)
    (hint,) = [h for h in hints if h.kind == "negation"]
    assert dict(hint.values)[pair[0].claim_id] == "қалғанын"


def test_no_negation_anchor_from_one_shared_word() -> None:
    a = ("kk", "Жаңа мектеп биыл ашылды.")
    b = ("kk", "Ескі аурухана жабылған жоқ.")
    assert "negation" not in _kinds(a, b)


def test_causes_sharing_only_their_object_differ() -> None:
    """One shared stem (the pump) of four is the object both causes act on, not the cause."""
    a = ("kk", "Директор апатқа сорғының электр кабелінің үзілуі себеп болғанын айтты.")
    b = ("kk2", "Енді директор апатқа сорғыларды тоқтаусыз ұзақ мерзім іске қосу себеп болғанын мойындайды.")  # fmt: skip
    assert "cause" in _kinds(a, b)


@pytest.mark.parametrize(
    ("a", "b", "kinds"),
    [
        (("kk", "Өрт сағат 03:15 шамасында басталды."), ("en", "The fire started at about 5:15 a.m."), {"time"}),
        (("ru", "Взрыв прогремел в 14:20."), ("en", "The blast happened at 2:20 p.m."), set()),
        (("ru", "Свет отключили в 4:40."), ("en", "Power went off at 4:45 p.m."), set()),
        (("kk", "Жиналыс 10:00-де басталды."), ("ru", "Собрание началось в 12:30."), {"time"}),
    ],
)  # fmt: skip
def test_clock_times_differ_only_beyond_rounding(
    a: tuple[str, str], b: tuple[str, str], kinds: set[str]
) -> None:
    # "02:40" vs "4:40 a.m." gave no hint: clock times were not read at all
    assert _kinds(a, b) & {"time", "number"} == kinds


def test_a_plant_number_is_not_a_negation() -> None:
    a = ("en", "Two boilers at the No. 1 plant failed.")
    b = ("kk", "№1 станциядағы екі қазандық істен шықты.")
    assert "negation" not in _kinds(a, b)


def test_a_claim_attributed_to_another_named_person_gets_an_entity_hint() -> None:
    from tests.claims.pairs import claim_pair, hint_kinds

    kk = ("kk", "Өрт ошағын резерват инспекторлары бірден байқап, ТЖД-ға хабарлады", LANG["kk"])
    ru = ("ru", "очаг возгорания инспекторы заметили сразу и тут же сообщили в ДЧС.", LANG["ru"])
    swapped = ("резерват директоры Бекзат Қуанышев", "директора резервата Ерлана Нуркенова")
    assert "entity" in hint_kinds(kk, ru, speakers=swapped)
    pair, articles = claim_pair(kk, ru, speakers=swapped)
    (hints,) = link_hints([pair], articles=articles)
    (hint,) = [h for h in hints if h.kind == "entity"]
    assert dict(hint.values)[pair[0].claim_id] == "Бекзат Қуанышев"
    # the same person in two scripts and cases, one side unattributed, or no person: no hint
    same = ("резерват директоры Бекзат Қуанышев", "директора резервата Бекзата Куанышева")
    assert "entity" not in hint_kinds(kk, ru, speakers=same)
    assert "entity" not in hint_kinds(kk, ru, speakers=(swapped[0], None))
    assert "entity" not in hint_kinds(kk, ru, speakers=("ТЖД", "в ДЧС"))


@pytest.mark.parametrize(
    ("a", "b", "hinted"),
    [
        (("en", "No one died in the flood."), ("en", "Two people died in the flood."), True),
        (("ru", "Погибших нет."), ("en", "Two people died in the flood."), True),
        (
            ("kk", "Қаза тапқан адам жоқ."),
            ("ru", "В результате паводка погибли два человека."),
            True,
        ),
        (("en", "No one died in the flood."), ("ru", "Погибших нет."), False),  # none and none
        (("ru", "Погибших нет."), ("en", "Two firefighters were treated for burns."), False),
    ],
)
def test_a_count_of_none_against_a_count_of_the_same_thing_is_a_number_hint(
    a: tuple[str, str], b: tuple[str, str], hinted: bool
) -> None:
    # "Погибших нет" states a fact (no denial, no negation hint), yet none is not two
    assert ("number" in _kinds(a, b)) is hinted
    assert ("number" in _kinds(b, a)) is hinted
    pair, articles = _pair(a, b)
    for hint in link_hints([pair], articles=articles)[0]:
        for claim in pair:
            value = dict(hint.values)[claim.claim_id]
            assert value in claim.text
