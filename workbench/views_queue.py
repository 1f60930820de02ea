"""Review-queue read models: one row per cluster in attention order, filters, the table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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
    "search_texts",
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
    reason: str = ""  # why it is where it is in the queue (workbench.views_links)

    def with_reason(self, reason: str) -> QueueRow:
        """This row with ``reason`` set (positional: ``dataclasses.replace`` is 5x slower)."""
        return QueueRow(
            self.cluster_id,
            self.status,
            self.cross_source,
            self.differences,
            self.hint_kinds,
            self.sources,
            self.languages,
            self.size,
            self.verdict,
            self.reviewer,
            self.signed_off_by,
            self.version,
            self.preview,
            reason,
        )

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
    claims = corpus.claims
    first = next((claims[cid] for cid in state.claim_ids if cid in claims), None)
    preview = " ".join(first.text.split()) if first else ""
    if len(preview) > _PREVIEW:
        preview = preview[: _PREVIEW - 1] + "…"
    kinds = tuple(sorted(set(state.hint_kinds)))
    sources = tuple(sorted(set(state.sources)))
    return QueueRow(
        cluster_id=state.cluster_id,
        status=cluster_status(state),
        cross_source=len(sources) > 1,
        differences=tuple(k for k in kinds if k in _DIFFERENCE_KINDS),
        hint_kinds=kinds,
        sources=sources,
        languages=tuple(sorted(set(state.languages))),
        size=len(state.claim_ids),
        verdict=state.verdict,
        reviewer=state.reviewer,
        signed_off_by=state.signed_off_by,
        version=state.version,
        preview=preview,
    )


def search_texts(corpus: Corpus, clusters: Sequence[ClusterState]) -> dict[str, str]:
    """Cluster id -> the case-folded text a queue search looks in (id, claims, speakers).

    Built only when someone searches (not with the queue): at 100,000 claims it is a
    third of the queue's cold cost.
    """
    claims = corpus.claims
    out: dict[str, str] = {}
    for state in clusters:
        members = [claims[cid] for cid in state.claim_ids if cid in claims]
        parts = [state.cluster_id, *(m.text for m in members), *(m.speaker or "" for m in members)]
        out[state.cluster_id] = "\n".join(parts).casefold()
    return out


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
    texts: Mapping[str, str] | None = None,
) -> list[QueueRow]:
    """Rows matching every given filter (an empty filter matches everything).

    ``query`` is matched case-insensitively against the cluster id, claim texts
    and speakers (``texts``, from :func:`search_texts`; needed with a query).
    """
    if query.strip() and texts is None:
        raise ValueError("a queue query needs the search texts (views.search_texts)")
    found = texts or {}
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
        and (not needle or needle in found.get(r.cluster_id, ""))
    ]


def queue_frame(
    rows: Sequence[QueueRow], *, proposals: Mapping[str, int] | None = None
) -> pd.DataFrame:
    """The queue as a table for display (one row per cluster, queue order).

    ``proposals`` (cluster id -> new claims that would join it) fills the "proposal"
    column: "2 new claims" on a reviewed cluster a clustering wants to grow.
    """
    waiting = proposals or {}
    columns = [
        "cluster",
        "status",
        "why",
        "proposal",
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
            _proposal_cell(waiting.get(r.cluster_id, 0)),
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


def _proposal_cell(count: int) -> str:
    if not count:
        return ""
    return f"{count} new claim" + ("s" if count != 1 else "")
