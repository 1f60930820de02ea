"""Shared factory for per-link tests: two one-claim articles from two sources."""

from __future__ import annotations

from datetime import date

from claims.compare import LinkStance, link_hints, link_stances
from claims.model import Article, Claim, claim_id_for

__all__ = ["Side", "claim_pair", "hint_kinds", "stance_of"]

Side = tuple[str, str, date]  # (language, claim text, the article's date)
DAY = date(2025, 4, 8)


def claim_pair(
    a: Side,
    b: Side,
    *,
    contexts: tuple[str, str] | None = None,
    speakers: tuple[str | None, str | None] = (None, None),
) -> tuple[tuple[Claim, Claim], dict[str, Article]]:
    """Two claims, each the whole text of its own article (or inside the given article text),
    attributed to ``speakers``."""
    articles: dict[str, Article] = {}
    claims: list[Claim] = []
    for n, (language, text, published) in enumerate((a, b)):
        aid = f"A{n}{language}"
        body = contexts[n] if contexts else text
        start = body.index(text)
        articles[aid] = Article(aid, f"src{n}", "t", body, language, aid, published)
        end = start + len(text)
        cid = claim_id_for(aid, start, end)
        claims.append(Claim(cid, aid, text, start, end, start, end, speaker=speakers[n]))
    return (claims[0], claims[1]), articles


def hint_kinds(
    a: Side,
    b: Side,
    *,
    contexts: tuple[str, str] | None = None,
    speakers: tuple[str | None, str | None] = (None, None),
) -> set[str]:
    """The kinds of the hints :func:`claims.compare.link_hints` puts on the pair."""
    pair, articles = claim_pair(a, b, contexts=contexts, speakers=speakers)
    (hints,) = link_hints([pair], articles=articles)
    return {h.kind for h in hints}


def stance_of(a: Side, b: Side) -> LinkStance:
    """:func:`claims.compare.link_stances` of the pair."""
    pair, articles = claim_pair(a, b)
    (stance,) = link_stances([pair], articles=articles)
    return stance
