"""Where a claim stands in time: plans, later states, two versions (kk, ru, en).

Read by :mod:`claims.facts` to say how two claims about one matter relate when
their facts do not clash:

* ``PLAN_*``: a plan, promise, need or forecast, not yet a fact ("төленеді",
  "төленетінін айтты", "қажет", "будет", "пообещал", "выплатят", "will",
  "promised");
* ``LATER_*``: the claim describes a later state of things ("кейін", "енді",
  "қазір", "позже", "теперь", "later", "now");
* ``VERSIONS_*``: the claim reports a revision ("бастапқыда ... енді",
  "изначально ... теперь", "initially ... but now"); ``CONCESSIVE_WORDS``
  ("хотя", "although", Kazakh "-ғанымен") give a second version when a report
  verb follows ("although officials said ...").

Words are matched lower-cased on whole words; ``*_STEMS`` match a word's start,
``*_PHRASES`` consecutive words.
"""

from __future__ import annotations

import regex

from claims.lang._util import words

__all__ = [
    "CONCESSIVE_WORDS",
    "KK_ABLATIVE",
    "KK_BARE_PARTICIPLE",
    "KK_CONCESSIVE",
    "KK_FUTURE_FINITE",
    "KK_FUTURE_PARTICIPLE",
    "KK_LATER_ADVERB",
    "KK_LATER_SPANS",
    "KK_PARTICIPLE_AUXILIARY",
    "LATER_PHRASES",
    "LATER_WORDS",
    "PLAN_CASED",
    "PLAN_STEMS",
    "PLAN_TARGET_PARTICIPLES",
    "PLAN_WORDS",
    "RU_IMPERFECTIVE",
    "RU_PERFECTIVE_FUTURE",
    "VERSIONS_PHRASES",
    "VERSIONS_WORDS",
    "has_phrase",
]

# plan, promise, need, obligation, forecast
PLAN_WORDS = frozenset(
    words(
        "қажет керек тиіс жоспарлануда жоспарланып көзделуде көзделіп күтілуде "
        "будет будут буду станет станут предстоит нужно нужна нужен нужны необходимо "
        "необходим необходима удастся "
        "will would shall promised promise promises pledged pledge pledges plans planned "
        "intends intend expects expected needs need needed going"
    )
)
# English participles of PLAN_WORDS that, right after a quantity, name the target a claim
# measures against, not a plan of its own: "planted on 320 hectares, against 500 hectares
# planned", "60 of the 64 homes promised"
PLAN_TARGET_PARTICIPLES = frozenset(words("planned promised pledged expected needed"))
PLAN_STEMS = tuple(words("уәде жоспарла пообещ обеща обещ планиру намерен намерева потребу собира"))
PLAN_CASED = frozenset(["may", "might", "could"])  # lower-case only ("May" is a month)
# Kazakh future participle with an optional case ending: "төленетінін", "болатын",
# "салынатыны"; the finite present-future closing a clause: "төленеді", "береді".
KK_FUTURE_PARTICIPLE = regex.compile(
    r"\p{L}{2,}(?:атын|етін|йтын|йтін)(?:ы|і|ын|ін|ына|іне|ға|ге|да|де|дай|дей)?$"
)
# ... without a case ending and before another word it is the attributive participle
# ("шектесетін ауыл", the village that borders), a plan only before "бол-" ("берілетін болады")
KK_BARE_PARTICIPLE = regex.compile(r"\p{L}{2,}(?:атын|етін|йтын|йтін)$")
KK_PARTICIPLE_AUXILIARY = "бол"
KK_FUTURE_FINITE = regex.compile(
    r"\p{L}{2,}(?:ады|еді|йды|йді|мақшы|мекші|бақшы|бекші|пақшы|пекші)$"
)

# Russian perfective future: a prefixed verb with a present ending, not the imperfective
# -ают/-яют/-ивают ("выплатят", "построят", "откроют", "получат"; not "поступают")
RU_PERFECTIVE_FUTURE = regex.compile(
    r"(?:вы|по|за|от|пере|до|при|на|про|вос|раз|из|об|под|у|с)\p{L}{2,}"
    r"(?:[^аяеиоуыэюь]ят|[^аяеиоуыэюь]ит|[^аяеиоуыэюь]ут|[^аяеиоуыэюь]ат|оят|[оу]ют)$"
)
# prefixed imperfectives of motion and state verbs ("проводят", "выходят", "состоят")
RU_IMPERFECTIVE = regex.compile(r"(?:ход|вод|нос|воз|гляд|сто|вид|сид|жив)(?:ят|ит|ут|ат)$")

# a later state of things
LATER_WORDS = frozenset(
    words(
        "кейінірек кейіннен енді қазір қазіргі бүгінде "
        "позже позднее впоследствии спустя теперь сейчас ныне "
        "later now currently "
        # a final figure revises an early one ("қорытынды деректері бойынша", "eventually")
        "түпкілікті қорытынды қорытындысы окончательно окончательные окончательный "
        "окончательная итоговые итоговый итоговая final finally eventually ultimately"
    )
)
LATER_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "содан бері",
        "осы уақытқа дейін",
        "с тех пор",
        "к настоящему времени",
        "на сегодня",
        "so far",
        "to date",
        "by now",
        # a peak figure is known once it has passed, like a final one
        "ең қызған шақта",
        "ең қызған кезде",
        "на пике",
        "в пиковый момент",
        "at its peak",
        "at the peak",
        "at the height of",
    )
)
# "Кейін" alone is "later"; after an ablative it is a postposition ("жаңбырдан кейін" = after rain)
KK_LATER_ADVERB = "кейін"
KK_ABLATIVE = ("дан", "ден", "тан", "тен", "нан", "нен")
# ... except after a span of time: "үш күннен кейін" is "three days later", a later state
KK_LATER_SPANS = frozenset(
    words("күннен тәуліктен аптадан айдан жылдан сағаттан күнінен айынан жылынан")
)
# a revision: what was said first (these words), then what is said now (a LATER word)
VERSIONS_WORDS = frozenset(
    words("бастапқыда алғашында әуелде изначально первоначально сначала initially originally")
)
VERSIONS_PHRASES: tuple[tuple[str, ...], ...] = (("әуел", "баста"), ("at", "first"))
# a concession counts as a second version only when a report follows it
# ("although officials said at the time ...", "хотя в акимате заявили ...",
# "әкімдік ... хабарлағанымен")
CONCESSIVE_WORDS = frozenset(words("хотя although though whereas"))
KK_CONCESSIVE = regex.compile(r"\p{L}{2,}(?:ғаны|гені|қаны|кені|ға|ге|қа|ке)н?мен$")


def has_phrase(tokens: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether lower-cased ``tokens`` hold one of ``phrases`` as consecutive words."""
    return any(
        tuple(tokens[i : i + len(p)]) == p for p in phrases for i in range(len(tokens) - len(p) + 1)
    )
