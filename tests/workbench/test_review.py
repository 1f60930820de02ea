"""Review: verdicts, optimistic concurrency, four-eyes sign-off, reopen, corrections."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claims.model import Claim, cluster_id_for
from tests.workbench.test_store import dump, seed
from workbench import audit, review
from workbench.errors import (
    ConflictError,
    FourEyesError,
    InvalidInputError,
    LockedError,
    NotFoundError,
    WorkbenchError,
)
from workbench.store import Store


@pytest.fixture
def corpus(store: Store) -> list[list[Claim]]:
    return seed(store)


def first_cluster(store: Store, corpus: list[list[Claim]]) -> str:
    return store.cluster_of(corpus[0][0].claim_id)


def test_verdict_history_is_append_only(store: Store, corpus: list[list[Claim]]) -> None:
    cid = first_cluster(store, corpus)
    one = review.record_verdict(store, cid, verdict="partial", reviewer="ana", note="numbers")
    two = review.record_verdict(
        store, cid, verdict="consistent", reviewer="bob", expected_version=1
    )
    assert (one.version, two.version) == (1, 2)
    state = store.cluster(cid)
    assert (state.verdict, state.reviewer, state.note, state.version) == (
        "consistent",
        "bob",
        "",
        2,
    )
    entries = review.history(store, cid)
    assert [(e.kind, e.verdict, e.actor, e.note) for e in entries] == [
        ("verdict", "partial", "ana", "numbers"),
        ("verdict", "consistent", "bob", ""),
    ]


def test_stale_version_conflict_names_the_winner(store: Store, corpus: list[list[Claim]]) -> None:
    cid = first_cluster(store, corpus)
    seen = store.cluster(cid).version
    review.record_verdict(store, cid, verdict="partial", reviewer="Айгүл", expected_version=seen)
    before = dump(store)
    with pytest.raises(ConflictError, match=f"cluster {cid} was changed by Айгүл meanwhile"):
        review.record_verdict(store, cid, verdict="unclear", reviewer="bob", expected_version=seen)
    assert dump(store) == before


def test_sign_off_four_eyes_lock_and_reopen(store: Store, corpus: list[list[Claim]]) -> None:
    cid = first_cluster(store, corpus)
    verdict = review.record_verdict(store, cid, verdict="consistent", reviewer="Ana")
    with pytest.raises(FourEyesError, match="another editor"):
        review.sign_off(store, cid, reviewer=" ana ")
    signed = review.sign_off(store, cid, reviewer="bob")
    assert (signed.verdict_id, signed.verdict, signed.reviewer) == (
        verdict.verdict_id,
        "consistent",
        "bob",
    )
    state = store.cluster(cid)
    assert state.locked and state.signed_off_by == "bob" and state.signed_off_at == signed.signed_at
    with pytest.raises(LockedError, match=r"signed off by bob .*reopen it"):
        review.record_verdict(store, cid, verdict="partial", reviewer="carl")
    with pytest.raises(LockedError):
        review.sign_off(store, cid, reviewer="carl")
    review.reopen(store, cid, reviewer="bob", reason="new source contradicts")
    assert not store.cluster(cid).locked
    review.record_verdict(store, cid, verdict="contradictory", reviewer="carl")
    kinds = [(e.kind, e.actor) for e in review.history(store, cid)]
    assert kinds == [("verdict", "Ana"), ("signoff", "bob"), ("reopen", "bob"), ("verdict", "carl")]
    assert [e.kind for e in audit.events(store, limit=4)] == [
        "verdict_recorded",
        "signed_off",
        "reopened",
        "verdict_recorded",
    ]
    assert audit.verify(store).ok


REFUSED: list[tuple[str, type[WorkbenchError], str, Callable[[Store, str, str], object]]] = [
    (
        "unknown cluster",
        NotFoundError,
        "unknown cluster",
        lambda s, c, o: review.record_verdict(s, "Cnope", verdict="consistent", reviewer="a"),
    ),
    (
        "unknown verdict",
        InvalidInputError,
        "unknown verdict 'true'",
        lambda s, c, o: review.record_verdict(s, c, verdict="true", reviewer="a"),
    ),
    (
        "empty reviewer",
        InvalidInputError,
        "reviewer name",
        lambda s, c, o: review.record_verdict(s, c, verdict="consistent", reviewer="  "),
    ),
    (
        "locked",
        LockedError,
        "reopen it",
        lambda s, c, o: review.record_verdict(s, c, verdict="partial", reviewer="c"),
    ),
    (
        "self sign-off",
        FourEyesError,
        "another editor",
        lambda s, c, o: review.sign_off(s, o, reviewer="A "),
    ),
    (
        "reopen no reason",
        InvalidInputError,
        "reason",
        lambda s, c, o: review.reopen(s, c, reviewer="b", reason=" "),
    ),
    (
        "move locked",
        LockedError,
        "membership",
        lambda s, c, o: review.move_claim(s, s.cluster(c).claim_ids[0], to_cluster=None, actor="x"),
    ),
    (
        "split all",
        InvalidInputError,
        "some but not all",
        lambda s, c, o: review.split_cluster(s, c, s.cluster(c).claim_ids, actor="x"),
    ),
    (
        "merge one",
        InvalidInputError,
        "at least two",
        lambda s, c, o: review.merge_clusters(s, [c, c], actor="x"),
    ),
    (
        "unknown claim",
        NotFoundError,
        "unknown claim",
        lambda s, c, o: review.move_claim(s, "Kzz", to_cluster=None, actor="x"),
    ),
]


@pytest.mark.parametrize(("name", "error", "message", "call"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_calls_write_nothing(
    store: Store,
    corpus: list[list[Claim]],
    name: str,
    error: type[WorkbenchError],
    message: str,
    call: Callable[[Store, str, str], object],
) -> None:
    cid = first_cluster(store, corpus)
    other = store.cluster_of(corpus[0][1].claim_id)
    review.record_verdict(store, cid, verdict="consistent", reviewer="a")
    review.sign_off(store, cid, reviewer="b")
    review.record_verdict(store, other, verdict="partial", reviewer="a")
    before, head, version = dump(store), audit.verify(store).head, store.data_version()
    with pytest.raises(error, match=message) as raised:
        call(store, cid, other)
    assert "\n" not in str(raised.value)
    assert dump(store) == before
    assert audit.verify(store).head == head and store.data_version() == version


def test_sign_off_without_verdict_is_refused(store: Store, corpus: list[list[Claim]]) -> None:
    cid = first_cluster(store, corpus)
    before = dump(store)
    with pytest.raises(InvalidInputError, match=f"cluster {cid} has no verdict to sign off"):
        review.sign_off(store, cid, reviewer="bob")
    with pytest.raises(InvalidInputError, match="not signed off"):
        review.reopen(store, cid, reviewer="bob", reason="why")
    assert dump(store) == before


def test_move_claim_recomputes_ids_and_flags_rereview(
    store: Store, corpus: list[list[Claim]]
) -> None:
    kk, ru, _ = corpus
    a, b = store.cluster_of(kk[0].claim_id), store.cluster_of(kk[1].claim_id)
    old = review.record_verdict(store, a, verdict="consistent", reviewer="ana")
    target = review.move_claim(store, ru[1].claim_id, to_cluster=a, actor="ana")
    moved = store.cluster(target)
    assert set(moved.claim_ids) == {*(c[0].claim_id for c in corpus), ru[1].claim_id}
    assert target == cluster_id_for([*(c[0].claim_id for c in corpus), ru[1].claim_id])
    assert moved.needs_rereview and moved.verdict is None
    assert [h.kind for h in review.history(store, target)] == ["previous", "move"]
    assert review.history(store, target)[0].ref == old.verdict_id
    rest = store.cluster_of(kk[1].claim_id)
    assert rest == cluster_id_for([kk[1].claim_id, corpus[2][1].claim_id])
    assert not store.cluster(rest).needs_rereview  # b had no verdict
    with pytest.raises(NotFoundError, match="no longer exists"):
        review.record_verdict(store, b, verdict="consistent", reviewer="ana")
    alone = review.move_claim(store, ru[1].claim_id, to_cluster=None, actor="ana")
    assert store.cluster(alone).claim_ids == (ru[1].claim_id,)
    assert store.cluster(alone).needs_rereview
    with pytest.raises(InvalidInputError, match="already alone"):
        review.move_claim(store, ru[1].claim_id, to_cluster=None, actor="ana")
    assert audit.verify(store).ok


def test_split_then_merge_restores_the_cluster(store: Store, corpus: list[list[Claim]]) -> None:
    cid = first_cluster(store, corpus)
    members = store.cluster(cid).claim_ids
    review.record_verdict(store, cid, verdict="partial", reviewer="ana")
    rest, split = review.split_cluster(store, cid, [corpus[2][0].claim_id], actor="ana")
    assert store.cluster(split).claim_ids == (corpus[2][0].claim_id,)
    assert len(store.cluster(rest).claim_ids) == 2
    assert store.cluster(rest).needs_rereview and store.cluster(split).needs_rereview
    merged = review.merge_clusters(store, [rest, split], actor="bob")
    assert merged == cid and set(store.cluster(merged).claim_ids) == set(members)
    # the old verdict is the cluster's own again, and the re-review flag says to look at it
    state = store.cluster(merged)
    assert state.verdict == "partial" and state.needs_rereview
    kinds = [e.kind for e in audit.events(store)]
    assert kinds[-2:] == ["cluster_split", "clusters_merged"]
    assert audit.verify(store).ok
