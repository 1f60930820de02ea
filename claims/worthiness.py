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

_NUMBER = regex.compile(
    r"\p{N}|(?<!\p{L})(?:миллиард\w*|миллион\w*|млн|млрд|трлн|мың\w*|жүз\w*|пайыз\w*"
    r"|тысяч\w*|процент\w*|billion|million|thousand|percent|hundred|dozen)(?!\p{L})",
    regex.I,
)
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}(?:\p{Ll}|\p{Lu}+(?!\p{Ll}))")
_FIRST_WORD = regex.compile(r"[\p{L}\p{N}]")
_FACTUAL = regex.compile(
    r"(?<!\p{L})(?:құрайды|құрады|өсті|төмендеді|артты|азайды|болды|келді|өтті|басталды|орналастырылды"
    r"|шығарылды|қабылдады|қатысқан|қатыспа\w*|атқан|тоналған\w*|өртен\w*|құрбан|залал|жарақат\w*"
    r"|айтты|мәлімдеді|хабарлады|атады|жариялады|растады|"
    r"составил\w*|состав\w*|вырос\w*|снизил\w*|заявил\w*|сообщил\w*|погиб\w*|ранен\w*|"
    r"is|was|were|rose|fell|killed|died|said|announced|reported|increased|decreased)(?!\p{L})",
    regex.I,
)
_NEGATION = regex.compile(
    r"(?<!\p{L})(?:жоқ|емес|ешқандай|ешқашан|бірде-бір|не|нет|ни|никогда|not|no|never|none)(?!\p{L})"
    r"|\p{L}+(?:ма|ме|ба|бе|па|пе)(?:ған|ген|йды|йді|ды|ді|йтын|йтін)\p{L}*|n't",
    regex.I,
)
_TIME = regex.compile(
    r"(?<!\p{N})(?:1[89]|20)\d\d(?!\p{N})|(?<!\p{L})(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз"
    r"|қыркүйек|қазан|қараша|желтоқсан|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр"
    r"|ноябр|декабр|January|February|March|April|May|June|July|August|September|October|November"
    r"|December|кеше|бүгін|биыл|вчера|сегодня|yesterday|today)\w*",
    regex.I,
)
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
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*")


def _has_entity(text: str) -> bool:
    """A capitalised word that is not the first word, or an acronym anywhere."""
    first = _FIRST_WORD.search(text)
    for match in _CAPITALISED.finditer(text):
        if (first is not None and match.start() > first.start()) or (
            len(match.group()) > 1 and match.group().isupper()
        ):
            return True
    return False


def explain(
    text: str, *, speaker: str | None = None, meta: bool = False, question: bool = False
) -> dict[str, float]:
    """Return the features that fire for ``text`` with their weights.

    ``meta`` and ``question`` let the caller pass what it knows from the whole
    sentence (a meta attribution, a question mark cut off with the tag).
    """
    words = len(_WORD.findall(text))
    fired = {
        "number": bool(_NUMBER.search(text)),
        "entity": _has_entity(text),
        "factual_verb": bool(_FACTUAL.search(text)),
        "negation": bool(_NEGATION.search(text)),
        "time": bool(_TIME.search(text)),
        "attributed": speaker is not None,
        "short": words < 4,
        "question": question or text.rstrip("»\"”’') ").endswith("?"),
        "meta": meta or bool(_META.search(text)),
        "greeting": bool(_GREETING.search(text)),
    }
    return {name: WEIGHTS[name] for name, on in fired.items() if on}


def score(
    text: str, *, speaker: str | None = None, meta: bool = False, question: bool = False
) -> float:
    """Check-worthiness of ``text`` in [0, 1] (see the module table)."""
    total = BASE + sum(explain(text, speaker=speaker, meta=meta, question=question).values())
    return round(min(1.0, max(0.0, total)), 4)
