"""Shared inputs and checks on what ``claims.ingest.ingest`` yields, for the ingest tests."""

from __future__ import annotations

from pathlib import Path

from claims.ingest import IngestResult, ingest
from claims.model import Article

__all__ = [
    "EN",
    "KK",
    "KK_CP1251",
    "RU",
    "SEEDS",
    "SEED_000",
    "SEED_001",
    "ok_articles",
    "one_article",
    "one_error",
]

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_000 = SEEDS / "000_d584ff334e9af6fb.txt"
SEED_001 = SEEDS / "001_c7d509376adc05ed.txt"

RU = (
    "Президент Казахстана провёл встречу с премьер-министром.\n"
    "Обсуждались вопросы экономики, цены на газ и ёмкость хранилищ."
)
KK = (
    "Мемлекет басшысы Қасым-Жомарт Тоқаев Еуропалық кеңестің президенті "
    "Шарль Мишельмен келіссөз жүргізді. Бұл туралы Ақорда хабарлады."
)
# Kazakh written only with letters cp1251 can represent (і, plain Cyrillic).
KK_CP1251 = "Біз бен сіз бірге жазамыз. Ол мектепте ілім алады, іні де бірге барады."
EN = "The National Bank of Kazakhstan raised its key rate to 16.5 percent on Friday."


def ok_articles(results: list[IngestResult]) -> list[Article]:
    """The articles of ``results``, asserting that none is an error."""
    errors = [r.error for r in results if r.error]
    assert errors == []
    return [r.article for r in results if r.article is not None]


def one_article(path: Path, **kwargs: object) -> Article:
    """Ingest ``path`` and return its one article."""
    articles = ok_articles(list(ingest([path], **kwargs)))  # type: ignore[arg-type]
    assert len(articles) == 1
    return articles[0]


def one_error(path: Path | str, **kwargs: object) -> str:
    """Ingest ``path`` and return its one error line (no article, no line break)."""
    results = list(ingest([path], **kwargs))  # type: ignore[arg-type]
    assert len(results) == 1
    assert results[0].article is None
    assert results[0].error is not None
    assert "\n" not in results[0].error
    return results[0].error
