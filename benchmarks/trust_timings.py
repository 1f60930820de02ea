"""Trust timings: log-in answer time for known vs unknown names, store open under a writer,
and ``verify`` on a store with content digests.

    PYTHONPATH=. .venv/bin/python benchmarks/trust_timings.py [--articles 300]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
from pathlib import Path

from tests.workbench.test_store import build, clusters_of
from workbench import audit, auth, review
from workbench.errors import InvalidInputError
from workbench.store import Store, connect

__all__ = ["main"]


def _login_times(folder: Path) -> tuple[float, float]:
    file = folder / "reviewers.yaml"
    auth.add_reviewer(file, name="dana", password="dana-password", role="editor")
    known, unknown = [], []
    for _ in range(5):
        for name, bucket in (("dana", known), ("nobody", unknown)):
            start = time.perf_counter()
            with contextlib.suppress(InvalidInputError):
                auth.authenticate(file, name=name, password="wrong-password")
            bucket.append(time.perf_counter() - start)
    return statistics.median(known), statistics.median(unknown)


def _store(path: Path, articles: int) -> None:
    with Store.open(path) as store:
        groups: list[list[str]] = [[] for _ in range(10)]
        for i in range(articles):
            sentences = [f"Мақала {i}: {j * 7} адам келді." for j in range(10)]
            article, claims = build(sentences, source=f"s{i % 4}.kz")
            store.add_article(article, claims)
            for j, claim in enumerate(claims):
                groups[j].append(claim.claim_id)
        store.replace_clustering(clusters_of(groups), {}, actor="bench", params={})
        for state in store.clusters()[:5]:
            review.record_verdict(store, state.cluster_id, verdict="partial", reviewer="a")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        known, unknown = _login_times(folder)
        print(f"login answer: known name {known * 1000:.0f} ms, unknown {unknown * 1000:.0f} ms")
        (folder / "store").mkdir()
        db = folder / "store" / "wb.db"
        _store(db, args.articles)
        writer = connect(str(db))
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE meta SET meta_value = meta_value + 1")
        start = time.perf_counter()
        with Store.open(db, create=False) as reader:
            reader.clusters()
        opened = time.perf_counter() - start
        writer.execute("ROLLBACK")
        writer.close()
        print(f"open + list clusters while a writer holds the lock: {opened * 1000:.1f} ms")
        with Store.open(db) as store:
            start = time.perf_counter()
            report = audit.verify(store)
            took = time.perf_counter() - start
            claims = store.counts()["claims"]
        state = "intact" if report.ok else "NOT intact"
        print(f"verify ({args.articles} articles, {claims} claims, {report.events} events): "
              f"{took * 1000:.0f} ms, {state}")  # fmt: skip


if __name__ == "__main__":
    main()
