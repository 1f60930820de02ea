"""The dashboard's interface language: English (default), Kazakh or Russian.

Every interface string a page shows (titles, labels, buttons, messages, table headers,
legends, empty states, statuses, verdict names) is an English key in :data:`ENTRIES`
with its Kazakh and Russian forms; :func:`tr` looks it up (falling back to English,
so a missing translation never hides a control) and fills ``{name}`` fields.  Counts
go through :func:`plural` (Russian has three forms; Kazakh keeps the singular after a
numeral).  Content (articles, claims, notes, names) is never translated.  No Streamlit
here; the chosen language is passed in by :mod:`workbench.dashboard.ui`.
"""

from __future__ import annotations

from workbench.dashboard.i18n_desk import DESK
from workbench.dashboard.i18n_pages import PAGES
from workbench.dashboard.i18n_review import REVIEW
from workbench.views_base import Words

__all__ = ["ENTRIES", "LANGUAGES", "TABLES", "WORDS", "plural", "tr", "words"]

LANGUAGES = {"en": "English", "kk": "Қазақша", "ru": "Русский"}
ENTRIES: tuple[tuple[str, str, str], ...] = (*PAGES, *REVIEW, *DESK)  # (English, Kazakh, Russian)
# word -> (English plural, Kazakh, Russian for 1, for 2-4, for 5+)
WORDS: dict[str, tuple[str, str, str, str, str]] = {
    "claim": ("claims", "тұжырым", "утверждение", "утверждения", "утверждений"),
    "cluster": ("clusters", "кластер", "кластер", "кластера", "кластеров"),
    "source": ("sources", "дереккөз", "источник", "источника", "источников"),
    "article": ("articles", "мақала", "статья", "статьи", "статей"),
    "event": ("events", "оқиға", "событие", "события", "событий"),
    "day": ("days", "күн", "день", "дня", "дней"),
    "week": ("weeks", "апта", "неделя", "недели", "недель"),
    "month": ("months", "ай", "месяц", "месяца", "месяцев"),
    "year": ("years", "жыл", "год", "года", "лет"),
    "conflict": ("conflicts", "қайшылық", "конфликт", "конфликта", "конфликтов"),
    "new cluster": (
        "new clusters",
        "жаңа кластер",
        "новый кластер",
        "новых кластера",
        "новых кластеров",
    ),
    "problem": ("problems", "ақау", "проблема", "проблемы", "проблем"),
    "new claim": (
        "new claims",
        "жаңа тұжырым",
        "новое утверждение",
        "новых утверждения",
        "новых утверждений",
    ),
    "reviewed cluster": (
        "reviewed clusters",
        "тексерілген кластер",
        "проверенный кластер",
        "проверенных кластера",
        "проверенных кластеров",
    ),
    "aligned row": (
        "aligned rows",
        "салыстырылған жол",
        "сопоставленная строка",
        "сопоставленные строки",
        "сопоставленных строк",
    ),
}

TABLES: dict[str, dict[str, str]] = {
    "en": {},
    "kk": {en: kk for en, kk, _ru in ENTRIES},
    "ru": {en: ru for en, _kk, ru in ENTRIES},
}


def tr(text: str, language: str = "en", /, **values: object) -> str:
    """``text`` in ``language`` (English when there is no translation), fields filled in."""
    found = TABLES.get(language, {}).get(text, text)
    return found.format(**values) if values else found


def _russian_form(count: int) -> int:
    """0: один, 1: два-четыре, 2: пять и больше (and 11-14)."""
    tail, tens = abs(count) % 10, abs(count) % 100
    if tail == 1 and tens != 11:
        return 0
    if 2 <= tail <= 4 and not 12 <= tens <= 14:
        return 1
    return 2


def plural(count: int, word: str, language: str = "en") -> str:
    """``2 claims`` / ``2 тұжырым`` / ``2 утверждения`` for a word of :data:`WORDS`."""
    forms = WORDS.get(word)
    if forms is None or language not in ("kk", "ru"):
        many = forms[0] if forms else word + "s"
        return f"{count} {word if count == 1 else many}"
    if language == "kk":
        return f"{count} {forms[1]}"
    return f"{count} {forms[2 + _russian_form(count)]}"


def words(language: str = "en") -> Words:
    """How the read models (:mod:`workbench.desk_views`, the queue) word things in ``language``."""
    return Words(
        t=lambda text, /, **values: tr(text, language, **values),
        plural=lambda count, word: plural(count, word, language),
    )
