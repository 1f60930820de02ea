"""The store's transaction primitive: :class:`Tx` and the base every store part builds on.

:class:`StoreBase` holds the connection and opens the two kinds of transaction:
:meth:`StoreBase.transaction` (``BEGIN IMMEDIATE``, which bumps ``data_version``
before committing and rolls everything back on any exception) and
:meth:`StoreBase.snapshot` (a consistent read).  The mixins of
:class:`workbench.store.Store` run all their SQL through these.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from workbench.audit import AuditEvent, append_event
from workbench.backends import Connection
from workbench.errors import InvalidInputError, WorkbenchError

__all__ = ["Row", "StoreBase", "Tx", "check_name", "chunks", "first", "marks"]

_CHUNK = 500
Row = tuple[Any, ...]


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def marks(n: int) -> str:
    return ", ".join("?" * n)


def first(row: Row | None) -> Any:
    """The first column of a row, or 0 when there is no row."""
    return row[0] if row is not None else 0


class Tx:
    """One open transaction on the store's connection (use via :meth:`Store.transaction`)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self.dirty = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a writing statement; returns the rows of a ``RETURNING`` clause, if any."""
        self.dirty = True
        return list(self._conn.execute(sql, tuple(params)).fetchall())

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run a writing statement once per parameter row."""
        self.dirty = True
        self._conn.executemany(sql, (tuple(r) for r in rows))

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        """First row of a query, or ``None``."""
        row = self._conn.execute(sql, tuple(params)).fetchone()
        return tuple(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """All rows of a query."""
        return [tuple(r) for r in self._conn.execute(sql, tuple(params)).fetchall()]

    def all_in(self, sql: str, values: Sequence[str], params: Sequence[Any] = ()) -> list[Row]:
        """Rows of ``sql`` whose ``{in}`` placeholder is expanded over ``values`` in chunks."""
        rows: list[Row] = []
        for chunk in chunks(values):
            rows.extend(self.all(sql.format(ins=marks(len(chunk))), (*params, *chunk)))
        return rows

    def event(self, kind: str, *, actor: str, payload: Mapping[str, Any]) -> AuditEvent:
        """Append an audit event to this transaction."""
        self.dirty = True
        return append_event(self._conn, kind=kind, actor=actor, payload=payload)


def check_name(value: str, *, what: str) -> str:
    """Strip a person's name; refuse an empty one with InvalidInputError."""
    name = (value or "").strip()
    if not name:
        raise InvalidInputError(f"{what} name must not be empty")
    return name


def _disk_full(exc: BaseException) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL) or the OS's ENOSPC."""
    if isinstance(exc, sqlite3.OperationalError):
        return "disk is full" in str(exc) or getattr(exc, "sqlite_errorcode", 0) == 13
    return isinstance(exc, OSError) and exc.errno == 28


class StoreBase:
    """The connection and its transactions (the part of the store every other part uses)."""

    def __init__(self, conn: Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A write transaction (``BEGIN IMMEDIATE``): commit on success, roll back on error."""
        with self._lock:
            if self._depth:
                raise WorkbenchError("nested write transaction")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise WorkbenchError(f"store {self.path} is busy: {exc}") from None
            self._depth += 1
            tx = Tx(self._conn)
            try:
                yield tx
                if tx.dirty:
                    tx.execute(
                        "UPDATE meta SET meta_value = meta_value + 1 WHERE meta_key = ?",
                        ("data_version",),
                    )
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:  # SQLite already rolled back on SQLITE_FULL
                    self._conn.execute("ROLLBACK")
                if _disk_full(exc):
                    raise WorkbenchError(f"disk full: nothing was written to {self.path}") from None
                raise
            finally:
                self._depth -= 1

    @contextmanager
    def snapshot(self) -> Iterator[Tx]:
        """A consistent read-only view (joins an open transaction of this thread)."""
        with self._lock:
            if self._depth:
                yield Tx(self._conn)
                return
            self._conn.execute("BEGIN")
            self._depth += 1
            try:
                yield Tx(self._conn)
            finally:
                self._depth -= 1
                self._conn.execute("ROLLBACK")
