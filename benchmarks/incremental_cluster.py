"""Incremental clustering (issue 11 item 2): 250 new claims into a clustered store.

1. Engine, in-process: issue 11's planted claims (cluster_scale.planted_claims: articles
   of 25, one event per 4 claims, 384-d) - N stored claims clustered by a full run
   (build_graph + review_labels, what cluster_claims runs), then 10 new articles (250
   claims of the same events) added.  Timed: a full run over all N + 250 claims vs
   claims.match.incremental.recluster.  Checked: every previous cluster outside the part
   keeps its members (so its id); the incremental result against the full run (ARI, and
   the clusters that differ, split into inside / outside the re-clustered part); and, to
   explain the outside ones, how many clusters the full run itself moves among the old
   claims it did not need to touch (full before vs full after).
2. Application: workbench.pipeline.run_clustering on a SQLite store of --store-claims
   planted claims (vectors served by a lookup encoder, so embedding costs nothing): a
   full run, then 10 new articles and the default (incremental) run, timed end to end
   (load, cluster, align, store).

3. ``--desk-seeds N``: the desk of stories of tests/claims/match/test_incremental.py over
   seeds 0..N-1 (and 167, 508): how many clusters differ from a full run, per seed.

    .venv/bin/python benchmarks/incremental_cluster.py [--claims 100000] [--store-claims 10000]
    .venv/bin/python benchmarks/incremental_cluster.py --claims --store-claims 0 --desk-seeds 80
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_scale import peak_rss_mb, planted_claims

from claims.match.clusters import review_labels
from claims.match.graph import build_graph
from claims.match.incremental import recluster
from claims.model import Article, Claim, article_id_for, claim_id_for, text_hash

NEW = 250


def _timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def _full(claims: Sequence[Claim], vectors: np.ndarray) -> np.ndarray:
    return review_labels(build_graph(claims, vectors), threshold=0.8)


def _groups(labels: np.ndarray, rows: np.ndarray | None = None) -> set[frozenset[int]]:
    out: dict[int, set[int]] = {}
    chosen = range(len(labels)) if rows is None else rows.tolist()
    for row in chosen:
        out.setdefault(int(labels[row]), set()).add(row)
    return {frozenset(g) for g in out.values()}


def engine_case(n: int) -> bool:
    from sklearn.metrics import adjusted_rand_score

    claims, vectors, truth = planted_claims(n + NEW)
    before = _full(claims[:n], vectors[:n])
    after, full_s, full_cpu = _timed(_full, claims, vectors)
    previous = np.concatenate([before, np.full(NEW, -1)])
    new = np.arange(n + NEW) >= n
    step, inc_s, inc_cpu = _timed(recluster, claims, vectors, previous, new)
    print(f"engine, {n} stored + {NEW} new claims ({NEW // 25} articles), planted events")
    print(f"  full run (all {n + NEW} claims): {full_s:7.2f} s wall {full_cpu:7.2f} s CPU")
    print(
        f"  incremental:                    {inc_s:7.2f} s wall {inc_cpu:7.2f} s CPU  "
        f"= {100 * inc_s / full_s:.1f} % wall, {100 * inc_cpu / full_cpu:.1f} % CPU (goal <= 5 %)"
    )
    print(f"  re-clustered {len(step.rows)} claims, replaced {len(step.replaced)} clusters")
    untouched = np.flatnonzero(~np.isin(before, step.replaced))
    kept = _groups(before, untouched)
    inc_groups = _groups(step.labels)
    lost = [g for g in kept if g not in inc_groups]
    print(f"  untouched clusters keeping members and id: {len(kept) - len(lost)} of {len(kept)}")
    full_groups = _groups(after)
    part = set(step.rows.tolist())
    differ = inc_groups - full_groups
    inside = [g for g in differ if g & part]
    drift = _groups(before) - _groups(after, np.arange(n))
    print(
        f"  vs full run: ARI {adjusted_rand_score(after, step.labels):.4f}; clusters differing "
        f"{len(differ)} of {len(inc_groups)}: {len(inside)} inside the part, "
        f"{len(differ) - len(inside)} outside"
    )
    print(
        f"  outside differences are the full run moving clusters it had no reason to touch: "
        f"full-before vs full-after differ in {len(drift)} clusters of old claims "
        f"(ANN index retrained on a new sample, corpus-wide TF-IDF)"
    )
    for g in inside[:5]:
        rows = sorted(g)
        other = sorted({int(after[r]) for r in rows})
        print(
            f"    incremental {rows} (new: {[r for r in rows if r >= n]}) -> full: "
            f"{[sorted(np.flatnonzero(after == o).tolist()) for o in other]}"
        )
    print(
        f"  ARI vs planted events: full {adjusted_rand_score(truth, after):.4f}, "
        f"incremental {adjusted_rand_score(truth, step.labels):.4f}; peak {peak_rss_mb():.0f} MB"
    )
    return not lost and inc_cpu <= 0.05 * full_cpu


class LookupEncoder:
    """Serves the planted vectors by text (the embedding step costs nothing)."""

    model_id = "bench:planted"

    def __init__(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        self.dim = vectors.shape[1]
        self.rows = {t: i for i, t in enumerate(texts)}
        self.vectors = vectors

    def encode(self, texts: Sequence[str], *, kind: str = "passage") -> np.ndarray:
        return self.vectors[[self.rows[t] for t in texts]]


def _articles(claims: Sequence[Claim], *, first: int) -> list[tuple[Article, list[Claim]]]:
    out = []
    for begin in range(first, len(claims), 25):
        texts = [f"w{_alpha(i)} claim." for i in range(begin, min(begin + 25, len(claims)))]
        body = " ".join(texts)
        digest = text_hash(f"A{begin}\n{body}")
        aid = article_id_for(digest)
        article = Article(aid, f"src{begin // 25 % 7}", f"A{begin}", body, "en", digest)
        rows, pos = [], 0
        for i, text in enumerate(texts):
            start = body.index(text, pos)
            pos = start + len(text)
            rows.append(
                Claim(claim_id_for(aid, start, pos), aid, text, start, pos, start, pos,
                      score=0.5, position=i)
            )  # fmt: skip
        out.append((article, rows))
    return out


def _alpha(i: int) -> str:
    return "".join(chr(ord("a") + int(ch)) for ch in str(i))


def store_case(n: int) -> None:
    from workbench.pipeline import run_clustering
    from workbench.store import Store

    claims, vectors, _ = planted_claims(n + NEW)
    texts = [f"w{_alpha(i)} claim." for i in range(n + NEW)]
    encoder = LookupEncoder(texts, vectors)
    batches = _articles(claims, first=0)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "wb.db") as store:
        store.add_articles(batches[: n // 25], actor="bench")
        full, full_s, full_cpu = _timed(run_clustering, store, encoder=encoder)
        store.add_articles(batches[n // 25 :], actor="bench")
        inc, inc_s, inc_cpu = _timed(run_clustering, store, encoder=encoder)
        states = store.clusters()
    print(f"application (SQLite), {n} stored claims, then {NEW} new: run_clustering end to end")
    print(f"  first (full) run:   {full_s:7.2f} s wall {full_cpu:7.2f} s CPU")
    print(
        f"  incremental run:    {inc_s:7.2f} s wall {inc_cpu:7.2f} s CPU  "
        f"= {100 * inc_s / full_s:.1f} % wall; re-clustered {inc.reclustered} of {inc.claims}; "
        f"clusters unchanged {inc.report.unchanged}, new {inc.report.new}, "
        f"removed {inc.report.removed}; {len(states)} clusters"
    )
    del full


def desk_case(seeds: Sequence[int]) -> None:
    """tests/claims/match/test_incremental.py's desk of stories: clusters differing from a
    full run per seed (the figures its Hypothesis test documents)."""
    from tests.claims.match.test_incremental import _desk, _full, _partition

    counts: dict[int, list[int]] = {}
    for seed in seeds:
        claims, vectors, old = _desk(seed)
        before = _full(claims[:old], vectors[:old])
        previous = np.concatenate([before, np.full(len(claims) - old, -1)])
        step = recluster(claims, vectors, previous, np.arange(len(claims)) >= old)
        differ = _partition(step.labels) - _partition(_full(claims, vectors))
        counts.setdefault(len(differ), []).append(seed)
    print(f"desk of stories, {len(seeds)} seeds: clusters differing from a full run")
    for count, found in sorted(counts.items()):
        print(f"  {count}: {len(found)} seeds{'' if count == 0 else f' ({found})'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, nargs="*", default=[100_000])
    parser.add_argument("--store-claims", type=int, default=10_000)
    parser.add_argument("--desk-seeds", type=int, default=0, help="seeds 0..N-1 of the desk")
    args = parser.parse_args()
    if args.desk_seeds:
        desk_case([*range(args.desk_seeds), 167, 508])
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    ok = all([engine_case(n) for n in args.claims])
    if args.store_claims:
        store_case(args.store_claims)
    print(f"load average now: {os.getloadavg()[0]:.2f}")
    if args.claims:
        print(f"incremental within 5 % of a full run (CPU) and untouched clusters kept: {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
