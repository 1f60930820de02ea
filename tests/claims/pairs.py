"""Shared factory for per-link tests: two one-claim articles from two sources."""

from __future__ import annotations

from datetime import date

from claims.compare import LinkStance, link_hints, link_stances
from claims.model import Article, Claim, claim_id_for

__all__ = ["Side", "claim_pair", "hint_kinds", "stance_of"]

Side = tuple[str, str, date]  # (language, claim text, the article's date)
DAY = date(2025, 4, 8)


def claim_pair(
    a: Side, b: Side, *, contexts: tuple[str, str] | None = None
) -> tuple[tuple[Claim, Claim], dict[str, Article]]:
    """Two claims, each the whole text of its own article (or inside the given article text)."""
    articles: dict[str, Article] = {}
    claims: list[Claim] = []
    for n, (language, text, published) in enumerate((a, b)):
        aid = f"A{n}{language}"
        body = contexts[n] if contexts else text
        start = body.index(text)
        articles[aid] = Article(aid, f"src{n}", "t", body, language, aid, published)
        end = start + len(text)
        claims.append(Claim(claim_id_for(aid, start, end), aid, text, start, end, start, end))
    return (claims[0], claims[1]), articles


def hint_kinds(a: Side, b: Side, *, contexts: tuple[str, str] | None = None) -> set[str]:
    """The kinds of the hints :func:`claims.compare.link_hints` puts on the pair."""
    pair, articles = claim_pair(a, b, contexts=contexts)
    (hints,) = link_hints([pair], articles=articles)
    return {h.kind for h in hints}


def stance_of(a: Side, b: Side) -> LinkStance:
    """:func:`claims.compare.link_stances` of the pair."""
    pair, articles = claim_pair(a, b)
    (stance,) = link_stances([pair], articles=articles)
    return stance
