"""``workbench export``: claims, clusters, links, verdicts and sign-offs as CSV, JSON-LD or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import click

from workbench.cli import cli, db_option, existing_store, friendly_errors

__all__ = ["export"]


@cli.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonld", "json"]),
    default="csv",
    show_default=True,
    help="csv (Excel-safe, UTF-8 with BOM), jsonld (schema.org ClaimReview, signed-off only) "
    "or json (with --per link).",
)
@click.option(
    "--per",
    type=click.Choice(["claim", "cluster", "link", "verdict"]),
    default="claim",
    show_default=True,
    help="Rows: one per claim, per cluster (sources side by side), per link (aligned pair) "
    "or per verdict (with sign-offs).",
)
@click.option("--base-url", default=None, help="Dashboard address: gives each ClaimReview a url.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Output file (default: export.csv / export.jsonld).",
)
@click.option("--manifest", is_flag=True, help="Also write OUTPUT.manifest.json (counts, hashes).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def export(
    db: str,
    fmt: str,
    per: str,
    base_url: str | None,
    output: str | None,
    manifest: bool,
    force: bool,
) -> None:
    """Export claims, clusters, links, verdicts and sign-offs (never over the store)."""
    from workbench.export import check_target, export_csv, export_jsonld, write_manifest

    out = Path(output or f"export.{fmt}")
    side = out.with_name(out.name + ".manifest.json")
    with friendly_errors():
        store = existing_store(db)
        try:
            if manifest:
                check_target(store, side, force=force)
            if per == "link" or fmt == "json":
                from workbench.export_links import link_export

                result = link_export(store, out, fmt=fmt, per=per, force=force)
            elif fmt == "csv":
                layout: Literal["claim", "cluster", "verdict"] = (
                    "cluster" if per == "cluster" else "verdict" if per == "verdict" else "claim"
                )
                result = export_csv(store, out, per=layout, force=force)
            else:
                result = export_jsonld(store, out, base_url=base_url, force=force)
        finally:
            store.close()
        extra = f"; manifest {write_manifest(result, side)}" if manifest else ""
    click.echo(f"wrote {result.rows} row(s) to {out}{extra}")
    if result.unauthenticated:
        click.echo(f"note: recorded without authentication: {', '.join(result.unauthenticated)}")
