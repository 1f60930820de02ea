"""Tests for claims.cluster (compatibility module): k-NN graph, single linkage, review clusters."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import adjusted_rand_score

import claims.match.candidates as cluster_module
from claims.cluster import (
    DEFAULT_THRESHOLD,
    cluster_claims,
    cluster_embeddings,
    knn_graph,
    validate_threshold,
)
from claims.embed import Encoder, embed_texts
from claims.model import Claim, claim_id_for, cluster_id_for

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "expected_matches.json"


def _claim(article: str, text: str, position: int) -> Claim:
    start = position * 1000
    return Claim(
        claim_id=claim_id_for(article, start, start + len(text)),
        article_id=article,
        text=text,
        start=start,
        end=start + len(text),
        context_start=start,
        context_end=start + len(text),
        score=0.5,
        position=position,
    )


def planted(n: int, dim: int, *, seed: int, noise: float = 0.4) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors around random centres (clusters of 1-8) with a shared offset."""
    rng = np.random.default_rng(seed)
    sizes = np.minimum(rng.geometric(0.35, size=n), 8)
    labels = np.repeat(np.arange(n), sizes)[:n]
    centres = rng.standard_normal((n, dim)).astype(np.float32)
    vectors = centres[labels] / np.sqrt(dim) + rng.standard_normal((n, dim)).astype(np.float32) * (
        noise / np.sqrt(dim)
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors += 0.9 * rng.standard_normal(dim).astype(np.float32) / np.sqrt(dim)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32), labels


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.5, float("nan")])
def test_threshold_outside_unit_interval_is_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match=r"threshold must be in \(0, 1\]") as info:
        validate_threshold(bad)
    assert "\n" not in str(info.value)
    with pytest.raises(ValueError, match="threshold"):
        cluster_embeddings(np.eye(3, dtype=np.float32), threshold=bad)
    with pytest.raises(ValueError, match="threshold"):
        cluster_claims([_claim("A", "x", 0)], np.eye(1, 3, dtype=np.float32), threshold=bad)


def test_validate_threshold_accepts_one_and_default() -> None:
    assert validate_threshold(1) == 1.0
    assert validate_threshold(DEFAULT_THRESHOLD) == DEFAULT_THRESHOLD


def test_empty_inputs() -> None:
    assert cluster_claims([], np.zeros((0, 8), dtype=np.float32)) == []
    assert cluster_embeddings(np.zeros((0, 8), dtype=np.float32), threshold=0.5).shape == (0,)


def test_embedding_count_must_match_claims() -> None:
    with pytest.raises(ValueError, match="2 embeddings for 1 claims"):
        cluster_claims([_claim("A", "x", 0)], np.eye(2, 4, dtype=np.float32))


def test_knn_graph_is_exact_on_small_input() -> None:
    vectors, _ = planted(300, 16, seed=1)
    indices, cosines = knn_graph(vectors, k=5)
    full = vectors @ vectors.T
    np.fill_diagonal(full, -np.inf)
    expected = np.sort(full, axis=1)[:, ::-1][:, :5]
    np.testing.assert_allclose(cosines, expected, atol=1e-5)
    assert not (indices == np.arange(300)[:, None]).any()


def test_cluster_embeddings_matches_sklearn_single_linkage() -> None:
    vectors, truth = planted(5000, 64, seed=2)
    threshold = 0.8
    labels = cluster_embeddings(vectors, threshold=threshold)
    reference = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="single", distance_threshold=1 - threshold
    ).fit_predict(vectors)
    assert adjusted_rand_score(reference, labels) >= 0.99
    assert adjusted_rand_score(truth, labels) >= 0.95
    assert labels[0] == 0
    assert len(labels) == 5000


@pytest.mark.parametrize("flat_ivf_max_rows", [10_000, 1000])
def test_cluster_embeddings_approximate_paths(
    monkeypatch: pytest.MonkeyPatch, flat_ivf_max_rows: int
) -> None:
    # Force the faiss IVF-Flat / IVF-PQ paths on a small input: they must agree
    # with the exact one.
    vectors, _ = planted(5000, 64, seed=3)
    monkeypatch.setattr(cluster_module, "EXACT_MAX_ROWS", 5000)
    exact = cluster_embeddings(vectors, threshold=0.8)
    monkeypatch.setattr(cluster_module, "EXACT_MAX_ROWS", 1000)
    monkeypatch.setattr(cluster_module, "FLAT_IVF_MAX_ROWS", flat_ivf_max_rows)
    approximate = cluster_embeddings(vectors, threshold=0.8)
    assert adjusted_rand_score(exact, approximate) >= 0.95


def test_cluster_embeddings_threshold_one_keeps_distinct_rows_apart() -> None:
    vectors, _ = planted(200, 16, seed=4)
    assert len(set(cluster_embeddings(vectors, threshold=1.0).tolist())) == 200


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5)), min_size=1, max_size=30),
    st.integers(0, 10_000),
    st.floats(min_value=0.05, max_value=1.0),
)
def test_every_claim_in_exactly_one_cluster(
    spec: list[tuple[int, int]], seed: int, threshold: float
) -> None:
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((6, 12)).astype(np.float32)
    claims = [
        _claim(f"A{article}", f"topic {topic} claim {i}", i)
        for i, (article, topic) in enumerate(spec)
    ]
    vectors = topics[[topic for _, topic in spec]] + 0.1 * rng.standard_normal(
        (len(spec), 12)
    ).astype(np.float32)
    clusters = cluster_claims(claims, vectors, threshold=threshold)
    members = [cid for cluster in clusters for cid in cluster.claim_ids]
    assert sorted(members) == sorted(c.claim_id for c in claims)
    for cluster in clusters:
        assert cluster.cluster_id == cluster_id_for(cluster.claim_ids)
    assert clusters == cluster_claims(claims, vectors, threshold=threshold)  # deterministic


def test_translations_cluster_without_unrelated_claims(encoder: Encoder) -> None:
    claims = [
        _claim("kk", "Бітімгерлік күштер әскери операцияларға қатыспайды.", 0),
        _claim("kk", "Алматыда ертең жаңбыр жауады.", 1),
        _claim("ru", "Миротворческие силы не участвуют в военных операциях.", 0),
        _claim("ru", "Цены на хлеб выросли на десять процентов.", 1),
        _claim("en", "Peacekeeping forces do not take part in military operations.", 0),
        _claim("en", "The football club signed a new goalkeeper.", 1),
    ]
    vectors = embed_texts([c.text for c in claims], encoder)
    clusters = cluster_claims(claims, vectors)
    by_claim = {cid: c for c in clusters for cid in c.claim_ids}
    assert by_claim[claims[0].claim_id] == by_claim[claims[2].claim_id]
    assert set(by_claim[claims[0].claim_id].claim_ids) == {claims[i].claim_id for i in (0, 2, 4)}
    assert clusters[0].claim_ids[0] == claims[0].claim_id  # ordered by first member


def test_no_chaining_along_a_path() -> None:
    # Points 20 degrees apart along a circle, alternating between two articles:
    # each is close to the next, so single linkage would chain all 18 together.
    angles = np.radians(20.0 * np.arange(18))
    vectors = np.zeros((18, 16), dtype=np.float32)
    vectors[:, 0], vectors[:, 1] = np.cos(angles), np.sin(angles)
    claims = [_claim(f"A{i % 2}", f"{i:x}" * 3, i) for i in range(18)]
    assert len(set(cluster_embeddings(vectors, threshold=0.9).tolist())) == 1
    clusters = cluster_claims(claims, vectors, threshold=0.3)
    assert max(len(c.claim_ids) for c in clusters) <= 2


def test_near_duplicates_in_one_article_collapse(encoder: Encoder) -> None:
    matches = json.loads(SEEDS.read_text(encoding="utf-8"))
    first, second = matches["same_article_duplicates"][0]["texts"]
    claims = [
        _claim("a", first, 0),
        _claim("a", second, 1),
        _claim("a", "Виртуалды кездесу еуропалық тараптың бастамасымен өтті", 2),
    ]
    clusters = cluster_claims(claims, embed_texts([c.text for c in claims], encoder))
    assert [len(c.claim_ids) for c in clusters] == [2, 1]


def test_cluster_membership_does_not_depend_on_input_order(encoder: Encoder) -> None:
    matches = json.loads(SEEDS.read_text(encoding="utf-8"))
    claims = [_claim("a", p["a"], i) for i, p in enumerate(matches["must_match"])]
    claims += [_claim("b", p["b"], i) for i, p in enumerate(matches["must_match"])]
    vectors = embed_texts([c.text for c in claims], encoder)
    forward = {frozenset(c.claim_ids) for c in cluster_claims(claims, vectors)}
    backward = {frozenset(c.claim_ids) for c in cluster_claims(claims[::-1], vectors[::-1])}
    assert forward == backward


def test_scale_path_neighbours_do_not_depend_on_search_blocks_or_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The PQ fast-scan path searches in blocks and trains on one thread (perf only): the
    # neighbours must equal one unblocked search of an index trained on every thread.
    import faiss

    vectors, _ = planted(3000, 64, seed=5)
    monkeypatch.setattr(cluster_module, "EXACT_MAX_ROWS", 500)
    monkeypatch.setattr(cluster_module, "FLAT_IVF_MAX_ROWS", 1000)
    monkeypatch.setattr(cluster_module, "_SEARCH_BLOCK", 257)
    blocked, _ = knn_graph(vectors, k=8)
    threads = faiss.omp_get_max_threads()
    monkeypatch.setattr(cluster_module, "_SEARCH_BLOCK", 10**9)
    monkeypatch.setattr(cluster_module, "_one_thread", contextlib.nullcontext)
    whole, _ = knn_graph(vectors, k=8)
    assert np.array_equal(blocked, whole)
    assert faiss.omp_get_max_threads() == threads
