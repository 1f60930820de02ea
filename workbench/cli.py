"""The ``workbench`` command line.

Every command that touches the store takes ``--db``; the default is ``$WORKBENCH_DB`` or
``./workbench.db``.  Bad input gives one clear line on stderr and a non-zero exit, never a
traceback (set ``WORKBENCH_DEBUG=1`` to see one).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claims.errors import ClaimsError
from workbench.backends import redact, store_exists
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


def existing_store(db: str) -> Store:
    """Open the store at ``db`` for a command that needs one already made (never creates it)."""
    from workbench.store import Store

    if not store_exists(db):
        shown = redact(db)
        raise WorkbenchError(f"no store at {shown}: run `workbench ingest PATH --db {shown}` first")
    return Store.open(db, create=False)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="workbench")


# Each module registers its commands on `cli` (they import it from here, so this comes last).
from workbench.commands import (  # noqa: E402, F401
    audit,
    clustering,
    export,
    ingest,
    links,
    review,
    serve,
    team,
)
from workbench.commands.corrections import register as _register_corrections  # noqa: E402

_register_corrections(cli)
