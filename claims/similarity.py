"""Pairwise claim similarity: embedding cosine, ratio margin and lexical overlap.

Raw cosine of e5 embeddings is a poor absolute score: unrelated Kazakh
sentences score ~0.75-0.8 and translations only ~0.88 (measured on NTREX,
``benchmarks/ntrex_clusters.py``).  Two corrections are combined:

* **ratio margin** (Artetxe & Schwenk 2019, "Margin-based parallel corpus
  mining"): ``cos(x, y) / ((r(x) + r(y)) / 2)`` where ``r(x)`` is the mean
  cosine of ``x`` to its ``k`` nearest neighbours in *other* articles.  A
  claim in a crowded region of the space (everything about "the president")
  needs a higher cosine than one in a sparse region.  The margin is mapped to
  [0, 1] by :func:`margin_score` (1.0 margin -> 0.5: "as close as a typical
  neighbour").
* **lexical similarity** (:func:`lexical_similarity`): rapidfuzz
  ``token_set_ratio`` on :func:`claims.textnorm.normalize`-d text, which
  catches same-language rewordings that share names and numbers.

:func:`hybrid_score` is the mean of the margin score and the larger of the
two, so lexical overlap can only raise a pair's score and a cross-lingual pair
(no shared tokens) is scored on its margin alone.  Every function here is
symmetric in its two claims.

**Stems across kk, ru and en** (:func:`stems`, :func:`stem_matrix`): each word is
case-folded (:func:`claims.textnorm.normalize`), Kazakh-only letters are folded
onto their Russian neighbours (ә->а, і->и, ң->н, ...), Cyrillic is transliterated
to Latin (so Темірболатов, Темирболатов and Temirbolatov meet), and the word is
cut to its first :data:`STEM_PREFIX` letters.  Kazakh and Russian inflect by
suffixes, so a fixed prefix is a crude but language-free suffix stripper
("Теректісай", "Теректисая", "Terektisai" -> ``terekt``).  The PyPI package
``kazstem`` (0.2.1) was tried: it needs an HFST/CG toolchain and FST resources
that are not on PyPI (a release bundle download), so it cannot run offline here
and was not adopted.  :func:`stem_matrix` is a TF-IDF matrix (sublinear tf,
smoothed idf, rows L2-normalised) over stems and numbers; the lexical score
of a pair is the cosine of its two rows, so rare shared names and numbers
weigh most, computed only for candidate pairs (:func:`stem_cosine_pairs`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

import numpy as np
import regex
from rapidfuzz import fuzz
from scipy.sparse import csr_matrix

from claims.lang.numerals import multiplier
from claims.textnorm import normalize

__all__ = [
    "LEAST_FIGURE",
    "MARGIN_SPAN",
    "figures",
    "hybrid_score",
    "lexical_similarity",
    "lexical_similarity_pairs",
    "margin_score",
    "ratio_margin",
    "stem_cosine_pairs",
    "stem_matrix",
    "stems",
]

# A ratio margin of 1 + MARGIN_SPAN / 2 maps to a score of 1.0 (see margin_score);
# chosen on the NTREX dev split, where translations have margins ~1.05-1.20.
MARGIN_SPAN = 0.3
STEM_PREFIX = 6
LEAST_FIGURE = 10  # a figure below this ("2 villages", "1 m") is too common to tell claims apart
YEARS = (1900, 2100)  # a whole number in this range is most likely a year: no figure
_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}]*|\d+(?:[.,]\d+)?")
# "1 146", "1 146" (no-break space), "1,146", "10.000.000" -> digits only.
_THOUSANDS = regex.compile(
    r"(?<![\d.,])\d{1,3}(?:([ \u00a0\u202f\u2009.,])\d{3})(?:\1\d{3})*(?![\d])"
)
_SCALED = regex.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s+(\p{L}+)")
# Kazakh-only letters onto Russian ones, then Cyrillic to Latin, then Latin spelling variants
# (English "Zhanatilek" / "Terektisai" against transliterated Kazakh and Russian).
_FOLD = (
    str.maketrans(dict(zip("әғқңөұүһі", "агкноуухи", strict=True))),
    str.maketrans(
        {
            "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
            "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
            "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
            "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        }
    ),
    str.maketrans({"y": "i", "j": "zh", "w": "v", "x": "ks", "q": "k", "c": "k"}),
)  # fmt: skip


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    return normalize(text)


def lexical_similarity(a: str, b: str) -> float:
    """Token-set similarity in [0, 1] of the normalised texts (symmetric)."""
    return float(fuzz.token_set_ratio(_norm(a), _norm(b))) / 100.0


def lexical_similarity_pairs(
    texts: Sequence[str], rows: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    """:func:`lexical_similarity` of ``texts[rows[i]]`` and ``texts[cols[i]]`` for every i."""
    out = np.empty(len(rows), dtype=np.float32)
    for index, (row, col) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        out[index] = lexical_similarity(texts[row], texts[col])
    return out


def ratio_margin(
    cosine: np.ndarray, background_a: np.ndarray, background_b: np.ndarray
) -> np.ndarray:
    """Artetxe & Schwenk ratio margin ``cos / mean(r_a, r_b)`` (elementwise, symmetric)."""
    denominator = np.maximum((background_a + background_b) / 2.0, 1e-6)
    return np.asarray(cosine / denominator, dtype=np.float32)


def margin_score(margin: np.ndarray) -> np.ndarray:
    """Map a ratio margin to [0, 1]: 1.0 -> 0.5, ``1 + MARGIN_SPAN / 2`` and above -> 1.0."""
    return np.asarray(np.clip(0.5 + (margin - 1.0) / MARGIN_SPAN, 0.0, 1.0), dtype=np.float32)


def hybrid_score(semantic: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """Mean of ``semantic`` and ``max(semantic, lexical)``: lexical overlap only adds."""
    return np.asarray((semantic + np.maximum(semantic, lexical)) / 2.0, dtype=np.float32)


def _scaled(match: regex.Match[str]) -> str:
    """ "300 мың" -> "300000", "1,2 миллиард" -> "1200000000"; other words stay."""
    number, word = str(match.group(1)), str(match.group(2))
    factor = multiplier(word)
    if factor is None:
        return str(match.group(0))
    value = Decimal(number.replace(",", ".")) * Decimal(int(factor))
    return format(value.normalize(), "f").rstrip(".") + " " + word


@lru_cache(maxsize=65536)
def stems(text: str) -> tuple[str, ...]:
    """The stems of ``text``'s words of 3+ letters and its numbers (see the module doc).

    Case-folded and transliterated to Latin, so Latin/Cyrillic look-alikes need no
    separate repair; thousands separators are dropped and a decimal comma is a point; a
    number before a multiplier word (:data:`claims.lang.numerals.MULTIPLIERS`) is scaled,
    so "300 мың теңге", "300 тысяч тенге" and "300,000 tenge" share the number.
    """
    if any(ch.isdigit() for ch in text):
        text = _THOUSANDS.sub(lambda m: "".join(ch for ch in m.group(0) if ch.isdigit()), text)
        text = _SCALED.sub(_scaled, text.casefold())
    folded = text.casefold().replace("ё", "е").replace("-", "").replace("'", "")
    for table in _FOLD:
        folded = folded.translate(table)
    return tuple(
        token.replace(",", ".") if token[0].isdigit() else token[:STEM_PREFIX]
        for token in _TOKEN.findall(folded)
        if token[0].isdigit() or len(token) >= 3
    )


def stem_matrix(texts: Sequence[str]) -> csr_matrix:
    """TF-IDF rows (L2-normalised, sublinear tf, smoothed idf) over :func:`stems` of ``texts``.

    The matrix of the last two text lists is kept (read it, do not change it): the matcher
    scores one corpus twice (before and after completing blocks), and at 100k claims the
    second build cost 1.4 s.
    """
    return _stem_matrix(tuple(texts))


@lru_cache(maxsize=2)
def _stem_matrix(texts: tuple[str, ...]) -> csr_matrix:
    vocabulary: dict[str, int] = {}
    columns: list[int] = []
    lengths = np.empty(len(texts), dtype=np.int64)
    for index, text in enumerate(texts):
        found = stems(text)
        lengths[index] = len(found)
        columns += [vocabulary.setdefault(stem, len(vocabulary)) for stem in found]
    shape = (len(texts), max(1, len(vocabulary)))
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    cols = np.asarray(columns, dtype=np.int64)
    keys, counts = np.unique(rows * shape[1] + cols, return_counts=True)
    weights = (1.0 + np.log(counts)).astype(np.float32)
    matrix = csr_matrix((weights, (keys // shape[1], keys % shape[1])), shape=shape)
    df = np.bincount(matrix.indices, minlength=shape[1])
    idf = (np.log((1.0 + shape[0]) / (1.0 + df)) + 1.0).astype(np.float32)
    matrix.data *= idf[matrix.indices]
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, np.diff(matrix.indptr)).astype(np.float32)
    return matrix


def stem_cosine_pairs(matrix: csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Cosine of rows ``rows[i]`` and ``cols[i]`` of a :func:`stem_matrix` (vectorised)."""
    out = np.empty(len(rows), dtype=np.float32)
    step = 200_000
    for begin in range(0, len(rows), step):
        left = matrix[rows[begin : begin + step]]
        right = matrix[cols[begin : begin + step]]
        out[begin : begin + step] = np.asarray(left.multiply(right).sum(axis=1)).ravel()
    return np.clip(out, 0.0, 1.0)


@lru_cache(maxsize=65536)
def figures(text: str) -> frozenset[str]:
    """The specific figures ``text`` states: the numbers among its :func:`stems` (so scaled
    and without thousands separators: "12 тыс." and "12,000" are ``12000``) of at least
    :data:`LEAST_FIGURE`, but no whole number in :data:`YEARS`."""
    found: set[str] = set()
    for token in stems(text):
        if not token[0].isdigit():
            continue
        value = Decimal(token)
        whole = value == value.to_integral_value()
        if value < LEAST_FIGURE or (whole and YEARS[0] <= value <= YEARS[1]):
            continue
        found.add(format(value.normalize(), "f"))
    return frozenset(found)
