"""Which tables a store has, their columns and what they reference, on either engine."""

from __future__ import annotations

from collections.abc import Sequence
from graphlib import TopologicalSorter
from typing import Any, Protocol

__all__ = ["Reader", "after_copy", "copy_order", "table_columns"]


class Reader(Protocol):
    """Anything with the store transaction's ``all`` (a :class:`workbench.store.Tx`)."""

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query."""
        ...


_SQLITE_TABLES = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
)
_PG_TABLES = (
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
)
_PG_COLUMNS = (
    "SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
)
_PG_REFERENCES = (
    "SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc "
    "JOIN information_schema.constraint_column_usage ccu "
    "ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema "
    "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()"
)


def table_columns(tx: Reader, engine: str) -> dict[str, list[str]]:
    """Table name -> column names in declaration order."""
    if engine == "postgresql":
        out: dict[str, list[str]] = {str(t): [] for (t,) in tx.all(_PG_TABLES)}
        for table, column in tx.all(_PG_COLUMNS):
            if str(table) in out:
                out[str(table)].append(str(column))
        return out
    return {
        str(t): [str(c) for (c,) in tx.all("SELECT name FROM pragma_table_info(?)", (t,))]
        for (t,) in tx.all(_SQLITE_TABLES)
    }


def _references(tx: Reader, engine: str, tables: Sequence[str]) -> dict[str, set[str]]:
    refs: dict[str, set[str]] = {t: set() for t in tables}
    if engine == "postgresql":
        for table, target in tx.all(_PG_REFERENCES):
            refs.setdefault(str(table), set()).add(str(target))
    else:
        for table in tables:
            rows = tx.all('SELECT "table" FROM pragma_foreign_key_list(?)', (table,))
            refs[table].update(str(r[0]) for r in rows)
    for table, targets in refs.items():
        targets.discard(table)
    return refs


def copy_order(tx: Reader, engine: str, tables: Sequence[str]) -> list[str]:
    """``tables`` ordered so that every table comes after the tables it references."""
    refs = _references(tx, engine, tables)
    order = TopologicalSorter({t: refs.get(t, set()) & set(tables) for t in sorted(tables)})
    return list(order.static_order())


_PG_IDENTITIES = (
    "SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND is_identity = 'YES'"
)


def after_copy(tx: Reader, engine: str) -> None:
    """After rows were inserted with their keys: move PostgreSQL's identity counters past
    the largest key (SQLite's integer keys follow MAX(rowid) by themselves)."""
    if engine != "postgresql":
        return
    for table, column in tx.all(_PG_IDENTITIES):
        tx.all(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)'
        )
