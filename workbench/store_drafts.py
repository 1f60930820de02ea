"""Per-person drafts of a verdict: the note being written and the verdict chosen, per cluster.

A draft is what a reviewer has typed but not saved.  It is kept in the store (table
``drafts``, migration 6) so a reload, a new tab, a logout, an expired session or a
refused save never loses it; saving the verdict clears it.  A draft is private
scratch, not a decision: it is not audited and does not change the store's
``data_version`` (so writing one never invalidates the dashboard's caches).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.audit import utc_now
from workbench.errors import InvalidInputError
from workbench.store import Row, Store, Tx
from workbench.store_corrections import ancestors

__all__ = [
    "Draft",
    "MAX_NOTE",
    "adopt_draft",
    "clear_draft",
    "inherited_draft",
    "load_draft",
    "save_draft",
]

MAX_NOTE = 20_000  # characters kept of a draft note


@dataclass(frozen=True, slots=True)
class Draft:
    """An unsaved verdict: who, which cluster, the chosen verdict (or none) and the note."""

    reviewer: str
    cluster_id: str
    verdict: str | None
    note: str
    base_version: int  # the cluster version on screen when the draft was written
    updated_at: str


_COLS = "reviewer, cluster_id, verdict, note, base_version, updated_at"


def _draft(row: Row) -> Draft:
    return Draft(str(row[0]), str(row[1]), row[2], str(row[3]), int(row[4]), str(row[5]))


def _quiet(tx: Tx, sql: str, params: tuple[object, ...]) -> None:
    """A write that does not bump ``data_version`` (drafts are not review data)."""
    dirty = tx.dirty
    tx.execute(sql, params)
    tx.dirty = dirty


def save_draft(
    store: Store,
    *,
    reviewer: str,
    cluster_id: str,
    verdict: str | None,
    note: str,
    base_version: int,
) -> Draft | None:
    """Keep (or replace) ``reviewer``'s draft for ``cluster_id``; an empty one is removed.

    Returns the stored draft, or None when there was nothing to keep.
    """
    who = (reviewer or "").strip()
    if not who or not cluster_id:
        raise InvalidInputError("a draft needs a reviewer and a cluster")
    text = (note or "")[:MAX_NOTE]
    if verdict is None and not text.strip():
        clear_draft(store, reviewer=who, cluster_id=cluster_id)
        return None
    now = utc_now()
    with store.transaction() as tx:
        _quiet(tx, "DELETE FROM drafts WHERE reviewer = ? AND cluster_id = ?", (who, cluster_id))
        _quiet(
            tx,
            f"INSERT INTO drafts ({_COLS}) VALUES (?, ?, ?, ?, ?, ?)",
            (who, cluster_id, verdict, text, int(base_version), now),
        )
    return Draft(who, cluster_id, verdict, text, int(base_version), now)


def load_draft(store: Store, *, reviewer: str, cluster_id: str) -> Draft | None:
    """``reviewer``'s unsaved draft for ``cluster_id``, if any."""
    with store.snapshot() as tx:
        row = tx.one(
            f"SELECT {_COLS} FROM drafts WHERE reviewer = ? AND cluster_id = ?",
            ((reviewer or "").strip(), cluster_id),
        )
    return _draft(row) if row is not None else None


def clear_draft(store: Store, *, reviewer: str, cluster_id: str) -> None:
    """Forget ``reviewer``'s draft for ``cluster_id`` (after it was saved or discarded)."""
    with store.transaction() as tx:
        _quiet(
            tx,
            "DELETE FROM drafts WHERE reviewer = ? AND cluster_id = ?",
            ((reviewer or "").strip(), cluster_id),
        )


def inherited_draft(store: Store, *, reviewer: str, cluster_id: str) -> Draft | None:
    """``reviewer``'s draft left on a cluster that ``cluster_id`` took over, if any.

    A merge, split or move gives the clusters it touches new ids (recorded as lineage
    by :mod:`workbench.store_corrections`); a note typed on the old cluster follows
    its claims to each successor.  The nearest predecessor's draft, newest first.
    """
    who = (reviewer or "").strip()
    with store.snapshot() as tx:
        earlier = ancestors(tx, cluster_id)
        if not earlier:
            return None
        rows = tx.all_in(
            f"SELECT {_COLS} FROM drafts WHERE reviewer = ? AND cluster_id IN ({{ins}})",
            earlier,
            (who,),
        )
    if not rows:
        return None
    rank = {cid: i for i, cid in enumerate(earlier)}
    newest = sorted((_draft(r) for r in rows), key=lambda d: d.updated_at, reverse=True)
    return min(newest, key=lambda d: rank.get(d.cluster_id, len(rank)))


def adopt_draft(store: Store, draft: Draft, *, cluster_id: str) -> Draft:
    """Move ``draft`` (from a predecessor) onto ``cluster_id``: kept here, gone from there."""
    now = utc_now()
    with store.transaction() as tx:
        for cid in (draft.cluster_id, cluster_id):
            _quiet(
                tx,
                "DELETE FROM drafts WHERE reviewer = ? AND cluster_id = ?",
                (draft.reviewer, cid),
            )
        _quiet(
            tx,
            f"INSERT INTO drafts ({_COLS}) VALUES (?, ?, ?, ?, ?, ?)",
            (draft.reviewer, cluster_id, draft.verdict, draft.note, draft.base_version, now),
        )
    return Draft(draft.reviewer, cluster_id, draft.verdict, draft.note, draft.base_version, now)
