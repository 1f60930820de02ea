"""Curated entity aliases across scripts and languages, role words, place and person cues.

``ALIASES`` maps a canonical id ("ORG:CSTO", "PER:TOKAYEV") to a label and
spellings in Kazakh, Russian and English; aliases are stems where the word
inflects ("росси" covers Россия/России/Россию).  Names outside the table are
folded by :mod:`claims.lang.translit`; ``PLACE_WORDS`` and
``SURNAME_ENDINGS`` tell places and people apart when comparing them.
"""

from __future__ import annotations

import regex

from claims.lang._util import words
from claims.lang.gazetteer import GAZETTEER, ORG_HEADS

__all__ = [
    "ALIASES",
    "CAPITAL_WORDS",
    "GAZETTEER",
    "HEAD_NEXT",
    "HEAD_OF_STATE",
    "ORG_HEADS",
    "PLACE_WORDS",
    "POSITION_STEMS",
    "ROLES",
    "STOP_CAPITALS",
    "SURNAME_ENDINGS",
    "entity_type",
    "place_kind",
]

ALIASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ORG:CSTO": (
        "CSTO",
        (
            "ҰҚШҰ", "ОДКБ", "CSTO", "Ұжымдық қауіпсіздік туралы шарт ұйым",
            "Организаци Договор о коллективн безопасност",
            "Collective Security Treaty Organization", "Collective Security Treaty Organisation",
        ),
    ),
    "ORG:EU": (
        "European Union",
        ("Еуропалық Одақ", "Евросоюз", "Европейск союз", "European Union", "ЕО", "ЕС", "EU"),
    ),
    "ORG:EUCO": (
        "European Council",
        ("Еуропалық кеңес", "Евросовет", "Европейск совет", "European Council"),
    ),
    "PER:TOKAYEV": (
        "Tokayev",
        (
            "Тоқаев", "Токаев", "Tokayev", "Tokaev", "Қасым-Жомарт Тоқаев",
            "Касым-Жомарт Токаев", "Kassym-Jomart Tokayev", "Қасым-Жомарт", "Касым-Жомарт",
        ),
    ),
    "PER:MICHEL": ("Charles Michel", ("Шарль Мишель", "Charles Michel", "Мишель", "Michel")),
    "LOC:AKORDA": ("Akorda", ("Ақорда", "Акорда", "Akorda")),
    "GPE:KZ": (
        "Kazakhstan",
        ("Қазақстан", "Казахстан", "Kazakhstan", "казахстанск", "Kazakh", "Kazakhstani"),
    ),
    "GPE:RU": ("Russia", ("Ресей", "Росси", "Russia", "Russian", "российск")),
    "GPE:AM": ("Armenia", ("Армения", "Армени", "Armenia", "Armenian", "армянск")),
    "GPE:BY": (
        "Belarus",
        ("Беларусь", "Беларус", "Белоруссия", "Belarus", "Belarusian", "белорусск"),
    ),
    "GPE:TJ": ("Tajikistan", ("Тәжікстан", "Таджикистан", "Tajikistan", "Tajik", "таджикск")),
    "GPE:KG": (
        "Kyrgyzstan",
        (
            "Қырғыз Республика", "Қырғызстан", "Кыргызстан", "Киргизия", "Kyrgyzstan",
            "Kyrgyz Republic", "Кыргызск Республик", "кыргызск",
        ),
    ),
    "GPE:AF": ("Afghanistan", ("Ауғанстан", "Афганистан", "Afghanistan", "Afghan", "афганск")),
    "GPE:ALMATY": ("Almaty", ("Алматы", "Almaty", "Алма-Ата", "алматинск")),
    "GPE:ASTANA": ("Astana", ("Астана", "Нұр-Сұлтан", "Нур-Султан", "Nur-Sultan", "Astana")),
    "LOC:MIDEAST": ("Middle East", ("Таяу Шығыс", "Ближн Восток", "Middle East")),
    "LOC:CENTRAL_ASIA": ("Central Asia", ("Орталық Азия", "Центральн Ази", "Central Asia")),
    "DOC:CST": (
        "Collective Security Treaty",
        (
            "Ұжымдық қауіпсіздік туралы шарт", "Договор о коллективн безопасност",
            "Collective Security Treaty",
        ),
    ),
    "GPE:US": (
        "United States",
        ("АҚШ", "США", "USA", "United States", "Америка", "American", "американск", "US"),
    ),
    "GPE:CN": ("China", ("Қытай", "Китай", "China", "Chinese", "китайск")),
}  # fmt: skip
# Peoples and nationalities (NORP): lower-case adjectives in kk and ru.
_NORP = {
    "KAZAKH": ("Kazakh", ("қазақ", "қазақстандық", "казах", "казахск", "Kazakh")),
    "RUSSIAN": ("Russian", ("орыс", "ресейлік", "русск", "россиянин")),
    "ENGLISH": ("English", ("ағылшын", "британдық", "английск", "британск", "British")),
    "GERMAN": ("German", ("неміс", "германиялық", "немецк", "German")),
    "CHINESE": ("Chinese", ("қытайлық", "китайск")),
    "TURKISH": ("Turkish", ("түрік", "түркиялық", "турецк", "Turkish")),
    "UZBEK": ("Uzbek", ("өзбек", "өзбекстандық", "узбекск", "Uzbek")),
    "KYRGYZ": ("Kyrgyz", ("қырғыз", "кыргызск", "Kyrgyz")),
    "TATAR": ("Tatar", ("татар", "татарск", "Tatar")),
    "UYGHUR": ("Uyghur", ("ұйғыр", "уйгурск", "Uyghur")),
    "KOREAN": ("Korean", ("кәріс", "корейлік", "корейск", "Korean")),
    "AMERICAN": ("American", ("американдық", "americans")),
    "EUROPEAN": ("European", ("еуропалық", "европейск", "European")),
    "JAPANESE": ("Japanese", ("жапон", "жапониялық", "японск", "Japanese")),
    "FRENCH": ("French", ("француз", "французск", "French")),
    "UKRAINIAN": ("Ukrainian", ("украиналық", "украин", "украинск", "Ukrainian")),
    "TURKIC": ("Turkic", ("түркі", "тюркск", "Turkic")),
}
ALIASES.update({f"NORP:{key}": value for key, value in _NORP.items()})
ALIASES.update({key: value for key, value in GAZETTEER.items() if key not in ALIASES})

HEAD_OF_STATE = "PER:TOKAYEV"
ROLES = regex.compile(
    r"(?<![\p{L}])(?:мемлекет\s+басшы(?:сы|сының|сына|сын|сымен)|глава\s+государства|"
    r"главы\s+государства|head\s+of\s+state|қазақстан\s+президент(?:і|інің|іне|ін)|"
    r"президент(?:а|у|ом|е|ы|і|інің|іне|ін|тің|ке)?|president)(?![\p{L}])"
)
HEAD_NEXT = regex.compile(
    r"(of\s+)?(kazakhstan|казахстана|республики\s+казахстан|қасым|касым|kassym|тоқаев|токаев"
    r"|tokayev)"
)
STOP_CAPITALS = frozenset(
    words(
        "Бұл Ол Осы Сол Біз Мен Сіз Олар Ал Бірақ Сондай-ақ Сонымен Сондықтан Ең Кейін Бүгінде "
        "Биыл Былтыр Бүгін Кеше Фото Мына Мынау Анау Осылайша Бүкіл Барлық Әр Кейбір Біздің "
        "Әсіресе Алдымен Қазір Жалпы Жақында Бұған Оған Сізге Маған Бізге Соның Осының Сондай "
        "Яғни Мысалы Әрине Енді Тек Тағы Сосын Содан Онда Мұнда Қазіргі Алайда Дегенмен Ия Иә "
        "Это Он Она Мы Они Но И В На По Ещё Еще Оба Большинство Также Кроме После Однако "
        "The This That It We They He She But And In On A An Each No About Emergency "
        "Prosecutors Water Rebuilding "
        # prepositions opening a sentence before a place noun ("Из села эвакуировали ...",
        # "From the village ..."): a closed class, never a name
        "Из Изо От Ото До С Со К Ко У О Об Обо За Под Подо При Для Без Над Через Перед Среди "
        "Около Возле Вокруг Вдоль Против Между Из-за Из-под "
        "At From After Before During Near Outside Inside"
    )
)
# capitalised role words name a position, not an entity ("Президенті", "Елбасы", "Әкім")
POSITION_STEMS = tuple(
    words(
        "президент елбасы премьер-министр министр әкім депутат төраға мемлекет тұңғыш вице "
        "бастығы басшы президента премьер глава аким president minister governor mayor"
    )
)
# nouns that say the name next to them is a place, and which kind of place
# ("Теректісай ауылы", "village of Zhanatilek", "река Шагырлы"): stem -> kind
PLACE_WORDS: dict[str, str] = {
    "ауыл": "village", "село": "village", "села": "village", "сёл": "village", "сел": "village",
    "village": "village", "кент": "village", "аудан": "district", "район": "district",
    "district": "district", "облыс": "region", "област": "region", "region": "region",
    "province": "region", "өзен": "river", "река": "river", "реки": "river", "реке": "river",
    "river": "river", "қала": "city", "город": "city", "city": "city", "town": "city",
}  # fmt: skip


# "Қазақстан астанасы", "столица Казахстана", "capital of Kazakhstan": the country says where
CAPITAL_WORDS = ("астана", "столиц", "capital")


def place_kind(word: str) -> str | None:
    """The kind of place a lower-cased noun names ("ауылынан" -> "village"), else None."""
    for stem, kind in PLACE_WORDS.items():
        if word.startswith(stem) and len(word) - len(stem) <= 7:
            return kind
    return None


SURNAME_ENDINGS = (
    "ов", "ев", "ова", "ева", "ин", "ина", "ұлы", "қызы", "енко", "ский", "ская",
    "ov", "ev", "ova", "eva", "in", "ina", "uly", "kyzy", "enko", "sky",
)  # fmt: skip
_TYPES = {
    "NORP": "norp",
    "PER": "person",
    "GPE": "place:gpe",
    "LOC": "place:loc",
    "ORG": "org",
    "DOC": "other",
}


def entity_type(entity_id: str) -> str:
    """``person``, ``place:gpe``, ``place:loc``, ``org`` or ``other`` from a curated id's prefix."""
    return _TYPES.get(entity_id.split(":", 1)[0], "other")
