"""The store's SQL for corrections: constraints, proposals and cluster succession.

Part of the store layer (all SQL of :mod:`workbench.corrections` lives here); every
function takes an open :class:`~workbench.store.Tx`.  Tables come from migration 5:

- ``corrections``: one row per move, split, merge, accepted or kept-apart proposal, with
  the clusters before and after (JSON) and, once undone, who undid it and why;
- ``correction_clusters``: which clusters a correction touched (for a cluster's History);
- ``constraints``: must-link / cannot-link claim pairs a correction stated; a pair is
  active while its correction is not undone and no later correction superseded it;
- ``proposals``: claims a clustering would have added to a reviewed cluster, waiting
  for a person to accept them or keep them apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.store import Row, Tx

__all__ = [
    "CorrectionRow",
    "Group",
    "ProposalRow",
    "active_constraints",
    "ancestors",
    "carry_hints",
    "claims_in_clusters",
    "cluster_members",
    "correction_by_event",
    "corrections_for",
    "insert_constraints",
    "insert_correction",
    "later_corrections",
    "latest_open_correction",
    "mark_undone",
    "open_proposals",
    "pinned_clusters",
    "proposal",
    "rereview_flags",
    "set_event",
    "set_proposal_status",
    "set_rereview",
    "store_proposals",
    "successors",
    "supersede",
    "touch",
]


@dataclass(frozen=True)
class Group:
    """A cluster as a correction saw it: id, members and its re-review flag."""

    cluster_id: str
    claim_ids: tuple[str, ...]
    needs_rereview: bool = False

    def as_json(self) -> dict[str, Any]:
        """The JSON form stored in ``before_groups`` / ``after_groups``."""
        return {
            "cluster_id": self.cluster_id,
            "claims": list(self.claim_ids),
            "needs_rereview": self.needs_rereview,
        }


@dataclass(frozen=True)
class CorrectionRow:
    """One stored correction."""

    correction_id: int
    kind: str
    actor: str
    reason: str
    summary: str
    created_at: str
    event_seq: int | None
    before: tuple[Group, ...]
    after: tuple[Group, ...]
    undone_at: str | None
    undone_by: str | None
    undo_reason: str | None

    @property
    def claim_ids(self) -> frozenset[str]:
        """Every claim the correction regrouped."""
        return frozenset(m for g in (*self.before, *self.after) for m in g.claim_ids)


@dataclass(frozen=True)
class ProposalRow:
    """Claims a clustering would add to a reviewed cluster."""

    proposal_id: int
    cluster_id: str
    claim_ids: tuple[str, ...]
    created_at: str
    status: str


def _groups(raw: str) -> tuple[Group, ...]:
    return tuple(
        Group(str(g["cluster_id"]), tuple(g["claims"]), bool(g.get("needs_rereview")))
        for g in json.loads(raw)
    )


_CORRECTION_COLS = (
    "correction_id, kind, actor, reason, summary, created_at, event_seq, before_groups, "
    "after_groups, undone_at, undone_by, undo_reason"
)


def _correction(row: Row) -> CorrectionRow:
    return CorrectionRow(
        int(row[0]),
        str(row[1]),
        str(row[2]),
        str(row[3]),
        str(row[4]),
        str(row[5]),
        int(row[6]) if row[6] is not None else None,
        _groups(row[7]),
        _groups(row[8]),
        row[9],
        row[10],
        row[11],
    )


# -- memberships ----------------------------------------------------------------------------


def cluster_members(tx: Tx, cluster_id: str) -> tuple[str, ...]:
    """The claims of a cluster, sorted."""
    rows = tx.all(
        "SELECT claim_id FROM memberships WHERE cluster_id = ? ORDER BY claim_id", (cluster_id,)
    )
    return tuple(str(r[0]) for r in rows)


def claims_in_clusters(tx: Tx, claim_ids: Sequence[str]) -> dict[str, str]:
    """claim id -> current cluster id, for those of ``claim_ids`` that are clustered."""
    rows = tx.all_in(
        "SELECT claim_id, cluster_id FROM memberships WHERE claim_id IN ({ins})", list(claim_ids)
    )
    return {str(a): str(b) for a, b in rows}


def rereview_flags(tx: Tx, cluster_ids: Sequence[str]) -> dict[str, bool]:
    """cluster id -> needs_rereview."""
    rows = tx.all_in(
        "SELECT cluster_id, needs_rereview FROM clusters WHERE cluster_id IN ({ins})",
        list(cluster_ids),
    )
    return {str(a): bool(b) for a, b in rows}


def set_rereview(tx: Tx, flags: Mapping[str, bool]) -> None:
    """Restore re-review flags (after an undo)."""
    tx.executemany(
        "UPDATE clusters SET needs_rereview = ? WHERE cluster_id = ?",
        [(1 if flag else 0, cid) for cid, flag in flags.items()],
    )


def pinned_clusters(tx: Tx) -> dict[str, tuple[str, ...]]:
    """Current clusters a clustering must keep whole: signed off, or with a verdict not reopened.

    A verdict is a person's decision about exactly these claims; only a person changes it
    (a correction, or reopening a signed-off verdict, which lets it be re-clustered).
    """
    heads = tx.all(
        "SELECT cl.cluster_id FROM clusters cl WHERE cl.active = 1 AND EXISTS "
        "(SELECT 1 FROM verdicts v WHERE v.cluster_id = cl.cluster_id) AND NOT EXISTS "
        "(SELECT 1 FROM signoffs s WHERE s.cluster_id = cl.cluster_id "
        "AND s.reopened_at IS NOT NULL AND s.verdict_id = "
        "(SELECT MAX(w.verdict_id) FROM verdicts w WHERE w.cluster_id = cl.cluster_id))"
    )
    ids = [str(r[0]) for r in heads]
    out: dict[str, list[str]] = {cid: [] for cid in ids}
    for cid, claim_id in tx.all_in(
        "SELECT cluster_id, claim_id FROM memberships WHERE cluster_id IN ({ins}) "
        "ORDER BY claim_id",
        ids,
    ):
        out[str(cid)].append(str(claim_id))
    return {cid: tuple(ms) for cid, ms in out.items() if ms}


def successors(tx: Tx, cluster_id: str, *, depth: int = 20) -> list[str]:
    """The current clusters that took over a retired cluster's claims (most claims first)."""
    seen = {cluster_id}
    frontier = [cluster_id]
    active: list[str] = []
    for _ in range(depth):
        if not frontier:
            break
        rows = tx.all_in(
            "SELECT DISTINCT l.cluster_id, c.active FROM cluster_lineage l "
            "JOIN clusters c ON c.cluster_id = l.cluster_id "
            "WHERE l.previous_cluster_id IN ({ins})",
            frontier,
        )
        frontier = []
        for cid_raw, is_active in rows:
            cid = str(cid_raw)
            if cid in seen:
                continue
            seen.add(cid)
            (active if is_active else frontier).append(cid)
    return active


def ancestors(tx: Tx, cluster_id: str, *, depth: int = 20) -> list[str]:
    """The clusters whose claims ``cluster_id`` took over, transitively (nearest first)."""
    seen = {cluster_id}
    frontier = [cluster_id]
    out: list[str] = []
    for _ in range(depth):
        if not frontier:
            break
        rows = tx.all_in(
            "SELECT DISTINCT previous_cluster_id FROM cluster_lineage WHERE cluster_id IN ({ins})",
            frontier,
        )
        frontier = [str(r[0]) for r in rows if str(r[0]) not in seen]
        seen.update(frontier)
        out.extend(frontier)
    return out


def carry_hints(tx: Tx, removed: Sequence[str], added: Mapping[str, tuple[str, ...]]) -> None:
    """Give each new cluster the hints of retired clusters that still apply wholly inside it."""
    old = tx.all_in(
        "SELECT kind, message, claim_ids, value_pairs FROM hints "
        "WHERE cluster_id IN ({ins}) AND kind <> 'singleton' ORDER BY cluster_id, position",
        list(removed),
    )
    own = {
        str(r[0])
        for r in tx.all_in(
            "SELECT DISTINCT cluster_id FROM hints WHERE cluster_id IN ({ins})", list(added)
        )
    }
    for cid, members in added.items():
        if cid in own:  # a cluster restored to a membership it had: its own hints apply
            continue
        keep = [h for h in old if set(json.loads(h[2])) <= set(members)]
        tx.executemany(
            "INSERT INTO hints (cluster_id, position, kind, message, claim_ids, value_pairs) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(cid, i, *h) for i, h in enumerate(keep)],
        )


# -- corrections and constraints ------------------------------------------------------------


def insert_correction(
    tx: Tx,
    *,
    kind: str,
    actor: str,
    reason: str,
    summary: str,
    now: str,
    before: Sequence[Group],
    after: Sequence[Group],
) -> int:
    """Store a correction and the clusters it touched; returns its id."""
    rows = tx.execute(
        "INSERT INTO corrections (kind, actor, reason, summary, created_at, before_groups, "
        "after_groups) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING correction_id",
        (
            kind,
            actor,
            reason,
            summary,
            now,
            json.dumps([g.as_json() for g in before], ensure_ascii=False),
            json.dumps([g.as_json() for g in after], ensure_ascii=False),
        ),
    )
    correction_id = int(rows[0][0])
    touched = {(g.cluster_id, "before") for g in before} | {(g.cluster_id, "after") for g in after}
    tx.executemany(
        "INSERT INTO correction_clusters (correction_id, cluster_id, role) VALUES (?, ?, ?)",
        [(correction_id, cid, role) for cid, role in sorted(touched)],
    )
    return correction_id


def touch(tx: Tx, correction_id: int, cluster_id: str) -> None:
    """Note that a correction concerns a cluster whose membership it did not change."""
    tx.execute(
        "INSERT INTO correction_clusters (correction_id, cluster_id, role) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        (correction_id, cluster_id, "before"),
    )


def set_event(tx: Tx, correction_id: int, event_seq: int) -> None:
    """Link a correction to the audit event that recorded it."""
    tx.execute(
        "UPDATE corrections SET event_seq = ? WHERE correction_id = ?", (event_seq, correction_id)
    )


def insert_constraints(tx: Tx, correction_id: int, pairs: Iterable[tuple[str, str, str]]) -> None:
    """Store (kind, claim, claim) pairs of a correction, each pair sorted."""
    tx.executemany(
        "INSERT INTO constraints (correction_id, kind, claim_a, claim_b) VALUES (?, ?, ?, ?)",
        [(correction_id, kind, *sorted((a, b))) for kind, a, b in pairs if a != b],
    )


def supersede(tx: Tx, correction_id: int, claim_ids: Iterable[str]) -> None:
    """Mark active constraints among ``claim_ids`` as superseded by a newer correction."""
    involved = sorted(set(claim_ids))
    rows = tx.all_in(
        "SELECT k.constraint_id, k.claim_b FROM constraints k "
        "JOIN corrections c ON c.correction_id = k.correction_id "
        "WHERE k.superseded_by IS NULL AND c.undone_at IS NULL "
        "AND k.correction_id <> ? AND k.claim_a IN ({ins})",
        involved,
        (correction_id,),
    )
    inside = set(involved)
    tx.executemany(
        "UPDATE constraints SET superseded_by = ? WHERE constraint_id = ?",
        [(correction_id, int(kid)) for kid, b in rows if str(b) in inside],
    )


def active_constraints(tx: Tx) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(must-link pairs, cannot-link pairs) in force now."""
    must: list[tuple[str, str]] = []
    cannot: list[tuple[str, str]] = []
    for kind, a, b in tx.all(
        "SELECT k.kind, k.claim_a, k.claim_b FROM constraints k "
        "JOIN corrections c ON c.correction_id = k.correction_id "
        "WHERE k.superseded_by IS NULL AND c.undone_at IS NULL ORDER BY k.constraint_id"
    ):
        (must if kind == "must" else cannot).append((str(a), str(b)))
    return must, cannot


def corrections_for(tx: Tx, cluster_ids: Sequence[str]) -> list[CorrectionRow]:
    """Corrections that touched any of ``cluster_ids``, oldest first."""
    rows = tx.all_in(
        f"SELECT {_CORRECTION_COLS} FROM corrections WHERE correction_id IN "
        "(SELECT correction_id FROM correction_clusters WHERE cluster_id IN ({ins})) "
        "ORDER BY correction_id",
        list(cluster_ids),
    )
    unique = {int(r[0]): r for r in rows}
    return [_correction(unique[k]) for k in sorted(unique)]


def correction_by_event(tx: Tx, ref: int) -> CorrectionRow | None:
    """The correction recorded by audit event ``ref`` (or with correction id ``ref``)."""
    row = tx.one(f"SELECT {_CORRECTION_COLS} FROM corrections WHERE event_seq = ?", (ref,))
    return _correction(row) if row is not None else None


def latest_open_correction(tx: Tx, *, actor: str | None = None) -> CorrectionRow | None:
    """The newest correction not undone (by ``actor`` if given)."""
    sql = f"SELECT {_CORRECTION_COLS} FROM corrections WHERE undone_at IS NULL"
    params: tuple[str, ...] = ()
    if actor is not None:
        sql += " AND lower(actor) = lower(?)"
        params = (actor,)
    row = tx.one(sql + " ORDER BY correction_id DESC LIMIT 1", params)
    return _correction(row) if row is not None else None


def later_corrections(tx: Tx, correction_id: int) -> list[CorrectionRow]:
    """Corrections after ``correction_id`` that are not undone."""
    rows = tx.all(
        f"SELECT {_CORRECTION_COLS} FROM corrections WHERE correction_id > ? "
        "AND undone_at IS NULL ORDER BY correction_id",
        (correction_id,),
    )
    return [_correction(r) for r in rows]


def mark_undone(tx: Tx, correction_id: int, *, actor: str, reason: str, now: str) -> None:
    """Undo a correction: its constraints lapse, the ones it superseded apply again."""
    tx.execute(
        "UPDATE corrections SET undone_at = ?, undone_by = ?, undo_reason = ? "
        "WHERE correction_id = ?",
        (now, actor, reason, correction_id),
    )
    tx.execute(
        "UPDATE constraints SET superseded_by = NULL WHERE superseded_by = ?", (correction_id,)
    )
    tx.execute(
        "UPDATE proposals SET status = 'open', decided_by = NULL, decided_at = NULL, "
        "correction_id = NULL WHERE correction_id = ?",
        (correction_id,),
    )


# -- proposals ------------------------------------------------------------------------------

_PROPOSAL_COLS = "proposal_id, cluster_id, claim_ids, created_at, status"


def _proposal(row: Row) -> ProposalRow:
    return ProposalRow(int(row[0]), str(row[1]), tuple(json.loads(row[2])), str(row[3]), row[4])


def store_proposals(tx: Tx, wanted: Mapping[str, tuple[str, ...]], *, now: str) -> None:
    """Make ``wanted`` (cluster -> claims) the open proposals; others become stale."""
    current = {
        str(r[1]): (int(r[0]), tuple(json.loads(r[2])))
        for r in tx.all(
            "SELECT proposal_id, cluster_id, claim_ids FROM proposals WHERE status = 'open'"
        )
    }
    stale = [pid for cid, (pid, ids) in current.items() if wanted.get(cid) != ids]
    tx.executemany(
        "UPDATE proposals SET status = 'stale' WHERE proposal_id = ?", [(p,) for p in stale]
    )
    fresh = [
        (cid, json.dumps(sorted(ids)), now, "open")
        for cid, ids in sorted(wanted.items())
        if ids and current.get(cid, (0, ()))[1] != ids
    ]
    tx.executemany(
        "INSERT INTO proposals (cluster_id, claim_ids, created_at, status) VALUES (?, ?, ?, ?)",
        fresh,
    )


def open_proposals(tx: Tx, cluster_id: str | None = None) -> list[ProposalRow]:
    """Open proposals (for one cluster, or all)."""
    sql = f"SELECT {_PROPOSAL_COLS} FROM proposals WHERE status = 'open'"
    params: tuple[str, ...] = ()
    if cluster_id is not None:
        sql += " AND cluster_id = ?"
        params = (cluster_id,)
    return [_proposal(r) for r in tx.all(sql + " ORDER BY proposal_id", params)]


def proposal(tx: Tx, proposal_id: int) -> ProposalRow | None:
    """One proposal, any status."""
    row = tx.one(f"SELECT {_PROPOSAL_COLS} FROM proposals WHERE proposal_id = ?", (proposal_id,))
    return _proposal(row) if row is not None else None


def set_proposal_status(
    tx: Tx, proposal_id: int, *, status: str, actor: str, now: str, correction_id: int
) -> None:
    """Record a person's decision on a proposal."""
    tx.execute(
        "UPDATE proposals SET status = ?, decided_by = ?, decided_at = ?, correction_id = ? "
        "WHERE proposal_id = ?",
        (status, actor, now, correction_id, proposal_id),
    )
