"""Cause markers of Kazakh, Russian and English, and a few cause concepts across them.

Read by :mod:`claims.causes` to find the phrase a claim gives as a cause:

* ``AFTER_MARKERS``: the cause follows the marker, up to the clause end
  ("себебі ...", "из-за ...", "вследствие ...", "причиной прорыва стало ...",
  "caused by ...", "because of ...", "due to ...", "blamed ... on ...");
* ``BEFORE_MARKERS``: the cause precedes the marker in its clause (Kazakh is
  head-final: "бұзылуына ... себеп болды", "жаңбыр салдарынан"; "... стал
  причиной"; "... caused it"); ``KK_DATIVE_MARKERS`` take the effect in the
  dative before the cause ("бөгеттің бұзылуына [cause] себеп болды");
* ``BLAME_FOR``: "blamed [cause] for [effect]";
* ``ANAPHORA``: a word beside the marker that points back ("Соның салдарынан",
  "из-за которых", "because of this"): the cause is elsewhere, so none is read;
* ``STOPWORDS``: words that carry no cause (pronouns, anaphora "соның", "которых",
  conjunctions, report words) and so never make a cause on their own;
* ``UNKNOWN``: words that say the cause is not known yet ("әлі анықталмаған",
  "не установлена", "under investigation"): no cause is read from that phrase;
* ``CONCEPTS``: a few common causes named across the three languages (rain, thaw,
  ice, debris, wear, negligence ...), by word prefixes; cross-language causes are
  compared only through them.

Patterns are case-insensitive regular expressions over the claim text.
"""

from __future__ import annotations

from claims.lang._util import words

__all__ = [
    "AFTER_MARKERS",
    "ANAPHORA",
    "BEFORE_MARKERS",
    "BLAME_FOR",
    "CLAUSE_STOPS",
    "CONCEPTS",
    "KK_DATIVE",
    "KK_DATIVE_MARKERS",
    "STOPWORDS",
    "UNKNOWN",
]

_W = r"[\p{L}\p{M}-]+"

AFTER_MARKERS: dict[str, tuple[str, ...]] = {
    "kk": (r"\bсебебі\b(?:\s*[—–-])?",),
    "ru": (
        r"\bиз-за\b",
        r"\bвследствие\b",
        r"\bпо\s+причине\b",
        r"\bв\s+результате\b",
        r"\bвызван[аоы]?\b",
        rf"\bпричин(?:ой|ами)\s+(?:{_W}\s+){{0,3}}?(?:стал[аои]?|называ{_W}|назвал[аи]?|являет{_W}|был[аои]?)\b",
        r"\bпричина\s+(?:[—–-]|в\s+том,?\s+что)",
    ),
    "en": (
        r"\bcaused\s+by\b",
        r"\bbecause\s+of\b",
        r"\bbecause\b",
        r"\bdue\s+to\b",
        r"\bowing\s+to\b",
        r"\bas\s+a\s+result\s+of\b",
        r"\bthe\s+result\s+of\b",
        r"\bresult(?:ed|s)?\s+from\b",
        r"\btriggered\s+by\b",
        r"\bthe\s+cause\s+(?:of\s+[^,.;]{1,60}?\s+)?(?:was|is)\b",
        r"\bblamed\s+[^,.;]{1,60}?\s+on\b",
        r"\battributed\s+[^,.;]{1,60}?\s+to\b",
    ),
}
BEFORE_MARKERS: dict[str, tuple[str, ...]] = {
    "kk": (
        r"\bсебеп(?:ші)?\s+бол\p{L}*",
        r"\bсебепті\b",
        r"\bсалдарынан\b",
        r"\bкесірінен\b",
        r"\bәсерінен\b",
        r"\bбайланысты\b",
        # "найзағай түсуінен басталған": started from (lightning's) striking - a verbal noun
        # in the ablative; a bare ablative ("тамыздан басталды") is a time or place
        r"(?<=\p{L}(?:уынан|уінен|унан|үнен)\s)бастал\p{L}*",
    ),
    "ru": (r"\bстал[аои]?\s+причиной\b", r"\bпривел[аои]?\s+к\b"),
    "en": (
        r"\bcaused\b(?!\s+by)",
        r"\bled\s+to\b",
        r"\b(?:had\s+|has\s+)?(?:started|sparked|ignited|triggered)\s+the\s+(?:fire|blaze|wildfire)\b",
    ),
}
KK_DATIVE_MARKERS = r"^себеп"
# a Kazakh dative ending: the effect before "[cause] себеп болды"
KK_DATIVE = r"(?:ға|ге|қа|ке|на|не)$"
BLAME_FOR = r"\bblamed\s+(?P<cause>[^,.;]{2,80}?)\s+for\b"
# words that end a cause phrase (a new clause or a second version)
CLAUSE_STOPS = (
    r"[.;!?:]|,|\s[—–]\s"
    r"|\b(?:but|and\s+now|while|whereas|which|who|но|а\s+также|однако|тогда\s+как|бірақ|алайда)\b"
)

# a cause that only points back ("Соның салдарынан", "из-за которых", "because of this")
ANAPHORA = frozenset(
    words(
        "соның осының осыған соған сол бұл осы оның мұның бұның"
        " которых которого которой которые которым этого того чего него нее неё них этому"
        " this that which it them these those"
    )
)
STOPWORDS = frozenset(
    words(
        # kk: pronouns, anaphora, conjunctions, particles, light verbs
        "соның осының осыған соған сол бұл осы ол оның мұның олар олардың және мен пен бен"
        " де да та те ғана кейін енді бір оған бұған деп деді айтты болды болған болғанын"
        " болып қалуы қалды еді екен ретінде үшін арқылы жаңа бастапқыда әуелі"
        # ru
        " который которая которое которые которых которым которого это этого этому того чего"
        " и в во на с со по из к ко а но о об у за от до его ее её их он она оно они все всё"
        " что как так также теперь сейчас был была было были стал стала стало стали он"
        " ним ней них него нее неё этим тем том"
        # en
        " the a an of and or to in on at by for with it its this that which these those there"
        " now initially first later but says said say he she they them his her their was were is"
        " are be been being has had have what whom who"
    )
)

# concept -> word prefixes in kk, ru and en (lower case; matched on a word's start,
# or the whole word when it ends in "$")
CONCEPTS: dict[str, tuple[str, ...]] = {
    "rain": tuple(words("жаңбыр нөсер жауын дожд ливн ливен осадк rain downpour precipitation")),
    "thaw": tuple(words("жылыну жылынға жылынуы еріг потепл таян таял снеготая thaw warm melt")),
    "snow": tuple(words("қар$ қары$ қардың$ қарлар$ қардың$ снег снеж snow")),
    "ice": tuple(words("мұз лед лёд льд ice icy")),
    "debris": tuple(words("қоқыс бітел засор мусор забит debris clog block")),
    "wear": tuple(words("тозу тозған ескір износ изношен ветх wear worn aging ageing dilapidat")),
    "negligence": tuple(words("немқұрайл салғырт халатн небреж negligen careless")),
    "circuit": tuple(words("тұйықтал замыкан short-circuit")),
    "storm": tuple(words("дауыл ветер ветр шторм ураган буран wind storm gale hurricane")),
    "fire": tuple(words("өрт пожар возгоран fire blaze")),
    "speed": tuple(words("жылдамдық скорост speed")),
    "alcohol": tuple(words("алкогол нетрезв drunk alcohol")),
    "quake": tuple(words("сілкін землетряс earthquake quake")),
    "drought": tuple(words("құрғақ засух drought")),
    "design": tuple(words("жобала проектиров design")),
    "flood": tuple(words("тасқын паводк наводн подтоп flood")),
    "explosion": tuple(words("жарылыс взрыв explosion blast")),
    "collision": tuple(words("соқтығыс столкновен collision crash")),
    "error": tuple(words("қателі қате$ ошибк error mistake")),
    "lightning": tuple(words("найзағай молни гроз lightning thunder")),
    "campfire": tuple(words("алау костр костёр campfire bonfire")),
    "cigarette": tuple(words("темекі шылым сигарет окурк cigarette")),
    "arson": tuple(words("қасақана өртеу поджог arson")),
}

# a cause not (yet) known: "себебі әлі анықталмаған", "причина не установлена", "unknown"
UNKNOWN = tuple(
    words(
        "анықтал белгісіз тексеріліп тергел"
        " неизвест установ выясня расследу"
        " unknown unclear investigation investigating investigated determined established"
    )
)
