"""Append-only, hash-chained audit log and its verification.

Every change to the store is an event ``{seq, at, actor, kind, payload}``.  Its
hash is ``sha256(previous hash + canonical JSON of the event)`` where canonical
JSON has sorted keys, no whitespace and is UTF-8 encoded; the first event's
previous hash is :data:`GENESIS`.  :func:`verify` recomputes the chain *and*
replays it, checking that the current verdicts, sign-offs, cluster memberships
and articles equal what the log says, so an edit made behind the workbench's
back (an UPDATE/DELETE with the sqlite3 shell) is reported.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.store import Store

__all__ = [
    "GENESIS",
    "AuditEvent",
    "VerifyReport",
    "append_event",
    "canonical_json",
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
    conn: sqlite3.Connection,
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
