"""align_clusters: links only across sources, relations from score and hints."""

from __future__ import annotations

from datetime import date

import numpy as np

from claims.match import align_clusters
from claims.model import Article, Claim, Cluster, Hint


def _article(aid: str, source: str, text: str) -> Article:
    return Article(aid, source, "t", text, "kk", "h" + aid, date(2025, 4, 8))


def _claim(cid: str, article: Article) -> Claim:
    return Claim(cid, article.article_id, article.text, 0, len(article.text), 0, len(article.text))


def test_links_cross_sources_with_relations() -> None:
    a = _article("A1", "one", "300 үй су астында қалды.")
    b = _article("A2", "two", "900 домов оказались под водой.")
    c = _article("A3", "one", "Су тасқыны түнде басталды.")
    claims = [_claim("K1", a), _claim("K2", b), _claim("K3", c)]
    vectors = np.array([[1.0, 0.0], [0.95, 0.05], [0.9, 0.3]])
    links = align_clusters(
        [Cluster("C1", ("K1", "K2", "K3"))],
        claims,
        vectors,
        articles={x.article_id: x for x in (a, b, c)},
    )
    pairs = {(link.claim_a, link.claim_b): link for link in links}
    assert ("K1", "K3") not in pairs  # same source
    assert pairs[("K1", "K2")].relation == "conflict"
    assert any(h.kind == "number" for h in pairs[("K1", "K2")].hints)


def test_injected_checker_decides_same() -> None:
    a = _article("A1", "one", "Қаза тапқандар жоқ.")
    b = _article("A2", "two", "No one was killed.")
    claims = [_claim("K1", a), _claim("K2", b)]

    def no_hints(pairs: object, *, articles: object) -> list[tuple[Hint, ...]]:
        return [() for _ in pairs]  # type: ignore[attr-defined]

    links = align_clusters(
        [Cluster("C1", ("K2", "K1"))],
        claims,
        np.array([[1.0, 0.0], [1.0, 0.0]]),
        articles={"A1": a, "A2": b},
        checker=no_hints,
    )
    assert [(lk.claim_a, lk.claim_b, lk.relation) for lk in links] == [("K1", "K2", "same")]


_KK_THAW = (
    "Темірболатов бөгеттің бұзылуына күрт жылыну мен нөсер жаңбырдан кейін өзенге құйылған "
    "судың күтпеген көлемі себеп болғанын айтты."
)
_KK_ICE = (
    "Облыстық төтенше жағдайлар департаментінің бастығы Асқар Темірболатов енді бөгеттің "
    "бұзылуына су тастағыш арнаның мұз бен қоқысқа бітеліп қалуы себеп болғанын мойындады."
)


def test_a_changed_cause_is_a_conflict_even_when_the_later_report_says_now() -> None:
    base = _article("A1", "one", _KK_THAW)
    later = Article("A2", "two", "t", _KK_ICE, "kk", "hA2", date(2026, 4, 7))
    claims = [_claim("K1", base), _claim("K2", later)]
    (link,) = align_clusters(
        [Cluster("C1", ("K1", "K2"))],
        claims,
        np.array([[1.0, 0.0], [0.9, 0.1]]),
        articles={"A1": base, "A2": later},
    )
    assert link.relation == "conflict"
    (cause,) = [h for h in link.hints if h.kind == "cause"]
    assert "мұз бен қоқысқа" in dict(cause.values)["K2"]


def test_a_later_step_without_a_cause_hint_stays_related() -> None:
    base = _article("A1", "one", "Бөгеттің бұзылуына нөсер жаңбыр себеп болды.")
    later = Article(
        "A2", "two", "t", "Бөгет енді толық қалпына келтірілді.", "kk", "hA2", date(2026, 4, 7)
    )
    claims = [_claim("K1", base), _claim("K2", later)]
    (link,) = align_clusters(
        [Cluster("C1", ("K1", "K2"))],
        claims,
        np.array([[1.0, 0.0], [0.9, 0.1]]),
        articles={"A1": base, "A2": later},
    )
    assert link.relation == "related"
