"""What honouring corrections costs a clustering: ``apply_constraints`` at scale.

Synthetic engine output (N claims in clusters of 1-6), a share of them pinned (reviewed
clusters) and M must-link / cannot-link pairs from corrections; times the pure step that
``pipeline.run_clustering`` adds after the engine, and checks its invariants.

    .venv/bin/python benchmarks/corrections_speed.py [--claims 100000] [--pairs 2000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.model import Cluster, cluster_id_for
from workbench.constraints import apply_constraints


def main() -> int:
    """Time apply_constraints; exit 1 if an invariant fails."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=2_000)
    parser.add_argument("--pinned", type=float, default=0.1, help="share of clusters pinned")
    args = parser.parse_args()
    rng = random.Random(5)
    ids = [f"K{i:07d}" for i in range(args.claims)]
    engine: list[Cluster] = []
    i = 0
    while i < len(ids):
        size = rng.randint(1, 6)
        members = tuple(sorted(ids[i : i + size]))
        engine.append(Cluster(cluster_id_for(members), members))
        i += size
    pinned = {c.cluster_id: c.claim_ids for c in engine if rng.random() < args.pinned}
    # the next clustering differs: a fifth of neighbouring clusters are joined
    fresh: list[Cluster] = []
    for cluster in engine:
        if fresh and rng.random() < 0.2:
            joined = tuple(sorted((*fresh[-1].claim_ids, *cluster.claim_ids)))
            fresh[-1] = Cluster(cluster_id_for(joined), joined)
        else:
            fresh.append(cluster)
    engine = fresh
    must = [(rng.choice(ids), rng.choice(ids)) for _ in range(args.pairs // 2)]
    cannot = [(rng.choice(ids), rng.choice(ids)) for _ in range(args.pairs // 2)]
    start = time.perf_counter()
    out = apply_constraints(engine, pinned=pinned, must=must, cannot=cannot)
    elapsed = time.perf_counter() - start
    members = [m for c in out.clusters for m in c.claim_ids]
    ok = sorted(members) == ids and all(
        frozenset(ms) in {frozenset(c.claim_ids) for c in out.clusters} for ms in pinned.values()
    )
    print(
        f"{args.claims} claims, {len(engine)} new engine clusters, {len(pinned)} pinned, "
        f"{args.pairs} constraint pairs -> {len(out.clusters)} clusters, "
        f"{len(out.proposals)} proposals in {elapsed:.2f} s; invariants {'ok' if ok else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
