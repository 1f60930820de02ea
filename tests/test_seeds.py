"""The seed articles through the whole application: files -> store -> clusters -> hints.

The expectations are the hand-made ones in ``seeds/expected_matches.json``: claims a reviewer
must see side by side share a cluster, unrelated claims stay apart, no cluster is a catch-all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from claims.model import Claim
from workbench.pipeline import ingest_paths, run_clustering
from workbench.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
EXPECTED = json.loads((SEEDS / "expected_matches.json").read_text(encoding="utf-8"))


def _cases(kind: str) -> list[object]:
    """The labelled pairs of ``kind``; an ``open`` one is a strict xfail (a known shortfall)."""
    return [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=p["open"]))
        if "open" in p
        else p
        for p in EXPECTED[kind]
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store.open(tmp_path_factory.mktemp("seeds") / "wb.db")
    report = ingest_paths(s, [SEEDS])
    assert report.ok and len(report.stored) == 2, report
    run_clustering(s)
    yield s
    s.close()


def _claim_with(store: Store, text: str) -> Claim:
    """The stored claim overlapping most with ``text`` in its article.

    A labelled sentence may have been split into several atomic claims (the list of guarded
    sites gives one claim per contingent); the one covering most of it stands for it, as in
    ``benchmarks/seed_clusters.py``.
    """
    for article in store.articles():
        at = article.text.find(text)
        if at < 0:
            continue
        end = at + len(text)
        claims = store.claims(article_id=article.article_id)
        best = max(claims, key=lambda c: min(c.end, end) - max(c.start, at))
        assert min(best.end, end) > max(best.start, at), f"no claim overlaps {text[:50]!r}"
        return best
    raise AssertionError(f"{text[:50]!r} is in no stored article")


@pytest.mark.parametrize("pair", _cases("must_match"), ids=lambda p: p["a"][:30])
def test_claims_a_reviewer_must_compare_share_a_cluster(store: Store, pair: dict[str, str]) -> None:
    a, b = _claim_with(store, pair["a"]), _claim_with(store, pair["b"])
    assert a.article_id != b.article_id
    assert store.cluster_of(a.claim_id) == store.cluster_of(b.claim_id), pair["why"]


@pytest.mark.parametrize("pair", _cases("must_not_match"), ids=lambda p: p["a"][:30])
def test_unrelated_claims_stay_apart(store: Store, pair: dict[str, str]) -> None:
    a, b = _claim_with(store, pair["a"]), _claim_with(store, pair["b"])
    assert store.cluster_of(a.claim_id) != store.cluster_of(b.claim_id)


def test_no_catch_all_cluster_and_every_claim_once(store: Store) -> None:
    states = store.clusters()
    members = [cid for s in states for cid in s.claim_ids]
    assert sorted(members) == sorted(c.claim_id for c in store.claims())
    assert max(len(s.claim_ids) for s in states) <= 0.15 * len(members)


def test_csto_pair_is_flagged_as_a_time_difference_not_a_contradiction(store: Store) -> None:
    pair = EXPECTED["must_match"][0]
    assert "бірде-бір оқ" in pair["b"]
    cluster_id = store.cluster_of(_claim_with(store, pair["b"]).claim_id)
    kinds = {h.kind for h in store.hints(cluster_id)}
    assert "time" not in kinds  # two years between the articles is a badge, never a hint
    assert "negation" not in kinds  # both say "did not / will not take part"


def test_single_source_claims_are_marked_as_such(store: Store) -> None:
    sources = {a.article_id: a.source for a in store.articles()}
    for state in store.clusters():
        only_one = len({sources[store.claim(c).article_id] for c in state.claim_ids}) == 1
        has_hint = any(h.kind == "singleton" for h in store.hints(state.cluster_id))
        assert only_one == has_hint, state.cluster_id
