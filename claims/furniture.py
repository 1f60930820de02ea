"""Remove news-page furniture (counters, credits, share and related blocks, bylines).

General rules over Kazakh, Russian and English news pages, applied line by
line with pre-compiled regular expressions (linear in the text).  The
headline (first line) becomes the title; with ``keep_headline`` (ingest) it
also stays the first line of the text (a headline is a claim too when it makes
one; segmentation decides, see :func:`headline_end`).  A headline repeated as
a later line is dropped; a byline such as ``Президент • 03 Қаңтар, 2024``
gives the published date and is dropped.  Stripping only ever removes whole
lines, so the result never contains text that was not in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from claims.metadata import DATE_RE, find_date

__all__ = ["Stripped", "headline_end", "is_furniture_line", "same_line", "strip_furniture"]

# Digits with thousands separators; a space is only allowed between digits, so no two
# quantifiers compete for the same whitespace (keeps matching linear).
_NUM = r"\d(?:[\d.,]|[\s\u00a0\u202f](?=\d))*(?:\s?(?:k|к|тыс\.?|млн))?"
_COUNTER_WORD = (
    r"(?:рет\s+)?(?:оқылды|көрсетілді|қаралды|қаралым\w*|просмотр\w*|прочтени\w*|"
    r"views?|reads?|комментари\w*|comments?|пікір\w*)"
)
_READ_UNIT = r"(?:мин(?:ут\w*)?\.?|min(?:ute)?s?\.?|сек\w*)"
_READ_WORD = r"(?:оқу\s+үшін|оқу|оқылым|чтения|на\s+чтение|читать|read(?:ing)?(?:\s+time)?)"
_SHARE_WORD = (
    r"(?:(?:әлеуметтік\s+желі(?:де|лерде)\s+)?бөлісіңіз|"
    r"поделитесь\s+(?:в\s+соц(?:иальных\s+)?сетях|с\s+друзьями)|share\s+on\s+social\s+media|"
    r"поделиться|поделитесь|бөлісу|share(?:\s+this(?:\s+article)?)?|tweet|facebook|"
    r"twitter|telegram|whatsapp|vk|вконтакте|одноклассники|instagram|linkedin|email|"
    r"e-mail|print|печать|copy\s+link|скопировать\s+ссылку|x)"
)
_FULL_LINE_PATTERNS: tuple[str, ...] = (
    # view counters: "1 234 просмотров", "Просмотров: 15", "5,210 views", "347 рет көрсетілді"
    rf"(?:👁\s*)?{_NUM}\s*{_COUNTER_WORD}",
    rf"{_COUNTER_WORD}\s*[:\-–]?\s*{_NUM}",
    # reading time: "3 мин чтения", "4 min read", "Время чтения: 3 мин", "2 мин оқу үшін"
    rf"(?:⏱\s*)?\d+\s*{_READ_UNIT}\s*{_READ_WORD}",
    rf"(?:время\s+чтения|reading\s+time|оқу\s+уақыты|read\s+time)\s*[:\-–]?\s*"
    rf"(?:~\s*)?\d+\s*{_READ_UNIT}",
    # photo/video credits: "Фото: akorda.kz", "Фото с сайта ...", "Photo: Reuters"
    r"(?:фото|фотосурет|сурет|видео|коллаж|иллюстрация|инфографика|"
    r"photo|photograph|image|video|illustration|infographic|collage)s?"
    r"(?:\s*[:©]|\s+[—–-]\s+|\s+(?:с\s+сайта|из\s+открытых|by|from|credit|courtesy|"
    r"автор\w*)\b)\s*\S+(?:\s+\S+){0,8}",  # a credit names a source: a few words
    r"©.{0,120}",
    # share rows
    rf"{_SHARE_WORD}(?:(?:\s*[|/·•,:]\s*|\s+){_SHARE_WORD})*\s*[|/·•,:]?",
    # ads and subscription calls
    r"(?:реклама|жарнама|advertisement|sponsored|ad)",
    r"(?:подписывайтесь|подпишитесь|жазылыңыз|subscribe|follow\s+us)\b.{0,150}",
    # tags line
    r"(?:теги|тегтер|тэги|tags|тақырыптар)\s*:.{0,200}",
    # inline "read also" link line
    r"(?:читайте\s+также|также\s+читайте|оқи\s+отырыңыз|тағы\s+оқыңыз|read\s+(?:also|more)|"
    r"see\s+also|смотрите\s+также|related(?:\s+(?:coverage|stories|story|articles|article|news))?"
    r"|по\s+теме|тақырыпқа\s+қатысты)\s*[:\-–—].{0,250}",
)
_FURNITURE_RE = re.compile("|".join(f"(?:{p})" for p in _FULL_LINE_PATTERNS), re.IGNORECASE)
# A stock-photo credit anywhere in the line's first words.  Kept apart from _FURNITURE_RE, whose
# other patterns are anchored at the line start: tried only when a line names an agency
# (case-folded, so every spelling re.IGNORECASE accepts is seen), it makes no line pay for it.
_STOCK_RE = re.compile(
    r".{0,60}(?:getty\s+images|shutterstock|depositphotos|\bafp\s+photo|reuters/).{0,80}",
    re.IGNORECASE,
)
_STOCK_WORDS = ("getty", "shutterstock", "depositphotos", "afp", "reuters/")
# A line that is only a number (+ unit) whose next line is a counter/reading word:
# "362\nоқылды", "347 рет\nкөрсетілді", "2 мин\nоқу үшін".
_LEAD_NUMBER_RE = re.compile(rf"(?:{_NUM})\s*(?:рет|{_READ_UNIT})?", re.IGNORECASE)
_TRAIL_WORD_RE = re.compile(rf"(?:{_COUNTER_WORD}|{_READ_WORD})", re.IGNORECASE)

# Block headings after which the rest of the page is other articles.
_BLOCK_HEADING_RE = re.compile(
    r"(?:соңғы\s+жаңалықтар|ұқсас\s+жаңалықтар|тақырыпқа\s+қатысты|тағы\s+оқыңыз|"
    r"оқи\s+отырыңыз|көп\s+оқылған\w*|ең\s+көп\s+оқылған\w*|басқа\s+жаңалықтар|"
    r"последние\s+новости|читайте\s+также|также\s+читайте|новости\s+по\s+теме|"
    r"по\s+теме|ещ[её]\s+по\s+теме|другие\s+новости|похожие\s+новости|популярное|"
    r"самое\s+читаемое|смотрите\s+также|"
    r"latest\s+news|latest\s+stories|related(?:\s+(?:articles|stories|news|content))?|"
    r"read\s+(?:also|more|next)|see\s+also|more\s+(?:news|stories|from\s+.{1,40})|"
    r"most\s+(?:read|popular)|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?)"
    r"\s*[:.]?",
    re.IGNORECASE,
)
# Byline/category line around a date: "Президент • 03 Қаңтар, 2024",
# "Опубликовано: 05.01.2024 10:15".
_BYLINE_MAX = 90
_BYLINE_REST_RE = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?|[•·|/,:;()\-–—]+|\b(?:г\.|года|жыл\w*)", re.IGNORECASE
)
_BYLINE_LABEL_RE = re.compile(
    r"(?:опубликовано|обновлено|дата\s+публикации|published|updated|posted|"
    r"жарияланды|жарияланған\s+уақыты|жаңартылды)\b",
    re.IGNORECASE,
)
_FURNITURE_MAX = 260  # no furniture pattern matches a longer line
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_BODY_MIN = 80  # a line this long is article prose, so a block heading after it ends the article


@dataclass(frozen=True, slots=True)
class Stripped:
    """Result of :func:`strip_furniture`."""

    text: str
    title: str
    published: date | None
    removed: tuple[str, ...]
    byline_source: str | None = None


def _normalize(line: str) -> str:
    return " ".join(line.split()).casefold()


def same_line(a: str, b: str) -> bool:
    """Whether two lines are the same text up to case and whitespace."""
    return _normalize(a) == _normalize(b)


def is_furniture_line(line: str) -> bool:
    """Whether one whole line is page furniture (counter, credit, share row...)."""
    stripped = line.strip()
    if not stripped or len(stripped) > _FURNITURE_MAX:
        return False
    if _FURNITURE_RE.fullmatch(stripped) is not None:
        return True
    folded = stripped.casefold()
    return any(w in folded for w in _STOCK_WORDS) and _STOCK_RE.fullmatch(stripped) is not None


def _byline_date(line: str) -> date | None:
    """The date of a byline/date-only line, or ``None`` if the line is prose."""
    stripped = line.strip()
    if len(stripped) > _BYLINE_MAX or _YEAR_RE.search(stripped) is None:
        return None
    found = find_date(stripped)
    if found is None:
        return None
    published, start, end = found
    rest = stripped[:start] + " " + stripped[end:]
    rest = DATE_RE.sub(" ", rest)
    rest = _BYLINE_LABEL_RE.sub(" ", rest)
    rest = _BYLINE_REST_RE.sub(" ", rest)
    # What is left may be a category or an author: a few words, no sentence.
    words = rest.split()
    if len(words) > 4 or rest.rstrip().endswith((".", "!", "?")):
        return None
    return published


def _is_pair(first: str, second: str) -> bool:
    return (
        _LEAD_NUMBER_RE.fullmatch(first.strip()) is not None
        and _TRAIL_WORD_RE.fullmatch(second.strip()) is not None
    )


def _cut_related(lines: list[str]) -> list[str]:
    """Drop everything from a latest-news/related heading that follows article prose."""
    seen_body = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if len(stripped) >= _BODY_MIN:
            seen_body = True
        elif seen_body and stripped and _BLOCK_HEADING_RE.fullmatch(stripped) is not None:
            return lines[:index]
    return lines


_DOMAIN_END = r"\.[a-z]{2,6}$"
_AUTHOR_RE = re.compile(
    r"(?:by|author|written\s+by|автор(?:ы)?(?:\s+материала)?|текст|авторы?)\s*:?\s+"
    r"(?P<rest>[^\W\d_].{1,100})",
    re.IGNORECASE,
)
_AUTHOR_CONNECTORS = frozenset({"and", "и", "және", "&"})
_PART_SPLIT_RE = re.compile(r"\s*[,|•·/;]\s*")


def _author_byline(line: str) -> tuple[bool, str | None]:
    """Whether ``line`` is an author byline ("By Jane Doe, Reuters"), and its outlet if named.

    Every word must be capitalised (or a connector such as "and"), so prose
    such as "By the end of the year..." is not taken for a byline.
    """
    match = _AUTHOR_RE.fullmatch(line)
    if match is None:
        return False, None
    rest = match.group("rest")
    if rest.rstrip().endswith((".", "!", "?")) and not re.search(_DOMAIN_END, rest):
        return False, None
    if DATE_RE.search(rest):
        rest = DATE_RE.sub(" ", rest)
    parts = [part for part in _PART_SPLIT_RE.split(rest.strip()) if part]
    words = [word for part in parts for word in part.split()]
    if not words or any(
        not (word[0].isupper() or word.lower() in _AUTHOR_CONNECTORS or "." in word)
        for word in words
    ):
        return False, None
    outlet = next(
        (part for part in reversed(parts[1:]) if not any(c.isdigit() for c in part)), None
    )
    return True, outlet


def _drop_furniture(lines: list[str]) -> tuple[list[str], date | None, list[str], str | None]:
    kept: list[str] = []
    removed: list[str] = []
    published: date | None = None
    outlet: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if stripped and nxt.strip() and _is_pair(stripped, nxt):
            removed += [line, nxt]
            index += 2
            continue
        if is_furniture_line(stripped) or (
            stripped
            and len(stripped) < _BODY_MIN
            and _BLOCK_HEADING_RE.fullmatch(stripped) is not None
        ):
            removed.append(line)
        else:
            byline = _byline_date(stripped) if stripped else None
            is_author, named = _author_byline(stripped) if stripped else (False, None)
            if byline is not None or is_author:
                published = published or byline
                outlet = outlet or named
                removed.append(line)
            else:
                kept.append(line)
        index += 1
    return kept, published, removed, outlet


def _looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= 250 and not stripped.endswith((".", ",", ":", ";"))


def _fallback_title(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= 120:
        return first
    cut = first[:120].rsplit(" ", 1)[0]
    return cut + "…"


def _collapse_blank_lines(lines: list[str]) -> str:
    out: list[str] = []
    blank = False
    for line in lines:
        if line.strip():
            out.append(line.rstrip())
            blank = False
        elif out and not blank:
            out.append("")
            blank = True
    return "\n".join(out).strip("\n")


def headline_end(text: str, title: str | None) -> int:
    """End offset of the headline when ``text`` opens with ``title`` as its own line, else 0.

    ``text[:headline_end(text, title)]`` is then the headline as stored: the first line, up
    to case and whitespace equal to the title, shaped like a headline (no final period,
    comma or colon) and followed by more text.  A text whose title is only its opening
    sentence (no headline line) has none.  A claim starting before it is a headline claim.
    """
    if not title:
        return 0
    start = len(text) - len(text.lstrip())
    newline = text.find("\n", start)
    if newline < 0 or not text[newline:].strip():
        return 0
    line = text[start:newline]
    return newline if _looks_like_headline(line) and same_line(line, title) else 0


def _drop_repeats(
    lines: list[str], title: str, removed: list[str], *, keep_first: bool
) -> list[str]:
    """Lines without copies of ``title``; with ``keep_first`` the headline line stays.

    The headline is kept only when it opens the text (the first non-blank line): a copy
    of the title further down is furniture wherever it is.
    """
    kept: list[str] = []
    wanted = _normalize(title)
    low, high = len(wanted) // 2, 2 * len(wanted) + 8
    opening = keep_first
    for line in lines:
        if low <= len(line) <= high and _normalize(line) == wanted and not opening:
            removed.append(line)
        else:
            kept.append(line)
        opening = opening and not line.strip()
    return kept


def strip_furniture(
    text: str, *, title: str | None = None, keep_headline: bool = False
) -> Stripped:
    """Strip page furniture from ``text`` (``\\n`` line breaks) and find the headline.

    With ``title`` given, lines repeating it are dropped; otherwise a leading
    headline-like line becomes the title (and later copies of it are dropped).
    With ``keep_headline`` (what ingest asks for) the headline stays as the first line
    of the text when it opens it, so that its claim has an exact span; only its repeats go.
    If the text has no headline line, the title is its opening words and the
    text keeps them.
    """
    lines = _cut_related(text.split("\n"))
    lines, published, removed, outlet = _drop_furniture(lines)
    if title is None:
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        if len(nonblank) >= 2 and _looks_like_headline(lines[nonblank[0]]):
            title = lines[nonblank[0]].strip()
    if title is not None:
        lines = _drop_repeats(lines, title, removed, keep_first=keep_headline)
    body = _collapse_blank_lines(lines)
    if title is None:
        title = _fallback_title(body)
    return Stripped(
        text=body,
        title=title,
        published=published,
        removed=tuple(removed),
        byline_source=outlet,
    )
