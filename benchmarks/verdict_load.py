"""Verdict load: N verdicts from P processes on one store (SQLite, and PostgreSQL with --db).

Each writer reads a cluster's version and saves with ``expected_version`` (retrying
after a ConflictError, as the dashboard would after a reload).  Afterwards the
script checks that no verdict was lost or duplicated (every note is present
exactly once, cluster versions add up) and that the audit log verifies, and
prints throughput.

    .venv/bin/python benchmarks/verdict_load.py [--verdicts 10000] [--processes 4]
        [--db postgresql://USER:PASSWORD@HOST:PORT/DB]   # both engines, side by side
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claims.model import Article, Claim, Cluster, article_id_for, claim_id_for, cluster_id_for
from claims.model import text_hash as sha
from workbench import audit, review
from workbench.errors import ConflictError
from workbench.store import Store

__all__ = ["main"]

SOURCES = ("kaz", "ru", "en", "kz24")


def _setup(path: str, clusters: int) -> list[str]:
    """Store ``len(SOURCES)`` articles of ``clusters`` claims, clustered by position."""
    per_source: list[list[Claim]] = []
    with Store.open(path) as store:
        for source in SOURCES:
            sentences = [f"{source} мәлімдеме нөмір {i}." for i in range(clusters)]
            text = " ".join(sentences)
            aid = article_id_for(sha(text))
            claims, pos = [], 0
            for i, sentence in enumerate(sentences):
                start = text.index(sentence, pos)
                end = pos = start + len(sentence)
                cid = claim_id_for(aid, start, end)
                claims.append(Claim(cid, aid, sentence, start, end, start, end, position=i))
            article = Article(aid, source, source, text, "kk", sha(text))
            store.add_article(article, claims)
            per_source.append(claims)
        groups = [[cs[i].claim_id for cs in per_source] for i in range(clusters)]
        found = [Cluster(cluster_id_for(g), tuple(g)) for g in groups]
        store.replace_clustering(found, {}, actor="bench", params={})
        return [c.cluster_id for c in found]


def _writer(path: str, name: str, count: int, cluster_ids: list[str], out: object) -> None:
    conflicts = 0
    with Store.open(path) as store:
        for i in range(count):
            cid = cluster_ids[(i * 7 + zlib.crc32(name.encode())) % len(cluster_ids)]
            while True:
                seen = store.cluster(cid).version
                try:
                    review.record_verdict(
                        store,
                        cid,
                        verdict="unclear",
                        reviewer=name,
                        note=f"{name}:{i}",
                        expected_version=seen,
                    )
                    break
                except ConflictError:
                    conflicts += 1
    out.put(conflicts)  # type: ignore[attr-defined]


def _check(path: str, expected_notes: set[str]) -> tuple[bool, str]:
    with Store.open(path) as store:
        with store.snapshot() as tx:
            notes = Counter(str(r[0]) for r in tx.all("SELECT note FROM verdicts"))
        versions = sum(s.version for s in store.clusters())
        started = time.perf_counter()
        report = audit.verify(store)
        verify_s = time.perf_counter() - started
    lost = len(expected_notes - set(notes))
    duplicated = sum(n - 1 for n in notes.values() if n > 1)
    ok = lost == 0 and duplicated == 0 and versions == len(expected_notes) and report.ok
    detail = f"lost={lost} duplicated={duplicated} versions={versions} verify={report.ok}"
    return ok, f"{detail} ({report.events} events verified in {verify_s:.2f}s)"


def _run(path: str, args: argparse.Namespace) -> tuple[float, int, bool, str]:
    ctx = multiprocessing.get_context("spawn")
    ids = _setup(path, args.clusters)
    share = args.verdicts // args.processes
    names = [f"reviewer{k}" for k in range(args.processes)]
    queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(path, n, share, ids, queue)) for n in names]
    start = time.perf_counter()
    for proc in procs:
        proc.start()
    conflicts = sum(int(queue.get(timeout=3600)) for _ in procs)
    for proc in procs:
        proc.join()
    seconds = time.perf_counter() - start
    expected = {f"{n}:{i}" for n in names for i in range(share)}
    ok, detail = _check(path, expected)
    return seconds, conflicts, ok, detail


@contextmanager
def _fresh_schema(url: str) -> Iterator[str]:
    """A new, empty schema on the server at ``url`` (dropped afterwards): the store's URL."""
    import psycopg

    name = f"verdict_load_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


def main() -> int:
    """Run the load and print a small table; exit status 0 when nothing was lost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verdicts", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--clusters", type=int, default=50)
    parser.add_argument(
        "--db", default=None, help="also run on this PostgreSQL server (a fresh schema in it)"
    )
    args = parser.parse_args()
    results: list[tuple[str, tuple[float, int, bool, str]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(("sqlite", _run(str(Path(tmp) / "load.db"), args)))
    if args.db:
        with _fresh_schema(args.db) as url:
            results.append(("postgresql", _run(url, args)))
    total = (args.verdicts // args.processes) * args.processes
    print(
        f"{'engine':>10} {'processes':>9} {'verdicts':>8} {'clusters':>8} {'seconds':>8} "
        f"{'verdicts/s':>10} {'conflicts':>9}  check"
    )
    for engine, (seconds, conflicts, ok, detail) in results:
        print(
            f"{engine:>10} {args.processes:>9} {total:>8} {args.clusters:>8} {seconds:>8.1f} "
            f"{total / seconds:>10.0f} {conflicts:>9}  {'OK' if ok else 'FAILED'} {detail}"
        )
    return 0 if all(r[1][2] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
