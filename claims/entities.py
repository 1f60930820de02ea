"""Named entities in claim texts, resolved to canonical ids across kk/ru/en.

A curated alias table maps spellings in Kazakh, Russian and English to one id
("ҰҚШҰ", "ОДКБ", "CSTO", "Ұжымдық қауіпсіздік туралы шарт ұйымы" ->
``ORG:CSTO``).  Aliases are matched on case-folded, look-alike-repaired text
(:func:`claims.textnorm.normalize`, applied word by word so offsets stay
exact) and every alias word may carry Kazakh or Russian inflection
("ҰҚШҰ-ның", "Ресейге", "Қазақстаннан", "России", "Алматы қаласының").
Acronyms of three letters or fewer match only in upper case ("ЕО", "EU").

Role words ("Мемлекет басшысы", "Президент", "Глава государства") resolve to
the head of state only when the surrounding article names him and the role
is not someone else's ("Еуропалық кеңестің президенті", "President Michel").
Capitalised words outside the table fall back to ``NAME:<stem>`` ids, which
only compare within one language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from claims.lang.aliases import (
    ALIASES,
    HEAD_NEXT,
    HEAD_OF_STATE,
    ORG_HEADS,
    POSITION_STEMS,
    ROLES,
    STOP_CAPITALS,
    SURNAME_ENDINGS,
    entity_type,
    place_kind,
)
from claims.lang.months import is_month
from claims.lang.suffixes import KK_CASE_ENDINGS, RU_INFLECTIONS, strip_endings
from claims.lang.translit import name_key, names_match
from claims.textnorm import normalize

__all__ = ["ALIASES", "EntityMention", "extract_entities", "fold", "label_of"]


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One entity mention; ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    entity_id: str
    curated: bool
    kind: str = "other"  # person, place, org or other


_KK_ENDINGS = KK_CASE_ENDINGS
_RU_ENDINGS = RU_INFLECTIONS
_EN_ENDINGS = ['"s', "s", "n", "an", "ans"]
_ENDING = "(?:" + "|".join(sorted({*_KK_ENDINGS, *_RU_ENDINGS, *_EN_ENDINGS}, key=len)[::-1]) + ")"
_SUFFIX = rf"(?:-?{_ENDING}{{1,3}})?"
_LETTER = r"[\p{L}\p{M}\d]"
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}\p{M}]+(?:-\p{Lu}?[\p{L}\p{M}]+)*")
_SENTENCE_START = regex.compile(r"(?:^[«\"“„]?\s*|[.!?…:;]\s+[«\"“„]?|[–—-]\s+)$")
_GENITIVE = regex.compile(r"(ның|нің|дың|дің|тың|тің)$")
_STOP_CAPITALS = STOP_CAPITALS


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    norm = normalize(word)
    if len(norm) != len(word):
        norm = word.casefold() if len(word.casefold()) == len(word) else word.lower()
    return norm if len(norm) == len(word) else word


@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """Case-fold and repair look-alikes word by word, keeping every offset.

    Cached: a cluster's claims share their articles' contexts, folded once each.
    """
    chars = list(text)
    for m in _WORD.finditer(text):
        start, end = m.span()
        chars[start:end] = _fold_word(str(m.group(0)))
    return "".join(chars)


def _alias_pattern(alias: str) -> tuple[regex.Pattern[str], bool]:
    acronym = alias.isupper() and len(alias) <= 4
    words = alias.split() if acronym else normalize(alias).split()
    parts = [regex.escape(w) + _SUFFIX for w in words]
    if acronym:
        parts = [regex.escape(w) + r"(?:-[\p{L}]{1,6})?" for w in words]
    body = r"\s+".join(parts)
    return regex.compile(rf"(?<!{_LETTER}){body}(?!{_LETTER})"), acronym


def _needle(alias: str) -> str:
    """A short string every match of the alias contains (to skip patterns cheaply)."""
    word = alias.split()[0]
    return (word if word.isupper() and len(word) <= 4 else normalize(word))[:3]


class _Alias:
    """One alias of an entity; its pattern is compiled the first time its needle shows up."""

    __slots__ = ("_pattern", "acronym", "alias", "entity_id")

    def __init__(self, entity_id: str, alias: str) -> None:
        self.entity_id, self.alias = entity_id, alias
        self.acronym = alias.isupper() and len(alias) <= 4
        self._pattern: regex.Pattern[str] | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = _alias_pattern(self.alias)[0]
        return self._pattern


_ALIAS_LIST: tuple[_Alias, ...] = tuple(
    _Alias(entity_id, alias) for entity_id, (_, aliases) in ALIASES.items() for alias in aliases
)
_NEEDLES: tuple[str, ...] = tuple(
    _needle(alias) for _, (_, aliases) in ALIASES.items() for alias in aliases
)
# an alias written capitalised matches only capitalised ("Семей" the city, "семей" = families)
_CAPITAL: tuple[bool, ...] = tuple(
    alias[:1].isupper() for _, (_, aliases) in ALIASES.items() for alias in aliases
)
# aliases by the first three letters of their first word, for text and folded text
_BY_NEEDLE: dict[bool, dict[str, list[int]]] = {True: {}, False: {}}
for _index, (_alias, _needle_text) in enumerate(zip(_ALIAS_LIST, _NEEDLES, strict=True)):
    _BY_NEEDLE[_alias.acronym].setdefault(_needle_text, []).append(_index)
_WORD_START = regex.compile(r"(?<![\p{L}\p{M}\d])[\p{L}\p{M}\d]{1,3}")
_ROLES = ROLES
_HEAD_OF_STATE = HEAD_OF_STATE
_HEAD_NEXT = HEAD_NEXT


def label_of(entity_id: str) -> str:
    """Readable label for an entity id ("ORG:CSTO" -> "CSTO", "NAME:ақсай" -> "ақсай")."""
    if entity_id in ALIASES:
        return ALIASES[entity_id][0]
    return entity_id.split(":", 1)[-1]


def _curated(text: str, folded: str) -> tuple[list[EntityMention], list[tuple[int, int]]]:
    found: list[EntityMention] = []
    suppressed: list[tuple[int, int]] = []
    indexes: set[int] = set()
    for acronym, haystack in ((True, text), (False, folded)):
        table = _BY_NEEDLE[acronym]
        for m in _WORD_START.finditer(haystack):
            indexes.update(table.get(str(m.group(0)), ()))
    for index in sorted(indexes):
        item, capital = _ALIAS_LIST[index], _CAPITAL[index]
        entity_id = item.entity_id
        haystack = text if item.acronym else folded
        for m in item.pattern.finditer(haystack):
            start, end = m.start(), m.end()
            if capital and not text[start].isupper():
                continue
            if entity_id == "GPE:US" and regex.match(r"\s*(доллар|долл)", folded[end:]):
                suppressed.append((start, end))  # "АҚШ доллары" is a currency
                continue
            found.append(
                EntityMention(start, end, text[start:end], entity_id, True, entity_type(entity_id))
            )
    return found, suppressed


def _role_is_head_of_state(text: str, folded: str, start: int, end: int) -> bool:
    before = folded[:start].rstrip()
    prev = before.split()[-1] if before.split() else ""
    if _GENITIVE.search(prev) and not prev.startswith("қазақстан"):
        return False  # "Еуропалық кеңестің президенті"
    after = text[end:].lstrip()
    nxt = after.split()[0] if after.split() else ""
    role = folded[start:end]
    if role.startswith("президент") and role.endswith("і") and not prev.startswith("қазақстан"):
        return False  # possessed role: somebody's president
    if nxt[:1].isupper() or nxt.lower() in ("of", "евросовета", "европейского"):
        return bool(_HEAD_NEXT.match(fold(after)))
    return True


def _roles(text: str, folded: str, *, context: str | None) -> list[EntityMention]:
    if context is None:
        return []
    folded_context = fold(context)
    names_head = any(
        item.pattern.search(folded_context)
        for item in _ALIAS_LIST
        if item.entity_id == _HEAD_OF_STATE and not item.acronym
    )
    if not names_head:
        return []
    out = []
    for m in _ROLES.finditer(folded):
        if _role_is_head_of_state(text, folded, m.start(), m.end()):
            out.append(
                EntityMention(
                    m.start(), m.end(), text[m.start() : m.end()], _HEAD_OF_STATE, True, "person"
                )
            )
    return out


def _stem(word: str) -> str:
    """A script-independent key of a name without case endings ("Теректісайдан" -> "terektisai")."""
    head, _, tail = word.partition("-")
    if tail and tail.islower():
        word = head  # "ҰҚШҰ-ның", "Алматы-ға"
    elif tail and tail[:1].isupper():  # "Лонг-Лартин": each part is a name key
        return " ".join(name_key(strip_endings(normalize(part))) for part in word.split("-"))
    return name_key(strip_endings(normalize(word)))


def _guess_kind(text: str, start: int, end: int) -> str:
    """person (surname morphology), place:<kind> (next to "ауылы", "village of") or other."""
    words = [w for w in text[start:end].replace("-", " ").split() if w]
    lowered = [normalize(w) for w in words]
    stems = [strip_endings(w, keep=4) for w in lowered]
    if any(w.endswith(SURNAME_ENDINGS) for w in lowered + stems) and len(words) <= 3:
        return "person"
    after = [normalize(w.strip(",.;:()")) for w in text[end : end + 24].split()[:1]]
    before = [normalize(w.strip(",.;:()")) for w in text[max(0, start - 24) : start].split()[-2:]]
    for word in after + before[::-1]:
        kind = place_kind(word)
        if kind is not None:
            return "place:" + kind
    return "other"


def _capitalised(text: str, taken: list[tuple[int, int]]) -> list[EntityMention]:
    out: list[EntityMention] = []
    for m in _CAPITALISED.finditer(text):
        start, end, word = m.start(), m.end(), str(m.group(0))
        if any(s < end and start < e for s, e in taken) or word in _STOP_CAPITALS:
            continue
        if word.isascii() and is_month(word):
            continue  # English capitalises months ("on Aug. 20"); a Cyrillic "Қазан" is Kazan
        if normalize(word).startswith(POSITION_STEMS) or _quoted_title(text, start):
            continue
        if (
            _SENTENCE_START.search(text[:start])
            and not word.isupper()
            and not _name_evidence(text, end, word)
        ):
            continue
        stem = _stem(word)
        if out and text[out[-1].end : start].strip() == "" and not word.isupper():
            prev = out.pop()
            kind = _guess_kind(text, prev.start, end)
            out.append(
                EntityMention(
                    prev.start, end, text[prev.start : end], f"{prev.entity_id} {stem}", False, kind
                )
            )
            continue
        out.append(
            EntityMention(start, end, word, "NAME:" + stem, False, _guess_kind(text, start, end))
        )
    return [_extend(text, m) for m in out]


_NEXT_WORDS = regex.compile(r"(?:\s+[\p{Ll}][\p{L}\p{M}-]*){1,4}")


def _extend(text: str, mention: EntityMention) -> EntityMention:
    """ "Қарағанды облысында", "Ауыл шаруашылығы министрлігінің": a name with its head noun."""
    m = _NEXT_WORDS.match(text, mention.end)
    if m is None:
        return mention
    words = str(m.group(0)).split()
    for n in range(len(words), 0, -1):
        last = normalize(words[n - 1])
        place = None  # a place keeps its own span ("Теректісай"); its kind comes from the noun
        if last.startswith(ORG_HEADS):
            end = text.index(words[n - 1], mention.end) + len(words[n - 1])
            kind = "place:" + place if place else "org"
            return EntityMention(
                mention.start, end, text[mention.start : end], mention.entity_id, False, kind
            )
    return mention


_TITLE = regex.compile(r"[«\"“„]\s*$")
_TITLE_REST = regex.compile(r"(?:\s+[\p{Ll}\d][\p{L}\p{M}\d-]*){1,5}\s*[»\"”]")


def _quoted_title(text: str, start: int) -> bool:
    """ "« Қорытынды жаңалықтар »": a title (capital on its first word only), not a name."""
    if not _TITLE.search(text[max(0, start - 3) : start]):
        return False
    end = start + len(text[start:].split()[0]) if text[start:].split() else start
    return _TITLE_REST.match(text, end) is not None


def _name_evidence(text: str, end: int, word: str) -> bool:
    """A capitalised first word of a sentence that still reads as a name."""
    after = text[end:].lstrip()
    nxt = after.split()[0].strip(",.;:") if after.split() else ""
    uninflected = strip_endings(normalize(word)) == normalize(word)
    if nxt[:1].isupper() and uninflected and _surname(nxt, loose=True):
        return True  # "Асқар Темірболатов ...", not "Бөгет Теректісай ..."
    norm = normalize(nxt)
    if place_kind(norm) is not None or norm.startswith(ORG_HEADS):
        return True  # "Қарағанды облысында", "Ауыл шаруашылығы министрлігі"
    return _surname(word)


def _surname(word: str, *, loose: bool = False) -> bool:
    """Surname morphology: "Темірболатовтың", "Есмағамбетова", "Берікұлы".

    ``loose`` also takes -ин/-ина, which alone would read "Причиной" as a surname.
    """
    stem = strip_endings(normalize(word.strip(",.;:")), keep=4)
    endings = ("ов", "ев", "ова", "ева", "ұлы", "қызы") + (("ин", "ина") if loose else ())
    return len(stem) >= 6 and stem.endswith(endings)


_GPE_STEMS: dict[str, str] = {
    normalize(alias): entity_id
    for entity_id, (_, aliases) in ALIASES.items()
    if entity_id.startswith("GPE:")
    for alias in aliases
    if " " not in alias and not alias.isupper() and not alias.isascii()
}
_DEMONYM = regex.compile(r"[\p{L}\p{M}-]+?(?:лық|лік|дық|дік|тық|тік)[\p{L}]{0,9}")
_DEMONYM_SPLIT = regex.compile(r"^(.+?)(?:лық|лік|дық|дік|тық|тік)")


def _demonyms(text: str, folded: str, taken: list[tuple[int, int]]) -> list[EntityMention]:
    """ "ақтөбелік", "Атыраулық", "шығысқазақстандық": people of a known place (NORP)."""
    out = []
    for m in _DEMONYM.finditer(folded):
        start, end = m.span()
        if (start and folded[start - 1].isalpha()) or any(s < end and start < e for s, e in taken):
            continue
        head = _DEMONYM_SPLIT.match(str(m.group(0)))
        place = _GPE_STEMS.get(head.group(1)) if head else None
        if place is not None:
            norp = "NORP:" + place.split(":", 1)[1]
            out.append(EntityMention(start, end, text[start:end], norp, True, "norp"))
    return out


@lru_cache(maxsize=4096)
def _context_kinds(context: str) -> tuple[tuple[str, str], ...]:
    """(name key, kind) of the single-word names the article types ("сёл Теректисай")."""
    kinds: dict[str, set[str]] = {}
    for mention in _capitalised(context, []):
        if not mention.curated and mention.kind != "other" and " " not in mention.entity_id:
            kinds.setdefault(mention.entity_id, set()).add(mention.kind)
    return tuple((key, next(iter(found))) for key, found in kinds.items() if len(found) == 1)


def _typed_by_context(mention: EntityMention, context: str | None) -> EntityMention:
    """A name the claim leaves untyped takes the one kind its article gives it elsewhere
    ("Теректисая" in a claim, "сёл Теректисай" earlier in the article: a village)."""
    if context is None or mention.curated or mention.kind != "other":
        return mention
    key = mention.entity_id.removeprefix("NAME:")
    if " " in key:
        return mention
    kinds = {kind for other, kind in _context_kinds(context) if names_match(key, other[5:])}
    if len(kinds) != 1:
        return mention
    return replace(mention, kind=next(iter(kinds)))


def extract_entities(text: str, *, context: str | None = None) -> list[EntityMention]:
    """Entity mentions in ``text``, left to right, overlaps resolved to the longest.

    ``context`` (the whole article text) enables role aliases: "Мемлекет
    басшысы" counts as Tokayev only when the article names him; a name the claim
    leaves untyped takes the kind the article gives it elsewhere ("сёл Теректисай").
    """
    folded = fold(text)
    curated, suppressed = _curated(text, folded)
    candidates = curated + _roles(text, folded, context=context)
    candidates.sort(key=lambda e: (e.start, -(e.end - e.start), e.entity_id))
    chosen: list[EntityMention] = []
    for mention in candidates:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    taken = [(e.start, e.end) for e in chosen] + suppressed
    chosen.extend(_demonyms(text, folded, taken))
    taken = [(e.start, e.end) for e in chosen] + suppressed
    chosen.extend(_typed_by_context(m, context) for m in _capitalised(text, taken))
    chosen.sort(key=lambda e: (e.start, e.end))
    return chosen
