"""Check-worthiness: a transparent, feature-weighted score in [0, 1].

``score = clamp(BASE + sum(weight for each feature that fires), 0, 1)``

Features and weights (:data:`WEIGHTS`) are deliberately simple so a reviewer can
see why a claim ranks where it does (:func:`explain` lists the fired features):

=================  ======  ====================================================
feature            weight  fires when the claim text …
=================  ======  ====================================================
number             +0.25   has a digit or a number word (миллиард, млн, мың, …)
entity             +0.15   has a capitalised word after the first word, or an acronym
factual_verb       +0.10   has a factual/reporting verb (құрайды, өсті, заявил, …)
negation           +0.10   is negated (жоқ, емес, -мағанын; не, нет; not, never)
time               +0.05   names a date, month or year
attributed         +0.05   has a named speaker
short              -0.30   has fewer than 4 words
question           -0.30   is a question (ends with "?")
meta               -0.50   is about the reporting itself (Бұл туралы Ақорда
                           хабарлады; деп жазады Egemen.kz; Фото: …)
greeting           -0.30   is a greeting, thanks or address (Құрметті, Спасибо)
=================  ======  ====================================================

``BASE`` is 0.35, so a plain declarative sentence with no signal scores 0.35,
a sentence with a number and a named entity about 0.75, and a meta line about
0.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

import regex

__all__ = ["BASE", "WEIGHTS", "explain", "score"]

BASE = 0.35
WEIGHTS: dict[str, float] = {
    "number": 0.25,
    "entity": 0.15,
    "factual_verb": 0.10,
    "negation": 0.10,
    "time": 0.05,
    "attributed": 0.05,
    "short": -0.30,
    "question": -0.30,
    "meta": -0.50,
    "greeting": -0.30,
}

_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}(?:\p{Ll}|\p{Lu}+(?!\p{Ll}))")
_FIRST_WORD = regex.compile(r"[\p{L}\p{N}]")
_NUMBER_WORDS = frozenset(
    ["млн", "млрд", "трлн", "billion", "million", "thousand", "percent", "hundred", "dozen"]
)
_NUMBER_STEMS = ("миллиард", "миллион", "мың", "жүз", "пайыз", "тысяч", "процент")
_FACTUAL_WORDS = frozenset(
    [
        "құрайды",
        "құрады",
        "өсті",
        "төмендеді",
        "артты",
        "азайды",
        "болды",
        "келді",
        "өтті",
        "басталды",
        "орналастырылды",
        "шығарылды",
        "қабылдады",
        "қатысқан",
        "атқан",
        "құрбан",
        "залал",
        "айтты",
        "мәлімдеді",
        "хабарлады",
        "атады",
        "жариялады",
        "растады",
        "is",
        "was",
        "were",
        "rose",
        "fell",
        "killed",
        "died",
        "said",
        "announced",
        "reported",
        "increased",
        "decreased",
    ]
)
_FACTUAL_STEMS = (
    "қатыспа",
    "тоналған",
    "өртен",
    "жарақат",
    "составил",
    "состав",
    "вырос",
    "снизил",
    "заявил",
    "сообщил",
    "погиб",
    "ранен",
)
_NEGATION_WORDS = frozenset(
    [
        "жоқ",
        "емес",
        "ешқандай",
        "ешқашан",
        "бірде-бір",
        "не",
        "нет",
        "ни",
        "никогда",
        "not",
        "no",
        "never",
        "none",
    ]
)
_TIME_STEMS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
    "январ",
    "феврал",
    "март",
    "апрел",
    "мая",
    "май",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "кеше",
    "бүгін",
    "биыл",
    "вчера",
    "сегодня",
    "yesterday",
    "today",
)


def _alternation(words: frozenset[str], stems: tuple[str, ...]) -> str:
    """Whole words, or stems followed by any ending, longest first."""
    parts = []
    if words:
        body = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        parts.append(rf"(?:{body})(?![\w-])")
    if stems:
        parts.append("(?:" + "|".join(sorted(map(re.escape, stems), key=len, reverse=True)) + ")")
    return "|".join(parts)


# One pass of the stdlib ``re`` engine over the lower-cased claim finds every
# lexical feature at once (much faster than one search per feature).
_LEXICON = re.compile(
    r"(?<![\w-])(?:"
    rf"(?P<number>{_alternation(_NUMBER_WORDS, _NUMBER_STEMS)})"
    rf"|(?P<factual_verb>{_alternation(_FACTUAL_WORDS, _FACTUAL_STEMS)})"
    rf"|(?P<negation>{_alternation(_NEGATION_WORDS, ())})"
    rf"|(?P<time>{_alternation(frozenset(), _TIME_STEMS)})"
    r")"
)
# A negative verb ending after a letter (the "after a letter" is checked in Python: a leading
# lookbehind would keep ``re`` from skipping ahead to the first candidate letter).  Two
# candidates never overlap, so every one is seen.
_NEGATION_SUFFIX = re.compile(r"[мбп][ае](?:ған|ген|йды|йді|ды|ді|йтын|йтін)|n't")
_META = regex.compile(
    r"(?<!\p{L})(?:Бұл\s+туралы|Бұл\s+жайында|Об\s+этом|деп\s+жазады|деп\s+хабарлайды|сообщает|пишет"
    r"|Фото:|Видео:|Photo:|Источник:|оқылды|көрсетілді|Соңғы\s+жаңалықтар|Читайте\s+также)",
    regex.I,
)
_GREETING = regex.compile(
    r"\A\W*(?:Құрметті|Қымбатты|Сәлем|Сәлеметсіз|Рахмет|Құттықтаймын|Уважаем\w*|Дорог\w*|Здравствуй\w*"
    r"|Спасибо|Поздравля\w*|Dear|Hello|Thank\s+you|Thanks|Congratulations)(?!\p{L})",
    regex.I,
)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")  # stdlib re: ~3x faster here than regex
# Every _META alternative contains one of these words: a claim whose case-folded text has
# none of them (the usual case) skips the costlier ``regex`` search.  Full case folding maps
# every letter that ``regex.I`` equates with one of these to it, so nothing is hidden.
_META_HINT = re.compile(
    "туралы|жайында|этом|жазады|хабарлайды|сообщает|пишет|фото:|видео:|photo:|источник:"
    "|оқылды|көрсетілді|жаңалықтар|также"
)
_SHORT = 4  # fewer words than this: "short"


def _has_entity(text: str) -> bool:
    """A capitalised word that is not the first word, or an acronym anywhere."""
    first = _FIRST_WORD.search(text)
    for match in _CAPITALISED.finditer(text):
        if (first is not None and match.start() > first.start()) or (
            len(match.group()) > 1 and match.group().isupper()
        ):
            return True
    return False


def _is_meta(text: str) -> bool:
    return _META_HINT.search(text.casefold()) is not None and bool(_META.search(text))


def _negative_suffix(lower: str) -> bool:
    for match in _NEGATION_SUFFIX.finditer(lower):
        before = match.start() - 1
        if before >= 0 and (lower[before].isalnum() or lower[before] == "_"):
            return True
    return False


@lru_cache(maxsize=512)
def _text_features(text: str) -> frozenset[str]:
    """The features that depend on ``text`` alone (cached: a clause piece or a headline's
    content is scored again as a claim)."""
    lower = text.lower()
    found = {match.lastgroup for match in _LEXICON.finditer(lower)}
    words = sum(1 for _ in islice(_WORD.finditer(lower), _SHORT))
    digit = _DIGIT.search(text) is not None
    fired = {
        "number": digit or "number" in found,
        "entity": _has_entity(text),
        "factual_verb": "factual_verb" in found,
        "negation": "negation" in found or _negative_suffix(lower),
        "time": "time" in found or (digit and bool(_YEAR.search(text))),
        "short": words < _SHORT,
        "question": text.rstrip("»\"”’') ").endswith("?"),
        "meta": _is_meta(text),
        "greeting": bool(_GREETING.search(text)),
    }
    return frozenset(name for name, on in fired.items() if on)


def explain(
    text: str, *, speaker: str | None = None, meta: bool = False, question: bool = False
) -> dict[str, float]:
    """Return the features that fire for ``text`` with their weights.

    ``meta`` and ``question`` let the caller pass what it knows from the whole
    sentence (a meta attribution, a question mark cut off with the tag).
    """
    fired = _text_features(text)
    if speaker is not None or meta or question:
        extra = {"attributed": speaker is not None, "meta": meta, "question": question}
        fired = fired.union(name for name, on in extra.items() if on)
    return {name: weight for name, weight in WEIGHTS.items() if name in fired}


def score(
    text: str, *, speaker: str | None = None, meta: bool = False, question: bool = False
) -> float:
    """Check-worthiness of ``text`` in [0, 1] (see the module table)."""
    total = BASE + sum(explain(text, speaker=speaker, meta=meta, question=question).values())
    return round(min(1.0, max(0.0, total)), 4)
