"""Articles, claims and audit page read models."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from claims.model import Article
from workbench.audit import AuditEvent
from workbench.errors import InvalidInputError
from workbench.store import ClusterState
from workbench.views_base import Corpus, cluster_status, headline_claims
from workbench.views_cluster import Mark, highlight_html

__all__ = [
    "ArticleView",
    "article_view",
    "audit_frame",
    "claims_base",
    "claims_csv",
    "claims_frame",
    "claims_with_review",
    "filter_claims",
]

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
    "headline",
    "start",
    "end",
    "status",
    "verdict",
]


def claims_base(corpus: Corpus) -> pd.DataFrame:
    """The corpus part of :func:`claims_frame` (changes only when articles are added).

    Built column by column, the article fields taken once per article and spread
    over its claims by index (not one tuple per claim).
    """
    claims = list(corpus.claims.values())
    articles = list(corpus.articles.values())
    row_of = {a.article_id: i for i, a in enumerate(articles)}
    where = np.fromiter((row_of[c.article_id] for c in claims), dtype=np.int64, count=len(claims))

    def spread(values: list[str]) -> np.ndarray:
        return np.asarray(values, dtype=object)[where] if claims else np.asarray([], dtype=object)

    published = [a.published.isoformat() if a.published else "" for a in articles]
    headlines = headline_claims(corpus)
    return pd.DataFrame(
        {
            "claim_id": [c.claim_id for c in claims],
            "source": spread([a.source for a in articles]),
            "language": spread([a.language for a in articles]),
            "published": spread(published),
            "title": spread([a.title for a in articles]),
            "speaker": [c.speaker or "" for c in claims],
            "text": [c.text for c in claims],
            "headline": np.fromiter(
                (c.claim_id in headlines for c in claims), dtype=bool, count=len(claims)
            ),
            "start": np.fromiter((c.start for c in claims), dtype=np.int64, count=len(claims)),
            "end": np.fromiter((c.end for c in claims), dtype=np.int64, count=len(claims)),
        }
    )


def claims_with_review(base: pd.DataFrame, clusters: Sequence[ClusterState]) -> pd.DataFrame:
    """``base`` with each claim's cluster, status and verdict (a new frame; base unchanged).

    The status and verdict are worked out once per cluster and spread over its claims.
    """
    cluster_ids = ["", *(s.cluster_id for s in clusters)]
    statuses = ["unclustered", *(cluster_status(s) for s in clusters)]
    verdicts = ["", *(s.verdict or "" for s in clusters)]
    index = {cid: i for i, s in enumerate(clusters, start=1) for cid in s.claim_ids}
    get = index.get
    where = np.fromiter((get(cid, 0) for cid in base["claim_id"]), dtype=np.int64, count=len(base))
    frame = base.copy()
    frame["cluster_id"] = np.asarray(cluster_ids, dtype=object)[where]
    frame["status"] = np.asarray(statuses, dtype=object)[where]
    frame["verdict"] = np.asarray(verdicts, dtype=object)[where]
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
