"""The SQLite backend: the embedded default (one file, WAL, foreign keys, busy timeout)."""

from __future__ import annotations

import sqlite3

__all__ = ["connect_sqlite", "integrity_check"]


def connect_sqlite(path: str, *, busy_timeout_s: float) -> sqlite3.Connection:
    """Open a connection: autocommit mode, WAL, foreign keys on, busy timeout."""
    conn = sqlite3.connect(
        path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def integrity_check(path: str) -> str:
    """SQLite's own page-level check of the store file: "ok" when sound."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()
    return "; ".join(str(r[0]) for r in rows)
