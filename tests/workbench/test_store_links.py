"""Store: links between aligned claims (migration v4), audited and verified like the rest."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from claims.model import Claim, Hint, Link
from tests.workbench.test_store import KK, RU, build, clusters_of, dump, seed
from workbench import audit, review
from workbench.errors import InvalidInputError
from workbench.migrations import LATEST_VERSION, migrate
from workbench.store import Store, connect


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "wb.db") as opened:
        yield opened


def _pair(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    return (a, b) if a.claim_id < b.claim_id else (b, a)


def links_for(store: Store, per_article: list[list[Claim]]) -> list[Link]:
    """A conflict (number hint with Cyrillic values), a same and a related link."""
    kk, ru, en = per_article
    cid0 = store.cluster_of(kk[0].claim_id)
    cid1 = store.cluster_of(kk[1].claim_id)
    a, b = _pair(kk[0], ru[0])
    number = Hint(
        "number",
        "60 vs 70",
        (a.claim_id, b.claim_id),
        ((a.claim_id, "60 адам"), (b.claim_id, "=70 человек")),
    )
    c, d = _pair(kk[0], en[0])
    e, f = _pair(kk[1], ru[1])
    return [
        Link(cid0, a.claim_id, b.claim_id, "conflict", 0.93, (number,)),
        Link(cid0, c.claim_id, d.claim_id, "same", 0.9),
        Link(cid1, e.claim_id, f.claim_id, "related", 0.81),
    ]


def _recluster(store: Store, links: list[Link] | None) -> None:
    groups = [list(s.claim_ids) for s in store.clusters()]
    store.replace_clustering(clusters_of(groups), {}, actor="pipeline", params={}, links=links)


def test_links_round_trip_and_verify(store: Store) -> None:
    per_article = seed(store)
    links = links_for(store, per_article)
    _recluster(store, links)
    cid0 = links[0].cluster_id
    assert store.links(cid0) == links[:2]
    assert store.links(links[2].cluster_id) == links[2:]
    assert store.all_links() == sorted(links, key=lambda k: k.cluster_id)
    summary = store.link_summaries()[cid0]
    assert (summary.same, summary.related, summary.conflict) == (1, 0, 1)
    assert summary.conflict_kinds == (("number", 1),)
    assert audit.verify(store).ok
    kinds = [e.kind for e in audit.events(store)]
    assert kinds.count("links_stored") == 1


def test_none_keeps_links_and_empty_list_clears_them(store: Store) -> None:
    links = links_for(store, seed(store))
    _recluster(store, links)
    events = store.counts()["events"]
    _recluster(store, None)
    _recluster(store, links)  # the same links again: nothing changed, no links event
    assert store.all_links() == sorted(links, key=lambda k: k.cluster_id)
    assert store.counts()["events"] == events + 2  # two clustering events only
    _recluster(store, [])
    assert store.all_links() == []
    assert audit.verify(store).ok


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda k, o: Link(k.cluster_id, k.claim_b, k.claim_a, k.relation, k.score), "sort"),
        (lambda k, o: Link(k.cluster_id, k.claim_a, o, k.relation, k.score), "members"),
        (lambda k, o: Link(k.cluster_id, k.claim_a, k.claim_b, "agrees", k.score), "relation"),  # type: ignore[arg-type]
        (lambda k, o: Link(k.cluster_id, k.claim_a, k.claim_b, k.relation, 1.5), "outside"),
        (lambda k, o: Link("Cnope", k.claim_a, k.claim_b, k.relation, k.score), "unknown"),
        (
            lambda k, o: Link(
                k.cluster_id, k.claim_a, k.claim_b, "conflict", 0.9, (Hint("number", "x", (o,)),)
            ),
            "another claim",
        ),
    ],
)
def test_a_bad_link_is_refused_and_nothing_is_written(
    store: Store, change: object, message: str
) -> None:
    per_article = seed(store)
    good = links_for(store, per_article)
    outsider = per_article[2][2].claim_id
    before = dump(store)
    bad = change(good[1], outsider)  # type: ignore[operator]
    with pytest.raises(InvalidInputError, match=message):
        _recluster(store, [good[0], bad])
    assert dump(store) == before


def test_a_link_given_twice_is_refused(store: Store) -> None:
    links = links_for(store, seed(store))
    with pytest.raises(InvalidInputError, match="twice"):
        _recluster(store, [links[0], links[0]])


def test_signed_off_cluster_keeps_its_links_until_reopened(store: Store) -> None:
    links = links_for(store, seed(store))
    _recluster(store, links)
    cid0 = links[0].cluster_id
    review.record_verdict(store, cid0, verdict="contradictory", reviewer="aigerim")
    review.sign_off(store, cid0, reviewer="daniyar")
    _recluster(store, [])  # a new alignment finds nothing
    assert store.links(cid0) == links[:2]
    assert store.links(links[2].cluster_id) == []
    review.reopen(store, cid0, reviewer="daniyar", reason="new alignment")
    _recluster(store, [])
    assert store.links(cid0) == []
    assert audit.verify(store).ok


def test_editing_a_link_behind_the_store_is_reported_by_verify(store: Store) -> None:
    links = links_for(store, seed(store))
    _recluster(store, links)
    conn = sqlite3.connect(store.path)
    conn.execute("UPDATE links SET relation = 'same' WHERE relation = 'conflict'")
    conn.commit()
    conn.close()
    report = audit.verify(store)
    assert not report.ok
    assert any(f"links of cluster {links[0].cluster_id}" in p for p in report.problems)


def test_deleting_links_behind_the_store_is_reported_by_verify(store: Store) -> None:
    links = links_for(store, seed(store))
    _recluster(store, links)
    conn = sqlite3.connect(store.path)
    conn.execute("DELETE FROM links")
    conn.commit()
    conn.close()
    problems = audit.verify(store).problems
    assert any("in the audit log but missing from the store" in p for p in problems)


def test_split_carries_the_links_whose_claims_stay_together(store: Store) -> None:
    per_article = seed(store)
    links = links_for(store, per_article)
    _recluster(store, links)
    en = per_article[2]
    kept, _ = review.split_cluster(store, links[0].cluster_id, [en[0].claim_id], actor="aigerim")
    assert store.links(kept) == [
        Link(kept, links[0].claim_a, links[0].claim_b, "conflict", 0.93, links[0].hints)
    ]
    merged = review.merge_clusters(store, [kept, store.cluster_of(en[0].claim_id)], actor="aigerim")
    # Merged back to the membership it had: the cluster has its id and its own links again.
    assert merged == links[0].cluster_id and store.links(merged) == links[:2]
    assert audit.verify(store).ok


def test_moving_a_claim_drops_its_links_from_the_cluster_it_left(store: Store) -> None:
    per_article = seed(store)
    links = links_for(store, per_article)
    _recluster(store, links)
    kk, ru = per_article[0], per_article[1]
    moved_from = store.cluster_of(kk[1].claim_id)
    review.move_claim(store, kk[1].claim_id, to_cluster=links[0].cluster_id, actor="aigerim")
    assert store.links(store.cluster_of(ru[1].claim_id)) == []  # kk[1]-ru[1] link left with it
    target = store.cluster_of(kk[1].claim_id)
    assert [(k.claim_a, k.claim_b) for k in store.links(target)] == [
        (k.claim_a, k.claim_b) for k in links[:2]
    ]
    assert moved_from not in {s.cluster_id for s in store.clusters()}
    assert audit.verify(store).ok


def test_reading_round_trips(store: Store) -> None:
    article, claims = build(KK, source="kaz")
    first = claims[0]
    read = Claim(
        first.claim_id,
        first.article_id,
        first.text,
        first.start,
        first.end,
        first.context_start,
        first.context_end,
        score=first.score,
        position=first.position,
        reading=first.text[:-1] + " [күзетті].",
    )
    assert store.add_article(article, [read, *claims[1:]])
    assert store.claim(first.claim_id).reading == read.reading
    assert store.claim(first.claim_id).read == read.reading
    assert store.claim(claims[1].claim_id).reading is None


def test_upgrade_from_version_3_adds_links_and_reading(tmp_path: Path) -> None:
    path = str(tmp_path / "v3.db")
    conn = connect(path)
    assert migrate(conn, target=1) == 1
    article, claims = build(KK, source="kaz")
    other, other_claims = build(RU, source="ru")
    for art in (article, other):
        conn.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, '', 'utf-8', 'x')",
            (art.article_id, art.source, art.title, art.text, "kk", art.content_hash),
        )
    for c in [*claims, *other_claims]:
        conn.execute(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
            (c.claim_id, c.article_id, c.text, c.start, c.end, c.start, c.end, c.score, c.position),
        )
    assert migrate(conn, target=3) == 3
    assert "links" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    with Store.open(path) as upgraded:
        assert [c.reading for c in upgraded.claims()] == [None] * 6
        a, b = sorted([claims[0].claim_id, other_claims[0].claim_id])
        groups = clusters_of([[a, b]])
        link = Link(groups[0].cluster_id, a, b, "same", 0.95)
        upgraded.replace_clustering(groups, {}, actor="pipeline", params={}, links=[link])
        assert upgraded.links(groups[0].cluster_id) == [link]
        assert audit.verify(upgraded).ok
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION >= 4
    conn.close()
