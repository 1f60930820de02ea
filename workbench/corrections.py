"""Corrections that last: move, split, merge, proposals and undo.

A correction is a person's decision about which claims belong together.  Besides
regrouping the clusters now (one transaction, one audit event), it is stored as
must-link / cannot-link constraints that every later clustering honours
(:func:`constrain`, called by :func:`workbench.pipeline.run_clustering`) until a
person undoes it (:func:`undo`).  A newer correction supersedes the constraints of
older ones among the claims it regroups; undoing it brings them back.

Clusters with a verdict are pinned: a clustering never dissolves them.  Claims it
would add to one become a *proposal* (:func:`proposals`) that a person accepts
(:func:`accept_proposal`) or keeps apart (:func:`keep_apart`, a cannot-link).

Cluster ids are derived from membership, so an edited cluster gets a new id; the
lineage records its successor (:func:`successors`), so an old link still leads on.
Refused calls raise a :class:`~workbench.errors.WorkbenchError` and write nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from claims.model import Cluster, cluster_id_for
from workbench import rules
from workbench import store_corrections as sql
from workbench.audit import utc_now
from workbench.auth import Reviewer
from workbench.constraints import Constrained, apply_constraints
from workbench.errors import InvalidInputError, NotFoundError
from workbench.review import HistoryEntry, _active_cluster, _refuse_locked
from workbench.store import Store, Tx, check_name
from workbench.store_corrections import Group

__all__ = [
    "Correction",
    "Proposal",
    "accept_proposal",
    "constrain",
    "corrections",
    "history_entries",
    "keep_apart",
    "merge_clusters",
    "move_claim",
    "proposals",
    "record_proposals",
    "split_cluster",
    "successors",
    "undo",
]

Pair = tuple[str, str, str]  # (must | cannot, claim, claim)


@dataclass(frozen=True)
class Correction:
    """A stored correction, as History and the CLI show it (``event`` is its audit number)."""

    event: int
    kind: str
    actor: str
    reason: str
    summary: str
    at: str
    clusters_before: tuple[str, ...]
    clusters_after: tuple[str, ...]
    undone_at: str | None
    undone_by: str | None
    undo_reason: str | None


@dataclass(frozen=True)
class Proposal:
    """Claims a clustering would add to a reviewed cluster, awaiting a person's decision."""

    proposal_id: int
    cluster_id: str
    claim_ids: tuple[str, ...]
    created_at: str


def _public(row: sql.CorrectionRow) -> Correction:
    return Correction(
        event=row.event_seq or 0,
        kind=row.kind,
        actor=row.actor,
        reason=row.reason,
        summary=row.summary,
        at=row.created_at,
        clusters_before=tuple(g.cluster_id for g in row.before),
        clusters_after=tuple(g.cluster_id for g in row.after),
        undone_at=row.undone_at,
        undone_by=row.undone_by,
        undo_reason=row.undo_reason,
    )


# -- regrouping ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    before: tuple[Group, ...]
    added: dict[str, tuple[str, ...]]
    ids: tuple[str, ...]  # the id each target group ends up with


def _plan(tx: Tx, targets: Sequence[tuple[str, ...]], *, doing: str) -> _Plan:
    """Clusters to retire and create so that each target group is one cluster."""
    wanted = [tuple(sorted(set(g))) for g in targets if g]
    moving = {m for g in wanted for m in g}
    where = sql.claims_in_clusters(tx, sorted(moving))
    affected = sorted(set(where.values()))
    flags = sql.rereview_flags(tx, affected)
    before: list[Group] = []
    groups = list(wanted)
    for cid in affected:
        _active_cluster(tx, cid)
        members = sql.cluster_members(tx, cid)
        before.append(Group(cid, members, flags.get(cid, False)))
        rest = tuple(m for m in members if m not in moving)
        if rest:
            groups.append(rest)
    current = {g.claim_ids for g in before}
    added = {cluster_id_for(g): g for g in groups if g not in current}
    changed = [g for g in before if g.claim_ids not in set(groups)]
    for group in changed:
        _refuse_locked(tx, group.cluster_id, doing=doing)
    return _Plan(tuple(changed), added, tuple(cluster_id_for(g) for g in wanted))


def _record(
    store: Store,
    tx: Tx,
    plan: _Plan,
    *,
    kind: str,
    event_kind: str,
    who: Reviewer,
    reason: str,
    summary: str,
    pairs: Iterable[Pair],
    involved: Iterable[str],
    detail: Mapping[str, object],
) -> int:
    """Store the correction and its constraints, then regroup (audited); the correction id.

    Only an editor corrects clusters (:mod:`workbench.rules`); a refused correction writes
    nothing.
    """
    actor, detail = who.name, {**detail, **rules.mark(who)}
    now = utc_now()
    after = [Group(cid, ms) for cid, ms in plan.added.items()]
    correction_id = sql.insert_correction(
        tx,
        kind=kind,
        actor=actor,
        reason=reason,
        summary=summary,
        now=now,
        before=plan.before,
        after=after,
    )
    sql.supersede(tx, correction_id, involved)
    sql.insert_constraints(tx, correction_id, pairs)
    removed = [g.cluster_id for g in plan.before]
    payload = {**detail, "correction": correction_id, "reason": reason}
    if removed or plan.added:
        event = store.change_membership(
            tx, removed=removed, added=plan.added, kind=event_kind, actor=actor, detail=payload
        )
        sql.carry_hints(tx, removed, plan.added)
    else:
        event = tx.event(event_kind, actor=actor, payload={**payload, "removed": [], "added": {}})
    sql.set_event(tx, correction_id, event.seq)
    return correction_id


def _corrector(store: Store, actor: str | Reviewer) -> Reviewer:
    """The person correcting: a checked name, and an editor (:mod:`workbench.rules`)."""
    name = actor.name if isinstance(actor, Reviewer) else actor
    check_name(name, what="actor")
    return rules.check(store.path, actor, "correct")


def _star(kind: str, anchor: str, others: Iterable[str]) -> list[Pair]:
    return [(kind, anchor, m) for m in others if m != anchor]


def _across(left: Iterable[str], right: Sequence[str]) -> list[Pair]:
    return [("cannot", a, b) for a in left for b in right]


def _reason(reason: str) -> str:
    return (reason or "").strip()


# -- move, split, merge -------------------------------------------------------------------------


def _source_of(tx: Tx, claim_id: str) -> str:
    row = sql.claims_in_clusters(tx, [claim_id])
    if claim_id in row:
        return row[claim_id]
    known = tx.one("SELECT 1 FROM claims WHERE claim_id = ?", (claim_id,))
    raise NotFoundError(
        f"claim {claim_id} is not in any cluster yet" if known else f"unknown claim {claim_id}"
    )


def move_claim(
    store: Store, claim_id: str, *, to_cluster: str | None, actor: str | Reviewer, reason: str = ""
) -> str:
    """Move a claim to another cluster (``None``: a cluster of its own); its new cluster id.

    Lasting: the claim is must-linked to the target's claims and cannot-linked to the ones
    it left, so a later clustering keeps it where the person put it.
    """
    who = _corrector(store, actor)
    actor = who.name
    with store.transaction() as tx:
        source = _source_of(tx, claim_id)
        rest = tuple(m for m in sql.cluster_members(tx, source) if m != claim_id)
        if to_cluster is None:
            if not rest:
                raise InvalidInputError(f"claim {claim_id} is already alone in cluster {source}")
            target: tuple[str, ...] = (claim_id,)
            joined: tuple[str, ...] = ()
        else:
            if to_cluster == source:
                raise InvalidInputError(f"claim {claim_id} is already in cluster {to_cluster}")
            _active_cluster(tx, to_cluster)
            joined = sql.cluster_members(tx, to_cluster)
            target = (*joined, claim_id)
        plan = _plan(tx, [target], doing="changing its membership")
        where = f"to {to_cluster}" if to_cluster else "to a cluster of its own"
        _record(
            store,
            tx,
            plan,
            kind="move",
            event_kind="claim_moved",
            who=who,
            reason=_reason(reason),
            summary=f"moved claim {claim_id} from {source} {where} (now {plan.ids[0]})",
            pairs=[*_star("must", claim_id, joined), *_across([claim_id], rest)],
            involved=[*rest, *target],
            detail={"claim_id": claim_id, "from": source, "to": to_cluster},
        )
    return plan.ids[0]


def split_cluster(
    store: Store,
    cluster_id: str,
    claim_ids: Sequence[str],
    *,
    actor: str | Reviewer,
    reason: str = "",
) -> tuple[str, str]:
    """Split ``claim_ids`` out as a new cluster; (remaining cluster id, new cluster id).

    Lasting: the claims that left are cannot-linked to the ones that stayed.
    """
    who = _corrector(store, actor)
    actor = who.name
    with store.transaction() as tx:
        _active_cluster(tx, cluster_id)
        members = sql.cluster_members(tx, cluster_id)
        chosen = tuple(sorted(set(claim_ids)))
        strangers = sorted(set(chosen) - set(members))
        if strangers:
            raise InvalidInputError(f"claim {strangers[0]} is not in cluster {cluster_id}")
        if not chosen or len(chosen) == len(members):
            raise InvalidInputError(
                f"choose some but not all claims of cluster {cluster_id} to split off"
            )
        rest = tuple(m for m in members if m not in set(chosen))
        plan = _plan(tx, [rest, chosen], doing="changing its membership")
        _record(
            store,
            tx,
            plan,
            kind="split",
            event_kind="cluster_split",
            who=who,
            reason=_reason(reason),
            summary=f"split {_n(len(chosen))} off {cluster_id} into {plan.ids[1]} "
            f"(the rest is now {plan.ids[0]})",
            pairs=[*_star("must", chosen[0], chosen), *_across(chosen, rest)],
            involved=members,
            detail={"cluster_id": cluster_id, "split_off": list(chosen)},
        )
    return plan.ids[0], plan.ids[1]


def _n(count: int, word: str = "claim") -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def merge_clusters(
    store: Store, cluster_ids: Sequence[str], *, actor: str | Reviewer, reason: str = ""
) -> str:
    """Merge two or more clusters into one; the merged cluster's id.

    Lasting: the merged claims are must-linked, so a later clustering keeps them together.
    """
    who = _corrector(store, actor)
    actor = who.name
    distinct = list(dict.fromkeys(cluster_ids))
    if len(distinct) < 2:
        raise InvalidInputError("choose at least two different clusters to merge")
    with store.transaction() as tx:
        for cid in distinct:
            _active_cluster(tx, cid)
        merged = tuple(m for cid in distinct for m in sql.cluster_members(tx, cid))
        plan = _plan(tx, [merged], doing="changing its membership")
        _record(
            store,
            tx,
            plan,
            kind="merge",
            event_kind="clusters_merged",
            who=who,
            reason=_reason(reason),
            summary=f"merged {', '.join(distinct)} into {plan.ids[0]}",
            pairs=_star("must", merged[0], merged),
            involved=merged,
            detail={"merged": sorted(distinct)},
        )
    return plan.ids[0]


# -- proposals ----------------------------------------------------------------------------------


def proposals(store: Store, cluster_id: str | None = None) -> list[Proposal]:
    """Open proposals (for one cluster, or all), oldest first."""
    with store.snapshot() as tx:
        rows = sql.open_proposals(tx, cluster_id)
    return [Proposal(r.proposal_id, r.cluster_id, r.claim_ids, r.created_at) for r in rows]


def _open_proposal(tx: Tx, proposal_id: int) -> sql.ProposalRow:
    row = sql.proposal(tx, proposal_id)
    if row is None:
        raise NotFoundError(f"unknown proposal {proposal_id}")
    if row.status != "open":
        raise InvalidInputError(f"proposal {proposal_id} is already decided ({row.status})")
    return row


def accept_proposal(
    store: Store, proposal_id: int, *, actor: str | Reviewer, reason: str = ""
) -> str:
    """Let the proposed claims join their reviewed cluster; the new cluster's id.

    The verdict covered other claims, so the new cluster needs re-review.  A signed-off
    cluster is refused (LockedError): reopen it first.
    """
    who = _corrector(store, actor)
    actor = who.name
    with store.transaction() as tx:
        row = _open_proposal(tx, proposal_id)
        _active_cluster(tx, row.cluster_id)
        _refuse_locked(tx, row.cluster_id, doing="letting new claims join it")
        members = sql.cluster_members(tx, row.cluster_id)
        joined = (*members, *row.claim_ids)
        plan = _plan(tx, [joined], doing="changing its membership")
        correction_id = _record(
            store,
            tx,
            plan,
            kind="accept",
            event_kind="proposal_accepted",
            who=who,
            reason=_reason(reason),
            summary=f"let {_n(len(row.claim_ids), 'new claim')} join {row.cluster_id} "
            f"(now {plan.ids[0]})",
            pairs=_star("must", members[0], joined),
            involved=joined,
            detail={"proposal": proposal_id, "cluster_id": row.cluster_id},
        )
        sql.set_proposal_status(
            tx,
            proposal_id,
            status="accepted",
            actor=actor,
            now=utc_now(),
            correction_id=correction_id,
        )
    return plan.ids[0]


def keep_apart(store: Store, proposal_id: int, *, actor: str | Reviewer, reason: str = "") -> str:
    """Keep the proposed claims out of their reviewed cluster for good (a cannot-link)."""
    who = _corrector(store, actor)
    actor = who.name
    with store.transaction() as tx:
        row = _open_proposal(tx, proposal_id)
        _active_cluster(tx, row.cluster_id)
        members = sql.cluster_members(tx, row.cluster_id)
        plan = _Plan((), {}, (row.cluster_id,))
        correction_id = _record(
            store,
            tx,
            plan,
            kind="keep_apart",
            event_kind="claims_kept_apart",
            who=who,
            reason=_reason(reason),
            summary=f"kept {_n(len(row.claim_ids))} apart from {row.cluster_id}",
            pairs=_across(row.claim_ids, members),
            involved=(),
            detail={"proposal": proposal_id, "cluster_id": row.cluster_id},
        )
        sql.touch(tx, correction_id, row.cluster_id)
        sql.set_proposal_status(
            tx,
            proposal_id,
            status="kept_apart",
            actor=actor,
            now=utc_now(),
            correction_id=correction_id,
        )
    return row.cluster_id


# -- clustering ---------------------------------------------------------------------------------


def constrain(clusters: Sequence[Cluster], store: Store) -> Constrained:
    """A fresh clustering made to honour every active correction and reviewed cluster."""
    with store.snapshot() as tx:
        pinned = sql.pinned_clusters(tx)
        must, cannot = sql.active_constraints(tx)
    return apply_constraints(clusters, pinned=pinned, must=must, cannot=cannot)


def record_proposals(store: Store, wanted: Mapping[str, tuple[str, ...]]) -> None:
    """Make ``wanted`` the open proposals (earlier ones no longer proposed become stale)."""
    with store.transaction() as tx:
        sql.store_proposals(tx, wanted, now=utc_now())


def successors(store: Store, cluster_id: str) -> list[str]:
    """Current clusters that continue a retired one (empty if it is current or unknown)."""
    with store.snapshot() as tx:
        row = tx.one("SELECT active FROM clusters WHERE cluster_id = ?", (cluster_id,))
        if row is None or row[0]:
            return []
        found = sql.successors(tx, cluster_id)
        sizes = {cid: len(sql.cluster_members(tx, cid)) for cid in found}
    return sorted(found, key=lambda cid: (-sizes[cid], cid))


# -- undo and history ---------------------------------------------------------------------------


def _to_undo(tx: Tx, event: int | None) -> sql.CorrectionRow:
    if event is None:
        row = sql.latest_open_correction(tx)
        if row is None:
            raise InvalidInputError("there is no correction to undo")
        return row
    found = sql.correction_by_event(tx, event)
    if found is None:
        raise NotFoundError(f"event {event} is not a correction (move, split, merge, proposal)")
    if found.undone_at:
        raise InvalidInputError(
            f"correction #{event} was already undone by {found.undone_by} on {found.undone_at[:10]}"
        )
    return found


def undo(
    store: Store, *, actor: str | Reviewer, event: int | None = None, reason: str = ""
) -> Correction:
    """Undo a correction (``event`` is its audit number; ``None``: the latest one).

    Its claims go back to the clusters they were in (with their verdicts and flags), its
    constraints lapse and those it superseded apply again.  A correction followed by
    another one on the same claims is refused until that one is undone.
    """
    who = _corrector(store, actor)
    actor = who.name
    with store.transaction() as tx:
        row = _to_undo(tx, event)
        for later in sql.later_corrections(tx, row.correction_id):
            if later.claim_ids & row.claim_ids:
                raise InvalidInputError(
                    f"correction #{later.event_seq} ({later.summary}) came after it on the "
                    f"same claims: undo #{later.event_seq} first"
                )
        now = utc_now()
        plan = _plan(tx, [g.claim_ids for g in row.before], doing="undoing a correction")
        removed = [g.cluster_id for g in plan.before]
        sql.mark_undone(tx, row.correction_id, actor=actor, reason=_reason(reason), now=now)
        flags = {g.cluster_id: g.needs_rereview for g in row.before if g.cluster_id in plan.added}
        payload = {
            "undone": row.event_seq,
            "correction": row.correction_id,
            "reason": reason,
            "rereview": flags,
            **rules.mark(who),
        }
        store.change_membership(
            tx,
            removed=removed,
            added=plan.added,
            kind="correction_undone",
            actor=actor,
            detail=payload,
        )
        sql.carry_hints(tx, removed, plan.added)
        sql.set_rereview(tx, flags)
    return replace(_public(row), undone_at=now, undone_by=actor, undo_reason=_reason(reason))


def corrections(store: Store, *, cluster_id: str | None = None) -> list[Correction]:
    """Corrections (touching one cluster or its predecessors, or all), oldest first."""
    with store.snapshot() as tx:
        if cluster_id is None:
            ids = [str(r[0]) for r in tx.all("SELECT DISTINCT cluster_id FROM correction_clusters")]
        else:
            ids = [cluster_id, *sql.ancestors(tx, cluster_id)]
        rows = sql.corrections_for(tx, ids)
    return [_public(r) for r in rows]


def history_entries(tx: Tx, cluster_id: str) -> list[HistoryEntry]:
    """History lines for the corrections of a cluster and of the clusters it continues."""
    rows = sql.corrections_for(tx, [cluster_id, *sql.ancestors(tx, cluster_id)])
    out: list[HistoryEntry] = []
    for r in rows:
        note = r.summary + (f": {r.reason}" if r.reason else "")
        out.append(
            HistoryEntry(r.created_at, r.kind, r.actor, cluster_id, None, note, r.event_seq or 0)
        )
        if r.undone_at:
            why = f"undid #{r.event_seq} ({r.summary})" + (
                f": {r.undo_reason}" if r.undo_reason else ""
            )
            out.append(
                HistoryEntry(
                    r.undone_at, "undo", r.undone_by or "?", cluster_id, None, why, r.event_seq or 0
                )
            )
    return out
