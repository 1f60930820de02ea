"""Time vocabulary of Kazakh, Russian and English: units, relative words, period markers.

Read by :mod:`claims.dates`.  ``UNITS`` maps a unit stem to its canonical unit
and the longest ending it may carry ("жылдан", "месяцев", "years");
``RELATIVE`` lists phrases that name a year or day relative to the article's
date ("биыл", "в прошлом году", "last year", "кеше"); the other tables mark
durations ("екі айдан кейін", "в течение", "since") and periods ("жыл сайын",
"осы аптада").
"""

from __future__ import annotations

from claims.lang._util import words

__all__ = [
    "AFTERNOON_MARKS",
    "AFTER_WORDS",
    "AGO_WORDS",
    "BEFORE_DURATION",
    "KK_MONTH_FORMS",
    "KK_NIGHT",
    "MONTH_NOUNS",
    "MORNING_MARKS",
    "NOT_UNIT",
    "PERIOD_AFTER",
    "PERIOD_BEFORE",
    "PRE_YEAR",
    "RELATIVE",
    "RELATIVE_STEMS",
    "RU_DAY_FORMS",
    "SEASON_ENDINGS",
    "SINCE_WORDS",
    "UNITS",
    "WEEKDAYS",
]

# unit stem -> (canonical unit, longest ending); first match wins
UNITS: tuple[tuple[str, str, int], ...] = (
    ("жыл", "years", 6), ("год", "years", 3), ("лет", "years", 0), ("year", "years", 1),
    ("ғасыр", "centuries", 6), ("век", "centuries", 3), ("centur", "centuries", 3),
    ("ай", "months", 5), ("месяц", "months", 3), ("month", "months", 1),
    ("апта", "weeks", 5), ("недел", "weeks", 3), ("week", "weeks", 1), ("жұма", "weeks", 5),
    ("тәулік", "days", 6), ("сут", "days", 3), ("күн", "days", 6), ("дня", "days", 0),
    ("дней", "days", 0), ("day", "days", 1), ("жас", "age", 5),
    ("тоқсан", "quarters", 4), ("квартал", "quarters", 3), ("quarter", "quarters", 1),
)  # fmt: skip
# the forms of Kazakh "ай" that are the unit "month" (not "айтты", "айнала", "айып", ...)
KK_MONTH_FORMS = frozenset(
    ["ай"]
    + [
        "ай" + ending
        for ending in words("ы ға да дан дың лық лар ларда лардан ларға дағы ында ына ынан ының")
    ]
)
# Russian "день" and the plural forms that do not start like "дня" / "дней"
RU_DAY_FORMS = frozenset(words("день дни дням днях"))
# words that start like a unit but are not one ("айтты" = said, "аймақ" = region)
NOT_UNIT = frozenset(
    words(
        "айт айтты айтқан айтып айта айтуынша айтады айтылған айран айнала айып айыр айыру айналы "
        "аймақ аймақтың аймағы айырбас айрықша айла айна летом лета летний годовой годы годам "
        "күнә күнтізбе жасау жасады жасап жасалды жасалған жасаған жасайды жасыл жасақ жасағы "
        "жастар жастардың жастарға жасырын"
    )
)
AGO_WORDS = frozenset(["бұрын", "бұрынғы", "назад", "ago", "earlier"])
AFTER_WORDS = frozenset(["кейін", "соң", "өткен", "later", "after", "спустя", "өткенде"])
SINCE_WORDS = frozenset(["бері", "since", "бойы", "бойына", "ішінде", "ішінен", "астам"])
PERIOD_AFTER = frozenset(
    words(
        "сайын басында басынан басы аяғында аяғына аяғы соңында соңына соңы ортасында бойы бойына "
        "ішінде"
    )
)
PERIOD_BEFORE = frozenset(
    words(
        "осы өткен алдағы келесі соңғы ағымдағы бірнеше әр былтырғы биылғы сол this last next past "
        "coming each every этом прошлом следующем этой прошлой следующей ближайшие последние "
        "каждый каждую несколько"
    )
)
BEFORE_DURATION = frozenset(
    ["через", "в", "течение", "за", "for", "within", "in", "тура", "after", "прошло", "уже"]
)
PRE_YEAR = frozenset(
    words("в in since by until с до from к of spring summer autumn winter fall году года")
)
MONTH_NOUNS = frozenset(["айы", "айында", "айынан", "айына", "айының", "айда"])
SEASON_ENDINGS = frozenset(
    ["", *words("да де та те ға ге қа ке ы і гі ғы нің ның тың тің дан ден ой ом ою у")]
)
KK_NIGHT = (("қараған", "түні"), ("қараған", "түнде"), ("қарағанда", "түні"))


def _phrases(spec: str, scope: str, offset: int) -> list[tuple[tuple[str, ...], str, int]]:
    return [(tuple(p.split()), scope, offset) for p in spec.split(",")]


# (words, "year" | "day", offset from the publication date)
RELATIVE: tuple[tuple[tuple[str, ...], str, int], ...] = tuple(
    _phrases(
        "биыл,биылғы,биылдан,осы жылы,ағымдағы жылы,в этом году,этого года,this year", "year", 0
    )
    + _phrases(
        "былтыр,былтырғы,былтырдан,өткен жылы,өткен жылғы,өткен жылдың,өткен жылдан,өткен жылға,"
        "өткен жылғымен,в прошлом году,прошлого года,last year",
        "year",
        -1,
    )
    + _phrases("келесі жылы,келесі жылдан,келер жылы,в следующем году,next year", "year", 1)
    + _phrases("кеше,кешегі,вчера,yesterday", "day", -1)
    + _phrases(
        "бүгін,бүгінгі,бүгінде,бүгінге,сегодня,today,қазір,қазіргі уақытта,на сегодняшний",
        "day",
        0,
    )
    + _phrases("ертең,ертеңгі,ертеңге,завтра,tomorrow", "day", 1)
)
# relative words with any Kazakh ending ("бүгіннен", "биылдыққа") -> (offset, scope)
RELATIVE_STEMS: dict[str, tuple[int, str]] = {
    "биыл": (0, "year"), "былтыр": (-1, "year"), "бүгін": (0, "day"), "ертең": (1, "day"),
    "кеше": (-1, "day"),
}  # fmt: skip
WEEKDAYS = tuple(
    words(
        "дүйсенбі сейсенбі сәрсенбі бейсенбі сенбі жексенбі понедельник вторник сред четверг "
        "пятниц суббот воскресень monday tuesday wednesday thursday friday saturday sunday"
    )
)

# A clock time's half of the day, after the time: "4:40 a.m.", "11 pm"
MORNING_MARKS = ("a.m.", "a.m", "am")
AFTERNOON_MARKS = ("p.m.", "p.m", "pm")
