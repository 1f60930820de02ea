"""Negation cues and claim polarity for Kazakh, Russian and English.

A claim is *negative* when it contains at least one negator that is not
cancelled: Kazakh "жоқ", "емес" and negative verb forms (stem + -ма/-ме/-ба/
-бе/-па/-пе + a tense, participle or converb suffix: "қатыспайтынын",
"атпағанын", "бермеді", "қоймастан"); Russian "не", "нет", "нельзя";
English "not", "n't", "no", "never", "none", "neither", "nor", "nobody",
"nothing", "cannot".  Negative-concord words ("ешқандай", "бірде-бір",
"ешкім", "еш", "ни", "никакой", "никто"...) *reinforce* a negation: they make
a claim negative on their own but never flip it back, so "бірде-бір оқ атқан
жоқ" is one negative statement.  A real double negation ("барған жоқ емес",
"бармаған емес", "не мог не", "not without") cancels.

The Kazakh verb rule is suffix-anchored and checks the consonant the marker
must follow (-ма after vowels and р л й у; -ба after м н ң з ж; -па after
voiceless consonants), which keeps "мемлекет", "бастама", "мақсат",
"қарапайым", "жабайы" out; an exception list covers the remaining
homographs ("жаппай", "қамау").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from claims.textnorm import normalize

__all__ = ["NegationCue", "Polarity", "find_negations", "is_negative_verb", "polarity"]

CueKind = Literal["negator", "concord"]


@dataclass(frozen=True, slots=True)
class NegationCue:
    """One negation word in a text; ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    kind: CueKind
    stem: str = ""  # the verb stem of a Kazakh negative verb form ("қатыс")


@dataclass(frozen=True, slots=True)
class Polarity:
    """Polarity of a claim and the cues that decided it."""

    negative: bool
    cues: tuple[NegationCue, ...]


_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-‐‑][\p{L}\p{M}]+)*(?:['’][\p{L}]+)?")

_KK_NEGATORS = frozenset(
    ["жоқ", "жоқпын", "жоқпыз", "жоқсың", "жоқсыз", "жоқсыңдар", "емес", "емеспін", "емеспіз"]
)
_KK_CONCORD = frozenset(
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
)
_RU_NEGATORS = frozenset(["не", "нет", "нельзя"])
_RU_CONCORD = frozenset(
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
)
_EN_NEGATORS = frozenset(
    ["not", "no", "never", "none", "neither", "nor", "nobody", "nothing", "nowhere", "cannot"]
)
# "не менее 100", "not only": the negator is part of another expression.
_NOT_NEGATION = (
    ("не", "только"), ("не", "менее"), ("не", "более"), ("не", "больше"), ("не", "меньше"),
    ("не", "раз"), ("не", "так", "давно"), ("едва", "ли", "не"), ("чуть", "не"),
    ("not", "only"), ("no", "more", "than"), ("no", "fewer", "than"), ("no", "less", "than"),
    ("not", "less", "than"), ("not", "more", "than"), ("no", "longer", "than"),
)  # fmt: skip
# a second negator that cancels the first: "не без", "not without", "не мог не"
_CANCEL_NEXT = frozenset({("не", "без"), ("not", "without"), ("never", "without")})

# ---- Kazakh negative verb morphology
_NEG_MARKERS = ("ма", "ме", "ба", "бе", "па", "пе")
_AFTER_MA = frozenset("аәеиоөұүыіэюяулрй")
_AFTER_BA = frozenset("мнңзж")
_AFTER_PA = frozenset("пткқсшфхцчщбвгд")
_TAIL = (
    r"(?:й(?:ды|ді|тын|тін|тұғын|мын|мін|сың|сің|сыз|сіз|мыз|міз|ық|ік|ын|ін|ынша|інше)?"
    r"|ған|ген|ғалы|гелі|ды|ді|дым|дім|дың|дің|дық|дік|дыңыз|діңіз"
    r"|са|се|сам|сем|саң|сең|сақ|сек|саңыз|сеңіз|у|уы|уі|уға|уге|уын|уін|уда|уде|удың|удің)"
)
_ENDS = (
    r"(?:ын|ін|ы|і|н|да|де|нда|нде|дан|ден|нан|нен|тан|тен|ға|ге|на|не|ның|нің|дың|дің|лар|лер"
    r"|дар|дер|қа|ке|мыз|міз|сыз|сіз|мын|мін|м|ң|ңыз|ңіз|дай|дей|тай|тей|тын|тін|лық|лік|дық"
    r"|дік|ша|ше|сы|сі|мен|бен|пен|тық|тік|ты|ті|дықтан|діктен)"
)
_SUFFIX = regex.compile(rf"{_TAIL}{_ENDS}{{0,3}}|с|стан|стен|сқа|ске")
# Words that fit the pattern but are not negative verbs (found on the NTREX kk
# dev split: "немесе" = "or", "қарамастан" = "despite", "ұзамай" = "soon").
_KK_EXCEPTIONS = frozenset(
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
_KK_EXCEPTION_STEMS = ("қама", "жама", "тама")


def is_negative_verb(word: str) -> str | None:
    """The verb stem if ``word`` is a Kazakh negative verb form, else None."""
    norm = normalize(word)
    if norm in _KK_EXCEPTIONS or norm.startswith(_KK_EXCEPTION_STEMS):
        return None
    for i in range(2, len(norm) - 2):
        marker = norm[i : i + 2]
        if marker not in _NEG_MARKERS:
            continue
        before = norm[i - 1]
        allowed = {"м": _AFTER_MA, "б": _AFTER_BA, "п": _AFTER_PA}[marker[0]]
        if before in allowed and _SUFFIX.fullmatch(norm[i + 2 :]):
            return norm[:i]
    return None


def _cue_kind(norm: str, language: str) -> CueKind | None:
    if norm.endswith(('n"t', "n't")) and language == "en":
        return "negator"
    table: dict[str, tuple[frozenset[str], frozenset[str]]] = {
        "kk": (_KK_NEGATORS, _KK_CONCORD),  # Kazakh "не" means "what"
        "ru": (_RU_NEGATORS, _RU_CONCORD),
        "en": (_EN_NEGATORS, frozenset()),
    }
    negators, concord = table.get(language, table["kk"])
    if norm in negators:
        return "negator"
    if norm in concord:
        return "concord"
    return None


def _inside_expression(norms: list[str], i: int) -> bool:
    for phrase in _NOT_NEGATION:
        for k, word in enumerate(phrase):
            if word == norms[i] and tuple(norms[i - k : i - k + len(phrase)]) == phrase:
                return True
    return False


def find_negations(text: str, *, language: str = "kk") -> list[NegationCue]:
    """Negation cues in ``text`` (left to right), cancelled double negations removed."""
    words = [(m.start(), m.end(), str(m.group(0))) for m in _WORD.finditer(text)]
    norms = [normalize(w) for _, _, w in words]
    cues: list[tuple[int, NegationCue]] = []
    for i, ((start, end, surface), norm) in enumerate(zip(words, norms, strict=True)):
        kind = _cue_kind(norm, language)
        stem = ""
        if kind is None and language == "kk":
            found = is_negative_verb(surface)
            kind, stem = ("negator", found) if found else (None, "")
        if kind is None or _inside_expression(norms, i):
            continue
        cues.append((i, NegationCue(start, end, surface, kind, stem)))
    return _cancel_double(cues, norms)


def _cancel_double(cues: list[tuple[int, NegationCue]], norms: list[str]) -> list[NegationCue]:
    """Drop negator pairs that cancel: "бармаған емес", "жоқ емес", "не мог не"."""
    out: list[NegationCue] = []
    skip: set[int] = set()
    for n, (i, cue) in enumerate(cues):
        if i in skip:
            continue
        nxt = cues[n + 1] if n + 1 < len(cues) else None
        if nxt is not None and cue.kind == nxt[1].kind == "negator":
            j = nxt[0]
            kk_pair = j == i + 1 and norms[j] == "емес"
            ru_pair = norms[i] == "не" and norms[j] == "не" and j - i == 2
            if kk_pair or ru_pair:
                skip.add(j)
                continue
        if i + 1 < len(norms) and (norms[i], norms[i + 1]) in _CANCEL_NEXT:
            continue
        out.append(cue)
    return out


def polarity(text: str, *, language: str = "kk") -> Polarity:
    """Negative if any negation cue survives (concord words reinforce, never flip)."""
    cues = tuple(find_negations(text, language=language))
    return Polarity(negative=bool(cues), cues=cues)
