"""CLI helpers for the commands that act as a person or take bounded numbers (issue 9).

Kept out of ``workbench/cli.py`` so that the commands stay thin: who is acting
(authenticated when a reviewers file exists), password prompts, ``--max-mb``
bounds, and reading an export manifest for ``verify --manifest``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from workbench.auth import Reviewer
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.store import Store

__all__ = [
    "MAX_MB_LIMIT",
    "acting_person",
    "clustering_actor",
    "max_mb_option",
    "megabytes",
    "new_secret",
    "read_manifest",
    "secret",
]

MAX_MB_LIMIT = 2048.0  # a 2 GB article is not an article; bounds --max-mb
F = TypeVar("F", bound=Callable[..., Any])


def max_mb_option(*, text: str) -> Callable[[F], F]:
    """The ``--max-mb`` option (20 MB by default) of the commands that read files in;
    each command checks the value with :func:`megabytes`."""
    return click.option("--max-mb", type=float, default=20.0, show_default=True, help=text)


def megabytes(value: float) -> float:
    """``--max-mb`` within (0, MAX_MB_LIMIT]; one clear line and exit 1 otherwise."""
    if not 0 < value <= MAX_MB_LIMIT:  # also refuses nan
        click.echo(
            f"error: --max-mb must be more than 0 and at most {MAX_MB_LIMIT:g} (got {value:g})",
            err=True,
        )
        raise SystemExit(1)
    return value


def secret(label: str) -> str:
    """A hidden prompt on stderr."""
    return str(click.prompt(label, hide_input=True, err=True))


def new_secret(label: str) -> str:
    """A hidden prompt asked twice (a new password)."""
    return str(click.prompt(label, hide_input=True, confirmation_prompt=True, err=True))


def acting_person(db: str, name: str) -> Reviewer:
    """The person a command acts as: authenticated when a reviewers file exists."""
    from workbench.identity import login

    return login(db, name, prompt=secret)


def clustering_actor(db: str, store: Store, reviewer: str | None, *, dry_run: bool) -> Any:
    """Who re-clusters: an authenticated person once reviewed work and a reviewers file exist."""
    from workbench.auth import find_reviewers_file

    if reviewer:
        return acting_person(db, reviewer)
    if dry_run or find_reviewers_file(db) is None or not store.counts()["verdicts"]:
        return "workbench"
    raise WorkbenchError(
        "this store holds reviewed work: re-clustering it needs an editor (--reviewer NAME)"
    )


def read_manifest(path: str) -> dict[str, Any]:
    """An export manifest's JSON; WorkbenchError with one line if unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise WorkbenchError(f"cannot read manifest {path}: {exc}") from None
    if not isinstance(data, dict):
        raise WorkbenchError(f"{path} is not an export manifest")
    return data
