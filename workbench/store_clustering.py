"""The store's clustering: replacing the clustering, membership changes, hints and links.

Re-clustering keeps the verdicts of unchanged clusters, sends those of dissolved ones
to re-review through ``cluster_lineage``, and never dissolves a signed-off cluster.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claims.model import Cluster, Hint, Link, cluster_id_for
from workbench import integrity, rules, store_links, store_partial
from workbench.audit import AuditEvent, utc_now
from workbench.auth import Reviewer
from workbench.errors import InvalidInputError, LockedError
from workbench.store_tx import StoreBase, Tx, check_name, chunks, marks

__all__ = ["ClusteringMixin", "ReclusterReport", "current_verdict_ids"]


@dataclass(frozen=True)
class ReclusterReport:
    """What a re-clustering does (or would do) to the stored clusters and verdicts."""

    clusters: int
    unchanged: int
    new: int
    removed: int
    verdicts_kept: int
    verdicts_to_rereview: int


class ClusteringMixin(StoreBase):
    """The clustering and its links (part of :class:`workbench.store.Store`)."""

    def preview_clustering(
        self, clusters: Sequence[Cluster], *, retire: Sequence[str] | None = None
    ) -> ReclusterReport:
        """What :meth:`replace_clustering` would do with ``clusters``; writes nothing."""
        with self.snapshot() as tx:
            report, _, _ = self._plan(tx, clusters, retire)
        return report

    def replace_clustering(
        self,
        clusters: Sequence[Cluster],
        hints: Mapping[str, Sequence[Hint]],
        *,
        actor: str | Reviewer,
        params: Mapping[str, object],
        links: Sequence[Link] | None = None,
        retire: Sequence[str] | None = None,
    ) -> ReclusterReport:
        """Make ``clusters`` the current clustering (audited).

        With ``retire`` (an incremental clustering, :mod:`workbench.store_partial`) the
        given clusters replace only those current clusters; every other one stays as it is.

        Clusters whose membership is unchanged keep their id, verdicts and sign-off; new
        clusters that took over claims of a reviewed cluster are marked needs_rereview and
        point to the previous verdict; old verdicts stay in history.  Hints are replaced
        for every given cluster.  ``links`` (when given) replace the links of every given
        cluster, except that a signed-off cluster keeps the links and hints it was signed
        off with (one signed off before it had links gets the given ones); ``None`` leaves
        links as they are.  A clustering that sends verdicts to re-review needs an editor
        (:mod:`workbench.rules`); a signed-off cluster is never dissolved.
        """
        person = actor
        actor = check_name(actor if isinstance(actor, str) else actor.name, what="actor")
        given = {c.cluster_id for c in clusters}
        stray = sorted(set(hints) - given)
        if stray:
            raise InvalidInputError(f"hints given for unknown cluster {stray[0]}")
        with self.transaction() as tx:
            report, removed, added = self._plan(tx, clusters, retire)
            ids = [c.cluster_id for c in clusters]
            kept = store_links.signed_off_with_links(tx, ids) if links is not None else set()
            fresh = [cid for cid in ids if cid not in kept]
            detail = {
                "params": json.loads(json.dumps(dict(params), default=str)),
                "hints": _hints_digests(_hint_rows(fresh, hints), fresh),
            }
            if report.verdicts_to_rereview:
                who = rules.check(self.path, person, "recluster")
                actor, detail = who.name, {**detail, **rules.mark(who)}
            self.change_membership(
                tx,
                removed=removed,
                added=added,
                kind="clustering_replaced",
                actor=actor,
                detail=detail,
            )
            self._replace_hints(tx, fresh, hints)
            if links is not None:
                self._store_links(tx, clusters, links, kept=kept, actor=actor)
        return report

    @staticmethod
    def _store_links(
        tx: Tx,
        clusters: Sequence[Cluster],
        links: Sequence[Link],
        *,
        kept: set[str],
        actor: str,
    ) -> None:
        grouped = store_links.group_links(links, {c.cluster_id: c.claim_ids for c in clusters})
        ids = [c.cluster_id for c in clusters]
        wanted = {cid: grouped.get(cid, []) for cid in ids if cid not in kept}
        changed = store_links.write_links(tx, wanted)
        if changed:
            payload = {"clusters": changed, "cause": "clustering_replaced"}
            tx.event(store_links.LINKS_EVENT, actor=actor, payload=payload)

    def carry_links(
        self,
        tx: Tx,
        *,
        removed: Sequence[str],
        added: Mapping[str, tuple[str, ...]],
        actor: str,
        cause: str,
    ) -> None:
        """Inside ``tx``: give added clusters the links of removed ones whose two claims stay
        together; a cluster restored to a membership it had keeps its own (audited)."""
        changed = store_links.carry_links(tx, removed, added)
        if changed:
            payload = {"clusters": changed, "cause": cause}
            tx.event(store_links.LINKS_EVENT, actor=actor, payload=payload)

    def links(self, cluster_id: str) -> list[Link]:
        """The links of a cluster (aligned claim pairs), in their stored order."""
        with self.snapshot() as tx:
            return store_links.cluster_links(tx, cluster_id)

    def all_links(self) -> list[Link]:
        """The links of every current cluster, by cluster id then stored order (for export)."""
        with self.snapshot() as tx:
            return store_links.active_links(tx)

    def link_summaries(self) -> dict[str, store_links.LinkSummary]:
        """Relation counts and conflict hint kinds per current cluster that has links."""
        with self.snapshot() as tx:
            return store_links.link_summaries(tx)

    def _plan(
        self, tx: Tx, clusters: Sequence[Cluster], retire: Sequence[str] | None = None
    ) -> tuple[ReclusterReport, list[str], dict[str, tuple[str, ...]]]:
        wanted = _validate_clusters(tx, clusters)
        if retire is not None:
            return store_partial.plan(tx, wanted, retire)
        current = set(_active_ids(tx))
        removed = sorted(current - set(wanted))
        added = {cid: wanted[cid] for cid in sorted(set(wanted) - current)}
        unchanged = sorted(current & set(wanted))
        with_verdict = set(current_verdict_ids(tx, [*unchanged, *removed]))
        report = ReclusterReport(
            clusters=len(wanted),
            unchanged=len(unchanged),
            new=len(added),
            removed=len(removed),
            verdicts_kept=sum(1 for c in unchanged if c in with_verdict),
            verdicts_to_rereview=sum(1 for c in removed if c in with_verdict),
        )
        return report, removed, added

    @staticmethod
    def _replace_hints(
        tx: Tx, cluster_ids: Sequence[str], hints: Mapping[str, Sequence[Hint]]
    ) -> None:
        for chunk in chunks(list(cluster_ids)):
            tx.execute(f"DELETE FROM hints WHERE cluster_id IN ({marks(len(chunk))})", chunk)
        rows = _hint_rows(cluster_ids, hints)
        tx.executemany(
            "INSERT INTO hints (cluster_id, position, kind, message, claim_ids, value_pairs) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )

    def change_membership(
        self,
        tx: Tx,
        *,
        removed: Sequence[str],
        added: Mapping[str, tuple[str, ...]],
        kind: str,
        actor: str,
        detail: Mapping[str, Any],
    ) -> AuditEvent:
        """Retire ``removed`` clusters and activate ``added`` ones inside ``tx`` (audited).

        Every claim of an added cluster must be unclustered or in a removed cluster.  An
        added cluster that takes over claims of a cluster with a verdict (or one still
        awaiting re-review) is marked needs_rereview, with a lineage row pointing to the
        previous verdict.  Links whose two claims stay together in an added cluster are
        carried over (audited), except by a clustering, which stores its own.
        """
        now = utc_now()
        members = [m for ms in added.values() for m in ms]
        old_of: dict[str, str] = dict(
            tx.all_in(
                "SELECT claim_id, cluster_id FROM memberships WHERE claim_id IN ({ins})", members
            )
        )
        gone = set(removed)
        _refuse_signed_off(tx, sorted(gone))
        blocked = sorted(c for c in set(old_of.values()) if c not in gone)
        if blocked:
            raise InvalidInputError(f"cluster {blocked[0]} still holds claims of a new cluster")
        inherited = _inherited_verdicts(tx, sorted(gone))
        for cid in removed:
            tx.execute("DELETE FROM memberships WHERE cluster_id = ?", (cid,))
            tx.execute("UPDATE clusters SET active = 0 WHERE cluster_id = ?", (cid,))
        for cid, claim_ids in added.items():
            preds = sorted({old_of[m] for m in claim_ids if m in old_of})
            pointers = [(p, v) for p in preds for v in inherited.get(p, [None])]
            rereview = any(v is not None for _, v in pointers)
            _activate(tx, cid, rereview=rereview, now=now)
            tx.executemany(
                "INSERT INTO cluster_lineage "
                "(cluster_id, previous_cluster_id, previous_verdict_id, created_at) "
                "VALUES (?, ?, ?, ?)",
                [(cid, p, v, now) for p, v in pointers],
            )
            tx.executemany(
                "INSERT INTO memberships (claim_id, cluster_id) VALUES (?, ?)",
                [(m, cid) for m in claim_ids],
            )
        if "hints" not in detail:
            carried = _carried_hint_rows(tx, removed, added)
            detail = {**detail, "hints": _hints_digests(carried, list(added))}
        payload = {
            **detail,
            "removed": sorted(removed),
            "added": {cid: sorted(ms) for cid, ms in added.items()},
        }
        event = tx.event(kind, actor=actor, payload=payload)
        if kind != "clustering_replaced":  # a clustering stores its own links
            self.carry_links(tx, removed=removed, added=added, actor=actor, cause=kind)
        return event


def _hint_rows(
    cluster_ids: Sequence[str], hints: Mapping[str, Sequence[Hint]]
) -> list[tuple[Any, ...]]:
    return [
        (
            cid,
            i,
            h.kind,
            h.message,
            json.dumps(list(h.claim_ids)),
            json.dumps([list(p) for p in h.values], ensure_ascii=False),
        )
        for cid in cluster_ids
        for i, h in enumerate(hints.get(cid, ()))
    ]


def _hints_digests(rows: Sequence[tuple[Any, ...]], ids: Sequence[str] = ()) -> dict[str, str]:
    """Per cluster, the digest of its hint rows ``(cluster_id, position, ...)``."""
    grouped: dict[str, list[tuple[Any, ...]]] = {cid: [] for cid in ids}
    for row in rows:
        grouped.setdefault(str(row[0]), []).append(tuple(row[1:]))
    return {cid: integrity.hints_digest(group) for cid, group in sorted(grouped.items())}


def _carried_hint_rows(
    tx: Tx, removed: Sequence[str], added: Mapping[str, tuple[str, ...]]
) -> list[tuple[Any, ...]]:
    """The hint rows a correction carries into each new cluster: the old hints that still
    apply wholly inside it (what ``review`` writes after :meth:`Store.change_membership`)."""
    old = tx.all_in(
        "SELECT kind, message, claim_ids, value_pairs FROM hints "
        "WHERE cluster_id IN ({ins}) AND kind <> 'singleton' ORDER BY cluster_id, position",
        list(removed),
    )
    rows: list[tuple[Any, ...]] = []
    for cid, members in added.items():
        keep = [h for h in old if set(json.loads(h[2])) <= set(members)]
        rows.extend((cid, i, *h) for i, h in enumerate(keep))
    return rows


def _refuse_signed_off(tx: Tx, cluster_ids: Sequence[str]) -> None:
    """The sign-off lock, whatever the caller: a signed-off cluster is never dissolved."""
    rows = tx.all_in(
        "SELECT cluster_id, reviewer FROM signoffs WHERE reopened_at IS NULL "
        "AND cluster_id IN ({ins}) ORDER BY cluster_id",
        list(cluster_ids),
    )
    if rows:
        raise LockedError(
            f"cluster {rows[0][0]} is signed off by {rows[0][1]}: reopen it before changing "
            "its membership"
        )


def _active_ids(tx: Tx) -> list[str]:
    return [str(r[0]) for r in tx.all("SELECT cluster_id FROM clusters WHERE active = 1")]


def _validate_clusters(tx: Tx, clusters: Sequence[Cluster]) -> dict[str, tuple[str, ...]]:
    wanted: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    for c in clusters:
        members = tuple(sorted(c.claim_ids))
        if not members:
            raise InvalidInputError(f"cluster {c.cluster_id} has no claims")
        if c.cluster_id != cluster_id_for(members):
            raise InvalidInputError(f"cluster id {c.cluster_id} does not match its membership")
        if c.cluster_id in wanted:
            raise InvalidInputError(f"cluster {c.cluster_id} given twice")
        twice = seen.intersection(members)
        if twice or len(set(members)) != len(members):
            dup = sorted(twice)[0] if twice else members[0]
            raise InvalidInputError(f"claim {dup} is in more than one cluster")
        seen.update(members)
        wanted[c.cluster_id] = members
    known = {
        r[0]
        for r in tx.all_in("SELECT claim_id FROM claims WHERE claim_id IN ({ins})", sorted(seen))
    }
    missing = sorted(seen - known)
    if missing:
        raise InvalidInputError(f"unknown claim {missing[0]} in clustering")
    return wanted


def current_verdict_ids(tx: Tx, cluster_ids: Sequence[str]) -> dict[str, int]:
    """Latest verdict id per cluster (clusters without a verdict are absent)."""
    rows = tx.all_in(
        "SELECT cluster_id, MAX(verdict_id) FROM verdicts WHERE cluster_id IN ({ins}) "
        "GROUP BY cluster_id",
        list(cluster_ids),
    )
    return {str(c): int(v) for c, v in rows}


def _inherited_verdicts(tx: Tx, cluster_ids: Sequence[str]) -> dict[str, list[int | None]]:
    """Verdicts a successor of each cluster must re-review: its own, else the ones it inherited."""
    own = current_verdict_ids(tx, cluster_ids)
    out: dict[str, list[int | None]] = {c: [v] for c, v in own.items()}
    pending = [c for c in cluster_ids if c not in own]
    rows = tx.all_in(
        "SELECT l.cluster_id, l.previous_verdict_id FROM cluster_lineage l "
        "JOIN clusters c ON c.cluster_id = l.cluster_id "
        "WHERE c.needs_rereview = 1 AND l.previous_verdict_id IS NOT NULL "
        "AND l.cluster_id IN ({ins}) ORDER BY l.lineage_id",
        pending,
    )
    for cid, vid in rows:
        out.setdefault(str(cid), []).append(int(vid))
    return out


def _activate(tx: Tx, cluster_id: str, *, rereview: bool, now: str) -> None:
    if tx.one("SELECT 1 FROM clusters WHERE cluster_id = ?", (cluster_id,)):
        tx.execute(
            "UPDATE clusters SET active = 1, needs_rereview = ? WHERE cluster_id = ?",
            (1 if rereview else 0, cluster_id),
        )
        return
    tx.execute(
        "INSERT INTO clusters (cluster_id, active, version, changed_by, needs_rereview, "
        "created_at) VALUES (?, 1, 0, NULL, ?, ?)",
        (cluster_id, 1 if rereview else 0, now),
    )
