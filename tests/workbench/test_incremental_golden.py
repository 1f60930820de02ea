"""What an incremental `workbench cluster` stores, pinned against a recorded run.

The speed-ups of the incremental path (issue 11) must not change its result: the same
clusters (ids, members), verdicts and sign-offs, hints, links and proposals.  The desk
of tests/workbench/test_pipeline_incremental.py is clustered in full, one cluster is
reviewed and signed off, a cluster of another story gets a verdict, then new articles
arrive in two incremental runs; everything the store then holds about the clustering
is compared with ``tests/data/incremental_golden.json``, recorded before the speed-ups
(``REGENERATE=1`` rewrites it; only do so for an intended change of behaviour).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.workbench.test_pipeline_incremental import DeskEncoder, _add, _desk, _story
from workbench import audit, corrections
from workbench.pipeline import ClusterSummary, run_clustering
from workbench.review import record_verdict, sign_off
from workbench.store import Store

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "incremental_golden.json"


def _summary(summary: ClusterSummary) -> dict[str, Any]:
    report = summary.report
    return {
        "claims": summary.claims,
        "clusters": summary.clusters,
        "cross_source": summary.cross_source,
        "reclustered": summary.reclustered,
        "embedded": summary.embedded,
        "hint_counts": dict(sorted(summary.hint_counts.items())),
        "link_counts": dict(sorted(summary.link_counts.items())),
        "report": [
            report.clusters,
            report.unchanged,
            report.new,
            report.removed,
            report.verdicts_kept,
            report.verdicts_to_rereview,
        ],
    }


def _stored(store: Store) -> dict[str, Any]:
    clusters = []
    for state in sorted(store.clusters(), key=lambda s: s.cluster_id):
        hints = [[h.kind, h.message, list(h.claim_ids)] for h in store.hints(state.cluster_id)]
        clusters.append(
            {
                "id": state.cluster_id,
                "claims": list(state.claim_ids),
                "verdict": state.verdict,
                "signed_off_by": state.signed_off_by,
                "locked": state.locked,
                "needs_rereview": state.needs_rereview,
                "hints": hints,
            }
        )
    links = [
        [k.cluster_id, k.claim_a, k.claim_b, k.relation, k.score, [h.kind for h in k.hints]]
        for k in store.all_links()
    ]
    proposals = sorted([p.cluster_id, list(p.claim_ids)] for p in corrections.proposals(store))
    return {"clusters": clusters, "links": links, "proposals": proposals}


def _run(store: Store) -> dict[str, Any]:
    encoder = DeskEncoder()
    _desk(store)
    runs = [_summary(run_clustering(store, encoder=encoder))]
    signed = next(s.cluster_id for s in store.clusters() if _story(store, s.cluster_id) == {4})
    record_verdict(store, signed, verdict="consistent", reviewer="aigerim")
    sign_off(store, signed, reviewer="daniyar")
    judged = next(s.cluster_id for s in store.clusters() if _story(store, s.cluster_id) == {2})
    record_verdict(store, judged, verdict="contradictory", reviewer="aigerim")
    _add(store, 4, "late4")
    _add(store, 2, "late2")
    runs.append(_summary(run_clustering(store, encoder=encoder, actor="daniyar")))
    _add(store, 9, "late9")
    runs.append(_summary(run_clustering(store, encoder=encoder)))
    assert audit.verify(store).ok
    return {"runs": runs, **_stored(store)}


def test_incremental_runs_store_what_they_stored_before(store: Store) -> None:
    found = _run(store)
    assert found["runs"][1]["reclustered"] < found["runs"][1]["claims"]  # incremental runs
    assert found["runs"][2]["reclustered"] < found["runs"][2]["claims"]
    if os.environ.get("REGENERATE"):
        GOLDEN.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", "utf-8")
    want = json.loads(GOLDEN.read_text("utf-8"))
    assert found["runs"] == want["runs"]
    assert found["proposals"] == want["proposals"]
    assert found["clusters"] == want["clusters"]
    assert found["links"] == want["links"]
