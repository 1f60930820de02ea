"""Overview page read models: sources, coverage, progress and hint counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import pandas as pd

from workbench.store import ClusterState
from workbench.views_base import STATUSES, Corpus, cluster_status

__all__ = [
    "claims_per_source",
    "coverage_frame",
    "hint_counts",
    "progress_counts",
    "sources_frame",
]

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
