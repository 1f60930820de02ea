"""xref_dev acceptance: the app's pipeline on four different reports of one story.

Runs ``benchmarks/xref_dev.py``'s pipeline (ingest as four sources, ``run_clustering``,
``align_clusters``) and checks the levels this branch measured, which the old
one-claim-per-article clustering missed (same 26/43, conflict 4/16 shared a cluster).
"""

from __future__ import annotations

import itertools


def _recall(scorer: object, pairs: list[dict[str, object]], relation: str) -> float:
    chosen = [scorer.pair_sides(p) for p in pairs if p["relation"] == relation]  # type: ignore[attr-defined]
    return sum(scorer.together(a, b) for a, b in chosen) / len(chosen)  # type: ignore[attr-defined]


def test_restatements_and_conflicts_share_a_cluster(scored: tuple[object, list]) -> None:
    scorer, pairs = scored
    assert _recall(scorer, pairs, "same") >= 0.80
    assert _recall(scorer, pairs, "conflict") >= 0.75
    # the issue's goal; 0.65 while "the dam gave way on April 5" held "the emergency was
    # lifted on 20 May" away from "a state of emergency was declared" (dated_apart)
    assert _recall(scorer, pairs, "related") >= 0.70


def test_cross_source_pairs_are_precise_and_clusters_tight(scored: tuple[object, list]) -> None:
    scorer, pairs = scored
    run = scorer.run  # type: ignore[attr-defined]
    supported = set()
    for pair in pairs:
        left, right = scorer.pair_sides(pair)  # type: ignore[attr-defined]
        supported |= {frozenset((x, y)) for x in left for y in right}
    source = {c.claim_id: run.articles[c.article_id].source for c in run.claims}
    found = [
        frozenset(p)
        for c in run.clusters
        for p in itertools.combinations(c.claim_ids, 2)
        if source[p[0]] != source[p[1]]
    ]
    assert sum(p in supported for p in found) / len(found) >= 0.85
    assert max(len(c.claim_ids) for c in run.clusters) <= 0.15 * len(run.claims)
    assert sum(len({source[m] for m in c.claim_ids}) > 1 for c in run.clusters) >= 15
