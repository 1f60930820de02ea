"""Abbreviation lists used by the sentence splitter.

Keys are lower-case, without the final period and without inner spaces
(``"т. б."`` and ``"т.б."`` both become ``"т.б"``).

``NEVER_FINAL`` abbreviations practically never end a sentence (``г.`` before a
place name, ``млн.`` before a currency, ``Mr.`` before a name), so a period after
them is never a boundary.  ``MAY_BE_FINAL`` abbreviations often close a sentence
(``т.б.``, ``и т.д.``, ``U.S.``): after them a boundary is placed only when the
next word starts with an upper-case letter.
"""

from __future__ import annotations

__all__ = ["MAY_BE_FINAL", "NEVER_FINAL", "SPEECH_VERBS_AFTER_PUNCT"]

_KK_NEVER = """
ж жж ғ ғғ б.з.б б.з.д б.з млн млрд трлн тг теңг обл ауд көш даң қ ағыл орыс
проф акад доц мұғ ғыл.қ т.ғ.д т.ғ.к ф.ғ.д ф.ғ.к э.ғ.д э.ғ.к п.ғ.д п.ғ.к з.ғ.д з.ғ.к
м.ғ.д м.ғ.к х.ғ.д х.ғ.к б.ғ.д б.ғ.к с.ғ.д с.ғ.к бет бб
"""

_RU_NEVER = """
г гг в вв н.э до.н.э ул пр пр-т пр-кт просп пер пл наб бул ш д дом кв корп стр оф
р-н рн обл г-н г-жа гр им д-р проф акад доц зав зам нач ген полк ген-л тов св
руб долл дол коп тыс млн млрд трлн ок прим рис табл гл ст п пп ср т.к т.н т.ч
куб кв у.е пгт пос с дер х г-ну г-на англ рус каз лат нем франц фр итал исп кит укр
янв фев февр мар апр авг сен сент окт нояб дек ж.д с.г т.г тел
"""

_EN_NEVER = """
mr mrs ms dr prof sr jr st rev gen col lt sgt capt cmdr gov sen rep pres messrs
jan feb mar apr jun jul aug sep sept oct nov dec no nos fig figs vs approx dept
est e.g i.e cf al mt ft
"""

_MAY_BE_FINAL = """
т.б т.с.с т.т т.с т.д т.п др пр и.т.д и.т.п etc inc ltd co corp u.s u.k u.n
e.u a.m p.m bros
см мм км кг мг мл л м ч мин сек сағ кв.м куб.м
"""


def _words(block: str) -> frozenset[str]:
    return frozenset(word.lower() for word in block.split())


NEVER_FINAL: dict[str, frozenset[str]] = {
    "kk": _words(_KK_NEVER) | _words(_RU_NEVER),
    "ru": _words(_RU_NEVER),
    "en": _words(_EN_NEVER),
}
NEVER_FINAL["*"] = NEVER_FINAL["kk"]

_MAY = _words(_MAY_BE_FINAL)
MAY_BE_FINAL: dict[str, frozenset[str]] = {
    "kk": _MAY - NEVER_FINAL["kk"],
    "ru": _MAY - NEVER_FINAL["ru"],
    "en": _MAY - NEVER_FINAL["en"],
}
MAY_BE_FINAL["*"] = MAY_BE_FINAL["kk"]

# Lower-case words that, right after "?" or "!" (or after a closing quote),
# continue the same sentence as an attribution: «Қайда?» деді ол.
SPEECH_VERBS_AFTER_PUNCT: frozenset[str] = frozenset(
    _words(
        """
    деді деп дейді деген деймін дедім дедік десе деді де
    сказал сказала сказали спросил спросила спросили ответил ответила ответили
    крикнул крикнула закричал закричала воскликнул воскликнула заявил заявила
    said asked cried replied shouted wrote added
    """
    )
)
