"""Compound sentences into clause claims: one claim per full clause.

"Көшірілгендердің көбі туыстарының үйін паналады, ал 217 адам ... орналастырылды" states
two facts that other sources may report apart ("Большинство эвакуированных разъехались по
родственникам." / "Ещё 217 человек временно разместили ..."), so a single claim could align
with only one of them.  :func:`split_clauses` cuts a claim's span at the clause connectives of
:mod:`claims.lang.clauses`:

* a comma and a contrastive conjunction (", ал", ", бірақ", ", while", ", but"; not the
  Russian ", а" / ", но", as measured there);
* Russian "после того, как" (the main clause, then the event before it);
* "; " between two clauses;
* a comma after a bare negative existential ("Погибших нет, двое жителей ...").

The separator (comma, conjunction) belongs to neither piece; each piece is an exact
sub-span.  Conservative: a cut is kept only if both sides read as check-worthy clauses
on their own (at least :data:`MIN_CHARS` characters and not "short", "meta" or a greeting
for :func:`claims.worthiness.explain`; a negative existential may be shorter), and never
inside a quotation.  A sentence that reports two versions of one fact ("initially
blamed ..., but now says ...", :data:`claims.lang.stance.VERSIONS_WORDS`) stays whole:
it is one claim about a revision, not two facts.  Cuts that fail are dropped; no valid
cut leaves the span whole.
"""

from __future__ import annotations

import regex

from claims.lang.clauses import CONTRAST, NEG_EXISTENTIAL, SEMICOLON, TEMPORAL
from claims.lang.stance import VERSIONS_PHRASES, VERSIONS_WORDS, has_phrase
from claims.sentences import strip_span
from claims.worthiness import explain

__all__ = ["MIN_CHARS", "split_clauses"]

MIN_CHARS = 25
_MIN_EXISTENTIAL = 12  # "Погибших нет": the resolution floor of a claim
_BAD = frozenset({"short", "meta", "greeting"})
_TRIM = " \t\u00a0,;:–—-"
_QUOTES = regex.compile(r"[«»„“”\"]")
_HINT = regex.compile(r"[,;]")
_WORDS = regex.compile(r"\p{L}+")
_FIRST_WORDS = frozenset([*VERSIONS_WORDS, *(phrase[0] for phrase in VERSIONS_PHRASES)])


def _compile(lang: str) -> regex.Pattern[str]:
    parts = [*CONTRAST.get(lang, ()), *TEMPORAL.get(lang, ()), SEMICOLON]
    negs = NEG_EXISTENTIAL.get(lang, ())
    if negs:
        words = "|".join(negs)
        parts.append(rf"(?<=\p{{L}}\s+(?:{words}))\s*,\s+")
    return regex.compile("|".join(f"(?:{p})" for p in parts), regex.IGNORECASE)


_SEPARATORS = {lang: _compile(lang) for lang in ("kk", "ru", "en")}
_NEG_END = {
    lang: regex.compile(rf"(?<!\p{{L}})(?:{'|'.join(words)})\Z", regex.IGNORECASE)
    for lang, words in NEG_EXISTENTIAL.items()
    if words
}


def _clause_like(text: str, start: int, end: int, lang: str) -> bool:
    """Whether ``text[start:end]`` reads as a check-worthy clause on its own."""
    piece = text[start:end]
    neg = _NEG_END.get(lang)
    if neg is not None and len(piece) >= _MIN_EXISTENTIAL and neg.search(piece):
        return True
    return len(piece) >= MIN_CHARS and not _BAD.intersection(explain(piece))


def _quoted(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation opened after ``start`` (odd marks before it)."""
    return len(_QUOTES.findall(text, start, pos)) % 2 == 1


def _two_versions(text: str, start: int, end: int) -> bool:
    """Whether the span reports a revision ("initially ..., but now ...")."""
    tokens = [w.lower() for w in _WORDS.findall(text, start, end)]
    if _FIRST_WORDS.isdisjoint(tokens):
        return False
    if not VERSIONS_WORDS.isdisjoint(tokens):
        return True
    return has_phrase(tokens, VERSIONS_PHRASES)


def _cuts(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    pattern = _SEPARATORS.get(lang)
    if pattern is None:
        return []
    seps = (m.span() for m in pattern.finditer(text, start, end))
    return [s for s in seps if not _quoted(text, start, s[0])]


def split_clauses(text: str, start: int, end: int, *, language: str) -> list[tuple[int, int]]:
    """Clause spans of ``text[start:end]``: several if it is a compound sentence, else one."""
    lang = language.lower()[:2]
    if _HINT.search(text, start, end) is None:  # every connective has a comma or semicolon
        return [(start, end)]
    cuts = _cuts(text, start, end, lang)
    if not cuts or _two_versions(text, start, end):  # tokenised only when a cut is possible
        return [(start, end)]
    pieces = [(start, end)]
    cursor = start
    for sep_start, sep_end in cuts:
        if sep_start < cursor:
            continue
        left = strip_span(text, pieces[-1][0], sep_start, chars=_TRIM)
        right = strip_span(text, sep_end, end, chars=_TRIM)
        if _clause_like(text, *left, lang) and _clause_like(text, *right, lang):
            pieces[-1] = left
            pieces.append(right)
            cursor = sep_end
    return pieces
