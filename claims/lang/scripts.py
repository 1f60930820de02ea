"""Script tables: Kazakh-only letters, Latin/Cyrillic look-alikes, quotes, dashes, invisibles.

:mod:`claims.textnorm` repairs look-alikes with these tables and
:mod:`claims.metadata` tells Kazakh from Russian by ``KAZAKH_LETTERS``.
"""

from __future__ import annotations

__all__ = [
    "CYRILLIC_TO_LATIN",
    "DASHES",
    "INVISIBLE",
    "KAZAKH_LETTERS",
    "LATIN_TO_CYRILLIC",
    "QUOTES",
]

KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
QUOTES = "«»„“”‟\"'‘’‚‹›`´"
DASHES = "‐‑‒–—―−-"
# Latin letter -> the Cyrillic letter it imitates (both cases), and back.
LATIN_TO_CYRILLIC = dict(zip("ABCEHIKMOPTXYacehikopxy", "АВСЕНІКМОРТХУасеһікорху", strict=True))
CYRILLIC_TO_LATIN = dict(zip("АВЕКМНОРСТХУІаеорсхуіһјѕ", "ABEKMHOPCTXYIaeopcxyihjs", strict=True))
