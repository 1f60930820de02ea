"""The dashboard's interface language: English (default), Kazakh or Russian.

:func:`tr` looks an English interface string up in the chosen language's table and
falls back to English, so a missing translation never hides a control.  Content
(articles, claims, notes) is never translated.  No Streamlit here; the chosen
language is passed in by :mod:`workbench.dashboard.ui`.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "TABLES", "tr"]

LANGUAGES = {"en": "English", "kk": "Қазақша", "ru": "Русский"}

_KK: dict[str, str] = {
    "Overview": "Шолу",
    "Review queue": "Тексеру кезегі",
    "Cluster": "Кластер",
    "Articles": "Мақалалар",
    "Claims": "Тұжырымдар",
    "Audit": "Аудит",
    "Sources": "Дереккөздер",
    "Export": "Экспорт",
    "My open items": "Менің ашық істерім",
    "Log in": "Кіру",
    "Log out": "Шығу",
    "Name": "Аты",
    "Password": "Құпиясөз",
    "Language": "Тіл",
    "Logged in as": "Кірген",
    "Verdict": "Қорытынды",
    "Note": "Ескертпе",
    "Sign off": "Бекіту",
    "Reopen": "Қайта ашу",
    "Reason": "Себебі",
    "History": "Тарих",
    "Next cluster to review": "Келесі кластер",
    "Claims by source": "Дереккөз бойынша тұжырымдар",
    "Aligned claims": "Салыстырылған тұжырымдар",
    "Differences to check": "Тексерілетін айырмашылықтар",
    "Search claims, speakers or cluster ids": "Тұжырым, спикер не кластер іздеу",
    "Open the cluster": "Кластерді ашу",
    "Undo": "Болдырмау",
    "Move claim": "Тұжырымды жылжыту",
    "Split": "Бөлу",
    "Merge": "Біріктіру",
    "Choose a verdict": "Қорытындыны таңдаңыз",
    "Status": "Күйі",
    "Source": "Дереккөз",
    "Hint": "Белгі",
    "Similarity": "Ұқсастық",
    "Open cluster": "Кластерді ашу",
    "Download CSV": "CSV жүктеу",
    "Verify the chain": "Тізбекті тексеру",
}

_RU: dict[str, str] = {
    "Overview": "Обзор",
    "Review queue": "Очередь проверки",
    "Cluster": "Кластер",
    "Articles": "Статьи",
    "Claims": "Утверждения",
    "Audit": "Аудит",
    "Sources": "Источники",
    "Export": "Экспорт",
    "My open items": "Мои открытые задачи",
    "Log in": "Войти",
    "Log out": "Выйти",
    "Name": "Имя",
    "Password": "Пароль",
    "Language": "Язык",
    "Logged in as": "Вы вошли как",
    "Verdict": "Вердикт",
    "Note": "Заметка",
    "Sign off": "Утвердить",
    "Reopen": "Переоткрыть",
    "Reason": "Причина",
    "History": "История",
    "Next cluster to review": "Следующий кластер",
    "Claims by source": "Утверждения по источникам",
    "Aligned claims": "Сопоставленные утверждения",
    "Differences to check": "Расхождения для проверки",
    "Search claims, speakers or cluster ids": "Поиск утверждений, спикеров или кластеров",
    "Open the cluster": "Открыть кластер",
    "Undo": "Отменить",
    "Move claim": "Переместить утверждение",
    "Split": "Разделить",
    "Merge": "Объединить",
    "Choose a verdict": "Выберите вердикт",
    "Status": "Статус",
    "Source": "Источник",
    "Hint": "Подсказка",
    "Similarity": "Сходство",
    "Open cluster": "Открыть кластер",
    "Download CSV": "Скачать CSV",
    "Verify the chain": "Проверить цепочку",
}

TABLES: dict[str, dict[str, str]] = {"en": {}, "kk": _KK, "ru": _RU}


def tr(text: str, language: str = "en", **values: object) -> str:
    """``text`` in ``language`` (English when there is no translation), fields filled in."""
    found = TABLES.get(language, {}).get(text, text)
    return found.format(**values) if values else found
