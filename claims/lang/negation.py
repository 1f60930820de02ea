"""Negation markers of Kazakh, Russian and English.

Negators make a claim negative; negative-concord words ("ешқандай",
"бірде-бір", "ни", "никакой") reinforce a negation and never flip it back.
Kazakh negative verbs are stem + -ма/-ме/-ба/-бе/-па/-пе + a tense,
participle or converb suffix; the marker's first letter must fit the
consonant before it (see :data:`AFTER_MARKER`).
"""

from __future__ import annotations

__all__ = [
    "AFTER_MARKER",
    "BOUND_AFTER_NOT",
    "BOUND_CUES",
    "CANCEL_NEXT",
    "CONCORD",
    "EXISTENTIAL_NOUNS",
    "KK_EXCEPTIONS",
    "KK_EXCEPTION_STEMS",
    "KK_NEG_ENDS",
    "KK_NEG_MARKERS",
    "KK_NEG_TAIL",
    "NEGATORS",
    "NOT_NEGATION",
    "NO_EVENT",
    "SHORT_OF_CUES",
]

NEGATORS: dict[str, frozenset[str]] = {
    "kk": frozenset(
        ["жоқ", "жоқпын", "жоқпыз", "жоқсың", "жоқсыз", "жоқсыңдар", "емес", "емеспін", "емеспіз"]
    ),
    "ru": frozenset(["не", "нет", "нельзя"]),
    "en": frozenset(
        ["not", "no", "never", "none", "neither", "nor", "nobody", "nothing", "nowhere", "cannot"]
    ),
}
CONCORD: dict[str, frozenset[str]] = {
    "kk": frozenset(
        [
            "ешқандай",
            "ешкім",
            "ешкімнің",
            "ешкімге",
            "ешкімді",
            "ешкімнен",
            "еш",
            "ешбір",
            "ештеңе",
            "ештеңенің",
            "ештеңеге",
            "ештеңені",
            "ештеңеден",
            "ешқашан",
            "ешқайда",
            "ешқайсысы",
            "ешнәрсе",
            "бірде-бір",
        ]
    ),
    "ru": frozenset(
        [
            "ни",
            "никто",
            "никого",
            "никому",
            "никем",
            "ничто",
            "ничего",
            "ничему",
            "ничем",
            "никакой",
            "никакого",
            "никакому",
            "никаким",
            "никаком",
            "никакая",
            "никакую",
            "никакие",
            "никаких",
            "никогда",
            "нигде",
            "никуда",
            "ниоткуда",
            "нисколько",
            "отнюдь",
        ]
    ),
    "en": frozenset(),
}
# "не менее 100", "not only": the negator is part of another expression.
NOT_NEGATION: tuple[tuple[str, ...], ...] = (
    ("не", "только"), ("не", "менее"), ("не", "более"), ("не", "больше"), ("не", "меньше"),
    ("не", "раз"), ("не", "так", "давно"), ("едва", "ли", "не"), ("чуть", "не"),
    ("not", "only"), ("no", "more", "than"), ("no", "fewer", "than"), ("no", "less", "than"),
    ("not", "less", "than"), ("not", "more", "than"), ("no", "longer", "than"),
)  # fmt: skip
# "No. 1", "No 5", "Nos. 3-4": before a number these abbreviate "number", they negate nothing.
NUMERO_WORDS = frozenset({"no", "nos"})
# a second negator that cancels the first: "не без", "not without"
CANCEL_NEXT = frozenset({("не", "без"), ("not", "without"), ("never", "without")})
# Words that, with a negator, say that something did not happen to anyone:
# "Қаза тапқандар жоқ", "Погибших нет", "No one was killed" - a fact stated
# negatively in every language, so polarity alone must not set them apart.
NO_EVENT = frozenset(["no one", "nobody", "нет", "жоқ", "none"])

KK_NEG_MARKERS = ("ма", "ме", "ба", "бе", "па", "пе")
AFTER_MARKER: dict[str, frozenset[str]] = {
    "м": frozenset("аәеиоөұүыіэюяулрй"),
    "б": frozenset("мнңзж"),
    "п": frozenset("пткқсшфхцчщбвгд"),
}
KK_NEG_TAIL = (
    r"(?:й(?:ды|ді|тын|тін|тұғын|мын|мін|сың|сің|сыз|сіз|мыз|міз|ық|ік|ын|ін|ынша|інше)?"
    r"|ған|ген|ғалы|гелі|ды|ді|дым|дім|дың|дің|дық|дік|дыңыз|діңіз"
    r"|са|се|сам|сем|саң|сең|сақ|сек|саңыз|сеңіз|у|уы|уі|уға|уге|уын|уін|уда|уде|удың|удің"
    r"|пті|пты|пақ|пек|ғанды|генді)"
)
KK_NEG_ENDS = (
    r"(?:ын|ін|ы|і|н|да|де|нда|нде|дан|ден|нан|нен|тан|тен|ға|ге|на|не|ның|нің|дың|дің|лар|лер"
    r"|дар|дер|қа|ке|мыз|міз|сыз|сіз|мын|мін|м|ң|ңыз|ңіз|дай|дей|тай|тей|тын|тін|лық|лік|дық"
    r"|дік|ша|ше|сы|сі|мен|бен|пен|тық|тік|ты|ті|дықтан|діктен|ды|ді|дығы|дігі|тығы|тігі)"
)
# Words that fit the pattern but are not negative verbs (found on the NTREX kk
# dev split: "немесе" = "or", "қарамастан" = "despite", "ұзамай" = "soon").
KK_EXCEPTIONS = frozenset(
    [
        "жаппай",
        "жаппайы",
        "қамау",
        "қамаудың",
        "қамауға",
        "қамауда",
        "қамауы",
        "қамады",
        "қамаған",
        "жамау",
        "жамады",
        "тамады",
        "тамаған",
        "немесе",
        "көмей",
        "көмейден",
        "томас",
        "томасқа",
        "томастан",
        "томастың",
        "қарамастан",
        "ұзамай",
        "кешікпей",
        "кешіктірмей",
    ]
)
KK_EXCEPTION_STEMS = ("қама", "жама", "тама")

# A negated bound states a figure, not a denial: "1 метрден аспаған" (did not exceed 1 m),
# "жоспарланған 500 гектарға жетпейді" (falls short of the 500 planned); Russian and English
# after "не" / "not": "не превысил", "не достиг", "did not exceed", "did not reach".
BOUND_CUES = frozenset(["аспаған", "аспады", "аспайды", "аспайтын", "аспаса"])
# "did not reach" bounds a figure only after one ("Ол жиналысқа жетпеді" denies)
SHORT_OF_CUES = frozenset(["жетпейді", "жетпеді", "жетпеген"])
BOUND_AFTER_NOT = ("превы", "достиг", "exceed", "reach")
# Kazakh nouns a zero count is stated of in the singular: "Қаза тапқан адам жоқ" (no one died),
# beside the plural "Қаза тапқандар жоқ"; Russian "жертв нет".
EXISTENTIAL_NOUNS = frozenset(["адам", "кісі", "тұрғын", "құрбан", "жертв"])
