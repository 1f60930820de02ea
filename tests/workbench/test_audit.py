"""Audit: the hash chain formula, replay, and tampering behind the workbench's back."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.workbench import rawdb
from tests.workbench.test_store import build, seed
from workbench import audit, review
from workbench.audit import GENESIS, canonical_json
from workbench.store import Store


@pytest.fixture
def store(store: Store) -> Iterator[Store]:
    """A store with articles, clusters, verdicts, a sign-off, a reopen and a move."""
    with contextlib.nullcontext(store) as opened:
        corpus = seed(opened)
        first = opened.cluster_of(corpus[0][0].claim_id)
        second = opened.cluster_of(corpus[0][1].claim_id)
        review.record_verdict(
            opened, first, verdict="consistent", reviewer="ана", note="бәрі дұрыс"
        )
        review.sign_off(opened, first, reviewer="bob")
        review.record_verdict(opened, second, verdict="partial", reviewer="ана")
        review.sign_off(opened, second, reviewer="bob")
        review.reopen(opened, second, reviewer="bob", reason="typo")
        third = opened.cluster_of(corpus[0][2].claim_id)
        review.move_claim(opened, corpus[1][2].claim_id, to_cluster=None, actor="ана")
        assert third not in {s.cluster_id for s in opened.clusters()}
        yield opened


def raw(store: Store, sql: str) -> None:
    """An edit made with the sqlite3 shell (or psql), bypassing the workbench."""
    rawdb.execute(store.path, sql)


def test_chain_formula_and_intact_store(store: Store) -> None:
    report = audit.verify(store)
    assert report.ok and report.problems == ()
    log = audit.events(store)
    assert report.events == len(log) == store.counts()["events"] == 10
    prev = GENESIS
    for event in log:
        body = {
            "seq": event.seq,
            "at": event.at,
            "actor": event.actor,
            "kind": event.kind,
            "payload": dict(event.payload),
        }
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert event.prev_hash == prev
        assert event.hash == hashlib.sha256((prev + text).encode("utf-8")).hexdigest()
        prev = event.hash
    assert report.head == prev
    assert [e.seq for e in audit.events(store, limit=3)] == [8, 9, 10]
    assert [e.kind for e in log[:4]] == ["article_added"] * 3 + ["clustering_replaced"]


@given(st.dictionaries(st.text(), st.one_of(st.integers(), st.text(), st.none())))
def test_canonical_json_is_sorted_compact_utf8(value: dict[str, object]) -> None:
    text = canonical_json(value)
    assert json.loads(text) == value
    assert text == json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


TAMPERING = [
    (
        "verdict text",
        "UPDATE verdicts SET verdict = 'contradictory' WHERE verdict_id = 1",
        "verdict 1 differs",
    ),
    ("verdict note", "UPDATE verdicts SET note = 'ok' WHERE verdict_id = 1", "verdict 1 differs"),
    (
        "verdict deleted",
        "DELETE FROM verdicts WHERE verdict_id = 2",
        "verdict 2 is in the audit log but missing",
    ),
    (
        "verdict inserted",
        "INSERT INTO verdicts (cluster_id, verdict, note, reviewer, created_at) "
        "SELECT cluster_id, 'consistent', '', 'eve', 'now' FROM clusters WHERE active = 1 LIMIT 1",
        "verdict 3 in the store is not in the audit log",
    ),
    (
        "sign-off signer",
        "UPDATE signoffs SET reviewer = 'ана' WHERE signoff_id = 1",
        "sign-off 1 differs",
    ),
    (
        "sign-off deleted",
        "DELETE FROM signoffs WHERE signoff_id = 1",
        "sign-off 1 is in the audit log but missing",
    ),
    (
        "reopen erased",
        "UPDATE signoffs SET reopened_at = NULL WHERE signoff_id = 2",
        "sign-off 2 differs",
    ),
    (
        "membership moved",
        "UPDATE memberships SET cluster_id = (SELECT MIN(cluster_id) FROM memberships) "
        "WHERE claim_id = (SELECT MAX(claim_id) FROM memberships)",
        "membership of claim",
    ),
    (
        "membership deleted",
        "DELETE FROM memberships WHERE claim_id = (SELECT MIN(claim_id) FROM memberships)",
        "membership of claim",
    ),
    ("cluster version", "UPDATE clusters SET version = 0 WHERE version > 0", "cluster"),
    (
        "event payload",
        "UPDATE events SET payload = replace(payload, 'typo', 'nothing') WHERE kind = 'reopened'",
        "event 9 (reopened) was altered",
    ),
    (
        "event actor",
        "UPDATE events SET actor = 'eve' WHERE seq = 5",
        "event 5 (verdict_recorded) was altered",
    ),
    ("event deleted", "DELETE FROM events WHERE seq = 6", "event 6 is missing"),
    ("last event deleted", "DELETE FROM events WHERE seq = 10", "membership of claim"),
    (
        "event payload emptied",
        "UPDATE events SET payload = '{}' WHERE seq = 5",
        "event 5 (verdict_recorded) cannot be replayed",
    ),
    (
        "event hash rewritten",
        "UPDATE events SET hash = CASE WHEN substr(hash, 1, 1) = 'f' THEN '0' ELSE 'f' END"
        " || substr(hash, 2) WHERE seq = 3",
        "event 4 (clustering_replaced) does not link",
    ),
    (
        "article swapped",
        "UPDATE articles SET content_hash = 'x' "
        "WHERE article_id = (SELECT MIN(article_id) FROM articles)",
        "article",
    ),
]


@pytest.mark.parametrize(("name", "sql", "problem"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_tampering_is_caught(store: Store, name: str, sql: str, problem: str) -> None:
    raw(store, sql)
    report = audit.verify(store)
    assert not report.ok
    assert any(problem in line for line in report.problems), report.problems
    assert all("\n" not in line for line in report.problems)


def test_claim_added_behind_the_back_is_caught(store: Store) -> None:
    _, claims = build(["Жаңа мәлімдеме."], source="shadow")
    rawdb.execute(
        store.path,
        "INSERT INTO claims SELECT ?, article_id, claim_text, start_char, end_char, "
        "context_start, context_end, speaker, score, 99, NULL FROM claims LIMIT 1",
        (claims[0].claim_id,),
    )
    report = audit.verify(store)
    assert not report.ok and any(line.startswith("article ") for line in report.problems)
