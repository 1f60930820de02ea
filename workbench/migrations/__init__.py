"""Versioned schema migrations for the workbench store.

Each :class:`Migration` has a version, a description, portable DDL (one
statement per ``;``) and an optional Python ``backfill`` run in the same
transaction.  Applied versions are recorded in ``schema_version`` (portable) and
mirrored into ``PRAGMA user_version`` for SQLite tools.  :func:`migrate` reads the
applied version without taking a write lock and returns at once when nothing is
missing (so opening the store never waits for a writer); otherwise it applies the
missing steps in order, each in its own ``BEGIN IMMEDIATE`` transaction, so several
processes opening the same new file at once are safe.  A store whose schema is
newer than this code is refused (:class:`~workbench.errors.WorkbenchError`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from workbench.audit import append_event
from workbench.backends import Connection
from workbench.errors import WorkbenchError

__all__ = ["LATEST_VERSION", "MIGRATIONS", "Migration", "current_version", "migrate"]


@dataclass(frozen=True)
class Migration:
    """One ordered schema step."""

    version: int
    description: str
    sql: str
    backfill: Callable[[Connection], None] | None = None


_V1_CONTENT = """
CREATE TABLE meta (
    meta_key TEXT PRIMARY KEY,
    meta_value INTEGER NOT NULL
);
INSERT INTO meta (meta_key, meta_value) VALUES ('data_version', 0);
CREATE TABLE articles (
    article_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    language TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    published TEXT,
    url TEXT,
    origin TEXT NOT NULL,
    encoding TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE claims (
    claim_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (article_id),
    claim_text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    context_start INTEGER NOT NULL,
    context_end INTEGER NOT NULL,
    speaker TEXT,
    score REAL NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX claims_by_article ON claims (article_id, position);
CREATE TABLE embeddings (
    model_id TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model_id, text_hash)
)
"""

_V2_REVIEW = """
CREATE TABLE clusters (
    cluster_id TEXT PRIMARY KEY,
    active INTEGER NOT NULL,
    version INTEGER NOT NULL,
    changed_by TEXT,
    needs_rereview INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX clusters_active ON clusters (active);
CREATE TABLE memberships (
    claim_id TEXT PRIMARY KEY REFERENCES claims (claim_id),
    cluster_id TEXT NOT NULL REFERENCES clusters (cluster_id)
);
CREATE INDEX memberships_by_cluster ON memberships (cluster_id);
CREATE TABLE hints (
    hint_id INTEGER PRIMARY KEY,
    cluster_id TEXT NOT NULL REFERENCES clusters (cluster_id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    claim_ids TEXT NOT NULL,
    value_pairs TEXT NOT NULL
);
CREATE INDEX hints_by_cluster ON hints (cluster_id, position);
CREATE TABLE verdicts (
    verdict_id INTEGER PRIMARY KEY,
    cluster_id TEXT NOT NULL REFERENCES clusters (cluster_id),
    verdict TEXT NOT NULL CHECK (verdict IN
        ('consistent', 'contradictory', 'partial', 'unrelated', 'unclear')),
    note TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX verdicts_by_cluster ON verdicts (cluster_id, verdict_id);
CREATE TABLE cluster_lineage (
    lineage_id INTEGER PRIMARY KEY,
    cluster_id TEXT NOT NULL REFERENCES clusters (cluster_id),
    previous_cluster_id TEXT NOT NULL REFERENCES clusters (cluster_id),
    previous_verdict_id INTEGER REFERENCES verdicts (verdict_id),
    created_at TEXT NOT NULL
);
CREATE INDEX lineage_by_cluster ON cluster_lineage (cluster_id);
CREATE TABLE signoffs (
    signoff_id INTEGER PRIMARY KEY,
    cluster_id TEXT NOT NULL REFERENCES clusters (cluster_id),
    verdict_id INTEGER NOT NULL REFERENCES verdicts (verdict_id),
    reviewer TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    reopened_at TEXT,
    reopened_by TEXT,
    reopen_reason TEXT
);
CREATE INDEX signoffs_by_cluster ON signoffs (cluster_id)
"""

_V3_AUDIT = """
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
)
"""


_V4_LINKS = """
CREATE TABLE links (
    link_id INTEGER PRIMARY KEY,
    cluster_id TEXT NOT NULL REFERENCES clusters (cluster_id),
    position INTEGER NOT NULL,
    claim_a TEXT NOT NULL REFERENCES claims (claim_id),
    claim_b TEXT NOT NULL REFERENCES claims (claim_id),
    relation TEXT NOT NULL CHECK (relation IN ('same', 'related', 'conflict')),
    score REAL NOT NULL,
    hint_kinds TEXT NOT NULL,
    hints TEXT NOT NULL,
    CHECK (claim_a < claim_b),
    UNIQUE (cluster_id, claim_a, claim_b)
);
CREATE INDEX links_by_cluster ON links (cluster_id, position);
ALTER TABLE claims ADD COLUMN reading TEXT
"""


def _backfill_article_events(conn: Connection) -> None:
    """Record the articles stored before the audit log existed as ``article_added`` events."""
    rows = conn.execute(
        "SELECT article_id, content_hash, source FROM articles ORDER BY added_at, article_id"
    ).fetchall()
    for article_id, content_hash, source in rows:
        claim_ids = [
            row[0]
            for row in conn.execute(
                "SELECT claim_id FROM claims WHERE article_id = ? ORDER BY position, claim_id",
                (article_id,),
            )
        ]
        payload = {
            "article_id": article_id,
            "content_hash": content_hash,
            "source": source,
            "claims": claim_ids,
            "backfilled": True,
        }
        append_event(conn, kind="article_added", actor="migration", payload=payload)


_V5_CORRECTIONS = """
CREATE TABLE corrections (
    correction_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('move', 'split', 'merge', 'accept', 'keep_apart')),
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at TEXT NOT NULL,
    event_seq INTEGER,
    before_groups TEXT NOT NULL,
    after_groups TEXT NOT NULL,
    undone_at TEXT,
    undone_by TEXT,
    undo_reason TEXT
);
CREATE INDEX corrections_by_event ON corrections (event_seq);
CREATE TABLE correction_clusters (
    correction_id INTEGER NOT NULL REFERENCES corrections (correction_id),
    cluster_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('before', 'after')),
    PRIMARY KEY (correction_id, cluster_id, role)
);
CREATE INDEX correction_clusters_by_cluster ON correction_clusters (cluster_id);
CREATE TABLE constraints (
    constraint_id INTEGER PRIMARY KEY,
    correction_id INTEGER NOT NULL REFERENCES corrections (correction_id),
    kind TEXT NOT NULL CHECK (kind IN ('must', 'cannot')),
    claim_a TEXT NOT NULL REFERENCES claims (claim_id),
    claim_b TEXT NOT NULL REFERENCES claims (claim_id),
    superseded_by INTEGER REFERENCES corrections (correction_id)
);
CREATE INDEX constraints_by_a ON constraints (claim_a);
CREATE INDEX constraints_by_b ON constraints (claim_b);
CREATE INDEX constraints_by_correction ON constraints (correction_id);
CREATE TABLE proposals (
    proposal_id INTEGER PRIMARY KEY,
    cluster_id TEXT NOT NULL REFERENCES clusters (cluster_id),
    claim_ids TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'kept_apart', 'stale')),
    decided_by TEXT,
    decided_at TEXT,
    correction_id INTEGER REFERENCES corrections (correction_id)
);
CREATE INDEX proposals_by_cluster ON proposals (cluster_id, status)
"""

_V6_DRAFTS = """
CREATE TABLE drafts (
    reviewer TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    verdict TEXT,
    note TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (reviewer, cluster_id)
)
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, claims, embedding cache", _V1_CONTENT),
    Migration(2, "clusters, memberships, hints, verdicts, sign-offs", _V2_REVIEW),
    Migration(3, "hash-chained audit log", _V3_AUDIT, _backfill_article_events),
    Migration(4, "links between aligned claims; Claim.reading", _V4_LINKS),
    Migration(5, "corrections as constraints, proposals for reviewed clusters", _V5_CORRECTIONS),
    Migration(6, "per-person unsaved review drafts (note and verdict per cluster)", _V6_DRAFTS),
)
LATEST_VERSION: int = MIGRATIONS[-1].version

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


def current_version(conn: Connection) -> int:
    """The highest applied schema version (0 for an empty database); a plain read."""
    try:
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    except sqlite3.OperationalError as exc:  # PostgreSQL errors arrive translated
        if "no such table" in str(exc) or "does not exist" in str(exc):
            return 0
        raise
    return int(row[0]) if row and row[0] is not None else 0


def _apply(conn: Connection, step: Migration) -> None:
    for statement in step.sql.split(";"):
        if statement.strip():
            conn.execute(statement)
    if step.backfill is not None:
        step.backfill(conn)
    conn.execute(
        "INSERT INTO schema_version (version, description, applied_at) "
        "VALUES (?, ?, CURRENT_TIMESTAMP)",
        (step.version, step.description),
    )
    conn.execute(f"PRAGMA user_version = {int(step.version)}")


def migrate(conn: Connection, *, target: int = LATEST_VERSION) -> int:
    """Apply the missing migrations up to ``target``; return the resulting version.

    ``conn`` must be in autocommit mode (``isolation_level=None``).  No write lock is
    taken when the schema is already at ``target``; a newer schema is refused.
    """
    found = current_version(conn)
    if found > LATEST_VERSION:
        raise WorkbenchError(
            f"its schema is version {found}, newer than this workbench knows "
            f"({LATEST_VERSION}): upgrade the workbench before using this store"
        )
    if found >= target:
        return found
    conn.execute(_VERSION_TABLE)
    for step in MIGRATIONS:
        if step.version > target:
            break
        if step.version <= found:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(conn) < step.version:
                _apply(conn, step)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return current_version(conn)
