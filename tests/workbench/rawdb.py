"""Edits and dumps made behind the workbench's back (a DBA's shell), on either engine."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from workbench.backends import connect, is_postgres

__all__ = ["dump", "execute"]


def execute(target: str, sql: str, params: Sequence[Any] = ()) -> None:
    """Run one statement outside the store's API and commit it (sqlite3 shell / psql)."""
    if not is_postgres(target):
        conn = sqlite3.connect(target)
        with conn:
            conn.execute(sql, tuple(params))
        conn.close()
        return
    pg = connect(target, busy_timeout_s=10)
    try:
        # like the sqlite3 shell (foreign keys off by default): a superuser's psql session
        # that skips the foreign-key triggers
        pg.execute("SET session_replication_role = replica")
        pg.execute(sql, params)
    finally:
        pg.close()


def dump(target: str) -> list[str]:
    """Every row of every table, as text (to prove that a refused call wrote nothing)."""
    if not is_postgres(target):
        conn = sqlite3.connect(target)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()
    pg = connect(target, busy_timeout_s=10)
    try:
        tables = [
            str(r[0])
            for r in pg.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() ORDER BY table_name"
            ).fetchall()
        ]
        lines: list[str] = []
        for table in tables:
            rows = pg.execute(f'SELECT * FROM "{table}"').fetchall()
            lines.extend(f"{table}: {row!r}" for row in sorted(rows, key=repr))
        return lines
    finally:
        pg.close()
