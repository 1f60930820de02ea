"""Reading articles in: ``workbench ingest PATHS`` (stored) and ``workbench segment FILE``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from workbench.cli import cli, db_option, friendly_errors, open_store
from workbench.commands.people import MAX_MB_LIMIT, max_mb_option, megabytes

__all__ = ["ingest", "segment"]


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@db_option
@click.option("--source", help="Source label for every input (else detected per article).")
@max_mb_option(text=f"Refuse files larger than this many megabytes (at most {MAX_MB_LIMIT:g}).")
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
