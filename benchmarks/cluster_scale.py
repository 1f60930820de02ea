"""The clustering `workbench cluster` runs, at scale; and cluster_embeddings vs scikit-learn.

0. claims.match.cluster_claims (the review-cluster path of workbench.pipeline.run_clustering)
   on planted claims (issue 11): articles of 25 claims, one event per 4 claims on average
   (each claim gets a random event), event centres N(0,1) in 384 dims plus 0.35 N(0,1) noise,
   rows L2-normalised; 10k, 50k and 100k claims (400 / 2,000 / 4,000 articles) timed
   in-process with peak RSS and ARI against the planted events (goal at 100k: <= 20 s,
   <= 1.5 GB, ARI >= 0.98).  Run with --claims-only for just this part.

Synthetic 384-d unit vectors: planted clusters of 1-8 members (geometric sizes)
around random centres, per-member Gaussian noise (same-cluster cosine ~0.92) and
a shared offset direction that lifts unrelated pairs to cosine ~0.45, like the
anisotropy of real sentence embeddings.

1. 100,000 rows: time and peak RSS of cluster_embeddings (goal <= 20 s, <= 1.5 GB).
2. 10,000 rows: cluster_embeddings vs AgglomerativeClustering(linkage="single",
   metric="cosine", distance_threshold=1 - threshold), the same definition
   (goal >= 20x faster, ARI >= 0.95), side by side in one run.

    .venv/bin/python benchmarks/cluster_scale.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.cluster import cluster_embeddings
from claims.match import cluster_claims
from claims.model import Claim

THRESHOLD = 0.8
DIM = 384


def planted(n: int, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` unit vectors with planted cluster labels."""
    rng = np.random.default_rng(seed)
    sizes = np.minimum(rng.geometric(0.35, size=n), 8)
    labels = np.repeat(np.arange(n), sizes)[:n]
    centres = rng.standard_normal((int(labels.max()) + 1, DIM), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    vectors = centres[labels]
    vectors += rng.standard_normal((n, DIM), dtype=np.float32) * np.float32(0.4 / np.sqrt(DIM))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    offset = rng.standard_normal(DIM).astype(np.float32)
    vectors += 0.9 * offset / np.linalg.norm(offset)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors, dtype=np.float32), labels


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def planted_claims(n: int, *, seed: int = 0) -> tuple[list[Claim], np.ndarray, np.ndarray]:
    """Issue 11's case: ``n`` claims in articles of 25, ``n // 4`` events assigned at random."""
    rng = np.random.default_rng(seed)
    events = rng.integers(0, max(1, n // 4), size=n)
    centres = rng.standard_normal((max(1, n // 4), DIM), dtype=np.float32)
    vectors = centres[events] + np.float32(0.35) * rng.standard_normal((n, DIM), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    claims = [
        Claim(f"K{i}", f"A{i // 25}", f"c{i}", 0, 1, 0, 1, score=0.5, position=i % 25)
        for i in range(n)
    ]
    return claims, np.ascontiguousarray(vectors), events


def claims_case(sizes: list[int]) -> bool:
    """Time cluster_claims at each size; True if the largest meets the goal."""
    from sklearn.metrics import adjusted_rand_score

    header = ("claims", 8), ("articles", 9), ("function", 24), ("seconds", 9), ("CPU s", 8)
    print("".join(f"{name:>{width}}" for name, width in header) + f"{'peak MB':>9}{'ARI':>8}")
    ok = True
    for n in sizes:
        claims, vectors, truth = planted_claims(n)
        started, cpu = time.perf_counter(), time.process_time()
        clusters = cluster_claims(claims, vectors)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        label = {cid: index for index, c in enumerate(clusters) for cid in c.claim_ids}
        ari = adjusted_rand_score(truth, [label[c.claim_id] for c in claims])
        rss = peak_rss_mb()
        timing = f"{seconds:>9.2f}{cpu:>8.1f}{rss:>9.0f}{ari:>8.3f}"
        print(f"{n:>8}{n // 25:>9}{'cluster_claims':>24}{timing}")
        ok = seconds <= 20 and rss <= 1536 and ari >= 0.98
        print(f"{'':>8}load average now: {os.getloadavg()[0]:.2f}")
        del claims, vectors, truth, clusters, label
    return ok


def main() -> int:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import adjusted_rand_score

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--claims", type=int, nargs="*", default=[10_000, 50_000, 100_000])
    parser.add_argument("--claims-only", action="store_true")
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    claims_ok = claims_case(args.claims)
    print(f"cluster_claims at {args.claims[-1]}: {'meets' if claims_ok else 'MISSES'} the goal\n")
    if args.claims_only:
        return 0

    print(f"{'rows':>8}{'method':>28}{'seconds':>9}{'peak MB':>9}{'ARI truth':>10}")
    vectors, truth = planted(args.rows)
    started = time.perf_counter()
    labels = cluster_embeddings(vectors, threshold=THRESHOLD)
    seconds = time.perf_counter() - started
    ari = adjusted_rand_score(truth, labels)
    print(
        f"{args.rows:>8}{'cluster_embeddings':>28}{seconds:>9.2f}{peak_rss_mb():>9.0f}{ari:>10.3f}"
    )
    big_ok = seconds <= 20 and peak_rss_mb() <= 1536
    del vectors, truth, labels

    small, small_truth = planted(10_000, seed=1)
    started = time.perf_counter()
    ours = cluster_embeddings(small, threshold=THRESHOLD)
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    reference = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="single", distance_threshold=1 - THRESHOLD
    ).fit_predict(small)
    ref_seconds = time.perf_counter() - started
    rss = peak_rss_mb()
    print(
        f"{10_000:>8}{'cluster_embeddings':>28}{ours_seconds:>9.2f}{rss:>9.0f}"
        f"{adjusted_rand_score(small_truth, ours):>10.3f}"
    )
    print(
        f"{10_000:>8}{'sklearn single linkage':>28}{ref_seconds:>9.2f}{rss:>9.0f}"
        f"{adjusted_rand_score(small_truth, reference):>10.3f}"
    )
    agreement = adjusted_rand_score(reference, ours)
    speedup = ref_seconds / ours_seconds
    print(f"\nspeed-up vs sklearn: {speedup:.1f}x (goal >= 20x); ARI vs sklearn: {agreement:.4f}")
    print(f"100k within 20 s and 1.5 GB: {'yes' if big_ok else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
