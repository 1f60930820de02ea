"""Articles, claims and audit page read models."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from claims.model import Article
from workbench.audit import AuditEvent
from workbench.errors import InvalidInputError
from workbench.store import ClusterState
from workbench.views_base import Corpus, cluster_status
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
