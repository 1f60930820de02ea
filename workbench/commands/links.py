"""``workbench links CLUSTER_ID``: a cluster's aligned pairs in the terminal (or as JSON lines).

The CLI side of the cluster view: every claim with its source label, then every link with its
relation, score and the hint values behind it, and the sources' publication-date distance.
"""

from __future__ import annotations

import json

import click

from workbench.cli import cli, db_option, friendly_errors, open_store
from workbench.errors import WorkbenchError

__all__ = ["links"]


@cli.command()
@click.argument("cluster_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per link.")
def links(cluster_id: str, db: str, as_json: bool) -> None:
    """Show a cluster's aligned claims: each link's relation, score and hint values."""
    from pathlib import Path

    from workbench.export_links import hint_values_text
    from workbench.views_links import date_badge

    with friendly_errors():
        if not Path(db).exists():
            raise WorkbenchError(f"no store at {db}: run `workbench ingest PATH --db {db}` first")
        store = open_store(db)
        try:
            state = store.cluster(cluster_id)
            found = store.links(cluster_id)
            claims = {cid: store.claim(cid) for cid in state.claim_ids}
            articles = {aid: store.article(aid) for aid in state.article_ids}
        finally:
            store.close()
    source = {cid: articles[c.article_id].source for cid, c in claims.items()}
    label: dict[str, str] = {}
    for cid in state.claim_ids:
        label[cid] = f"{source[cid]} #{sum(1 for v in label if source[v] == source[cid]) + 1}"
    if as_json:
        for link in found:
            row = {
                "cluster_id": link.cluster_id,
                "relation": link.relation,
                "score": link.score,
                "claim_a": {"claim_id": link.claim_a, "source": source[link.claim_a]},
                "claim_b": {"claim_id": link.claim_b, "source": source[link.claim_b]},
                "hints": [{"kind": h.kind, "message": h.message} for h in link.hints],
            }
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    counts = {r: sum(1 for k in found if k.relation == r) for r in ("conflict", "same", "related")}
    badge = date_badge(list(articles.values()))
    click.echo(
        f"{cluster_id}: {len(claims)} claims from {len(state.sources)} source(s); links: "
        + ", ".join(f"{n} {r}" for r, n in counts.items())
        + (f"; {badge}" if badge else "")
    )
    for cid in state.claim_ids:
        click.echo(f"  [{label[cid]}] {' '.join(claims[cid].read.split())}")
    for link in found:
        values = hint_values_text(link)
        click.echo(
            f"  {link.relation:<8} {link.score:.3f}  {label[link.claim_a]} <-> "
            f"{label[link.claim_b]}" + (f"  ({values})" if values else "")
        )
    if not found and len(state.sources) > 1:
        click.echo("  no links stored: run `workbench cluster` to align this cluster")
