"""Review-queue read models: one row per cluster in attention order, filters, the table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from workbench.store import ClusterState
from workbench.views_base import STATUSES, Corpus, cluster_status

_STATUS_RANK = {"needs re-review": 0, "unreviewed": 0, "reviewed": 1, "signed off": 2}
# A "difference" hint is one a reviewer must look at; "singleton" only says a
# source is alone with its claim.
_DIFFERENCE_KINDS = frozenset({"number", "negation", "entity", "time", "nli"})
_PREVIEW = 140

__all__ = [
    "QueueRow",
    "filter_queue",
    "queue_frame",
    "queue_options",
    "review_queue",
]

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
