"""After a review write only the named cluster is re-read; the result equals a full read."""

from __future__ import annotations

from pathlib import Path

from tests.workbench.dashboard_store import build_store
from workbench import review, views, views_links
from workbench.live_states import LiveStates
from workbench.pipeline import add_document
from workbench.store import Store


def _fresh_queue(store: Store, corpus: views.Corpus) -> list[views.QueueRow]:
    rows = views.review_queue(corpus, store.clusters())
    return views_links.attention_order(rows, store.link_summaries())


def test_verdicts_patch_one_cluster_and_equal_a_full_read(tmp_path: Path) -> None:
    built = build_store(tmp_path / "wb.db")
    live = LiveStates()
    with Store.open(built.db) as store:
        corpus = views.load_corpus(store)
        before = live.clusters(store, built.db)
        assert before == store.clusters()
        assert live.queue(store, built.db, corpus, before) == _fresh_queue(store, corpus)
        target = built.clusters["weather"]
        review.record_verdict(store, target, verdict="unclear", reviewer="a")
        after = live.clusters(store, built.db)
        assert after == store.clusters()
        assert next(s for s in after if s.cluster_id == target).verdict == "unclear"
        kept = [a is b for a, b in zip(before, after, strict=True)]
        assert kept.count(False) == 1  # only the reviewed cluster was read again
        queue = live.queue(store, built.db, corpus, after)
        assert queue == _fresh_queue(store, corpus)
        review.sign_off(store, target, reviewer="b")
        assert live.clusters(store, built.db) == store.clusters()
        assert live.queue(store, built.db, corpus, live.clusters(store, built.db)) == (
            _fresh_queue(store, corpus)
        )


def test_any_other_write_reads_everything_again(tmp_path: Path) -> None:
    built = build_store(tmp_path / "wb.db")
    live = LiveStates()
    with Store.open(built.db) as store:
        before = live.clusters(store, built.db)
        report = add_document(store, "Үкімет 5 жаңа мектеп салды.".encode(), name="n.txt")
        assert report.stored
        after = live.clusters(store, built.db)
        assert after == store.clusters()
        assert not any(a is b for a, b in zip(before, after, strict=True))
