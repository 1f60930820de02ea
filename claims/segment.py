"""Stage 2: sentences and atomic, attributed, scored claims with exact spans.

:func:`split_sentences` is the rule-based splitter of :mod:`claims.sentences`.
:func:`extract_claims` turns each sentence into one or more claims:

1. :mod:`claims.speaker` finds the speaker and cuts the attribution off
   (``– …, – деді Мемлекет басшысы.`` keeps only the quoted words).
2. The content is split into atomic units when it coordinates several facts:

   * Kazakh reported clauses ``…болғанын, …келгенін, …өртенгенін айтты`` — one
     claim per ``-ған/-ген/-қан/-кен/-тын/-тін/-екен + -ын/-ін`` conjunct;
   * Kazakh gapping with parallel subjects ``Армения жасағы X-ты, Беларусь
     жасағы Y-ты, … Ресей жасағы Z-ты күзетті`` — one claim per contingent
     (the last one keeps the shared verb, since a claim is a contiguous span;
     the others get ``Claim.reading`` = the span plus the shared verb,
     "Беларусь жасағы Жетігендегі аэродромды күзетті", which is what is embedded,
     matched and shown; ``Claim.text`` is a prefix of it, so a view can mark the
     added word.  Without brackets: "[күзетті]" moved the e5 embedding enough to
     lose the seed pair with "their main task is to guard strategic sites");
   * Russian ``…, что A, и что B`` and English ``said that A and that B``;
   * otherwise a compound sentence, one claim per full clause (:mod:`claims.clauses`:
     ", ал", ", бірақ", ", while", ", but", "после того, как", "; ", "Погибших нет, ...").

3. :mod:`claims.worthiness` scores each claim.

A wire dateline ("AKTOBE, Kazakhstan, April 8 (Steppe Wire) –") is cut off the
first sentence (the sentence stays a claim); wire credit lines ("(Reporting by
...)", "Outlet · date · By Name") are page furniture and give no claim.

A headline is a claim too when it makes one.  Given the article's ``title`` and a text
that opens with it (ingest keeps the headline as the first line,
:func:`claims.furniture.headline_end`), the headline is segmented like any sentence
("Шабуыл … бар – Тоқаев" gives the claim with its speaker), but a headline that is
only a label, a topic or a name ("Соңғы жаңалықтар", "Экономика", "Қасым-Жомарт
Тоқаев": fewer than four words, a question, a meta line or a greeting) gives none.
:func:`is_headline_claim` tells a headline claim from the others.

Every claim is a contiguous span: ``text[c.start:c.end] == c.text``, inside its
sentence ``[c.context_start, c.context_end)``, with no surrounding whitespace.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from claims.antecedent import resolve_antecedents
from claims.clauses import split_clauses
from claims.errors import ClaimsError
from claims.furniture import headline_end
from claims.model import Article, Claim, Sentence, claim_id_for
from claims.sentences import split_sentences, strip_span
from claims.speaker import (
    KK_REPORT_HINT,
    KK_REPORT_TAIL,
    RU_TAG_VERB,
    Attribution,
    attribute,
    subject_of,
)
from claims.worthiness import explain, score

__all__ = ["extract_claims", "is_headline_claim", "split_sentences"]
_NO_CLAIM = frozenset({"short", "question", "meta", "greeting"})  # a headline with one: a label

# Only the end of a conjunct matters, so the pattern is the suffix itself
# (a letter before it, none after): linear, no backtracking over the word.
_CCOMP = r"(?<=\p{L})(?:ған|ген|қан|кен|тын|тін|екен|дығ|діг|тығ|тіг)(?:ын|ін)(?!\p{L})"
_CCOMP_SEP = regex.compile(
    rf"{_CCOMP}(?P<sep>\s+(?:атап|баса|айтып|ашып)\s+(?:өтіп|айтып|көрсетіп)\s*,\s*"
    r"|\s*,\s*(?:(?:және|әрі|сондай-ақ)\s+)?|\s+(?:және|әрі)\s+)"
)
_LEAD_ADVERBIAL = regex.compile(r"\s*(?:[\p{L}-]+\s+){0,4}?(?:бере|айта)\s+(?:келе|келіп)\s*,?\s+")
_CCOMP_LAST = regex.compile(rf"{_CCOMP}(?=\s+{KK_REPORT_TAIL})")
_GAP_SEP = regex.compile(r",\s+(?=\p{Lu})")
_ACCUSATIVE_END = regex.compile(r"\p{L}(?:ны|ні|ды|ді|ты|ті|ын|ін|н)\Z")
_WORD = regex.compile(r"\S+")
_LETTER = regex.compile(r"\p{L}")  # a sentence without one ("(2)", "[3]", "—") states nothing
_RU_FIRST = regex.compile(rf"(?<!\p{{L}}){RU_TAG_VERB}\s*,\s*что\s+")
_RU_SEP = regex.compile(r"\s*,\s*(?:(?:и|а\s+также)\s+)?что\s+|\s+и\s+что\s+")
_EN_FIRST = regex.compile(r"(?<!\p{L})(?:said|says|stated|announced|added|told\s+\p{L}+)\s+that\s+")
_EN_SEP = regex.compile(r",?\s+and\s+that\s+")
_CONNECTIVE = regex.compile(
    r"(?:Сондай-ақ|Сонымен\s+қатар|Сонымен\s+бірге|Бұдан\s+бөлек|Кроме\s+того|Также|Помимо\s+этого"
    r"|Also|In\s+addition|Moreover)\s*,?\s+"
)
_TRIM = " \t\u00a0,;:"
# A wire dateline: an upper-case place, optional region/country, a date, the agency in
# parentheses and a dash, before the first sentence of the story.
_DATELINE = regex.compile(
    r"\s*\p{Lu}[\p{Lu}\s.'-]+,(?:\s+\p{Lu}[\p{L}.'-]+,)*\s+\p{Lu}\p{L}+\.?\s+\d{1,2}"
    r"(?:,\s+\d{4})?\s*\([^()]{2,40}\)\s*[–—-]\s*"
)
# Wire credit lines that are page furniture, not claims: "(Reporting by X; editing by Y)"
# and a byline "Outlet · April 8, 2026 · By Name".
_CREDIT = regex.compile(
    r"\(\s*(?:Reporting|Writing|Editing|Additional reporting)\b[^()]*\)\s*"
    r"|[^\n·]{2,60}·[^\n·]{2,40}·\s*By\s+[^\n]{2,60}",
    regex.IGNORECASE,
)


def _cut_at_separators(start: int, end: int, seps: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Units between separators ``(sep_start, sep_end)`` inside ``[start, end)``."""
    units: list[tuple[int, int]] = []
    cursor = start
    for sep_start, sep_end in seps:
        units.append((cursor, sep_start))
        cursor = sep_end
    units.append((cursor, end))
    return units


def _kk_reported(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if KK_REPORT_HINT.search(text, start, end) is None:  # no report verb: no reported clauses
        return []
    matches = list(_CCOMP_LAST.finditer(text, start, end))
    if not matches:
        return []
    last = matches[-1]
    seps = [(m.start("sep"), m.end("sep")) for m in _CCOMP_SEP.finditer(text, start, last.start())]
    if not seps:
        return []
    connective = _CONNECTIVE.match(text, start, end)
    if connective:
        start = connective.end()
    subject = subject_of(text, start, seps[0][0])
    if subject is not None and subject[1] == start:
        start = subject[2]
        adverbial = _LEAD_ADVERBIAL.match(text, start, seps[0][0])
        if adverbial:
            start = adverbial.end()
    return _cut_at_separators(start, last.end(), seps)


def _kk_gapping(text: str, start: int, end: int) -> list[tuple[int, int]]:
    seps = [m.span() for m in _GAP_SEP.finditer(text, start, end)]
    if not seps or not text[start : start + 1].isupper():
        return []
    units = _cut_at_separators(start, end, seps)
    for index, (u_start, u_end) in enumerate(units):
        if len(_WORD.findall(text, u_start, u_end)) < 3:
            return []
        if index < len(units) - 1 and not _ACCUSATIVE_END.search(text, u_start, u_end):
            return []
    return units


def _clauses(
    text: str, start: int, end: int, first: regex.Pattern[str], sep: regex.Pattern[str], word: str
) -> list[tuple[int, int]]:
    if text.find(word, start, end) < 0:
        return []
    lead = first.search(text, start, end)
    if lead is None:
        return []
    seps = [m.span() for m in sep.finditer(text, lead.end(), end)]
    if not seps:
        return []
    return _cut_at_separators(lead.end(), end, seps)


def _shared_predicate(text: str, units: list[tuple[int, int]]) -> str | None:
    """The verb a gapped enumeration shares: the last word of its last unit ("күзетті")."""
    words = _WORD.findall(text, units[-1][0], units[-1][1])
    verb = words[-1].rstrip('.!?;:»"”') if words else ""
    return verb or None


def _readings(text: str, units: list[tuple[int, int]], predicate: str | None) -> list[str | None]:
    """How each unit reads on its own: a gapped unit gets the shared verb appended."""
    if predicate is None:
        return [None] * len(units)
    return [f"{text[s:e]} {predicate}" for s, e in units[:-1]] + [None]


def _skip_dateline(text: str, start: int, end: int) -> int:
    """Start of a sentence after a wire dateline ("AKTOBE, Kazakhstan, April 8 (Steppe Wire) –")."""
    if text.find("(", start, end) < 0:  # every dateline names its agency in parentheses
        return start
    match = _DATELINE.match(text, start, end)
    return match.end() if match and match.end() < end else start


def _atomic(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A splitter's units, trimmed, if at least two remain (else none)."""
    if len(found) < 2:  # trimming never adds a unit
        return []
    units = [strip_span(text, s, e, chars=_TRIM) for s, e in found]
    units = [(s, e) for s, e in units if e > s]
    return units if len(units) > 1 else []


def _units(
    text: str, attribution: Attribution, language: str, *, clauses: bool = True
) -> list[tuple[int, int]]:
    """Split a sentence's content into atomic claim spans (at least one)."""
    start, end = _skip_dateline(text, attribution.start, attribution.end), attribution.end
    units = _atomic(text, _kk_reported(text, start, end))
    if not units and language.startswith("kk"):
        units = _atomic(text, _kk_gapping(text, start, end))
    if not units:
        units = _atomic(text, _clauses(text, start, end, _RU_FIRST, _RU_SEP, "что"))
    if not units:
        units = _atomic(text, _clauses(text, start, end, _EN_FIRST, _EN_SEP, "that"))
    if units:
        return units
    span = strip_span(text, start, end)
    if span[1] <= span[0]:
        return [(attribution.start, attribution.end)]
    if not clauses:  # a headline stays whole: its parts are not a story's claims
        return [span]
    return split_clauses(text, *span, language=language)  # a compound sentence: its clauses


def _claim(
    text: str,
    sentence: Sentence,
    attribution: Attribution,
    span: tuple[int, int],
    *,
    article_id: str,
    position: int,
) -> Claim:
    start, end = span
    if not (sentence.start <= start < end <= sentence.end):
        start, end = sentence.start, sentence.end
    claim_text = text[start:end]
    question = sentence.text.rstrip("»\"”’') ").endswith("?")
    return Claim(
        claim_id=claim_id_for(article_id, start, end),
        article_id=article_id,
        text=claim_text,
        start=start,
        end=end,
        context_start=sentence.start,
        context_end=sentence.end,
        speaker=attribution.speaker,
        score=score(
            claim_text,
            speaker=attribution.speaker,
            meta=attribution.kind in ("meta", "source"),
            question=question,
        ),
        position=position,
    )


def is_headline_claim(claim: Claim, article: Article) -> bool:
    """Whether ``claim`` was taken from the headline that opens ``article.text``."""
    return claim.start < headline_end(article.text, article.title)


def _makes_claim(text: str, attribution: Attribution) -> bool:
    """Whether a headline (its content, tag cut off) states something checkable."""
    content = text[attribution.start : attribution.end]
    fired = explain(content, meta=attribution.kind in ("meta", "source"))
    return not _NO_CLAIM.intersection(fired)


def extract_claims(
    text: str, *, article_id: str, language: str = "kk", title: str | None = None
) -> list[Claim]:
    """Extract atomic claims with speakers, check-worthiness and exact spans.

    One claim per sentence, or several when the sentence coordinates reported
    facts (see the module docstring).  The attribution tag is not part of the
    claim text; the speaker is in ``Claim.speaker``.  Low-scoring claims
    (meta lines, questions, fragments) are kept and simply rank lower; a
    sentence without a letter ("(2)", "[3]", "—", "12.05.2024") gives none; with
    ``title`` given, a headline opening ``text`` that is only a label gives no
    claim (see the module docstring).
    Raises :class:`claims.errors.ClaimsError` for non-text input or an empty
    ``article_id``.
    """
    if not isinstance(text, str):
        raise ClaimsError(f"cannot segment {type(text).__name__}: decode the document first")
    if not article_id:
        raise ClaimsError("cannot extract claims without an article_id")
    sentences = split_sentences(text, language=language)
    lang = language.lower()
    headline = headline_end(text, title)
    claims: list[Claim] = []
    for sentence, attribution in zip(sentences, attribute(text, sentences), strict=True):
        if ("(" in sentence.text or "·" in sentence.text) and _CREDIT.fullmatch(sentence.text):
            continue
        if _LETTER.search(sentence.text) is None:  # a footnote mark, a rule, a bare figure
            continue
        if sentence.start < headline and not _makes_claim(text, attribution):
            continue
        units = _units(text, attribution, lang, clauses=sentence.start >= headline)
        gapped = (
            len(units) > 1
            and lang.startswith("kk")
            and bool(_kk_gapping(text, attribution.start, attribution.end))
        )
        predicate = _shared_predicate(text, units) if gapped else None
        for span, reading in zip(units, _readings(text, units, predicate), strict=True):
            claim = _claim(text, sentence, attribution, span, article_id=article_id,
                           position=len(claims))  # fmt: skip
            claims.append(replace(claim, reading=reading) if reading else claim)
    return resolve_antecedents(claims, text=text, language=lang)  # "Олар ...": its antecedent
