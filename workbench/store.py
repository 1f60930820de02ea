"""The workbench's persistent store (SQLite by default).

The connection is created in exactly one place (:func:`connect`) with WAL,
foreign keys and a busy timeout; the schema comes from the ordered steps in
:mod:`workbench.migrations`.  Queries are standard, parameterised SQL so that a
PostgreSQL backend only needs another :func:`connect` and placeholder style.

Every write runs in one ``BEGIN IMMEDIATE`` transaction (:meth:`Store.transaction`)
that appends its audit event and bumps ``data_version`` before committing; any
exception rolls the whole change back.

:class:`Store` is assembled from one part per concern, each a module of its own:
:mod:`workbench.store_tx` (:class:`Tx`, the connection and its transactions),
:mod:`workbench.store_articles` (articles and claims), :mod:`workbench.store_embeddings`
(the embedding cache), :mod:`workbench.store_clustering` (re-clustering, membership
changes, hints, links) and :mod:`workbench.store_states` (clusters as reviewers see them).
The SQL of links and corrections lives in :mod:`workbench.store_links` and
:mod:`workbench.store_corrections`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType

from workbench.backends import Connection, prepare_location, redact, store_exists
from workbench.backends import connect as _backend_connect
from workbench.errors import NotFoundError, WorkbenchError
from workbench.migrations import migrate
from workbench.store_articles import ArticlesMixin
from workbench.store_clustering import ClusteringMixin, ReclusterReport, current_verdict_ids
from workbench.store_embeddings import EmbeddingsMixin
from workbench.store_states import ClusterState, StatesMixin
from workbench.store_tx import Row, StoreBase, Tx, check_name, first

__all__ = [
    "BUSY_TIMEOUT_S",
    "ClusterState",
    "ReclusterReport",
    "Row",
    "Store",
    "Tx",
    "check_name",
    "connect",
    "current_verdict_ids",
]

BUSY_TIMEOUT_S = 60.0


def connect(path: str) -> Connection:
    """Open a connection (SQLite file or PostgreSQL URL; see :mod:`workbench.backends`)."""
    return _backend_connect(path, busy_timeout_s=BUSY_TIMEOUT_S)


class Store(StatesMixin, ClusteringMixin, EmbeddingsMixin, ArticlesMixin, StoreBase):
    """SQLite-backed store of articles, claims, clusters, verdicts, sign-offs and audit log."""

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open (creating and migrating as needed) the store at ``path`` (``":memory:"`` ok).

        With ``create=False`` (read-only commands) a missing file is a NotFoundError and
        nothing is created.  Opening an up-to-date store takes no write lock.
        """
        name = str(path)
        if not create and not store_exists(name):
            raise NotFoundError(f"no store at {redact(name)}: check --db (nothing was created)")
        prepare_location(name)
        try:
            conn = connect(name)
        except sqlite3.DatabaseError as exc:
            raise WorkbenchError(f"cannot open store {redact(name)}: {exc}") from None
        try:
            migrate(conn)
        except (sqlite3.DatabaseError, WorkbenchError) as exc:
            conn.close()
            raise WorkbenchError(f"cannot open store {redact(name)}: {exc}") from None
        return cls(conn, name)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- counters -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts: articles, claims, clusters (current), verdicts, signoffs, events."""
        queries = {
            "articles": "SELECT COUNT(*) FROM articles",
            "claims": "SELECT COUNT(*) FROM claims",
            "clusters": "SELECT COUNT(*) FROM clusters WHERE active = 1",
            "verdicts": "SELECT COUNT(*) FROM verdicts",
            "signoffs": "SELECT COUNT(*) FROM signoffs",
            "events": "SELECT COUNT(*) FROM events",
        }
        with self.snapshot() as tx:
            return {name: int(first(tx.one(sql))) for name, sql in queries.items()}

    def data_version(self) -> int:
        """A number that grows on every committed write (a cache key for the dashboard)."""
        with self.snapshot() as tx:
            row = tx.one("SELECT meta_value FROM meta WHERE meta_key = ?", ("data_version",))
        return int(first(row))
