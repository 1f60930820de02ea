"""Store backends: SQLite (embedded default) and PostgreSQL (a desk's shared server).

The store speaks one SQL, SQLite's, with ``?`` placeholders.  :func:`connect` returns a
connection with the ``sqlite3`` calls the store uses (``execute``, ``executemany``,
``close``) for either engine; for PostgreSQL every statement goes through
:mod:`workbench.backends.translate`, the one place where the two dialects differ, and
transactions keep SQLite's ``BEGIN IMMEDIATE`` meaning (see
:mod:`workbench.backends.postgres`).  Nothing outside this package branches on the engine.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from workbench.backends.sqlite import connect_sqlite, integrity_check
from workbench.backends.urls import is_postgres, normalise_target, redact
from workbench.errors import WorkbenchError

__all__ = [
    "Connection",
    "Cursor",
    "connect",
    "engine",
    "engine_check",
    "is_postgres",
    "normalise_target",
    "prepare_location",
    "redact",
    "store_exists",
    "store_folder",
]


class Cursor(Protocol):
    """The rows of one statement."""

    def fetchone(self) -> Any:
        """The next row, or ``None``."""
        ...

    def fetchall(self) -> list[Any]:
        """The remaining rows."""
        ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the store needs of a connection (``sqlite3.Connection`` has it)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor:
        """Run one statement."""
        ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor:
        """Run one statement per parameter row."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...

    @property
    def in_transaction(self) -> bool:
        """True inside an explicit transaction."""
        ...


def engine(target: str | Path) -> str:
    """``"postgresql"`` or ``"sqlite"``."""
    return "postgresql" if is_postgres(target) else "sqlite"


def connect(target: str, *, busy_timeout_s: float) -> Connection:
    """A connection to the store at ``target`` (a SQLite path or a PostgreSQL URL).

    Failures are ``sqlite3.DatabaseError`` subclasses with a one-line message that never
    shows a password.
    """
    if is_postgres(target):
        from workbench.backends.postgres import connect_postgres

        return connect_postgres(target, busy_timeout_s=busy_timeout_s)
    return connect_sqlite(target, busy_timeout_s=busy_timeout_s)


def prepare_location(target: str) -> None:
    """Create the folder of a new SQLite file (nothing to do for a server)."""
    if target != ":memory:" and not is_postgres(target):
        Path(target).parent.mkdir(parents=True, exist_ok=True)


def store_folder(target: str | Path) -> Path:
    """The folder whose files go with the store (reviewers file...): the SQLite file's folder,
    or the current directory for a server."""
    if is_postgres(target):
        return Path.cwd()
    return Path(target).expanduser().resolve().parent


def engine_check(target: str) -> str:
    """The engine's own structural check: SQLite's integrity_check; PostgreSQL checks pages
    itself (checksums, WAL), so there is nothing more to ask of it here: "ok"."""
    if is_postgres(target):
        return "ok"
    try:
        return integrity_check(target)
    except sqlite3.DatabaseError as exc:
        return str(exc)


def store_exists(target: str) -> bool:
    """True when ``target`` already holds a store (a file, or a database with the schema).

    A PostgreSQL server that cannot be reached raises (one line), it is not "absent".
    """
    if target == ":memory:":
        return True
    if not is_postgres(target):
        return Path(target).exists()
    try:
        conn = connect(target, busy_timeout_s=10)
    except sqlite3.DatabaseError as exc:
        raise WorkbenchError(f"cannot open store {redact(target)}: {exc}") from None
    try:
        row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    finally:
        conn.close()
    return bool(row and row[0])
