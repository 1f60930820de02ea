"""Reviewing clusters: verdicts, four-eyes sign-off, reopening and corrections.

Every function runs in one store transaction and appends one audit event; a
refused call (unknown cluster or verdict, empty name, locked verdict,
self-sign-off, stale version) raises a :class:`~workbench.errors.WorkbenchError`
subclass and writes nothing.

Verdict history is append-only: a new verdict supersedes the previous one and
never overwrites it.  Each cluster has a ``version`` that grows with every
verdict, sign-off and reopening; ``record_verdict(expected_version=...)`` refuses a
stale write with :class:`~workbench.errors.ConflictError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from claims.model import cluster_id_for
from workbench import rules
from workbench.audit import utc_now
from workbench.auth import Reviewer
from workbench.errors import (
    ConflictError,
    FourEyesError,
    InvalidInputError,
    LockedError,
    NotFoundError,
)
from workbench.identity import same_person
from workbench.store import Row, Store, Tx, check_name

__all__ = [
    "HistoryEntry",
    "SignOffRecord",
    "VERDICTS",
    "VerdictRecord",
    "history",
    "merge_clusters",
    "move_claim",
    "record_verdict",
    "reopen",
    "sign_off",
    "split_cluster",
]

VERDICTS = ("consistent", "contradictory", "partial", "unrelated", "unclear")


@dataclass(frozen=True)
class VerdictRecord:
    """A stored verdict; ``version`` is the cluster's version after recording it."""

    verdict_id: int
    cluster_id: str
    verdict: str
    note: str
    reviewer: str
    created_at: str
    version: int


@dataclass(frozen=True)
class SignOffRecord:
    """A stored sign-off of a cluster's current verdict."""

    signoff_id: int
    cluster_id: str
    verdict_id: int
    verdict: str
    reviewer: str
    signed_at: str
    version: int


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a cluster's review history.

    ``kind`` is ``verdict``, ``signoff``, ``reopen`` or ``previous`` (a verdict given
    to a cluster whose claims this one took over: ``cluster_id`` names that cluster).
    ``ref`` is the verdict or sign-off id.
    """

    at: str
    kind: str
    actor: str
    cluster_id: str
    verdict: str | None
    note: str
    ref: int


# -- shared checks ------------------------------------------------------------------------------


def _active_cluster(tx: Tx, cluster_id: str) -> tuple[int, str | None]:
    row = tx.one(
        "SELECT version, changed_by, active FROM clusters WHERE cluster_id = ?", (cluster_id,)
    )
    if row is None:
        raise NotFoundError(f"unknown cluster {cluster_id}")
    if not row[2]:
        raise NotFoundError(f"cluster {cluster_id} no longer exists (its claims were re-clustered)")
    return int(row[0]), row[1]


def _current_verdict(tx: Tx, cluster_id: str) -> Row | None:
    """(verdict_id, verdict, reviewer) of the latest verdict, or None."""
    return tx.one(
        "SELECT verdict_id, verdict, reviewer FROM verdicts WHERE cluster_id = ? "
        "ORDER BY verdict_id DESC LIMIT 1",
        (cluster_id,),
    )


def _open_signoff(tx: Tx, cluster_id: str) -> Row | None:
    """(signoff_id, reviewer, signed_at) of the sign-off locking the cluster, or None."""
    return tx.one(
        "SELECT signoff_id, reviewer, signed_at FROM signoffs "
        "WHERE cluster_id = ? AND reopened_at IS NULL ORDER BY signoff_id DESC LIMIT 1",
        (cluster_id,),
    )


def _refuse_locked(tx: Tx, cluster_id: str, *, doing: str) -> None:
    lock = _open_signoff(tx, cluster_id)
    if lock is not None:
        raise LockedError(
            f"cluster {cluster_id} is signed off by {lock[1]} on {str(lock[2])[:10]}: "
            f"reopen it before {doing}"
        )


def _bump(tx: Tx, cluster_id: str, actor: str) -> int:
    tx.execute(
        "UPDATE clusters SET version = version + 1, changed_by = ? WHERE cluster_id = ?",
        (actor, cluster_id),
    )
    row = tx.one("SELECT version FROM clusters WHERE cluster_id = ?", (cluster_id,))
    return int(row[0]) if row else 0


def _same_person(a: str, b: str) -> bool:
    return same_person(a, b)


# -- verdicts and sign-off ----------------------------------------------------------------------


def record_verdict(
    store: Store,
    cluster_id: str,
    *,
    verdict: str,
    reviewer: str | Reviewer,
    note: str = "",
    expected_version: int | None = None,
) -> VerdictRecord:
    """Record a new current verdict (the old one stays in history); audited.

    Raises InvalidInputError (unknown verdict, empty reviewer), NotFoundError,
    ConflictError (``expected_version`` is stale) or LockedError (signed off).
    """
    if verdict not in VERDICTS:
        raise InvalidInputError(f"unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}")
    who = rules.check(store.path, reviewer, "verdict")
    reviewer = who.name
    with store.transaction() as tx:
        version, changed_by = _active_cluster(tx, cluster_id)
        if expected_version is not None and expected_version != version:
            raise ConflictError(
                f"cluster {cluster_id} was changed by {changed_by or 'someone'} meanwhile "
                f"(version {version}, you saw {expected_version}): reload and try again"
            )
        _refuse_locked(tx, cluster_id, doing="recording a new verdict")
        now = utc_now()
        rows = tx.execute(
            "INSERT INTO verdicts (cluster_id, verdict, note, reviewer, created_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING verdict_id",
            (cluster_id, verdict, note, reviewer, now),
        )
        verdict_id = int(rows[0][0])
        tx.execute("UPDATE clusters SET needs_rereview = 0 WHERE cluster_id = ?", (cluster_id,))
        new_version = _bump(tx, cluster_id, reviewer)
        record = VerdictRecord(verdict_id, cluster_id, verdict, note, reviewer, now, new_version)
        tx.event(
            "verdict_recorded", actor=reviewer, payload={**_payload(record), **rules.mark(who)}
        )
    return record


def _payload(record: VerdictRecord | SignOffRecord) -> dict[str, object]:
    return dict(record.__dict__)


def sign_off(store: Store, cluster_id: str, *, reviewer: str | Reviewer) -> SignOffRecord:
    """Sign off the cluster's current verdict, locking it; audited.

    Four eyes: the verdict's author cannot sign it off (FourEyesError).  A cluster
    without a verdict (InvalidInputError) or already signed off (LockedError) is refused.
    """
    who = rules.check(store.path, reviewer, "signoff")
    reviewer = who.name
    with store.transaction() as tx:
        _active_cluster(tx, cluster_id)
        current = _current_verdict(tx, cluster_id)
        if current is None:
            raise InvalidInputError(f"cluster {cluster_id} has no verdict to sign off")
        _refuse_locked(tx, cluster_id, doing="signing it off again")
        verdict_id, verdict, author = int(current[0]), str(current[1]), str(current[2])
        if _same_person(author, reviewer):
            raise FourEyesError(
                f"{reviewer} wrote the current verdict on cluster {cluster_id}: "
                "another editor must sign it off"
            )
        now = utc_now()
        rows = tx.execute(
            "INSERT INTO signoffs (cluster_id, verdict_id, reviewer, signed_at) "
            "VALUES (?, ?, ?, ?) RETURNING signoff_id",
            (cluster_id, verdict_id, reviewer, now),
        )
        version = _bump(tx, cluster_id, reviewer)
        record = SignOffRecord(
            int(rows[0][0]), cluster_id, verdict_id, verdict, reviewer, now, version
        )
        tx.event("signed_off", actor=reviewer, payload={**_payload(record), **rules.mark(who)})
    return record


def reopen(store: Store, cluster_id: str, *, reviewer: str | Reviewer, reason: str) -> None:
    """Unlock a signed-off cluster so that a new verdict can be recorded; audited."""
    who = rules.check(store.path, reviewer, "reopen")
    reviewer = who.name
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInputError("a reason is required to reopen a signed-off cluster")
    with store.transaction() as tx:
        _active_cluster(tx, cluster_id)
        lock = _open_signoff(tx, cluster_id)
        if lock is None:
            raise InvalidInputError(f"cluster {cluster_id} is not signed off: nothing to reopen")
        now = utc_now()
        tx.execute(
            "UPDATE signoffs SET reopened_at = ?, reopened_by = ?, reopen_reason = ? "
            "WHERE signoff_id = ?",
            (now, reviewer, reason, lock[0]),
        )
        version = _bump(tx, cluster_id, reviewer)
        payload = {
            "cluster_id": cluster_id,
            "signoff_id": int(lock[0]),
            "reviewer": reviewer,
            "reason": reason,
            "reopened_at": now,
            "version": version,
            **rules.mark(who),
        }
        tx.event("reopened", actor=reviewer, payload=payload)


# -- corrections --------------------------------------------------------------------------------


def _members(tx: Tx, cluster_id: str) -> tuple[str, ...]:
    rows = tx.all(
        "SELECT claim_id FROM memberships WHERE cluster_id = ? ORDER BY claim_id", (cluster_id,)
    )
    return tuple(str(r[0]) for r in rows)


def _regroup(
    store: Store,
    tx: Tx,
    *,
    removed: Sequence[str],
    groups: Sequence[tuple[str, ...]],
    kind: str,
    actor: str,
    detail: Mapping[str, object],
) -> list[str]:
    """Replace ``removed`` clusters by ``groups`` (non-empty), carrying hints; audited."""
    who = rules.check(store.path, actor, "correct")
    actor, detail = who.name, {**detail, **rules.mark(who)}
    for cid in removed:
        _active_cluster(tx, cid)
        _refuse_locked(tx, cid, doing="changing its membership")
    added = {cluster_id_for(g): tuple(sorted(g)) for g in groups if g}
    store.change_membership(tx, removed=removed, added=added, kind=kind, actor=actor, detail=detail)
    _carry_hints(tx, removed, added)
    return [cluster_id_for(g) if g else "" for g in groups]


def _carry_hints(tx: Tx, removed: Sequence[str], added: Mapping[str, tuple[str, ...]]) -> None:
    """Copy the hints of retired clusters that still apply wholly inside a new cluster."""
    old = tx.all_in(
        "SELECT kind, message, claim_ids, value_pairs FROM hints "
        "WHERE cluster_id IN ({ins}) AND kind <> 'singleton' ORDER BY cluster_id, position",
        list(removed),
    )
    for cid, members in added.items():
        keep = [h for h in old if set(json.loads(h[2])) <= set(members)]
        tx.execute("DELETE FROM hints WHERE cluster_id = ?", (cid,))
        tx.executemany(
            "INSERT INTO hints (cluster_id, position, kind, message, claim_ids, value_pairs) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(cid, i, *h) for i, h in enumerate(keep)],
        )


def move_claim(store: Store, claim_id: str, *, to_cluster: str | None, actor: str) -> str:
    """Move a claim to another cluster (``None``: its own new cluster); returns its new id.

    Both affected clusters get ids recomputed from their new membership and are marked
    for re-review if they had a verdict (which stays in history).
    """
    actor = check_name(actor, what="actor")
    with store.transaction() as tx:
        row = tx.one("SELECT cluster_id FROM memberships WHERE claim_id = ?", (claim_id,))
        if row is None:
            known = tx.one("SELECT 1 FROM claims WHERE claim_id = ?", (claim_id,))
            raise NotFoundError(
                f"claim {claim_id} is not in any cluster yet"
                if known
                else f"unknown claim {claim_id}"
            )
        source = str(row[0])
        members = _members(tx, source)
        rest = tuple(m for m in members if m != claim_id)
        target: tuple[str, ...]
        if to_cluster is None:
            if not rest:
                raise InvalidInputError(f"claim {claim_id} is already alone in cluster {source}")
            removed, target = [source], (claim_id,)
        else:
            if to_cluster == source:
                raise InvalidInputError(f"claim {claim_id} is already in cluster {to_cluster}")
            _active_cluster(tx, to_cluster)
            removed, target = [source, to_cluster], (*_members(tx, to_cluster), claim_id)
        detail = {"claim_id": claim_id, "from": source, "to": to_cluster}
        ids = _regroup(
            store,
            tx,
            removed=removed,
            groups=[target, rest],
            kind="claim_moved",
            actor=actor,
            detail=detail,
        )
    return ids[0]


def split_cluster(
    store: Store, cluster_id: str, claim_ids: Sequence[str], *, actor: str
) -> tuple[str, str]:
    """Split ``claim_ids`` out of a cluster; returns (remaining cluster id, new cluster id)."""
    actor = check_name(actor, what="actor")
    with store.transaction() as tx:
        _active_cluster(tx, cluster_id)
        members = _members(tx, cluster_id)
        chosen = tuple(sorted(set(claim_ids)))
        strangers = sorted(set(chosen) - set(members))
        if strangers:
            raise InvalidInputError(f"claim {strangers[0]} is not in cluster {cluster_id}")
        if not chosen or len(chosen) == len(members):
            raise InvalidInputError(
                f"choose some but not all claims of cluster {cluster_id} to split off"
            )
        rest = tuple(m for m in members if m not in set(chosen))
        detail = {"cluster_id": cluster_id, "split_off": list(chosen)}
        ids = _regroup(
            store,
            tx,
            removed=[cluster_id],
            groups=[rest, chosen],
            kind="cluster_split",
            actor=actor,
            detail=detail,
        )
    return ids[0], ids[1]


def merge_clusters(store: Store, cluster_ids: Sequence[str], *, actor: str) -> str:
    """Merge two or more clusters into one; returns the merged cluster's id."""
    actor = check_name(actor, what="actor")
    distinct = list(dict.fromkeys(cluster_ids))
    if len(distinct) < 2:
        raise InvalidInputError("choose at least two different clusters to merge")
    with store.transaction() as tx:
        for cid in distinct:
            _active_cluster(tx, cid)
        merged = tuple(m for cid in distinct for m in _members(tx, cid))
        detail = {"merged": sorted(distinct)}
        ids = _regroup(
            store,
            tx,
            removed=distinct,
            groups=[merged],
            kind="clusters_merged",
            actor=actor,
            detail=detail,
        )
    return ids[0]


# -- history ------------------------------------------------------------------------------------


def history(store: Store, cluster_id: str) -> list[HistoryEntry]:
    """The review history of a cluster, oldest first, including the verdicts it inherited."""
    with store.snapshot() as tx:
        if tx.one("SELECT 1 FROM clusters WHERE cluster_id = ?", (cluster_id,)) is None:
            raise NotFoundError(f"unknown cluster {cluster_id}")
        entries = [*_inherited(tx, cluster_id), *_own(tx, cluster_id)]
    return sorted(entries, key=lambda e: (e.at, e.kind != "previous"))


def _inherited(tx: Tx, cluster_id: str) -> list[HistoryEntry]:
    rows = tx.all(
        "SELECT v.created_at, v.reviewer, l.previous_cluster_id, v.verdict, v.note, v.verdict_id "
        "FROM cluster_lineage l JOIN verdicts v ON v.verdict_id = l.previous_verdict_id "
        "WHERE l.cluster_id = ? ORDER BY l.lineage_id",
        (cluster_id,),
    )
    seen: dict[int, HistoryEntry] = {}
    for at, actor, prev, verdict, note, vid in rows:
        seen.setdefault(int(vid), HistoryEntry(at, "previous", actor, prev, verdict, note, vid))
    return list(seen.values())


def _own(tx: Tx, cluster_id: str) -> list[HistoryEntry]:
    out = [
        HistoryEntry(at, "verdict", reviewer, cluster_id, verdict, note, int(vid))
        for vid, verdict, note, reviewer, at in tx.all(
            "SELECT verdict_id, verdict, note, reviewer, created_at FROM verdicts "
            "WHERE cluster_id = ? ORDER BY verdict_id",
            (cluster_id,),
        )
    ]
    for sid, who, at, verdict, r_at, r_by, reason in tx.all(
        "SELECT s.signoff_id, s.reviewer, s.signed_at, v.verdict, s.reopened_at, "
        "s.reopened_by, s.reopen_reason FROM signoffs s "
        "JOIN verdicts v ON v.verdict_id = s.verdict_id WHERE s.cluster_id = ? "
        "ORDER BY s.signoff_id",
        (cluster_id,),
    ):
        out.append(HistoryEntry(at, "signoff", who, cluster_id, verdict, "", int(sid)))
        if r_at:
            out.append(HistoryEntry(r_at, "reopen", r_by, cluster_id, verdict, reason, int(sid)))
    return out
