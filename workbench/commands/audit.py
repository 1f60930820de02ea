"""``workbench verify``: the audit hash chain, the store against its replay, the engine"s check."""

from __future__ import annotations

import sys

import click

from workbench.backends import engine_check
from workbench.cli import cli, db_option, existing_store, friendly_errors
from workbench.commands.people import read_manifest

__all__ = ["verify"]


@cli.command()
@db_option
@click.option(
    "--manifest",
    "manifest_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="An export manifest: the chain must still hold the head it recorded.",
)
def verify(db: str, manifest_path: str | None) -> None:
    """Check the audit hash chain, the store against its replay, and the reviewed content.

    One line per difference; exit 0 only if everything is intact.
    """
    from workbench.audit import verify as verify_store

    with friendly_errors():
        manifest = read_manifest(manifest_path) if manifest_path else None
        store = existing_store(db)
        try:
            report = verify_store(store, manifest=manifest)
            integrity = _integrity(db)
        finally:
            store.close()
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    if integrity != "ok":
        click.echo(f"problem: sqlite integrity_check: {integrity}", err=True)
    state = "intact" if report.ok and integrity == "ok" else "NOT intact"
    click.echo(f"audit chain {state}: {report.events} events, head {report.head[:16]}")
    if not report.ok or integrity != "ok":
        sys.exit(1)


def _integrity(db: str) -> str:
    """The engine's own check of the store (SQLite's integrity_check): "ok" when sound."""
    return engine_check(db)
