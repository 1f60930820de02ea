"""SQL of an incremental clustering: replace only the clusters new claims reached.

:meth:`workbench.store.Store.replace_clustering` with ``retire=`` (the ids of the current
clusters a clustering re-did) plans with :func:`plan`: the given clusters replace exactly
those; every other current cluster stays as it is (id, members, hints, links, verdicts,
sign-off).  The audit event is the usual ``clustering_replaced`` (its payload lists what
was removed and added, which is all ``verify`` replays).  These functions run inside a
:class:`workbench.store.Tx` the store opened.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from workbench.errors import InvalidInputError

if TYPE_CHECKING:
    from workbench.store import ReclusterReport, Tx

__all__ = ["last_clustering_params", "memberships", "plan"]


def memberships(tx: Tx) -> dict[str, str]:
    """Claim id -> id of the current cluster holding it (unclustered claims are absent)."""
    return {
        str(claim): str(cluster)
        for claim, cluster in tx.all(
            "SELECT m.claim_id, m.cluster_id FROM memberships m "
            "JOIN clusters cl ON cl.cluster_id = m.cluster_id WHERE cl.active = 1"
        )
    }


def last_clustering_params(tx: Tx) -> dict[str, Any] | None:
    """The ``params`` of the latest clustering (model, threshold), or None if there was none."""
    row = tx.one(
        "SELECT payload FROM events WHERE kind = 'clustering_replaced' ORDER BY seq DESC LIMIT 1"
    )
    if row is None:
        return None
    params = json.loads(str(row[0])).get("params")
    return dict(params) if isinstance(params, dict) else {}


def _count(tx: Tx, sql: str) -> int:
    row = tx.one(sql)
    return int(row[0]) if row is not None and row[0] is not None else 0


def plan(
    tx: Tx, wanted: Mapping[str, tuple[str, ...]], retire: Sequence[str]
) -> tuple[ReclusterReport, list[str], dict[str, tuple[str, ...]]]:
    """``(report, removed, added)`` for ``wanted`` clusters replacing the ``retire`` ones.

    Refused (one line, nothing written) when a cluster to retire is no longer current (the
    store changed since the clustering read it) or a claim of one would be left out.
    """
    from workbench.store import ReclusterReport, current_verdict_ids

    gone = sorted(set(retire))
    active = {
        str(r[0])
        for r in tx.all_in(
            "SELECT cluster_id FROM clusters WHERE active = 1 AND cluster_id IN ({ins})", gone
        )
    }
    stale = [cid for cid in gone if cid not in active]
    if stale:
        raise InvalidInputError(
            f"cluster {stale[0]} changed while clustering ran: run `workbench cluster` again"
        )
    covered = {m for ms in wanted.values() for m in ms}
    left = sorted(
        str(r[0])
        for r in tx.all_in("SELECT claim_id FROM memberships WHERE cluster_id IN ({ins})", gone)
        if str(r[0]) not in covered
    )
    if left:
        raise InvalidInputError(f"claim {left[0]} would be left out of every cluster")
    removed = [cid for cid in gone if cid not in wanted]
    added = {cid: wanted[cid] for cid in sorted(wanted) if cid not in active}
    current = _count(tx, "SELECT COUNT(*) FROM clusters WHERE active = 1")
    with_verdict = _count(
        tx,
        "SELECT COUNT(DISTINCT v.cluster_id) FROM verdicts v "
        "JOIN clusters cl ON cl.cluster_id = v.cluster_id WHERE cl.active = 1",
    )
    lost = len(current_verdict_ids(tx, removed))
    report = ReclusterReport(
        clusters=current - len(removed) + len(added),
        unchanged=current - len(removed),
        new=len(added),
        removed=len(removed),
        verdicts_kept=with_verdict - lost,
        verdicts_to_rereview=lost,
    )
    return report, removed, added
