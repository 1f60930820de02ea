"""The PostgreSQL backend (psycopg 3): a connection that speaks the store's SQLite SQL.

:class:`PgConnection` has the small part of ``sqlite3.Connection`` the store uses
(``execute``, ``executemany``, ``close``; cursors with ``fetchone``/``fetchall``/iteration)
and rewrites each statement with :func:`~workbench.backends.translate.to_postgres`, so the
store, its migrations and every helper's queries run unchanged.

Transactions keep SQLite's meaning:

* ``BEGIN IMMEDIATE`` (every write) is ``BEGIN`` (READ COMMITTED) plus a transaction-level
  advisory lock on the store: writers are serialised, as in SQLite, because every write
  appends to the one hash-chained audit log (its next ``seq`` and ``prev_hash`` depend on
  the last event); after the lock, each statement sees every earlier commit, so a version
  check or a "not signed off yet" check cannot race (no lost update, no second sign-off).
  Readers are never blocked (MVCC).  Waiting for the lock is bounded by ``lock_timeout``
  (the store's busy timeout); it then fails like SQLite's "database is locked".
* ``BEGIN`` / ``BEGIN DEFERRED`` (a read snapshot) is ``REPEATABLE READ READ ONLY``.
* Statements outside a transaction that change the schema take the same lock, so several
  processes opening and migrating one new database at once are safe.

Errors are re-raised as the matching ``sqlite3`` DB-API exceptions (``IntegrityError``,
``OperationalError``), one line each, so the callers' ``except sqlite3.IntegrityError``
keeps working on both engines.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from workbench.backends.translate import UnsupportedSQL, statement_kind, to_postgres

__all__ = ["ConnectError", "PgConnection", "PgCursor", "connect_postgres", "lock_sql"]

_LOCK_KEY = "hashtextextended('workbench-store:' || coalesce(current_schema(), ''), 0)"
_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
_DDL = frozenset({"CREATE", "ALTER", "DROP"})


def lock_sql() -> str:
    """The statement that takes the store's write lock inside a transaction."""
    return f"SELECT pg_advisory_xact_lock({_LOCK_KEY})"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


def _translate_error(exc: Exception) -> Exception:
    import psycopg

    message = _one_line(exc)
    if isinstance(exc, psycopg.errors.LockNotAvailable):
        return sqlite3.OperationalError(f"database is locked ({message})")
    if isinstance(exc, psycopg.IntegrityError):
        return sqlite3.IntegrityError(message)
    if isinstance(exc, psycopg.errors.UndefinedTable):  # SQLite's words, which callers test
        return sqlite3.OperationalError(f"no such table ({message})")
    if isinstance(exc, psycopg.errors.UndefinedColumn):
        return sqlite3.OperationalError(f"no such column ({message})")
    if isinstance(exc, UnsupportedSQL):
        return sqlite3.OperationalError(f"not portable to PostgreSQL: {message}")
    return sqlite3.OperationalError(message)


def _plain(value: Any) -> Any:
    """SQLite has no booleans: store them as 0/1 like sqlite3 does."""
    return int(value) if isinstance(value, bool) else value


class PgCursor:
    """The rows of one statement (empty for a statement without a result)."""

    def __init__(self, rows: list[tuple[Any, ...]], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    def fetchone(self) -> tuple[Any, ...] | None:
        """The next row, or ``None``."""
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[tuple[Any, ...]]:
        """The remaining rows."""
        rest = self._rows[self._next :]
        self._next = len(self._rows)
        return rest

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())


class PgConnection:
    """A psycopg 3 connection in autocommit mode behind the sqlite3-style calls the store uses."""

    def __init__(self, raw: Any, target: str) -> None:
        self._raw = raw
        self.target = target

    @property
    def in_transaction(self) -> bool:
        """True inside an explicit ``BEGIN`` ... ``COMMIT``."""
        from psycopg.pq import TransactionStatus

        return bool(self._raw.pgconn.transaction_status != TransactionStatus.IDLE)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> PgCursor:
        """Run one statement (SQLite SQL, ``?`` placeholders); its rows, if any."""
        kind = statement_kind(sql)
        words = sql.upper().split()
        if kind == "BEGIN":
            write = len(words) > 1 and words[1] in ("IMMEDIATE", "EXCLUSIVE")
            return self._begin_write() if write else self._run(_READ, ())
        if kind in _DDL and not self.in_transaction:
            self._begin_write()
            try:
                cursor = self._statement(sql, parameters)
            except BaseException:
                self._run("ROLLBACK", ())
                raise
            self._run("COMMIT", ())
            return cursor
        return self._statement(sql, parameters)

    def _statement(self, sql: str, parameters: Sequence[Any]) -> PgCursor:
        try:
            text = to_postgres(sql)
        except UnsupportedSQL as exc:
            raise _translate_error(exc) from None
        if text is None:
            return PgCursor([], -1)
        return self._run(text, tuple(_plain(p) for p in parameters))

    def _run(self, text: str, params: tuple[Any, ...]) -> PgCursor:
        import psycopg

        try:
            cur = self._raw.execute(text, params)
            rows = list(cur.fetchall()) if cur.description is not None else []
        except psycopg.Error as exc:
            raise _translate_error(exc) from None
        return PgCursor([tuple(r) for r in rows], cur.rowcount)

    def _begin_write(self) -> PgCursor:
        """``BEGIN`` and the store's write lock in one round trip (simple query protocol)."""
        import psycopg

        try:
            self._raw.execute(f"BEGIN; {lock_sql()}")
        except psycopg.Error as exc:
            if self.in_transaction:
                self._raw.execute("ROLLBACK")
            raise _translate_error(exc) from None
        return PgCursor([], -1)

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]]) -> PgCursor:
        """Run one statement once per parameter row."""
        import psycopg

        try:
            text = to_postgres(sql)
        except UnsupportedSQL as exc:
            raise _translate_error(exc) from None
        rows = [tuple(_plain(p) for p in params) for params in seq_of_parameters]
        if text is None or not rows:
            return PgCursor([], 0)
        try:
            with self._raw.cursor() as cur:
                cur.executemany(text, rows)
                count = cur.rowcount
        except psycopg.Error as exc:
            raise _translate_error(exc) from None
        return PgCursor([], count)

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back by the server)."""
        self._raw.close()


def _numeric_loader() -> Any:
    """NUMERIC (e.g. ``SUM`` of integers) as int when whole, else float, like SQLite."""
    from psycopg.types.numeric import NumericLoader

    class _Loader(NumericLoader):  # type: ignore[misc]
        def load(self, data: Any) -> Any:
            value = super().load(data)
            if isinstance(value, Decimal):
                return int(value) if value == value.to_integral_value() else float(value)
            return value

    return _Loader


def connect_postgres(target: str, *, busy_timeout_s: float) -> PgConnection:
    """Connect to the PostgreSQL store at URL ``target``; WorkbenchError-ready one-liners."""
    try:
        import psycopg
    except ImportError:
        raise sqlite3.OperationalError(
            "PostgreSQL support needs psycopg: pip install 'claim-workbench[postgres]'"
        ) from None
    from psycopg.conninfo import conninfo_to_dict

    try:
        params: dict[str, Any] = dict(conninfo_to_dict(target))
    except psycopg.Error as exc:
        raise ConnectError(f"not a valid PostgreSQL URL ({_one_line(exc)})") from None
    params.setdefault("connect_timeout", "5")
    params.setdefault("application_name", "workbench")
    try:
        raw = psycopg.connect(**params, autocommit=True)
    except psycopg.Error as exc:
        reason = _connect_reason(exc, str(params.get("password") or ""))
        raise ConnectError(f"PostgreSQL refused or did not answer: {reason}") from None
    raw.adapters.register_loader("numeric", _numeric_loader())
    raw.execute(f"SET lock_timeout = {int(busy_timeout_s * 1000)}")
    raw.execute("SET TIME ZONE 'UTC'")
    return PgConnection(raw, target)


class ConnectError(sqlite3.OperationalError):
    """The server did not answer, refused the credentials, or the URL is malformed."""


def _connect_reason(exc: BaseException, password: str) -> str:
    text = _one_line(exc)
    if "failed:" in text:
        text = text.rsplit("failed:", 1)[1].strip()
    text = text.replace("FATAL: ", "").strip()
    if password:
        text = text.replace(password, "***")
    return text or type(exc).__name__
