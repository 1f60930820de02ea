"""One store fixture for both engines: every test that takes ``store`` (or ``store_url``)
runs on SQLite and on a real, throwaway PostgreSQL server started once per session.

A machine where PostgreSQL cannot start fails these tests; it never skips them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_server import PgServer
from workbench.store import Store

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for this test session (stopped and deleted at the end)."""
    try:
        server = PgServer()
    except Exception as exc:
        pytest.fail(f"could not start PostgreSQL for the store tests: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh store lives: a SQLite file, or an empty schema on the server."""
    if request.param == "sqlite":
        yield str(tmp_path / "wb.db")
        return
    server: PgServer = request.getfixturevalue("pg_server")
    schema, url = server.new_schema()
    try:
        yield url
    finally:
        server.drop_schema(schema)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh, empty store on each engine."""
    with Store.open(store_url) as opened:
        yield opened
