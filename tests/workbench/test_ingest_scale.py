"""Ingest at scale (issue 11 item 5): batched writes, no re-segmentation, parallel extraction."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import workbench.pipeline as pipeline
from claims.assemble import legacy_article_id
from claims.ingest import ingest, parse_document
from claims.model import Claim, article_id_for, text_hash
from claims.segment import extract_claims
from workbench.errors import InvalidInputError
from workbench.pipeline import ingest_paths
from workbench.store import Store

TEXTS = [
    f"Мақала {n}.\n\nҮкімет {n} жаңа мектеп салды. Министр {n + 3} ауруханаға барды."
    for n in range(150)  # more than two write batches
]


def _folder(tmp_path: Path, texts: list[str] = TEXTS) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_second_run_does_not_segment_again(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    first = ingest_paths(store, [folder])
    assert len(first.stored) == len(TEXTS) and first.ok
    assert first.claims == len(store.claims()) >= 2 * len(TEXTS)

    def refuse(*args: object, **kwargs: object) -> list[Claim]:
        raise AssertionError("a stored article was segmented again")

    monkeypatch.setattr(pipeline, "extract_claims", refuse)
    before = store.counts()
    second = ingest_paths(store, [folder])
    assert second.ok and second.stored == () and second.claims == 0
    assert sorted(second.duplicates) == sorted(first.stored)
    assert store.counts() == before  # nothing written, not even an event


def test_same_content_twice_in_one_run_is_stored_once(store: Store, tmp_path: Path) -> None:
    folder = _folder(tmp_path, [TEXTS[0], TEXTS[1], TEXTS[0]])
    report = ingest_paths(store, [folder])
    assert len(report.stored) == 2 and len(report.duplicates) == 1
    assert len(store.articles()) == 2


def test_a_refused_article_costs_only_itself_in_its_batch(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, TEXTS[:10])
    real = extract_claims

    def off_span(
        text: str, *, article_id: str, language: str = "kk", title: str | None = None
    ) -> list[Claim]:
        claims = real(text, article_id=article_id, language=language, title=title)
        if "Мақала 4." in text:  # the store refuses a claim whose span is not its text
            claims[0] = dataclasses.replace(claims[0], end=len(text) + 5)
        return claims

    monkeypatch.setattr(pipeline, "extract_claims", off_span)
    report = ingest_paths(store, [folder])
    assert len(report.stored) == 9
    assert len(report.errors) == 1 and report.errors[0][0].endswith("004.txt")
    assert "outside the text" in report.errors[0][1]
    assert len(store.articles()) == 9


def test_add_articles_is_all_or_nothing(store: Store) -> None:
    first, second = (
        parse_document(t.encode("utf-8"), name=f"{n}.txt") for n, t in enumerate(TEXTS[:2])
    )
    broken = dataclasses.replace(pipeline._extract(second)[0], text="не тот текст")
    before = store.counts()
    with pytest.raises(InvalidInputError):
        store.add_articles([(first, pipeline._extract(first)), (second, [broken])])
    assert store.counts() == before
    assert store.add_articles([(first, pipeline._extract(first)), (first, [])]) == [True, False]
    assert [a.article_id for a in store.articles()] == [first.article_id]


def test_workers_store_the_same_as_one_process(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    results = []
    for workers in (1, 2):
        with Store.open(tmp_path / f"w{workers}.db") as store:
            report = ingest_paths(store, [folder], workers=workers)
            results.append((report.stored, report.claims, store.claims()))
    assert results[0] == results[1]
    assert len(results[0][0]) == len(TEXTS)


def test_headline_pages_are_skipped_on_the_second_run(store: Store) -> None:
    # The stored text keeps the headline (issue 8 item 4): its hash must still be stable.
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    first = ingest_paths(store, [seeds])
    assert len(first.stored) == 2 and first.ok
    titles = {a.title for a in store.articles()}
    assert all(a.text.startswith(a.title + "\n") for a in store.articles())
    second = ingest_paths(store, [seeds])
    assert second.stored == () and sorted(second.duplicates) == sorted(first.stored)
    assert {a.title for a in store.articles()} == titles


def test_page_stored_before_headlines_were_kept_is_not_stored_again(
    store: Store, tmp_path: Path
) -> None:
    # A store filled by the older ingest holds the page without its headline line.
    folder = _folder(tmp_path, ["Үкімет жаңа мектептер салды\n\n" + TEXTS[1]])
    (page,) = [r.article for r in ingest(folder.glob("*.txt")) if r.article]
    body = page.text.split("\n\n", 1)[1]
    old = dataclasses.replace(
        page, text=body, content_hash=text_hash(body), article_id=article_id_for(text_hash(body))
    )
    assert legacy_article_id(page) == old.article_id != page.article_id
    assert store.add_article(old, extract_claims(body, article_id=old.article_id), actor="t")
    report = ingest_paths(store, [folder])
    assert report.ok and report.stored == () and report.duplicates == (old.article_id,)
    assert [a.article_id for a in store.articles()] == [old.article_id]
    # A text that does not open with its title never had another id.
    assert legacy_article_id(dataclasses.replace(page, text=body)) is None


def test_an_article_stored_meanwhile_is_not_stored_twice(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an empty store is not looked up per article: another writer's article must still be
    # found when the run writes, and be reported as already stored
    folder = _folder(tmp_path, TEXTS[:3])
    (other,) = [r.article for r in ingest([folder / "002.txt"]) if r.article is not None]
    segment = pipeline.extract_claims

    def meanwhile(text: str, **kwargs: object) -> list[Claim]:
        if not store.has_article(other.article_id):
            store.add_article(other, [], actor="other desk")
        return segment(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "extract_claims", meanwhile)
    report = ingest_paths(store, [folder])
    assert report.ok and len(report.stored) == 2
    assert report.duplicates == (other.article_id,)
    assert len(store.articles()) == 3 and store.claims(article_id=other.article_id) == []
