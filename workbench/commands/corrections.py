"""CLI corrections: ``move``, ``merge``, ``split``, ``undo``, ``corrections``, ``proposals``.

Each acting command names its person with ``--reviewer`` and goes through
:func:`acting_reviewer`, the one place where the command's actor is checked (the
authentication of acting commands plugs in there).  The commands are thin: they
call :mod:`workbench.corrections` and print one line per result.
"""

from __future__ import annotations

import json

import click

from workbench import corrections
from workbench.auth import Reviewer
from workbench.cli import db_option, existing_store, friendly_errors
from workbench.commands.people import acting_person
from workbench.errors import InvalidInputError
from workbench.store import check_name

__all__ = ["acting_reviewer", "register"]


def acting_reviewer(name: str, *, db: str) -> Reviewer:
    """The person an acting command runs as: ``--reviewer``, checked and authenticated.

    With a reviewers file beside ``db`` the person is authenticated (password from
    ``$WORKBENCH_PASSWORD`` or a prompt, :func:`workbench.cli.acting_person`); without one,
    the actor is recorded as unauthenticated.  The library checks the role.
    """
    check_name(name, what="reviewer")
    person: Reviewer = acting_person(db, name)
    return person


_reviewer = click.option("--reviewer", required=True, help="Who makes the correction.")
_reason = click.option("--reason", default="", help="Why (shown in the cluster's History).")


@click.command()
@click.argument("claim_id")
@click.option("--to", "to_cluster", default=None, help="Target cluster id.")
@click.option("--alone", is_flag=True, help="Give the claim a cluster of its own instead.")
@_reviewer
@_reason
@db_option
def move(
    claim_id: str, to_cluster: str | None, alone: bool, reviewer: str, reason: str, db: str
) -> None:
    """Move a claim to another cluster (or, with --alone, to a cluster of its own)."""
    with friendly_errors():
        if alone == (to_cluster is not None):
            raise InvalidInputError("give exactly one of --to CLUSTER_ID or --alone")
        actor = acting_reviewer(reviewer, db=db)
        with existing_store(db) as store:
            new_id = corrections.move_claim(
                store, claim_id, to_cluster=to_cluster, actor=actor, reason=reason
            )
    click.echo(f"{claim_id}: moved to {new_id} by {actor}")


@click.command()
@click.argument("cluster_ids", nargs=-1, required=True)
@_reviewer
@_reason
@db_option
def merge(cluster_ids: tuple[str, ...], reviewer: str, reason: str, db: str) -> None:
    """Merge two or more clusters into one (kept together by every later clustering)."""
    with friendly_errors():
        actor = acting_reviewer(reviewer, db=db)
        with existing_store(db) as store:
            merged = corrections.merge_clusters(store, cluster_ids, actor=actor, reason=reason)
    click.echo(f"merged {len(cluster_ids)} clusters into {merged} by {actor}")


@click.command()
@click.argument("cluster_id")
@click.argument("claim_ids", nargs=-1, required=True)
@_reviewer
@_reason
@db_option
def split(cluster_id: str, claim_ids: tuple[str, ...], reviewer: str, reason: str, db: str) -> None:
    """Split the named claims out of a cluster as a new cluster (kept apart from then on)."""
    with friendly_errors():
        actor = acting_reviewer(reviewer, db=db)
        with existing_store(db) as store:
            rest, new = corrections.split_cluster(
                store, cluster_id, claim_ids, actor=actor, reason=reason
            )
    click.echo(f"{cluster_id}: split into {rest} (rest) and {new} (new) by {actor}")


@click.command()
@click.argument("event", required=False, type=click.IntRange(min=1))
@click.option("--last", is_flag=True, help="Undo the latest correction.")
@_reviewer
@_reason
@db_option
def undo(event: int | None, last: bool, reviewer: str, reason: str, db: str) -> None:
    """Undo a correction: the latest (--last) or the one recorded by audit EVENT."""
    with friendly_errors():
        if last == (event is not None):
            raise InvalidInputError("give exactly one of --last or an EVENT number")
        actor = acting_reviewer(reviewer, db=db)
        with existing_store(db) as store:
            done = corrections.undo(store, actor=actor, event=event, reason=reason)
    click.echo(f"undid #{done.event} ({done.summary}) by {actor}")


@click.command(name="corrections")
@click.option("--cluster", "cluster_id", default=None, help="Only this cluster's corrections.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
def list_corrections(cluster_id: str | None, as_json: bool, db: str) -> None:
    """List corrections (event number, who, what, why; undone ones marked)."""
    with friendly_errors(), existing_store(db) as store:
        rows = corrections.corrections(store, cluster_id=cluster_id)
    for row in rows:
        if as_json:
            click.echo(json.dumps(row.__dict__, ensure_ascii=False))
            continue
        undone = f" [undone by {row.undone_by}]" if row.undone_at else ""
        why = f": {row.reason}" if row.reason else ""
        click.echo(f"#{row.event} {row.at[:16]} {row.actor} {row.summary}{why}{undone}")
    if not rows:
        click.echo("no corrections")


@click.command(name="proposals")
@db_option
def list_proposals(db: str) -> None:
    """Claims a clustering would add to reviewed clusters, awaiting accept / keep-apart."""
    with friendly_errors(), existing_store(db) as store:
        rows = corrections.proposals(store)
    for p in rows:
        click.echo(f"proposal {p.proposal_id}: {len(p.claim_ids)} claim(s) -> {p.cluster_id}")
    if not rows:
        click.echo("no open proposals")


@click.command()
@click.argument("proposal_id", type=int)
@click.option("--keep-apart", is_flag=True, help="Keep the claims out of the cluster for good.")
@_reviewer
@_reason
@db_option
def decide(proposal_id: int, keep_apart: bool, reviewer: str, reason: str, db: str) -> None:
    """Accept a proposal (the claims join the reviewed cluster) or --keep-apart."""
    with friendly_errors():
        actor = acting_reviewer(reviewer, db=db)
        with existing_store(db) as store:
            if keep_apart:
                cid = corrections.keep_apart(store, proposal_id, actor=actor, reason=reason)
                message = f"proposal {proposal_id}: kept apart from {cid}"
            else:
                cid = corrections.accept_proposal(store, proposal_id, actor=actor, reason=reason)
                message = f"proposal {proposal_id}: accepted, now cluster {cid}"
    click.echo(f"{message} by {actor}")


def register(group: click.Group) -> None:
    """Add the correction commands to the ``workbench`` group."""
    for command in (move, merge, split, undo, list_corrections, list_proposals, decide):
        group.add_command(command)
