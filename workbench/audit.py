"""Append-only, hash-chained audit log and its verification.

Every change to the store is an event ``{seq, at, actor, kind, payload}``.  Its
hash is ``sha256(previous hash + canonical JSON of the event)`` where canonical
JSON has sorted keys, no whitespace and is UTF-8 encoded; the first event's
previous hash is :data:`GENESIS`.  :func:`verify` recomputes the chain *and*
replays it, checking that the current verdicts, sign-offs, cluster memberships,
re-review flags and articles equal what the log says, and that the reviewed
content (article rows, claim rows and spans, hints, cached embeddings) matches
the digests logged when it was written (:mod:`workbench.integrity`), so an edit
made behind the workbench's back (an UPDATE/DELETE with the sqlite3 shell) is
reported.  ``verify(store, manifest=...)`` also checks the chain against the head
an export manifest recorded, which catches a truncated or rewritten chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from workbench import store_links
from workbench.integrity import CONTENT_CHECKS, LoggedContent

if TYPE_CHECKING:
    from workbench.backends import Connection
    from workbench.store import Store

__all__ = [
    "AuditEvent",
    "GENESIS",
    "VerifyReport",
    "append_event",
    "canonical_json",
    "check_manifest",
    "event_hash",
    "events",
    "utc_now",
    "verify",
]

GENESIS = "0" * 64


def utc_now() -> str:
    """The current UTC time as an ISO-8601 string (microseconds, ``+00:00``)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def canonical_json(value: object) -> str:
    """Sorted keys, no whitespace, non-ASCII kept as is (hash it as UTF-8)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class AuditEvent:
    """One entry of the audit log."""

    seq: int
    at: str
    actor: str
    kind: str
    payload: Mapping[str, Any]
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        """The hashed part of the event."""
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "kind": self.kind,
            "payload": dict(self.payload),
        }


def event_hash(prev_hash: str, body: Mapping[str, Any]) -> str:
    """``sha256(prev_hash + canonical_json(body))`` as hex."""
    data = prev_hash.encode("ascii") + canonical_json(dict(body)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def append_event(
    conn: Connection,
    *,
    kind: str,
    actor: str,
    payload: Mapping[str, Any],
    at: str | None = None,
) -> AuditEvent:
    """Append one event inside the caller's (write) transaction and return it."""
    last = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS)
    plain = json.loads(canonical_json(dict(payload)))
    event = AuditEvent(seq, at or utc_now(), actor, kind, plain, prev, "")
    digest = event_hash(prev, event.body())
    conn.execute(
        "INSERT INTO events (seq, at, actor, kind, payload, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, event.at, actor, kind, canonical_json(plain), prev, digest),
    )
    return AuditEvent(seq, event.at, actor, kind, plain, prev, digest)


@dataclass(frozen=True)
class VerifyReport:
    """Result of :func:`verify`: ``ok`` only when the chain and the state are intact."""

    ok: bool
    events: int
    head: str
    problems: tuple[str, ...]


_EVENT_COLS = "seq, at, actor, kind, payload, prev_hash, hash"
_MEMBERSHIP_KINDS = (
    "clustering_replaced",
    "claim_moved",
    "cluster_split",
    "clusters_merged",
    "correction_undone",
    "proposal_accepted",
)
_MAX_LINES = 20


def events(store: Store, *, limit: int | None = None) -> list[AuditEvent]:
    """Audit events, oldest first; with ``limit``, only the latest ``limit`` of them."""
    with store.snapshot() as tx:
        if limit is None:
            rows = tx.all(f"SELECT {_EVENT_COLS} FROM events ORDER BY seq")
        else:
            rows = tx.all(
                f"SELECT {_EVENT_COLS} FROM events ORDER BY seq DESC LIMIT ?", (max(limit, 0),)
            )[::-1]
    return [_event_from(r) for r in rows]


def _event_from(row: tuple[Any, ...]) -> AuditEvent:
    try:
        payload = json.loads(row[4])
    except (TypeError, ValueError):
        payload = {"unparsable": str(row[4])}
    if not isinstance(payload, dict):
        payload = {"unparsable": str(row[4])}
    return AuditEvent(int(row[0]), str(row[1]), str(row[2]), str(row[3]), payload, *row[5:7])


def verify(store: Store, *, manifest: Mapping[str, Any] | None = None) -> VerifyReport:
    """Recompute the hash chain and check the store's state against a replay of the log.

    With ``manifest`` (an export manifest's JSON), the chain must still contain the
    ``audit_head`` it recorded, at the position it recorded (``audit_events``).
    """
    with store.snapshot() as tx:
        rows = tx.all(f"SELECT {_EVENT_COLS} FROM events ORDER BY seq")
        log = [_event_from(r) for r in rows]
        problems = _check_chain(log)
        state = _Replay(log)
        problems += state.problems
        problems += _compare(
            "verdict", state.verdicts, _table(tx, "verdict_id", _VERDICT_COLS, "verdicts")
        )
        problems += _compare(
            "sign-off", state.signoffs, _table(tx, "signoff_id", _SIGNOFF_COLS, "signoffs")
        )
        problems += _compare("membership of claim", state.members, _memberships(tx))
        problems += _compare("cluster", state.clusters, _clusters(tx))
        problems += _compare("article", state.articles, _articles(tx))
        stored_links: Facts = {k: (v,) for k, v in store_links.stored_digests(tx).items()}
        problems += _compare("links of cluster", state.links, stored_links)
        for _name, check in CONTENT_CHECKS:
            problems += check(tx, state.content)
        if manifest is not None:
            problems += check_manifest(log, manifest)
        problems += _check_reviewers_file(state.content)
    head = log[-1].hash if log else GENESIS
    return VerifyReport(ok=not problems, events=len(log), head=head, problems=tuple(problems))


def check_manifest(log: list[AuditEvent], manifest: Mapping[str, Any]) -> list[str]:
    """The chain against the head an export manifest recorded (one line per difference)."""
    head = str(manifest.get("audit_head") or "")
    count = manifest.get("audit_events")
    if not head:
        return ["the manifest records no audit_head"]
    if head == GENESIS:
        return []
    seqs = {e.hash: e.seq for e in log}
    if head not in seqs:
        return [
            f"the audit log no longer contains the head the manifest recorded ({head[:16]}): "
            "events were removed or the chain was rewritten since the export"
        ]
    if isinstance(count, int) and seqs[head] != count:
        return [
            f"the manifest's head is event {seqs[head]} but the manifest recorded {count} events"
        ]
    return []


def _check_reviewers_file(logged: LoggedContent) -> list[str]:
    """The reviewers file is what the last audited ``reviewers add`` left."""
    if logged.reviewers_file is None:
        return []
    from workbench.auth import file_digest

    path, digest = logged.reviewers_file
    if file_digest(path) != digest:
        return [
            f"reviewers file {path} was changed outside `workbench reviewers add` "
            "since its last audited change"
        ]
    return []


def _check_chain(log: list[AuditEvent]) -> list[str]:
    problems: list[str] = []
    prev = GENESIS
    for expected, event in enumerate(log, start=1):
        if event.seq != expected:
            problems.append(f"event {expected} is missing (the log jumps to event {event.seq})")
        if event.prev_hash != prev:
            problems.append(f"event {event.seq} ({event.kind}) does not link to the event before")
        if "unparsable" in event.payload or event_hash(event.prev_hash, event.body()) != event.hash:
            problems.append(
                f"event {event.seq} ({event.kind}) was altered: its hash does not match"
            )
        prev = event.hash
    return problems


Key = str | int
Facts = dict[Key, tuple[Any, ...]]


class _Replay:
    """The state the audit log says the store is in."""

    def __init__(self, log: list[AuditEvent]) -> None:
        self.verdicts: Facts = {}
        self.signoffs: Facts = {}
        self.members: Facts = {}
        self.versions: dict[str, int] = {}
        self.active: set[str] = set()
        self.articles: Facts = {}
        self.links: Facts = {}
        self.content = LoggedContent()
        self.rereview: set[str] = set()
        self.reviewed: set[str] = set()
        self.problems: list[str] = []
        for event in log:
            try:
                self._apply(event.kind, event.payload)
                self.content.apply(event.kind, event.payload)
            except (KeyError, TypeError, ValueError, AttributeError):
                self.problems.append(
                    f"event {event.seq} ({event.kind}) cannot be replayed: its payload is damaged"
                )
        self.clusters: Facts = {
            cid: (
                1 if cid in self.active else 0,
                self.versions.get(cid, 0),
                1 if cid in self.rereview else 0,
            )
            for cid in self.active | set(self.versions)
        }

    def _apply(self, kind: str, p: Mapping[str, Any]) -> None:
        if kind == "article_added":
            self.articles[p["article_id"]] = (p["content_hash"], tuple(sorted(p["claims"])))
        elif kind == "verdict_recorded":
            self.verdicts[p["verdict_id"]] = tuple(p[k] for k in _VERDICT_KEYS)
            self.versions[p["cluster_id"]] = p["version"]
            self.reviewed.add(p["cluster_id"])
            self.rereview.discard(p["cluster_id"])
        elif kind == "signed_off":
            self.signoffs[p["signoff_id"]] = (*(p[k] for k in _SIGNOFF_KEYS), None, None, None)
            self.versions[p["cluster_id"]] = p["version"]
        elif kind == "reopened":
            old = self.signoffs.get(p["signoff_id"], (p["cluster_id"], None, None, None))
            self.signoffs[p["signoff_id"]] = (
                *old[:4],
                p["reopened_at"],
                p["reviewer"],
                p["reason"],
            )
            self.versions[p["cluster_id"]] = p["version"]
        elif kind in _MEMBERSHIP_KINDS:
            self._regroup(p["removed"], p["added"])
            for cid, flag in p.get("rereview", {}).items():  # flags an undo restored
                (self.rereview.add if flag else self.rereview.discard)(cid)
        elif kind == store_links.LINKS_EVENT:
            for cid, digest in p["clusters"].items():
                self.links[cid] = (str(digest),)
                if digest is None:
                    del self.links[cid]

    def _regroup(self, removed: list[str], added: Mapping[str, list[str]]) -> None:
        gone = set(removed)
        before = {claim: fact[0] for claim, fact in self.members.items()}
        carries = {c for c in gone if c in self.reviewed or c in self.rereview}
        for cid, claim_ids in added.items():  # the store's needs_rereview rule
            if {before.get(m) for m in claim_ids} & carries:
                self.rereview.add(cid)
            else:
                self.rereview.discard(cid)
        self.active -= gone
        self.members = {k: v for k, v in self.members.items() if v[0] not in gone}
        for cid, claim_ids in added.items():
            self.active.add(cid)
            self.versions.setdefault(cid, 0)
            for claim_id in claim_ids:
                self.members[claim_id] = (cid,)


_VERDICT_KEYS = ("cluster_id", "verdict", "note", "reviewer", "created_at")
_VERDICT_COLS = "cluster_id, verdict, note, reviewer, created_at"
_SIGNOFF_KEYS = ("cluster_id", "verdict_id", "reviewer", "signed_at")
_SIGNOFF_COLS = (
    "cluster_id, verdict_id, reviewer, signed_at, reopened_at, reopened_by, reopen_reason"
)


def _table(tx: Any, key: str, cols: str, table: str) -> Facts:
    return {int(r[0]): tuple(r[1:]) for r in tx.all(f"SELECT {key}, {cols} FROM {table}")}


def _memberships(tx: Any) -> Facts:
    return {str(r[0]): (str(r[1]),) for r in tx.all("SELECT claim_id, cluster_id FROM memberships")}


def _clusters(tx: Any) -> Facts:
    rows = tx.all("SELECT cluster_id, active, version, needs_rereview FROM clusters")
    return {str(r[0]): (int(r[1]), int(r[2]), int(r[3])) for r in rows}


def _articles(tx: Any) -> Facts:
    claims: dict[str, list[str]] = {}
    for claim_id, article_id in tx.all("SELECT claim_id, article_id FROM claims"):
        claims.setdefault(str(article_id), []).append(str(claim_id))
    return {
        str(aid): (str(h), tuple(sorted(claims.get(str(aid), []))))
        for aid, h in tx.all("SELECT article_id, content_hash FROM articles")
    }


def _compare(what: str, logged: Facts, stored: Facts) -> list[str]:
    """One problem line per difference between the replayed and the stored rows."""
    lines: list[str] = []
    for key in sorted(set(logged) | set(stored), key=str):
        if key not in stored:
            lines.append(f"{what} {key} is in the audit log but missing from the store")
        elif key not in logged:
            lines.append(f"{what} {key} in the store is not in the audit log: {stored[key]}")
        elif tuple(logged[key]) != tuple(stored[key]):
            lines.append(
                f"{what} {key} differs from the audit log: store has {stored[key]}, "
                f"log says {tuple(logged[key])}"
            )
    if len(lines) > _MAX_LINES:
        lines = [*lines[:_MAX_LINES], f"... and {len(lines) - _MAX_LINES} more {what} problems"]
    return lines
