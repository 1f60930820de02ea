"""Cluster states and the review queue kept current after review writes (issue 11 item 4).

At 100,000 claims re-reading every cluster and rebuilding the queue after each verdict
costs seconds.  A verdict, sign-off or reopening changes one cluster, and the store's
event log names it (:meth:`Store.review_changes`): only those clusters are re-read and
only their queue rows rebuilt.  Any other write (clustering, corrections, new articles)
reloads everything.  Unchanged clusters keep the very same state objects, so what
changed is found by identity.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from workbench import views, views_links
from workbench.errors import NotFoundError
from workbench.store import ClusterState, Store
from workbench.store_links import LinkSummary

__all__ = ["LiveStates"]

_PATCH_LIMIT = 500  # more changed clusters than this: rebuild instead of patching


@dataclass(frozen=True, slots=True)
class _Queue:
    corpus: views.Corpus
    states: Sequence[ClusterState]
    summaries: dict[str, LinkSummary]
    rows: list[views.QueueRow]


class LiveStates:
    """Per store path: the last cluster states read and the last queue built from them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._states: dict[str, tuple[int, list[ClusterState]]] = {}
        self._queues: dict[str, _Queue] = {}

    def clusters(self, store: Store, key: str) -> list[ClusterState]:
        """Every current cluster, as :meth:`Store.clusters` returns them."""
        with self._lock:
            old = self._states.get(key)
            if old is None:
                seq, changed = store.review_changes(sys.maxsize)[0], None
            else:
                seq, changed = store.review_changes(old[0])
            if old is None or changed is None or seq < old[0]:
                states = store.clusters()  # read after the seq: a change is never missed
            else:
                states = _patched(store, old[1], changed)
            self._states[key] = (seq, states)
            return states

    def queue(
        self, store: Store, key: str, corpus: views.Corpus, states: list[ClusterState]
    ) -> list[views.QueueRow]:
        """The review queue in attention order, rebuilding only the rows of changed clusters."""
        with self._lock:
            old = self._queues.get(key)
            changed = _changed(old, corpus, states)
            if old is None or changed is None:
                summaries = store.link_summaries()
                rows = views.review_queue(corpus, states, summaries=summaries)
            else:
                summaries = old.summaries
                fresh = views.review_queue(
                    corpus, [s for s in states if s.cluster_id in changed], summaries=summaries
                )
                kept = [r for r in old.rows if r.cluster_id not in changed]
                rows = views_links.attention_order([*kept, *fresh], summaries)
            self._queues[key] = _Queue(corpus, states, summaries, rows)
            return rows

    def clear(self) -> None:
        """Forget everything (the next call reads the whole store)."""
        with self._lock:
            self._states.clear()
            self._queues.clear()


def _patched(
    store: Store, states: list[ClusterState], changed: frozenset[str]
) -> list[ClusterState]:
    if not changed:
        return states
    index = {s.cluster_id: i for i, s in enumerate(states)}
    if len(changed) > _PATCH_LIMIT or not changed <= index.keys():
        return store.clusters()
    out = list(states)
    for cluster_id in changed:
        try:
            out[index[cluster_id]] = store.cluster(cluster_id)
        except NotFoundError:  # re-clustered meanwhile
            return store.clusters()
    return out


def _changed(
    old: _Queue | None, corpus: views.Corpus, states: Sequence[ClusterState]
) -> set[str] | None:
    """Ids of clusters whose state object differs from the last queue's; None: rebuild."""
    if old is None or old.corpus is not corpus or len(old.states) != len(states):
        return None
    changed = {
        new.cluster_id for before, new in zip(old.states, states, strict=True) if before is not new
    }
    if any(
        before.cluster_id != new.cluster_id for before, new in zip(old.states, states, strict=True)
    ):
        return None
    return changed if len(changed) <= _PATCH_LIMIT else None
