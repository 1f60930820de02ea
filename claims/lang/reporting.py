"""Report and attribution verbs of Kazakh, Russian and English.

``REPORT_VERBS`` introduce reported speech ("деді", "айтты", "сообщил",
"said"); ``REPORT_STEMS`` find them in any form ("заявили",
"хабарлағанымен"); ``ATTRIBUTION_VERBS`` credit an outlet ("деп жазады
Egemen.kz", "сообщает Tengrinews.kz", "reports Reuters") and are the
alternatives the metadata stage builds its attribution patterns from.
``EN_TAG_ADJUNCT`` is what English wire copy puts after a closing attribution
(", local officials said on Tuesday.", ", the ministry said in a statement.").
"""

from __future__ import annotations

__all__ = ["ATTRIBUTION_VERBS", "EN_TAG_ADJUNCT", "REPORT_STEMS", "REPORT_VERBS"]

REPORT_VERBS: dict[str, tuple[str, ...]] = {
    "kk": ("деді", "айтты", "мәлімдеді", "хабарлады", "атап өтті", "жазды", "айтады", "дейді",
           "мойындады", "түсіндірді", "мәлім етті"),
    "ru": ("сказал", "сказала", "заявил", "заявила", "сообщил", "сообщила", "сообщили",
           "отметил", "отметила", "пообещал", "признал", "утверждают", "назвал"),
    "en": ("said", "says", "told", "stated", "announced", "reported", "added", "admitted",
           "blamed", "claimed"),
}  # fmt: skip
# stems of report verbs in any form ("заявили", "хабарлағанымен", "claimed")
REPORT_STEMS: tuple[str, ...] = (
    "айт", "деді", "дейді", "хабарла", "мәлімде", "мойында", "түсіндір",
    "сказа", "заяв", "сообщ", "отмети", "утвержда", "говор", "призна", "назва",
    "said", "say", "told", "state", "announc", "report", "admit", "claim",
)  # fmt: skip
ATTRIBUTION_VERBS: dict[str, str] = {
    "kk_after_dep": r"жазады|хабарлайды|хабарлады|жазды|мәлімдейді",
    "kk_about": r"хабарлады|хабарлайды|жазды|жазады|мәлім\s+етті",
    "ru": r"сообщает|сообщают|сообщил[аио]?|передает|передаёт|пишет|информирует",
    "ru_source": r"данным|информации|сообщению",
    "en": r"reports?|reported|writes",
}
# when, where or how a closing English attribution was made: "on Tuesday", "in a statement",
# "at a briefing", "last week", "late on Monday" (a few words, no clause)
EN_TAG_ADJUNCT = (
    r"(?:\s+(?:(?:late|early|earlier|later)\s+)?(?:on|in|at|last|this|during|after|before)"
    r"(?:\s+[\p{L}\p{N}'’-]+){1,4}?)?"
)
