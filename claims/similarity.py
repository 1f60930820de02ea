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
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from claims.textnorm import normalize

__all__ = [
    "MARGIN_SPAN",
    "hybrid_score",
    "lexical_similarity",
    "lexical_similarity_pairs",
    "margin_score",
    "ratio_margin",
]

# A ratio margin of 1 + MARGIN_SPAN / 2 maps to a score of 1.0 (see margin_score);
# chosen on the NTREX dev split, where translations have margins ~1.05-1.20.
MARGIN_SPAN = 0.3


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
