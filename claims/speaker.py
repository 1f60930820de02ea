"""Speaker attribution for sentences of Kazakh, Russian and English news.

For every sentence :func:`attribute` returns an :class:`Attribution`: who says
it (``speaker``), which part of the sentence is the content (the attribution
tag, the direct-speech dash and the quotation marks are cut off), and how the
speaker was found (``kind``):

``quote``     «…», деді Қасым-Жомарт Тоқаев. — every sentence inside the
              quotation (it may span sentences and paragraphs) gets the speaker.
``dash``      – …, – деді Мемлекет басшысы. — every sentence of the direct-speech
              turn, from the sentence opening with a dash to the tag.
``tag``       …, сказал Токаев. / …, Tokayev said. / «…» деді ол. (one sentence)
``according`` По словам X, … / According to X, … / X-тың бағалауынша, …
``reported``  Президент … туралы айтты. / … деп атады. / … баса айтты. — the
              sentence subject (a title, a two-word name, or a pronoun resolved
              to the previous speaker; a subject-less sentence continues the
              previous reported speaker of the same paragraph).
``source``    …, деп жазады Egemen.kz. / …, сообщает ТАСС. — a media outlet.
``meta``      Бұл туралы Ақорда хабарлады. / Об этом сообщил X. — a sentence
              about the reporting itself (kept, scored low).
``headline``  Шабуыл … бар – Тоқаев (a line ending in "– Name" without a period).
``none``      narrative text of the article itself.

Everything is done with compiled regular expressions applied to a bounded
window around each sentence, so the cost is linear in the text length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from claims.lang.reporting import EN_TAG_ADJUNCT
from claims.model import Sentence

__all__ = [
    "Attribution",
    "KK_REPORT_HINT",
    "KK_REPORT_TAIL",
    "KK_REPORT_VERBS",
    "RU_TAG_VERB",
    "attribute",
    "subject_of",
]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Speaker and content span of one sentence (offsets into the article text)."""

    speaker: str | None
    start: int
    end: int
    kind: str


KK_REPORT_VERBS = (
    r"(?:айтты|айтады|атады|атап\s+өтті|мәлімдеді|мәлімдейді|хабарлады|жеткізді|тоқталды"
    r"|нақтылады|түсіндірді|ескертті|білдірді|мәлім\s+етті|сендірді|атап\s+көрсетті|жазды"
    r"|санайды|есептейді|қосты|ұсынды|шақырды|тапсырды|жариялады|растады|жоққа\s+шығарды"
    r"|айтып\s+өтті|сөз\s+етті|атап\s+айтты|мойындады|ескерді|ашып\s+айтты)"
)
KK_REPORT_TAIL = rf"(?:(?:баса|атап|ашық|нақты|ерекше)\s+)?{KK_REPORT_VERBS}\s*[.!]?\s*\Z"
# The first word of every report verb: a sentence without one cannot end in KK_REPORT_TAIL.
KK_REPORT_HINT = re.compile(
    "|".join(
        sorted(
            {verb.split("\\s+")[0] for verb in KK_REPORT_VERBS[3:-1].split("|")},
            key=lambda word: (-len(word), word),
        )
    )
)
_META_STARTS = ("Бұл", "Об ", "This", "Фото", "Видео", "Photo", "Источник", "Дереккөз", "Source")
# Literal prefilter of _LEAD_HINT (which decides whether _LEAD is tried at all).
_LEAD_LITERALS = re.compile(
    "(?:уынша|уінше|інше|ынша|сәйкес),|словам|мнению|данным|оценке|информации|огласно|Как|ccording"
)
_LEAD_HINT = regex.compile(
    r"(?:уынша|уінше|інше|ынша|сәйкес),|словам|мнению|данным|оценке|информации|огласно|Как\s|ccording"
)
_KK_ADVERB = r"(?:(?:баса|атап|ашық|нақты|ерекше)\s+)?"
_KK_TAG_VERB = (
    rf"деді|дейді|деген(?:\s+еді)?"
    rf"|деп\s+{_KK_ADVERB}(?:{KK_REPORT_VERBS}|жазады|хабарлайды|мәлімдейді|сұрады|айқайлады)"
)
# «…» деп Хаммел балаға жеткен кезде айтты. / – деп ресми тараптар айтады.
_KK_DEP_SUBJECT = (
    rf"деп\s+(?:(?P<spk_c>\p{{Lu}}[\p{{L}}-]*(?:\s+\p{{Lu}}[\p{{L}}-]*)*)(?:\s+[\p{{L}}-]+){{0,4}}?"
    rf"|(?P<spk_d>[\p{{Ll}}-]+(?:\s+[\p{{Ll}}-]+)?))\s+{_KK_ADVERB}{KK_REPORT_VERBS}"
)
_RU_TAG_STEMS = (
    "заявил|сказал|сообщил|отметил|подчеркнул|добавил|пояснил|рассказал|напомнил"
    "|уточнил|заключил|ответил|признал|написал|констатировал|резюмировал|предупредил"
    "|спросил|сообщает|пишет|передает|передаёт|говорит|считает|полагает|уверен"
)
RU_TAG_VERB = rf"(?:{_RU_TAG_STEMS})(?:а|и|о)?(?=[\s.!,]|\Z)"
_EN_TAG_VERB = r"(?:said|says|added|noted|wrote|explained|warned|stated|told\s+\p{L}+|reported)"
# Literal prefilters (stdlib ``re``, several times faster than a failing ``regex`` search):
# a pattern below can only match where one of its verbs occurs, so the costly pattern runs
# only on the few sentences where one does.  They never change a result, only skip work.
_EN_VERB_WORDS = "said|says|added|noted|wrote|explained|warned|stated|told|reported"
_TAG_HINT = re.compile(f"деді|дейді|деген|деп|{_RU_TAG_STEMS}|{_EN_VERB_WORDS}")
_RU_EN_HINT = re.compile(f"{_RU_TAG_STEMS}|said|says|told|announced|stated|warned|added")
_SPK = r"[^\s,.!?–—«»\"][^\s,!?–—«»\"]*(?:\s+[^\s,!?–—«»\"]+){0,5}?"
_SPK_EN = (
    r"(?:he|she|they|it|(?:[Tt]he\s+|[Aa]n?\s+)?[\p{L}\p{N}.'’-]+(?:\s+[\p{L}\p{N}.'’-]+){0,4}?)"
)

_TAIL = regex.compile(
    rf"""
    (?:
        (?P<q>[»”"])\s*,?\s*(?:[–—-]\s*)?
      | [,.!?…]\s*[–—-]\s*
      | ,\s*
    )
    (?:
        (?P<verb>{_KK_TAG_VERB}|{RU_TAG_VERB}|{_EN_TAG_VERB})(?:\s+(?P<spk>{_SPK}))?
      | {_KK_DEP_SUBJECT}
      | (?P<spk_b>{_SPK_EN})\s+(?P<verb_b>said|says|added|wrote|noted|told\s+\p{{L}}+)
        {EN_TAG_ADJUNCT}
    )
    \s*[.!]?\s*\Z
    """,
    regex.VERBOSE,
)
_SOURCE_VERB = regex.compile(
    r"деп\s+(?:жазады|хабарлайды)|сообщает|пишет|переда[её]т|reported|reports", regex.I
)
_LEAD = regex.compile(
    r"""
    (?:
        [Пп]о\s+(?P<spk>его|её|ее|их)\s+(?:словам|мнению),\s*
      | (?:[Пп]о\s+(?:словам|мнению|данным|оценке|информации)|[Сс]огласно
          |[Кк]ак\s+(?:сообщил|заявил|отметил|рассказал)\w*)
        \s+(?P<spk>[^,]{1,80}),\s*
      | [Aa]ccording\s+to\s+(?P<spk>[^,]{1,80}),\s*
      | (?P<spk>[^,]{1,80}?)(?:тың|тің|дың|дің|ның|нің)\s+
        (?:айтуынша|сөзінше|бағалауынша|пікірінше|мәліметінше|хабарлауынша|пайымдауынша|мәлімдеуінше|деректеріне\s+сәйкес),\s*
    )
    """,
    regex.VERBOSE,
)
_META = regex.compile(
    r"""
    (?:Бұл\s+(?:туралы|жайында|жөнінде)|Об\s+этом|This\s+was\s+reported\s+by)\s+
    (?:
        (?P<spk>[^.!?]{1,80}?)\s+(?:хабарлады|хабарлайды|мәлімдеді|жазады|жазды|сообщ\w*|пиш\w+|заяви\w+|рассказа\w+|говорится\s+в\s+\w+)
      | (?:сообщ\w*|пиш\w+|переда\w+|говорится\s+в)\s+(?P<spk>[^.!?]{1,80}?)
    )\s*[.!]?\s*\Z
    | (?:Фото|Видео|Photo|Источник|Дереккөз|Source)\s*:
    """,
    regex.VERBOSE,
)
_KK_REPORT = regex.compile(rf"(?<!\p{{L}}){KK_REPORT_TAIL}")
_RU_EN_REPORT = regex.compile(
    rf"""
    (?P<spk>\p{{Lu}}[^,:;.!?«»"]{{0,60}}?)\s+(?:{RU_TAG_VERB}|said|says|told\s+\p{{L}}+|announced|stated|warned|added)
    (?:\s*,\s*что\s|\s*:|\s+that\s|\s*,|\s+(?=\p{{Ll}}))
    """,
    regex.VERBOSE,
)
_TITLE_WORD = regex.compile(
    r"(?<!\p{L})(?:[Бб]асшысы|[Пп]резиденті|[Мм]инистрі|[Тт]өрағасы|[Хх]атшысы|[Өө]кілі|[Сс]пикері"
    r"|[Әә]кімі|[Дд]иректоры|[Бб]астығы|[Дд]епутаты|[Сс]арапшысы|[Пп]рокуроры|[Ее]лшісі"
    r"|[Бб]асқарма\s+төрағасы|[Кк]омандирі|[Бб]асшылығы|мырза|ханым)(?!\p{L})"
)
_STANDALONE = regex.compile(
    r"(?<!\p{L})(?:Президент|Премьер-министр|Мемлекет\s+басшысы|Ақорда|Үкімет|Парламент|Сенат|Мәжіліс"
    r"|Министрлік|ҰҚШҰ|БҰҰ|Президент\s+Әкімшілігі|Ол|Олар|Президент\s+Токаев)(?!\p{L})"
)
_NAME = regex.compile(
    r"(?<![\p{L}-])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2}(?![\p{L}-])"
)
_CASE_SUFFIX = regex.compile(
    r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|ны|ні|ды|ді|ты|ті|да|де|та|те|дан|ден|тан|тен"
    r"|нан|нен|мен|бен|пен|ын|ін|дағы|дегі|тағы|тегі|лар|лер|дар|дер|тар|тер)\Z"
)
_WORD_BEFORE = regex.compile(r"([\p{L}-]+)\s+\Z")
_GENITIVE = regex.compile(r"(?:ның|нің|дың|дің|тың|тің)\Z")
_NOT_SUBJECT_START = frozenset(
    [
        "Бүгін",
        "Кеше",
        "Сондай-ақ",
        "Осы",
        "Бұл",
        "Сонымен",
        "Алайда",
        "Ал",
        "Сол",
        "Биыл",
        "Сондықтан",
        "Енді",
        "Сонда",
        "Қазір",
        "Также",
        "Сегодня",
        "Вчера",
        "Кроме",
        "При",
        "Однако",
        "Today",
        "Also",
        "However",
    ]
)
_TRAILING_AUX = regex.compile(r"\s+(?:has|have|had|also|также|тағы)\Z")
_PRONOUN_STEMS = {"О": "ол", "о": "ол"}  # "Оның айтуынша" -> О + -ның
_OBLIQUE = regex.compile(
    r"(?:ын|ін|ны|ні|ды|ді|ты|ті|ға|ге|қа|ке|да|де|та|те|нан|нен|дан|ден|тан|тен|мен|бен|пен"
    r"|ның|нің|дың|дің|тың|тің)\Z"
)
_PRONOUNS = frozenset(
    ["ол", "олар", "он", "она", "они", "его", "её", "ее", "их", "he", "she", "they"]
)
_HEADLINE_TAG = regex.compile(r"\s[–—-]\s+(?P<spk>\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,2})\s*\Z")
_DASH_START = regex.compile(r"[–—-]\s+")
_OPEN_QUOTE = regex.compile(r"[«„“\"]")
_NEWLINES = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_GUILLEMETS = re.compile("[«»]")
_DASH_HINT = re.compile("[–—-]")
_DASHES = "–—-"
_WINDOW = 200


def _clean_speaker(raw: str | None) -> str | None:
    if raw is None:
        return None
    speaker = _TRAILING_AUX.sub("", raw.strip(" \t\u00a0.,:;!?–—-«»\"'’‘“”"))
    speaker = _PRONOUN_STEMS.get(speaker, speaker)
    return speaker or None


_RU_GENITIVE_ENDINGS = (
    ("ства", "ство"),
    ("ния", "ние"),
    ("теля", "тель"),
    ("ря", "рь"),
    ("ы", "а"),
)
_RU_GENITIVE_WORDS = {"посла": "посол", "главы": "глава", "судьи": "судья"}
_RU_CONSONANT_A = regex.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])а\Z")


def _ru_nominative_word(word: str) -> str:
    low = word.casefold()
    if low in _RU_GENITIVE_WORDS:
        fixed = _RU_GENITIVE_WORDS[low]
        return fixed.capitalize() if word[:1].isupper() else fixed
    for ending, nominative in _RU_GENITIVE_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            return word[: -len(ending)] + nominative
    return _RU_CONSONANT_A.sub("", word) if len(word) > 3 else word


def _ru_nominative(speaker: str | None) -> str | None:
    """The speaker of a Russian "по словам X" lead in the nominative (президента -> президент).

    The head word is turned back; a capitalised name ("Касым-Жомарта Токаева") word by
    word, hyphenated parts too.  Feminine genitives (-ой, -ии) are left as they are.
    """
    if not speaker:
        return speaker
    words = speaker.split(" ")
    if words[0][:1].isupper():
        count = next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))
    else:
        count = 1
    fixed = ["-".join(_ru_nominative_word(p) for p in w.split("-")) for w in words[:count]]
    return " ".join([*fixed, *words[count:]])


def _extend_title(text: str, start: int, lower_bound: int) -> int:
    """Extend a title word leftwards over up to two modifiers (Мемлекет, кеңестің)."""
    for _ in range(2):
        match = _WORD_BEFORE.search(text, lower_bound, start)
        if match is None:
            break
        word = match.group(1)
        capital = word[:1].isupper() and word not in _NOT_SUBJECT_START
        if not (capital or _GENITIVE.search(word)):
            break
        start = match.start(1)
        if capital and not _GENITIVE.search(word):
            break
    return start


def subject_of(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """Return ``(speaker, start, end)`` of the likely subject of ``text[start:end]``.

    Candidates are titles ("Мемлекет басшысы", "Еуропалық кеңестің президенті"),
    standalone institutions ("Президент", "Ақорда"), pronouns ("Ол") and
    two- or three-word capitalised names in the nominative ("Шарль Мишель", not
    "Тоқаевтың"); the earliest one wins.
    """
    best: tuple[str, int, int] | None = None
    for match in _TITLE_WORD.finditer(text, start, end):
        left = _extend_title(text, match.start(), start)
        if left == match.start() and not match.group()[0].isupper():
            continue
        stop = match.end()
        name = _NAME.match(text, stop + 1, end) if stop + 1 < end else None
        if name and _nominative_name(name.group()):
            stop = name.end()
        best = _earliest(best, (text[left:stop], left, stop))
        break
    for pattern in (_STANDALONE, _NAME):
        for match in pattern.finditer(text, start, end):
            if pattern is _NAME and not _nominative_name(match.group()):
                continue
            best = _earliest(best, (match.group(), match.start(), match.end()))
            break
    return best


def _nominative_name(name: str) -> bool:
    """No word carries a case ending and the first word is not a sentence adverb."""
    words = name.split()
    if words[0] in _NOT_SUBJECT_START:
        return False
    return not any(_CASE_SUFFIX.search(word) for word in words)


def _earliest(best: tuple[str, int, int] | None, new: tuple[str, int, int]) -> tuple[str, int, int]:
    if best is None or new[1] < best[1] or (new[1] == best[1] and new[2] > best[2]):
        return new
    return best


def _resolve(speaker: str | None, previous: str | None) -> str | None:
    if speaker is not None and speaker.lower() in _PRONOUNS:
        return previous
    return speaker


@dataclass(slots=True)
class _Work:
    speaker: str | None
    start: int
    end: int
    kind: str


def _tail(text: str, sentence: Sentence) -> regex.Match[str] | None:
    start = max(sentence.start, sentence.end - _WINDOW)
    if _TAG_HINT.search(text, start, sentence.end) is None:
        return None
    return _TAIL.search(text, start, sentence.end)


def _tag_speaker(match: regex.Match[str]) -> str | None:
    lower = match.group("spk_d")
    if lower and any(_OBLIQUE.search(word) for word in lower.split()):
        return None
    return _clean_speaker(
        match.group("spk") or match.group("spk_b") or match.group("spk_c") or lower
    )


def _tag_cut(text: str, match: regex.Match[str], start: int) -> int:
    """Content end before an attribution tag: drop the comma and closing quote."""
    cut: int = match.start("q") if match.group("q") else match.start()
    while cut > start and text[cut - 1] in " \t\u00a0,":
        cut -= 1
    return cut


def _quote_pairs(text: str) -> list[tuple[int, int]]:
    """Matched «…» pairs (nesting-aware, across paragraphs); unbalanced marks ignored."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    if "«" not in text:
        return pairs
    for match in _GUILLEMETS.finditer(text):
        if match.group() == "«":
            stack.append(match.start())
        elif stack:
            opening = stack.pop()
            if not stack:
                pairs.append((opening, match.start()))
    return pairs


def _apply_quotes(text: str, sentences: Sequence[Sentence], work: list[_Work]) -> None:
    starts = [s.start for s in sentences]
    for opening, closing in _quote_pairs(text):
        last = bisect_right(starts, closing) - 1
        first = bisect_right(starts, opening) - 1
        if last < 0 or first < 0:
            continue
        match = _tail(text, sentences[last])
        if match is None or match.start("q") != closing:
            continue
        speaker = _tag_speaker(match)
        for index in range(first, last + 1):
            work[index].speaker = speaker
            work[index].kind = "quote"
        work[first].start = max(work[first].start, opening + 1)
        work[last].end = _tag_cut(text, match, work[last].start)


def _line_breaks(text: str) -> list[int]:
    """Offsets of every line break (``str.find`` when ``\\n`` is the only kind: faster)."""
    if any(char in text for char in "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
        return [m.start() for m in _NEWLINES.finditer(text)]
    breaks: list[int] = []
    at = text.find("\n")
    while at >= 0:
        breaks.append(at)
        at = text.find("\n", at + 1)
    return breaks


def _paragraphs(text: str, sentences: Sequence[Sentence]) -> list[int]:
    """The paragraph number (line breaks before it) of every sentence."""
    breaks = _line_breaks(text)
    return [bisect_right(breaks, s.start) for s in sentences]


def _apply_tags(
    text: str, sentences: Sequence[Sentence], work: list[_Work], paragraphs: Sequence[int]
) -> None:
    """Dash turns and single-sentence tags, paragraph by paragraph."""
    turn: list[int] = []
    paragraph = -1
    for index, sentence in enumerate(sentences):
        here = paragraphs[index]
        if here != paragraph:
            paragraph, turn = here, []
        dash = (
            _DASH_START.match(text, sentence.start, sentence.end)
            if text[sentence.start] in _DASHES
            else None
        )
        if dash:
            turn = [index]
            if work[index].kind == "none":
                work[index].start = dash.end()
        elif turn:
            turn.append(index)
        if work[index].kind != "none":
            continue
        match = _tail(text, sentence)
        if match is None:
            continue
        speaker = _tag_speaker(match)
        kind = "source" if _SOURCE_VERB.search(match.group()) else "tag"
        members = turn if (turn and not match.group("q")) else [index]
        for member in members:
            if work[member].kind == "none":
                work[member].speaker = speaker
                work[member].kind = "dash" if len(members) > 1 or dash else kind
        work[index].end = _tag_cut(text, match, work[index].start)
        if match.group("q"):
            opening = _OPEN_QUOTE.match(text, work[index].start)
            if opening:
                work[index].start = opening.end()
        turn = []


def _headline_tag(text: str, sentence: Sentence) -> regex.Match[str] | None:
    start = max(sentence.start, sentence.end - 60)
    if _DASH_HINT.search(text, start, sentence.end) is None:
        return None
    return _HEADLINE_TAG.search(text, start, sentence.end)


def _kk_report(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends in a Kazakh report verb (KK_REPORT_TAIL)."""
    return KK_REPORT_HINT.search(text, start, end) is not None and bool(
        _KK_REPORT.search(text, start, end)
    )


def _apply_sentence_rules(
    text: str, sentences: Sequence[Sentence], work: list[_Work], paragraphs: Sequence[int]
) -> None:
    """Meta sentences, 'according to' leads and reported speech."""
    for index, sentence in enumerate(sentences):
        item = work[index]
        if item.kind != "none":
            continue
        meta = (
            _META.match(text, sentence.start, sentence.end)
            if text.startswith(_META_STARTS, sentence.start)
            else None
        )
        if meta:
            item.speaker = _clean_speaker(meta.group("spk"))
            item.kind = "meta"
            continue
        headline = _headline_tag(text, sentence)
        if headline:
            item.speaker = headline.group("spk")
            item.end = headline.start()
            item.kind = "headline"
            continue
        hint_end = min(sentence.end, sentence.start + 100)
        hint = _LEAD_LITERALS.search(text, sentence.start, hint_end) and _LEAD_HINT.search(
            text, sentence.start, hint_end
        )
        lead = _LEAD.match(text, sentence.start, sentence.end) if hint else None
        if lead:
            item.speaker = _clean_speaker(lead.group("spk"))
            if lead.group(0)[:2].casefold() == "по":  # "По словам президента": genitive
                item.speaker = _ru_nominative(item.speaker)
            item.start = lead.end()
            item.kind = "according"
            continue
        ru_en = (
            _RU_EN_REPORT.match(text, sentence.start, sentence.end)
            if _RU_EN_HINT.search(text, sentence.start, sentence.end)
            else None
        )
        if ru_en:
            item.speaker = _clean_speaker(ru_en.group("spk"))
            item.kind = "reported"
            continue
        if _kk_report(text, max(sentence.start, sentence.end - 60), sentence.end):
            item.kind = "reported"
            subject = subject_of(text, sentence.start, sentence.end)
            if subject is not None:
                item.speaker = subject[0]
            elif index and work[index - 1].kind == "reported":
                same = paragraphs[index - 1] == paragraphs[index]
                item.speaker = work[index - 1].speaker if same else None


def attribute(text: str, sentences: Sequence[Sentence]) -> list[Attribution]:
    """Attribute every sentence of ``text`` (see the module docstring for the rules)."""
    work = [_Work(None, s.start, s.end, "none") for s in sentences]
    _apply_quotes(text, sentences, work)
    paragraphs = _paragraphs(text, sentences)
    _apply_tags(text, sentences, work, paragraphs)
    _apply_sentence_rules(text, sentences, work, paragraphs)
    result: list[Attribution] = []
    previous: str | None = None
    for sentence, item in zip(sentences, work, strict=True):
        speaker = _resolve(item.speaker, previous)
        if speaker is not None:
            previous = speaker
        start, end = item.start, item.end
        if not sentence.start <= start < end <= sentence.end:
            start, end = sentence.start, sentence.end
        result.append(Attribution(speaker=speaker, start=start, end=end, kind=item.kind))
    return result
