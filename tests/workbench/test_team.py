"""A desk on a shared server: moving a store, and bad PostgreSQL input (one line, no writes)."""

from __future__ import annotations

import socket
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.pg_server import PASSWORD, PgServer
from tests.workbench import rawdb
from tests.workbench.test_store import seed
from workbench import audit, review
from workbench.backends import connect, redact
from workbench.cli import cli
from workbench.errors import LockedError
from workbench.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def one_error_line(result: Result) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), lines
    return lines[0]


def reviewed(store: Store) -> None:
    corpus = seed(store)
    first = store.cluster_of(corpus[0][0].claim_id)
    review.record_verdict(store, first, verdict="partial", reviewer="ана", note="екі сан")
    review.sign_off(store, first, reviewer="bob")
    review.reopen(store, first, reviewer="bob", reason="қайта")
    review.record_verdict(store, first, verdict="consistent", reviewer="ана")
    review.move_claim(store, corpus[1][2].claim_id, to_cluster=None, actor="ана")
    store.put_embeddings("m", {"h": __import__("numpy").ones(4, dtype="float32")})


def test_migrate_store_sqlite_to_postgres_and_back(tmp_path: Path, pg_server: PgServer) -> None:
    source = str(tmp_path / "desk.db")
    with Store.open(source) as store:
        reviewed(store)
        head = audit.verify(store).head
        states = store.clusters()
    schema, url = pg_server.new_schema()
    try:
        moved = run("migrate-store", "--from", source, "--to", url)
        assert moved.exit_code == 0, moved.output
        assert f"head {head[:16]} (equal)" in moved.stdout
        assert PASSWORD not in moved.output
        with Store.open(url) as copy:
            report = audit.verify(copy)
            assert report.ok and report.head == head
            assert copy.clusters() == states
            cid = states[0].cluster_id
            review.record_verdict(copy, cid, verdict="unclear", reviewer="dana")  # keys go on
            assert audit.verify(copy).ok
            head_pg = audit.verify(copy).head
        back = str(tmp_path / "back.db")
        assert run("migrate-store", "--from", url, "--to", back).exit_code == 0
        with Store.open(back) as again:
            assert audit.verify(again).head == head_pg and audit.verify(again).ok
        before = rawdb.dump(url)
        refused = one_error_line(run("migrate-store", "--from", source, "--to", url))
        assert "is not empty" in refused and PASSWORD not in refused
        assert rawdb.dump(url) == before
    finally:
        pg_server.drop_schema(schema)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_server_that_does_not_answer_is_one_line() -> None:
    url = f"postgresql://ana:s3cret-pw@127.0.0.1:{_free_port()}/desk"
    line = one_error_line(run("clusters", "--db", url))
    assert "cannot open store postgresql://ana:***@127.0.0.1" in line
    assert "refused" in line.lower() and "s3cret-pw" not in line


def test_wrong_credentials_are_one_line_without_the_password(pg_server: PgServer) -> None:
    url = pg_server.url(password="not-the-password")
    for args in (("clusters", "--db", url), ("migrate-store", "--from", url, "--to", "x.db")):
        line = one_error_line(run(*args))
        assert "password authentication failed" in line and "not-the-password" not in line
    assert not Path("x.db").exists()


def test_newer_schema_is_refused_and_nothing_written(store_url: str) -> None:
    with Store.open(store_url) as store:
        seed(store)
    rawdb.execute(
        store_url,
        "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'f', 'x')",
    )
    before = rawdb.dump(store_url)
    cid = "C" + "0" * 10
    for args in (("clusters",), ("review", cid, "--verdict", "partial", "--reviewer", "a")):
        line = one_error_line(run(*args, "--db", store_url))
        assert "schema is version 99, newer than this workbench" in line
        assert redact(store_url) in line
    assert rawdb.dump(store_url) == before


def test_missing_store_on_a_server_is_not_created(pg_server: PgServer) -> None:
    schema, url = pg_server.new_schema()
    try:
        line = one_error_line(run("verify", "--db", url))
        assert "no store at" in line and PASSWORD not in line
        assert rawdb.dump(url) == []
    finally:
        pg_server.drop_schema(schema)


def test_unportable_sql_is_a_clear_error(pg_server: PgServer) -> None:
    schema, url = pg_server.new_schema()
    try:
        with Store.open(url) as store:
            before = rawdb.dump(url)
            unportable = "INSERT OR REPLACE INTO meta VALUES ('x', 1)"
            with (
                pytest.raises(sqlite3.OperationalError, match="ON CONFLICT"),
                store.transaction() as tx,
            ):
                tx.execute(unportable)
            assert rawdb.dump(url) == before
    finally:
        pg_server.drop_schema(schema)


def test_two_editors_signing_off_at_once_make_one_sign_off(store_url: str) -> None:
    with Store.open(store_url) as store:
        cid = store.cluster_of(seed(store)[0][0].claim_id)
        review.record_verdict(store, cid, verdict="consistent", reviewer="ана")
    barrier, outcomes = threading.Barrier(3), []

    def editor(name: str) -> None:
        with Store.open(store_url) as own:  # its own connection, like another machine
            barrier.wait(timeout=30)
            try:
                review.sign_off(own, cid, reviewer=name)
                outcomes.append("signed")
            except LockedError:
                outcomes.append("locked")

    threads = [threading.Thread(target=editor, args=(f"editor{k}",)) for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["locked", "locked", "signed"]
    with Store.open(store_url) as store:
        assert store.counts()["signoffs"] == 1 and audit.verify(store).ok


def test_cluster_on_a_ray_address_that_does_not_answer(store_url: str) -> None:
    with Store.open(store_url) as store:
        seed(store)
    before = rawdb.dump(store_url)
    address = f"127.0.0.1:{_free_port()}"
    line = one_error_line(run("cluster", "--ray", address, "--db", store_url, "--no-progress"))
    assert f"Ray at {address} does not answer" in line
    assert rawdb.dump(store_url) == before


def test_postgres_errors_use_sqlite_words(pg_server: PgServer) -> None:
    schema, url = pg_server.new_schema()
    try:
        conn = connect(url, busy_timeout_s=5)
        assert not conn.in_transaction
        with pytest.raises(sqlite3.OperationalError, match="no such table"):
            conn.execute("SELECT MAX(version) FROM schema_version")
        conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, flag INTEGER)")
        conn.execute("INSERT INTO t VALUES (?, ?)", ("a", True))
        with pytest.raises(sqlite3.IntegrityError, match="duplicate key"):
            conn.execute("INSERT INTO t VALUES (?, ?)", ("a", False))
        conn.execute("INSERT OR IGNORE INTO t VALUES (?, ?)", ("a", False))
        assert conn.execute("SELECT k, flag FROM t WHERE k LIKE ?", ("A%",)).fetchall() == [
            ("a", 1)
        ]
        conn.close()
    finally:
        pg_server.drop_schema(schema)
