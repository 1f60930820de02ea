"""Places and institutions Kazakh news names most, in kk, ru and en spellings.

Merged into :data:`claims.lang.aliases.ALIASES`.  Written as stems where the
name inflects; a name written capitalised here matches only capitalised in
text ("Семей" the city, not "семей" = "of families").  ``ORG_HEADS`` are
the nouns that end an institution's name ("Ауыл шаруашылығы министрлігі",
"Орталық сайлау комиссиясы", "Ұлттық банк").
"""

from __future__ import annotations

from claims.lang._util import words

__all__ = ["GAZETTEER", "ORG_HEADS"]

_CITIES = {
    "SHYMKENT": ("Shymkent", "Шымкент Shymkent"),
    "KARAGANDA": ("Karaganda", "Қарағанды Караганд Karaganda Qaraghandy"),
    "AKTOBE": ("Aktobe", "Ақтөбе Актобе Актюбинск Aktobe"),
    "ATYRAU": ("Atyrau", "Атырау Atyrau"),
    "AKTAU": ("Aktau", "Ақтау Актау Aktau"),
    "PAVLODAR": ("Pavlodar", "Павлодар Pavlodar"),
    "OSKEMEN": ("Oskemen", "Өскемен Усть-Каменогорск Oskemen Ust-Kamenogorsk"),
    "SEMEY": ("Semey", "Семей Семе Semey"),
    "TARAZ": ("Taraz", "Тараз Taraz"),
    "KYZYLORDA": ("Kyzylorda", "Қызылорда Кызылорд Kyzylorda"),
    "ORAL": ("Oral", "Орал Уральск Oral Uralsk"),
    "PETROPAVL": ("Petropavl", "Петропавл Петропавловск Petropavl Petropavlovsk"),
    "KOSTANAY": ("Kostanay", "Қостанай Костанай Kostanay"),
    "KOKSHETAU": ("Kokshetau", "Көкшетау Кокшетау Kokshetau"),
    "TALDYKORGAN": ("Taldykorgan", "Талдықорған Талдыкорган Taldykorgan"),
    "TURKISTAN": ("Turkistan", "Түркістан Туркестан Turkistan"),
    "ZHEZKAZGAN": ("Zhezkazgan", "Жезқазған Жезказган Zhezkazgan"),
    "EKIBASTUZ": ("Ekibastuz", "Екібастұз Экибастуз Ekibastuz"),
    "BAIKONUR": ("Baikonur", "Байқоңыр Байконур Baikonur"),
    "KONAYEV": ("Konayev", "Қонаев Конаев Konayev"),
    "MOSCOW": ("Moscow", "Мәскеу Москв Moscow"),
    "KYIV": ("Kyiv", "Киев Kyiv Kiev"),
    "TASHKENT": ("Tashkent", "Ташкент Tashkent"),
    "BISHKEK": ("Bishkek", "Бішкек Бишкек Bishkek"),
    "OMSK": ("Omsk", "Омбы Омск Omsk"),
    "BEIJING": ("Beijing", "Бейжің Пекин Beijing"),
}  # fmt: skip
_REGIONS = {
    "MANGYSTAU": ("Mangystau", "Маңғыстау Мангистау Mangystau"),
    "AKMOLA": ("Akmola", "Ақмола Акмол Akmola"),
    "ZHAMBYL": ("Zhambyl", "Жамбыл Жамбыл Zhambyl"),
    "ALMATY_REGION": ("Zhetysu", "Жетісу Жетысу Zhetysu"),
    "ABAI": ("Abai region", "Абай облыс|Абайск област"),
    "ULYTAU": ("Ulytau", "Ұлытау Улытау Ulytau"),
    "EAST_KZ": ("East Kazakhstan", "Шығыс Қазақстан|Восточно-Казахстанск|East Kazakhstan"),
    "WEST_KZ": ("West Kazakhstan", "Батыс Қазақстан|Западно-Казахстанск|West Kazakhstan"),
    "NORTH_KZ": ("North Kazakhstan", "Солтүстік Қазақстан|Северо-Казахстанск|North Kazakhstan"),
}  # fmt: skip
_COUNTRIES = {
    "DE": ("Germany", "Германия Германи Germany"), "FR": ("France", "Франция Франци France"),
    "TR": ("Turkey", "Түркия Турци Türkiye Turkey"),
    "UZ": ("Uzbekistan", "Өзбекстан Узбекистан Uzbekistan"),
    "TM": ("Turkmenistan", "Түрікменстан Туркменистан Turkmenistan"),
    "GB": ("United Kingdom", "Ұлыбритания Великобритани Britain"),
    "JP": ("Japan", "Жапония Япони Japan"), "KR": ("Korea", "Корея Коре Korea"),
    "UA": ("Ukraine", "Украина Украин Ukraine"), "IR": ("Iran", "Иран Iran"),
    "IN": ("India", "Үндістан Инди India"), "IT": ("Italy", "Италия Итали Italy"),
    "ES": ("Spain", "Испания Испани Spain"), "PL": ("Poland", "Польша Польш Poland"),
    "AZ": ("Azerbaijan", "Әзірбайжан Азербайджан Azerbaijan"), "GE": ("Georgia", "Грузия Грузи"),
    "MN": ("Mongolia", "Моңғолия Монголи Mongolia"), "CZ": ("Czechia", "Чехия Чехи Czechia"),
    "NL": ("Netherlands", "Нидерланд Голландия Netherlands"),
    "BR": ("Brazil", "Бразилия Бразили Brazil"),
    "EG": ("Egypt", "Египет Egypt"), "IL": ("Israel", "Израиль Израил Israel"),
    "SA": ("Saudi Arabia", "Сауд Арабиясы|Саудовск Арави|Saudi Arabia"),
    "AE": ("United Arab Emirates", "Біріккен Араб Әмірліктері|ОАЭ|UAE"),
}  # fmt: skip
_LOCATIONS = {
    "IRTYSH": ("Irtysh", "Ертіс Иртыш Irtysh"),
    "SYRDARYA": ("Syr Darya", "Сырдария|Сырдарь|Syr Darya"),
    "ILI": ("Ili", "Іле Или"), "ZHAIYK": ("Ural river", "Жайық Zhaiyk"),
    "BALKHASH": ("Balkhash", "Балқаш Балхаш Balkhash"), "ARAL": ("Aral", "Арал Aral"),
    "CASPIAN": ("Caspian", "Каспий Caspian"), "ALATAU": ("Alatau", "Алатау Alatau"),
    "TIANSHAN": ("Tian Shan", "Тянь-Шань|Тәңіртау|Tian Shan"),
    "BURABAY": ("Burabay", "Бурабай Burabay"),
    "ASIA": ("Asia", "Азия Ази Asia"), "EUROPE": ("Europe", "Еуропа Европ Europe"),
    "AFRICA": ("Africa", "Африка Африк Africa"), "EURASIA": ("Eurasia", "Еуразия Евразия Eurasia"),
    "BAYANAUL": ("Bayanaul", "Баянауыл Баянаул Bayanaul"),
}  # fmt: skip
_ORGS = {
    "PARLIAMENT": ("Parliament", "Парламент Parliament"),
    "MAZHILIS": ("Mazhilis", "Мәжіліс Мажилис Mazhilis"),
    "SENATE": ("Senate", "Сенат Senate"), "GOVERNMENT": ("Government", "Үкімет Правительств"),
    "NATIONAL_BANK": ("National Bank", "Ұлттық банк|Национальн банк|National Bank"),
    "KAZHYDROMET": ("Kazhydromet", "Қазгидромет Казгидромет Kazhydromet"),
    "WHO": ("WHO", "ДДСҰ ВОЗ WHO"), "UN": ("United Nations", "БҰҰ ООН"),
    "SCO": ("SCO", "ШЫҰ ШОС SCO"), "EAEU": ("EAEU", "ЕАЭО ЕАЭС EAEU"),
    "RED_CRESCENT": ("Red Crescent", "Қызыл Жарты Ай|Красн Полумесяц|Red Crescent"),
    "KHABAR": ("Khabar", "Хабар Khabar"),
}  # fmt: skip


def _entries(
    prefix: str, table: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    out = {}
    for key, (label, spellings) in table.items():
        out[f"{prefix}:{key}"] = (label, _split(spellings))
    return out


def _split(spellings: str) -> tuple[str, ...]:
    """Spellings separated by "|" (multi-word names) or by spaces (one-word names)."""
    if "|" in spellings:
        return tuple(part.strip() for part in spellings.split("|"))
    return tuple(words(spellings))


GAZETTEER: dict[str, tuple[str, tuple[str, ...]]] = {
    **_entries("GPE", _CITIES),
    **_entries("GPE", _REGIONS),
    **_entries("GPE", _COUNTRIES),
    **_entries("LOC", _LOCATIONS),
    **_entries("ORG", _ORGS),
}
ORG_HEADS = tuple(
    words(
        "министрлі комитет ұйым банк қоры агенттіг академия университет комиссия партия "
        "компания корпорация департамент басқарма әкімдіг прокуратура одағы қауымдастығ "
        "холдинг федерация министерств организаци агентств управлени ministry committee "
        "organization organisation agency university commission party company corporation "
        "department federation"
    )
)
