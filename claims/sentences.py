"""Rule-based sentence splitter for Kazakh, Russian and English news text.

One compiled regular expression walks the text once and yields the only
places where something can happen: line breaks, quotation marks and runs of
terminal punctuation.  Each terminal run is then accepted or rejected as a
boundary by a few cheap rules, so the cost is linear in the text length and the
Python work is proportional to the number of punctuation marks, not characters.

Rules (in order):

* A line break always ends a sentence (headlines, captions, paragraphs).
* ``?``/``!`` end a sentence unless followed by a dash and a lower-case word
  (``– деді``), or directly by a speech verb (``«Қайда?» деді ол``).  A
  lower-case word after ``?`` otherwise *does* start a new sentence: this is the
  pySBD reading of the ambiguous golden case ``… – кім? не?`` (two sentences),
  chosen because in news text a ``?`` not followed by attribution closes a
  question.
* ``.`` and ``…`` end a sentence only when the next character is an upper-case
  letter, a digit, an opening quote or bracket, or a dash followed by an
  upper-case word (a new direct-speech turn; not inside a quotation, where
  ``– спросила мама. – Завтра`` is one quoted utterance).
* A period after an abbreviation never ends a sentence when the abbreviation is
  in :data:`claims._abbreviations.NEVER_FINAL` (``г.``, ``млн.``, ``Mr.``); one in
  ``MAY_BE_FINAL`` (``т.б.``, ``и т.д.``, ``U.S.``) ends it only before an
  upper-case letter.  A single upper-case letter before a period is an initial
  (``Г. Марченко``, ``Қ.-Ж. Тоқаев``, ``Л.Н.Толстой``) and never ends a sentence; a
  single letter after a slash is a unit's (``18 м/с.``, ``20 m/s.``) and ends one before
  an upper-case letter.
* A period glued between a lower-case word and an upper-case letter
  (``жағдайы.XVIII ғасыр``) is a boundary (a missing space), unless the word is
  an abbreviation.
* Quotations do not protect their content: full sentences inside «…» are split
  (a fact-checker needs each one), but the quote's closing mark stays with the
  sentence it closes (``«Не видали маму?».`` is one sentence).

Spans never include leading or trailing whitespace and
``text[s.start:s.end] == s.text`` always holds.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from claims._abbreviations import MAY_BE_FINAL, NEVER_FINAL, SPEECH_VERBS_AFTER_PUNCT
from claims.errors import ClaimsError
from claims.model import Sentence

__all__ = ["boundaries", "split_sentences", "strip_span"]

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_CLOSERS = "»\"”“’')\\]"

_EVENTS = regex.compile(
    rf"""
    (?P<nl>[{_LINE_BREAKS}])
  | (?P<term>[.!?…]+(?:[{_CLOSERS}]+[.!?…]*)*)(?=\s|\Z)
  | (?P<glue>(?<=\p{{Ll}}\p{{Ll}})\.(?=\p{{Lu}}))
  | (?P<q>[«»„“”"])
    """,
    regex.VERBOSE,
)
_TAIL = regex.compile(r"(?<![\p{L}\p{N}])((?:\p{L}{1,5}\.[ \u00a0]?){0,3}[\p{L}-]+)\Z")
_NEXT = regex.compile(r"[^\S\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*(\S?)")
_AFTER_DASH = regex.compile(r"[–—-]\s+[«„“\"]?(\S)")
_LATIN = regex.compile(r"\p{Latin}")
_NEXT_WORD = regex.compile(r"[\p{L}]+")
_OPENERS = "«„“\"'(["
_DASHES = "–—-"
_LANGS = ("kk", "ru", "en")


def _lang_key(language: str) -> str:
    lang = language.lower()[:2]
    return lang if lang in _LANGS else "*"


def _abbreviation_kind(text: str, dot: int, lang: str) -> str:
    """Classify the token before the period at ``dot``: never/may/initial/word."""
    match = _TAIL.search(text, max(0, dot - 24), dot)
    if match is None:
        return "word"
    tail = match.group(1)
    last = tail.rsplit(".", 1)[-1].strip(" \u00a0-")
    if len(last) == 1 and last.isupper():
        return "initial"
    if len(tail) == 1 and match.start() > 0 and text[match.start() - 1] == "/":
        return "may"  # "18 м/с.", "20 m/s.": a unit's letter after a slash may end a sentence
    keys = (tail.replace(" ", "").replace("\u00a0", "").lower(), last.lower())
    if _LATIN.match(last):
        lang = "en"
    elif lang == "en":
        lang = "*"
    for key in keys:
        if key in NEVER_FINAL[lang]:
            return "never"
        if key in MAY_BE_FINAL[lang]:
            return "may"
    if len(last) == 1:
        return "never"
    return "word"


def _quote_step(stack: list[str], mark: str) -> None:
    """Update the open-quotation stack with one quotation mark."""
    top = stack[-1] if stack else ""
    if mark in "«„":
        stack.append(mark)
    elif mark == "»":
        if top == "«":
            stack.pop()
    elif mark == "“":
        if top == "„":
            stack.pop()
        else:
            stack.append(mark)
    elif mark == "”":
        if top in ("“", "„"):
            stack.pop()
    elif mark == '"':
        if top == '"':
            stack.pop()
        else:
            stack.append(mark)


_CLOSER_OF = {"«": "»", "„": "“", "“": "”", '"': '"'}
_LINE_END = regex.compile(rf"[{_LINE_BREAKS}]")


def _closes_later(text: str, pos: int, opener: str, memo: dict[tuple[int, str], int]) -> bool:
    """Is the open quotation actually closed later on the same line?

    An unclosed «… (a typo, or a title mark) must not switch off the
    quotation rules for the rest of the paragraph.  The line end and the last
    closing mark of each line are looked up once per line (``memo``, cleared
    at every line break), so this stays linear.
    """
    line_end = memo.get((-1, ""), -1)
    if line_end < pos:
        line_end_match = _LINE_END.search(text, pos)
        line_end = line_end_match.start() if line_end_match else len(text)
        memo[(-1, "")] = line_end
    closer = _CLOSER_OF[opener]
    key = (line_end, closer)
    if key not in memo:
        memo[key] = text.rfind(closer, 0, line_end)
    return memo[key] >= pos


def _is_boundary(text: str, start: int, end: int, *, lang: str, quoted: bool) -> bool:
    """Decide whether the terminal run ``text[start:end]`` ends a sentence."""
    nxt_match = _NEXT.match(text, end)
    nxt = nxt_match.group(1) if nxt_match else ""
    if not nxt:
        return True
    after = nxt_match.end(1) - 1 if nxt_match else end
    run = text[start:end]
    if "?" in run or "!" in run:
        if nxt in _DASHES:
            dash = _AFTER_DASH.match(text, after)
            return not (dash and (dash.group(1).islower() or quoted))
        word = _NEXT_WORD.match(text, after)
        return not (word and word.group(0).lower() in SPEECH_VERBS_AFTER_PUNCT)
    if nxt.isupper() or nxt.isdigit() or nxt in _OPENERS:
        starts = True
    elif nxt in _DASHES and not quoted:
        dash = _AFTER_DASH.match(text, after)
        starts = bool(dash and dash.group(1).isupper())
    else:
        starts = False
    if not starts:
        return False
    if run[0] != ".":
        return True
    kind = _abbreviation_kind(text, start, lang)
    if kind in ("never", "initial"):
        return False
    if kind == "may":
        return nxt.isupper()
    return True


def boundaries(text: str, *, language: str = "kk") -> Iterator[int]:
    """Yield the end offsets (exclusive) of sentence pieces, in order."""
    lang = _lang_key(language)
    stack: list[str] = []
    memo: dict[tuple[int, str], int] = {}
    for match in _EVENTS.finditer(text):
        kind = match.lastgroup
        if kind == "nl":
            stack.clear()
            memo.clear()
            yield match.start()
        elif kind == "q":
            _quote_step(stack, match.group())
        elif kind == "glue":
            if _abbreviation_kind(text, match.start(), lang) == "word":
                yield match.end()
        else:
            start, end = match.span()
            for mark in match.group():
                if mark in '«»„“”"':
                    _quote_step(stack, mark)
            quoted = bool(stack) and _closes_later(text, end, stack[-1], memo)
            if _is_boundary(text, start, end, lang=lang, quoted=quoted):
                yield end


def strip_span(text: str, start: int, end: int, *, chars: str = "") -> tuple[int, int]:
    """Shrink ``[start, end)`` so it has no leading or trailing whitespace (or ``chars``)."""
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


def split_sentences(text: str, *, language: str = "kk") -> list[Sentence]:
    """Split ``text`` into sentences with exact character spans.

    ``language`` ("kk", "ru", "en"; anything else uses all rules) selects the
    abbreviation lists.  Every returned sentence satisfies
    ``text[s.start:s.end] == s.text``, has no surrounding whitespace, and the
    sentences are ordered and non-overlapping.  Raises
    :class:`claims.errors.ClaimsError` if ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise ClaimsError(f"cannot split {type(text).__name__} into sentences: decode it first")
    sentences: list[Sentence] = []
    previous = 0
    for cut in (*boundaries(text, language=language), len(text)):
        start, end = strip_span(text, previous, cut)
        if end > start:
            sentences.append(Sentence(text=text[start:end], start=start, end=end))
        previous = cut
    return sentences
