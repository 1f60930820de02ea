"""Store: schema and migrations, articles/claims, embeddings cache, clustering."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.model import (
    Article,
    Claim,
    Cluster,
    Hint,
    article_id_for,
    claim_id_for,
    cluster_id_for,
    text_hash,
)
from tests.workbench import rawdb
from workbench import audit, review, store_embeddings
from workbench.backends import is_postgres
from workbench.errors import InvalidInputError, NotFoundError, WorkbenchError
from workbench.migrations import LATEST_VERSION, MIGRATIONS, migrate
from workbench.store import ClusterState, ReclusterReport, Store, connect

KK = [
    "Президент 60 адаммен кездесті.",
    "Келіссөз екі сағатқа созылды.",
    "Тараптар ынтымақтастықты талқылады.",
]
RU = [
    "Президент встретился с 60 людьми.",
    "Переговоры длились два часа.",
    "Стороны обсудили сотрудничество.",
]
EN = [
    "The president met 60 people.",
    "The talks lasted two hours.",
    "The sides discussed cooperation.",
]


def build(
    sentences: Sequence[str],
    *,
    source: str,
    language: str = "kk",
    url: str | None = None,
    published: date | None = None,
    speaker: str | None = None,
) -> tuple[Article, list[Claim]]:
    """An article whose claims are exactly the given sentences (hand-made, no engine)."""
    text = " ".join(sentences)
    digest = text_hash(source + "\n" + text)
    aid = article_id_for(digest)
    claims, pos = [], 0
    for i, sentence in enumerate(sentences):
        start = text.index(sentence, pos)
        end = pos = start + len(sentence)
        claims.append(
            Claim(
                claim_id_for(aid, start, end),
                aid,
                sentence,
                start,
                end,
                start,
                end,
                speaker=speaker,
                score=0.5 + i / 100,
                position=i,
            )
        )
    article = Article(
        aid, source, f"{source} headline", text, language, digest, published, url, "test"
    )
    return article, claims


def clusters_of(groups: Sequence[Sequence[str]]) -> list[Cluster]:
    """Clusters for the given claim id groups, ids from membership."""
    return [Cluster(cluster_id_for(list(g)), tuple(g)) for g in groups]


def seed(store: Store) -> list[list[Claim]]:
    """Three sources with three aligned claims, clustered by position (3 clusters of 3)."""
    corpus = [
        build(KK, source="kaz.example", language="kk", published=date(2024, 1, 5)),
        build(RU, source="ru.example", language="ru", url="https://ru.example/a"),
        build(EN, source="en.example", language="en", url="https://en.example/a"),
    ]
    for article, claims in corpus:
        assert store.add_article(article, claims)
    per_article = [claims for _, claims in corpus]
    groups = [[cs[i].claim_id for cs in per_article] for i in range(3)]
    store.replace_clustering(clusters_of(groups), {}, actor="pipeline", params={"t": 0.8})
    return per_article


def dump(store: Store) -> list[str]:
    """Every row of the database, as SQL (to prove that a refused call wrote nothing)."""
    return rawdb.dump(store.path)


# -- schema ---------------------------------------------------------------------------------------


def test_open_sets_pragmas_and_schema(tmp_path: Path) -> None:
    Store.open(tmp_path / "wb.db").close()
    conn = connect(str(tmp_path / "wb.db"))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == sorted(m.version for m in MIGRATIONS)  # helpers add 4, 5, 6 apart
    conn.close()


def test_memory_store_works() -> None:
    with Store.open(":memory:") as mem:
        article, claims = build(KK, source="kaz")
        assert mem.add_article(article, claims)
        assert mem.counts()["claims"] == 3


def test_upgrade_from_version_1_keeps_data_and_backfills_audit(store_url: str) -> None:
    path = store_url
    article, claims = build(KK, source="kaz")
    conn = connect(path)
    assert migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, '', 'utf-8', 'x')",
        (
            article.article_id,
            article.source,
            article.title,
            article.text,
            "kk",
            article.content_hash,
        ),
    )
    for c in claims:
        conn.execute(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
            (c.claim_id, c.article_id, c.text, c.start, c.end, c.start, c.end, c.score, c.position),
        )
    conn.close()
    with Store.open(path) as upgraded:
        assert upgraded.claims() == [
            Claim(
                c.claim_id,
                c.article_id,
                c.text,
                c.start,
                c.end,
                c.start,
                c.end,
                None,
                c.score,
                c.position,
            )
            for c in claims
        ]
        assert upgraded.counts()["events"] == 1
        assert audit.verify(upgraded).ok
        assert not upgraded.add_article(article, claims)
        more, more_claims = build(RU, source="ru")
        assert upgraded.add_article(more, more_claims)
        assert audit.verify(upgraded).ok
    if not is_postgres(path):
        conn = connect(path)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        conn.close()


# -- articles and claims --------------------------------------------------------------------------


def test_article_round_trip_and_reingest_adds_nothing(store: Store) -> None:
    article, claims = build(
        KK, source="kaz", url="https://kaz.example/1", published=date(2022, 1, 8), speaker="Тоқаев"
    )
    assert store.add_article(article, claims)
    version, counts = store.data_version(), store.counts()
    assert not store.add_article(article, claims)
    assert store.data_version() == version and store.counts() == counts
    assert store.article(article.article_id) == article
    assert store.articles() == [article]
    assert store.claims(article_id=article.article_id) == claims
    assert store.claim(claims[1].claim_id) == claims[1]
    for loaded in [*store.claims(), store.claim(claims[0].claim_id)]:  # the column types
        spans = (loaded.start, loaded.end, loaded.context_start, loaded.context_end)
        assert all(type(v) is int for v in (*spans, loaded.position))
        assert type(loaded.score) is float and type(loaded.text) is str
    assert counts == {
        "articles": 1,
        "claims": 3,
        "clusters": 0,
        "verdicts": 0,
        "signoffs": 0,
        "events": 1,
    }


def test_failure_midway_leaves_store_as_before(store: Store) -> None:
    first, first_claims = build(EN, source="en")
    store.add_article(first, first_claims)
    before = dump(store)
    article, claims = build(KK, source="kaz")
    broken = [claims[0], Claim(claims[1].claim_id, article.article_id, "wrong", 0, 5, 0, 5)]
    with pytest.raises(InvalidInputError, match="does not match span"):
        store.add_article(article, broken)
    duplicated = [claims[0], claims[0]]
    with pytest.raises(InvalidInputError, match="not stored"):
        store.add_article(article, duplicated)
    assert dump(store) == before
    with pytest.raises(NotFoundError, match="unknown article"):
        store.article(article.article_id)


def test_unknown_ids_raise_not_found(store: Store) -> None:
    seed(store)
    for call in (store.claim, store.cluster, store.cluster_of, store.article):
        with pytest.raises(NotFoundError):
            call("X000")


def test_data_version_grows_on_every_write(store: Store) -> None:
    seen = [store.data_version()]
    per_article = seed(store)
    seen.append(store.data_version())
    store.put_embeddings("m", {"h": np.ones(4, dtype=np.float32)})
    seen.append(store.data_version())
    cid = store.cluster_of(per_article[0][0].claim_id)
    review.record_verdict(store, cid, verdict="consistent", reviewer="ana")
    seen.append(store.data_version())
    assert seen == sorted(seen) and len(set(seen)) == len(seen)


def test_embedding_cache(store: Store) -> None:
    vectors = {text_hash(t): np.random.default_rng(1).random(8).astype(np.float32) for t in KK}
    store.put_embeddings("st:model", vectors)
    got = store.get_embeddings("st:model", [*vectors, "missing"])
    assert set(got) == set(vectors)
    for key, vec in vectors.items():
        assert got[key].dtype == np.float32
        np.testing.assert_array_equal(got[key], vec)
    assert store.get_embeddings("other", list(vectors)) == {}
    store.put_embeddings("st:model", {key: np.zeros(8) for key in vectors})
    np.testing.assert_array_equal(store.get_embeddings("st:model", list(vectors))[key], vec)


def _twelve_vectors(store: Store, *, seed: int) -> dict[str, np.ndarray]:
    """Twelve random 8-d vectors stored for "st:model" (and zeros under the same hashes
    for "other"); returns the "st:model" ones by hash."""
    rng = np.random.default_rng(seed)
    vectors = {f"h{i}": rng.random(8).astype(np.float32) for i in range(12)}
    store.put_embeddings("st:model", vectors)
    store.put_embeddings("other", {k: np.zeros(8, dtype=np.float32) for k in vectors})
    return vectors


@pytest.mark.parametrize("scan_min", [1, 10_000])
def test_embedding_cache_by_scan_or_lookup(
    store: Store, scan_min: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1: most of the model's rows asked for, read by one scan of them and filtered;
    # 10_000: looked up in chunks.  Same vectors; other models' rows and hashes not
    # asked for stay out; a hash asked for twice is answered once.
    monkeypatch.setattr(store_embeddings, "SCAN_MIN", scan_min)
    vectors = _twelve_vectors(store, seed=2)
    asked = [*list(vectors)[:8], "h0", "missing"]
    got = store.get_embeddings("st:model", asked)
    assert set(got) == set(list(vectors)[:8])
    for key, vec in got.items():
        np.testing.assert_array_equal(vec, vectors[key])
    few = store.get_embeddings("st:model", ["h3"])  # 1 of 12 stored: looked up either way
    np.testing.assert_array_equal(few["h3"], vectors["h3"])


@pytest.mark.parametrize("scan_min", [1, 10_000])
def test_embedding_matrix_by_scan_or_lookup(
    store: Store, scan_min: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The vectors get_embeddings gives, as rows in the order asked (a hash asked for twice
    # gets two rows); missing hashes and vectors of another size are zero rows, not found.
    monkeypatch.setattr(store_embeddings, "SCAN_MIN", scan_min)
    vectors = _twelve_vectors(store, seed=3)
    store.put_embeddings("st:model", {"short": np.ones(4, dtype=np.float32)})
    asked = ["h5", "missing", *list(vectors)[:8], "short", "h0"]
    matrix, found = store.get_embedding_matrix("st:model", asked, dim=8)
    assert matrix.dtype == np.float32 and matrix.shape == (len(asked), 8)
    assert found.tolist() == [key in vectors for key in asked]
    for row, key in enumerate(asked):
        np.testing.assert_array_equal(matrix[row], vectors.get(key, np.zeros(8)))
    matrix[0] = 7.0  # the caller's own array
    again, _ = store.get_embedding_matrix("st:model", ["h5"], dim=8)
    np.testing.assert_array_equal(again[0], vectors["h5"])
    short, hit = store.get_embedding_matrix("st:model", ["short", "h1"], dim=4)
    assert hit.tolist() == [True, False] and short[0].tolist() == [1.0] * 4


# -- clustering -----------------------------------------------------------------------------------


def test_replace_clustering_states_and_hints(store: Store) -> None:
    per_article = seed(store)
    states = store.clusters()
    assert len(states) == 3
    first = store.cluster_of(per_article[0][0].claim_id)
    state = store.cluster(first)
    assert isinstance(state, ClusterState)
    assert set(state.claim_ids) == {cs[0].claim_id for cs in per_article}
    assert state.sources == ("en.example", "kaz.example", "ru.example")
    assert state.languages == ("en", "kk", "ru")
    assert (state.verdict, state.version, state.locked, state.needs_rereview) == (
        None,
        0,
        False,
        False,
    )
    hint = Hint(
        "number",
        "60 vs 60",
        (per_article[0][0].claim_id, per_article[1][0].claim_id),
        ((per_article[0][0].claim_id, "60"), (per_article[1][0].claim_id, "60")),
    )
    clusters = [Cluster(s.cluster_id, s.claim_ids) for s in states]
    report = store.replace_clustering(clusters, {first: [hint]}, actor="p", params={})
    assert report == ReclusterReport(3, 3, 0, 0, 0, 0)
    assert store.hints(first) == [hint]
    assert store.cluster(first).hint_kinds == ("number",)


def test_recluster_keeps_unchanged_verdicts_and_flags_changed(store: Store) -> None:
    per_article = seed(store)
    kk, ru, en = per_article
    keep = store.cluster_of(kk[0].claim_id)
    change = store.cluster_of(kk[1].claim_id)
    review.record_verdict(store, keep, verdict="consistent", reviewer="ana")
    old = review.record_verdict(store, change, verdict="partial", reviewer="ana", note="2h")
    review.sign_off(store, keep, reviewer="bob")
    groups = [
        [kk[0].claim_id, ru[0].claim_id, en[0].claim_id],
        [kk[1].claim_id, ru[1].claim_id],
        [en[1].claim_id, kk[2].claim_id, ru[2].claim_id, en[2].claim_id],
    ]
    before = dump(store)
    preview = store.preview_clustering(clusters_of(groups))
    assert dump(store) == before
    report = store.replace_clustering(clusters_of(groups), {}, actor="p", params={"t": 0.7})
    assert report == preview == ReclusterReport(3, 1, 2, 2, 1, 1)
    kept = store.cluster(keep)
    assert (kept.verdict, kept.locked, kept.signed_off_by) == ("consistent", True, "bob")
    for claim in (kk[1], en[1]):
        successor = store.cluster(store.cluster_of(claim.claim_id))
        assert successor.needs_rereview and successor.verdict is None
        previous = [h for h in review.history(store, successor.cluster_id) if h.kind == "previous"]
        assert [(h.ref, h.cluster_id, h.verdict) for h in previous] == [
            (old.verdict_id, change, "partial")
        ]
    untouched = store.cluster(store.cluster_of(kk[1].claim_id))
    with pytest.raises(NotFoundError, match="no longer exists"):
        store.cluster(change)
    assert [h.verdict for h in review.history(store, change)] == ["partial"]
    assert store.counts()["verdicts"] == 2
    # the pointer survives a second re-clustering of a cluster still awaiting re-review
    regroup = [groups[0], [kk[1].claim_id], [ru[1].claim_id], groups[2]]
    report = store.replace_clustering(clusters_of(regroup), {}, actor="p", params={})
    assert report.verdicts_to_rereview == 0
    for claim in (kk[1], ru[1]):
        state = store.cluster(store.cluster_of(claim.claim_id))
        assert state.needs_rereview
        refs = [h.ref for h in review.history(store, state.cluster_id) if h.kind == "previous"]
        assert refs == [old.verdict_id]
    assert untouched.cluster_id not in {s.cluster_id for s in store.clusters()}
    assert audit.verify(store).ok


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda g: [Cluster("Cwrong", tuple(g[0])), *clusters_of(g[1:])], "does not match"),
        (lambda g: clusters_of([g[0], [g[0][0], g[1][0]]]), "more than one cluster"),
        (lambda g: clusters_of([[*g[0], "Kunknown"]]), "unknown claim"),
        (lambda g: [Cluster(cluster_id_for([]), ())], "has no claims"),
    ],
)
def test_invalid_clustering_is_refused(store: Store, mangle: object, message: str) -> None:
    per_article = seed(store)
    groups = [[cs[i].claim_id for cs in per_article] for i in range(3)]
    before = dump(store)
    with pytest.raises(InvalidInputError, match=message):
        store.replace_clustering(mangle(groups), {}, actor="p", params={})  # type: ignore[operator]
    with pytest.raises(InvalidInputError, match="unknown cluster"):
        store.replace_clustering(clusters_of(groups), {"Cnone": []}, actor="p", params={})
    with pytest.raises(InvalidInputError, match="actor"):
        store.replace_clustering(clusters_of(groups), {}, actor=" ", params={})
    assert dump(store) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(0, 3), min_size=9, max_size=9), min_size=1, max_size=4))
def test_reclustering_never_loses_a_verdict(labelings: list[list[int]]) -> None:
    with Store.open(":memory:") as mem:
        per_article = seed(mem)
        ids = [c.claim_id for cs in per_article for c in cs]
        given_verdicts: set[int] = set()
        for labels in labelings:
            for state in mem.clusters():
                rec = review.record_verdict(mem, state.cluster_id, verdict="unclear", reviewer="r")
                given_verdicts.add(rec.verdict_id)
            groups: dict[int, list[str]] = {}
            for claim_id, label in zip(ids, labels, strict=True):
                groups.setdefault(label, []).append(claim_id)
            mem.replace_clustering(clusters_of(list(groups.values())), {}, actor="p", params={})
            current = {frozenset(s.claim_ids) for s in mem.clusters()}
            assert current == {frozenset(g) for g in groups.values()}
            for state in mem.clusters():
                assert state.cluster_id == cluster_id_for(list(state.claim_ids))
                assert state.needs_rereview or state.verdict is not None or not given_verdicts
        with mem.snapshot() as tx:
            stored = {int(r[0]) for r in tx.all("SELECT verdict_id FROM verdicts")}
        assert stored == given_verdicts
        assert audit.verify(mem).ok


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkbenchError, match="cannot open store") as raised:
        Store.open(junk)
    assert "\n" not in str(raised.value)


def test_one_store_shared_by_threads(store: Store) -> None:
    per_article = seed(store)
    ids = [store.cluster_of(c.claim_id) for c in per_article[0]]

    def work(name: str) -> None:
        for i in range(20):
            review.record_verdict(store, ids[i % 3], verdict="unclear", reviewer=name)
            store.clusters()

    threads = [threading.Thread(target=work, args=(f"t{k}",)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.counts()["verdicts"] == 80
    assert sum(s.version for s in store.clusters()) == 80
    assert audit.verify(store).ok
