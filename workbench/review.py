"""Reviewing clusters: verdicts, four-eyes sign-off, reopening and history.

Corrections (move, split, merge, undo) live in :mod:`workbench.corrections`; their
names stay importable from here.

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

from dataclasses import dataclass
from typing import Any

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
from workbench.store import Row, Store, Tx

__all__ = [
    "HistoryEntry",
    "SignOffRecord",
    "VERDICTS",
    "VerdictRecord",
    "history",
    "record_verdict",
    "reopen",
    "sign_off",
]
_MOVED_TO_CORRECTIONS = frozenset({"merge_clusters", "move_claim", "split_cluster"})


def __getattr__(name: str) -> Any:
    """The correction functions live in :mod:`workbench.corrections` (still importable here)."""
    if name in _MOVED_TO_CORRECTIONS:
        from workbench import corrections

        return getattr(corrections, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    to a cluster whose claims this one took over: ``cluster_id`` names that cluster),
    or a correction: ``move``, ``split``, ``merge``, ``accept``, ``keep_apart``, ``undo``
    (``note`` says what changed and why).  ``ref`` is the verdict or sign-off id, or the
    correction's audit event number.
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
        from workbench.store_corrections import successors

        later = successors(tx, cluster_id)
        raise NotFoundError(
            f"cluster {cluster_id} no longer exists (its claims were re-clustered)"
            + (f"; it continues as {', '.join(later[:3])}" if later else "")
        )
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
                f"(version {version}, you saw {expected_version}): compare, then save again"
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


# -- history ------------------------------------------------------------------------------------


def history(store: Store, cluster_id: str) -> list[HistoryEntry]:
    """The review history of a cluster, oldest first, including the verdicts it inherited."""
    with store.snapshot() as tx:
        if tx.one("SELECT 1 FROM clusters WHERE cluster_id = ?", (cluster_id,)) is None:
            raise NotFoundError(f"unknown cluster {cluster_id}")
        from workbench.corrections import history_entries

        entries = [*_inherited(tx, cluster_id), *_own(tx, cluster_id)]
        entries += history_entries(tx, cluster_id)
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
