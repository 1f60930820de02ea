"""Serving the dashboard (``workbench dashboard``) and managing who logs into it
(``workbench reviewers add``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.backends import redact, store_folder
from workbench.cli import cli, db_option, existing_store, friendly_errors
from workbench.commands.people import max_mb_option, megabytes, new_secret, secret

__all__ = ["add_reviewer_cmd", "dashboard", "reviewers"]


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
@max_mb_option(text="Largest browser upload per file, in megabytes (as for ingest).")
def dashboard(db: str, port: int, address: str, max_mb: float) -> None:
    """Open the review dashboard (Streamlit, headless) on http://ADDRESS:PORT."""
    from workbench.dashboard import run
    from workbench.identity import check_serving

    max_mb = megabytes(max_mb)
    with friendly_errors():
        existing_store(db).close()
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
