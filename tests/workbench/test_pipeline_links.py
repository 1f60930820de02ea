"""run_clustering aligns claims inside clusters and stores the links (fake encoder and aligner)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest

from claims.match import Aligner
from claims.model import Article, Claim, Cluster, Hint, Link
from tests.workbench.test_store import EN, KK, RU, build
from workbench import audit, review
from workbench.pipeline import run_clustering
from workbench.store import Store

TOPICS = (KK, RU, EN)


class TopicEncoder:
    """Each sentence becomes the unit vector of its position in KK/RU/EN (translations agree)."""

    model_id = "fake:topics"
    dim = 8

    def encode(self, texts: Sequence[str], *, kind: str = "passage") -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            topic = next(j for lang in TOPICS for j, s in enumerate(lang) if s == text)
            rows[i, topic] = 1.0
            rows[i, 7] = 0.05 * (1 + i % 3)  # translations close, never identical
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


class RecordingAligner:
    """Links the first two cross-source claims of every cluster; the first link is a conflict."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, tuple[int, ...], set[str]]] = []

    def __call__(
        self,
        clusters: Sequence[Cluster],
        claims: Sequence[Claim],
        embeddings: np.ndarray,
        *,
        articles: Mapping[str, Article],
    ) -> list[Link]:
        self.calls.append((len(clusters), len(claims), embeddings.shape, set(articles)))
        source = {c.claim_id: articles[c.article_id].source for c in claims}
        links: list[Link] = []
        for cluster in sorted(clusters, key=lambda c: c.cluster_id):
            ids = sorted(cluster.claim_ids)
            pairs = [(a, b) for a in ids for b in ids if a < b and source[a] != source[b]]
            if not pairs:
                continue
            a, b = pairs[0]
            if not links:
                hint = Hint("number", "60 vs 70", (a, b), ((a, "60"), (b, "70")))
                links.append(Link(cluster.cluster_id, a, b, "conflict", 0.95, (hint,)))
            else:
                links.append(Link(cluster.cluster_id, a, b, "same", 0.9))
        return links


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "wb.db") as opened:
        for sentences, source, lang in ((KK, "kaz", "kk"), (RU, "ru", "ru"), (EN, "en", "en")):
            article, claims = build(sentences, source=source, language=lang)
            assert opened.add_article(article, claims)
        yield opened


def test_aligner_protocol_accepts_the_fake() -> None:
    aligner: Aligner = RecordingAligner()
    assert callable(aligner)


def test_clustering_stores_the_aligners_links_and_derives_cluster_hints(store: Store) -> None:
    aligner = RecordingAligner()
    summary = run_clustering(store, encoder=TopicEncoder(), aligner=aligner)
    assert aligner.calls == [
        (summary.clusters, 9, (9, 8), {a.article_id for a in store.articles()})
    ]
    links = store.all_links()
    assert len(links) == summary.cross_source >= 2
    assert summary.link_counts == {"conflict": 1, "same": len(links) - 1}
    conflict = next(k for k in links if k.relation == "conflict")
    assert store.hints(conflict.cluster_id) == list(conflict.hints)
    for state in store.clusters():
        if len(state.sources) > 1 and state.cluster_id != conflict.cluster_id:
            assert store.hints(state.cluster_id) == []  # a `same` link is no difference
    assert summary.hint_counts == {"number": 1}
    assert audit.verify(store).ok


def test_dry_run_aligns_nothing_and_writes_no_links(store: Store) -> None:
    aligner = RecordingAligner()
    summary = run_clustering(store, encoder=TopicEncoder(), aligner=aligner, dry_run=True)
    assert summary.dry_run and aligner.calls == [] and summary.link_counts == {}
    assert store.all_links() == [] and store.clusters() == []


def test_default_aligner_links_only_across_sources_inside_a_cluster(store: Store) -> None:
    summary = run_clustering(store, encoder=TopicEncoder())
    links = store.all_links()
    assert links and sum(summary.link_counts.values()) == len(links)
    source = {
        c.claim_id: a.source
        for a in store.articles()
        for c in store.claims(article_id=a.article_id)
    }
    for link in links:
        members = store.cluster(link.cluster_id).claim_ids
        assert {link.claim_a, link.claim_b} <= set(members)
        assert source[link.claim_a] != source[link.claim_b]
    # Every cluster's hints name no publication-date distance.
    assert all(
        h.kind != "time" or "apart" not in h.message
        for s in store.clusters()
        for h in store.hints(s.cluster_id)
    )


def test_a_signed_off_cluster_keeps_its_links_across_reclustering(store: Store) -> None:
    run_clustering(store, encoder=TopicEncoder(), aligner=RecordingAligner())
    conflict = next(k for k in store.all_links() if k.relation == "conflict")
    review.record_verdict(store, conflict.cluster_id, verdict="contradictory", reviewer="a")
    review.sign_off(store, conflict.cluster_id, reviewer="b")

    def nothing(
        clusters: Sequence[Cluster],
        claims: Sequence[Claim],
        embeddings: np.ndarray,
        *,
        articles: Mapping[str, Article],
    ) -> list[Link]:
        return []

    run_clustering(store, encoder=TopicEncoder(), aligner=nothing)
    assert store.all_links() == [conflict]
    assert store.hints(conflict.cluster_id) == list(conflict.hints)  # and its hints
    assert audit.verify(store).ok
