"""Review-queue read models: one row per cluster in attention order, filters, the table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from workbench.store import ClusterState
from workbench.store_links import LinkSummary
from workbench.views_base import ENGLISH, STATUSES, Corpus, Words, cluster_status

_STATUS_RANK = {"needs re-review": 0, "unreviewed": 0, "reviewed": 1, "signed off": 2}
# A "difference" hint is one a reviewer must look at; "singleton" only says a
# source is alone with its claim.
_DIFFERENCE_KINDS = frozenset({"number", "negation", "entity", "time", "cause", "nli"})
_PREVIEW = 140

__all__ = [
    "QueueRow",
    "REASONS",
    "Why",
    "attention_order",
    "filter_queue",
    "queue_frame",
    "queue_options",
    "queue_reason",
    "review_queue",
    "search_texts",
]

# --------------------------------------------------------------------------- review queue

# Why a cluster is where it is in the queue: English templates a page words in its language
# ({n}: a count of ``Why.word``, {kinds}: hint kind names, {sources}: source names).
REASONS = (
    "{n}: {kinds}",
    "{n}",
    "hints: {kinds} (not aligned yet: cluster again)",
    "{n}; hints on related links: {kinds}",
    "only in {sources}",
)


@dataclass(frozen=True, slots=True)
class Why:
    """A queue reason in parts ("2 conflicts: number, negation"), worded on demand."""

    template: str  # one of REASONS
    count: int = 0
    word: str = ""  # what ``count`` counts: "conflict", "source"
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def worded(self, words: Words = ENGLISH) -> str:
        """The reason in ``words``' language (hint kinds translated, sources as named)."""
        return words.t(
            self.template,
            n=words.plural(self.count, self.word) if self.word else "",
            kinds=", ".join(words.t(k) for k in self.kinds),
            sources=", ".join(self.sources),
        )


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
    why: Why | None = None  # why it is where it is in the queue (workbench.views_links)

    @property
    def reason(self) -> str:
        """:attr:`why` in English ("" when the queue was ordered without links)."""
        return self.why.worded() if self.why is not None else ""

    def with_reason(self, reason: Why | None) -> QueueRow:
        """This row with ``why`` set (positional: ``dataclasses.replace`` is 5x slower)."""
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


def review_queue(
    corpus: Corpus,
    clusters: Sequence[ClusterState],
    *,
    summaries: Mapping[str, LinkSummary] | None = None,
) -> list[QueueRow]:
    """Clusters ordered by what needs attention.

    Without link ``summaries``: unreviewed (and needs-re-review) before reviewed
    before signed off; within each, cross-source clusters with difference hints
    first, then other cross-source clusters, then single-source ones; more
    differences and bigger clusters first.  With them, each row carries its reason
    and the order is :func:`attention_order`'s (each row built once).
    """
    if summaries is None:
        return sorted((_queue_row(corpus, s, None) for s in clusters), key=_attention_key)
    rows = [_queue_row(corpus, s, summaries.get(s.cluster_id), reasoned=True) for s in clusters]
    return sorted(rows, key=lambda r: _links_key(r, summaries.get(r.cluster_id)))


def _queue_row(
    corpus: Corpus, state: ClusterState, summary: LinkSummary | None, *, reasoned: bool = False
) -> QueueRow:
    claims = corpus.claims
    first = next((claims[cid] for cid in state.claim_ids if cid in claims), None)
    preview = " ".join(first.text.split()) if first else ""
    if len(preview) > _PREVIEW:
        preview = preview[: _PREVIEW - 1] + "…"
    kinds = tuple(sorted(set(state.hint_kinds)))
    sources = tuple(sorted(set(state.sources)))
    differences = tuple(k for k in kinds if k in _DIFFERENCE_KINDS)
    return QueueRow(
        cluster_id=state.cluster_id,
        status=cluster_status(state),
        cross_source=len(sources) > 1,
        differences=differences,
        hint_kinds=kinds,
        sources=sources,
        languages=tuple(sorted(set(state.languages))),
        size=len(state.claim_ids),
        verdict=state.verdict,
        reviewer=state.reviewer,
        signed_off_by=state.signed_off_by,
        version=state.version,
        preview=preview,
        why=_reason(summary, sources, differences) if reasoned else None,
    )


def queue_reason(row: QueueRow, summary: LinkSummary | None) -> Why:
    """Why the cluster is where it is: "2 conflicts: number, negation", "3 sources", "only in X"."""
    return _reason(summary, row.sources, row.differences)


def _reason(
    summary: LinkSummary | None, sources: tuple[str, ...], differences: tuple[str, ...]
) -> Why:
    cross = len(sources) > 1
    if summary is not None and summary.conflict:
        kinds = tuple(k for k, _ in summary.conflict_kinds)
        return Why(REASONS[0] if kinds else REASONS[1], summary.conflict, "conflict", kinds)
    if summary is None and cross and differences:
        return Why(REASONS[2], kinds=differences)
    if cross and differences:
        return Why(REASONS[3], len(sources), "source", differences)
    if cross:
        return Why(REASONS[1], len(sources), "source")
    return Why(REASONS[4], sources=sources)


def _tier(row: QueueRow, summary: LinkSummary | None) -> int:
    if summary is not None and summary.conflict:
        return 0
    if summary is None and row.cross_source and row.differences:
        return 0
    return 1 if row.cross_source else 2


def _links_key(
    row: QueueRow, summary: LinkSummary | None
) -> tuple[int, int, int, int, int, int, str]:
    conflicts = summary.conflict if summary else len(row.differences)
    return (
        _STATUS_RANK.get(row.status, 0),
        _tier(row, summary),
        -conflicts,
        -len(row.differences),
        -len(row.sources),
        -row.size,
        row.cluster_id,
    )


def attention_order(
    rows: Sequence[QueueRow], summaries: Mapping[str, LinkSummary]
) -> list[QueueRow]:
    """The queue with each row's reason set, in attention order.

    Open work (unreviewed, needs re-review) before reviewed before signed off; within
    each, clusters with conflicts first (more conflicts first), then multi-source
    clusters (those with hints on their links first, then more sources first), then
    single-source ones; bigger clusters first.  A row whose reason is unchanged is
    kept as it is (so re-ordering after one verdict rebuilds nothing).
    """
    ordered = sorted(rows, key=lambda r: _links_key(r, summaries.get(r.cluster_id)))
    out = []
    for row in ordered:
        why = queue_reason(row, summaries.get(row.cluster_id))
        out.append(row if why == row.why else row.with_reason(why))
    return out


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
    rows: Sequence[QueueRow],
    *,
    proposals: Mapping[str, int] | None = None,
    words: Words = ENGLISH,
) -> pd.DataFrame:
    """The queue as a table for display (one row per cluster, queue order).

    ``proposals`` (cluster id -> new claims that would join it) fills the "proposal"
    column: "2 new claims" on a reviewed cluster a clustering wants to grow.  ``words``
    words the reasons, hint kinds and counts (statuses and verdicts stay keys).
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
            r.why.worded(words) if r.why is not None else "",
            _proposal_cell(waiting.get(r.cluster_id, 0), words),
            ", ".join(words.t(k) for k in r.differences),
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


def _proposal_cell(count: int, words: Words) -> str:
    return words.plural(count, "new claim") if count else ""
