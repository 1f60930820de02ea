"""Reviewing a cluster: ``review`` (a verdict), ``signoff`` (four eyes, then locked), ``reopen``."""

from __future__ import annotations

import click

from workbench.cli import cli, db_option, existing_store, friendly_errors
from workbench.commands.people import acting_person
from workbench.errors import WorkbenchError

__all__ = ["reopen", "review", "signoff"]


@cli.command()
@click.argument("cluster_id")
@click.option(
    "--verdict",
    required=True,
    help="consistent | contradictory | partial | unrelated | unclear",
)
@click.option(
    "--reviewer",
    required=True,
    help="Your name, recorded on the verdict (password: $WORKBENCH_PASSWORD or a prompt).",
)
@click.option("--note", default="", help="Why: what you checked, what differs.")
@db_option
def review(cluster_id: str, verdict: str, reviewer: str, note: str, db: str) -> None:
    """Record a verdict on a cluster (a new verdict supersedes; history is kept)."""
    from workbench.review import record_verdict

    with friendly_errors():
        who = acting_person(db, reviewer)
        store = existing_store(db)
        try:
            record = record_verdict(store, cluster_id, verdict=verdict, reviewer=who, note=note)
        finally:
            store.close()
    click.echo(
        f"{cluster_id}: verdict {verdict} by {record.reviewer} recorded (version {record.version})"
    )


@cli.command()
@click.argument("cluster_id")
@click.option(
    "--reviewer", required=True, help="The editor signing off (not the verdict's author)."
)
@db_option
def signoff(cluster_id: str, reviewer: str, db: str) -> None:
    """Sign off a cluster's current verdict (four eyes); it is then locked."""
    from workbench.review import sign_off

    with friendly_errors():
        who = acting_person(db, reviewer)
        store = existing_store(db)
        try:
            record = sign_off(store, cluster_id, reviewer=who)
        finally:
            store.close()
    click.echo(f"{cluster_id}: signed off by {record.reviewer}; the verdict is locked")


@cli.command()
@click.argument("cluster_id")
@click.option("--reviewer", required=True, help="Who reopens it.")
@click.option("--reason", required=True, help="Why the signed-off verdict is reopened.")
@db_option
def reopen(cluster_id: str, reviewer: str, reason: str, db: str) -> None:
    """Unlock a signed-off verdict so that it can be reviewed again (audited)."""
    from workbench.review import reopen as reopen_cluster

    with friendly_errors():
        if not reason.strip():
            raise WorkbenchError("--reason must not be empty")
        who = acting_person(db, reviewer)
        store = existing_store(db)
        try:
            reopen_cluster(store, cluster_id, reviewer=who, reason=reason)
        finally:
            store.close()
    click.echo(f"{cluster_id}: reopened by {who.name}")
