"""The incremental path of :func:`workbench.pipeline.run_clustering`.

When the store was clustered before with the same model and threshold and some claims
are in no cluster yet, only the neighbourhood those new claims reach is re-clustered
(:func:`claims.match.incremental.recluster`); every other cluster keeps its id, members,
hints, links, verdict and sign-off.  People's decisions apply to the part as they apply
to a full run: a reviewed cluster in the part is kept whole (claims that would join it
become a proposal), must-link and cannot-link constraints between its claims hold.
Open proposals for reviewed clusters outside the part stay open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from claims.match.incremental import recluster
from claims.model import Claim, Cluster, cluster_id_for
from workbench import store_corrections as sql
from workbench import store_partial
from workbench.constraints import Constrained, apply_constraints
from workbench.store import Store

__all__ = ["MAX_NEW_SHARE", "Part", "changed", "constrain_part", "plan_part"]

MAX_NEW_SHARE = 0.5  # more new claims than this share of the store: a full run


@dataclass(frozen=True)
class Part:
    """The clusters an incremental run re-did and what it leaves alone."""

    clusters: list[Cluster]  # the engine's clusters of the re-clustered claims
    retire: list[str]  # the current clusters they replace
    untouched: list[tuple[str, ...]]  # members of every other current cluster
    claims: int  # claims re-clustered


def _previous(
    claims: Sequence[Claim], member: dict[str, str]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    ids = sorted(set(member.values()))
    code = {cid: i for i, cid in enumerate(ids)}
    labels = np.array([code.get(member.get(c.claim_id, ""), -1) for c in claims], dtype=np.int64)
    return labels, labels < 0, ids


def plan_part(
    store: Store,
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    *,
    model_id: str,
    threshold: float | None,
) -> Part | None:
    """The incremental clustering of ``claims``, or None when a full run is needed: no
    clustering yet, another model or threshold than the last one, no new claims, or more
    than :data:`MAX_NEW_SHARE` of them new."""
    with store.snapshot() as tx:
        params = store_partial.last_clustering_params(tx)
        member = store_partial.memberships(tx)
    if params is None or not member:
        return None
    if params.get("model") != model_id or params.get("threshold") != threshold:
        return None
    previous, new, ids = _previous(claims, member)
    if not new.any() or new.mean() > MAX_NEW_SHARE:
        return None
    step = recluster(claims, embeddings, previous, new, threshold=threshold)
    groups: dict[int, list[str]] = {}
    for row, label in zip(step.rows.tolist(), step.labels[step.rows].tolist(), strict=True):
        groups.setdefault(label, []).append(claims[row].claim_id)
    retire = [ids[i] for i in step.replaced.tolist()]
    gone = set(retire)
    untouched: dict[str, list[str]] = {}
    for claim_id, cid in member.items():
        if cid not in gone:
            untouched.setdefault(cid, []).append(claim_id)
    return Part(
        clusters=[Cluster(cluster_id_for(ms), tuple(ms)) for ms in groups.values()],
        retire=retire,
        untouched=[tuple(ms) for ms in untouched.values()],
        claims=len(step.rows),
    )


def constrain_part(part: Part, store: Store) -> Constrained:
    """The part made to honour the reviewed clusters and corrections inside it; the
    proposals are those of the part plus the open ones for clusters outside it."""
    gone = set(part.retire)
    with store.snapshot() as tx:
        pinned = {cid: ms for cid, ms in sql.pinned_clusters(tx).items() if cid in gone}
        must, cannot = sql.active_constraints(tx)
        waiting = sql.open_proposals(tx)
    inside = {m for c in part.clusters for m in c.claim_ids}
    must = [(a, b) for a, b in must if a in inside and b in inside]
    cannot = [(a, b) for a, b in cannot if a in inside and b in inside]
    constrained = apply_constraints(part.clusters, pinned=pinned, must=must, cannot=cannot)
    proposals = {p.cluster_id: p.claim_ids for p in waiting if p.cluster_id not in gone}
    return Constrained(constrained.clusters, {**proposals, **constrained.proposals})


def changed(
    clusters: Sequence[Cluster], retire: Sequence[str]
) -> tuple[list[Cluster], list[str], list[tuple[str, ...]]]:
    """``(clusters to store, clusters to retire, members of the ones that came out as they
    were)``: a part's cluster identical to one it replaces is left as it is (links and
    hints too), so it is neither aligned nor written again."""
    same = {c.cluster_id for c in clusters} & set(retire)
    fresh = [c for c in clusters if c.cluster_id not in same]
    kept = [c.claim_ids for c in clusters if c.cluster_id in same]
    return fresh, [cid for cid in retire if cid not in same], kept
