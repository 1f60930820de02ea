"""The application's data flow over a real store and the real default encoder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import workbench.pipeline as pipeline
from workbench.errors import InvalidInputError
from workbench.pipeline import add_document, ingest_paths, run_clustering
from workbench.store import Store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def test_jsonl_upload_stores_every_record(store: Store) -> None:
    records = [
        {"title": "Бірінші", "text": "Үкімет салықты 5 пайызға көтерді.", "source": "a.kz"},
        {
            "title": "Второй",
            "text": "Правительство повысило налог на 7 процентов.",
            "source": "b.ru",
        },
    ]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")
    report = add_document(store, data, name="upload.jsonl")
    assert report.ok and len(report.stored) == 2
    assert {a.source for a in store.articles()} == {"a.kz", "b.ru"}
    assert report.claims == len(store.claims()) >= 2


def test_bad_upload_is_one_error_and_stores_nothing(store: Store) -> None:
    report = add_document(store, b"\x00\x01\x02" * 100, name="blob.txt")
    assert not report.ok
    assert report.errors[0][0] == "blob.txt" and "\n" not in report.errors[0][1]
    assert store.articles() == []


def test_one_failing_article_does_not_cost_the_batch(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Бірінші мақала.\n\nҮкімет 5 жаңа мектеп салды.", "utf-8")
    (folder / "b.txt").write_text("Екінші мақала.\n\nБОМБА деген сөз сегментті сындырады.", "utf-8")
    real = pipeline.extract_claims

    def flaky(
        text: str, *, article_id: str, language: str = "kk", title: str | None = None
    ) -> list:  # type: ignore[type-arg]
        if "БОМБА" in text:
            raise RuntimeError("segmenter exploded")
        return real(text, article_id=article_id, language=language, title=title)

    monkeypatch.setattr(pipeline, "extract_claims", flaky)
    report = ingest_paths(store, [folder])
    assert len(report.stored) == 1
    assert len(report.errors) == 1 and report.errors[0][0].endswith("b.txt")
    assert "segmenter exploded" in report.errors[0][1]
    assert len(store.articles()) == 1


def test_clustering_needs_claims(store: Store) -> None:
    with pytest.raises(InvalidInputError, match="no claims"):
        run_clustering(store)


def test_dry_run_writes_no_clusters_and_cache_makes_second_run_free(store: Store) -> None:
    assert ingest_paths(store, sorted(SEEDS.glob("0*.txt"))).ok
    preview = run_clustering(store, dry_run=True)
    assert preview.dry_run and store.clusters() == []
    assert preview.embedded == len({c.text for c in store.claims()}) > 0
    assert preview.report.new == preview.clusters > 0
    first = run_clustering(store)
    assert first.embedded == 0  # the dry run already filled the embedding cache
    assert len(store.clusters()) == first.clusters == preview.clusters
    assert sum(len(c.claim_ids) for c in store.clusters()) == first.claims
    second = run_clustering(store)
    assert second.embedded == 0
    assert second.report.unchanged == second.clusters and second.report.new == 0


def test_progress_is_reported_from_zero_to_done(store: Store) -> None:
    assert ingest_paths(store, sorted(SEEDS.glob("0*.txt"))).ok
    seen: list[tuple[float, str]] = []
    run_clustering(store, on_progress=lambda fraction, stage: seen.append((fraction, stage)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and seen[-1] == (1.0, "done")
    assert any(stage.startswith("embedding ") and 0 < f <= 0.8 for f, stage in seen)
    assert any("/s" in stage for _, stage in seen)  # the rate (and ETA) reach the UI


def test_reclustering_never_dissolves_a_signed_off_cluster(store: Store) -> None:
    from workbench.review import record_verdict, reopen, sign_off

    assert ingest_paths(store, sorted(SEEDS.glob("0*.txt"))).ok
    run_clustering(store)
    cross = next(s for s in store.clusters() if len(set(s.sources)) > 1)
    record_verdict(store, cross.cluster_id, verdict="consistent", reviewer="aigerim")
    sign_off(store, cross.cluster_id, reviewer="daniyar")
    # A strict threshold would split every pair; the signed-off one must survive intact.
    summary = run_clustering(store, threshold=0.99)
    after = store.cluster(cross.cluster_id)
    assert after.claim_ids == cross.claim_ids and after.locked and after.verdict == "consistent"
    members = [cid for s in store.clusters() for cid in s.claim_ids]
    assert sorted(members) == sorted(c.claim_id for c in store.claims())
    assert summary.report.verdicts_to_rereview == 0
    # Once reopened, it is re-clustered like any other.
    reopen(store, cross.cluster_id, reviewer="daniyar", reason="re-check at 0.99")
    run_clustering(store, threshold=0.99)
    assert all(s.cluster_id != cross.cluster_id for s in store.clusters())
