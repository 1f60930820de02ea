"""Concurrency and crashes: parallel reviewers and writers, a writer killed mid-write."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator, Sequence
from multiprocessing.synchronize import Barrier, Event
from typing import Any, overload

import pytest

from claims.model import Claim
from tests.workbench.test_store import EN, KK, build, seed
from workbench import audit, review
from workbench.backends import engine_check
from workbench.errors import ConflictError
from workbench.store import Store

CTX = multiprocessing.get_context("spawn")
pytestmark = pytest.mark.timeout(120)


def _race(path: str, cluster_id: str, name: str, barrier: Barrier, queue: Any) -> None:
    """Read the cluster's version, wait for the other reviewer, then save."""
    with Store.open(path) as store:
        seen = store.cluster(cluster_id).version
        barrier.wait(timeout=60)
        try:
            record = review.record_verdict(
                store, cluster_id, verdict="partial", reviewer=name, expected_version=seen
            )
            queue.put((name, "won", record.verdict_id))
        except ConflictError as error:
            queue.put((name, "conflict", str(error)))


def test_two_reviewers_exactly_one_wins(store_url: str) -> None:
    path = store_url
    with Store.open(path) as store:
        cid = store.cluster_of(seed(store)[0][0].claim_id)
    for round_no in range(2):
        barrier, queue = CTX.Barrier(2), CTX.Queue()
        names = (f"ana{round_no}", f"bob{round_no}")
        procs = [CTX.Process(target=_race, args=(path, cid, n, barrier, queue)) for n in names]
        for proc in procs:
            proc.start()
        results = sorted(queue.get(timeout=60) for _ in procs)
        for proc in procs:
            proc.join(timeout=60)
            assert proc.exitcode == 0
        outcomes = [r[1] for r in results]
        assert sorted(outcomes) == ["conflict", "won"], results
        winner = next(r[0] for r in results if r[1] == "won")
        loser_message = next(r[2] for r in results if r[1] == "conflict")
        assert f"cluster {cid} was changed by {winner} meanwhile" in str(loser_message)
    with Store.open(path) as store:
        assert store.counts()["verdicts"] == 2
        assert store.cluster(cid).version == 2
        assert audit.verify(store).ok


def _writer(path: str, name: str, n: int, cluster_ids: Sequence[str]) -> None:
    with Store.open(path) as store:
        for i in range(n):
            cid = cluster_ids[i % len(cluster_ids)]
            review.record_verdict(store, cid, verdict="unclear", reviewer=name, note=f"{name}-{i}")


def test_parallel_writers_lose_nothing(store_url: str) -> None:
    path = store_url
    with Store.open(path) as store:
        seed(store)
        ids = [s.cluster_id for s in store.clusters()]
    procs = [CTX.Process(target=_writer, args=(path, f"w{k}", 40, ids)) for k in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=90)
        assert proc.exitcode == 0
    with Store.open(path) as store, store.snapshot() as tx:
        notes = [r[0] for r in tx.all("SELECT note FROM verdicts")]
        assert sorted(notes) == sorted(f"w{k}-{i}" for k in range(3) for i in range(40))
        assert sum(s.version for s in store.clusters()) == 120
    with Store.open(path) as store:
        assert audit.verify(store).ok


class SlowClaims(Sequence[Claim]):
    """Claims that stall after the second one: the store is then mid-transaction."""

    def __init__(self, claims: list[Claim], started: Event) -> None:
        self._claims = claims
        self._started = started

    def __len__(self) -> int:
        return len(self._claims)

    @overload
    def __getitem__(self, index: int) -> Claim: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Claim]: ...
    def __getitem__(self, index: int | slice) -> Claim | Sequence[Claim]:
        return self._claims[index]

    def __iter__(self) -> Iterator[Claim]:
        for i, claim in enumerate(self._claims):
            if i == 2:
                self._started.set()
                time.sleep(120)
            yield claim


def _doomed_writer(path: str, committed: Event, started: Event) -> None:
    with Store.open(path) as store:
        for state in store.clusters():
            review.record_verdict(store, state.cluster_id, verdict="consistent", reviewer="ana")
        committed.set()
        article, claims = build(KK[:1] + EN, source="doomed", language="kk")
        store.add_article(article, SlowClaims(claims, started))


def test_writer_killed_mid_transaction_loses_nothing_committed(store_url: str) -> None:
    path = store_url
    with Store.open(path) as store:
        seed(store)
        before = store.counts()
    committed, started = CTX.Event(), CTX.Event()
    proc = CTX.Process(target=_doomed_writer, args=(path, committed, started))
    proc.start()
    assert started.wait(timeout=60) and committed.is_set()
    assert proc.pid is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(timeout=30)
    assert proc.exitcode == -signal.SIGKILL
    assert engine_check(path) == "ok"
    with Store.open(path) as store:
        counts = store.counts()
        assert counts["verdicts"] == 3 and counts["articles"] == before["articles"]
        assert counts["claims"] == before["claims"]
        assert all(s.verdict == "consistent" for s in store.clusters())
        assert audit.verify(store).ok
        article, claims = build(KK[:1] + EN, source="doomed", language="kk")
        assert store.add_article(article, claims)  # the half-written article left no trace
        assert audit.verify(store).ok
