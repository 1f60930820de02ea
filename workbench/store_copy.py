"""Moving a desk: copy a whole store (SQLite <-> PostgreSQL) with its audit chain intact.

Every table is copied row for row, keys included, in one transaction on the target,
parents before children; the audit log is copied verbatim (no event is added), so the
copy's ``verify`` head equals the source's.  The target must be empty (no articles, no
events); a refused or failed copy writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.audit import verify
from workbench.backends import engine, redact
from workbench.backends.introspect import after_copy, copy_order, table_columns
from workbench.errors import InvalidInputError, WorkbenchError
from workbench.store import Store, Tx

__all__ = ["CopyReport", "copy_store"]

_SKIP = frozenset({"schema_version"})  # the target's own migrations record its versions
_BATCH = 2000


@dataclass(frozen=True)
class CopyReport:
    """What was copied, and the verification of both ends."""

    rows: dict[str, int]
    events: int
    source_head: str
    target_head: str

    @property
    def heads_equal(self) -> bool:
        """True when the copy's audit chain ends where the source's does."""
        return self.source_head == self.target_head


def _versions(store: Store) -> list[int]:
    with store.snapshot() as tx:
        return [int(r[0]) for r in tx.all("SELECT version FROM schema_version ORDER BY version")]


def _check_target(source: Store, target: Store) -> None:
    if _versions(source) != _versions(target):
        raise InvalidInputError(
            f"{redact(target.path)} has schema versions {_versions(target)}, the source "
            f"{_versions(source)}: both must be opened by the same workbench"
        )
    counts = target.counts()
    if counts["articles"] or counts["events"]:
        raise InvalidInputError(
            f"target store {redact(target.path)} is not empty ({counts['articles']} articles, "
            f"{counts['events']} events): copy into a new, empty database"
        )


def _copy_table(src: Tx, dst: Tx, table: str, columns: list[str]) -> int:
    cols = ", ".join(f'"{c}"' for c in columns)
    rows = src.all(f'SELECT {cols} FROM "{table}"')
    insert = f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" * len(columns))})'
    for begin in range(0, len(rows), _BATCH):
        dst.executemany(insert, rows[begin : begin + _BATCH])
    return len(rows)


def copy_store(
    source: Store, target: Store, *, on_table: Callable[[str, int], object] | None = None
) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target``; verify both; report."""
    before = verify(source)
    if not before.ok:
        raise WorkbenchError(
            f"the source store does not verify ({before.problems[0]}): fix it before moving it"
        )
    _check_target(source, target)
    copied: dict[str, int] = {}
    with source.snapshot() as src, target.transaction() as dst:
        src_tables = table_columns(src, engine(source.path))
        dst_tables = table_columns(dst, engine(target.path))
        missing = sorted(set(src_tables) - set(dst_tables) - _SKIP)
        if missing:
            raise InvalidInputError(f"the target has no table {missing[0]}")
        names = [t for t in src_tables if t not in _SKIP]
        order = copy_order(dst, engine(target.path), names)
        for table in reversed(order):
            dst.execute(f'DELETE FROM "{table}"')
        for table in order:
            columns = [c for c in src_tables[table] if c in set(dst_tables[table])]
            copied[table] = _copy_table(src, dst, table, columns)
            if on_table is not None:
                on_table(table, copied[table])
        after_copy(dst, engine(target.path))
    after = verify(target)
    if not after.ok:
        raise WorkbenchError(f"the copy does not verify: {after.problems[0]}")
    return CopyReport(copied, after.events, before.head, after.head)
