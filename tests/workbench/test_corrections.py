"""Corrections last: constraints honoured by every clustering, proposals, undo, History."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.model import Claim, Cluster, cluster_id_for
from tests.workbench.test_store import dump, seed
from workbench import audit, corrections, review
from workbench.constraints import apply_constraints
from workbench.errors import InvalidInputError, LockedError
from workbench.pipeline import add_document, ingest_paths, run_clustering
from workbench.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "wb.db") as opened:
        yield opened


@pytest.fixture
def corpus(store: Store) -> list[list[Claim]]:
    return seed(store)


def _c(*ids: str) -> Cluster:
    return Cluster(cluster_id_for(ids), tuple(sorted(ids)))


def _groups(clusters: list[Cluster]) -> set[frozenset[str]]:
    return {frozenset(c.claim_ids) for c in clusters}


# -- the pure rules ---------------------------------------------------------------------------


def test_must_links_merge_and_cannot_links_split() -> None:
    engine = [_c("a", "b", "x", "y"), _c("c", "d")]
    out = apply_constraints(engine, pinned={}, must=[("a", "c"), ("b", "y")], cannot=[("a", "b")])
    # a joins c (must), b stays apart from a (cannot); x goes where most of its old
    # cluster went (b and y), d stays with c
    assert _groups(out.clusters) == {frozenset({"a", "c", "d"}), frozenset({"b", "x", "y"})}


def test_pinned_cluster_is_kept_and_new_claims_become_a_proposal() -> None:
    pinned = {cluster_id_for(["a", "b"]): ("a", "b")}
    engine = [_c("a", "new1", "new2"), _c("b"), _c("z")]
    out = apply_constraints(engine, pinned=pinned, must=[], cannot=[("new2", "b")])
    assert frozenset({"a", "b"}) in _groups(out.clusters)
    assert out.proposals == {cluster_id_for(["a", "b"]): ("new1",)}  # new2 was kept apart


ids = st.sampled_from([f"k{i}" for i in range(9)])


@settings(max_examples=150, deadline=None)
@given(
    st.permutations([f"k{i}" for i in range(9)]),
    st.lists(st.integers(0, 3), min_size=9, max_size=9),
    st.lists(st.tuples(ids, ids), max_size=4),
    st.lists(st.tuples(ids, ids), max_size=4),
)
def test_every_claim_once_and_cannot_links_hold(
    order: list[str],
    labels: list[int],
    must: list[tuple[str, str]],
    cannot: list[tuple[str, str]],
) -> None:
    groups: dict[int, list[str]] = {}
    for claim, label in zip(order, labels, strict=True):
        groups.setdefault(label, []).append(claim)
    engine = [_c(*g) for g in groups.values()]
    must = [(a, b) for a, b in must if a != b and {a, b} not in [set(p) for p in cannot]]
    out = apply_constraints(engine, pinned={}, must=must, cannot=cannot)
    members = [m for c in out.clusters for m in c.claim_ids]
    assert sorted(members) == sorted(order)
    assert all(c.cluster_id == cluster_id_for(c.claim_ids) for c in out.clusters)
    where = {m: c.cluster_id for c in out.clusters for m in c.claim_ids}
    closed = _must_closure(must)
    for a, b in cannot:
        if a != b and b not in closed.get(a, {a}):
            assert where[a] != where[b], (a, b)
    for a, b in must:
        assert where[a] == where[b]


def _must_closure(must: list[tuple[str, str]]) -> dict[str, set[str]]:
    comp: dict[str, set[str]] = {}
    for a, b in must:
        merged = comp.get(a, {a}) | comp.get(b, {b})
        for m in merged:
            comp[m] = merged
    return comp


# -- through the store ------------------------------------------------------------------------


def test_undo_restores_clusters_verdicts_and_flags(store: Store, corpus: list[list[Claim]]) -> None:
    cid = store.cluster_of(corpus[0][0].claim_id)
    other = store.cluster_of(corpus[0][1].claim_id)
    review.record_verdict(store, cid, verdict="partial", reviewer="ana", note="numbers differ")
    before = {s.cluster_id: s for s in store.clusters()}
    merged = corrections.merge_clusters(store, [cid, other], actor="ana", reason="same event")
    assert store.cluster(merged).needs_rereview
    entry = next(e for e in review.history(store, merged) if e.kind == "merge")
    assert entry.actor == "ana" and "same event" in entry.note and cid in entry.note
    assert corrections.successors(store, cid) == [merged]
    done = corrections.undo(store, actor="bob", reason="wrong pair")
    assert done.kind == "merge" and done.undone_by == "bob"
    after = {s.cluster_id: s for s in store.clusters()}
    assert after.keys() == before.keys()
    assert after[cid].verdict == "partial" and not after[cid].needs_rereview
    assert after[cid].claim_ids == before[cid].claim_ids
    kinds = [e.kind for e in review.history(store, cid)]
    assert kinds[-2:] == ["merge", "undo"]
    with pytest.raises(InvalidInputError, match="no correction to undo"):
        corrections.undo(store, actor="bob")
    assert audit.verify(store).ok


def test_undo_refuses_out_of_order_and_locked(store: Store, corpus: list[list[Claim]]) -> None:
    cid = store.cluster_of(corpus[0][0].claim_id)
    other = store.cluster_of(corpus[0][1].claim_id)
    merged = corrections.merge_clusters(store, [cid, other], actor="ana")
    first = corrections.corrections(store)[-1].event
    rest, _ = corrections.split_cluster(store, merged, [corpus[1][0].claim_id], actor="ana")
    state = dump(store)
    with pytest.raises(InvalidInputError, match="first"):
        corrections.undo(store, actor="bob", event=first)
    assert dump(store) == state
    review.record_verdict(store, rest, verdict="consistent", reviewer="ana")
    review.sign_off(store, rest, reviewer="bob")
    state = dump(store)
    with pytest.raises(LockedError, match="reopen"):
        corrections.undo(store, actor="bob")
    assert dump(store) == state


# -- through the real clustering --------------------------------------------------------------


def _seeded(store: Store) -> None:
    assert ingest_paths(store, sorted(SEEDS.glob("0*.txt"))).ok
    run_clustering(store)


def test_a_merge_survives_reclustering_and_an_upload(store: Store) -> None:
    _seeded(store)
    a, b = store.clusters()[0].cluster_id, store.clusters()[-1].cluster_id
    members = set(store.cluster(a).claim_ids) | set(store.cluster(b).claim_ids)
    merged = corrections.merge_clusters(store, [a, b], actor="ana", reason="same statement")
    run_clustering(store)
    assert set(store.cluster(merged).claim_ids) == members
    report = add_document(
        store,
        "Ведомство сообщило о новых данных. Погода была тёплой.".encode(),
        name="new.txt",
        source="new.kz",
    )
    assert report.ok
    run_clustering(store, threshold=0.99)
    holder = store.cluster_of(next(iter(members)))
    assert set(store.cluster(holder).claim_ids) >= members
    assert audit.verify(store).ok


def test_a_split_survives_reclustering_and_undo_lets_it_go(store: Store) -> None:
    _seeded(store)
    cross = next(s for s in store.clusters() if len(s.claim_ids) > 1)
    leaving = [cross.claim_ids[0]]
    rest, alone = corrections.split_cluster(store, cross.cluster_id, leaving, actor="ana")
    run_clustering(store)
    assert store.cluster_of(leaving[0]) != store.cluster_of(cross.claim_ids[1])
    corrections.undo(store, actor="ana")
    assert store.cluster(cross.cluster_id).claim_ids == cross.claim_ids
    run_clustering(store)
    assert store.cluster_of(leaving[0]) == store.cluster_of(cross.claim_ids[1])
    del rest, alone


def test_reviewed_cluster_is_never_dissolved_new_claims_are_proposed(store: Store) -> None:
    _seeded(store)
    cross = next(s for s in store.clusters() if len(set(s.sources)) > 1)
    review.record_verdict(store, cross.cluster_id, verdict="consistent", reviewer="ana")
    # A copy of one member's sentence from a new outlet: the engine clusters it with them.
    text = store.claim(cross.claim_ids[0]).text
    assert add_document(store, text.encode(), name="copy.txt", source="copy.kz").ok
    run_clustering(store)
    state = store.cluster(cross.cluster_id)
    assert state.claim_ids == cross.claim_ids and state.verdict == "consistent"
    [proposal] = corrections.proposals(store, cross.cluster_id)
    copy = next(a.article_id for a in store.articles() if a.source == "copy.kz")
    [copied] = [c.claim_id for c in store.claims() if c.article_id == copy]
    assert copied in proposal.claim_ids  # the new outlet's claim is proposed, not merged in
    kept = corrections.keep_apart(store, proposal.proposal_id, actor="ana", reason="other day")
    run_clustering(store)
    assert kept == cross.cluster_id and not corrections.proposals(store, cross.cluster_id)
    corrections.undo(store, actor="ana")  # the proposal is open again
    [again] = corrections.proposals(store, cross.cluster_id)
    joined = corrections.accept_proposal(store, again.proposal_id, actor="ana")
    assert set(store.cluster(joined).claim_ids) == {*cross.claim_ids, *proposal.claim_ids}
    assert store.cluster(joined).needs_rereview
    run_clustering(store)
    assert set(store.cluster(joined).claim_ids) == {*cross.claim_ids, *proposal.claim_ids}
    assert audit.verify(store).ok
