"""Team commands: moving a desk's store between SQLite and PostgreSQL.

``workbench migrate-store --from workbench.db --to postgresql://USER@HOST:PORT/DB`` copies
every row and the audit chain; both ends are verified and their heads compared.
"""

from __future__ import annotations

import sys

import click

from workbench.backends import redact, store_exists
from workbench.cli import cli, friendly_errors
from workbench.errors import WorkbenchError

__all__ = ["migrate_store"]


@cli.command(name="migrate-store")
@click.option("--from", "source", required=True, help="The store to copy (file or URL).")
@click.option("--to", "target", required=True, help="An empty store to copy into (file or URL).")
def migrate_store(source: str, target: str) -> None:
    """Copy a whole store (articles, claims, embeddings, clusters, verdicts, sign-offs and the
    audit chain) into an empty one, e.g. a SQLite file into PostgreSQL.  Both are verified.
    """
    from workbench.store import Store
    from workbench.store_copy import copy_store

    with friendly_errors():
        if not store_exists(source):
            raise WorkbenchError(f"no store at {redact(source)}")
        if redact(source) == redact(target):
            raise WorkbenchError("--from and --to name the same store")
        with Store.open(source) as src, Store.open(target) as dst:
            report = copy_store(
                src,
                dst,
                on_table=lambda table, n: click.echo(f"  {table}: {n} row(s)", err=True),
            )
    total = sum(report.rows.values())
    click.echo(
        f"copied {total} row(s) in {len(report.rows)} table(s) from {redact(source)} to "
        f"{redact(target)}; audit chain intact on both: {report.events} events, "
        f"head {report.target_head[:16]} ({'equal' if report.heads_equal else 'DIFFERENT'})"
    )
    if not report.heads_equal:
        sys.exit(1)
