"""Honour people's decisions in a fresh clustering: pinned clusters, must-link, cannot-link.

A pure function over claim ids (no store): :func:`apply_constraints` takes what the
engine proposed and returns the clustering the workbench stores, plus the claims the
engine wanted to add to reviewed clusters (proposals for a person to decide).

Rules, in order:

1. A *pinned* cluster (one with a verdict, or signed off) is kept exactly as it is.  Claims
   the engine put together with some of its claims do not join it; they become a proposal
   for that cluster (unless a cannot-link already keeps them apart).
2. Claims joined by a must-link end up in one cluster (the engine's clusters holding them
   are merged).  Must-links that touch a pinned cluster are ignored: the pin wins.
3. No cluster holds both ends of a cannot-link: a cluster that would is split so that the
   linked groups land in different clusters; a claim without constraints stays with the
   group holding most of the claims the engine grouped it with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from claims.model import Cluster, cluster_id_for

__all__ = ["Constrained", "apply_constraints"]


@dataclass(frozen=True)
class Constrained:
    """The clustering to store and the proposals (pinned cluster id -> claim ids)."""

    clusters: list[Cluster]
    proposals: dict[str, tuple[str, ...]] = field(default_factory=dict)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _proposals(
    engine: Sequence[Cluster],
    pinned: Mapping[str, tuple[str, ...]],
    cannot: set[frozenset[str]],
) -> dict[str, tuple[str, ...]]:
    home = {m: cid for cid, ms in pinned.items() for m in ms}
    out: dict[str, set[str]] = defaultdict(set)
    for cluster in engine:
        touched = {home[m] for m in cluster.claim_ids if m in home}
        rest = [m for m in cluster.claim_ids if m not in home]
        for cid in touched:
            members = pinned[cid]
            for m in rest:
                if not any(frozenset((m, p)) in cannot for p in members):
                    out[cid].add(m)
    return {cid: tuple(sorted(ms)) for cid, ms in sorted(out.items()) if ms}


def _free_groups(
    engine: Sequence[Cluster], taken: set[str], must: Iterable[tuple[str, str]]
) -> tuple[list[list[str]], dict[str, int]]:
    """Engine clusters without pinned claims, merged along must-links; claim -> engine index."""
    origin: dict[str, int] = {}
    uf = _Union()
    for index, cluster in enumerate(engine):
        rest = [m for m in cluster.claim_ids if m not in taken]
        for m in rest:
            origin[m] = index
            uf.union(rest[0], m)
    for a, b in must:
        if a in origin and b in origin:
            uf.union(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for m in origin:
        groups[uf.find(m)].append(m)
    return list(groups.values()), origin


def _atoms(members: Sequence[str], must: Iterable[tuple[str, str]]) -> list[list[str]]:
    inside = set(members)
    uf = _Union()
    for m in members:
        uf.find(m)
    for a, b in must:
        if a in inside and b in inside:
            uf.union(a, b)
    atoms: dict[str, list[str]] = defaultdict(list)
    for m in members:
        atoms[uf.find(m)].append(m)
    return list(atoms.values())


def _separate(
    members: list[str],
    must: Sequence[tuple[str, str]],
    cannot: set[frozenset[str]],
    origin: Mapping[str, int],
) -> list[list[str]]:
    """Split one group so that no part holds both ends of a cannot-link."""
    linked = {m for pair in cannot for m in pair}
    atoms = _atoms(members, must)
    constrained = sorted(
        (a for a in atoms if len(a) > 1 or a[0] in linked), key=lambda a: (-len(a), min(a))
    )
    free = [a[0] for a in atoms if len(a) == 1 and a[0] not in linked]
    bins: list[list[str]] = []
    for atom in constrained:
        target = next(
            (b for b in bins if not any(frozenset((x, y)) in cannot for x in atom for y in b)),
            None,
        )
        if target is None:
            bins.append(list(atom))
        else:
            target.extend(atom)
    if not bins:
        return [members]
    for m in free:
        best = max(bins, key=lambda b: sum(1 for x in b if origin.get(x) == origin.get(m)))
        best.append(m)
    return bins


def apply_constraints(
    engine: Sequence[Cluster],
    *,
    pinned: Mapping[str, tuple[str, ...]],
    must: Sequence[tuple[str, str]],
    cannot: Sequence[tuple[str, str]],
) -> Constrained:
    """The clustering that honours pins, must-links and cannot-links (see the module doc)."""
    cannot_set = {frozenset(p) for p in cannot if p[0] != p[1]}
    taken = {m for ms in pinned.values() for m in ms}
    proposals = _proposals(engine, pinned, cannot_set)
    groups, origin = _free_groups(engine, taken, must)
    index = {m: i for i, group in enumerate(groups) for m in group}
    broken = {
        index[a]
        for a, b in (tuple(p) for p in cannot_set)
        if a in index and index.get(b) == index[a]
    }
    out: list[Cluster] = []
    for i, group in enumerate(groups):
        parts = _separate(group, must, cannot_set, origin) if i in broken else [group]
        for part in parts:
            members = tuple(sorted(part))
            out.append(Cluster(cluster_id_for(members), members))
    out.extend(Cluster(cid, tuple(sorted(ms))) for cid, ms in pinned.items())
    out.sort(key=lambda c: c.claim_ids)
    return Constrained(out, proposals)
